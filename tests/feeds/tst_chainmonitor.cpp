// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "chainmonitor.h"
#include "ethrpcquantity.h"
#include "feedconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace Lakeguard::Feeds;

namespace {

const QString kA = u"http://a:8545"_s;
const QString kB = u"http://b:8545"_s;
const QString kC = u"http://c:8545"_s;
const QString kWatched = u"0x70997970c51812dc3a010c7d01b50e0d17dc79c8"_s;

QString hashOf(const QString &branch, qint64 height)
{
    return u"0x%1%2"_s.arg(branch).arg(height, 8, 10, QChar(u'0'));
}

// A node on `branch` at `height`; parent on the same branch.
NodeSample at(const QString &node, qint64 height, const QString &branch = u"main"_s,
    const QString &chainId = u"31337"_s)
{
    NodeSample s;
    s.node = node;
    s.up = true;
    s.chainId = chainId;
    s.height = height;
    s.hash = hashOf(branch, height);
    s.parentHash = hashOf(branch, height - 1);
    s.latencyMs = 3;
    return s;
}

NodeSample down(const QString &node)
{
    NodeSample s;
    s.node = node;
    s.error = u"connection refused"_s;
    return s;
}

ChainMonitorConfig config()
{
    ChainMonitorConfig c;
    c.feed = u"eth"_s;
    c.chain = u"devnet"_s;
    c.expectedBlockMs = 1000;
    c.stallFactor = 5;
    c.lagBlocks = 3;
    c.watch.append({ kWatched, *Uint256::fromEther(u"100") });
    return c;
}

// Fills what heightsWanted() asks for from each node's branch, as the feed does.
QList<NodeSample> answer(
    const ChainMonitor &m, QList<NodeSample> samples, const QHash<QString, QString> &branchOf)
{
    const auto wanted = m.heightsWanted(samples);
    for (NodeSample &s : samples) {
        for (qint64 h : wanted.value(s.node)) {
            s.hashesAt.insert(h, hashOf(branchOf.value(s.node, u"main"_s), h));
        }
    }
    return samples;
}

QList<Core::Alert> withRule(const QList<Core::Alert> &alerts, const QString &rule)
{
    QList<Core::Alert> out;
    for (const Core::Alert &a : alerts) {
        if (a.rule == rule) {
            out.append(a);
        }
    }
    return out;
}

QString stateOf(const ChainMonitor::Outcome &o, const QString &node)
{
    for (const auto &obs : o.observations) {
        if (obs.node == node) {
            return obs.state;
        }
    }
    return {};
}

} // namespace

class TestChainMonitor : public QObject
{
    Q_OBJECT

private slots:
    void uint256_data()
    {
        QTest::addColumn<QString>("hex");
        QTest::addColumn<QString>("decimal");
        QTest::addColumn<QString>("ether");
        QTest::addRow("zero") << u"0x0"_s << u"0"_s << u"0"_s;
        QTest::addRow("one-wei") << u"0x1"_s << u"1"_s << u"0.000000000000000001"_s;
        QTest::addRow("100-eth") << u"0x56bc75e2d63100000"_s << u"100000000000000000000"_s
                                 << u"100"_s;
        QTest::addRow("1.5-eth") << u"0x14d1120d7b160000"_s << u"1500000000000000000"_s << u"1.5"_s;
        // 2^256 - 1: beyond any double's exact range.
        QTest::addRow("max")
            << u"0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"_s
            << u"115792089237316195423570985008687907853269984665640564039457584007913129639935"_s
            << u"115792089237316195423570985008687907853269984665640564039457.584007913129639935"_s;
    }

    void uint256()
    {
        QFETCH(QString, hex);
        QFETCH(QString, decimal);
        QFETCH(QString, ether);
        const auto v = Uint256::fromHex(hex);
        QVERIFY(v);
        QCOMPARE(v->toDecimal(), decimal);
        QCOMPARE(v->toEther(), ether);
        QCOMPARE(Uint256::fromDecimal(decimal), v);
    }

    void uint256Rejects()
    {
        QVERIFY(!Uint256::fromHex(u"12"_s));
        QVERIFY(!Uint256::fromHex(u"0x"_s));
        QVERIFY(!Uint256::fromHex(u"0xzz"_s));
        QVERIFY(!Uint256::fromHex(QString(u"0x1"_s + QString(64, u'0')))); // 2^256 does not fit
        QVERIFY(!Uint256::fromEther(u"1e3"_s));
        QVERIFY(!Uint256::fromEther(u"0.0000000000000000001"_s)); // 19 decimals
        QCOMPARE(Uint256::fromEther(u"0.1"_s)->toDecimal(), u"100000000000000000"_s);
        QVERIFY(*Uint256::fromEther(u"100"_s) > *Uint256::fromEther(u"99.999999999999999999"_s));
        QCOMPARE(hexQuantity(u"0x10"_s), 16);
        QCOMPARE(hexQuantity(u"oops"_s), -1);
    }

    void configFromFeed()
    {
        FeedConfig f;
        f.id = u"eth"_s;
        f.type = u"eth-rpc"_s;
        f.settings = QJsonDocument::fromJson(
            "{\"nodes\":[\"http://a\"],\"expected_block_s\":2,\"lag_blocks\":4,"
            "\"stall_factor\":3,\"chain_id\":1,\"watch\":[{\"address\":"
            "\"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\","
            "\"min_value_eth\":0.1}]}")
                         .object();
        const ChainMonitorConfig c = ChainMonitorConfig::fromFeed(f);
        QCOMPARE(c.chain, u"eth"_s);
        QCOMPARE(c.expectedBlockMs, 2000);
        QCOMPARE(c.stallAfterMs(), 6000);
        QCOMPARE(c.lagBlocks, 4);
        QCOMPARE(c.expectedChainId, u"1"_s);
        QCOMPARE(c.watch.size(), 1);
        QCOMPARE(c.watch.first().address, kWatched);
        // 0.1 ether exactly, not 0.1000000000000000055511151231257827 from a double.
        QCOMPARE(c.watch.first().minWei.toDecimal(), u"100000000000000000"_s);
    }

    void healthyPair()
    {
        ChainMonitor m(config());
        qint64 t = 1'000'000;
        for (qint64 h = 10; h < 15; ++h, t += 1000) {
            const auto o = m.evaluate(answer(m, { at(kA, h), at(kB, h) }, {}), t);
            QVERIFY(o.alerts.isEmpty());
            QCOMPARE(o.observations.size(), 2);
            QCOMPARE(stateOf(o, kA), u"healthy"_s);
            QCOMPARE(o.observations.at(1).lag, 0);
        }
        QCOMPARE(m.bestHeight(), 14);
    }

    void lagIsOneAlertThenResolved()
    {
        ChainMonitor m(config());
        m.evaluate({ at(kA, 10), at(kB, 10) }, 1000);
        auto o = m.evaluate(answer(m, { at(kA, 20), at(kB, 10) }, {}), 2000);
        auto lag = withRule(o.alerts, u"chain.lag"_s);
        QCOMPARE(lag.size(), 1);
        QCOMPARE(lag.first().entity, kB);
        QCOMPARE(lag.first().state, u"active"_s);
        QCOMPARE(lag.first().category, Core::Category::Chain);
        QCOMPARE(lag.first().source, u"chain"_s);
        QCOMPARE(stateOf(o, kB), u"lagging"_s);
        QCOMPARE(o.observations.at(1).lag, 10);
        const QByteArray fingerprint = lag.first().fingerprint;
        QCOMPARE(fingerprint.size(), 32);
        // Still lagging: no second alert.
        o = m.evaluate(answer(m, { at(kA, 21), at(kB, 11) }, {}), 3000);
        QVERIFY(withRule(o.alerts, u"chain.lag"_s).isEmpty());
        // Caught up: the same fingerprint, resolved.
        o = m.evaluate(answer(m, { at(kA, 21), at(kB, 21) }, {}), 4000);
        lag = withRule(o.alerts, u"chain.lag"_s);
        QCOMPARE(lag.size(), 1);
        QCOMPARE(lag.first().state, u"resolved"_s);
        QCOMPARE(lag.first().fingerprint, fingerprint);
        QCOMPARE(stateOf(o, kB), u"healthy"_s);
    }

    void lagAtThresholdIsNoAlert()
    {
        ChainMonitor m(config());
        const auto o = m.evaluate(answer(m, { at(kA, 13), at(kB, 10) }, {}), 1000);
        QVERIFY(withRule(o.alerts, u"chain.lag"_s).isEmpty());
    }

    void forkAtCommonHeight()
    {
        ChainMonitor m(config());
        m.evaluate({ at(kA, 5), at(kB, 5), at(kC, 5) }, 1000);
        // B mined a different block 6 and went on to 7; A and C agree on 6.
        QList<NodeSample> round { at(kA, 6), at(kB, 7, u"side"_s), at(kC, 6) };
        round[1].parentHash = hashOf(u"side"_s, 6);
        const auto wanted = m.heightsWanted(round);
        QVERIFY(wanted.value(kB).contains(6)); // B is asked for its block at the common height
        QVERIFY(!wanted.contains(kA));
        round = answer(m, round, { { kB, u"side"_s } });
        auto o = m.evaluate(round, 2000);
        auto fork = withRule(o.alerts, u"chain.fork"_s);
        QCOMPARE(fork.size(), 1);
        QCOMPARE(fork.first().severity, Core::Severity::Critical);
        QCOMPARE(fork.first().entity, kB); // the minority side
        const QJsonObject raw = QJsonDocument::fromJson(fork.first().raw).object();
        QCOMPARE(raw.value(u"height"_s).toInteger(), 6);
        const QJsonArray branches = raw.value(u"branches"_s).toArray();
        QCOMPARE(branches.size(), 2);
        QCOMPARE(branches.at(0).toObject().value(u"hash"_s).toString(), hashOf(u"main"_s, 6));
        QCOMPARE(branches.at(0).toObject().value(u"nodes"_s).toArray().size(), 2);
        QCOMPARE(branches.at(1).toObject().value(u"nodes"_s).toArray().at(0).toString(), kB);
        QCOMPARE(stateOf(o, kB), u"forked"_s);
        QVERIFY(m.forkActive());
        // The fork lasts: no new alert next round.
        o = m.evaluate(
            answer(m, { at(kA, 7), at(kB, 7, u"side"_s), at(kC, 7) }, { { kB, u"side"_s } }), 3000);
        QVERIFY(withRule(o.alerts, u"chain.fork"_s).isEmpty());
        QVERIFY(withRule(o.alerts, u"chain.reorg"_s).isEmpty());
    }

    void reorgWithDepth()
    {
        ChainMonitor m(config());
        for (qint64 h = 1; h <= 10; ++h) {
            m.evaluate(answer(m, { at(kA, h) }, {}), h * 1000);
        }
        // Blocks 9 and 10 replaced (depth 2): same height, new hash, parent 8 unchanged.
        NodeSample s = at(kA, 10, u"new"_s);
        s.parentHash = hashOf(u"new"_s, 9);
        auto wanted = m.heightsWanted({ s });
        QVERIFY(wanted.value(kA).contains(9));
        QVERIFY(wanted.value(kA).contains(8));
        s.hashesAt.insert(9, hashOf(u"new"_s, 9));
        for (qint64 h = 1; h <= 8; ++h) {
            s.hashesAt.insert(h, hashOf(u"main"_s, h));
        }
        auto o = m.evaluate({ s }, 11'000);
        const auto reorg = withRule(o.alerts, u"chain.reorg"_s);
        QCOMPARE(reorg.size(), 1);
        const QJsonObject raw = QJsonDocument::fromJson(reorg.first().raw).object();
        QCOMPARE(raw.value(u"depth"_s).toInteger(), 2);
        QCOMPARE(raw.value(u"height"_s).toInteger(), 9);
        QCOMPARE(raw.value(u"old_hash"_s).toString(), hashOf(u"main"_s, 9));
        QCOMPARE(reorg.first().severity, Core::Severity::High);
        QVERIFY(reorg.first().state.isEmpty()); // an event, not a lasting condition
        // The new branch is now what A said: extending it is no reorg.
        NodeSample next = at(kA, 11, u"new"_s);
        QVERIFY(m.heightsWanted({ next }).isEmpty());
        QVERIFY(withRule(m.evaluate({ next }, 12'000).alerts, u"chain.reorg"_s).isEmpty());
    }

    void rollbackIsReorg()
    {
        ChainMonitor m(config());
        for (qint64 h = 1; h <= 6; ++h) {
            m.evaluate(answer(m, { at(kA, h) }, {}), h * 1000);
        }
        const auto o = m.evaluate(answer(m, { at(kA, 4) }, {}), 7000);
        const auto reorg = withRule(o.alerts, u"chain.reorg"_s);
        QCOMPARE(reorg.size(), 1);
        QCOMPARE(
            QJsonDocument::fromJson(reorg.first().raw).object().value(u"depth"_s).toInteger(), 2);
        QCOMPARE(reorg.first().severity, Core::Severity::High);
    }

    void stallAndRecovery()
    {
        ChainMonitor m(config()); // stall after 5 × 1 s
        m.evaluate({ at(kA, 3) }, 0);
        QVERIFY(m.evaluate({ at(kA, 3) }, 5000).alerts.isEmpty());
        auto o = m.evaluate({ at(kA, 3) }, 5001);
        auto stall = withRule(o.alerts, u"chain.stall"_s);
        QCOMPARE(stall.size(), 1);
        QCOMPARE(stall.first().severity, Core::Severity::High);
        QCOMPARE(stateOf(o, kA), u"stalled"_s);
        QVERIFY(m.evaluate({ at(kA, 3) }, 9000).alerts.isEmpty());
        o = m.evaluate({ at(kA, 4) }, 10'000);
        stall = withRule(o.alerts, u"chain.stall"_s);
        QCOMPARE(stall.size(), 1);
        QCOMPARE(stall.first().state, u"resolved"_s);
    }

    // FISCO BCOS makes no empty blocks; a PBFT view that moves is progress.
    void movingViewIsNoStall()
    {
        ChainMonitor m(config());
        NodeSample s = at(kA, 3);
        for (qint64 t = 0; t <= 20'000; t += 1000) {
            s.view = t / 1000;
            QVERIFY(withRule(m.evaluate({ s }, t).alerts, u"chain.stall"_s).isEmpty());
        }
        QCOMPARE(withRule(m.evaluate({ s }, 26'000).alerts, u"chain.stall"_s).size(), 1);
    }

    void chainIdMismatch()
    {
        ChainMonitor m(config());
        const auto o = m.evaluate(
            answer(m, { at(kA, 3), at(kB, 3), at(kC, 90, u"other"_s, u"1"_s) }, {}), 1000);
        const auto mismatch = withRule(o.alerts, u"chain.chain_id_mismatch"_s);
        QCOMPARE(mismatch.size(), 1);
        QCOMPARE(mismatch.first().entity, kC);
        QCOMPARE(stateOf(o, kC), u"mismatch"_s);
        // The wrong chain neither sets the best height nor makes the others lag or fork.
        QVERIFY(withRule(o.alerts, u"chain.lag"_s).isEmpty());
        QVERIFY(withRule(o.alerts, u"chain.fork"_s).isEmpty());
        QCOMPARE(m.bestHeight(), 3);
    }

    void configuredChainIdWins()
    {
        ChainMonitorConfig c = config();
        c.expectedChainId = u"1"_s;
        ChainMonitor m(c);
        const auto o = m.evaluate({ at(kA, 3), at(kB, 3) }, 1000);
        QCOMPARE(withRule(o.alerts, u"chain.chain_id_mismatch"_s).size(), 2);
    }

    void downThenUpIsPaired()
    {
        ChainMonitor m(config());
        m.evaluate({ at(kA, 3), at(kB, 3) }, 1000);
        auto o = m.evaluate(answer(m, { at(kA, 4), down(kB) }, {}), 2000);
        auto downs = withRule(o.alerts, u"chain.node_down"_s);
        QCOMPARE(downs.size(), 1);
        QCOMPARE(downs.first().entity, kB);
        QCOMPARE(downs.first().state, u"active"_s);
        QCOMPARE(stateOf(o, kB), u"down"_s);
        QCOMPARE(o.observations.at(1).height, 3); // last known
        QCOMPARE(o.observations.at(1).error, u"connection refused"_s);
        QVERIFY(m.evaluate({ at(kA, 5), down(kB) }, 3000).alerts.isEmpty());
        o = m.evaluate(answer(m, { at(kA, 6), at(kB, 6) }, {}), 4000);
        downs = withRule(o.alerts, u"chain.node_down"_s);
        const auto ups = withRule(o.alerts, u"chain.node_up"_s);
        QCOMPARE(downs.size(), 1);
        QCOMPARE(downs.first().state, u"resolved"_s);
        QCOMPARE(ups.size(), 1);
        QCOMPARE(ups.first().severity, Core::Severity::Info);
        QVERIFY(ups.first().fingerprint != downs.first().fingerprint);
    }

    void stateSurvivesRestart()
    {
        QByteArray saved;
        QByteArray fingerprint;
        {
            ChainMonitor m(config());
            const auto o = m.evaluate({ down(kA) }, 1000);
            fingerprint = o.alerts.first().fingerprint;
            saved = m.saveState();
        }
        ChainMonitor again(config());
        again.restoreState(saved);
        QVERIFY(again.evaluate({ down(kA) }, 2000).alerts.isEmpty());
        const auto o = again.evaluate({ at(kA, 9) }, 3000);
        const auto downs = withRule(o.alerts, u"chain.node_down"_s);
        QCOMPARE(downs.size(), 1);
        QCOMPARE(downs.first().fingerprint, fingerprint);
        QCOMPARE(downs.first().state, u"resolved"_s);
        QCOMPARE(withRule(o.alerts, u"chain.node_up"_s).size(), 1);
    }

    void largeTransfer_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("alerts");
        const QString other = u"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"_s;
        QTest::addRow("in-exactly-min") << other << kWatched.toUpper().replace(u"0X"_s, u"0x"_s)
                                        << u"0x56bc75e2d63100000"_s << 1;
        QTest::addRow("out-above") << kWatched << other << u"0x56bc75e2d63100001"_s << 1;
        QTest::addRow("one-wei-below") << kWatched << other << u"0x56bc75e2d630fffff"_s << 0;
        QTest::addRow("unwatched") << other << other << u"0xffffffffffffffffffffffffffffff"_s << 0;
    }

    void largeTransfer()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, value);
        QFETCH(int, alerts);
        ChainMonitor m(config());
        const QJsonObject tx { { u"hash"_s, u"0xabc"_s }, { u"from"_s, from }, { u"to"_s, to },
            { u"value"_s, value } };
        const QJsonObject block { { u"number"_s, u"0x10"_s }, { u"hash"_s, u"0xb10c"_s },
            { u"timestamp"_s, u"0x6553f100"_s }, { u"transactions"_s, QJsonArray { tx } } };
        const auto out = m.scanBlock(block, kA, 5);
        QCOMPARE(out.size(), alerts);
        if (alerts) {
            QCOMPARE(out.first().rule, u"chain.large_transfer"_s);
            QCOMPARE(out.first().entity, kWatched);
            QCOMPARE(out.first().ts, qint64(0x6553f100) * 1000);
            const QJsonObject raw = QJsonDocument::fromJson(out.first().raw).object();
            QCOMPARE(raw.value(u"value_wei"_s).toString(), Uint256::fromHex(value)->toDecimal());
            // Seen again (a rescan, another node): the same fingerprint, so the store dedups.
            QCOMPARE(m.scanBlock(block, kB, 6).first().fingerprint, out.first().fingerprint);
        }
    }

    void scanOnlyNewBlocks()
    {
        ChainMonitor m(config());
        QString node;
        m.evaluate({ at(kA, 100) }, 1000);
        QVERIFY(m.blocksToScan(&node).isEmpty()); // history before the feed started is not scanned
        m.evaluate(answer(m, { at(kA, 103) }, {}), 2000);
        QCOMPARE(m.blocksToScan(&node), (QList<qint64> { 101, 102, 103 }));
        QCOMPARE(node, kA);
        m.markScanned(103);
        QVERIFY(m.blocksToScan(&node).isEmpty());
    }

    void historyIsCompact()
    {
        ChainMonitor m(config());
        int rows = 0;
        for (qint64 t = 0; t < 30'000; t += 1000) {
            const auto o = m.evaluate({ at(kA, 5 + t / 10'000) }, t);
            rows += o.observations.first().history ? 1 : 0;
        }
        // The height moved twice in 30 polls; a stall changed the state once: 1 + 2 + state
        // changes.
        QVERIFY2(rows <= 6, qPrintable(QString::number(rows)));
        QVERIFY(rows >= 3);
    }
};

QTEST_GUILESS_MAIN(TestChainMonitor)
#include "tst_chainmonitor.moc"
