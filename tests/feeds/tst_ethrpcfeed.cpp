// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "anvilnode.h"
#include "ethrpcfeed.h"
#include "sqlitestore.h"
#include "storewriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using AnvilTest::AnvilNode;

namespace {
constexpr qint64 kGenesis = 1'700'000'000;
constexpr int kWaitMs = 20'000;
} // namespace

// The chain feed against real anvil nodes on 127.0.0.1. Each test starts its own nodes and the
// AnvilNode destructor kills them by pid, also when a check fails. Time from each event to its
// alert in the store is printed at the end ("figure:" lines) — figures, not assertions.
class TestEthRpcFeed : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<Storage::StoreWriter> m_writer;
    std::unique_ptr<Feeds::EthRpcFeed> m_feed;
    QMap<QString, QList<qint64>> m_figures;

    std::unique_ptr<Storage::SqliteStore> store() const
    {
        auto s = std::make_unique<Storage::SqliteStore>(m_db);
        return s->open(Storage::AlertStore::Mode::ReadOnly) ? std::move(s) : nullptr;
    }

    QList<Core::Alert> alerts(const QString &rule) const
    {
        Storage::AlertFilter f;
        f.rule = rule;
        auto s = store();
        if (!s) {
            return {};
        }
        const auto page = s->alerts(f, Storage::AlertSort::TimeAsc, 100, std::nullopt);
        return page ? page->alerts : QList<Core::Alert> {};
    }

    qint64 chainAlertCount() const
    {
        Storage::AlertFilter f;
        f.categories = { u"chain"_s };
        auto s = store();
        return s ? s->countAlerts(f).value() : -1;
    }

    Core::ChainObservation status(const QString &node) const
    {
        auto s = store();
        if (s) {
            for (const Core::ChainObservation &o : s->chainStatus().value()) {
                if (o.node == node) {
                    return o;
                }
            }
        }
        return {};
    }

    void startFeed(const QStringList &nodes, QJsonObject settings = {})
    {
        Feeds::FeedConfig c;
        c.id = u"eth"_s;
        c.type = u"eth-rpc"_s;
        settings.insert(u"nodes"_s, QJsonArray::fromStringList(nodes));
        settings.insert(u"chain"_s, u"devnet"_s);
        for (const auto &[key, value] :
            { std::pair { u"interval_s"_s, 0.25 }, { u"expected_block_s"_s, 1.0 },
                { u"stall_factor"_s, 3.0 }, { u"lag_blocks"_s, 3.0 } }) {
            if (!settings.contains(key)) {
                settings.insert(key, value);
            }
        }
        if (!settings.contains(u"ws"_s)) {
            settings.insert(u"ws"_s, false);
        }
        c.settings = settings;
        m_feed = std::make_unique<Feeds::EthRpcFeed>(c, m_writer.get());
        QSignalSpy rounds(m_feed.get(), &Feeds::EthRpcFeed::roundFinished);
        m_feed->start({});
        QVERIFY(rounds.wait(kWaitMs));
    }

    // Waits for the `n`th alert of `rule`; records the time since `since` as a figure.
    bool waitForAlert(const QString &rule, const QElapsedTimer &since, qsizetype n = 1)
    {
        while (since.elapsed() < kWaitMs) {
            if (alerts(rule).size() >= n) {
                m_figures[rule].append(since.elapsed());
                return true;
            }
            QTest::qWait(10);
        }
        return false;
    }

    // Waits until the feed has made `rounds` more rounds.
    void rounds(int n)
    {
        QSignalSpy spy(m_feed.get(), &Feeds::EthRpcFeed::roundFinished);
        QTRY_VERIFY_WITH_TIMEOUT(spy.size() >= n, kWaitMs);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!AnvilTest::anvilAvailable()) {
            QSKIP("anvil is not installed (scripts/install-peers.sh build/peers installs it; "
                  "needs npm)");
        }
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + u".db"_s);
        m_writer = std::make_unique<Storage::StoreWriter>(m_db);
        QVERIFY(m_writer->start());
    }

    void cleanup()
    {
        if (m_feed) {
            m_feed->stop();
        }
        m_feed.reset();
        m_writer.reset();
    }

    void cleanupTestCase()
    {
        for (auto it = m_figures.cbegin(); it != m_figures.cend(); ++it) {
            QStringList ms;
            for (qint64 v : it.value()) {
                ms.append(QString::number(v));
            }
            qInfo().noquote() << u"figure: %1 event→alert ms: %2"_s.arg(it.key(), ms.join(u", "_s));
        }
    }

    void healthyPair()
    {
        AnvilNode a, b;
        QVERIFY(a.start(31337, kGenesis, { u"--no-mining"_s }));
        QVERIFY(b.start(31337, kGenesis, { u"--no-mining"_s }));
        startFeed({ a.url(), b.url() });
        for (int i = 1; i <= 3; ++i) {
            QVERIFY(a.mine(kGenesis + 10 * i));
            QVERIFY(b.mine(kGenesis + 10 * i));
        }
        QTRY_COMPARE_WITH_TIMEOUT(status(b.url()).height, 3, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(status(a.url()).height, 3, kWaitMs);
        rounds(3);
        const Core::ChainObservation o = status(a.url());
        QCOMPARE(o.state, u"healthy"_s);
        QCOMPARE(o.headHash, status(b.url()).headHash);
        QCOMPARE(o.chainId, u"31337"_s);
        QVERIFY(o.clientVersion.startsWith(u"anvil/"_s));
        QCOMPARE(o.peers, -1); // net_peerCount: method not found → n/a
        QCOMPARE(o.toJson().value(u"peers"_s).type(), QJsonValue::Null);
        QCOMPARE(o.pending, 0); // txpool_status is offered
        QVERIFY(!o.gasPriceWei.isEmpty());
        QCOMPARE(o.blockTime, (kGenesis + 30) * 1000);
        QVERIFY(o.latencyMs >= 0);
        QCOMPARE(chainAlertCount(), 0);
        QCOMPARE(m_feed->webSocketCount(), 0); // polling only
        // The Feeds view's bytes: the nodes' JSON-RPC answers (several hundred bytes a round).
        const auto s = store();
        QVERIFY(s);
        const auto feeds = s->feeds();
        QVERIFY(feeds && feeds->size() == 1);
        QVERIFY2(
            feeds->first().bytes > 3 * 200, qPrintable(u"%1 bytes"_s.arg(feeds->first().bytes)));
    }

    // newHeads over WebSocket: with a 60 s poll interval only a pushed head can start a round.
    void webSocketNewHeads()
    {
        AnvilNode a;
        QVERIFY(a.start(31337, kGenesis, { u"--no-mining"_s }));
        startFeed({ a.url() }, QJsonObject { { u"ws"_s, true }, { u"interval_s"_s, 60 } });
        QTRY_COMPARE_WITH_TIMEOUT(m_feed->webSocketCount(), 1, kWaitMs);
        QSignalSpy heads(m_feed.get(), &Feeds::EthRpcFeed::newHead);
        QElapsedTimer t;
        t.start();
        QVERIFY(a.mine(kGenesis + 10));
        QTRY_COMPARE_WITH_TIMEOUT(status(a.url()).height, 1, kWaitMs);
        m_figures[u"ws newHeads → stored height"_s].append(t.elapsed());
        QVERIFY(!heads.isEmpty());
    }

    void fork()
    {
        AnvilNode a, b;
        QVERIFY(a.start(31337, kGenesis, { u"--no-mining"_s }));
        QVERIFY(b.start(31337, kGenesis, { u"--no-mining"_s }));
        QVERIFY(a.mine(kGenesis + 10));
        QVERIFY(b.mine(kGenesis + 10));
        startFeed({ a.url(), b.url() });
        // Given a transaction that only A knows, when both mine block 2 at the same time stamp,
        // then they hold different blocks at height 2.
        QVERIFY(a.call(u"eth_sendTransaction"_s,
                     { QJsonObject { { u"from"_s, AnvilTest::kDev0 }, { u"to"_s, AnvilTest::kDev1 },
                         { u"value"_s, u"0x1"_s } } })
                    .isString());
        QElapsedTimer t;
        t.start();
        QVERIFY(a.mine(kGenesis + 20));
        QVERIFY(b.mine(kGenesis + 20));
        QVERIFY(waitForAlert(u"chain.fork"_s, t));
        const Core::Alert fork = alerts(u"chain.fork"_s).first();
        QCOMPARE(fork.severity, Core::Severity::Critical);
        const QJsonObject raw = QJsonDocument::fromJson(fork.raw).object();
        QCOMPARE(raw.value(u"height"_s).toInteger(), 2);
        const QJsonArray branches = raw.value(u"branches"_s).toArray();
        QCOMPARE(branches.size(), 2);
        const QString hashA = a.call(u"eth_getBlockByNumber"_s, { u"0x2"_s, false })
                                  .toObject()
                                  .value(u"hash"_s)
                                  .toString();
        QCOMPARE(branches.at(0).toObject().value(u"hash"_s).toString(), hashA);
        QCOMPARE(branches.at(0).toObject().value(u"nodes"_s).toArray().at(0).toString(), a.url());
        QCOMPARE(branches.at(1).toObject().value(u"nodes"_s).toArray().at(0).toString(), b.url());
        QTRY_COMPARE_WITH_TIMEOUT(status(b.url()).state, u"forked"_s, kWaitMs);
        // Both go on mining on their branches: the common height moves, still one fork alert.
        QVERIFY(a.mine(kGenesis + 30, 2));
        QVERIFY(b.mine(kGenesis + 30, 1));
        rounds(4);
        QCOMPARE(alerts(u"chain.fork"_s).size(), 1);
        QCOMPARE(alerts(u"chain.reorg"_s).size(), 0);
    }

    void lag()
    {
        AnvilNode a, b;
        QVERIFY(a.start(31337, kGenesis, { u"--no-mining"_s }));
        QVERIFY(b.start(31337, kGenesis, { u"--no-mining"_s }));
        startFeed({ a.url(), b.url() });
        QElapsedTimer t;
        t.start();
        QVERIFY(!a.call(u"anvil_mine"_s, { u"0xa"_s }).isUndefined());
        QVERIFY(waitForAlert(u"chain.lag"_s, t));
        const Core::Alert lag = alerts(u"chain.lag"_s).first();
        QCOMPARE(lag.entity, b.url());
        QCOMPARE(lag.state, u"active"_s);
        QCOMPARE(QJsonDocument::fromJson(lag.raw).object().value(u"lag"_s).toInteger(), 10);
        QTRY_COMPARE_WITH_TIMEOUT(status(b.url()).state, u"lagging"_s, kWaitMs);
        QCOMPARE(status(b.url()).lag, 10);
        QCOMPARE(alerts(u"chain.fork"_s).size(), 0); // B's head matches A's block 0
    }

    void stall()
    {
        AnvilNode a;
        QVERIFY(a.start(31337, kGenesis, { u"--block-time"_s, u"1"_s }));
        startFeed({ a.url() });
        QTRY_VERIFY_WITH_TIMEOUT(status(a.url()).height >= 1, kWaitMs);
        QVERIFY(!a.call(u"evm_setIntervalMining"_s, { 0 }).isUndefined());
        QElapsedTimer t;
        t.start();
        QVERIFY(waitForAlert(u"chain.stall"_s, t)); // 3 × 1 s after the last block
        QCOMPARE(alerts(u"chain.stall"_s).first().entity, a.url());
        QTRY_COMPARE_WITH_TIMEOUT(status(a.url()).state, u"stalled"_s, kWaitMs);
        // Mining again ends it.
        QVERIFY(a.mine(kGenesis + 1000));
        QTRY_COMPARE_WITH_TIMEOUT(status(a.url()).state, u"healthy"_s, kWaitMs);
    }

    void reorg()
    {
        AnvilNode a;
        QVERIFY(a.start(31337, kGenesis, { u"--no-mining"_s }));
        QVERIFY(a.mine(kGenesis + 10, 5));
        startFeed({ a.url() });
        rounds(2);
        const QString old4 = a.call(u"eth_getBlockByNumber"_s, { u"0x4"_s, false })
                                 .toObject()
                                 .value(u"hash"_s)
                                 .toString();
        QElapsedTimer t;
        t.start();
        QVERIFY(!a.call(u"anvil_reorg"_s, { 2, QJsonArray {} }).isUndefined());
        QVERIFY(waitForAlert(u"chain.reorg"_s, t));
        const QJsonObject raw
            = QJsonDocument::fromJson(alerts(u"chain.reorg"_s).first().raw).object();
        QCOMPARE(raw.value(u"depth"_s).toInteger(), 2);
        QCOMPARE(raw.value(u"height"_s).toInteger(), 4);
        QCOMPARE(raw.value(u"old_hash"_s).toString(), old4);
        QCOMPARE(alerts(u"chain.reorg"_s).first().severity, Core::Severity::High);
        // A rollback (blocks removed) is one too.
        t.restart();
        QVERIFY(!a.call(u"anvil_rollback"_s, { 1 }).isUndefined());
        QVERIFY(waitForAlert(u"chain.reorg"_s, t, 2));
        QCOMPARE(QJsonDocument::fromJson(alerts(u"chain.reorg"_s).last().raw)
                     .object()
                     .value(u"depth"_s)
                     .toInteger(),
            1);
    }

    void chainIdMismatch()
    {
        AnvilNode a, b, c;
        QVERIFY(a.start(31337, kGenesis, { u"--no-mining"_s }));
        QVERIFY(b.start(31337, kGenesis, { u"--no-mining"_s }));
        QVERIFY(c.start(1337, kGenesis, { u"--no-mining"_s }));
        QElapsedTimer t;
        t.start();
        startFeed({ a.url(), b.url(), c.url() });
        QVERIFY(waitForAlert(u"chain.chain_id_mismatch"_s, t));
        const auto mismatch = alerts(u"chain.chain_id_mismatch"_s);
        QCOMPARE(mismatch.size(), 1);
        QCOMPARE(mismatch.first().entity, c.url());
        QCOMPARE(status(c.url()).state, u"mismatch"_s);
        QCOMPARE(status(c.url()).chainId, u"1337"_s);
        QCOMPARE(status(a.url()).state, u"healthy"_s);
    }

    void nodeKilledAndRestarted()
    {
        AnvilNode a, b;
        QVERIFY(a.start(31337, kGenesis, { u"--no-mining"_s }));
        QVERIFY(b.start(31337, kGenesis, { u"--no-mining"_s }));
        startFeed({ a.url(), b.url() });
        QElapsedTimer t;
        t.start();
        b.kill();
        QVERIFY(waitForAlert(u"chain.node_down"_s, t));
        QCOMPARE(alerts(u"chain.node_down"_s).first().entity, b.url());
        QTRY_COMPARE_WITH_TIMEOUT(status(b.url()).state, u"down"_s, kWaitMs);
        QVERIFY(!status(b.url()).error.isEmpty());
        QVERIFY(b.restart());
        t.restart();
        QVERIFY(waitForAlert(u"chain.node_up"_s, t));
        const Core::Alert up = alerts(u"chain.node_up"_s).first();
        QCOMPARE(up.entity, b.url());
        QCOMPARE(up.severity, Core::Severity::Info);
        QTRY_COMPARE_WITH_TIMEOUT(status(b.url()).state, u"healthy"_s, kWaitMs);
        QCOMPARE(alerts(u"chain.node_down"_s).size(), 1); // one alert for the whole outage
        // Its recovery updated it (store v3 lifecycle): state resolved, two events.
        QTRY_COMPARE_WITH_TIMEOUT(
            alerts(u"chain.node_down"_s).first().state, u"resolved"_s, kWaitMs);
        auto s = store();
        QVERIFY(s);
        const auto events = s->alertEvents(alerts(u"chain.node_down"_s).first().id);
        QVERIFY(events);
        QCOMPARE(events->size(), 2);
        QCOMPARE(events->at(0).state, u"active"_s);
        QCOMPARE(events->at(1).state, u"resolved"_s);
        QCOMPARE(alerts(u"chain.reorg"_s).size(), 0);
    }

    void largeTransfer()
    {
        AnvilNode a;
        QVERIFY(a.start(31337, kGenesis, { u"--no-mining"_s }));
        startFeed({ a.url() },
            QJsonObject { { u"watch"_s,
                QJsonArray { QJsonObject {
                    { u"address"_s, AnvilTest::kDev1 }, { u"min_value_eth"_s, 100 } } } } });
        // 99.999… ETH (one wei short) and 150 ETH to the watched address, and 1 ETH from it.
        for (const QString &value : { u"0x56bc75e2d630fffff"_s, u"0x821ab0d4414980000"_s }) {
            QVERIFY(a.call(u"eth_sendTransaction"_s,
                         { QJsonObject { { u"from"_s, AnvilTest::kDev0 },
                             { u"to"_s, AnvilTest::kDev1 }, { u"value"_s, value } } })
                        .isString());
        }
        QElapsedTimer t;
        t.start();
        QVERIFY(a.mine(kGenesis + 10));
        QVERIFY(waitForAlert(u"chain.large_transfer"_s, t));
        rounds(3);
        const auto transfers = alerts(u"chain.large_transfer"_s);
        QCOMPARE(transfers.size(), 1);
        const QJsonObject raw = QJsonDocument::fromJson(transfers.first().raw).object();
        QCOMPARE(raw.value(u"value_wei"_s).toString(), u"150000000000000000000"_s);
        QCOMPARE(raw.value(u"value_eth"_s).toString(), u"150"_s);
        QCOMPARE(raw.value(u"direction"_s).toString(), u"in"_s);
        QCOMPARE(transfers.first().entity, AnvilTest::kDev1);
    }
};

QTEST_GUILESS_MAIN(TestEthRpcFeed)
#include "tst_ethrpcfeed.moc"
