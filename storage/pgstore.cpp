// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgstore.h"

#include "incidentcorrelator.h"
#include "incidentstore.h"
#include "merklelog.h"
#include "openrisk.h"
#include "pgrows.h"
#include "riskmodel.h"
#include "storereads.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QStandardPaths>
#include <QVariant>

#include <atomic>
#include <map>
#include <tuple>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Lakeguard::Storage {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 3'600'000;

qint64 floorTo(qint64 value, qint64 step)
{
    const qint64 q = value / step;
    return (value % step < 0 ? q - 1 : q) * step;
}

QString nextConnectionName()
{
    static std::atomic<quint64> counter { 0 };
    return u"lakeguard-pg-%1"_s.arg(++counter);
}

const QString kAlertColumns = u"id, ts, received, feed, source, severity, category, rule, title, "
                              "message, entity, src_ip, dst_ip, fingerprint, incident, raw, state,"
                              " state_since, suppressed"_s;

TimestampMs stateSince(const Alert &a)
{
    return a.stateSince > 0 ? a.stateSince : a.received;
}

Alert alertFromQuery(const QSqlQuery &q)
{
    Alert a;
    a.id = Core::AlertId { q.value(0).toLongLong() };
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
        a.incident = Core::IncidentId { q.value(14).toLongLong() };
    }
    a.raw = q.value(15).toByteArray();
    a.state = q.value(16).toString();
    a.stateSince = q.value(17).toLongLong();
    if (!q.value(18).isNull()) {
        a.suppressedBy = q.value(18).toLongLong();
    }
    return a;
}

// PostgreSQL text holds valid UTF-8 without NUL: lone surrogates and NUL become U+FFFD before
// binding, so what is stored is what the leaf hashes.
QString validText(const QString &s)
{
    bool clean = s.isValidUtf16() && !s.contains(QChar(0));
    if (clean) {
        return s;
    }
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
            out += c;
            out += s.at(++i);
        } else if (c.isSurrogate() || c.unicode() == 0) {
            out += QChar(QChar::ReplacementCharacter);
        } else {
            out += c;
        }
    }
    return out;
}

QString text(const QString &s)
{
    return s.isNull() ? u""_s : validText(s);
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(validText(s));
}

QVariant nullInt()
{
    return QVariant(QMetaType::fromType<qint64>());
}

struct Where
{
    QStringList clauses;
    QVariantList values;

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
    const QString ts = PgStore::tsQuery(f.search);
    if (!ts.isEmpty()) {
        w.clauses << u"search @@ to_tsquery('simple'::regconfig, ?)"_s;
        w.values << ts;
    } else if (!f.search.trimmed().isEmpty()) {
        w.clauses << u"FALSE"_s; // only punctuation: nothing can match
    }
    return w;
}

void bindAll(QSqlQuery &q, const QVariantList &values)
{
    for (const QVariant &v : values) {
        q.addBindValue(v);
    }
}

QString errorText(const QSqlQuery &q)
{
    return q.lastError().text();
}

} // namespace

Result<QSqlDatabase> openPgConnection(const PgLocation &location, const QString &connection)
{
    using R = Result<QSqlDatabase>;
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        return R::failure(Tr::tr("the PostgreSQL driver (QPSQL, package libqt6sql6-psql) is not "
                                 "installed"));
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connection);
    db.setHostName(location.host);
    db.setPort(location.port);
    db.setDatabaseName(location.database);
    db.setUserName(location.user);
    db.setConnectOptions(location.connectOptions);
    if (!db.open()) {
        // libpq's messages span lines ("… failed: …\n\tIs the server running …"): one line.
        const QString err = db.lastError().text().simplified();
        return R::failure(Tr::tr("cannot open store %1: %2").arg(location.display, err));
    }
    QSqlQuery q(db);
    // Timestamps are bigint ms; text compares byte-wise like SQLite's BINARY collation is not
    // needed (only equality and IN are used on text).
    if (!q.exec(u"SET client_min_messages = warning"_s)) {
        return R::failure(
            Tr::tr("cannot prepare store %1: %2").arg(location.display, errorText(q)));
    }
    return db;
}

struct PgStore::Prepared
{
    explicit Prepared(const QSqlDatabase &db)
        : insertQuarantine(db)
        , upsertChain(db)
        , insertChainHistory(db)
        , upsertFeed(db)
        , nextAlertIds(db)
        , nextEventIds(db)
    { }
    QSqlQuery insertQuarantine;
    QSqlQuery upsertChain;
    QSqlQuery insertChainHistory;
    QSqlQuery upsertFeed;
    QSqlQuery nextAlertIds; // ? ids from the alerts' identity sequence
    QSqlQuery nextEventIds;
    // Multi-row statements (pgrows.h): a few round trips per batch.
    PgRows findAlerts { u"SELECT fingerprint, id, state FROM alerts WHERE fingerprint IN ("_s,
        u"?"_s, 1, u")"_s };
    PgRows insertAlerts { u"INSERT INTO alerts (id, ts, received, feed, source, severity,"
                          " category, rule, title, message, entity, src_ip, dst_ip, fingerprint,"
                          " incident, raw, state, state_since, suppressed) VALUES "_s,
        u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s, 19, QString(), 256 };
    PgRows insertEvents { u"INSERT INTO alert_events (id, alert_id, ts, received, feed, state,"
                          " message, raw) VALUES "_s,
        u"(?, ?, ?, ?, ?, ?, ?, ?)"_s, 8 };
    PgRows updateStates { u"UPDATE alerts AS a SET state = v.state, state_since = v.since"
                          " FROM (VALUES "_s,
        u"(?::bigint, ?::text, ?::bigint)"_s, 3, u") AS v (id, state, since) WHERE a.id = v.id"_s };
    PgRows upsertRollups { u"INSERT INTO rollup_minute AS r (bucket, severity, category, feed, n)"
                           " VALUES "_s,
        u"(?, ?, ?, ?, ?)"_s, 5,
        u" ON CONFLICT (bucket, severity, category, feed) DO UPDATE SET n = r.n + excluded.n"_s };
    PgRows upsertEntities { u"INSERT INTO rollup_entity_hour AS r (bucket, entity, n, weight,"
                            " worst) VALUES "_s,
        u"(?, ?, ?, ?, ?)"_s, 5,
        u" ON CONFLICT (bucket, entity) DO UPDATE SET n = r.n + excluded.n,"
        " weight = r.weight + excluded.weight, worst = greatest(r.worst, excluded.worst)"_s };
};

PgStore::PgStore(PgLocation location, StoreOptions options)
    : m_location(std::move(location))
    , m_options(options)
    , m_connection(nextConnectionName())
{ }

PgStore::~PgStore()
{
    if (m_prepared && m_log && m_log->uncoveredLeaves() > 0) {
        if (const Status s = m_log->checkpoint(true); !s) {
            qCWarning(lcStore) << "closing checkpoint failed:" << s.error();
        }
    }
    m_incidents.reset();
    m_correlator.reset();
    m_log.reset();
    m_prepared.reset();
    if (m_db.isValid()) {
        m_db.close();
    }
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

QString PgStore::keyBasePath(const PgLocation &location)
{
    QString dir = qEnvironmentVariable("LAKEGUARD_KEY_DIR");
    if (dir.isEmpty()) {
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    }
    QString name = u"pg-%1-%2-%3"_s.arg(location.host).arg(location.port).arg(location.database);
    name.replace(QRegularExpression(u"[^A-Za-z0-9._-]"_s), u"_"_s);
    return QDir(dir).filePath(name);
}

Status PgStore::lockWriters()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(kPgWriterLock))) {
        return Status::failure(Tr::tr("cannot take the writer lock: %1").arg(errorText(q)));
    }
    return Ok {};
}

Status PgStore::notifyChange(const QString &payload)
{
    // Inside the transaction: PostgreSQL delivers it only if the transaction commits.
    QSqlQuery q(m_db);
    q.prepare(u"SELECT pg_notify(?, ?)"_s);
    q.addBindValue(QString::fromLatin1(kPgChangeChannel));
    q.addBindValue(payload);
    if (!q.exec()) {
        return Status::failure(errorText(q));
    }
    return Ok {};
}

Status PgStore::open(Mode mode)
{
    m_mode = mode;
    auto db = openPgConnection(m_location, m_connection);
    if (!db) {
        return Status::failure(db.error());
    }
    m_db = db.value();
    if (mode == Mode::ReadOnly) {
        QSqlQuery q(m_db);
        if (!q.exec(u"SET default_transaction_read_only = on"_s)) {
            return Status::failure(errorText(q));
        }
    }
    if (const Status s = migrate(); !s) {
        return s;
    }
    const QString keyBase = keyBasePath(m_location);
    m_log = std::make_unique<MerkleLog>(m_db, keyBase, m_options);
    auto policy = loadIncidentPolicy(m_location.display);
    if (!policy) {
        return Status::failure(policy.error());
    }
    m_policy = policy.value();
    m_incidents = std::make_unique<IncidentStore>(
        m_db, mode == Mode::ReadWrite ? m_log.get() : nullptr, &m_policy);
    if (mode == Mode::ReadWrite) {
        // Running risk sums (schema v9): filled after the migration, refilled for a new half-life.
        if (const Status s = ensureOpenRisk(m_db, m_policy.risk); !s) {
            return Status::failure(Tr::tr("store %1: %2").arg(m_location.display, s.error()));
        }
    }
    if (mode == Mode::ReadWrite) {
        if (!QDir().mkpath(QFileInfo(keyBase).absolutePath())) {
            return Status::failure(
                Tr::tr("cannot create folder %1").arg(QFileInfo(keyBase).absolutePath()));
        }
        // The writer's multi-row statements stay prepared for the life of the connection; a
        // generic plan made while the tables were small (a sequential scan for a fingerprint
        // list) would stay with them as they grow. Plans are made for each execution instead.
        {
            QSqlQuery q(m_db);
            if (!q.exec(u"SET plan_cache_mode = force_custom_plan"_s)) {
                return Status::failure(errorText(q));
            }
        }
        m_prepared = std::make_unique<Prepared>(m_db);
        Prepared &p = *m_prepared;
        const bool ok
            = p.insertQuarantine.prepare(
                  u"INSERT INTO quarantine (received, feed, source, reason, fingerprint, raw)"
                  " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING"_s)
            && p.nextAlertIds.prepare(u"SELECT nextval(pg_get_serial_sequence('alerts', 'id'))"
                                      " FROM generate_series(1, ?::integer)"_s)
            && p.nextEventIds.prepare(
                u"SELECT nextval(pg_get_serial_sequence('alert_events', 'id'))"
                " FROM generate_series(1, ?::integer)"_s)
            && p.upsertChain.prepare(
                u"INSERT INTO chain_status AS c (chain, node, height, head_hash, block_time,"
                " observed, peers, syncing, lag, state, latency_ms, details)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (chain, node) DO UPDATE SET height = excluded.height,"
                " head_hash = excluded.head_hash, block_time = excluded.block_time,"
                " observed = excluded.observed, peers = excluded.peers,"
                " syncing = excluded.syncing, lag = excluded.lag, state = excluded.state,"
                " latency_ms = excluded.latency_ms, details = excluded.details"
                " WHERE excluded.observed >= c.observed"_s)
            && p.insertChainHistory.prepare(
                u"INSERT INTO chain_history (observed, chain, node, height, lag, latency_ms,"
                " block_time) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"_s)
            && p.upsertFeed.prepare(
                u"INSERT INTO feeds AS f (id, type, state, received, accepted, duplicates,"
                " quarantined, skipped, bytes, last_event, updated, last_error, cursor)"
                " VALUES (?, ?, 'healthy', ?, ?, ?, ?, ?, ?, ?, ?, '', ?)"
                " ON CONFLICT (id) DO UPDATE SET"
                " type = CASE WHEN excluded.type = '' THEN f.type ELSE excluded.type END,"
                " received = f.received + excluded.received,"
                " accepted = f.accepted + excluded.accepted,"
                " duplicates = f.duplicates + excluded.duplicates,"
                " quarantined = f.quarantined + excluded.quarantined,"
                " skipped = f.skipped + excluded.skipped,"
                " bytes = f.bytes + excluded.bytes,"
                " last_event = greatest(f.last_event, excluded.last_event),"
                " updated = excluded.updated,"
                " cursor = coalesce(excluded.cursor, f.cursor)"_s);
        if (!ok) {
            return Status::failure(
                Tr::tr("cannot prepare statements: %1").arg(m_db.lastError().text()));
        }
        if (const Status s = m_log->openForWriting(); !s) {
            m_prepared.reset();
            return Status::failure(Tr::tr("store %1: %2").arg(m_location.display, s.error()));
        }
        m_correlator = std::make_unique<IncidentCorrelator>(m_db, &m_policy);
        m_correlator->setMultiRowWrites(true);
    }
    return Ok {};
}

Status PgStore::migrate()
{
    const int latest = postgresSchemaVersion();
    auto readVersion = [this]() -> Result<int> {
        QSqlQuery q(m_db);
        if (!q.exec(u"SELECT to_regclass('meta') IS NOT NULL, to_regclass('alerts') IS NOT NULL"_s)
            || !q.next()) {
            return Result<int>::failure(errorText(q));
        }
        const bool hasMeta = q.value(0).toBool();
        const bool hasAlerts = q.value(1).toBool();
        if (hasMeta && q.exec(u"SELECT value FROM meta WHERE key = 'schema_version'"_s)
            && q.next()) {
            return q.value(0).toInt();
        }
        if (hasAlerts) {
            return Result<int>::failure(
                Tr::tr("%1 holds tables but no schema version").arg(m_location.display));
        }
        return 0;
    };
    auto current = readVersion();
    if (!current) {
        return Status::failure(current.error());
    }
    if (current.value() > latest) {
        return Status::failure(Tr::tr("store %1 has schema version %2, newer than this build "
                                      "understands (%3); use a newer Lakeguard")
                                   .arg(m_location.display)
                                   .arg(current.value())
                                   .arg(latest));
    }
    if (current.value() == latest) {
        m_schemaVersion = latest;
        return Ok {};
    }
    if (m_mode == Mode::ReadOnly) {
        return Status::failure(Tr::tr("store %1 has schema version %2 and needs migrating to %3; "
                                      "open it once read-write")
                                   .arg(m_location.display)
                                   .arg(current.value())
                                   .arg(latest));
    }
    // One transaction for all steps, under the writer lock: two clients opening a new database
    // at once migrate it once (the second sees the version the first committed).
    if (!m_db.transaction()) {
        return Status::failure(Tr::tr("cannot begin migration: %1").arg(m_db.lastError().text()));
    }
    auto fail = [this](int version, const QString &err) {
        m_db.rollback();
        return Status::failure(
            Tr::tr("migration to schema version %1 failed: %2").arg(version).arg(err));
    };
    if (const Status s = lockWriters(); !s) {
        return fail(latest, s.error());
    }
    current = readVersion();
    if (!current) {
        return fail(latest, current.error());
    }
    int version = current.value();
    QSqlQuery q(m_db);
    for (const Migration &m : postgresMigrations()) {
        if (m.toVersion <= version) {
            continue;
        }
        for (const QString &statement : m.statements) {
            if (!q.exec(statement)) {
                return fail(m.toVersion, errorText(q));
            }
        }
        if (m.code) {
            if (const QString err = m.code(m_db); !err.isEmpty()) {
                return fail(m.toVersion, err);
            }
        }
        q.prepare(u"INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
        q.addBindValue(QString::number(m.toVersion));
        if (!q.exec()) {
            return fail(m.toVersion, errorText(q));
        }
        version = m.toVersion;
    }
    if (!m_db.commit()) {
        return fail(version, m_db.lastError().text());
    }
    qCDebug(lcStore) << "migrated" << m_location.display << "to schema version" << version;
    m_schemaVersion = version;
    return Ok {};
}

BatchResult PgStore::writeBatch(const IngestBatch &batch)
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
    auto failText = [&](const QString &message) {
        r = BatchResult {};
        r.error = message;
        m_db.rollback();
        return r;
    };
    auto fail = [&](const QSqlQuery &q, const QString &what) {
        return failText(Tr::tr("%1 failed: %2").arg(what, q.lastError().text()));
    };
    auto failLog = [&](const Status &s) {
        return failText(Tr::tr("tamper-evidence log failed: %1").arg(s.error()));
    };
    // Every writer of the shared store queues here, so leaves, incident ids and the dedup
    // decisions of concurrent clients happen one batch at a time.
    if (const Status s = lockWriters(); !s) {
        return failText(s.error());
    }
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
            return failText(Tr::tr("feed %1: the batch before this one was not stored; this one "
                                   "is refused so nothing is skipped")
                                .arg(batch.feed));
        }
    }
    if (const Status s = m_log->begin(); !s) {
        return failLog(s);
    }
    const TimestampMs now = Core::nowMs();
    if (const Status s = m_correlator->begin(now); !s) {
        return failText(Tr::tr("correlation failed: %1").arg(s.error()));
    }

    std::map<std::tuple<qint64, int, QString, QString>, qint64> minute;
    struct EntityAgg
    {
        qint64 n = 0;
        double weight = 0;
        int worst = 0;
    };
    std::map<std::pair<qint64, QString>, EntityAgg> entity;
    TimestampMs lastEvent = 0;

    // A few round trips per batch instead of one per alert (issue 10): which fingerprints are
    // stored already (one lookup), then every decision in batch order in memory, exactly as
    // one insert per alert would have made them under the writer lock, then the rows in
    // multi-row statements. Ids are drawn from the sequences first, so rows and leaves rise
    // together in batch order.
    struct Known
    {
        qint64 id = 0; // a stored alert
        qsizetype add = -1; // else: index into `added` (new in this batch)
        QString state;
    };
    QHash<QByteArray, Known> known;
    {
        QVariantList fingerprints;
        QSet<QByteArray> asked;
        for (const Alert &a : batch.alerts) {
            if (!asked.contains(a.fingerprint)) {
                asked.insert(a.fingerprint);
                fingerprints << a.fingerprint;
            }
        }
        const Status s = p.findAlerts.run(m_db, fingerprints, [&](const RowValues &q) {
            known.insert(q.value(0).toByteArray(),
                Known { q.value(1).toLongLong(), -1, q.value(2).toString() });
        });
        if (!s) {
            return failText(Tr::tr("%1 failed: %2").arg(u"find alerts"_s, s.error()));
        }
    }
    {
        // What the correlator's decisions will read, in a few statements: new alerts only.
        QList<Alert> fresh;
        QSet<QByteArray> taken;
        for (const Alert &a : batch.alerts) {
            if (!known.contains(a.fingerprint) && !taken.contains(a.fingerprint)) {
                taken.insert(a.fingerprint);
                fresh.append(a);
            }
        }
        if (const Status s = m_correlator->prefetch(fresh); !s) {
            return failText(Tr::tr("correlation failed: %1").arg(s.error()));
        }
    }
    struct Added
    {
        const Alert *alert;
        IncidentCorrelator::Decision decision;
        qint64 id = 0;
    };
    struct Event
    {
        const Alert *alert;
        qint64 alertId = 0; // a stored alert
        qsizetype add = -1; // else: the new alert it belongs to
        qint64 id = 0;
    };
    // The leaves in the order one insert per alert appended them: an alert, its first event;
    // a state change's event where the duplicate came.
    struct LeafStep
    {
        bool isEvent;
        qsizetype index;
    };
    QList<Added> added;
    QList<Event> events;
    QList<LeafStep> steps;
    added.reserve(batch.alerts.size());
    steps.reserve(batch.alerts.size());
    for (const Alert &a : batch.alerts) {
        lastEvent = std::max(lastEvent, a.ts);
        const auto seen = known.find(a.fingerprint);
        if (seen != known.end()) {
            // A duplicate; with a state, the stored alert's state may change (never after
            // resolved). The correlator is not asked: a duplicate changes no incident.
            Known &k = seen.value();
            if (a.state.isEmpty() || k.state == a.state || k.state == u"resolved"_s) {
                ++r.duplicates;
                continue;
            }
            k.state = a.state;
            events.append({ &a, k.id, k.add, 0 });
            steps.append({ true, events.size() - 1 });
            ++r.updated;
            continue;
        }
        const auto decision = m_correlator->decide(a);
        if (!decision) {
            return failText(Tr::tr("correlation failed: %1").arg(decision.error()));
        }
        m_correlator->commit(*decision, a);
        ++r.accepted;
        if (decision->suppression) {
            ++r.suppressed;
        }
        added.append({ &a, *decision, 0 });
        known.insert(a.fingerprint, Known { 0, added.size() - 1, a.state });
        steps.append({ false, added.size() - 1 });
        if (!a.state.isEmpty()) {
            events.append({ &a, 0, added.size() - 1, 0 });
            steps.append({ true, events.size() - 1 });
        }
        const QString feed = text(a.feed.isEmpty() ? batch.feed : a.feed);
        minute[{ floorTo(a.ts, kMinuteMs), static_cast<int>(a.severity),
            Core::categoryName(a.category), feed }]
            += 1;
        if (!a.entity.isEmpty()) {
            EntityAgg &e = entity[{ floorTo(a.ts, kHourMs), text(a.entity) }];
            ++e.n;
            e.weight += Core::RiskModel::severityWeight(a.severity);
            e.worst = std::max(e.worst, static_cast<int>(a.severity));
        }
    }

    auto drawIds = [&](QSqlQuery &q, qsizetype n) -> Result<QList<qint64>> {
        QList<qint64> ids;
        if (n == 0) {
            return ids;
        }
        ids.reserve(n);
        q.addBindValue(qint64(n));
        if (!q.exec()) {
            return Result<QList<qint64>>::failure(errorText(q));
        }
        while (q.next()) {
            ids.append(q.value(0).toLongLong());
        }
        q.finish();
        std::sort(ids.begin(), ids.end());
        if (ids.size() != n) {
            return Result<QList<qint64>>::failure(
                u"the sequence gave %1 ids, not %2"_s.arg(ids.size()).arg(n));
        }
        return ids;
    };
    const auto alertIds = drawIds(p.nextAlertIds, added.size());
    if (!alertIds) {
        return failText(Tr::tr("%1 failed: %2").arg(u"alert ids"_s, alertIds.error()));
    }
    const auto eventIds = drawIds(p.nextEventIds, events.size());
    if (!eventIds) {
        return failText(Tr::tr("%1 failed: %2").arg(u"alert event ids"_s, eventIds.error()));
    }

    QList<QVariantList> alertLeaves;
    alertLeaves.reserve(added.size());
    QVariantList rows;
    rows.reserve(added.size() * 19);
    for (qsizetype i = 0; i < added.size(); ++i) {
        Added &n = added[i];
        const Alert &a = *n.alert;
        n.id = alertIds->at(i);
        const QString feed = text(a.feed.isEmpty() ? batch.feed : a.feed);
        const QByteArray raw = a.raw.isNull() ? QByteArray("") : a.raw;
        QVariantList leaf { n.id, a.ts, a.received, feed, text(a.source),
            static_cast<int>(a.severity), Core::categoryName(a.category), text(a.rule),
            text(a.title), text(a.message), text(a.entity), textOrNull(a.srcIp),
            textOrNull(a.dstIp), a.fingerprint, raw };
        for (int c = 0; c < 14; ++c) {
            rows << leaf.at(c);
        }
        rows << (n.decision.incident ? QVariant(*n.decision.incident) : nullInt()) << raw
             << text(a.state) << (a.state.isEmpty() ? nullInt() : QVariant(stateSince(a)))
             << (n.decision.suppression ? QVariant(*n.decision.suppression) : nullInt());
        alertLeaves.append(std::move(leaf));
        r.lastAlertId = n.id;
    }
    if (const Status s = p.insertAlerts.run(m_db, rows); !s) {
        return failText(Tr::tr("%1 failed: %2").arg(u"insert alert"_s, s.error()));
    }

    QList<QVariantList> eventLeaves;
    eventLeaves.reserve(events.size());
    std::map<qint64, std::pair<QString, TimestampMs>> finalState; // alert id → state, since
    rows.clear();
    for (qsizetype i = 0; i < events.size(); ++i) {
        Event &e = events[i];
        const Alert &a = *e.alert;
        e.id = eventIds->at(i);
        if (e.add >= 0) {
            e.alertId = added.at(e.add).id;
        }
        const QString feed = text(a.feed.isEmpty() ? batch.feed : a.feed);
        const QByteArray raw = a.raw.isNull() ? QByteArray("") : a.raw;
        QVariantList leaf { e.id, e.alertId, stateSince(a), a.received, feed, text(a.state),
            text(a.message), raw };
        rows << leaf;
        eventLeaves.append(std::move(leaf));
        finalState[e.alertId] = { text(a.state), stateSince(a) };
    }
    if (const Status s = p.insertEvents.run(m_db, rows); !s) {
        return failText(Tr::tr("%1 failed: %2").arg(u"alert event"_s, s.error()));
    }
    // The stored state is the last event's: one update per alert whose state changed (a new
    // alert's own first event is already its inserted state; updating it again is harmless).
    rows.clear();
    for (const auto &[id, state] : finalState) {
        rows << id << state.first << state.second;
    }
    if (const Status s = p.updateStates.run(m_db, rows); !s) {
        return failText(Tr::tr("%1 failed: %2").arg(u"update alert state"_s, s.error()));
    }

    for (const LeafStep &step : std::as_const(steps)) {
        const Status s = step.isEvent
            ? m_log->append(
                LeafKind::AlertEvent, events.at(step.index).id, eventLeaves.at(step.index))
            : m_log->append(LeafKind::Alert, added.at(step.index).id, alertLeaves.at(step.index));
        if (!s) {
            return failLog(s);
        }
    }

    rows.clear();
    for (const auto &[key, n] : minute) {
        rows << std::get<0>(key) << std::get<1>(key) << std::get<2>(key) << std::get<3>(key) << n;
    }
    if (const Status s = p.upsertRollups.run(m_db, rows); !s) {
        return failText(Tr::tr("%1 failed: %2").arg(u"roll-up"_s, s.error()));
    }
    rows.clear();
    for (const auto &[key, agg] : entity) {
        rows << key.first << key.second << agg.n << agg.weight << agg.worst;
    }
    if (const Status s = p.upsertEntities.run(m_db, rows); !s) {
        return failText(Tr::tr("%1 failed: %2").arg(u"entity roll-up"_s, s.error()));
    }

    for (const Quarantined &qr : batch.quarantined) {
        QSqlQuery &q = p.insertQuarantine;
        const QString feed = qr.feed.isEmpty() ? batch.feed : qr.feed;
        q.addBindValue(qr.received);
        q.addBindValue(text(feed));
        q.addBindValue(text(qr.source));
        q.addBindValue(text(qr.reason));
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
            text(QString::fromUtf8(QJsonDocument(o.detailsJson()).toJson(QJsonDocument::Compact))));
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
        if (!h.exec() || !h.next()) {
            return fail(h, u"chain history"_s);
        }
        const qint64 historyId = h.value(0).toLongLong();
        h.finish();
        if (const Status s = m_log->append(LeafKind::ChainObservation, historyId,
                { historyId, o.observed, text(o.chain), text(o.node), o.height, o.lag,
                    o.latencyMs });
            !s) {
            return failLog(s);
        }
    }

    r.skipped = batch.skipped;
    if (!batch.feed.isEmpty()) {
        QSqlQuery &q = p.upsertFeed;
        q.addBindValue(text(batch.feed));
        q.addBindValue(text(batch.feedType));
        q.addBindValue(qint64(batch.alerts.size() + batch.quarantined.size()) + batch.skipped
            + batch.chain.size());
        q.addBindValue(qint64(r.accepted) + batch.chain.size());
        q.addBindValue(qint64(r.duplicates));
        q.addBindValue(qint64(r.quarantined));
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
        return failText(Tr::tr("correlation failed: %1").arg(s.error()));
    }
    if (const Status s = m_log->finish(false); !s) {
        return failLog(s);
    }
    if (r.accepted > 0 || r.updated > 0 || r.quarantined > 0 || !batch.chain.isEmpty()
        || !batch.feed.isEmpty()) {
        if (const Status s = notifyChange(u"batch %1"_s.arg(r.lastAlertId)); !s) {
            return failText(Tr::tr("notify failed: %1").arg(s.error()));
        }
    }
    if (!m_db.commit()) {
        return failText(Tr::tr("commit failed: %1").arg(m_db.lastError().text()));
    }
    r.ok = true;
    return r;
}

Status PgStore::setFeedState(
    const QString &feed, const QString &type, FeedState state, const QString &lastError)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO feeds AS f (id, type, state, updated, last_error)"
              " VALUES (?, ?, ?, ?, ?)"
              " ON CONFLICT (id) DO UPDATE SET state = excluded.state,"
              " type = CASE WHEN excluded.type = '' THEN f.type ELSE excluded.type END,"
              " updated = excluded.updated,"
              " last_error = CASE WHEN excluded.last_error = '' THEN f.last_error"
              " ELSE excluded.last_error END"_s);
    q.addBindValue(text(feed));
    q.addBindValue(text(type));
    q.addBindValue(feedStateName(state));
    q.addBindValue(Core::nowMs());
    q.addBindValue(text(lastError));
    if (!q.exec()) {
        return Status::failure(errorText(q));
    }
    return Ok {};
}

Status PgStore::checkpoint(bool force)
{
    if (!m_prepared || !m_log) {
        return Status::failure(Tr::tr("store is not open for writing"));
    }
    return m_log->checkpoint(force);
}

Result<qint64> PgStore::latestCheckpointId()
{
    if (!m_log) {
        return Result<qint64>::failure(Tr::tr("store is not open"));
    }
    return m_log->latestCheckpointId();
}

Status PgStore::backup(const QString &target)
{
    Q_UNUSED(target)
    return Status::failure(pgBackupMessage(m_location.display));
}

QString pgBackupMessage(const QString &location)
{
    return Tr::tr("%1 is a PostgreSQL store: back it up with PostgreSQL's own tools (pg_dump for "
                  "a logical copy, pg_basebackup with WAL archiving for point-in-time recovery); "
                  "see docs/team-deployment.md")
        .arg(location);
}

Result<VerifyReport> PgStore::verifyInSteps(bool incremental, VerifySteps steps)
{
    if (!m_log) {
        return Result<VerifyReport>::failure(Tr::tr("store is not open"));
    }
    // One snapshot for each of the check's read transactions (one, unless it reads in steps):
    // writers go on, each step sees one consistent tree.
    QSqlQuery q(m_db);
    if (!q.exec(u"SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ"_s)) {
        return Result<VerifyReport>::failure(errorText(q));
    }
    auto report = m_log->verify(incremental, m_mode == Mode::ReadWrite, steps);
    if (!q.exec(u"SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED"_s)) {
        qCWarning(lcStore) << "cannot reset the isolation level:" << errorText(q);
    }
    return report;
}

Status PgStore::saveVerifiedState(const QString &state)
{
    if (!m_log || m_mode != Mode::ReadWrite) {
        return Status::failure(Tr::tr("store is not open for writing"));
    }
    return m_log->saveVerifiedState(state);
}

QString PgStore::tsQuery(const QString &text)
{
    QStringList terms;
    const QStringList words = text.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
    for (QString w : words) {
        const bool prefix = w.endsWith(u'*');
        if (prefix) {
            w.chop(1);
        }
        bool hasToken = false;
        for (const QChar c : w) {
            if (c.isLetterOrNumber()) {
                hasToken = true;
                break;
            }
        }
        if (!hasToken) {
            continue;
        }
        // A quoted lexeme: to_tsquery runs the parser over it (a phrase when it holds several
        // tokens), so quotes and backslashes are the only characters to neutralise.
        w = validText(w);
        w.replace(u'\\', u"\\\\"_s).replace(u'\'', u"''"_s);
        terms << (u'\'' + w + u'\'' + (prefix ? u":*"_s : QString()));
    }
    return terms.join(u" & "_s);
}

Result<AlertPage> PgStore::runPageQuery(const AlertFilter &filter, AlertSort sort, int limit,
    const std::optional<PageKey> &after, std::optional<qint64> offset)
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
            w.values << int(after->primary) << after->secondary << after->id;
        }
        break;
    case AlertSort::SeverityAsc:
        order = u"severity ASC, ts ASC, id ASC"_s;
        if (after) {
            w.clauses << u"(severity, ts, id) > (?, ?, ?)"_s;
            w.values << int(after->primary) << after->secondary << after->id;
        }
        break;
    }
    QString sql = u"SELECT "_s + kAlertColumns + u" FROM alerts"_s + w.sql() + u" ORDER BY "_s
        + order + u" LIMIT ?"_s;
    QVariantList values = w.values;
    values << std::max(1, limit);
    if (offset) {
        sql += u" OFFSET ?"_s;
        values << std::max<qint64>(0, *offset);
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(sql)) {
        return Result<AlertPage>::failure(errorText(q));
    }
    bindAll(q, values);
    if (!q.exec()) {
        return Result<AlertPage>::failure(errorText(q));
    }
    AlertPage page;
    while (q.next()) {
        page.alerts.append(alertFromQuery(q));
    }
    if (!page.alerts.isEmpty() && page.alerts.size() == std::max(1, limit)) {
        const Alert &last = page.alerts.constLast();
        const bool bySeverity = sort == AlertSort::SeverityDesc || sort == AlertSort::SeverityAsc;
        page.next = PageKey { bySeverity ? static_cast<qint64>(last.severity) : last.ts,
            bySeverity ? last.ts : 0, last.id.value };
    }
    return page;
}

Result<AlertPage> PgStore::alerts(
    const AlertFilter &filter, AlertSort sort, int limit, const std::optional<PageKey> &after)
{
    return runPageQuery(filter, sort, limit, after, std::nullopt);
}

Result<AlertPage> PgStore::alertsAt(
    const AlertFilter &filter, AlertSort sort, qint64 offset, int limit)
{
    return runPageQuery(filter, sort, limit, std::nullopt, offset);
}

Result<qint64> PgStore::countAlerts(const AlertFilter &filter)
{
    const Where w = whereFor(filter);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(u"SELECT count(*) FROM alerts"_s + w.sql())) {
        return Result<qint64>::failure(errorText(q));
    }
    bindAll(q, w.values);
    if (!q.exec() || !q.next()) {
        return Result<qint64>::failure(errorText(q));
    }
    return q.value(0).toLongLong();
}

Result<Alert> PgStore::alert(Core::AlertId id)
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

Status PgStore::maintain()
{
    // Autovacuum keeps statistics; nothing to do per client.
    return Ok {};
}

Result<QList<Core::AlertEvent>> PgStore::alertEvents(Core::AlertId id)
{
    return readAlertEvents(m_db, id);
}

Result<StoreStats> PgStore::stats()
{
    return readStats(m_db);
}

Result<QList<QuarantineEntry>> PgStore::quarantinePage(int limit, qint64 beforeId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT id, received, feed, source, reason, raw FROM quarantine"_s
        + (beforeId > 0 ? u" WHERE id < ?"_s : QString()) + u" ORDER BY id DESC LIMIT ?"_s);
    if (beforeId > 0) {
        q.addBindValue(beforeId);
    }
    q.addBindValue(limit > 0 ? QVariant(qint64(limit)) : nullInt()); // NULL: no limit
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

Result<QList<FeedStatus>> PgStore::feeds()
{
    return readFeeds(m_db);
}

Result<QList<ChainObservation>> PgStore::chainStatus()
{
    return readChainStatus(m_db);
}

Result<QList<ChainHistoryPoint>> PgStore::chainHistory(
    const QString &chain, const QString &node, TimestampMs since, TimestampMs until, int limit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT observed, height, block_time, lag, latency_ms FROM chain_history"
              " WHERE chain = ? AND node = ? AND observed >= ? AND observed <= ?"
              " ORDER BY observed DESC LIMIT ?"_s);
    q.addBindValue(text(chain));
    q.addBindValue(text(node));
    q.addBindValue(since);
    q.addBindValue(until);
    q.addBindValue(qint64(std::max(0, limit)));
    if (!q.exec()) {
        return Result<QList<ChainHistoryPoint>>::failure(errorText(q));
    }
    QList<ChainHistoryPoint> out;
    while (q.next()) {
        out.append({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
            q.value(3).toLongLong(), q.value(4).toInt() });
    }
    std::reverse(out.begin(), out.end());
    return out;
}

Result<DashboardData> PgStore::dashboard(
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
    q.prepare(u"SELECT bucket, severity, category, sum(n) FROM rollup_minute"
              " WHERE bucket >= ? AND bucket < ? GROUP BY bucket, severity, category"_s);
    q.addBindValue(d.from);
    q.addBindValue(to);
    if (!q.exec()) {
        return Result<DashboardData>::failure(errorText(q));
    }
    for (const QString &c : Core::allCategoryNames()) {
        d.byCategory.insert(c, 0);
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
    const qint64 riskStep = std::max(bucketMs, (to - d.from) / 96);
    double current = 0;
    qsizetype next = 0;
    for (qint64 t = d.from + riskStep; t < to; t += riskStep) {
        while (next < history->size() && history->at(next).first < t) {
            current = history->at(next++).second;
        }
        d.riskSeries.append({ t, current });
    }
    d.riskSeries.append({ to, d.risk });
    return d;
}

Result<QList<IncidentRow>> PgStore::incidentPage(const IncidentFilter &filter, IncidentSort sort,
    const IncidentPageAt &at, int limit, TimestampMs now)
{
    return m_incidents->list(filter, sort, at, limit, now);
}

Result<qint64> PgStore::countIncidents(const IncidentFilter &filter)
{
    return m_incidents->count(filter);
}

Result<IncidentDetail> PgStore::incident(Core::IncidentId id, int alertLimit, TimestampMs now)
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

Result<QList<Suppression>> PgStore::suppressions()
{
    return m_incidents->suppressions();
}

Result<IncidentChange> PgStore::changeIncident(const IncidentCommand &command)
{
    if (!m_prepared) {
        return Result<IncidentChange>::failure(Tr::tr("store is not open for writing"));
    }
    // The writer lock is taken by the Merkle log's begin() inside the change's transaction.
    auto change = m_incidents->change(command, Core::nowMs());
    if (change && !change->refused) {
        // After the commit: a separate statement outside any transaction.
        if (const Status s = notifyChange(u"incident %1"_s.arg(command.id.value)); !s) {
            qCWarning(lcStore) << "notify failed:" << s.error();
        }
    }
    return change;
}

} // namespace Lakeguard::Storage
