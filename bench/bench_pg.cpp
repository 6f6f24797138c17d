// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench_pg [--alerts N] [--durable]
// The shared PostgreSQL store beside the SQLite store, same alerts, same process: ingest rate
// through writeBatch (dedup, full-text, roll-ups, incidents, Merkle leaves) and the read paths the
// views use. Starts its own PostgreSQL 15 on 127.0.0.1 (tests/storage/pgserver.h), fsync off
// unless --durable (SQLite runs with synchronous=FULL: compare with --durable for like with like).
#include "alertstore.h"
#include "benchsupport.h"
#include "demoscenario.h"
#include "pgserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

using Bench::kBatch;
using Bench::print;
constexpr qint64 kDay = 24LL * 3600 * 1000;

QList<Core::Alert> generate(qint64 n)
{
    QList<Core::Alert> out;
    out.reserve(n);
    Core::TimestampMs start = 1'735'689'600'000LL; // 2025-01-01
    quint64 seed = 1;
    while (out.size() < n) {
        const Feeds::DemoScenario day(seed++, start);
        for (const Feeds::DemoEvent &e : day.eventsBetween(day.start(), day.end())) {
            if (const auto *a = std::get_if<Core::Alert>(&e.payload)) {
                out.append(*a);
                if (out.size() == n) {
                    break;
                }
            }
        }
        start += kDay;
    }
    return out;
}

template<typename Fn>
double timeMs(Fn fn, int repeat = 5)
{
    double best = 1e18;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer t;
        t.start();
        fn();
        best = std::min(best, double(t.nsecsElapsed()) / 1e6);
    }
    return best;
}

bool run(QTextStream &out, const char *name, const QString &location,
         const QList<Core::Alert> &alerts)
{
    out << "-- " << name << Qt::endl;
    auto created = Storage::createStore(location);
    if (!created) {
        out << "cannot create: " << created.error() << Qt::endl;
        return false;
    }
    std::unique_ptr<Storage::AlertStore> store = std::move(created).value();
    if (const Storage::Status s = store->open(Storage::AlertStore::Mode::ReadWrite); !s) {
        out << "cannot open: " << s.error() << Qt::endl;
        return false;
    }
    QElapsedTimer t;
    t.start();
    for (qint64 i = 0; i < alerts.size(); i += kBatch) {
        Storage::IngestBatch b;
        b.feed = u"bench"_s;
        b.feedType = u"bench"_s;
        b.alerts = alerts.mid(i, kBatch);
        const Storage::BatchResult r = store->writeBatch(b);
        if (!r.ok) {
            out << "write failed: " << r.error << Qt::endl;
            return false;
        }
    }
    print(out, "writeBatch (dedup, FTS, roll-ups, leaves)",
          double(alerts.size()) * 1000.0 / std::max<qint64>(1, t.elapsed()), "alerts/s");
    t.restart();
    Storage::IngestBatch again;
    again.feed = u"bench"_s;
    again.alerts = alerts.mid(0, kBatch);
    store->writeBatch(again);
    print(out, "re-ingest of one batch (all duplicates)",
          double(again.alerts.size()) * 1000.0 / std::max<qint64>(1, t.elapsed()), "alerts/s");

    const Storage::AlertFilter all;
    const qint64 n = alerts.size();
    print(out, "first page (100, newest first)",
          timeMs([&] { store->alerts(all, Storage::AlertSort::TimeDesc, 100, std::nullopt); }), "ms");
    const auto mid = store->alertsAt(all, Storage::AlertSort::TimeDesc, n / 2, 1).value();
    const Storage::PageKey key{mid.alerts.value(0).ts, 0, mid.alerts.value(0).id.value};
    print(out, "page at depth n/2 (keyset)",
          timeMs([&] { store->alerts(all, Storage::AlertSort::TimeDesc, 100, key); }), "ms");
    Storage::AlertFilter critical;
    critical.minSeverity = Core::Severity::Critical;
    print(out, "newest critical page",
          timeMs([&] { store->alerts(critical, Storage::AlertSort::TimeDesc, 100, std::nullopt); }),
          "ms");
    Storage::AlertFilter rare;
    rare.search = u"bannk"_s;
    print(out, "full-text rare term, newest 100",
          timeMs([&] { store->alerts(rare, Storage::AlertSort::TimeDesc, 100, std::nullopt); }),
          "ms");
    Storage::AlertFilter common;
    common.search = u"card"_s;
    print(out, "full-text common term, newest 100",
          timeMs([&] { store->alerts(common, Storage::AlertSort::TimeDesc, 100, std::nullopt); }),
          "ms");
    const Storage::StoreStats stats = store->stats().value();
    print(out, "stats (counts by severity and category)", timeMs([&] { store->stats(); }, 2), "ms");
    print(out, "dashboard, last 24 h (15-min buckets)",
          timeMs([&] { store->dashboard(stats.newest - kDay, stats.newest, 15 * 60 * 1000LL, 10); }),
          "ms");
    t.restart();
    const auto report = store->verify(false);
    print(out, "verify (full)", double(t.elapsed()), "ms");
    if (!report || !report->ok) {
        out << "verify failed" << Qt::endl;
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({u"alerts"_s, u"How many alerts (default 100000)."_s, u"N"_s, u"100000"_s});
    p.addOption({u"durable"_s, u"Run PostgreSQL with fsync on (default off)."_s});
    p.process(app);
    QTextStream out(stdout);
    if (!PgTest::available()) {
        out << PgTest::unavailableReason() << Qt::endl;
        return 2;
    }
    const qint64 n = p.value(u"alerts"_s).toLongLong();
    QTemporaryDir tmp;
    qputenv("LAKEGUARD_KEY_DIR", tmp.filePath(u"keys"_s).toUtf8());
    PgTest::Server server;
    if (!server.start(p.isSet(u"durable"_s)) || !server.createDatabase(u"bench"_s)) {
        out << "PostgreSQL did not start: " << server.error() << Qt::endl;
        return 1;
    }
    out << "bench_pg: " << n << " alerts, batches of " << kBatch
        << (p.isSet(u"durable"_s) ? ", PostgreSQL fsync on" : ", PostgreSQL fsync off")
        << Qt::endl;
    QElapsedTimer t;
    t.start();
    const QList<Core::Alert> alerts = generate(n);
    print(out, "generate (demo generator)", double(t.elapsed()), "ms");
    const bool ok = run(out, "SQLite", tmp.filePath(u"bench.db"_s), alerts)
        && run(out, "PostgreSQL 15", server.location(u"bench"_s), alerts);
    return ok ? 0 : 1;
}
