// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitestore.h"

#include "ftstokens.h"
#include "incidentcorrelator.h"
#include "incidentstore.h"
#include "merklelog.h"
#include "openrisk.h"
#include "riskmodel.h"
#include "schema.h"
#include "sqlitestatement.h"
#include "storereads.h"
#include "timelinequeries.h"
#include "transactionguard.h"
#include "walcheckpointer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QUrl>
#include <QVariant>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <tuple>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStore, "lakeguard.storage")

namespace Lakeguard::Storage {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 3'600'000;
// alertsAt: from this offset on, find the hour by the roll-up instead of OFFSET alone.
constexpr qint64 kSeekFromOffset = 2'000;
// Up to this many full-text matches are read and sorted; more, and the time index is walked.
constexpr qint64 kFewMatches = 10'000;
// A search with more matches first looks for its page among the next rows of the view without
// the search: at least this many, and eight times the rows the page needs (runPageQuery).
constexpr qint64 kSearchWindow = 4'096;
// Deeper pages than a window of this many rows would reach (an offset past 32,000) go straight to
// the whole match set: a larger window costs more than gathering the set (0.8 µs a row against
// 0.12 µs a match, at 10 M alerts).
constexpr qint64 kSearchWindowMax = 262'144;
// alertsAt: from this offset on, a filter the roll-up cannot answer (a search, a rule, a time
// range) counts its rows per minute, so that this jump and the later ones seek. Counting down
// to a row costs about what the page there costs without it (1.1-1.5 times, at 10 M alerts);
// less deep, the search's window or OFFSET is cheaper than counting.
constexpr qint64 kCountFromOffset = kSearchWindowMax / 8;
// Rows in a bucket of those counts: a page inside one is at most this deep, which the search's
// window reaches with 8,192 rows (a few ms).
constexpr qint64 kBucketRows = 1'024;

qint64 floorTo(qint64 value, qint64 step)
{
    const qint64 q = value / step;
    return (value % step < 0 ? q - 1 : q) * step;
}

// Whether a filter's rows are counted newest first, as deep as a jump needs (countDown), or
// all at once in the plan SQLite picks (countAfter): a severity's index is not in time order.
bool countsNewestFirst(const AlertFilter &f)
{
    return !f.minSeverity || *f.minSeverity == Core::Severity::Info;
}

QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return u"lakeguard-sqlite-%1"_s.arg(++counter);
}

const QString kAlertColumns
    = u"id, ts, received, feed, source, severity, category, rule, title, "
                              "message, entity, src_ip, dst_ip, fingerprint, incident, raw, state, state_since, suppressed"_s;

// When an alert's reported state began: the source's time, else when Lakeguard received it.
TimestampMs stateSince(const Alert &a)
{
    return a.stateSince > 0 ? a.stateSince : a.received;
}

Alert alertFromQuery(const QSqlQuery &q)
{
    Alert a;
    a.id = Core::AlertId{q.value(0).toLongLong()};
    a.ts = q.value(1).toLongLong();
    a.received = q.value(2).toLongLong();
    a.feed = q.value(3).toString();
    a.source = q.value(4).toString();
    a.severity = Core::severityFromInt(q.value(5).toInt());
    a.category = Core::categoryFromName(q.value(6).toString()).value_or(Core::Category::Other);
    a.rule = q.value(7).toString();
    a.title = q.value(8).toString();
    a.message = q.value(9).toString();
    a.entity = q.value(10).toString();
    a.srcIp = q.value(11).toString();
    a.dstIp = q.value(12).toString();
    a.fingerprint = q.value(13).toByteArray();
    if (!q.value(14).isNull()) {
        a.incident = Core::IncidentId{q.value(14).toLongLong()};
    }
    a.raw = q.value(15).toByteArray();
    a.state = q.value(16).toString();
    a.stateSince = q.value(17).toLongLong();
    if (!q.value(18).isNull()) {
        a.suppressedBy = q.value(18).toLongLong();
    }
    return a;
}

// SQLite converts bound UTF-16 to UTF-8 itself and merges a lone surrogate with the character
// after it; such text is made valid first (U+FFFD), so what is stored is what the leaf hashes.
QString validUtf16(const QString &s)
{
    if (s.isValidUtf16()) {
        return s;
    }
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
            out += c;
            out += s.at(++i);
        } else {
            out += c.isSurrogate() ? QChar(QChar::ReplacementCharacter) : c;
        }
    }
    return out;
}

// A null QString binds as SQL NULL; NOT NULL text columns get an empty string instead.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : validUtf16(s);
}

// WHERE clause and its bound values for a filter.
struct Where
{
    QStringList clauses;
    QVariantList values;
    // The full-text query, when the filter searches; its clause is clauses[ftsClause].
    QString fts;
    qsizetype ftsClause = -1;
    qsizetype ftsValue = -1;
    // The search's clauses and values from ftsClause and ftsValue on: the MATCH, then one
    // lakeguard_phrase() per word of several tokens.
    qsizetype searchParts = 0;

    QString sql() const
    {
        return clauses.isEmpty() ? QString() : u" WHERE "_s + clauses.join(u" AND "_s);
    }
};

Where whereFor(const AlertFilter &f)
{
    Where w;
    if (f.since) {
        w.clauses << u"ts >= ?"_s;
        w.values << *f.since;
    }
    if (f.until) {
        w.clauses << u"ts < ?"_s;
        w.values << *f.until;
    }
    if (f.minSeverity && *f.minSeverity != Core::Severity::Info) {
        w.clauses << u"severity >= ?"_s;
        w.values << static_cast<int>(*f.minSeverity);
    }
    if (!f.categories.isEmpty()) {
        QStringList marks;
        for (const QString &c : f.categories) {
            marks << u"?"_s;
            w.values << c;
        }
        w.clauses << u"category IN (%1)"_s.arg(marks.join(u", "_s));
    }
    if (!f.rule.isEmpty()) {
        w.clauses << u"rule = ?"_s;
        w.values << f.rule;
    }
    if (!f.feed.isEmpty()) {
        w.clauses << u"feed = ?"_s;
        w.values << f.feed;
    }
    if (f.incident) {
        w.clauses << u"incident = ?"_s;
        w.values << f.incident->value;
    }
    const FtsSearch fts = ftsSearch(f.search);
    if (!fts.match.isEmpty()) {
        w.fts = fts.match;
        w.ftsClause = w.clauses.size();
        w.ftsValue = w.values.size();
        // Unary + : the time (or severity) index drives, probing the match set per row.
        w.clauses << u"+id IN (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ?)"_s;
        w.values << fts.match;
        // The index has no positions: a word of several tokens matched them anywhere in the
        // alert, and only its own order of them counts (ftstokens.h).
        for (const QString &phrase : fts.phrases) {
            w.clauses << u"lakeguard_phrase(?, title, message, entity, rule)"_s;
            w.values << phrase;
        }
        w.searchParts = 1 + fts.phrases.size();
    } else if (!f.search.trimmed().isEmpty()) {
        w.clauses << u"0"_s; // only punctuation: nothing can match
    }
    return w;
}

void bindAll(QSqlQuery &q, const QVariantList &values)
{
    for (const QVariant &v : values) {
        q.addBindValue(v);
    }
}

} // namespace

struct SqliteStore::Prepared
{
    explicit Prepared(const QSqlDatabase &db)
        : insertQuarantine(db)
        , upsertChain(db)
        , insertChainHistory(db)
        , upsertFeed(db)
        , feedFts(db)
        , maxId(db)
        , findAlert(db)
        , insertEvent(db)
        , updateState(db)
    {}
    QSqlQuery insertQuarantine;
    QSqlQuery upsertChain;
    QSqlQuery insertChainHistory;
    QSqlQuery upsertFeed;
    QSqlQuery feedFts;
    QSqlQuery maxId;
    QSqlQuery findAlert;
    QSqlQuery insertEvent;
    QSqlQuery updateState;
    // The per-alert statement through the C API, and the leaf encoder it feeds.
    SqliteStatement insertAlertFast;
    // Alerts whose fingerprint leaves their time out, found and recorded by fingerprint alone.
    SqliteStatement findIdentity;
    SqliteStatement insertIdentity;
    LeafEncoding::Encoder leaf;
    // Roll-ups and totals: one upsert per distinct key and batch, also through the C API.
    SqliteStatement upsertMinute;
    SqliteStatement upsertHour;
    SqliteStatement upsertHourTotal;
    SqliteStatement upsertEntity;
    SqliteStatement upsertTotal;
};

namespace {

// UTF-8 of a column value as stored: valid UTF-16 first (a lone surrogate becomes U+FFFD).
QByteArray utf8Of(const QString &s)
{
    return s.isValidUtf16() ? s.toUtf8() : validUtf16(s).toUtf8();
}

} // namespace

bool configureSqliteLibrary()
{
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

Result<StoreSpace> readStoreSpace(const QString &location)
{
    SqliteStore store(location);
    if (const Status s = store.open(AlertStore::Mode::ReadOnly); !s) {
        return Result<StoreSpace>::failure(s.error());
    }
    return store.space();
}

Result<qint64> backupStore(const QString &location, const QString &target)
{
    {
        SqliteStore store(location);
        if (const Status s = store.open(AlertStore::Mode::ReadOnly); !s) {
            return Result<qint64>::failure(s.error());
        }
        if (const Status s = store.backup(target); !s) {
            return Result<qint64>::failure(s.error());
        }
    }
    SqliteStore copy(target);
    if (const Status s = copy.open(AlertStore::Mode::ReadOnly); !s) {
        return Result<qint64>::failure(
            Tr::tr("%1: the copy cannot be opened: %2").arg(target, s.error()));
    }
    return QFileInfo(target).size();
}

SqliteStore::SqliteStore(QString path, StoreOptions options)
    : m_path(std::move(path))
    , m_options(options)
    , m_connection(nextConnectionName())
{}

SqliteStore::~SqliteStore()
{
    // Closing a read-write store signs what it holds, so no leaf is left without a checkpoint.
    if (m_prepared && m_log && m_log->uncoveredLeaves() > 0) {
        if (const Status s = m_log->checkpoint(true); !s) {
            qCWarning(lcStore) << "closing checkpoint failed:" << s.error();
        }
    }
    m_incidents.reset();
    m_correlator.reset();
    m_log.reset();
    m_prepared.reset();
    // Its connection closes first. SQLite merges the whole log and removes it only at the close
    // of the last connection, and readers (the console's) may still be open: a read-only close
    // cannot merge, and the next open then reads the whole log to index it (4 s for a 3 GB log
    // left by the console at 10 M alerts). So the writer merges and empties it itself. A reader
    // in the middle of a read holds the log: wait for it a quarter of a second, not the 5 s of
    // the busy timeout, so that closing the console does not hang.
    if (m_walCheckpointer) {
        m_walCheckpointer->detach();
        const WalCheckpointer::Stats st = m_walCheckpointer->stats();
        if (st.restarts > 0 || st.restartsBusy > 0) {
            qCInfo(lcStore).nospace()
                << "write-ahead log: " << st.merges << " merges beside the writer, "
                << st.writerMerges << " by the writer; " << st.restarts
                << " restarts past readers, " << st.restartsBusy << " gave up waiting for one";
        }
    }
    m_walCheckpointer.reset();
    if (m_db.isOpen() && m_mode == Mode::ReadWrite) {
        QSqlQuery q(m_db);
        if (!q.exec(u"PRAGMA busy_timeout=250"_s)
            || !q.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s)) {
            qCWarning(lcStore) << "closing merge of the write-ahead log failed:" << errorText(q);
        } else if (q.next() && q.value(0).toInt() != 0) {
            qCInfo(lcStore) << "closing merge of the write-ahead log waited on a reader; the"
                               " next writer merges the rest";
        }
    }
    if (m_db.isValid()) {
        m_db.close();
    }
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

QString SqliteStore::errorText(const QSqlQuery &q) const
{
    return q.lastError().text();
}

Status SqliteStore::open(Mode mode)
{
    m_mode = mode;
    const QFileInfo info(m_path);
    if (mode == Mode::ReadOnly && !info.exists()) {
        return Status::failure(Tr::tr("no store at %1").arg(m_path));
    }
    if (mode == Mode::ReadWrite && !info.absoluteDir().exists()
        && !QDir().mkpath(info.absolutePath())) {
        return Status::failure(Tr::tr("cannot create folder %1").arg(info.absolutePath()));
    }
    // Read-only opens are read-only in SQLite itself (SQLITE_OPEN_READONLY and query_only), not
    // only in the user interface. A store whose folder cannot be written (read-only media) is
    // opened immutable, since SQLite could not create the WAL index beside it; a WAL left to
    // merge would then be ignored, so that case is refused with the way out.
    const bool walPending = QFileInfo(m_path + u"-wal"_s).size() > 0;
    const bool folderWritable = QFileInfo(info.absolutePath()).isWritable();
    const bool immutable
        = mode == Mode::ReadOnly && (m_options.immutable || (!folderWritable && !walPending));
    if (immutable && walPending) {
        return Status::failure(
            Tr::tr("%1 has a write-ahead log that is not merged yet, so it cannot be opened "
                   "immutable; make a copy with `lakeguard-cli backup` and review that")
                .arg(m_path));
    }
    if (mode == Mode::ReadOnly && !folderWritable && walPending) {
        return Status::failure(
            Tr::tr("%1 is in a folder that cannot be written and has a write-ahead log that is "
                   "not merged yet; copy the store and its -wal file to a writable folder")
                .arg(m_path));
    }
    m_immutable = immutable;
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    if (immutable) {
        QUrl url = QUrl::fromLocalFile(info.absoluteFilePath());
        url.setQuery(u"mode=ro&immutable=1"_s);
        m_db.setDatabaseName(url.toString(QUrl::FullyEncoded));
        m_db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"_s);
    } else {
        m_db.setDatabaseName(m_path);
        m_db.setConnectOptions(mode == Mode::ReadOnly
                                   ? u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s
                                   : u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    }
    if (!m_db.open()) {
        return Status::failure(
            Tr::tr("cannot open store %1: %2").arg(m_path, m_db.lastError().text()));
    }
    if (!addPhraseFunction(sqliteHandle(m_db))) {
        return Status::failure(
            Tr::tr("cannot open store %1: SQLite has no full-text search (FTS5)").arg(m_path));
    }
    QSqlQuery q(m_db);
    // synchronous=FULL: the WAL is fsynced at every commit. Feeds acknowledge a batch to its
    // source once it committed (a webhook's 200, a file cursor), so a commit must survive a power
    // loss or OS crash too, not only a crash of the process (NORMAL's guarantee). One fsync per
    // batch; batches are large under load. docs/durability.md.
    // Page caches: 64 MiB for the writer (index pages of a large store, ingest rate); 16 MiB
    // for each reader, whose queries touch few pages (keyset pages, roll-ups), and the console
    // holds three or four of them (RSS target, docs/store.md).
    // journal_size_limit: a checkpoint that resets the write-ahead log also cuts the file back
    // to 64 MiB. Without it the log keeps its largest size (758 MB after a 10 M-alert run while a
    // long verification held a snapshot), and the first open after an unclean close reads all of
    // it to recover (738 ms instead of 3 ms at 10 M alerts).
    const QStringList pragmas = mode == Mode::ReadWrite
        ? QStringList { u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s,
              u"PRAGMA cache_size=-65536"_s, u"PRAGMA temp_store=MEMORY"_s,
              u"PRAGMA journal_size_limit=67108864"_s }
        : QStringList { u"PRAGMA cache_size=-16384"_s, u"PRAGMA query_only=ON"_s };
    for (const QString &p : pragmas) {
        if (!q.exec(p)) {
            return Status::failure(Tr::tr("cannot prepare store %1: %2").arg(m_path, errorText(q)));
        }
    }
    // A file that is not a SQLite database fails on its first read.
    if (!q.exec(u"SELECT count(*) FROM sqlite_master"_s) || !q.next()) {
        return Status::failure(Tr::tr("%1 is not a Lakeguard store: %2").arg(m_path, errorText(q)));
    }
    q.finish(); // an open read of sqlite_master would lock tables a migration drops
    if (const Status s = migrate(); !s) {
        return s;
    }
    m_log = std::make_unique<MerkleLog>(m_db, m_path, m_options);
    auto policy = loadIncidentPolicy(m_path);
    if (!policy) {
        return Status::failure(policy.error());
    }
    m_policy = policy.value();
    m_incidents = std::make_unique<IncidentStore>(
        m_db, mode == Mode::ReadWrite ? m_log.get() : nullptr, &m_policy);
    if (mode == Mode::ReadWrite) {
        // Running risk sums (schema v9): filled after the migration, refilled for a new half-life.
        if (const Status s = ensureOpenRisk(m_db, m_policy.risk); !s) {
            return Status::failure(Tr::tr("store %1: %2").arg(m_path, s.error()));
        }
    }
    if (mode == Mode::ReadWrite) {
        m_prepared = std::make_unique<Prepared>(m_db);
        Prepared &p = *m_prepared;
        const bool ok
            = p.insertAlertFast.prepare(sqliteHandle(m_db),
                  "INSERT INTO alerts (ts, received, feed, source, severity, category, rule, title,"
                  " message, entity, src_ip, dst_ip, fingerprint, incident, raw, state, "
                  "state_since,"
                  " suppressed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT (ts, fingerprint) DO NOTHING")
            && p.findIdentity.prepare(sqliteHandle(m_db),
                "SELECT a.id, a.state FROM alert_identities i JOIN alerts a ON a.id = i.alert"
                " WHERE i.fingerprint = ?")
            && p.insertIdentity.prepare(sqliteHandle(m_db),
                "INSERT INTO alert_identities (fingerprint, alert) VALUES (?, ?)")
            && p.insertQuarantine.prepare(
                u"INSERT INTO quarantine (received, feed, source, reason, fingerprint, raw)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING"_s)
            && p.upsertMinute.prepare(sqliteHandle(m_db),
                "INSERT INTO rollup_minute (bucket, severity, category, feed, n)"
                " VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (bucket, severity, category, feed) DO UPDATE SET n = n + excluded.n")
            && p.upsertHour.prepare(sqliteHandle(m_db),
                "INSERT INTO rollup_hour (bucket, severity, category, feed, n)"
                " VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (bucket, severity, category, feed) DO UPDATE SET n = n + excluded.n")
            && p.upsertHourTotal.prepare(sqliteHandle(m_db),
                "INSERT INTO rollup_hour_total (bucket, n) VALUES (?, ?)"
                " ON CONFLICT (bucket) DO UPDATE SET n = n + excluded.n")
            && p.upsertEntity.prepare(sqliteHandle(m_db),
                "INSERT INTO rollup_entity_hour (bucket, entity, n, weight, worst)"
                " VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (bucket, entity) DO UPDATE SET n = n + excluded.n,"
                " weight = weight + excluded.weight, worst = max(worst, excluded.worst)")
            && p.upsertTotal.prepare(sqliteHandle(m_db),
                "INSERT INTO alert_totals (severity, category, n) VALUES (?, ?, ?)"
                " ON CONFLICT (severity, category) DO UPDATE SET n = n + excluded.n")
            && p.upsertChain.prepare(
                u"INSERT INTO chain_status (chain, node, height, head_hash, block_time, observed,"
                " peers, syncing, lag, state, latency_ms, details)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (chain, node) DO UPDATE SET height = excluded.height,"
                " head_hash = excluded.head_hash, block_time = excluded.block_time,"
                " observed = excluded.observed, peers = excluded.peers,"
                " syncing = excluded.syncing, lag = excluded.lag, state = excluded.state,"
                " latency_ms = excluded.latency_ms, details = excluded.details"
                " WHERE excluded.observed >= observed"_s)
            && p.insertChainHistory.prepare(
                u"INSERT INTO chain_history (observed, chain, node, height, lag, latency_ms,"
                " block_time) VALUES (?, ?, ?, ?, ?, ?, ?)"_s)
            && p.upsertFeed.prepare(
                u"INSERT INTO feeds (id, type, state, received, accepted, duplicates, quarantined,"
                " skipped, bytes, last_event, updated, last_error, cursor)"
                " VALUES (?, ?, 'healthy', ?, ?, ?, ?, ?, ?, ?, ?, '', ?)"
                " ON CONFLICT (id) DO UPDATE SET"
                " type = CASE WHEN excluded.type = '' THEN type ELSE excluded.type END,"
                " received = received + excluded.received,"
                " accepted = accepted + excluded.accepted,"
                " duplicates = duplicates + excluded.duplicates,"
                " quarantined = quarantined + excluded.quarantined,"
                " skipped = skipped + excluded.skipped,"
                " bytes = bytes + excluded.bytes,"
                " last_event = max(last_event, excluded.last_event),"
                " updated = excluded.updated,"
                " cursor = coalesce(excluded.cursor, cursor)"_s)
            && p.feedFts.prepare(
                u"INSERT INTO alerts_fts (rowid, title, message, entity, rule)"
                " SELECT id, title, message, entity, rule FROM alerts WHERE id > ?"_s)
            && p.maxId.prepare(u"SELECT coalesce(max(id), 0) FROM alerts"_s)
            && p.findAlert.prepare(
                u"SELECT id, state FROM alerts WHERE ts = ? AND fingerprint = ?"_s)
            && p.insertEvent.prepare(
                u"INSERT INTO alert_events (alert_id, ts, received, feed, state, message, raw)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)"_s)
            && p.updateState.prepare(
                u"UPDATE alerts SET state = ?, state_since = ? WHERE id = ?"_s);
        if (!ok) {
            return Status::failure(
                Tr::tr("cannot prepare statements: %1").arg(m_db.lastError().text()));
        }
        if (const Status s = m_log->openForWriting(); !s) {
            m_prepared.reset();
            return Status::failure(Tr::tr("store %1: %2").arg(m_path, s.error()));
        }
        m_correlator = std::make_unique<IncidentCorrelator>(m_db, &m_policy);
        if (m_options.mergeLogOnWriter) {
            // On the writer's thread at SQLite's default 1,000 pages, with the restart past
            // readers that SQLite's own merge lacks (WalCheckpointer).
            m_walCheckpointer
                = std::make_unique<WalCheckpointer>(m_path, 0, WalCheckpointer::kStartPages);
        } else {
            m_walCheckpointer = std::make_unique<WalCheckpointer>(m_path);
        }
        m_walCheckpointer->attach(sqliteHandle(m_db));
    }
    return Ok{};
}

Status SqliteStore::migrate()
{
    QSqlQuery q(m_db);
    int version = 0;
    if (q.exec(u"SELECT value FROM meta WHERE key = 'schema_version'"_s) && q.next()) {
        version = q.value(0).toInt();
    } else if (q.exec(u"SELECT count(*) FROM sqlite_master WHERE name = 'alerts'"_s) && q.next()
               && q.value(0).toInt() > 0) {
        return Status::failure(Tr::tr("%1 holds tables but no schema version").arg(m_path));
    }
    const int latest = sqliteSchemaVersion();
    if (version > latest) {
        return Status::failure(Tr::tr("store %1 has schema version %2, newer than this build "
                                      "understands (%3); use a newer Lakeguard")
                                   .arg(m_path)
                                   .arg(version)
                                   .arg(latest));
    }
    if (version == latest) {
        m_schemaVersion = version;
        return Ok{};
    }
    if (m_mode == Mode::ReadOnly) {
        return Status::failure(Tr::tr("store %1 has schema version %2 and needs migrating to %3; "
                                      "open it once read-write")
                                   .arg(m_path)
                                   .arg(version)
                                   .arg(latest));
    }
    // A migration that builds an index over every alert sorts them all: with the writer's
    // temp_store=MEMORY that sort stays in memory (1 GB at 1 M alerts for version 14). In
    // temporary files it spills to disk past the page cache instead.
    q.finish();
    if (!q.exec(u"PRAGMA temp_store=FILE"_s)) {
        return Status::failure(Tr::tr("cannot begin migration: %1").arg(errorText(q)));
    }
    const auto memoryAgain = qScopeGuard([this] {
        QSqlQuery pragma(m_db);
        pragma.exec(u"PRAGMA temp_store=MEMORY"_s);
    });
    if (version > 0) { // some rewrite a table or an index, which takes a while on a large store
        qCInfo(lcStore) << "migrating" << m_path << "from schema version" << version << "to"
                        << latest;
    }
    for (const Migration &m : sqliteMigrations()) {
        if (m.toVersion <= version) {
            continue;
        }
        if (!m_db.transaction()) {
            return Status::failure(
                Tr::tr("cannot begin migration: %1").arg(m_db.lastError().text()));
        }
        for (const QString &statement : m.statements) {
            if (!q.exec(statement)) {
                const QString err = errorText(q);
                m_db.rollback();
                return Status::failure(
                    Tr::tr("migration to schema version %1 failed: %2").arg(m.toVersion).arg(err));
            }
        }
        if (m.code) {
            // No statement of ours may be left reading (the version's SELECT, when the
            // migration has no statements): SQLite refuses to drop a table beside one.
            q.finish();
            if (const QString err = m.code(m_db); !err.isEmpty()) {
                m_db.rollback();
                return Status::failure(
                    Tr::tr("migration to schema version %1 failed: %2").arg(m.toVersion).arg(err));
            }
        }
        q.prepare(u"INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
        q.addBindValue(QString::number(m.toVersion));
        if (!q.exec() || !m_db.commit()) {
            const QString err = errorText(q);
            m_db.rollback();
            return Status::failure(
                Tr::tr("migration to schema version %1 failed: %2").arg(m.toVersion).arg(err));
        }
        qCDebug(lcStore) << "migrated" << m_path << "to schema version" << m.toVersion;
        version = m.toVersion;
    }
    m_schemaVersion = version;
    return Ok{};
}

Status SqliteStore::appendAlertEvent(qint64 alertId, const Alert &a, const QString &batchFeed)
{
    QSqlQuery &q = m_prepared->insertEvent;
    const QString feed = a.feed.isEmpty() ? batchFeed : a.feed;
    const TimestampMs ts = stateSince(a);
    q.addBindValue(alertId);
    q.addBindValue(ts);
    q.addBindValue(a.received);
    q.addBindValue(text(feed));
    q.addBindValue(text(a.state));
    q.addBindValue(text(a.message));
    q.addBindValue(a.raw.isNull() ? QByteArray("") : a.raw);
    if (!q.exec()) {
        return Status::failure(u"alert event: "_s + q.lastError().text());
    }
    const qint64 id = q.lastInsertId().toLongLong();
    return m_log->append(LeafKind::AlertEvent, id,
                         {id, alertId, ts, a.received, text(feed), text(a.state), text(a.message),
                          a.raw.isNull() ? QByteArray("") : a.raw});
}

Result<bool> SqliteStore::changeAlertState(
    const Alert &a, const QString &batchFeed, const std::optional<StoredAlert> &known)
{
    using R = Result<bool>;
    Prepared &p = *m_prepared;
    StoredAlert stored;
    if (known) {
        stored = *known;
    } else {
        p.findAlert.addBindValue(a.ts);
        p.findAlert.addBindValue(a.fingerprint);
        if (!p.findAlert.exec()) {
            return R::failure(u"find alert"_s);
        }
        if (!p.findAlert.next()) {
            // The fingerprint collided inside this batch with no row yet: a plain duplicate.
            p.findAlert.finish();
            return false;
        }
        stored = { p.findAlert.value(0).toLongLong(), p.findAlert.value(1).toString() };
        p.findAlert.finish();
    }
    const qint64 id = stored.id;
    const QString &current = stored.state;
    // "resolved" ends an occurrence: a late re-delivery of an earlier state (a sender's retry)
    // must not bring it back. A new occurrence has a new fingerprint (docs/store.md).
    if (current == a.state || current == u"resolved"_s) {
        return false;
    }
    if (const Status s = appendAlertEvent(id, a, batchFeed); !s) {
        return R::failure(s.error());
    }
    p.updateState.addBindValue(a.state);
    p.updateState.addBindValue(stateSince(a));
    p.updateState.addBindValue(id);
    if (!p.updateState.exec()) {
        return R::failure(u"update alert state: "_s + p.updateState.lastError().text());
    }
    return true;
}

BatchResult SqliteStore::writeBatch(const IngestBatch &batch)
{
    BatchResult r;
    if (!m_prepared) {
        r.error = Tr::tr("store is not open for writing");
        return r;
    }
    Prepared &p = *m_prepared;
    if (!m_db.transaction()) {
        r.error = Tr::tr("cannot begin transaction: %1").arg(m_db.lastError().text());
        return r;
    }
    auto fail = [&](const QSqlQuery &q, const QString &what) {
        r = BatchResult{};
        r.error = Tr::tr("%1 failed: %2").arg(what, q.lastError().text());
        m_db.rollback();
        return r;
    };

    auto failLog = [&](const Status &s) {
        r = BatchResult{};
        r.error = Tr::tr("tamper-evidence log failed: %1").arg(s.error());
        m_db.rollback();
        return r;
    };
    if (batch.expectedCursor) {
        QSqlQuery q(m_db);
        q.prepare(u"SELECT cursor FROM feeds WHERE id = ?"_s);
        q.addBindValue(text(batch.feed));
        if (!q.exec()) {
            return fail(q, u"feed cursor"_s);
        }
        const QByteArray stored = q.next() ? q.value(0).toByteArray() : QByteArray();
        q.finish();
        if (stored != *batch.expectedCursor) {
            r = BatchResult{};
            r.error = Tr::tr("feed %1: the batch before this one was not stored; this one is "
                             "refused so nothing is skipped")
                          .arg(batch.feed);
            m_db.rollback();
            return r;
        }
    }
    if (const Status s = m_log->begin(); !s) {
        return failLog(s);
    }
    if (!p.maxId.exec() || !p.maxId.next()) {
        return fail(p.maxId, u"max id"_s);
    }
    const qint64 maxIdBefore = p.maxId.value(0).toLongLong();
    p.maxId.finish();
    const TimestampMs now = Core::nowMs();
    if (const Status s = m_correlator->begin(now); !s) {
        r = BatchResult{};
        r.error = Tr::tr("correlation failed: %1").arg(s.error());
        m_db.rollback();
        return r;
    }

    // Roll-ups aggregated in memory, written once per key.
    using RollupKey = std::tuple<qint64, int, QByteArray, QByteArray>;
    std::map<RollupKey, qint64> minute;
    std::map<RollupKey, qint64> hour;
    std::map<qint64, qint64> hourTotal;
    std::map<std::pair<int, QByteArray>, qint64> totals;
    struct EntityAgg
    {
        qint64 n = 0;
        double weight = 0;
        int worst = 0;
    };
    std::map<std::pair<qint64, QByteArray>, EntityAgg> entity;
    TimestampMs lastEvent = 0;
    const QByteArray batchFeedUtf8 = utf8Of(batch.feed);

    for (const Alert &a : batch.alerts) {
        // The incident is decided before the insert so the alert row carries it (one write).
        const auto decision = m_correlator->decide(a);
        if (!decision) {
            r = BatchResult{};
            r.error = Tr::tr("correlation failed: %1").arg(decision.error());
            m_db.rollback();
            return r;
        }
        // An alert whose fingerprint leaves its time out repeats the one stored under its
        // fingerprint, whatever that one's time (docs/store.md, "Dedup").
        std::optional<StoredAlert> known;
        if (!a.fingerprintCoversTime) {
            p.findIdentity.bindBlob(1, a.fingerprint);
            const int rc = p.findIdentity.step();
            if (rc == SQLITE_ROW) {
                known = StoredAlert { p.findIdentity.columnValue(0).toLongLong(),
                    p.findIdentity.columnValue(1).toString() };
            } else if (rc != SQLITE_DONE) {
                r = BatchResult {};
                r.error = Tr::tr("%1 failed: %2").arg(u"find alert"_s, p.findIdentity.error());
                p.findIdentity.reset();
                m_db.rollback();
                return r;
            }
            p.findIdentity.reset();
        }
        // Text is converted to UTF-8 once: SQLite stores exactly these bytes (the database is
        // UTF-8) and the leaf hashes the same bytes.
        SqliteStatement &q = p.insertAlertFast;
        const QByteArray feedUtf8 = a.feed.isEmpty() ? batchFeedUtf8 : utf8Of(a.feed);
        const QByteArray source = utf8Of(a.source);
        const QByteArray category = Core::categoryName(a.category).toUtf8();
        const QByteArray rule = utf8Of(a.rule);
        const QByteArray title = utf8Of(a.title);
        const QByteArray message = utf8Of(a.message);
        const QByteArray entityUtf8 = utf8Of(a.entity);
        const QByteArray srcIp = a.srcIp.isEmpty() ? QByteArray() : utf8Of(a.srcIp);
        const QByteArray dstIp = a.dstIp.isEmpty() ? QByteArray() : utf8Of(a.dstIp);
        const QByteArray state = utf8Of(a.state);
        q.bindInt(1, a.ts);
        q.bindInt(2, a.received);
        q.bindText(3, feedUtf8);
        q.bindText(4, source);
        q.bindInt(5, static_cast<int>(a.severity));
        q.bindText(6, category);
        q.bindText(7, rule);
        q.bindText(8, title);
        q.bindText(9, message);
        q.bindText(10, entityUtf8);
        a.srcIp.isEmpty() ? q.bindNull(11) : q.bindText(11, srcIp);
        a.dstIp.isEmpty() ? q.bindNull(12) : q.bindText(12, dstIp);
        q.bindBlob(13, a.fingerprint);
        decision->incident ? q.bindInt(14, *decision->incident) : q.bindNull(14);
        q.bindBlob(15, a.raw);
        q.bindText(16, state);
        a.state.isEmpty() ? q.bindNull(17) : q.bindInt(17, stateSince(a));
        decision->suppression ? q.bindInt(18, *decision->suppression) : q.bindNull(18);
        if (known) {
            q.reset(); // a repeat: nothing to insert
        } else if (!q.exec()) {
            r = BatchResult{};
            r.error = Tr::tr("%1 failed: %2").arg(u"insert alert"_s, q.error());
            m_db.rollback();
            return r;
        }
        if (!known && q.changes() == 1) {
            ++r.accepted;
            m_correlator->commit(*decision, a);
            if (decision->suppression) {
                ++r.suppressed;
            }
            r.lastAlertId = q.lastInsertRowId();
            if (!a.fingerprintCoversTime) {
                p.insertIdentity.bindBlob(1, a.fingerprint);
                p.insertIdentity.bindInt(2, r.lastAlertId);
                if (!p.insertIdentity.exec()) {
                    r = BatchResult {};
                    r.error
                        = Tr::tr("%1 failed: %2").arg(u"insert alert"_s, p.insertIdentity.error());
                    m_db.rollback();
                    return r;
                }
            }
            // The leaf hashes exactly the values just bound (incident excluded: it is mutable).
            LeafEncoding::Encoder &leaf = p.leaf;
            leaf.start(LeafKind::Alert);
            leaf.addInt(r.lastAlertId);
            leaf.addInt(a.ts);
            leaf.addInt(a.received);
            leaf.addText(feedUtf8);
            leaf.addText(source);
            leaf.addInt(static_cast<int>(a.severity));
            leaf.addText(category);
            leaf.addText(rule);
            leaf.addText(title);
            leaf.addText(message);
            leaf.addText(entityUtf8);
            a.srcIp.isEmpty() ? leaf.addNull() : leaf.addText(srcIp);
            a.dstIp.isEmpty() ? leaf.addNull() : leaf.addText(dstIp);
            leaf.addBlob(a.fingerprint);
            leaf.addBlob(a.raw);
            if (const Status s = m_log->appendEncoded(LeafKind::Alert, r.lastAlertId, leaf.bytes());
                !s) {
                return failLog(s);
            }
            // The first state is an event too, so every state the alert took is in the tree.
            if (!a.state.isEmpty()) {
                if (const Status s = appendAlertEvent(r.lastAlertId, a, batch.feed); !s) {
                    return failLog(s);
                }
            }
            const int severity = static_cast<int>(a.severity);
            minute[{ floorTo(a.ts, kMinuteMs), severity, category, feedUtf8 }] += 1;
            hour[{ floorTo(a.ts, kHourMs), severity, category, feedUtf8 }] += 1;
            hourTotal[floorTo(a.ts, kHourMs)] += 1;
            totals[{ severity, category }] += 1;
            if (!a.entity.isEmpty()) {
                EntityAgg &e = entity[{ floorTo(a.ts, kHourMs), entityUtf8 }];
                ++e.n;
                e.weight += Core::RiskModel::severityWeight(a.severity);
                e.worst = std::max(e.worst, static_cast<int>(a.severity));
            }
        } else if (a.state.isEmpty()) {
            ++r.duplicates;
            m_correlator->discard(*decision);
        } else {
            // Seen before: a changed state is an update of the stored alert, not a new one.
            m_correlator->discard(*decision);
            Result<bool> changed = changeAlertState(a, batch.feed, known);
            if (!changed) {
                return fail(p.findAlert, changed.error());
            }
            ++(*changed ? r.updated : r.duplicates);
        }
        lastEvent = std::max(lastEvent, a.ts);
    }

    const auto failC = [&](const SqliteStatement &q, const QString &what) {
        r = BatchResult {};
        r.error = Tr::tr("%1 failed: %2").arg(what, q.error());
        m_db.rollback();
        return r;
    };
    for (const auto *rollup : { &minute, &hour }) {
        SqliteStatement &q = rollup == &minute ? p.upsertMinute : p.upsertHour;
        for (const auto &[key, n] : *rollup) {
            q.bindInt(1, std::get<0>(key));
            q.bindInt(2, std::get<1>(key));
            q.bindText(3, std::get<2>(key));
            q.bindText(4, std::get<3>(key));
            q.bindInt(5, n);
        if (!q.exec()) {
                return failC(q, u"roll-up"_s);
            }
        }
    }
    for (const auto &[bucket, n] : hourTotal) {
        SqliteStatement &q = p.upsertHourTotal;
        q.bindInt(1, bucket);
        q.bindInt(2, n);
        if (!q.exec()) {
            return failC(q, u"roll-up"_s);
        }
    }
    for (const auto &[key, n] : totals) {
        SqliteStatement &q = p.upsertTotal;
        q.bindInt(1, key.first);
        q.bindText(2, key.second);
        q.bindInt(3, n);
        if (!q.exec()) {
            return failC(q, u"alert totals"_s);
        }
    }
    for (const auto &[key, agg] : entity) {
        SqliteStatement &q = p.upsertEntity;
        q.bindInt(1, key.first);
        q.bindText(2, key.second);
        q.bindInt(3, agg.n);
        q.bindDouble(4, agg.weight);
        q.bindInt(5, agg.worst);
        if (!q.exec()) {
            return failC(q, u"entity roll-up"_s);
        }
    }
    if (r.accepted > 0) {
        p.feedFts.addBindValue(maxIdBefore);
        if (!p.feedFts.exec()) {
            return fail(p.feedFts, u"full-text index"_s);
        }
    }

    for (const Quarantined &qr : batch.quarantined) {
        QSqlQuery &q = p.insertQuarantine;
        q.addBindValue(qr.received);
        q.addBindValue(text(qr.feed.isEmpty() ? batch.feed : qr.feed));
        q.addBindValue(text(qr.source));
        q.addBindValue(text(qr.reason));
        const QString feed = qr.feed.isEmpty() ? batch.feed : qr.feed;
        q.addBindValue(Core::fingerprintOf(feed, qr.reason.toUtf8() + '\x1f' + qr.raw));
        q.addBindValue(qr.raw.isNull() ? QByteArray("") : qr.raw);
        if (!q.exec()) {
            return fail(q, u"quarantine"_s);
        }
        ++r.quarantined;
    }

    for (const ChainObservation &o : batch.chain) {
        QSqlQuery &q = p.upsertChain;
        q.addBindValue(text(o.chain));
        q.addBindValue(text(o.node));
        q.addBindValue(o.height);
        q.addBindValue(text(o.headHash));
        q.addBindValue(o.blockTime);
        q.addBindValue(o.observed);
        q.addBindValue(o.peers);
        q.addBindValue(o.syncing ? 1 : 0);
        q.addBindValue(o.lag);
        q.addBindValue(text(o.state));
        q.addBindValue(o.latencyMs);
        q.addBindValue(
            QString::fromUtf8(QJsonDocument(o.detailsJson()).toJson(QJsonDocument::Compact)));
        if (!q.exec()) {
            return fail(q, u"chain status"_s);
        }
        lastEvent = std::max(lastEvent, o.observed);
        if (!o.history) {
            continue;
        }
        QSqlQuery &h = p.insertChainHistory;
        h.addBindValue(o.observed);
        h.addBindValue(text(o.chain));
        h.addBindValue(text(o.node));
        h.addBindValue(o.height);
        h.addBindValue(o.lag);
        h.addBindValue(o.latencyMs);
        h.addBindValue(o.blockTime);
        if (!h.exec()) {
            return fail(h, u"chain history"_s);
        }
        const qint64 historyId = h.lastInsertId().toLongLong();
        if (const Status s = m_log->append(LeafKind::ChainObservation, historyId,
                { historyId, o.observed, text(o.chain), text(o.node), o.height, o.lag,
                    o.latencyMs });
            !s) {
            return failLog(s);
        }
        lastEvent = std::max(lastEvent, o.observed);
    }

    r.skipped = batch.skipped;
    if (!batch.feed.isEmpty()) {
        QSqlQuery &q = p.upsertFeed;
        q.addBindValue(text(batch.feed));
        q.addBindValue(text(batch.feedType));
        q.addBindValue(qint64(batch.alerts.size() + batch.quarantined.size()) + batch.skipped
                       + batch.chain.size());
        // Stored records: new alerts and chain observations.
        q.addBindValue(qint64(r.accepted) + batch.chain.size());
        q.addBindValue(r.duplicates);
        q.addBindValue(r.quarantined);
        q.addBindValue(batch.skipped);
        q.addBindValue(batch.bytes);
        q.addBindValue(lastEvent);
        q.addBindValue(Core::nowMs());
        q.addBindValue(
            batch.cursor ? QVariant(*batch.cursor) : QVariant(QMetaType::fromType<QByteArray>()));
        if (!q.exec()) {
            return fail(q, u"feed counters"_s);
        }
    }

    if (const Status s = m_correlator->finish(now, &r.criticalIncidents, &r.incidentsTouched); !s) {
        r = BatchResult{};
        r.error = Tr::tr("correlation failed: %1").arg(s.error());
        m_db.rollback();
        return r;
    }

    if (const Status s = m_log->finish(false); !s) {
        return failLog(s);
    }

    if (!m_db.commit()) {
        r = BatchResult{};
        r.error = Tr::tr("commit failed: %1").arg(m_db.lastError().text());
        m_db.rollback();
        return r;
    }
    r.ok = true;
    return r;
}

Status SqliteStore::setFeedState(
    const QString &feed, const QString &type, FeedState state, const QString &lastError)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO feeds (id, type, state, updated, last_error) VALUES (?, ?, ?, ?, ?)"
              " ON CONFLICT (id) DO UPDATE SET state = excluded.state,"
              " type = CASE WHEN excluded.type = '' THEN type ELSE excluded.type END,"
              " updated = excluded.updated,"
              " last_error = CASE WHEN excluded.last_error = '' THEN last_error"
              " ELSE excluded.last_error END"_s);
    q.addBindValue(text(feed));
    q.addBindValue(text(type));
    q.addBindValue(feedStateName(state));
    q.addBindValue(Core::nowMs());
    q.addBindValue(text(lastError));
    if (!q.exec()) {
        return Status::failure(errorText(q));
    }
    return Ok{};
}

Status SqliteStore::checkpoint(bool force)
{
    if (!m_prepared || !m_log) {
        return Status::failure(Tr::tr("store is not open for writing"));
    }
    return m_log->checkpoint(force);
}

Result<VerifyReport> SqliteStore::verifyInSteps(bool incremental, VerifySteps steps)
{
    if (!m_log) {
        return Result<VerifyReport>::failure(Tr::tr("store is not open"));
    }
    return m_log->verify(incremental, m_mode == Mode::ReadWrite, steps);
}

Status SqliteStore::saveVerifiedState(const QString &state)
{
    if (!m_prepared) {
        return Status::failure(Tr::tr("store is not open for writing"));
    }
    return m_log->saveVerifiedState(state);
}

Result<qint64> SqliteStore::latestCheckpointId()
{
    if (!m_log) {
        return Result<qint64>::failure(Tr::tr("store is not open"));
    }
    return m_log->latestCheckpointId();
}

std::optional<int> SqliteStore::storedSchemaVersion(const QString &path)
{
    if (!QFileInfo::exists(path) || QFileInfo(path).size() == 0) {
        return 0;
    }
    sqlite3 *db = nullptr;
    std::optional<int> version;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr)
        == SQLITE_OK) {
        sqlite3_stmt *q = nullptr;
        if (sqlite3_prepare_v2(
                db, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &q, nullptr)
            == SQLITE_OK) {
            const int rc = sqlite3_step(q);
            if (rc == SQLITE_ROW) {
                version = sqlite3_column_int(q, 0);
            } else if (rc == SQLITE_DONE) {
                version = 0;
            }
        }
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return version;
}

namespace {

// Whether a full-text MATCH selects fewer than kFewMatches alerts, counted no further.
Result<bool> fewMatches(QSqlDatabase &db, const QString &match)
{
    QSqlQuery probe(db);
    probe.setForwardOnly(true);
    if (!probe.prepare(u"SELECT count(*) FROM (SELECT 1 FROM alerts_fts WHERE alerts_fts MATCH ?"
                       " LIMIT ?)"_s)) {
        return Result<bool>::failure(probe.lastError().text());
    }
    probe.addBindValue(match);
    probe.addBindValue(kFewMatches);
    if (!probe.exec() || !probe.next()) {
        return Result<bool>::failure(probe.lastError().text());
    }
    return probe.value(0).toLongLong() < kFewMatches;
}

// Walking the time index with the match set (runPageQuery's plan for many matches) first
// gathers the whole set: 0.8 s for the 6.9 M alerts of 10 M that hold "bank". But the page of a
// common word is near: it is among the next few thousand rows of the same view without the
// search. So the window is those rows (the same filters, keyset and order, without the search),
// and the page is the window's rows that match, with the index's matches gathered only between
// the window's smallest and largest id. The window comes first in the page's order, so when it
// gives a whole page, that is the page, and when it held fewer rows than its size (the view's
// last rows), its matches are all there are. Otherwise nullopt, and the caller takes the usual
// plan; nullopt too, without a try, for a page deeper than kSearchWindowMax allows.
// For "bank" at 10 M: 3.3 ms instead of 890; a word the window misses costs 1.3–1.7 ms more
// than before (docs/store.md, "Full-text search plans").
Result<std::optional<AlertPage>> searchWindow(QSqlDatabase &db, const Where &w,
    const QString &order, int limit, qint64 offset, SqliteStore::SearchWindows &count)
{
    using R = Result<std::optional<AlertPage>>;
    const int rows = std::max(1, limit);
    QStringList windowClauses;
    QVariantList windowValues;
    QStringList searchClauses;
    QVariantList searchValues;
    for (qsizetype i = 0; i < w.clauses.size(); ++i) {
        const bool search = i >= w.ftsClause && i < w.ftsClause + w.searchParts;
        (search ? searchClauses : windowClauses) << w.clauses.at(i);
    }
    for (qsizetype i = 0; i < w.values.size(); ++i) {
        const bool search = i >= w.ftsValue && i < w.ftsValue + w.searchParts;
        (search ? searchValues : windowValues) << w.values.at(i);
    }
    // The MATCH gathers only the window's range of ids. The window's matches are sorted by
    // (ts, id) alone, and only the page's rows are read whole; the phrase checks read the
    // matches' text.
    searchClauses[0] = u"win.id IN (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ? AND"
                       " rowid BETWEEN (SELECT min(id) FROM win) AND (SELECT max(id) FROM win))"_s;
    const qint64 window = std::max<qint64>(kSearchWindow, 8 * (offset + rows));
    if (window > kSearchWindowMax) {
        return std::optional<AlertPage>();
    }
    QString winOrder = order;
    winOrder.replace(u"ts "_s, u"win.ts "_s).replace(u"id "_s, u"win.id "_s);
    const QString sql = u"WITH win AS MATERIALIZED (SELECT id, ts FROM alerts"_s
        + (windowClauses.isEmpty() ? QString() : u" WHERE "_s + windowClauses.join(u" AND "_s))
        + u" ORDER BY "_s + order + u" LIMIT ?) SELECT "_s + kAlertColumns
        + u", (SELECT count(*) FROM win) FROM (SELECT win.id AS pid FROM win"_s
        + (w.searchParts > 1 ? u" CROSS JOIN alerts ON alerts.id = win.id"_s : QString())
        + u" WHERE "_s + searchClauses.join(u" AND "_s) + u" ORDER BY "_s + winOrder
        + u" LIMIT ? OFFSET ?) CROSS JOIN alerts ON alerts.id = pid ORDER BY "_s + order;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql)) {
        return R::failure(q.lastError().text());
    }
    bindAll(q, windowValues);
    q.addBindValue(window);
    bindAll(q, searchValues);
    q.addBindValue(rows);
    q.addBindValue(offset);
    if (!q.exec()) {
        return R::failure(q.lastError().text());
    }
    AlertPage page;
    qint64 windowRows = window;
    while (q.next()) {
        page.alerts.append(alertFromQuery(q));
        windowRows = q.value(19).toLongLong();
    }
    // A window short of its size held every row left: its matches are all there are.
    if (page.alerts.size() < rows && windowRows == window) {
        ++count.missed;
        return std::optional<AlertPage>();
    }
    ++count.found;
    if (page.alerts.size() == rows) {
        const Alert &last = page.alerts.constLast();
        page.next = PageKey { last.ts, 0, last.id.value };
    }
    return std::optional<AlertPage>(std::move(page));
}

} // namespace

Result<AlertPage> SqliteStore::runPageQuery(const AlertFilter &filter, AlertSort sort, int limit,
    const std::optional<PageKey> &after, std::optional<qint64> offset, QStringList *plan)
{
    Where w = whereFor(filter);
    QString order;
    switch (sort) {
    case AlertSort::TimeDesc:
        order = u"ts DESC, id DESC"_s;
        if (after) {
            w.clauses << u"(ts, id) < (?, ?)"_s;
            w.values << after->primary << after->id;
        }
        break;
    case AlertSort::TimeAsc:
        order = u"ts ASC, id ASC"_s;
        if (after) {
            w.clauses << u"(ts, id) > (?, ?)"_s;
            w.values << after->primary << after->id;
        }
        break;
    case AlertSort::SeverityDesc:
        order = u"severity DESC, ts DESC, id DESC"_s;
        if (after) {
            w.clauses << u"(severity, ts, id) < (?, ?, ?)"_s;
            w.values << after->primary << after->secondary << after->id;
        }
        break;
    case AlertSort::SeverityAsc:
        order = u"severity ASC, ts ASC, id ASC"_s;
        if (after) {
            w.clauses << u"(severity, ts, id) > (?, ?, ?)"_s;
            w.values << after->primary << after->secondary << after->id;
        }
        break;
    }
    QString from = u" FROM alerts"_s;
    QVariantList values;
    if (w.ftsClause >= 0) {
        // SQLite cannot know how many rows a MATCH gives. Left alone it walks the time index
        // and probes the match set per row: quick for a common word, a scan of the whole store
        // for a rare one. A capped count decides: few matches are read first and sorted.
        const Result<bool> few = fewMatches(m_db, w.fts);
        if (!few) {
            return Result<AlertPage>::failure(few.error());
        }
        if (few.value()) {
            // CROSS JOIN keeps the matches as the outer loop (SQLite never reorders it).
            from = u" FROM (SELECT rowid AS mid FROM alerts_fts WHERE alerts_fts MATCH ?)"
                   " CROSS JOIN alerts ON alerts.id = mid"_s;
            values << w.fts;
            w.clauses.removeAt(w.ftsClause);
            w.values.removeAt(w.ftsValue);
        } else if (!plan && (sort == AlertSort::TimeDesc || sort == AlertSort::TimeAsc)) {
            const Result<std::optional<AlertPage>> page
                = searchWindow(m_db, w, order, limit, offset.value_or(0), m_searchWindows);
            if (!page) {
                return Result<AlertPage>::failure(page.error());
            }
            if (*page) {
                return std::move(**page);
            }
        }
    }
    QString sql
        = u"SELECT "_s + kAlertColumns + from + w.sql() + u" ORDER BY "_s + order + u" LIMIT ?"_s;
    values << w.values;
    values << std::max(1, limit);
    if (offset) {
        sql += u" OFFSET ?"_s;
        values << std::max<qint64>(0, *offset);
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(plan ? u"EXPLAIN QUERY PLAN "_s + sql : sql)) {
        return Result<AlertPage>::failure(errorText(q));
    }
    bindAll(q, values);
    if (!q.exec()) {
        return Result<AlertPage>::failure(errorText(q));
    }
    AlertPage page;
    while (q.next()) {
        if (plan) {
            *plan << q.value(3).toString();
            continue;
        }
        page.alerts.append(alertFromQuery(q));
    }
    if (!page.alerts.isEmpty() && page.alerts.size() == std::max(1, limit)) {
        const Alert &last = page.alerts.constLast();
        const bool bySeverity = sort == AlertSort::SeverityDesc || sort == AlertSort::SeverityAsc;
        page.next = PageKey{bySeverity ? static_cast<qint64>(last.severity) : last.ts,
                            bySeverity ? last.ts : 0, last.id.value};
    }
    return page;
}

Result<QStringList> SqliteStore::explainAlerts(const AlertFilter &filter, AlertSort sort,
                                              const std::optional<PageKey> &after)
{
    QStringList plan;
    if (const auto r = runPageQuery(filter, sort, 100, after, std::nullopt, &plan); !r) {
        return Result<QStringList>::failure(r.error());
    }
    return plan;
}

Result<QStringList> SqliteStore::explainMinuteCount(const AlertFilter &filter, qint64 afterId)
{
    CountIndex index;
    index.filter = filter;
    QStringList plan;
    if (const Status s = afterId > 0 || !countsNewestFirst(filter)
            ? countAfter(index, afterId, &plan)
            : countDown(index, 0, &plan);
        !s) {
        return Result<QStringList>::failure(s.error());
    }
    return plan;
}

Result<QStringList> SqliteStore::explainIncidents(
    const IncidentFilter &filter, IncidentSort sort, const IncidentPageAt &at)
{
    return m_incidents->explainList(filter, sort, at);
}

Result<AlertPage> SqliteStore::alerts(
    const AlertFilter &filter, AlertSort sort, int limit, const std::optional<PageKey> &after)
{
    return runPageQuery(filter, sort, limit, after, std::nullopt);
}

namespace {

// The filter's severity, category and feed: the columns the roll-ups and totals tables have.
AlertFilter rollupPart(const AlertFilter &f)
{
    AlertFilter r;
    r.minSeverity = f.minSeverity;
    r.categories = f.categories;
    r.feed = f.feed;
    return r;
}

} // namespace

Status SqliteStore::scanHourRollup(HourIndex &index, TimestampMs from, bool inclusive)
{
    // One pass over the hourly roll-up gives both the store's hours (for the exactness check)
    // and the filter's (for the prefix sums). Without a filter the hour totals (schema v10)
    // answer both: one row per hour instead of one per severity, category and feed.
    const Where w = whereFor(rollupPart(index.filter));
    const QString op = inclusive ? u">="_s : u">"_s;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    const QString sql = w.clauses.isEmpty()
        ? u"SELECT bucket, n, n FROM rollup_hour_total WHERE bucket %1 ? ORDER BY bucket"_s.arg(op)
        : u"SELECT bucket, sum(n), sum(CASE WHEN %1 THEN n ELSE 0 END) FROM rollup_hour"
          " WHERE bucket %2 ? GROUP BY bucket ORDER BY bucket"_s.arg(
              w.clauses.join(u" AND "_s), op);
    if (!q.prepare(sql)) {
        return Status::failure(errorText(q));
    }
    bindAll(q, w.values);
    q.addBindValue(from);
    if (!q.exec()) {
        return Status::failure(errorText(q));
    }
    qint64 sum = index.prefix.isEmpty() ? 0 : index.prefix.takeLast();
    while (q.next()) {
        const qint64 bucket = q.value(0).toLongLong();
        const qint64 rows = q.value(2).toLongLong();
        index.unfilteredBefore += index.lastRows;
        index.lastRows = q.value(1).toLongLong();
        index.lastBucket = bucket;
        if (rows > 0) {
            index.buckets << bucket;
            index.prefix << sum;
            sum += rows;
        }
    }
    index.prefix << sum;
    return Ok {};
}

Status SqliteStore::buildHourIndex(HourIndex &index)
{
    ++m_jumpStats.indexBuilds;
    const AlertFilter filter = index.filter;
    const qint64 storeTotal = index.storeTotal;
    const qint64 prunes = index.prunes;
    index = HourIndex {};
    index.filter = filter;
    index.storeTotal = storeTotal;
    index.prunes = prunes;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT min(ts) FROM alerts"_s) || !q.next()) {
        return Status::failure(errorText(q));
    }
    if (q.value(0).isNull()) {
        return Ok {}; // empty store: nothing to seek
    }
    // Roll-ups keep what a prune removes, so the oldest stored hour may be partly pruned: it is
    // counted from the alerts themselves (one hour of the time index), the later hours from the
    // roll-up. Exact when both add up to what the store holds.
    const qint64 firstHour = floorTo(q.value(0).toLongLong(), kHourMs);
    q.finish();
    auto countHour = [&](const AlertFilter &f) -> Result<qint64> {
        AlertFilter hour = rollupPart(f);
        hour.since = firstHour;
        hour.until = firstHour + kHourMs;
        const Where w = whereFor(hour);
        if (!q.prepare(u"SELECT count(*) FROM alerts"_s + w.sql())) {
            return Result<qint64>::failure(errorText(q));
        }
        bindAll(q, w.values);
        if (!q.exec() || !q.next()) {
            return Result<qint64>::failure(errorText(q));
        }
        const qint64 n = q.value(0).toLongLong();
        q.finish();
        return n;
    };
    const Result<qint64> firstAll = countHour({});
    const Result<qint64> firstMatching = countHour(filter);
    if (!firstAll || !firstMatching) {
        return Status::failure(!firstAll ? firstAll.error() : firstMatching.error());
    }
    index.firstHour = firstHour;
    index.lastBucket = firstHour;
    index.lastRows = firstAll.value();
    if (firstMatching.value() > 0) {
        index.buckets << firstHour;
        index.prefix << 0;
    }
    index.prefix << firstMatching.value();
    if (const Status s = scanHourRollup(index, firstHour, false); !s) {
        return s;
    }
    index.exact = index.unfilteredBefore + index.lastRows == storeTotal;
    return Ok {};
}

bool SqliteStore::updateHourIndex(HourIndex &index)
{
    // Roll-up cells only grow, and they count exactly what the store holds until a prune (the
    // caller checked there was none since). So when the hours from the last indexed one on add
    // up to what the store gained, no older hour changed: re-read only those (during live
    // ingest, one or two hours instead of every hour of the store).
    if (!index.exact || index.lastBucket <= index.firstHour) {
        return false;
    }
    HourIndex updated = index;
    if (!updated.buckets.isEmpty() && updated.buckets.constLast() == updated.lastBucket) {
        updated.buckets.removeLast();
        updated.prefix.removeLast();
    }
    updated.lastRows = 0; // re-read below
    if (const Status s = scanHourRollup(updated, updated.lastBucket, true); !s) {
        return false;
    }
    if (updated.unfilteredBefore + updated.lastRows != updated.storeTotal) {
        return false;
    }
    updated.exact = true;
    index = std::move(updated);
    ++m_jumpStats.indexUpdates;
    return true;
}

std::optional<SqliteStore::TimeSeek> SqliteStore::locate(const QList<qint64> &buckets,
    const QList<qint64> &prefix, qint64 width, AlertSort sort, qint64 offset)
{
    const qint64 total = prefix.isEmpty() ? 0 : prefix.constLast();
    if (offset < 0 || offset >= total) {
        return std::nullopt;
    }
    // Ascending: the bucket i with prefix[i] <= offset < prefix[i + 1]. Descending counts from
    // the other end: rows after bucket i come first.
    const qint64 key = sort == AlertSort::TimeAsc ? offset : total - 1 - offset;
    const auto it = std::upper_bound(prefix.cbegin(), prefix.cend(), key);
    const qsizetype i = std::distance(prefix.cbegin(), it) - 1;
    if (i < 0 || i >= buckets.size()) {
        return std::nullopt;
    }
    if (sort == AlertSort::TimeAsc) {
        return TimeSeek { buckets.at(i), prefix.at(i) };
    }
    const TimestampMs end = width > 0 ? buckets.at(i) + width
        : i + 1 < buckets.size()      ? buckets.at(i + 1)
                                      : std::numeric_limits<TimestampMs>::max();
    return TimeSeek { end, total - prefix.at(i + 1) };
}

Result<std::optional<SqliteStore::TimeSeek>> SqliteStore::seekByTime(
    const AlertFilter &filter, AlertSort sort, qint64 offset)
{
    using Seek = std::optional<TimeSeek>;
    if (sort != AlertSort::TimeDesc && sort != AlertSort::TimeAsc) {
        return Seek {};
    }
    if (!filter.since && !filter.until && filter.rule.isEmpty() && !filter.incident
        && filter.search.trimmed().isEmpty()) {
        return seekByHour(filter, sort, offset);
    }
    // An incident's alerts change as incidents merge, and are few: OFFSET.
    if (filter.incident) {
        return Seek {};
    }
    return seekByCount(filter, sort, offset);
}

Result<std::optional<SqliteStore::TimeSeek>> SqliteStore::seekByHour(
    const AlertFilter &filter, AlertSort sort, qint64 offset)
{
    using Seek = std::optional<TimeSeek>;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT (SELECT coalesce(sum(n), 0) FROM alert_totals),"
                " (SELECT coalesce(max(id), 0) FROM prunes)"_s)
        || !q.next()) {
        return Result<Seek>::failure(errorText(q));
    }
    const qint64 storeTotal = q.value(0).toLongLong();
    const qint64 prunes = q.value(1).toLongLong();
    q.finish();
    HourIndex &index = m_hourIndex;
    if (index.storeTotal != storeTotal || index.prunes != prunes || !(index.filter == filter)) {
        const bool grew = index.filter == filter && index.prunes == prunes && index.storeTotal >= 0
            && storeTotal > index.storeTotal;
        index.storeTotal = storeTotal;
        if (!grew || !updateHourIndex(index)) {
            index.filter = filter;
            index.storeTotal = storeTotal;
            index.prunes = prunes;
            if (const Status s = buildHourIndex(index); !s) {
                index = HourIndex {};
                return Result<Seek>::failure(s.error());
            }
        }
    }
    if (!index.exact || index.buckets.isEmpty()) {
        ++m_jumpStats.offsets;
        return Seek {};
    }
    const Seek seek = locate(index.buckets, index.prefix, kHourMs, sort, offset);
    if (seek) {
        ++m_jumpStats.seeks;
    }
    return seek;
}

namespace {

// The statement of a count by minute: EXPLAIN QUERY PLAN's steps into `plan`, or prepared
// through the C API for millions of rows, one integer each.
Status prepareCount(QSqlDatabase &db, SqliteStatement &st, const QString &sql,
    const QVariantList &values, QStringList *plan)
{
    if (plan) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.prepare(u"EXPLAIN QUERY PLAN "_s + sql)) {
            return Status::failure(q.lastError().text());
        }
        bindAll(q, values);
        if (!q.exec()) {
            return Status::failure(q.lastError().text());
        }
        while (q.next()) {
            *plan << q.value(3).toString();
        }
        return Ok {};
    }
    if (!st.prepare(sqliteHandle(db), sql.toUtf8().constData())) {
        return Status::failure(st.error());
    }
    for (qsizetype i = 0; i < values.size(); ++i) {
        st.bindVariant(int(i) + 1, values.at(i));
    }
    return Ok {};
}

void sumPrefix(QList<qint64> &prefix, const QList<qint64> &counts)
{
    prefix.clear();
    prefix.reserve(counts.size() + 1);
    qint64 sum = 0;
    for (const qint64 n : counts) {
        prefix << sum;
        sum += n;
    }
    prefix << sum;
}

} // namespace

Status SqliteStore::countAfter(CountIndex &index, qint64 afterId, QStringList *plan)
{
    // The alerts stored since by id (NOT INDEXED still allows it), never by walking a time
    // range's index; the full-text index only from that id on (FTS5 reads only that part of its
    // lists). Every alert (afterId 0) in the plan SQLite picks: with a severity, its index,
    // in one ascending run per severity.
    Where w = whereFor(index.filter);
    if (afterId > 0) {
        if (w.ftsClause >= 0) {
            w.clauses[w.ftsClause]
                = u"+id IN (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ?"
                  " AND rowid > ?)"_s;
            w.values.insert(w.ftsValue + 1, afterId);
        }
        w.clauses << u"id > ?"_s;
        w.values << afterId;
    }
    SqliteStatement st;
    if (const Status s = prepareCount(m_db, st,
            u"SELECT ts FROM alerts"_s + (afterId > 0 ? u" NOT INDEXED"_s : QString()) + w.sql(),
            w.values, plan);
        !s || plan) {
        return s;
    }
    // Each minute goes to the bucket whose range holds it, whatever the order: one after the
    // newest counted opens a bucket when the last one is full; one before the first bucket
    // widens it once every row is counted, and is left for the walk down otherwise.
    const auto add = [&index](qint64 minute) {
        if (minute < index.coveredFrom) {
            return;
        }
        if (index.starts.isEmpty()
            || (minute > index.lastMinute && index.counts.constLast() >= kBucketRows)) {
            index.starts << minute;
            index.counts << 0;
        }
        index.lastMinute = std::max(index.lastMinute, minute);
        if (minute < index.starts.constFirst()) {
            index.starts.first() = minute;
        }
        const auto it = std::upper_bound(index.starts.cbegin(), index.starts.cend(), minute);
        ++index.counts[std::distance(index.starts.cbegin(), it) - 1];
    };
    int rc = SQLITE_ROW;
    while ((rc = st.step()) == SQLITE_ROW) {
        add(floorTo(st.columnInt(0), kMinuteMs));
    }
    if (rc != SQLITE_DONE) {
        return Status::failure(st.error());
    }
    sumPrefix(index.prefix, index.counts);
    return Ok {};
}

Status SqliteStore::countDown(CountIndex &index, qint64 rows, QStringList *plan)
{
    // Newest first below what is counted, as a deep page walks (the time index, or the rule's;
    // a search probes the match set per row). SQLite's GROUP BY over the minutes sorted every
    // row instead: twice the time of the walk alone.
    Where w = whereFor(index.filter);
    if (index.coveredFrom != std::numeric_limits<TimestampMs>::max()) {
        w.clauses << u"ts < ?"_s;
        w.values << index.coveredFrom;
    }
    SqliteStatement st;
    if (const Status s = prepareCount(m_db, st,
            u"SELECT ts FROM alerts"_s + w.sql() + u" ORDER BY ts DESC"_s, w.values, plan);
        !s || plan) {
        return s;
    }
    // Minutes come newest first, each whole; they are grouped into buckets of kBucketRows or
    // more, each starting at its oldest minute. The walk stops at the first minute after the
    // rows asked for, so every counted minute is whole.
    QList<qint64> starts;
    QList<qint64> counts;
    const bool fresh = index.starts.isEmpty();
    qint64 counted = index.prefix.isEmpty() ? 0 : index.prefix.constLast();
    qint64 group = 0;
    qint64 groupStart = 0;
    qint64 runMinute = 0;
    qint64 runRows = 0;
    const auto endRun = [&] {
        if (group >= kBucketRows) {
            starts << groupStart;
            counts << group;
            group = 0;
        }
        group += runRows;
        groupStart = runMinute;
        counted += runRows;
        if (fresh) {
            index.lastMinute = std::max(index.lastMinute, runMinute);
        }
        runRows = 0;
    };
    bool stopped = false;
    int rc = SQLITE_ROW;
    while ((rc = st.step()) == SQLITE_ROW) {
        const qint64 minute = floorTo(st.columnInt(0), kMinuteMs);
        if (runRows > 0 && minute != runMinute) {
            endRun();
            if (counted >= rows) {
                stopped = true;
                break;
            }
        }
        runMinute = minute;
        ++runRows;
    }
    if (!stopped) {
        if (rc != SQLITE_DONE) {
            return Status::failure(st.error());
        }
        if (runRows > 0) {
            endRun();
        }
    }
    if (group > 0) {
        starts << groupStart;
        counts << group;
    }
    // The new buckets are older than every bucket so far.
    std::reverse(starts.begin(), starts.end());
    std::reverse(counts.begin(), counts.end());
    index.starts = starts + index.starts;
    index.counts = counts + index.counts;
    index.coveredFrom = stopped ? groupStart : std::numeric_limits<TimestampMs>::min();
    sumPrefix(index.prefix, index.counts);
    return Ok {};
}

Result<std::optional<SqliteStore::TimeSeek>> SqliteStore::seekByCount(
    const AlertFilter &filter, AlertSort sort, qint64 offset)
{
    using Seek = std::optional<TimeSeek>;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT (SELECT coalesce(max(id), 0) FROM alerts),"
                " (SELECT coalesce(max(id), 0) FROM prunes)"_s)
        || !q.next()) {
        return Result<Seek>::failure(errorText(q));
    }
    const qint64 maxId = q.value(0).toLongLong();
    const qint64 prunes = q.value(1).toLongLong();
    q.finish();
    CountIndex &index = m_countIndex;
    const auto fail = [&index](const Status &s) {
        index = CountIndex {};
        return Result<Seek>::failure(s.error());
    };
    if (index.filter == filter && index.prunes == prunes && index.maxId >= 0
        && maxId >= index.maxId) {
        if (maxId > index.maxId) {
            if (const Status s = countAfter(index, index.maxId); !s) {
                return fail(s);
            }
            index.maxId = maxId;
            ++m_jumpStats.countUpdates;
        }
    } else {
        if (offset < kCountFromOffset) {
            return Seek {};
        }
        // Few matches are read whole and sorted (runPageQuery): no count needed.
        if (const Where w = whereFor(filter); w.ftsClause >= 0) {
            const Result<bool> few = fewMatches(m_db, w.fts);
            if (!few) {
                return Result<Seek>::failure(few.error());
            }
            if (few.value()) {
                return Seek {};
            }
        }
        index = CountIndex {};
        index.filter = filter;
        index.maxId = maxId;
        index.prunes = prunes;
        ++m_jumpStats.countBuilds;
    }
    // Newest first, row `offset` must be counted; oldest first, every row (the order's start
    // is the oldest). Jumps less deep than counting is worth take the usual plan meanwhile.
    const qint64 counted = index.prefix.isEmpty() ? 0 : index.prefix.constLast();
    const bool enough = index.complete() || (sort == AlertSort::TimeDesc && counted > offset);
    if (!enough) {
        if (offset < kCountFromOffset) {
            return Seek {};
        }
        // A severity's index is not in time order: walking the time index instead reads every
        // alert's row (136 s for "bank" and high or critical at 10 M alerts, against 5 s).
        // Such a filter is counted whole, in the severity index's order.
        if (countsNewestFirst(filter)) {
            if (const Status s = countDown(index,
                    sort == AlertSort::TimeDesc ? offset + 1 : std::numeric_limits<qint64>::max());
                !s) {
                return fail(s);
            }
        } else {
            index.coveredFrom = std::numeric_limits<TimestampMs>::min();
            if (const Status s = countAfter(index, 0); !s) {
                return fail(s);
            }
        }
        ++m_jumpStats.countWalks;
    }
    if (sort == AlertSort::TimeAsc && !index.complete()) {
        return Seek {};
    }
    const Seek seek = locate(index.starts, index.prefix, 0, sort, offset);
    if (seek) {
        ++m_jumpStats.seeks;
    }
    return seek;
}

Result<AlertPage> SqliteStore::alertsAt(
    const AlertFilter &filter, AlertSort sort, qint64 offset, int limit)
{
    // OFFSET walks every row before the page: fine near the top, seconds 5 M rows deep. Deeper
    // in, the hourly roll-up finds the hour first; the check, the seek and the page read one
    // snapshot, so rows committed meanwhile cannot shift the page.
    if (offset < kSeekFromOffset) {
        return runPageQuery(filter, sort, limit, std::nullopt, offset);
    }
    const bool snapshot = m_db.transaction();
    const auto finish = [&](Result<AlertPage> r) {
        if (snapshot) {
            m_db.rollback();
        }
        return r;
    };
    const Result<std::optional<TimeSeek>> seek = seekByTime(filter, sort, offset);
    if (!seek) {
        return finish(Result<AlertPage>::failure(seek.error()));
    }
    if (!seek.value()) {
        return finish(runPageQuery(filter, sort, limit, std::nullopt, offset));
    }
    AlertFilter within = filter;
    const TimestampMs bound = seek.value()->bound;
    if (sort == AlertSort::TimeAsc) {
        within.since = filter.since ? std::max(*filter.since, bound) : bound;
    } else {
        within.until = filter.until ? std::min(*filter.until, bound) : bound;
    }
    return finish(runPageQuery(within, sort, limit, std::nullopt, offset - seek.value()->before));
}

Status SqliteStore::prepareJumps(const AlertFilter &filter, AlertSort sort)
{
    // One snapshot for the totals and the hours, as in alertsAt.
    const bool snapshot = m_db.transaction();
    const Result<std::optional<TimeSeek>> seek = seekByTime(filter, sort, kSeekFromOffset);
    if (snapshot) {
        m_db.rollback();
    }
    if (!seek) {
        return Status::failure(seek.error());
    }
    return Ok {};
}

Result<qint64> SqliteStore::countAlerts(const AlertFilter &filter)
{
    // Severity and category alone are answered by the running totals (schema v8): the Alerts
    // view's count of 10 M rows without reading an index of 10 M entries.
    if (!filter.since && !filter.until && filter.rule.isEmpty() && filter.feed.isEmpty()
        && filter.search.trimmed().isEmpty() && !filter.incident) {
        const Where w = whereFor(rollupPart(filter)); // no feed: alert_totals has none
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(u"SELECT coalesce(sum(n), 0) FROM alert_totals"_s + w.sql())) {
            return Result<qint64>::failure(errorText(q));
        }
        bindAll(q, w.values);
        if (!q.exec() || !q.next()) {
            return Result<qint64>::failure(errorText(q));
        }
        return q.value(0).toLongLong();
    }
    const Where w = whereFor(filter);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // A search and nothing else is counted in the full-text index alone, which holds one row
    // per alert: 0.17 s for 6.9 M matches at 10 M alerts, where the scan of the alerts takes
    // 2.8 s. Words of several tokens need the alerts' text (lakeguard_phrase) and other
    // filters their columns: those scan, as the alerts' own indexes serve the filters.
    if (w.ftsClause == 0 && w.searchParts == 1 && w.clauses.size() == 1) {
        if (!q.prepare(u"SELECT count(*) FROM alerts_fts WHERE alerts_fts MATCH ?"_s)) {
            return Result<qint64>::failure(errorText(q));
        }
        q.addBindValue(w.fts);
    } else {
        if (!q.prepare(u"SELECT count(*) FROM alerts"_s + w.sql())) {
            return Result<qint64>::failure(errorText(q));
        }
        bindAll(q, w.values);
    }
    if (!q.exec() || !q.next()) {
        return Result<qint64>::failure(errorText(q));
    }
    return q.value(0).toLongLong();
}

Result<Alert> SqliteStore::alert(Core::AlertId id)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + kAlertColumns + u" FROM alerts WHERE id = ?"_s);
    q.addBindValue(id.value);
    if (!q.exec()) {
        return Result<Alert>::failure(errorText(q));
    }
    if (!q.next()) {
        return Result<Alert>::failure(Tr::tr("no alert with id %1").arg(id.value));
    }
    return alertFromQuery(q);
}

Status SqliteStore::maintain()
{
    // Re-analyses only the tables whose statistics are stale; cheap when nothing changed.
    QSqlQuery q(m_db);
    if (!q.exec(u"PRAGMA optimize"_s)) {
        return Status::failure(errorText(q));
    }
    // Ingest lets up to 16 full-text segments gather per level (migration 8: less merging
    // while alerts pour in); a bounded merge between batches keeps searches on few segments.
    if (m_prepared && !q.exec(u"INSERT INTO alerts_fts (alerts_fts, rank) VALUES ('merge', 256)"_s)) {
        return Status::failure(errorText(q));
    }
    return Ok{};
}

Result<PruneResult> SqliteStore::prune(const RetentionPolicy &policy, TimestampMs now)
{
    using R = Result<PruneResult>;
    if (!m_prepared || !m_log) {
        return R::failure(Tr::tr("store is not open for writing"));
    }
    PruneResult result;
    if (!policy.isSet()) {
        return result;
    }
    if (!m_db.transaction()) {
        return R::failure(m_db.lastError().text());
    }
    TransactionGuard rollback{m_db};
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    auto failed = [&](const QSqlQuery &query) {
        return R::failure(Tr::tr("prune failed: %1").arg(query.lastError().text()));
    };
    if (!q.exec(u"SELECT min(id) FROM alerts"_s) || !q.next()) {
        return failed(q);
    }
    if (q.value(0).isNull()) {
        return result; // no alerts
    }
    const qint64 first = q.value(0).toLongLong();
    // The last alert to remove: a prefix in id (arrival) order, so what was pruned is a range.
    qint64 last = first - 1;
    if (policy.maxAgeMs) {
        // Oldest first, stopping at the first alert received after the cut-off.
        const TimestampMs cutoff = now - *policy.maxAgeMs;
        qint64 after = first - 1;
        bool more = true;
        while (more) {
            q.prepare(u"SELECT id, received FROM alerts WHERE id > ? ORDER BY id LIMIT 4096"_s);
            q.addBindValue(after);
            if (!q.exec()) {
                return failed(q);
            }
            int rows = 0;
            while (q.next()) {
                ++rows;
                if (q.value(1).toLongLong() >= cutoff) {
                    more = false;
                    break;
                }
                after = q.value(0).toLongLong();
            }
            q.finish();
            more = more && rows == 4096;
        }
        last = std::max(last, after);
    }
    if (policy.maxAlerts) {
        q.prepare(u"SELECT id FROM alerts ORDER BY id DESC LIMIT 1 OFFSET ?"_s);
        q.addBindValue(std::max<qint64>(0, *policy.maxAlerts));
        if (!q.exec()) {
            return failed(q);
        }
        if (q.next()) {
            last = std::max(last, q.value(0).toLongLong());
        }
        q.finish();
    }
    if (last < first) {
        return result;
    }
    // Events of the removed alerts, as runs of ids with no kept event inside.
    QStringList ranges;
    qint64 events = 0;
    {
        q.prepare(u"SELECT id, alert_id <= ? FROM alert_events ORDER BY id"_s);
        q.addBindValue(last);
        if (!q.exec()) {
            return failed(q);
        }
        qint64 runFirst = 0;
        qint64 runLast = 0;
        qint64 runRows = 0;
        auto close = [&] {
            if (runRows > 0) {
                ranges << u"%1:%2-%3:%4"_s.arg(int(LeafKind::AlertEvent))
                              .arg(runFirst)
                              .arg(runLast)
                              .arg(runRows);
            }
            runRows = 0;
        };
        while (q.next()) {
            if (q.value(1).toInt() == 0) {
                close();
                continue;
            }
            const qint64 id = q.value(0).toLongLong();
            if (runRows == 0) {
                runFirst = id;
            }
            runLast = id;
            ++runRows;
            ++events;
        }
        close();
        q.finish();
    }
    // Full-text rows first (an external-content FTS5 table deletes with the old values).
    q.prepare(u"INSERT INTO alerts_fts (alerts_fts, rowid, title, message, entity, rule)"
              " SELECT 'delete', id, title, message, entity, rule FROM alerts"
              " WHERE id BETWEEN ? AND ?"_s);
    q.addBindValue(first);
    q.addBindValue(last);
    if (!q.exec()) {
        return failed(q);
    }
    q.prepare(u"DELETE FROM alert_events WHERE alert_id <= ?"_s);
    q.addBindValue(last);
    if (!q.exec()) {
        return failed(q);
    }
    if (q.numRowsAffected() != events) {
        return R::failure(Tr::tr("prune failed: events changed while pruning"));
    }
    // The running totals lose what is removed (roll-ups keep it: charts still show the past):
    // one pass over the removed range counts by key, then one subtraction per key.
    {
        q.prepare(u"SELECT severity, category, count(*) FROM alerts WHERE id BETWEEN ? AND ?"
                  " GROUP BY severity, category"_s);
        q.addBindValue(first);
        q.addBindValue(last);
        if (!q.exec()) {
            return failed(q);
        }
        QList<std::tuple<int, QString, qint64>> removed;
        while (q.next()) {
            removed.append({q.value(0).toInt(), q.value(1).toString(), q.value(2).toLongLong()});
        }
        q.finish();
        q.prepare(u"UPDATE alert_totals SET n = n - ? WHERE severity = ? AND category = ?"_s);
        for (const auto &[severity, category, n] : std::as_const(removed)) {
            q.addBindValue(n);
            q.addBindValue(severity);
            q.addBindValue(category);
            if (!q.exec()) {
                return failed(q);
            }
        }
    }
    // A pruned alert's fingerprint is free again, as it was before schema v14.
    q.prepare(u"DELETE FROM alert_identities WHERE alert BETWEEN ? AND ? AND fingerprint IN"
              " (SELECT fingerprint FROM alerts WHERE id BETWEEN ? AND ?)"_s);
    q.addBindValue(first);
    q.addBindValue(last);
    q.addBindValue(first);
    q.addBindValue(last);
    if (!q.exec()) {
        return failed(q);
    }
    q.prepare(u"DELETE FROM alerts WHERE id BETWEEN ? AND ?"_s);
    q.addBindValue(first);
    q.addBindValue(last);
    if (!q.exec()) {
        return failed(q);
    }
    result.alerts = q.numRowsAffected();
    result.events = events;
    result.firstAlert = first;
    result.lastAlert = last;
    ranges.prepend(
        u"%1:%2-%3:%4"_s.arg(int(LeafKind::Alert)).arg(first).arg(last).arg(result.alerts));

    QStringList why;
    if (policy.maxAgeMs) {
        why << u"older than %1 ms"_s.arg(*policy.maxAgeMs);
    }
    if (policy.maxAlerts) {
        why << u"more than %1 alerts"_s.arg(*policy.maxAlerts);
    }
    const QString reason = why.join(u", "_s);
    const QString rangeText = ranges.join(u';');
    if (const Status s = m_log->begin(); !s) {
        return R::failure(s.error());
    }
    // The tree size the record refers to: every leaf before it, including those of the rows
    // it removes.
    const qint64 treeSize = m_log->treeSize();
    q.prepare(u"INSERT INTO prunes (ts, reason, ranges, tree_size) VALUES (?, ?, ?, ?)"_s);
    q.addBindValue(now);
    q.addBindValue(reason);
    q.addBindValue(rangeText);
    q.addBindValue(treeSize);
    if (!q.exec()) {
        return failed(q);
    }
    result.pruneId = q.lastInsertId().toLongLong();
    if (const Status s = m_log->append(
            LeafKind::Prune, result.pruneId, { result.pruneId, now, reason, rangeText, treeSize });
        !s) {
        return R::failure(s.error());
    }
    // Signed at once: the checkpoint vouches for the prune record with everything before it.
    if (const Status s = m_log->finish(true); !s) {
        return R::failure(s.error());
    }
    if (!m_db.commit()) {
        return R::failure(Tr::tr("prune failed: %1").arg(m_db.lastError().text()));
    }
    rollback.armed = false;
    qCInfo(lcStore) << "pruned" << result.alerts << "alerts and" << result.events << "events ("
                    << reason << ") as prune record" << result.pruneId;
    return result;
}

// SQLite's VACUUM: the store is copied into a temporary database and back, so the file ends up
// with no free pages. Every table keeps its ids (each that others refer to has an INTEGER
// PRIMARY KEY, schema version 2), so leaves, proofs and the full-text index stay valid.
Result<CompactResult> SqliteStore::compact()
{
    using R = Result<CompactResult>;
    if (m_mode != Mode::ReadWrite || m_immutable) {
        return R::failure(Tr::tr("store %1 is open read-only; compacting writes it").arg(m_path));
    }
    CompactResult result;
    result.bytesBefore = QFileInfo(m_path).size();
    QSqlQuery q(m_db);
    if (!q.exec(u"PRAGMA freelist_count"_s) || !q.next()) {
        return R::failure(Tr::tr("cannot compact %1: %2").arg(m_path, errorText(q)));
    }
    result.freePagesBefore = q.value(0).toLongLong();
    q.finish();
    // The copy goes to a temporary file: with the writer's temp_store=MEMORY it would be the
    // whole store in memory.
    if (!q.exec(u"PRAGMA temp_store=FILE"_s)) {
        return R::failure(Tr::tr("cannot compact %1: %2").arg(m_path, errorText(q)));
    }
    const auto memoryAgain = qScopeGuard([this] {
        QSqlQuery pragma(m_db);
        pragma.exec(u"PRAGMA temp_store=MEMORY"_s);
    });
    if (!q.exec(u"VACUUM"_s)) {
        return R::failure(Tr::tr("cannot compact %1: %2").arg(m_path, errorText(q)));
    }
    // In WAL mode VACUUM writes every page through the log: merge it into the file and cut it
    // back, unless a reader still needs it (then it is merged later, as usual).
    if (q.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s) && q.next()) {
        result.logMerged = q.value(0).toInt() == 0;
    }
    q.finish();
    result.bytesAfter = QFileInfo(m_path).size();
    qCInfo(lcStore) << "compacted" << m_path << "from" << result.bytesBefore << "to"
                    << result.bytesAfter << "bytes";
    return result;
}

Result<StoreSpace> SqliteStore::space()
{
    using R = Result<StoreSpace>;
    QSqlQuery q(m_db);
    if (!q.exec(u"PRAGMA page_size"_s) || !q.next()) {
        return R::failure(Tr::tr("cannot read the size of %1: %2").arg(m_path, errorText(q)));
    }
    const qint64 pageSize = q.value(0).toLongLong();
    if (!q.exec(u"PRAGMA freelist_count"_s) || !q.next()) {
        return R::failure(Tr::tr("cannot read the size of %1: %2").arg(m_path, errorText(q)));
    }
    const qint64 freePages = q.value(0).toLongLong();
    q.finish();
    StoreSpace space;
    space.fileBytes = QFileInfo(m_path).size();
    space.logBytes = QFileInfo(m_path + u"-wal"_s).size();
    space.freeBytes = freePages * pageSize;
    return space;
}

Status SqliteStore::backup(const QString &target)
{
    if (QFileInfo::exists(target)) {
        return Status::failure(Tr::tr("%1 exists; back up to a new file").arg(target));
    }
    const QVariant handle = m_db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0 || !handle.isValid()) {
        return Status::failure(Tr::tr("the SQLite driver gives no handle for a backup"));
    }
    sqlite3 *source = *static_cast<sqlite3 *const *>(handle.constData());
    // Copied into a temporary file beside the target, then renamed: a backup that fails half
    // way never looks like a complete one.
    const QString partial = target + u".partial"_s;
    QFile::remove(partial);
    sqlite3 *copy = nullptr;
    int rc = sqlite3_open_v2(QFile::encodeName(partial).constData(), &copy,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    QString error;
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(copy, "main", source, "main");
        if (!b) {
            error = QString::fromUtf8(sqlite3_errmsg(copy));
        } else {
            // All pages in one step: one read transaction on the source, so the copy is one
            // consistent snapshot; in WAL mode the writer is not blocked meanwhile.
            do {
                rc = sqlite3_backup_step(b, -1);
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
                    sqlite3_sleep(50);
                }
            } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            sqlite3_backup_finish(b);
            if (rc != SQLITE_DONE) {
                error = QString::fromUtf8(sqlite3_errstr(rc));
            }
        }
    } else {
        error = QString::fromUtf8(sqlite3_errstr(rc));
    }
    if (error.isEmpty()) {
        // The copy is a self-contained file: no WAL beside it.
        char *message = nullptr;
        if (sqlite3_exec(copy, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &message)
            != SQLITE_OK) {
            error = QString::fromUtf8(message ? message : "journal mode");
        }
        sqlite3_free(message);
    }
    sqlite3_close(copy);
    if (error.isEmpty() && !QFile::rename(partial, target)) {
        error = Tr::tr("cannot rename %1 to %2").arg(partial, target);
    }
    if (!error.isEmpty()) {
        QFile::remove(partial);
        return Status::failure(Tr::tr("backup to %1 failed: %2").arg(target, error));
    }
    QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return Ok{};
}

Result<QList<Core::AlertEvent>> SqliteStore::alertEvents(Core::AlertId id)
{
    return readAlertEvents(m_db, id);
}

Result<StoreStats> SqliteStore::stats()
{
    return readStats(m_db, true);
}

Result<QList<QuarantineEntry>> SqliteStore::quarantinePage(int limit, qint64 beforeId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT id, received, feed, source, reason, raw FROM quarantine"_s
        + (beforeId > 0 ? u" WHERE id < ?"_s : QString()) + u" ORDER BY id DESC LIMIT ?"_s);
    if (beforeId > 0) {
        q.addBindValue(beforeId);
    }
    q.addBindValue(limit > 0 ? limit : -1);
    if (!q.exec()) {
        return Result<QList<QuarantineEntry>>::failure(errorText(q));
    }
    QList<QuarantineEntry> out;
    while (q.next()) {
        QuarantineEntry e;
        e.id = q.value(0).toLongLong();
        e.record.received = q.value(1).toLongLong();
        e.record.feed = q.value(2).toString();
        e.record.source = q.value(3).toString();
        e.record.reason = q.value(4).toString();
        e.record.raw = q.value(5).toByteArray();
        out.append(e);
    }
    return out;
}

Result<QList<FeedStatus>> SqliteStore::feeds()
{
    return readFeeds(m_db);
}

Result<QList<ChainObservation>> SqliteStore::chainStatus()
{
    return readChainStatus(m_db);
}

Result<QList<ChainHistoryPoint>> SqliteStore::chainHistory(const QString &chain, const QString &node,
                                                           TimestampMs since, TimestampMs until,
                                                           int limit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT observed, height, block_time, lag, latency_ms FROM chain_history"
              " WHERE chain = ? AND node = ? AND observed >= ? AND observed <= ?"
              " ORDER BY observed DESC LIMIT ?"_s);
    q.addBindValue(chain);
    q.addBindValue(node);
    q.addBindValue(since);
    q.addBindValue(until);
    q.addBindValue(limit);
    if (!q.exec()) {
        return Result<QList<ChainHistoryPoint>>::failure(errorText(q));
    }
    QList<ChainHistoryPoint> out;
    while (q.next()) {
        out.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                    q.value(3).toLongLong(), q.value(4).toInt()});
    }
    std::reverse(out.begin(), out.end());
    return out;
}

Result<DashboardData> SqliteStore::dashboard(
    TimestampMs from, TimestampMs to, qint64 bucketMs, int topN)
{
    DashboardData d;
    bucketMs = std::max(kMinuteMs, floorTo(bucketMs, kMinuteMs));
    d.from = floorTo(from, bucketMs);
    d.to = to;
    d.bucketMs = bucketMs;
    const qint64 bucketCount = std::max<qint64>(1, (to - d.from + bucketMs - 1) / bucketMs);
    if (bucketCount > 20000) {
        return Result<DashboardData>::failure(
            Tr::tr("too many chart buckets (%1)").arg(bucketCount));
    }
    d.series.resize(bucketCount);
    for (qint64 i = 0; i < bucketCount; ++i) {
        d.series[i].start = d.from + i * bucketMs;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    for (const QString &c : Core::allCategoryNames()) {
        d.byCategory.insert(c, 0);
    }
    // Buckets of whole hours that start on an hour read the hourly roll-ups (60 times fewer
    // rows) up to the last full hour; the minutes after it come from the minute roll-ups, so the
    // range ends exactly at `to` either way.
    const bool hourly = bucketMs % kHourMs == 0 && floorTo(d.from, kHourMs) == d.from;
    const TimestampMs minutesFrom = hourly ? std::max(d.from, floorTo(to, kHourMs)) : d.from;
    struct Part
    {
        QString sql;
        TimestampMs from;
        TimestampMs to;
    };
    const Part parts[] = {
        { u"SELECT bucket, severity, category, sum(n) FROM rollup_hour"
          " WHERE bucket >= ? AND bucket < ? GROUP BY bucket, severity, category"_s,
            d.from, hourly ? minutesFrom : d.from },
        { u"SELECT bucket, severity, category, sum(n) FROM rollup_minute"
          " WHERE bucket >= ? AND bucket < ? GROUP BY bucket, severity, category"_s,
            minutesFrom, to },
    };
    for (const Part &part : parts) {
        if (part.from >= part.to) {
            continue;
        }
        q.prepare(part.sql);
        q.addBindValue(part.from);
        q.addBindValue(part.to);
        if (!q.exec()) {
            return Result<DashboardData>::failure(errorText(q));
        }
    while (q.next()) {
        const qint64 bucket = q.value(0).toLongLong();
        const int sev = std::clamp(q.value(1).toInt(), 0, Core::kSeverityCount - 1);
        const qint64 n = q.value(3).toLongLong();
        const qint64 index = (bucket - d.from) / bucketMs;
        if (index >= 0 && index < bucketCount) {
            d.series[index].counts[static_cast<size_t>(sev)] += n;
        }
        d.byCategory[q.value(2).toString()] += n;
        d.total += n;
        if (sev >= static_cast<int>(Core::Severity::High)) {
            d.openCritical += n;
        }
    }
    }
    // ---- Incidents (issue 6): risk from open incidents (docs/risk-model.md, version 2) ----
    const auto overview = m_incidents->riskOverview(to, topN);
    if (!overview) {
        return Result<DashboardData>::failure(overview.error());
    }
    d.risk = overview->first;
    d.topEntities = overview->second;
    const auto history = m_incidents->riskHistory(d.from, to);
    if (!history) {
        return Result<DashboardData>::failure(history.error());
    }
    // At most ~96 points: the last sample in each step, carried forward over quiet steps.
    const qint64 riskStep = std::max(bucketMs, (to - d.from) / 96);
    double current = 0;
    qsizetype next = 0;
    for (qint64 t = d.from + riskStep; t < to; t += riskStep) {
        while (next < history->size() && history->at(next).first < t) {
            current = history->at(next++).second;
        }
        d.riskSeries.append({t, current});
    }
    d.riskSeries.append({to, d.risk});
    return d;
}

// ---- Incidents (issue 6) ----

Result<QList<IncidentRow>> SqliteStore::incidentPage(const IncidentFilter &filter,
    IncidentSort sort, const IncidentPageAt &at, int limit, TimestampMs now)
{
    return m_incidents->list(filter, sort, at, limit, now);
}

Result<qint64> SqliteStore::countIncidents(const IncidentFilter &filter)
{
    // A filter on open statuses alone is answered by the counts by status (schema v10) instead
    // of a scan: 0.34 s for 951,646 incidents, at every refresh of the Incidents view. Lists
    // leave merged incidents out and the counts do not, but merging resolves an incident and
    // refuses any later change of its status, so an open status never counts a merged one.
    const bool statusOnly = !filter.includeMerged && filter.owner.isEmpty()
        && filter.search.trimmed().isEmpty()
        && (!filter.minSeverity || *filter.minSeverity == Core::Severity::Info);
    QStringList open;
    for (int i = 0; i < Core::kIncidentStatusCount; ++i) {
        const auto s = Core::IncidentStatus(i);
        if (!Core::isClosed(s) && (filter.statuses.isEmpty() || filter.statuses.contains(s))) {
            open << Core::incidentStatusName(s);
        }
    }
    const bool onlyOpen = filter.openOnly
        || (!filter.statuses.isEmpty()
            && std::none_of(filter.statuses.cbegin(), filter.statuses.cend(),
                [](Core::IncidentStatus s) { return Core::isClosed(s); }));
    if (statusOnly && onlyOpen) {
        QSqlQuery q(m_db);
        q.prepare(u"SELECT coalesce(sum(n), 0) FROM incident_totals WHERE status IN (%1)"_s.arg(
            QStringList(open.size(), u"?"_s).join(u", "_s)));
        bindAll(q, QVariantList(open.cbegin(), open.cend()));
        if (!q.exec() || !q.next()) {
            return Result<qint64>::failure(errorText(q));
        }
        return q.value(0).toLongLong();
    }
    return m_incidents->count(filter);
}

Result<IncidentDetail> SqliteStore::incident(Core::IncidentId id, int alertLimit, TimestampMs now)
{
    auto detail = m_incidents->detail(id, alertLimit, now);
    if (!detail || alertLimit <= 0) {
        return detail;
    }
    AlertFilter filter;
    filter.incident = id;
    auto page = runPageQuery(filter, AlertSort::TimeDesc, alertLimit, std::nullopt, std::nullopt);
    if (!page) {
        return Result<IncidentDetail>::failure(page.error());
    }
    IncidentDetail d = std::move(detail).value();
    d.alerts = page->alerts;
    return d;
}

Result<QList<Suppression>> SqliteStore::suppressions()
{
    return m_incidents->suppressions();
}

Result<IncidentChange> SqliteStore::changeIncident(const IncidentCommand &command)
{
    if (!m_prepared) {
        return Result<IncidentChange>::failure(Tr::tr("store is not open for writing"));
    }
    return m_incidents->change(command, Core::nowMs());
}

// ---- Timeline and as-of replay (issue 7) ----

Result<TimelineData> SqliteStore::timeline(const TimelineQuery &query)
{
    return queryTimeline(m_db, query);
}

Result<AsOfSnapshot> SqliteStore::asOf(TimestampMs at, unsigned parts)
{
    return queryAsOf(m_db, at, parts);
}

} // namespace Lakeguard::Storage
