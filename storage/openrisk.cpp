// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "openrisk.h"

#include "pgrows.h"
#include "pgschema.h"
#include "transactionguard.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

using Core::TimestampMs;

namespace {

// Rows dated more than this many half-lives after `now` (a window far in the past) make the read
// fall back to the scan: the running sum, kept at the newest row's time, would have to be grown
// back by 2^k and its rounding error with it.
constexpr double kMaxGrowthHalfLives = 16;
// Entities with rows dated after `now` are summed row by row; beyond this many, scan instead.
constexpr qsizetype kMaxLateEntities = 256;
// A removal that leaves less than this fraction of the sum leaves rounding noise: zero.
constexpr double kCancellation = 1e-12;

const QString kOpen = u"i.status NOT IN ('resolved', 'false_positive') AND i.merged_into IS NULL"_s;

// A sum known at `from` seen at `to`, in either direction (RiskModel::decay never grows).
double rebase(double sum, TimestampMs from, TimestampMs to, qint64 halfLifeMs)
{
    if (sum == 0.0 || from == to) {
        return sum;
    }
    return sum * std::exp2(-double(to - from) / double(halfLifeMs));
}

void add(OpenRiskSum &a, const OpenRiskSum &b, qint64 halfLifeMs)
{
    const TimestampMs ref = std::max(a.ref, b.ref);
    a.sum = rebase(a.sum, a.ref, ref, halfLifeMs) + rebase(b.sum, b.ref, ref, halfLifeMs);
    a.ref = ref;
    a.alerts += b.alerts;
    a.rows += b.rows;
    for (int s = 0; s < Core::kSeverityCount; ++s) {
        a.bySeverity[s] += b.bySeverity[s];
    }
}

void subtract(OpenRiskSum &a, const OpenRiskSum &b, qint64 halfLifeMs)
{
    const TimestampMs ref = std::max(a.ref, b.ref);
    const double before = rebase(a.sum, a.ref, ref, halfLifeMs);
    const double after = before - rebase(b.sum, b.ref, ref, halfLifeMs);
    a.sum = after <= before * kCancellation ? 0.0 : after;
    a.ref = ref;
    a.alerts = std::max<qint64>(0, a.alerts - b.alerts);
    a.rows -= b.rows;
    for (int s = 0; s < Core::kSeverityCount; ++s) {
        a.bySeverity[s] = std::max<qint64>(0, a.bySeverity[s] - b.bySeverity[s]);
    }
    if (a.rows <= 0) {
        a = OpenRiskSum {}; // nothing open left: no residue of rounding
    }
}

Core::Severity worstOf(const OpenRiskSum &s)
{
    for (int i = Core::kSeverityCount - 1; i > 0; --i) {
        if (s.bySeverity[i] > 0) {
            return Core::severityFromInt(i);
        }
    }
    return Core::Severity::Info;
}

const QString kEntityColumns
    = u"entity, risk_sum, risk_ref, risk_rank, alerts, incidents, sev0, sev1, sev2, sev3, sev4"_s;
constexpr int kEntityColumnCount = 11;

// Q: QSqlQuery or RowValues (PgRows).
template<typename Q>
OpenRiskSum sumFrom(const Q &q, int at)
{
    OpenRiskSum s;
    s.sum = q.value(at).toDouble();
    s.ref = q.value(at + 1).toLongLong();
    s.alerts = q.value(at + 3).toLongLong();
    s.rows = q.value(at + 4).toLongLong();
    for (int i = 0; i < Core::kSeverityCount; ++i) {
        s.bySeverity[i] = q.value(at + 5 + i).toLongLong();
    }
    return s;
}

void appendRow(
    QVariantList &values, const QString &entity, const OpenRiskSum &s, const Core::RiskModel &model)
{
    values << entity << s.sum << s.ref << model.rank(s.sum, s.ref) << s.alerts << s.rows;
    for (int i = 0; i < Core::kSeverityCount; ++i) {
        values << s.bySeverity[i];
    }
}

std::unique_ptr<PgRows> upsertEntities()
{
    return std::make_unique<PgRows>(
        u"INSERT INTO entity_risk ("_s + kEntityColumns + u") VALUES "_s,
        u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s, kEntityColumnCount,
        u" ON CONFLICT (entity) DO UPDATE SET risk_sum = excluded.risk_sum,"
        " risk_ref = excluded.risk_ref, risk_rank = excluded.risk_rank,"
        " alerts = excluded.alerts, incidents = excluded.incidents, sev0 = excluded.sev0,"
        " sev1 = excluded.sev1, sev2 = excluded.sev2, sev3 = excluded.sev3,"
        " sev4 = excluded.sev4"_s);
}

std::unique_ptr<PgRows> selectEntities()
{
    return std::make_unique<PgRows>(
        u"SELECT "_s + kEntityColumns + u" FROM entity_risk WHERE entity IN ("_s, u"?"_s, 1,
        u")"_s);
}

std::unique_ptr<PgRows> deleteEntities()
{
    return std::make_unique<PgRows>(
        u"DELETE FROM entity_risk WHERE entity IN ("_s, u"?"_s, 1, u")"_s);
}

Status writeEntities(QSqlDatabase db, const std::map<QString, OpenRiskSum> &sums,
    const Core::RiskModel &model, PgRows &upsert, PgRows &remove)
{
    QVariantList upserts;
    QVariantList deletes;
    for (const auto &[entity, s] : sums) {
        if (s.rows > 0) {
            appendRow(upserts, entity, s, model);
        } else {
            deletes << entity;
        }
    }
    if (const Status s = upsert.run(db, upserts); !s) {
        return s;
    }
    return remove.run(db, deletes);
}

Status writeEntities(
    QSqlDatabase db, const std::map<QString, OpenRiskSum> &sums, const Core::RiskModel &model)
{
    return writeEntities(db, sums, model, *upsertEntities(), *deleteEntities());
}

Result<std::map<QString, OpenRiskSum>> readEntities(
    QSqlDatabase db, const QVariantList &entities, PgRows &select)
{
    std::map<QString, OpenRiskSum> out;
    const Status s = select.run(
        db, entities, [&out](const RowValues &q) { out[q.value(0).toString()] = sumFrom(q, 1); });
    if (!s) {
        return Result<std::map<QString, OpenRiskSum>>::failure(s.error());
    }
    return out;
}

Result<std::map<QString, OpenRiskSum>> readEntities(QSqlDatabase db, const QVariantList &entities)
{
    return readEntities(db, entities, *selectEntities());
}

Result<OpenRiskSum> readTotal(QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT risk_sum, risk_ref, alerts, incidents FROM risk_total WHERE id = 1"_s)) {
        return Result<OpenRiskSum>::failure(q.lastError().text());
    }
    OpenRiskSum s;
    if (q.next()) {
        s.sum = q.value(0).toDouble();
        s.ref = q.value(1).toLongLong();
        s.alerts = q.value(2).toLongLong();
        s.rows = q.value(3).toLongLong();
    }
    return s;
}

Status writeTotal(QSqlDatabase db, const OpenRiskSum &s, std::optional<qint64> halfLifeMs = {})
{
    QSqlQuery q(db);
    q.prepare(halfLifeMs
            ? u"INSERT INTO risk_total (id, risk_sum, risk_ref, alerts, incidents, half_life)"
              " VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
              " risk_sum = excluded.risk_sum, risk_ref = excluded.risk_ref,"
              " alerts = excluded.alerts, incidents = excluded.incidents,"
              " half_life = excluded.half_life"_s
            : u"UPDATE risk_total SET risk_sum = ?, risk_ref = ?, alerts = ?, incidents = ?"
              " WHERE id = 1"_s);
    q.addBindValue(s.sum);
    q.addBindValue(s.ref);
    q.addBindValue(s.alerts);
    q.addBindValue(s.rows);
    if (halfLifeMs) {
        q.addBindValue(*halfLifeMs);
    }
    return q.exec() ? Status(Ok {}) : Status::failure(q.lastError().text());
}

// One open incident × entity row as a running sum of its own.
OpenRiskSum rowSum(double sum, TimestampMs ref, qint64 alerts, int severity)
{
    OpenRiskSum s;
    s.sum = sum;
    s.ref = ref;
    s.alerts = alerts;
    s.rows = 1;
    s.bySeverity[std::clamp(severity, 0, Core::kSeverityCount - 1)] = 1;
    return s;
}

} // namespace

struct OpenRiskDelta::Statements
{
    QString connection; // the statements belong to one connection
    std::unique_ptr<PgRows> select = selectEntities();
    std::unique_ptr<PgRows> upsert = upsertEntities();
    std::unique_ptr<PgRows> remove = deleteEntities();
};

OpenRiskDelta::OpenRiskDelta() = default;
OpenRiskDelta::~OpenRiskDelta() = default;

void OpenRiskDelta::addWeight(
    const QString &entity, double weight, TimestampMs ts, const Core::RiskModel &model)
{
    OpenRiskSum one;
    one.sum = weight;
    one.ref = ts;
    one.alerts = 1;
    add(m_entities[entity], one, model.halfLifeMs);
    add(m_total, one, model.halfLifeMs);
}

void OpenRiskDelta::addRow(const QString &entity, int severity)
{
    OpenRiskSum &e = m_entities[entity];
    e.rows += 1;
    e.bySeverity[std::clamp(severity, 0, Core::kSeverityCount - 1)] += 1;
    m_total.rows += 1;
}

void OpenRiskDelta::moveRow(const QString &entity, int fromSeverity, int toSeverity)
{
    OpenRiskSum &e = m_entities[entity];
    e.bySeverity[std::clamp(fromSeverity, 0, Core::kSeverityCount - 1)] -= 1;
    e.bySeverity[std::clamp(toSeverity, 0, Core::kSeverityCount - 1)] += 1;
}

void OpenRiskDelta::clear()
{
    m_entities.clear();
    m_total = {};
}

Status OpenRiskDelta::apply(QSqlDatabase db, const Core::RiskModel &model)
{
    if (m_entities.empty()) {
        return Ok {};
    }
    if (!m_statements || m_statements->connection != db.connectionName()) {
        m_statements = std::make_unique<Statements>();
        m_statements->connection = db.connectionName();
    }
    QVariantList names;
    for (const auto &[entity, delta] : m_entities) {
        names << entity;
    }
    auto stored = readEntities(db, names, *m_statements->select);
    if (!stored) {
        return Status::failure(stored.error());
    }
    std::map<QString, OpenRiskSum> &sums = stored.value();
    for (const auto &[entity, delta] : m_entities) {
        OpenRiskSum &s = sums[entity];
        add(s, delta, model.halfLifeMs);
        for (qint64 &n : s.bySeverity) {
            n = std::max<qint64>(0, n);
        }
    }
    if (const Status s
        = writeEntities(db, sums, model, *m_statements->upsert, *m_statements->remove);
        !s) {
        return s;
    }
    auto total = readTotal(db);
    if (!total) {
        return Status::failure(total.error());
    }
    add(total.value(), m_total, model.halfLifeMs);
    return writeTotal(db, total.value());
}

Status applyIncidentRisk(QSqlDatabase db, const Core::RiskModel &model, qint64 incident, int sign)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT e.entity, e.risk_sum, e.risk_ref, e.alerts, i.severity_auto"
              " FROM incident_entities e JOIN incidents i ON i.id = e.incident"
              " WHERE e.incident = ?"_s);
    q.addBindValue(incident);
    if (!q.exec()) {
        return Status::failure(q.lastError().text());
    }
    std::map<QString, OpenRiskSum> rows;
    QVariantList names;
    while (q.next()) {
        const QString entity = q.value(0).toString();
        rows[entity] = rowSum(q.value(1).toDouble(), q.value(2).toLongLong(),
            q.value(3).toLongLong(), q.value(4).toInt());
        names << entity;
    }
    q.finish();
    if (rows.empty()) {
        return Ok {};
    }
    auto stored = readEntities(db, names);
    if (!stored) {
        return Status::failure(stored.error());
    }
    auto total = readTotal(db);
    if (!total) {
        return Status::failure(total.error());
    }
    std::map<QString, OpenRiskSum> &sums = stored.value();
    for (const auto &[entity, row] : rows) {
        OpenRiskSum &s = sums[entity];
        if (sign > 0) {
            add(s, row, model.halfLifeMs);
            add(total.value(), row, model.halfLifeMs);
        } else {
            subtract(s, row, model.halfLifeMs);
            subtract(total.value(), row, model.halfLifeMs);
        }
    }
    if (const Status s = writeEntities(db, sums, model); !s) {
        return s;
    }
    return writeTotal(db, total.value());
}

Status recomputeIncidentEntities(QSqlDatabase db, const Core::RiskModel &model, qint64 incident)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT incident, entity, severity, ts FROM alerts WHERE "_s
        + (incident > 0 ? u"incident = ?"_s : u"incident IS NOT NULL"_s)
        + u" ORDER BY incident, ts, id"_s);
    if (incident > 0) {
        q.addBindValue(incident);
    }
    if (!q.exec()) {
        return Status::failure(q.lastError().text());
    }
    struct Sum
    {
        double sum = 0;
        TimestampMs ref = 0;
        qint64 alerts = 0;
    };
    std::map<std::pair<qint64, QString>, Sum> sums;
    while (q.next()) {
        const QString entity = q.value(1).toString();
        const TimestampMs ts = q.value(3).toLongLong();
        Sum &e = sums[{ q.value(0).toLongLong(), entity }];
        if (e.alerts == 0) {
            e.ref = ts;
        }
        e.sum = model.accumulate(e.sum, &e.ref,
            model.alertWeight(Core::severityFromInt(q.value(2).toInt()), entity), ts);
        ++e.alerts;
    }
    q.finish();
    QSqlQuery u(db);
    u.prepare(incident > 0 ? u"DELETE FROM incident_entities WHERE incident = ?"_s
                           : u"DELETE FROM incident_entities"_s);
    if (incident > 0) {
        u.addBindValue(incident);
    }
    if (!u.exec()) {
        return Status::failure(u.lastError().text());
    }
    u.prepare(u"INSERT INTO incident_entities (incident, entity, risk_sum, risk_ref, alerts)"
              " VALUES (?, ?, ?, ?, ?)"_s);
    for (const auto &[key, e] : sums) {
        u.addBindValue(key.first);
        u.addBindValue(key.second);
        u.addBindValue(e.sum);
        u.addBindValue(e.ref);
        u.addBindValue(e.alerts);
        if (!u.exec()) {
            return Status::failure(u.lastError().text());
        }
    }
    return Ok {};
}

Status rebuildOpenRisk(QSqlDatabase db, const Core::RiskModel &model)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"DELETE FROM entity_risk"_s)) {
        return Status::failure(q.lastError().text());
    }
    if (!q.exec(u"SELECT e.entity, e.risk_sum, e.risk_ref, e.alerts, i.severity_auto"
                " FROM incident_entities e JOIN incidents i ON i.id = e.incident WHERE "_s
            + kOpen)) {
        return Status::failure(q.lastError().text());
    }
    std::map<QString, OpenRiskSum> sums;
    OpenRiskSum total;
    while (q.next()) {
        const OpenRiskSum row = rowSum(q.value(1).toDouble(), q.value(2).toLongLong(),
            q.value(3).toLongLong(), q.value(4).toInt());
        add(sums[q.value(0).toString()], row, model.halfLifeMs);
        add(total, row, model.halfLifeMs);
    }
    q.finish();
    if (const Status s = writeEntities(db, sums, model); !s) {
        return s;
    }
    return writeTotal(db, total, model.halfLifeMs);
}

Status ensureOpenRisk(QSqlDatabase db, const Core::RiskModel &model)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT half_life FROM risk_total WHERE id = 1"_s)) {
        return Status::failure(q.lastError().text());
    }
    if (q.next() && q.value(0).toLongLong() == model.halfLifeMs) {
        return Ok {};
    }
    q.finish();
    if (!db.transaction()) {
        return Status::failure(db.lastError().text());
    }
    TransactionGuard rollback { db };
    if (db.driverName() == u"QPSQL"_s
        && !q.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(kPgWriterLock))) {
        return Status::failure(q.lastError().text());
    }
    if (const Status s = rebuildOpenRisk(db, model); !s) {
        return s;
    }
    if (!db.commit()) {
        return Status::failure(db.lastError().text());
    }
    rollback.armed = false;
    return Ok {};
}

Result<std::optional<std::pair<double, QList<EntityRisk>>>> readOpenRisk(
    QSqlDatabase db, const Core::RiskModel &model, TimestampMs now, int topN)
{
    using Overview = std::pair<double, QList<EntityRisk>>;
    using R = Result<std::optional<Overview>>;
    const qint64 h = model.halfLifeMs;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT risk_sum, risk_ref, half_life FROM risk_total WHERE id = 1"_s)) {
        return R::failure(q.lastError().text());
    }
    if (!q.next() || q.value(2).toLongLong() != h) {
        return std::optional<Overview>();
    }
    const double totalSum = q.value(0).toDouble();
    const TimestampMs totalRef = q.value(1).toLongLong();
    q.finish();
    if (double(totalRef - now) > kMaxGrowthHalfLives * double(h)) {
        return std::optional<Overview>();
    }
    // Rows dated after `now` count undecayed (RiskModel::decay never grows a sum): their
    // entities are summed row by row, and the total loses what growing them back added.
    QSet<QString> late;
    if (totalRef > now) {
        q.prepare(u"SELECT entity FROM entity_risk WHERE risk_ref > ?"_s);
        q.addBindValue(now);
        if (!q.exec()) {
            return R::failure(q.lastError().text());
        }
        while (q.next()) {
            late.insert(q.value(0).toString());
        }
        q.finish();
        if (late.size() > kMaxLateEntities) {
            return std::optional<Overview>();
        }
    }
    QHash<QString, EntityRisk> exact;
    double correction = 0;
    if (!late.isEmpty()) {
        q.prepare(u"SELECT e.risk_sum, e.risk_ref, e.alerts, i.severity_auto"
                  " FROM incident_entities e JOIN incidents i ON i.id = e.incident"
                  " WHERE e.entity = ? AND "_s
            + kOpen);
        for (const QString &entity : std::as_const(late)) {
            q.addBindValue(entity);
            if (!q.exec()) {
                return R::failure(q.lastError().text());
            }
            EntityRisk e;
            e.entity = entity;
            while (q.next()) {
                const double sum = q.value(0).toDouble();
                const TimestampMs ref = q.value(1).toLongLong();
                const double s = model.decay(sum, ref, now);
                correction += rebase(sum, ref, now, h) - s;
                e.risk += s;
                e.alerts += q.value(2).toLongLong();
                e.worst = std::max(e.worst, Core::severityFromInt(q.value(3).toInt()));
            }
            exact.insert(entity, e);
        }
    }
    const double total = std::max(0.0, rebase(totalSum, totalRef, now, h) - correction);

    const int wanted = std::max(0, topN);
    q.prepare(u"SELECT "_s + kEntityColumns
        + u" FROM entity_risk WHERE entity <> '' ORDER BY risk_rank DESC, entity LIMIT ?"_s);
    q.addBindValue(wanted + int(late.size()));
    if (!q.exec()) {
        return R::failure(q.lastError().text());
    }
    QList<EntityRisk> ranked;
    while (q.next()) {
        const QString entity = q.value(0).toString();
        if (const auto it = exact.constFind(entity); it != exact.constEnd()) {
            ranked.append(*it);
            continue;
        }
        const OpenRiskSum s = sumFrom(q, 1);
        EntityRisk e;
        e.entity = entity;
        e.risk = model.decay(s.sum, s.ref, now);
        e.alerts = s.alerts;
        e.worst = worstOf(s);
        ranked.append(e);
    }
    std::sort(ranked.begin(), ranked.end(), [](const EntityRisk &a, const EntityRisk &b) {
        return a.risk != b.risk ? a.risk > b.risk : a.entity < b.entity;
    });
    if (ranked.size() > wanted) {
        ranked.resize(wanted);
    }
    return std::optional<Overview>(std::make_pair(model.scoreFromSum(total), ranked));
}

Result<std::pair<double, QList<EntityRisk>>> riskOverviewByScan(
    QSqlDatabase db, const Core::RiskModel &model, TimestampMs now, int topN)
{
    using R = Result<std::pair<double, QList<EntityRisk>>>;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT e.entity, e.risk_sum, e.risk_ref, e.alerts, i.severity_auto"
                " FROM incident_entities e JOIN incidents i ON i.id = e.incident"
                " WHERE i.status NOT IN ('resolved', 'false_positive')"
                " AND i.merged_into IS NULL"_s)) {
        return R::failure(q.lastError().text());
    }
    QHash<QString, EntityRisk> byEntity;
    double total = 0;
    while (q.next()) {
        const double s = model.decay(q.value(1).toDouble(), q.value(2).toLongLong(), now);
        total += s;
        const QString entity = q.value(0).toString();
        if (entity.isEmpty()) {
            continue;
        }
        EntityRisk &e = byEntity[entity];
        e.entity = entity;
        e.risk += s;
        e.alerts += q.value(3).toLongLong();
        e.worst = std::max(e.worst, Core::severityFromInt(q.value(4).toInt()));
    }
    QList<EntityRisk> ranked = byEntity.values();
    std::sort(ranked.begin(), ranked.end(), [](const EntityRisk &a, const EntityRisk &b) {
        return a.risk != b.risk ? a.risk > b.risk : a.entity < b.entity;
    });
    if (ranked.size() > topN) {
        ranked.resize(std::max(0, topN));
    }
    return std::make_pair(model.scoreFromSum(total), ranked);
}

} // namespace Lakeguard::Storage
