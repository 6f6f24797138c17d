// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Time from a chain event to its alert in the store, against real anvil nodes: polling at 1 s,
// polling at 5 s, and newHeads over WebSocket with 5 s polling. Each figure is the time from the
// RPC that caused the event returning to the alert (or height) being readable in the store.
// Usage: bench_chains [repetitions]   (needs scripts/install-peers.sh build/peers)

#include "../tests/feeds/anvilnode.h"
#include "ethrpcfeed.h"
#include "sqlitestore.h"
#include "storewriter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using AnvilTest::AnvilNode;

namespace {

constexpr qint64 kGenesis = 1'700'000'000;

struct Mode
{
    QString name;
    double intervalS;
    bool ws;
};

// Pumps events until `done()` or 30 s; the elapsed ms, or -1.
template<typename F>
qint64 waitFor(F done)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 30'000) {
        if (done()) {
            return t.elapsed();
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
        QThread::usleep(500);
    }
    return -1;
}

struct Rig
{
    QTemporaryDir dir;
    std::unique_ptr<Storage::StoreWriter> writer;
    std::unique_ptr<Feeds::EthRpcFeed> feed;
    std::unique_ptr<Storage::SqliteStore> reader;
    AnvilNode a, b;

    bool start(const Mode &m)
    {
        const QString db = dir.filePath(u"bench.db"_s);
        writer = std::make_unique<Storage::StoreWriter>(db);
        if (!writer->start() || !a.start(31337, kGenesis, { u"--no-mining"_s })
            || !b.start(31337, kGenesis, { u"--no-mining"_s })) {
            return false;
        }
        Feeds::FeedConfig c;
        c.id = u"eth"_s;
        c.type = u"eth-rpc"_s;
        c.settings = QJsonObject { { u"nodes"_s, QJsonArray { a.url(), b.url() } },
            { u"interval_s"_s, m.intervalS }, { u"ws"_s, m.ws }, { u"expected_block_s"_s, 60 },
            { u"lag_blocks"_s, 3 },
            { u"watch"_s,
                QJsonArray { QJsonObject {
                    { u"address"_s, AnvilTest::kDev1 }, { u"min_value_eth"_s, 100 } } } } };
        feed = std::make_unique<Feeds::EthRpcFeed>(c, writer.get());
        feed->start({});
        reader = std::make_unique<Storage::SqliteStore>(db);
        if (!reader->open(Storage::AlertStore::Mode::ReadOnly)) {
            return false;
        }
        return waitFor([&] { return !reader->chainStatus().value().isEmpty(); }) >= 0
            && (!m.ws || waitFor([&] { return feed->webSocketCount() == 2; }) >= 0);
    }

    qint64 count(const QString &rule)
    {
        Storage::AlertFilter f;
        f.rule = rule;
        return reader->countAlerts(f).value();
    }

    qint64 height(const QString &node)
    {
        for (const auto &o : reader->chainStatus().value()) {
            if (o.node == node) {
                return o.height;
            }
        }
        return -1;
    }

    ~Rig()
    {
        if (feed) {
            feed->stop();
        }
        feed.reset();
        reader.reset();
        writer.reset();
    }
};

QString summary(QList<qint64> v)
{
    if (v.isEmpty()) {
        return u"-"_s;
    }
    std::sort(v.begin(), v.end());
    return u"median %1 ms, min %2, max %3 (n=%4)"_s.arg(v.at(v.size() / 2))
        .arg(v.first())
        .arg(v.last())
        .arg(v.size());
}

} // namespace

int main(int argc, char **argv)
{
    // Before any SQLite connection opens, as the product does (storage/sqlitestore.h).
    Storage::configureSqliteLibrary();
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (!AnvilTest::anvilAvailable()) {
        out << "anvil is not installed: scripts/install-peers.sh build/peers\n";
        return 2;
    }
    const int reps = argc > 1 ? std::max(1, atoi(argv[1])) : 5;
    const QList<Mode> modes { { u"poll 1 s"_s, 1, false }, { u"poll 5 s"_s, 5, false },
        { u"newHeads + poll 5 s"_s, 5, true } };
    for (const Mode &m : modes) {
        QList<qint64> head, lag, transfer, down;
        for (int r = 0; r < reps; ++r) {
            Rig rig;
            if (!rig.start(m)) {
                out << "could not start the rig\n";
                return 1;
            }
            // A new block on both nodes → the new height stored.
            rig.a.mine(kGenesis + 10);
            rig.b.mine(kGenesis + 10);
            head << waitFor([&] { return rig.height(rig.b.url()) == 1; });
            // A large transfer mined on both.
            const QJsonObject tx { { u"from"_s, AnvilTest::kDev0 }, { u"to"_s, AnvilTest::kDev1 },
                { u"value"_s, u"0x821ab0d4414980000"_s } };
            rig.a.call(u"eth_sendTransaction"_s, { tx });
            rig.b.call(u"eth_sendTransaction"_s, { tx });
            rig.a.mine(kGenesis + 20);
            rig.b.mine(kGenesis + 20);
            transfer << waitFor([&] { return rig.count(u"chain.large_transfer"_s) > 0; });
            // A runs 10 blocks ahead.
            rig.a.call(u"anvil_mine"_s, { u"0xa"_s });
            lag << waitFor([&] { return rig.count(u"chain.lag"_s) > 0; });
            // B is killed.
            rig.b.kill();
            down << waitFor([&] { return rig.count(u"chain.node_down"_s) > 0; });
        }
        out << m.name << '\n'
            << "  new head → stored height:   " << summary(head) << '\n'
            << "  large transfer → alert:     " << summary(transfer) << '\n'
            << "  lag (anvil_mine 10) → alert: " << summary(lag) << '\n'
            << "  node killed → node_down:    " << summary(down) << '\n';
        out.flush();
    }
    return 0;
}
