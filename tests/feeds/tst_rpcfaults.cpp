// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The eth-rpc chain feed against a JSON-RPC node that misbehaves (issue 9, "peers that
// misbehave"): slow, garbage, truncated, wrong types, wrong ids, huge numbers, a 50 MB body, a
// connection closed mid-answer, HTTP 500 and 429. The misbehaving node is a scripted peer
// (scriptedrpcpeer.h): a mock only because no real node misbehaves on demand; real-node
// behaviour is tested against anvil in tst_ethrpcfeed.
//
// Each row: node A answers properly, node B plays one fault from the start. The feed must turn
// degraded naming B and the fault, store no observation B did not really give (B is "down" with
// no height or hash), raise no chain alert but B's node_down, stay within a bounded amount of
// memory, and turn healthy again once B answers properly.

#include "ethrpcfeed.h"
#include "scriptedrpcpeer.h"
#include "sqlitestore.h"
#include "storewriter.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Mode = Lakeguard::Test::ScriptedRpcPeer::Mode;

namespace {

constexpr int kWaitMs = 30'000;

// Peak resident memory of this process (VmHWM), in KiB; -1 when /proc is not there.
qint64 peakRssKiB()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

} // namespace

class tst_RpcFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static std::unique_ptr<Storage::SqliteStore> openStore(const QString &db)
    {
        auto s = std::make_unique<Storage::SqliteStore>(db);
        return s->open(Storage::AlertStore::Mode::ReadOnly) ? std::move(s) : nullptr;
    }

    static Core::ChainObservation status(const QString &db, const QString &node)
    {
        if (auto s = openStore(db)) {
            if (const auto all = s->chainStatus()) {
                for (const Core::ChainObservation &o : *all) {
                    if (o.node == node) {
                        return o;
                    }
                }
            }
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void misbehavingNode_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<QString>("reason"); // expected in the feed's error, after B's URL

        QTest::addRow("slow") << Mode::Slow << u"no complete answer within 1 s"_s;
        QTest::addRow("garbage") << Mode::Garbage << u"invalid JSON-RPC answer"_s;
        QTest::addRow("truncated") << Mode::Truncated << u"invalid JSON-RPC answer"_s;
        QTest::addRow("wrong-types")
            << Mode::WrongTypes << u"the latest block has no number or hash"_s;
        QTest::addRow("wrong-id") << Mode::WrongId << u"no latest block in the answer"_s;
        QTest::addRow("huge-hex") << Mode::HugeHex << u"implausible block number"_s;
        QTest::addRow("huge-body") << Mode::HugeBody << u"answer larger than 16 MiB"_s;
        QTest::addRow("huge-declared") << Mode::HugeDeclared << u"answer larger than 16 MiB"_s;
        QTest::addRow("close-mid-response") << Mode::CloseMidResponse << u"incomplete answer"_s;
        QTest::addRow("http-500") << Mode::Http500 << u"HTTP 500"_s;
        QTest::addRow("http-429") << Mode::Http429 << u"HTTP 429: the node is rate-limiting"_s;
    }

    void misbehavingNode()
    {
        QFETCH(Mode, mode);
        QFETCH(QString, reason);

        // Given: a store, a good node A and node B playing the fault from its first answer.
        const QString db = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + u".db"_s);
        Storage::StoreWriter writer(db);
        QVERIFY(writer.start());
        Test::ScriptedRpcPeer a;
        Test::ScriptedRpcPeer b;
        QVERIFY(a.listen());
        QVERIFY(b.listen());
        b.setMode(mode);

        Feeds::FeedConfig c;
        c.id = u"eth"_s;
        c.type = u"eth-rpc"_s;
        c.settings = QJsonObject { { u"nodes"_s, QJsonArray { a.url(), b.url() } },
            { u"chain"_s, u"devnet"_s }, { u"interval_s"_s, 0.3 }, { u"timeout_s"_s, 1.0 },
            { u"expected_block_s"_s, 3600.0 }, { u"ws"_s, false } };
        Feeds::EthRpcFeed feed(c, &writer);
        Storage::FeedState state = Storage::FeedState::Stopped;
        QString error;
        connect(&feed, &Feeds::EthRpcFeed::stateChanged, this,
            [&](Storage::FeedState s, const QString &e) {
                state = s;
                error = e;
            });
        QSignalSpy rounds(&feed, &Feeds::EthRpcFeed::roundFinished);
        const qint64 peakBefore = peakRssKiB();

        // When the feed polls both.
        feed.start({});

        // Then it is degraded, naming B and what B did wrong.
        QTRY_COMPARE_WITH_TIMEOUT(state, Storage::FeedState::Degraded, kWaitMs);
        QVERIFY2(error.startsWith(b.url() + u": "_s), qPrintable(error));
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY2(!error.contains(a.url()), qPrintable(error));
        const int roundsSeen = int(rounds.size());
        QTRY_VERIFY_WITH_TIMEOUT(rounds.size() >= roundsSeen + 2, kWaitMs); // it keeps polling
        QCOMPARE(state, Storage::FeedState::Degraded);

        // The store holds what A said, and for B only that it is down (no height or hash).
        const Core::ChainObservation goodA = status(db, a.url());
        QCOMPARE(goodA.state, u"healthy"_s);
        QCOMPARE(goodA.height, 100);
        const Core::ChainObservation downB = status(db, b.url());
        QCOMPARE(downB.state, u"down"_s);
        QCOMPARE(downB.height, -1);
        QVERIFY(downB.headHash.isEmpty());
        QCOMPARE(downB.blockTime, 0);
        QVERIFY2(downB.error.contains(reason), qPrintable(downB.error));
        {
            auto s = openStore(db);
            QVERIFY(s);
            const auto history = s->chainHistory(u"devnet"_s, b.url(), 0, std::numeric_limits<qint64>::max(), 1000);
            QVERIFY(history);
            for (const Storage::ChainHistoryPoint &p : *history) {
                QCOMPARE(p.height, -1);
            }
            Storage::AlertFilter f;
            f.categories = { u"chain"_s };
            const auto page = s->alerts(f, Storage::AlertSort::TimeAsc, 100, std::nullopt);
            QVERIFY(page);
            for (const Core::Alert &alert : page->alerts) {
                QVERIFY2(alert.rule == u"chain.node_down"_s, qPrintable(alert.rule));
                QVERIFY2(alert.title.contains(b.url()) || alert.entity.contains(b.url()),
                    qPrintable(alert.title));
            }
        }

        // Memory stays bounded: a 50 MB body is dropped at the 16 MiB limit, not held whole.
        if (mode == Mode::HugeBody || mode == Mode::HugeDeclared) {
            QVERIFY(b.requests > 0);
            if (peakBefore > 0) {
                const qint64 grownMiB = (peakRssKiB() - peakBefore) / 1024;
                // A figure only: the scripted peer shares this process and holds the 50 MB
                // body itself, so peak RSS (30-48 MiB across runs) cannot tell the feed's share
                // apart. The drop at 16 MiB is asserted through the reason above.
                qInfo("figure: peak RSS grew %lld MiB with a 50 MB answer", grownMiB);
            }
        }

        // When B answers properly again, the feed recovers and B's observation is real.
        b.setMode(Mode::Good);
        QTRY_COMPARE_WITH_TIMEOUT(state, Storage::FeedState::Healthy, kWaitMs);
        QVERIFY(error.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(status(db, b.url()).state, u"healthy"_s, kWaitMs);
        QCOMPARE(status(db, b.url()).height, 100);
        QCOMPARE(status(db, b.url()).headHash, u"0x%1"_s.arg(u"64"_s, 64, u'0'));

        feed.stop();
        writer.stop();
    }
};

QTEST_GUILESS_MAIN(tst_RpcFaults)
#include "tst_rpcfaults.moc"
