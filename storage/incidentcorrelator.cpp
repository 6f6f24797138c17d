// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "incidentcorrelator.h"

#include "merklelog.h"
#include "pgrows.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

namespace {

constexpr qint64 kMinuteMs = 60'000;

QString sqlError(const QSqlQuery &q)
{
    return q.lastError().text();
}

// A null QString binds as SQL NULL; the text columns are NOT NULL.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

int effective(int autoSeverity, const std::optional<int> &override)
{
    return override.value_or(autoSeverity);
}

} // namespace

IncidentCorrelator::IncidentCorrelator(QSqlDatabase db, const Core::IncidentPolicy *policy)
    : m_db(db) // QSqlDatabase is copied: Qt 6.4 gives it no move constructor
    , m_policy(policy)
{ }

IncidentCorrelator::~IncidentCorrelator() = default;

Status IncidentCorrelator::begin(Core::TimestampMs now)
{
    m_keys.clear();
    m_incidents.clear();
    m_entities.clear();
    m_suppressions.clear();
    m_suppressionPatterns.clear();
    m_incidentRows.clear();
    m_entityRows.clear();
    m_openRisk.clear();
    m_newRows.clear();
    m_maxTs = 0;
    if (!m_findKey) {
        m_findKey = std::make_unique<PgRows>(
            u"SELECT k.incident, k.first_seen, k.last_seen, i.status, i.merged_into"
            " FROM incident_keys k LEFT JOIN incidents i ON i.id = k.incident WHERE k.key = "_s,
            u"?"_s, 1);
        m_findIncident = std::make_unique<PgRows>(
            u"SELECT severity_auto, severity_override, first_seen, last_seen, alert_count,"
            " risk_sum, risk_ref, rule, title FROM incidents WHERE id = "_s,
            u"?"_s, 1);
        m_findEntity = std::make_unique<PgRows>(
            u"SELECT risk_sum, risk_ref, alerts FROM incident_entities WHERE "_s,
            u"incident = ? AND entity = ?"_s, 2);
    }
    QSqlQuery q(m_db);
    q.prepare(u"SELECT id, rule, entity, until, reason, created, actor FROM suppressions"
              " WHERE until > ? ORDER BY id"_s);
    q.addBindValue(now);
    if (!q.exec()) {
        return Status::failure(sqlError(q));
    }
    while (q.next()) {
        Suppression s;
        s.id = q.value(0).toLongLong();
        s.rule = q.value(1).toString();
        s.entity = q.value(2).toString();
        s.until = q.value(3).toLongLong();
        m_suppressions.append(s);
        m_suppressionPatterns.append(Core::globExpression(s.entity));
    }
    if (!q.exec(u"SELECT coalesce(max(id), 0) FROM incidents"_s) || !q.next()) {
        return Status::failure(sqlError(q));
    }
    m_nextId = q.value(0).toLongLong() + 1;
    return Ok {};
}

Result<IncidentCorrelator::KeyState *> IncidentCorrelator::key(const QString &k)
{
    auto it = m_keys.find(k);
    if (it != m_keys.end()) {
        return &it.value();
    }
    KeyState s;
    const Status found = m_findKey->run(m_db, { k }, [&s](const RowValues &q) {
        s.incident = q.value(0).toLongLong();
        s.first = q.value(1).toLongLong();
        s.last = q.value(2).toLongLong();
        const auto status = Core::incidentStatusFromName(q.value(3).toString());
        s.open = status && !Core::isClosed(*status) && q.value(4).isNull();
    });
    if (!found) {
        return Result<KeyState *>::failure(found.error());
    }
    return &m_keys.insert(k, s).value();
}

IncidentCorrelator::Agg IncidentCorrelator::aggFrom(const RowValues &q, int at)
{
    Agg a;
    a.severityAuto = q.value(at).toInt();
    if (!q.value(at + 1).isNull()) {
        a.severityOverride = q.value(at + 1).toInt();
    }
    a.severityBefore = effective(a.severityAuto, a.severityOverride);
    a.autoBefore = a.severityAuto;
    a.first = q.value(at + 2).toLongLong();
    a.last = q.value(at + 3).toLongLong();
    a.count = q.value(at + 4).toLongLong();
    a.riskSum = q.value(at + 5).toDouble();
    a.riskRef = q.value(at + 6).toLongLong();
    a.rule = q.value(at + 7).toString();
    a.title = q.value(at + 8).toString();
    return a;
}

Result<IncidentCorrelator::Agg *> IncidentCorrelator::incident(qint64 id)
{
    auto it = m_incidents.find(id);
    if (it != m_incidents.end()) {
        return &it->second;
    }
    if (auto row = m_incidentRows.find(id); row != m_incidentRows.end()) {
        Agg a = row->second;
        m_incidentRows.erase(row);
        return &m_incidents.emplace(id, a).first->second;
    }
    std::optional<Agg> read;
    const Status found
        = m_findIncident->run(m_db, { id }, [&read](const RowValues &q) { read = aggFrom(q, 0); });
    if (!found) {
        return Result<Agg *>::failure(found.error());
    }
    if (!read) {
        return Result<Agg *>::failure(u"incident %1 vanished"_s.arg(id));
    }
    Agg a = *read;
    return &m_incidents.emplace(id, a).first->second;
}

Result<IncidentCorrelator::EntityAgg *> IncidentCorrelator::entity(
    qint64 incidentId, const QString &e)
{
    const auto k = std::make_pair(incidentId, e);
    auto it = m_entities.find(k);
    if (it != m_entities.end()) {
        return &it->second;
    }
    EntityAgg agg;
    if (auto row = m_entityRows.find(k); row != m_entityRows.end()) {
        agg = row->second;
        m_entityRows.erase(row);
        return &m_entities.emplace(k, agg).first->second;
    }
    if (const auto inc = m_incidents.find(incidentId);
        inc != m_incidents.end() && inc->second.isNew) {
        // An incident this batch opens (a fresh id): no stored entity rows to read.
        return &m_entities.emplace(k, agg).first->second;
    }
    const Status found
        = m_findEntity->run(m_db, { incidentId, text(e) }, [&agg](const RowValues &q) {
              agg.sum = q.value(0).toDouble();
              agg.ref = q.value(1).toLongLong();
              agg.alerts = q.value(2).toLongLong();
          });
    if (!found) {
        return Result<EntityAgg *>::failure(found.error());
    }
    return &m_entities.emplace(k, agg).first->second;
}

Status IncidentCorrelator::prefetch(const QList<Core::Alert> &alerts)
{
    if (!m_prefetchKeys) {
        m_prefetchKeys = std::make_unique<PgRows>(
            u"SELECT k.key, k.incident, k.first_seen, k.last_seen, i.status, i.merged_into"
            " FROM incident_keys k LEFT JOIN incidents i ON i.id = k.incident"
            " WHERE k.key IN ("_s,
            u"?"_s, 1, u")"_s);
        m_prefetchIncidents = std::make_unique<PgRows>(
            u"SELECT id, severity_auto, severity_override, first_seen, last_seen, alert_count,"
            " risk_sum, risk_ref, rule, title FROM incidents WHERE id IN ("_s,
            u"?"_s, 1, u")"_s);
        m_prefetchEntities = std::make_unique<PgRows>(
            u"SELECT incident, entity, risk_sum, risk_ref, alerts FROM incident_entities"
            " WHERE (incident, entity) IN ("_s,
            u"(?, ?)"_s, 2, u")"_s);
    }
    // Every key a matching rule gives (decide() asks only until one finds an incident: a
    // superset here), with the entities of the alerts that carry it.
    QHash<QString, QSet<QString>> entitiesByKey;
    for (const Core::Alert &a : alerts) {
        for (const Core::CorrelationRule &rule : m_policy->rules) {
            if (!rule.matches(a)) {
                continue;
            }
            const QString k = rule.keyFor(a);
            if (!k.isEmpty() && !m_keys.contains(k)) {
                entitiesByKey[k].insert(text(a.entity));
            }
        }
    }
    if (entitiesByKey.isEmpty()) {
        return Ok {};
    }
    QVariantList values;
    values.reserve(entitiesByKey.size());
    for (auto it = entitiesByKey.cbegin(); it != entitiesByKey.cend(); ++it) {
        values << it.key();
        m_keys.insert(it.key(), KeyState {}); // not stored unless the query says otherwise
    }
    Status s = m_prefetchKeys->run(m_db, values, [this](const RowValues &q) {
        KeyState st;
        st.incident = q.value(1).toLongLong();
        st.first = q.value(2).toLongLong();
        st.last = q.value(3).toLongLong();
        const auto status = Core::incidentStatusFromName(q.value(4).toString());
        st.open = status && !Core::isClosed(*status) && q.value(5).isNull();
        m_keys.insert(q.value(0).toString(), st);
    });
    if (!s) {
        return s;
    }
    QSet<qint64> incidents;
    QSet<std::pair<qint64, QString>> pairs;
    for (auto it = entitiesByKey.cbegin(); it != entitiesByKey.cend(); ++it) {
        const KeyState &st = m_keys.value(it.key());
        if (st.incident == 0 || m_incidents.count(st.incident) > 0) {
            continue;
        }
        incidents.insert(st.incident);
        for (const QString &e : it.value()) {
            pairs.insert({ st.incident, e });
        }
    }
    values.clear();
    for (const qint64 id : std::as_const(incidents)) {
        values << id;
    }
    s = m_prefetchIncidents->run(m_db, values, [this](const RowValues &q) {
        m_incidentRows.emplace(q.value(0).toLongLong(), aggFrom(q, 1));
    });
    if (!s) {
        return s;
    }
    values.clear();
    for (const auto &[id, e] : std::as_const(pairs)) {
        values << id << e;
        if (m_entities.count({ id, e }) == 0) {
            m_entityRows.emplace(std::make_pair(id, e), EntityAgg {}); // none stored yet
        }
    }
    return m_prefetchEntities->run(m_db, values, [this](const RowValues &q) {
        m_entityRows[{ q.value(0).toLongLong(), q.value(1).toString() }]
            = EntityAgg { q.value(2).toDouble(), q.value(3).toLongLong(), q.value(4).toLongLong() };
    });
}

Result<IncidentCorrelator::Decision> IncidentCorrelator::decide(const Core::Alert &a)
{
    Decision d;
    for (qsizetype i = 0; i < m_suppressions.size(); ++i) {
        if (m_suppressions.at(i).rule == a.rule
            && m_suppressionPatterns.at(i).match(a.entity).hasMatch()) {
            d.suppression = m_suppressions.at(i).id;
            return d;
        }
    }
    for (qsizetype i = 0; i < m_policy->rules.size(); ++i) {
        const Core::CorrelationRule &rule = m_policy->rules.at(i);
        if (!rule.matches(a)) {
            continue;
        }
        QString k = rule.keyFor(a);
        if (k.isEmpty()) {
            continue;
        }
        d.keys.append({ int(i), k });
        if (d.incident) {
            continue; // found: the remaining keys are only recorded by commit()
        }
        const auto state = key(k);
        if (!state) {
            return Result<Decision>::failure(state.error());
        }
        const KeyState &s = **state;
        if (s.incident != 0 && s.open && a.ts <= s.last + rule.windowMs
            && a.ts >= s.first - rule.windowMs) {
            d.incident = s.incident;
            d.rule = int(i);
        }
    }
    if (d.incident) {
        return d;
    }
    if (!d.keys.isEmpty()) {
        d.incident = m_nextId++;
        d.reserved = true;
    }
    return d;
}

void IncidentCorrelator::discard(const Decision &d)
{
    if (d.reserved && d.incident && *d.incident == m_nextId - 1) {
        --m_nextId;
    }
}

void IncidentCorrelator::commit(const Decision &d, const Core::Alert &a)
{
    if (!d.incident) {
        return;
    }
    const qint64 id = *d.incident;
    Agg *agg = nullptr;
    if (d.reserved) {
        Agg fresh;
        fresh.isNew = true;
        if (!d.keys.isEmpty()) {
            const Core::CorrelationRule &rule = m_policy->rules.at(d.keys.first().first);
            fresh.title = rule.titleFor(a);
            fresh.rule = rule.id;
        }
        if (fresh.title.isEmpty()) {
            fresh.title = a.title.isEmpty() ? a.rule : a.title;
        }
        fresh.category = Core::categoryName(a.category);
        fresh.entity = a.entity;
        fresh.first = a.ts;
        fresh.last = a.ts;
        fresh.riskRef = a.ts;
        fresh.severityAuto = int(a.severity);
        fresh.deadline = a.ts + m_policy->deadlineMs(a.category);
        agg = &m_incidents.emplace(id, fresh).first->second;
    } else {
        const auto found = incident(id);
        if (!found) {
            return; // reported by finish: the row is re-read there
        }
        agg = *found;
        // Joined through a broader rule than the one that opened it: the incident is now what
        // that rule describes (a wave of one rule, several alerts on one entity).
        // Rules are listed from narrow to broad, so only a later rule retitles.
        qsizetype current = -1;
        for (qsizetype i = 0; i < m_policy->rules.size(); ++i) {
            if (m_policy->rules.at(i).id == agg->rule) {
                current = i;
            }
        }
        if (d.rule >= 0 && current >= 0 && d.rule > current) {
            agg->rule = m_policy->rules.at(d.rule).id;
            agg->title = m_policy->rules.at(d.rule).titleFor(a);
        }
    }
    const double weight = m_policy->risk.alertWeight(a.severity, a.entity);
    agg->count += 1;
    agg->severityAuto = std::max(agg->severityAuto, int(a.severity));
    agg->first = std::min(agg->first, a.ts);
    agg->last = std::max(agg->last, a.ts);
    agg->riskSum = m_policy->risk.accumulate(agg->riskSum, &agg->riskRef, weight, a.ts);
    m_maxTs = std::max(m_maxTs, a.ts);
    if (const auto e = entity(id, a.entity); e) {
        EntityAgg *ea = *e;
        if (ea->alerts == 0 && ea->sum == 0) {
            ea->ref = a.ts;
        }
        ea->sum = m_policy->risk.accumulate(ea->sum, &ea->ref, weight, a.ts);
        if (ea->alerts == 0) {
            m_newRows.append({ id, text(a.entity) });
        }
        ea->alerts += 1;
        // Every incident an alert joins is open (decide() only joins open ones).
        m_openRisk.addWeight(text(a.entity), weight, a.ts, m_policy->risk);
    }
    for (const auto &[rule, k] : d.keys) {
        KeyState &s = m_keys[k];
        if (s.incident != id || !s.open) {
            s = KeyState { id, a.ts, a.ts, true, true };
        } else {
            s.first = std::min(s.first, a.ts);
            s.last = std::max(s.last, a.ts);
            s.dirty = true;
        }
    }
}

Status IncidentCorrelator::finish(
    Core::TimestampMs now, QList<IncidentNotice> *notices, int *touched)
{
    if (m_incidents.empty()) {
        return Ok {};
    }
    static const QString insertHead
        = u"INSERT INTO incidents (id, title, severity, severity_auto, category,"
          " status, rule, entity, first_seen, last_seen, alert_count, risk_sum,"
          " risk_ref, risk_rank, deadline, created, updated) VALUES "_s;
    static const QString insertRow = u"(?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
    static const QString keysHead
        = u"INSERT INTO incident_keys (key, incident, first_seen, last_seen) VALUES "_s;
    static const QString keysTail
        = u" ON CONFLICT (key) DO UPDATE SET"
          " incident = excluded.incident, first_seen = excluded.first_seen,"
          " last_seen = excluded.last_seen"_s;
    static const QString entitiesHead
        = u"INSERT INTO incident_entities (incident, entity, risk_sum, risk_ref, alerts) VALUES "_s;
    static const QString entitiesTail
        = u" ON CONFLICT (incident, entity) DO UPDATE SET"
          " risk_sum = excluded.risk_sum, risk_ref = excluded.risk_ref,"
          " alerts = excluded.alerts"_s;
    QVariantList inserts;
    QVariantList updates; // severity … title, id
    for (const auto &[id, a] : m_incidents) {
        const int sev = effective(a.severityAuto, a.severityOverride);
        const double rank = m_policy->risk.rank(a.riskSum, a.riskRef);
        if (a.isNew) {
            inserts << id << text(a.title) << sev << a.severityAuto << text(a.category)
                    << text(a.rule) << text(a.entity) << a.first << a.last << a.count << a.riskSum
                    << a.riskRef << rank << a.deadline << now << now;
        } else {
            updates << sev << a.severityAuto << a.first << a.last << a.count << a.riskSum
                    << a.riskRef << rank << now << text(a.rule) << text(a.title) << id;
        }
        if (sev == int(Core::Severity::Critical) && a.severityBefore < sev && notices) {
            notices->append({ Core::IncidentId { id }, a.title, Core::Severity::Critical, a.rule });
        }
    }
    if (touched) {
        *touched = int(m_incidents.size());
    }
    QVariantList keys;
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it) {
        if (it->dirty) {
            keys << text(it.key()) << it->incident << it->first << it->last;
        }
    }
    QVariantList entities;
    for (const auto &[k, e] : m_entities) {
        entities << k.first << text(k.second) << e.sum << e.ref << e.alerts;
    }

    // Open rows the batch creates count under their incident's automatic severity; rows stored
    // before move when the batch raised it (read before the new rows are written).
    for (const auto &[id, entity] : std::as_const(m_newRows)) {
        m_openRisk.addRow(entity, m_incidents.at(id).severityAuto);
    }
    for (const auto &[id, a] : m_incidents) {
        if (a.isNew || a.autoBefore < 0 || a.autoBefore == a.severityAuto) {
            continue;
        }
        QSqlQuery q(m_db);
        q.prepare(u"SELECT entity FROM incident_entities WHERE incident = ?"_s);
        q.addBindValue(id);
        if (!q.exec()) {
            return Status::failure(sqlError(q));
        }
        while (q.next()) {
            m_openRisk.moveRow(q.value(0).toString(), a.autoBefore, a.severityAuto);
        }
    }

    Status s = Ok {};
    if (m_multiRow) {
        if (!m_insertIncidents) {
            m_insertIncidents = std::make_unique<PgRows>(insertHead, insertRow, 16);
            m_updateIncidents = std::make_unique<PgRows>(
                u"UPDATE incidents AS i SET severity = v.severity,"
                " severity_auto = v.severity_auto, first_seen = v.first_seen,"
                " last_seen = v.last_seen, alert_count = v.alert_count, risk_sum = v.risk_sum,"
                " risk_ref = v.risk_ref, risk_rank = v.risk_rank, updated = v.updated,"
                " rule = v.rule, title = v.title FROM (VALUES "_s,
                u"(?::integer, ?::integer, ?::bigint, ?::bigint, ?::bigint, ?::double precision,"
                " ?::bigint, ?::double precision, ?::bigint, ?::text, ?::text, ?::bigint)"_s,
                12,
                u") AS v (severity, severity_auto, first_seen, last_seen, alert_count, risk_sum,"
                " risk_ref, risk_rank, updated, rule, title, id) WHERE i.id = v.id"_s);
            m_upsertKeys = std::make_unique<PgRows>(keysHead, u"(?, ?, ?, ?)"_s, 4, keysTail);
            m_upsertEntities
                = std::make_unique<PgRows>(entitiesHead, u"(?, ?, ?, ?, ?)"_s, 5, entitiesTail);
        }
        s = m_insertIncidents->run(m_db, inserts);
        if (s) {
            s = m_updateIncidents->run(m_db, updates);
        }
        if (s) {
            s = m_upsertKeys->run(m_db, keys);
        }
        if (s) {
            s = m_upsertEntities->run(m_db, entities);
        }
    } else {
        // One row a statement (maxRows 1): SQLite runs them through its C API.
        if (!m_insertIncident) {
            m_insertIncident = std::make_unique<PgRows>(insertHead, insertRow, 16, QString(), 1);
            m_updateIncident = std::make_unique<PgRows>(
                u"UPDATE incidents SET severity = ?, severity_auto = ?, first_seen = ?,"
                " last_seen = ?, alert_count = ?, risk_sum = ?, risk_ref = ?,"
                " risk_rank = ?, updated = ?, rule = ?, title = ? WHERE id = ?"_s,
                QString(), 12, QString(), 1);
            m_upsertKey = std::make_unique<PgRows>(keysHead, u"(?, ?, ?, ?)"_s, 4, keysTail, 1);
            m_upsertEntity
                = std::make_unique<PgRows>(entitiesHead, u"(?, ?, ?, ?, ?)"_s, 5, entitiesTail, 1);
        }
        s = m_insertIncident->run(m_db, inserts);
        if (s) {
            s = m_updateIncident->run(m_db, updates);
        }
        if (s) {
            s = m_upsertKey->run(m_db, keys);
        }
        if (s) {
            s = m_upsertEntity->run(m_db, entities);
        }
    }
    if (s) {
        s = m_openRisk.apply(m_db, m_policy->risk);
    }
    if (!s) {
        return s;
    }
    return recordGlobalRisk(m_db, *m_policy, m_maxTs);
}

Result<qint64> appendAudit(QSqlDatabase db, MerkleLog &log, const AuditEntry &e)
{
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO incident_audit (incident, ts, actor, action, old_value, new_value,"
              " reason) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    const QVariant incident
        = e.incident ? QVariant(e.incident->value) : QVariant(QMetaType::fromType<qint64>());
    const auto text = [](const QString &s) { return s.isNull() ? u""_s : s; };
    q.addBindValue(incident);
    q.addBindValue(e.ts);
    q.addBindValue(text(e.actor));
    q.addBindValue(text(e.action));
    q.addBindValue(text(e.oldValue));
    q.addBindValue(text(e.newValue));
    q.addBindValue(text(e.reason));
    if (!q.exec()) {
        return Result<qint64>::failure(sqlError(q));
    }
    const qint64 id = q.lastInsertId().toLongLong();
    const Status s = log.append(LeafKind::IncidentAudit, id,
        { id, incident, e.ts, text(e.actor), text(e.action), text(e.oldValue), text(e.newValue),
            text(e.reason) });
    if (!s) {
        return Result<qint64>::failure(s.error());
    }
    return id;
}

Status recordGlobalRisk(QSqlDatabase db, const Core::IncidentPolicy &policy, Core::TimestampMs at)
{
    if (at <= 0) {
        return Ok {};
    }
    // The running sums (schema v9) answer in a few rows; the scan of every open incident is
    // only for when they cannot (docs/risk-model.md). Each batch records this, so the scan made
    // ingest slow down with the number of open incidents (600 alerts/s at 1 M open).
    double score = 0;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const auto running = readOpenRisk(db, policy.risk, at, 0);
    if (!running) {
        return Status::failure(running.error());
    }
    if (running.value()) {
        score = running.value()->first;
    } else {
        if (!q.exec(u"SELECT risk_sum, risk_ref FROM incidents WHERE status NOT IN"
                    " ('resolved', 'false_positive') AND merged_into IS NULL"_s)) {
            return Status::failure(sqlError(q));
        }
        double sum = 0;
        while (q.next()) {
            sum += policy.risk.decay(q.value(0).toDouble(), q.value(1).toLongLong(), at);
        }
        q.finish();
        score = policy.risk.scoreFromSum(sum);
    }
    q.prepare(u"INSERT INTO risk_history (bucket, risk) VALUES (?, ?)"
              " ON CONFLICT (bucket) DO UPDATE SET risk = excluded.risk"_s);
    q.addBindValue(at - at % kMinuteMs);
    q.addBindValue(score);
    return q.exec() ? Status(Ok {}) : Status::failure(sqlError(q));
}

} // namespace Lakeguard::Storage
