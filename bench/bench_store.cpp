// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench_store [--alerts N] [--batch B] [--baseline N] [--dir DIR] [--merge-on-writer]
//             [--keep PATH [--resume] | --store PATH]
// Ingest rate of the store (dedup, indexes, full-text, roll-ups and whatever else writeBatch
// does) against a plain SQLite insert of the same rows into a table without indexes, measured in
// the same process, and against the store's own tables filled with the same rows by nothing but
// the SQLite C API (what SQLite costs for the schema, whatever code drives it), and those tables
// split over two files written side by side; then the read paths the views use. Alerts come from
// the demo generator, one simulated day after another, so the data looks like the console's;
// they are generated and written a day at a time, so 10 M alerts need no more memory than 1 M.
// The baselines run on the first --baseline rows of the same stream (default all, at most 1 M;
// printed when a sample).
// --keep PATH keeps the store; --store PATH skips generation and measures the read paths of an
// existing store; --keep PATH --resume adds to the kept store until it holds N alerts (the stream
// goes on from the day after its newest alert), so 10 M can be reached in several runs.
// SIGINT/SIGTERM during ingest stop it after the current batch and go on with the
// read paths on what was written.
#include "alertstore.h"
#include "benchsupport.h"
#include "demostream.h"
#include "ftstokens.h"
#include "sqlitestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <sqlite3.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <thread>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

using Bench::DemoStream;
using Bench::kBatch;
using Bench::peakRssKb;
using Bench::print;
using Bench::rawSqliteRate;
constexpr qint64 kDay = 24LL * 3600 * 1000;

// Stops the generation at the next batch on SIGINT/SIGTERM; the read paths then run on what was
// written (every batch is committed).
volatile std::sig_atomic_t g_stop = 0;
extern "C" void onStopSignal(int)
{
    g_stop = 1;
}

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double g_rawCpuMs = 0; // CPU time of the last C API baseline's inserts

// What the rows go into: one plain table, or the store's own tables without the store's code,
// or those tables with schema version 13's duplicate check (a UNIQUE fingerprint) in place of
// version 14's (ts, fingerprint) (docs/store.md, "Schema version 14"), or with version 14's
// full-text index, which kept token positions (docs/store.md, "Schema version 15"), or the
// store's `alerts` table and its indexes without the full-text index.
enum class Target {
    PlainTable,
    StoreTables,
    StoreTablesV13Dedup,
    StoreTablesFtsPositions,
    AlertsTableOnly
};

// In a new, empty store: the full-text index again with token positions (FTS5's default
// `detail=full`), its merge setting as the schema has it. False if the schema is not as
// expected.
bool ftsWithPositions(sqlite3 *db)
{
    QByteArray fts;
    sqlite3_stmt *q = nullptr;
    sqlite3_prepare_v2(
        db, "SELECT sql FROM sqlite_master WHERE name = 'alerts_fts'", -1, &q, nullptr);
    if (sqlite3_step(q) == SQLITE_ROW) {
        fts = reinterpret_cast<const char *>(sqlite3_column_text(q, 0));
    }
    sqlite3_finalize(q);
    int automerge = 0;
    sqlite3_prepare_v2(
        db, "SELECT v FROM alerts_fts_config WHERE k = 'automerge'", -1, &q, nullptr);
    if (sqlite3_step(q) == SQLITE_ROW) {
        automerge = sqlite3_column_int(q, 0);
    }
    sqlite3_finalize(q);
    const QByteArray columns = ", detail=column";
    if (!fts.contains(columns) || automerge <= 0) {
        return false;
    }
    fts.replace(columns, "");
    const QByteArray script = "DROP TABLE alerts_fts; " + fts
        + "; INSERT INTO alerts_fts (alerts_fts, rank) VALUES ('automerge', "
        + QByteArray::number(automerge) + ");";
    return sqlite3_exec(db, script.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

// In a new, empty store: `alerts` again with a UNIQUE fingerprint and without the (ts,
// fingerprint) index, its other indexes and its full-text index as they were. False if the
// schema is not as expected.
bool dedupByFingerprint(sqlite3 *db)
{
    QList<QByteArray> indexes;
    QByteArray table;
    QByteArray fts;
    sqlite3_stmt *q = nullptr;
    sqlite3_prepare_v2(db,
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('alerts', 'alerts_fts')"
        " AND sql IS NOT NULL",
        -1, &q, nullptr);
    while (sqlite3_step(q) == SQLITE_ROW) {
        const QByteArray type = reinterpret_cast<const char *>(sqlite3_column_text(q, 0));
        const QByteArray name = reinterpret_cast<const char *>(sqlite3_column_text(q, 1));
        const QByteArray sql = reinterpret_cast<const char *>(sqlite3_column_text(q, 2));
        if (name == "alerts") {
            table = sql;
        } else if (name == "alerts_fts") {
            fts = sql;
        } else if (type == "index" && name != "alerts_dedup") {
            indexes << sql;
        }
    }
    sqlite3_finalize(q);
    const QByteArray column = "fingerprint BLOB NOT NULL,";
    if (!table.contains(column) || fts.isEmpty()) {
        return false;
    }
    table.replace(column, "fingerprint BLOB NOT NULL UNIQUE,");
    QByteArray script = "DROP TABLE alerts_fts; DROP TABLE alerts; " + table + "; ";
    for (const QByteArray &index : std::as_const(indexes)) {
        script += index + "; ";
    }
    script += fts + ";";
    return sqlite3_exec(db, script.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

// The same plain insert through the SQLite C API (no QtSql per-bind cost): the store's hot path
// uses the C API too, so this is the fair baseline for the ratio. With StoreTables the rows go
// into a new store's `alerts` (its UNIQUE fingerprint, its indexes) and its full-text index, fed
// once per batch as writeBatch does, with nothing else: no hashing, incidents or roll-ups. That
// is what SQLite itself costs for the schema, whatever code drives it: a ceiling for the store.
double rawSqliteRateCApi(
    const QString &path, const QList<Core::Alert> &alerts, qint64 batch, Target target)
{
    const bool storeTables = target != Target::PlainTable;
    if (storeTables) {
        auto created = Storage::createStore(path);
        if (!created || !created.value()->open(Storage::AlertStore::Mode::ReadWrite)) {
            return 0;
        }
    }
    sqlite3 *db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return 0;
    }
    sqlite3_exec(
        db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
    if (storeTables) {
        // The store writer's page cache: its indexes' pages stay in memory the same way.
        sqlite3_exec(db, "PRAGMA cache_size=-65536", nullptr, nullptr, nullptr);
    }
    if ((target == Target::StoreTablesV13Dedup && !dedupByFingerprint(db))
        || (target == Target::StoreTablesFtsPositions && !ftsWithPositions(db))) {
        sqlite3_close(db);
        return 0;
    }
    if (target == Target::PlainTable) {
        sqlite3_exec(db,
            "CREATE TABLE plain (ts INTEGER, received INTEGER, feed TEXT, source TEXT,"
            " severity INTEGER, category TEXT, rule TEXT, title TEXT, message TEXT,"
            " entity TEXT, src_ip TEXT, dst_ip TEXT, fingerprint BLOB, raw BLOB)",
            nullptr, nullptr, nullptr);
    }
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db,
        target == Target::PlainTable
            ? "INSERT INTO plain VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            : "INSERT INTO alerts (ts, received, feed, source, severity, category, rule, title,"
              " message, entity, src_ip, dst_ip, fingerprint, raw)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
              " ON CONFLICT DO NOTHING",
        -1, &st, nullptr);
    sqlite3_stmt *maxId = nullptr;
    sqlite3_stmt *fts = nullptr;
    if (storeTables && target != Target::AlertsTableOnly) {
        sqlite3_prepare_v2(db, "SELECT coalesce(max(id), 0) FROM alerts", -1, &maxId, nullptr);
        sqlite3_prepare_v2(db,
            "INSERT INTO alerts_fts (rowid, title, message, entity, rule)"
            " SELECT id, title, message, entity, rule FROM alerts WHERE id > ?",
            -1, &fts, nullptr);
    }
    auto text = [&](int i, const QString &s) {
        const QByteArray u = s.toUtf8();
        sqlite3_bind_text(st, i, u.constData(), int(u.size()), SQLITE_TRANSIENT);
    };
    QElapsedTimer t;
    t.start();
    const double cpu0 = threadCpuMs();
    for (qint64 i = 0; i < alerts.size(); i += batch) {
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        qint64 before = 0;
        if (maxId) {
            sqlite3_step(maxId);
            before = sqlite3_column_int64(maxId, 0);
            sqlite3_reset(maxId);
        }
        for (qint64 j = i; j < std::min<qint64>(i + batch, alerts.size()); ++j) {
            const Core::Alert &a = alerts[j];
            sqlite3_bind_int64(st, 1, a.ts);
            sqlite3_bind_int64(st, 2, a.received);
            text(3, a.feed);
            text(4, a.source);
            sqlite3_bind_int(st, 5, static_cast<int>(a.severity));
            text(6, Core::categoryName(a.category));
            text(7, a.rule);
            text(8, a.title);
            text(9, a.message);
            text(10, a.entity);
            text(11, a.srcIp);
            text(12, a.dstIp);
            sqlite3_bind_blob(
                st, 13, a.fingerprint.constData(), int(a.fingerprint.size()), SQLITE_TRANSIENT);
            sqlite3_bind_blob(st, 14, a.raw.constData(), int(a.raw.size()), SQLITE_TRANSIENT);
            sqlite3_step(st);
            sqlite3_reset(st);
        }
        if (fts) {
            sqlite3_bind_int64(fts, 1, before);
            sqlite3_step(fts);
            sqlite3_reset(fts);
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const double rate = double(alerts.size()) * 1000.0 / std::max<qint64>(1, t.elapsed());
    g_rawCpuMs = threadCpuMs() - cpu0;
    sqlite3_finalize(st);
    sqlite3_finalize(maxId);
    sqlite3_finalize(fts);
    sqlite3_close(db);
    return rate;
}

// The store's full-text index alone, in a file of its own: the same columns, tokenizer and
// merge setting, contentless (`content=''`, the text lives in the other file), fed row by row
// in the same batches. Touches no globals, so it can run beside rawSqliteRateCApi().
double ftsOwnFileRate(const QString &path, const QList<Core::Alert> &alerts, qint64 batch)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return 0;
    }
    const QByteArray schema = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                              " PRAGMA cache_size=-65536;"
                              " CREATE VIRTUAL TABLE alerts_fts USING fts5 (title, message,"
                              " entity, rule, content='', tokenize='"
        + QByteArray(Storage::kFtsTokenize)
        + "', detail=column);"
          " INSERT INTO alerts_fts (alerts_fts, rank) VALUES ('automerge', 16);";
    sqlite3_stmt *st = nullptr;
    if (sqlite3_exec(db, schema.constData(), nullptr, nullptr, nullptr) != SQLITE_OK
        || sqlite3_prepare_v2(db,
               "INSERT INTO alerts_fts (rowid, title, message, entity, rule)"
               " VALUES (?, ?, ?, ?, ?)",
               -1, &st, nullptr)
            != SQLITE_OK) {
        sqlite3_close(db);
        return 0;
    }
    auto text = [&](int i, const QString &s) {
        const QByteArray u = s.toUtf8();
        sqlite3_bind_text(st, i, u.constData(), int(u.size()), SQLITE_TRANSIENT);
    };
    QElapsedTimer t;
    t.start();
    for (qint64 i = 0; i < alerts.size(); i += batch) {
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        for (qint64 j = i; j < std::min<qint64>(i + batch, alerts.size()); ++j) {
            const Core::Alert &a = alerts[j];
            sqlite3_bind_int64(st, 1, j + 1);
            text(2, a.title);
            text(3, a.message);
            text(4, a.entity);
            text(5, a.rule);
            sqlite3_step(st);
            sqlite3_reset(st);
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const double rate = double(alerts.size()) * 1000.0 / std::max<qint64>(1, t.elapsed());
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rate;
}

// What the store's tables would cost split over two files, each with a writer of its own on a
// core of its own: `alerts` and its indexes in one, the full-text index in the other, filled
// side by side. The rate is the rows over the time until both are done (docs/store.md, "Two
// files, two writers: the ceiling (session 18)").
struct SplitRates
{
    double both = 0;
    double alerts = 0;
    double fts = 0;
};

SplitRates splitTablesRate(
    const QString &alertsPath, const QString &ftsPath, const QList<Core::Alert> &rows, qint64 batch)
{
    SplitRates r;
    QElapsedTimer t;
    t.start();
    std::thread fts([&] { r.fts = ftsOwnFileRate(ftsPath, rows, batch); });
    r.alerts = rawSqliteRateCApi(alertsPath, rows, batch, Target::AlertsTableOnly);
    fts.join();
    if (r.alerts > 0 && r.fts > 0) {
        r.both = double(rows.size()) * 1000.0 / std::max<qint64>(1, t.elapsed());
    }
    return r;
}

// Best of `repeat` runs, wall clock; the CPU time of that run goes to `cpuMs` (a loaded machine
// stretches the wall time, much less the CPU time).
double g_lastCpuMs = 0;

template<typename Fn>
double timeMs(Fn fn, int repeat = 5)
{
    double best = 1e18;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer t;
        const double cpu0 = threadCpuMs();
        t.start();
        fn();
        const double wall = double(t.nsecsElapsed()) / 1e6;
        if (wall < best) {
            best = wall;
            g_lastCpuMs = threadCpuMs() - cpu0;
        }
    }
    return best;
}

void printTimed(QTextStream &out, const char *what, double wallMs)
{
    out << QString::asprintf("%-44s %14.2f ms  (CPU %.2f ms)", what, wallMs, g_lastCpuMs)
        << Qt::endl;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before any SQLite connection opens, as the product does (storage/sqlitestore.h).
    Storage::configureSqliteLibrary();
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({ u"alerts"_s, u"How many alerts (default 200000)."_s, u"N"_s, u"200000"_s });
    p.addOption({ u"batch"_s, u"Alerts per writeBatch (default 10000)."_s, u"N"_s, u"10000"_s });
    p.addOption({ u"baseline"_s,
        u"Rows of the plain-SQLite baselines: the first N of the same rows (default: all, at "
        "most 1000000)."_s,
        u"N"_s });
    p.addOption(
        { u"dir"_s, u"Where to put the stores (default: a temporary folder)."_s, u"DIR"_s });
    p.addOption({ u"keep"_s, u"Write the generated store to PATH and keep it."_s, u"PATH"_s });
    p.addOption({ u"resume"_s,
        u"With --keep: add to the existing store until it holds --alerts N (no baselines)."_s });
    p.addOption({ u"merge-on-writer"_s,
        u"Merge the write-ahead log on the writer's thread (SQLite's default) instead of on a "
        "thread beside it."_s });
    p.addOption({ u"store"_s,
        u"Skip generation and ingest; measure the read paths on the existing store at PATH."_s,
        u"PATH"_s });
    p.process(app);
    QTextStream out(stdout);
    qint64 n = p.value(u"alerts"_s).toLongLong();
    const qint64 batchSize = std::max<qint64>(1, p.value(u"batch"_s).toLongLong());
    const bool resume = p.isSet(u"resume"_s) && p.isSet(u"keep"_s);
    const qint64 sample = resume ? 0
        : p.isSet(u"baseline"_s) ? std::clamp<qint64>(p.value(u"baseline"_s).toLongLong(), 0, n)
                                 : std::min<qint64>(n, 1'000'000);
    QTemporaryDir tmp;
    const QDir dir(p.isSet(u"dir"_s) ? p.value(u"dir"_s) : tmp.path());
    QDir().mkpath(dir.path());
    QString storePath = dir.filePath(u"bench-store.db"_s);
    if (p.isSet(u"store"_s)) {
        storePath = p.value(u"store"_s);
    } else if (p.isSet(u"keep"_s)) {
        storePath = p.value(u"keep"_s);
        QDir().mkpath(QFileInfo(storePath).absolutePath());
    }
    QElapsedTimer t;

    // --resume: what the kept store holds already, and where its stream stopped.
    qint64 existing = 0;
    Core::TimestampMs resumeAfter = 0;
    if (resume && QFileInfo::exists(storePath)) {
        auto created = Storage::createStore(storePath);
        std::unique_ptr<Storage::AlertStore> old = std::move(created.value());
        if (const Storage::Status s = old->open(Storage::AlertStore::Mode::ReadOnly); !s) {
            out << "cannot open " << storePath << ": " << s.error() << Qt::endl;
            return 1;
        }
        existing = old->countAlerts({}).value();
        resumeAfter = old->stats().value().newest;
    }

    if (!p.isSet(u"store"_s)) {
        QFile::remove(dir.filePath(u"bench-raw.db"_s));
        QFile::remove(dir.filePath(u"bench-raw-c.db"_s));
        if (!resume) {
            for (const QString &suffix : { u""_s, u"-wal"_s, u"-shm"_s }) {
                QFile::remove(storePath + suffix);
            }
        }
        out << "bench_store: " << n << " alerts, batches of " << batchSize << ", store "
            << storePath << Qt::endl;
        if (resume) {
            out << "resuming: the store holds " << existing << " alerts; adding "
                << std::max<qint64>(0, n - existing) << Qt::endl;
        }

        // The baselines: the first `sample` rows of the very stream the store gets.
        double raw = 0;
        double rawC = 0;
        double tablesOnly = 0;
        double tablesOnlyCpuMs = 0;
        double tablesV13 = 0;
        double tablesV13CpuMs = 0;
        double tablesPositions = 0;
        double tablesPositionsCpuMs = 0;
        SplitRates split;
        if (sample > 0) {
            t.start();
            QList<Core::Alert> rows;
            rows.reserve(sample);
            DemoStream head(n);
            while (rows.size() < sample && !head.atEnd()) {
                QList<Core::Alert> day = head.nextDay();
                rows.append(day.mid(0, sample - rows.size()));
            }
            print(out, "generate the baseline rows (demo generator)", double(t.elapsed()), "ms");
            if (sample < n) {
                out << "baselines on a sample: the first " << sample << " of the " << n << " rows"
                    << Qt::endl;
            }
            raw = rawSqliteRate(dir.filePath(u"bench-raw.db"_s), rows);
            print(out, "baseline: plain SQLite insert, no indexes", raw, "alerts/s");
            tablesOnly = rawSqliteRateCApi(
                dir.filePath(u"bench-tables.db"_s), rows, batchSize, Target::StoreTables);
            tablesOnlyCpuMs = g_rawCpuMs;
            print(out, "the store's tables alone (C API, see above)", tablesOnly, "alerts/s");
            tablesV13 = rawSqliteRateCApi(dir.filePath(u"bench-tables-v13.db"_s), rows, batchSize,
                Target::StoreTablesV13Dedup);
            tablesV13CpuMs = g_rawCpuMs;
            print(out, "  same, v13's UNIQUE fingerprint", tablesV13, "alerts/s");
            tablesPositions = rawSqliteRateCApi(dir.filePath(u"bench-tables-positions.db"_s), rows,
                batchSize, Target::StoreTablesFtsPositions);
            tablesPositionsCpuMs = g_rawCpuMs;
            print(out, "  same, v14's full-text index with positions", tablesPositions, "alerts/s");
            split = splitTablesRate(dir.filePath(u"bench-split-alerts.db"_s),
                dir.filePath(u"bench-split-fts.db"_s), rows, batchSize);
            print(out, "  same, split over two files, two writers", split.both, "alerts/s");
            print(out, "    the file with `alerts` and its indexes", split.alerts, "alerts/s");
            print(out, "    the file with the full-text index", split.fts, "alerts/s");
            rawC = rawSqliteRateCApi(
                dir.filePath(u"bench-raw-c.db"_s), rows, batchSize, Target::PlainTable);
            print(out, "baseline: same through the SQLite C API", rawC, "alerts/s");
            QFile::remove(dir.filePath(u"bench-raw.db"_s));
            QFile::remove(dir.filePath(u"bench-raw-c.db"_s));
            for (const QString &suffix :
                { u""_s, u"-wal"_s, u"-shm"_s, u".signing-key.pem"_s, u".signing-pub.pem"_s }) {
                QFile::remove(dir.filePath(u"bench-tables.db"_s) + suffix);
                QFile::remove(dir.filePath(u"bench-tables-v13.db"_s) + suffix);
                QFile::remove(dir.filePath(u"bench-tables-positions.db"_s) + suffix);
                QFile::remove(dir.filePath(u"bench-split-alerts.db"_s) + suffix);
                QFile::remove(dir.filePath(u"bench-split-fts.db"_s) + suffix);
            }
        }

        // The store, fed a day at a time; only writeBatch is timed (not the generator).
        std::signal(SIGINT, onStopSignal);
        std::signal(SIGTERM, onStopSignal);
        qint64 written = 0;
        qint64 storeNs = 0;
        double storeCpu = 0;
        qint64 sampleNs = 0; // the same two at the end of the baseline's rows
        double sampleCpu = 0;
        qint64 genNs = 0;
        {
            Storage::StoreOptions options;
            options.mergeLogOnWriter = p.isSet(u"merge-on-writer"_s);
            auto created = Storage::createStore(storePath, options);
            std::unique_ptr<Storage::AlertStore> store = std::move(created.value());
            if (const Storage::Status s = store->open(Storage::AlertStore::Mode::ReadWrite); !s) {
                out << "cannot open: " << s.error() << Qt::endl;
                return 1;
            }
            DemoStream stream(std::max<qint64>(0, n - existing));
            if (resume) {
                stream.startAfter(resumeAfter);
            }
            QElapsedTimer wall;
            QElapsedTimer progress;
            progress.start();
            qint64 nextReport = 1'000'000;
            while (!stream.atEnd() && !g_stop) {
                QElapsedTimer g;
                g.start();
                const QList<Core::Alert> day = stream.nextDay();
                genNs += g.nsecsElapsed();
                for (qint64 i = 0; i < day.size() && !g_stop;) {
                    // A batch never straddles the end of the baseline's rows.
                    qint64 len = std::min<qint64>(batchSize, day.size() - i);
                    if (written < sample) {
                        len = std::min(len, sample - written);
                    }
                    Storage::IngestBatch b;
                    b.feed = u"bench"_s;
                    b.feedType = u"bench"_s;
                    b.alerts = day.mid(i, len);
                    wall.start();
                    const double cpu0 = threadCpuMs();
                    const Storage::BatchResult r = store->writeBatch(b);
                    storeCpu += threadCpuMs() - cpu0;
                    storeNs += wall.nsecsElapsed();
                    if (!r.ok) {
                        out << "write failed: " << r.error << Qt::endl;
                        return 1;
                    }
                    written += len;
                    i += len;
                    if (written == sample) {
                        sampleNs = storeNs;
                        sampleCpu = storeCpu;
                    }
                    if (written >= nextReport) {
                        std::fprintf(stderr,
                            "  %lld alerts written, %.0f alerts/s (store), %.0f s\n",
                            static_cast<long long>(written),
                            double(written) * 1e9 / double(std::max<qint64>(1, storeNs)),
                            double(progress.elapsed()) / 1000.0);
                        nextReport += 1'000'000;
                    }
                }
            }
        }
        if (g_stop) {
            out << "stopped by a signal after " << written << " of " << n << " alerts" << Qt::endl;
        }
        n = existing + written;
        print(out, "generator time (not in the rates)", double(genNs) / 1e6, "ms");
        const double rate = double(written) * 1e9 / double(std::max<qint64>(1, storeNs));
        print(out, "store.writeBatch (dedup, FTS, roll-ups, ...)", rate, "alerts/s");
        print(out, "store, by CPU time", double(written) * 1000.0 / std::max(1.0, storeCpu),
            "alerts/CPU-s");
        if (sample > 0 && written >= sample) {
            // Like for like: the store on the baseline's rows against the baselines.
            const double sRate = double(sample) * 1e9 / double(std::max<qint64>(1, sampleNs));
            const double sCpuRate = double(sample) * 1000.0 / std::max(1.0, sampleCpu);
            const double rawCpuRate = double(sample) * 1000.0 / std::max(1.0, g_rawCpuMs);
            out << "on the baseline's " << sample << " rows:" << Qt::endl;
            print(out, "  store.writeBatch", sRate, "alerts/s");
            print(out, "  ratio store / plain SQLite (QtSql)", sRate / std::max(1.0, raw), "");
            print(out, "  ratio store / plain SQLite (C API)", sRate / std::max(1.0, rawC), "");
            print(out, "  store, by CPU time", sCpuRate, "alerts/CPU-s");
            print(out, "  plain C API, by CPU time", rawCpuRate, "alerts/CPU-s");
            print(out, "  ratio by CPU time", sCpuRate / rawCpuRate, "");
            print(out, "  ratio store's tables alone / plain SQLite (C API)",
                tablesOnly / std::max(1.0, rawC), "");
            print(out, "  the store's tables alone, by CPU time",
                double(sample) * 1000.0 / std::max(1.0, tablesOnlyCpuMs), "alerts/CPU-s");
            print(out, "  ratio store / its tables alone", sRate / std::max(1.0, tablesOnly), "");
            print(out, "  tables with v13's UNIQUE fingerprint, by CPU time",
                double(sample) * 1000.0 / std::max(1.0, tablesV13CpuMs), "alerts/CPU-s");
            print(out, "  ratio tables now / with v13's UNIQUE fingerprint",
                tablesOnly / std::max(1.0, tablesV13), "");
            print(out, "  tables with v14's positions, by CPU time",
                double(sample) * 1000.0 / std::max(1.0, tablesPositionsCpuMs), "alerts/CPU-s");
            print(out, "  ratio tables now / with v14's positions",
                tablesOnly / std::max(1.0, tablesPositions), "");
            print(out, "  ratio tables split over two files / plain SQLite (C API)",
                split.both / std::max(1.0, rawC), "");
            print(out, "  ratio `alerts` and its indexes alone / plain SQLite (C API)",
                split.alerts / std::max(1.0, rawC), "");
        }
    }

    t.restart();
    auto created = Storage::createStore(storePath);
    std::unique_ptr<Storage::AlertStore> store = std::move(created.value());
    if (const Storage::Status s = store->open(Storage::AlertStore::Mode::ReadOnly); !s) {
        out << "cannot open " << storePath << ": " << s.error() << Qt::endl;
        return 1;
    }
    print(out, "open store read-only", double(t.nsecsElapsed()) / 1e6, "ms");
    if (p.isSet(u"store"_s)) {
        const Storage::Result<qint64> count = store->countAlerts({});
        n = count ? count.value() : 0;
        out << "existing store " << storePath << ": " << n << " alerts" << Qt::endl;
    }

    const Storage::AlertFilter all;
    printTimed(out, "first page (100, newest first)",
        timeMs([&] { store->alerts(all, Storage::AlertSort::TimeDesc, 100, std::nullopt); }));
    // A jump (the table's scroll bar): alertsAt finds the hour from the hourly roll-up, then
    // OFFSET within it; the first call builds the connection's hour index.
    Storage::AlertPage mid;
    printTimed(out, "jump to n/2 (alertsAt), first: builds the hour index",
        timeMs(
            [&] { mid = store->alertsAt(all, Storage::AlertSort::TimeDesc, n / 2, 100).value(); },
            1));
    // The key half-way down, then the page after it.
    const Storage::PageKey key { mid.alerts.value(0).ts, 0, mid.alerts.value(0).id.value };
    printTimed(out, "page at depth n/2 (keyset)",
        timeMs([&] { store->alerts(all, Storage::AlertSort::TimeDesc, 100, key); }));
    printTimed(out, "jump to n/2 (alertsAt), hour index cached",
        timeMs([&] { store->alertsAt(all, Storage::AlertSort::TimeDesc, n / 2, 100); }));
    printTimed(out, "jump to n - 100, the end (alertsAt)",
        timeMs([&] { store->alertsAt(all, Storage::AlertSort::TimeDesc, n - 100, 100); }));
    printTimed(out, "page at depth n/2 (plain OFFSET, comparison)",
        timeMs(
            [&] {
                QSqlQuery q(store->database());
                q.setForwardOnly(true);
                q.prepare(u"SELECT id, ts, title FROM alerts ORDER BY ts DESC, id DESC LIMIT 100"
                          " OFFSET ?"_s);
                q.addBindValue(n / 2);
                q.exec();
                while (q.next()) { }
            },
            2));
    Storage::AlertFilter critical;
    critical.minSeverity = Core::Severity::Critical;
    printTimed(out, "newest critical page",
        timeMs([&] { store->alerts(critical, Storage::AlertSort::TimeDesc, 100, std::nullopt); }));
    Storage::AlertFilter common;
    common.search = u"bannk"_s;
    printTimed(out, "full-text common term, newest 100",
        timeMs([&] { store->alerts(common, Storage::AlertSort::TimeDesc, 100, std::nullopt); }));
    Storage::AlertFilter rare;
    rare.search = u"zyxwvutsr"_s;
    printTimed(out, "full-text rare term, newest 100",
        timeMs([&] { store->alerts(rare, Storage::AlertSort::TimeDesc, 100, std::nullopt); }));
    // A word in most alerts ("bank", in about 69 % of the demo's): the page comes from the
    // rows beside it, not from the whole match set (runPageQuery), as does the next page. The
    // count is the full-text index's alone; with a severity it scans the severity index.
    Storage::AlertFilter most;
    most.search = u"bank"_s;
    std::optional<Storage::PageKey> mostNext;
    const double windowMs = timeMs([&] {
        mostNext
            = store->alerts(most, Storage::AlertSort::TimeDesc, 100, std::nullopt).value().next;
    });
    printTimed(out, "full-text word in most alerts, newest 100", windowMs);
    // For comparison: "bank"'s page at an offset through the whole match set, as before the
    // window and the counts.
    const auto wholeMatchSet = [&](qint64 offset) {
        QSqlQuery q(store->database());
        q.setForwardOnly(true);
        q.prepare(u"SELECT id, ts, title FROM alerts WHERE +id IN (SELECT rowid FROM"
                  " alerts_fts WHERE alerts_fts MATCH 'bank')"
                  " ORDER BY ts DESC, id DESC LIMIT 100 OFFSET ?"_s);
        q.addBindValue(offset);
        q.exec();
        while (q.next()) { }
    };
    const double wholeMs = timeMs([&] { wholeMatchSet(0); }, 2);
    printTimed(out, "  the same through the whole match set (comparison)", wholeMs);
    print(out, "  ratio whole match set / window", wholeMs / std::max(windowMs, 1e-3), "");
    printTimed(out, "  the next page (keyset)",
        timeMs([&] { store->alerts(most, Storage::AlertSort::TimeDesc, 100, mostNext); }));
    printTimed(out, "  the console's page at row 1,000 (alertsAt)",
        timeMs([&] { store->alertsAt(most, Storage::AlertSort::TimeDesc, 1'000, 100); }));
    printTimed(out, "  count", timeMs([&] { store->countAlerts(most); }, 2));
    Storage::AlertFilter mostHigh = most;
    mostHigh.minSeverity = Core::Severity::High;
    printTimed(
        out, "  count, high and critical only", timeMs([&] { store->countAlerts(mostHigh); }, 2));
    // Deep in its matches (the console's scroll bar): the first jump past what the window
    // reaches counts the word's matches per minute; later jumps seek the minute, then the window.
    const qint64 mostCount = store->countAlerts(most).value();
    printTimed(out, "  jump to the middle of its matches (alertsAt), first: counts down to it",
        timeMs(
            [&] { store->alertsAt(most, Storage::AlertSort::TimeDesc, mostCount / 2, 100); }, 1));
    const double countedMs
        = timeMs([&] { store->alertsAt(most, Storage::AlertSort::TimeDesc, mostCount / 2, 100); });
    printTimed(out, "  jump to the middle again (counts cached)", countedMs);
    // Deeper than the first jump counted: the count goes on from there, once.
    printTimed(out, "  jump to 3/4 of its matches, first: counts further down",
        timeMs([&] { store->alertsAt(most, Storage::AlertSort::TimeDesc, mostCount * 3 / 4, 100); },
            1));
    printTimed(out, "  jump to 3/4 again", timeMs([&] {
        store->alertsAt(most, Storage::AlertSort::TimeDesc, mostCount * 3 / 4, 100);
    }));
    const double offsetMs = timeMs([&] { wholeMatchSet(mostCount / 2); }, 1);
    printTimed(out, "  the middle through the whole match set and OFFSET (comparison)", offsetMs);
    print(out, "  ratio OFFSET / counted", offsetMs / std::max(countedMs, 1e-3), "");
    const qint64 mostHighCount = store->countAlerts(mostHigh).value();
    printTimed(out, "  high and critical only: jump to the middle, first",
        timeMs(
            [&] {
                store->alertsAt(mostHigh, Storage::AlertSort::TimeDesc, mostHighCount / 2, 100);
            },
            1));
    printTimed(out, "  high and critical only: jump to the middle again", timeMs([&] {
        store->alertsAt(mostHigh, Storage::AlertSort::TimeDesc, mostHighCount / 2, 100);
    }));
    printTimed(out, "full-text common term, count", timeMs([&] { store->countAlerts(common); }, 2));
    if (const auto *sqlite = dynamic_cast<const Storage::SqliteStore *>(store.get())) {
        const Storage::SqliteStore::SearchWindows windows = sqlite->searchWindows();
        out << QStringLiteral(
            "  search pages from their window: %1, from the whole match set: %2\n")
                   .arg(windows.found)
                   .arg(windows.missed);
    }
    const Storage::StoreStats stats = store->stats().value();
    printTimed(out, "stats (counts by severity and category)", timeMs([&] { store->stats(); }, 2));
    printTimed(out, "dashboard, last 30 days (6-hour buckets)", timeMs([&] {
        store->dashboard(stats.newest - 30 * kDay, stats.newest, 6 * 3600 * 1000LL, 10);
    }));
    printTimed(out, "dashboard, last 24 h (15-min buckets)",
        timeMs([&] { store->dashboard(stats.newest - kDay, stats.newest, 15 * 60 * 1000LL, 10); }));
    // The Incidents list (keyset pagination): the first page in the view's order, a page
    // half-way down read on from the row before it (the console's scrolling) and by OFFSET,
    // and deep jumps, which count from the nearer end.
    const Storage::IncidentFilter listed;
    const Storage::IncidentSort byRisk = Storage::IncidentSort::RiskDesc;
    const Storage::Result<qint64> incidentCount = store->countIncidents(listed);
    const qint64 m = incidentCount ? incidentCount.value() : 0;
    out << "incidents listed: " << m << Qt::endl;
    if (m > 200) {
        const auto pageAt = [&](const Storage::IncidentPageAt &at) {
            return store->incidentPage(listed, byRisk, at, 100, stats.newest);
        };
        printTimed(out, "incidents, first page (by risk)", timeMs([&] { pageAt({}); }));
        printTimed(out, "incidents, first page (by severity)", timeMs([&] {
            store->incidentPage(listed, Storage::IncidentSort::SeverityDesc, {}, 100, stats.newest);
        }));
        printTimed(out, "incidents, first page (by deadline)", timeMs([&] {
            store->incidentPage(listed, Storage::IncidentSort::DeadlineAsc, {}, 100, stats.newest);
        }));
        Storage::IncidentPageAt half;
        half.offset = m / 2 - 1;
        const auto before = pageAt(half);
        half = {};
        half.offset = m / 2;
        half.after = before ? before->value(0) : Storage::IncidentRow();
        const double keyset = timeMs([&] { pageAt(half); });
        printTimed(out, "incidents, page at n/2 (keyset, after a row)", keyset);
        half.after.reset();
        const double offset = timeMs([&] { pageAt(half); }, 2);
        printTimed(out, "incidents, page at n/2 (OFFSET, comparison)", offset);
        print(out, "  ratio OFFSET / keyset at n/2", offset / std::max(0.001, keyset), "");
        Storage::IncidentPageAt deep;
        deep.offset = m * 3 / 4;
        deep.total = m;
        printTimed(
            out, "incidents, jump to 3n/4 (OFFSET from the end)", timeMs([&] { pageAt(deep); }, 2));
        deep.offset = (m - 1) / 100 * 100;
        printTimed(out, "incidents, jump to the last page", timeMs([&] { pageAt(deep); }));
        // A scroll-bar drag into the middle in the other orders, and in the console's default
        // list (open incidents only): OFFSET along each order's index (schema v13).
        Storage::IncidentPageAt middle;
        middle.offset = m / 2;
        printTimed(out, "incidents, page at n/2 by severity (OFFSET)",
            timeMs(
                [&] {
                    store->incidentPage(
                        listed, Storage::IncidentSort::SeverityDesc, middle, 100, stats.newest);
                },
                2));
        printTimed(out, "incidents, page at n/2 by deadline (OFFSET)",
            timeMs(
                [&] {
                    store->incidentPage(
                        listed, Storage::IncidentSort::DeadlineAsc, middle, 100, stats.newest);
                },
                2));
        printTimed(out, "incidents, page at n/2 by last seen (OFFSET)",
            timeMs(
                [&] {
                    store->incidentPage(
                        listed, Storage::IncidentSort::LastSeenDesc, middle, 100, stats.newest);
                },
                2));
        Storage::IncidentFilter open;
        open.openOnly = true;
        const Storage::Result<qint64> openCounted = store->countIncidents(open);
        const qint64 openCount = openCounted ? openCounted.value() : 0;
        Storage::IncidentPageAt openMiddle;
        openMiddle.offset = openCount / 2;
        out << "open incidents listed: " << openCount << Qt::endl;
        printTimed(out, "incidents, open only, page at n/2 (OFFSET)",
            timeMs([&] { store->incidentPage(open, byRisk, openMiddle, 100, stats.newest); }, 2));
    }
    print(out, "peak RSS of this process", double(peakRssKb()) / 1024.0, "MiB");
    print(out, "store size on disk", double(QFileInfo(storePath).size()) / 1048576.0, "MiB");
    return 0;
}
