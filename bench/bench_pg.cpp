// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench_pg [--alerts N] [--durable]
// The shared PostgreSQL store beside the SQLite store, same alerts, same process: ingest rate
// through writeBatch (dedup, full-text, roll-ups, incidents, Merkle leaves) with the CPU time it
// took (this process and the PostgreSQL backend: on a shared, loaded machine wall time alone
// means little), the read paths the views use, and a side-by-side table with ratios. Starts its own
// PostgreSQL 15 on 127.0.0.1 (tests/storage/pgserver.h), fsync off unless --durable (SQLite runs
// with synchronous=FULL: compare with --durable for like with like).
#include "alertstore.h"
#include "benchsupport.h"
#include "demoscenario.h"
#include "pgserver.h"
#include "pgstore.h"
#include "sqlitestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <sys/resource.h>
#include <unistd.h>

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

// CPU seconds (user, system) of this process, and of the PostgreSQL backend serving `store`
// (read from /proc: the server is not a child of this process).
struct Cpu
{
    double user = 0;
    double system = 0;
    double serverUser = 0;
    double serverSystem = 0;
};

Cpu cpuNow(qint64 backendPid)
{
    Cpu c;
    rusage u {};
    if (::getrusage(RUSAGE_SELF, &u) == 0) {
        c.user = double(u.ru_utime.tv_sec) + double(u.ru_utime.tv_usec) / 1e6;
        c.system = double(u.ru_stime.tv_sec) + double(u.ru_stime.tv_usec) / 1e6;
    }
    if (backendPid > 0) {
        QFile stat(u"/proc/%1/stat"_s.arg(backendPid));
        if (stat.open(QIODevice::ReadOnly)) {
            const QByteArray line = stat.readAll();
            // Fields after the ")" that ends the command name: 14 utime, 15 stime (1-based).
            const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
            const double tick = double(::sysconf(_SC_CLK_TCK));
            if (f.size() > 13) {
                c.serverUser = f.at(11).toDouble() / tick;
                c.serverSystem = f.at(12).toDouble() / tick;
            }
        }
    }
    return c;
}

// The figures of one store, in the order they are printed.
struct Figures
{
    QList<std::pair<QString, double>> values;
    void add(QTextStream &out, const char *what, double value, const char *unit)
    {
        print(out, what, value, unit);
        values.append(
            { QString::fromLatin1(what) + u" ("_s + QString::fromLatin1(unit) + u')', value });
    }
};

bool run(QTextStream &out, const char *name, const QString &location,
    const QList<Core::Alert> &alerts, Figures &fig)
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
    qint64 backend = 0;
    if (auto *pg = dynamic_cast<Storage::PgStore *>(store.get())) {
        QSqlQuery q(pg->database());
        if (q.exec(u"SELECT pg_backend_pid()"_s) && q.next()) {
            backend = q.value(0).toLongLong();
        }
    }
    const Cpu before = cpuNow(backend);
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
        if ((i / kBatch) % 20 == 19) {
            out << "  " << (i + kBatch) << " alerts, " << t.elapsed() / 1000 << " s" << Qt::endl;
        }
    }
    const double wall = double(std::max<qint64>(1, t.elapsed())) / 1000.0;
    const Cpu after = cpuNow(backend);
    const double n = double(alerts.size());
    fig.add(out, "writeBatch (dedup, FTS, roll-ups, leaves)", n / wall, "alerts/s");
    fig.add(out, "  wall time", wall, "s");
    fig.add(out, "  user CPU, this process", after.user - before.user, "s");
    fig.add(out, "  system CPU, this process", after.system - before.system, "s");
    fig.add(out, "  user CPU, PostgreSQL backend", after.serverUser - before.serverUser, "s");
    fig.add(out, "  system CPU, PostgreSQL backend", after.serverSystem - before.serverSystem, "s");
    const double cpu = (after.user - before.user) + (after.system - before.system)
        + (after.serverUser - before.serverUser) + (after.serverSystem - before.serverSystem);
    fig.add(
        out, "  alerts per CPU second (all of the above)", n / std::max(0.001, cpu), "alerts/s");
    t.restart();
    Storage::IngestBatch again;
    again.feed = u"bench"_s;
    again.alerts = alerts.mid(0, kBatch);
    store->writeBatch(again);
    fig.add(out, "re-ingest of one batch (all duplicates)",
        double(again.alerts.size()) * 1000.0 / std::max<qint64>(1, t.elapsed()), "alerts/s");

    const Storage::AlertFilter all;
    const qint64 count = alerts.size();
    fig.add(out, "first page (100, newest first)",
        timeMs([&] { store->alerts(all, Storage::AlertSort::TimeDesc, 100, std::nullopt); }), "ms");
    const auto mid = store->alertsAt(all, Storage::AlertSort::TimeDesc, count / 2, 1).value();
    const Storage::PageKey key { mid.alerts.value(0).ts, 0, mid.alerts.value(0).id.value };
    fig.add(out, "page at depth n/2 (keyset)",
        timeMs([&] { store->alerts(all, Storage::AlertSort::TimeDesc, 100, key); }), "ms");
    Storage::AlertFilter critical;
    critical.minSeverity = Core::Severity::Critical;
    fig.add(out, "newest critical page",
        timeMs([&] { store->alerts(critical, Storage::AlertSort::TimeDesc, 100, std::nullopt); }),
        "ms");
    Storage::AlertFilter rare;
    rare.search = u"bannk"_s;
    fig.add(out, "full-text rare term, newest 100",
        timeMs([&] { store->alerts(rare, Storage::AlertSort::TimeDesc, 100, std::nullopt); }),
        "ms");
    Storage::AlertFilter common;
    common.search = u"card"_s;
    fig.add(out, "full-text common term, newest 100",
        timeMs([&] { store->alerts(common, Storage::AlertSort::TimeDesc, 100, std::nullopt); }),
        "ms");
    const Storage::StoreStats stats = store->stats().value();
    fig.add(
        out, "stats (counts by severity and category)", timeMs([&] { store->stats(); }, 2), "ms");
    fig.add(out, "dashboard, last 24 h (15-min buckets)",
        timeMs([&] { store->dashboard(stats.newest - kDay, stats.newest, 15 * 60 * 1000LL, 10); }),
        "ms");
    fig.add(out, "dashboard, last 30 d (6-h buckets)", timeMs([&] {
        store->dashboard(stats.newest - 30 * kDay, stats.newest, 6 * 3600 * 1000LL, 10);
    }),
        "ms");
    t.restart();
    const auto report = store->verify(false);
    fig.add(out, "verify (full)", double(t.elapsed()), "ms");
    if (!report || !report->ok) {
        out << "verify failed" << Qt::endl;
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before any SQLite connection opens, as the product does (storage/sqlitestore.h).
    Storage::configureSqliteLibrary();
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({ u"alerts"_s, u"How many alerts (default 100000)."_s, u"N"_s, u"100000"_s });
    p.addOption({ u"durable"_s, u"Run PostgreSQL with fsync on (default off)."_s });
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
        << (p.isSet(u"durable"_s) ? ", PostgreSQL fsync on" : ", PostgreSQL fsync off") << Qt::endl;
    QElapsedTimer t;
    t.start();
    const QList<Core::Alert> alerts = generate(n);
    print(out, "generate (demo generator)", double(t.elapsed()), "ms");
    Figures lite;
    Figures pg;
    const bool ok = run(out, "SQLite", tmp.filePath(u"bench.db"_s), alerts, lite)
        && run(out, "PostgreSQL 15", server.location(u"bench"_s), alerts, pg);
    if (!ok) {
        return 1;
    }
    out << "-- side by side (ratio = PostgreSQL / SQLite)" << Qt::endl;
    out << QString::asprintf("%-58s %12s %12s %8s", "", "SQLite", "PostgreSQL", "ratio")
        << Qt::endl;
    for (qsizetype i = 0; i < std::min(lite.values.size(), pg.values.size()); ++i) {
        const double a = lite.values.at(i).second;
        const double b = pg.values.at(i).second;
        out << QString::asprintf("%-58s %12.2f %12.2f %8.2f", qPrintable(lite.values.at(i).first),
            a, b, a != 0 ? b / a : 0.0)
            << Qt::endl;
    }
    return 0;
}
