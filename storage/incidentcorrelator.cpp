// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "incidentcorrelator.h"

#include "merklelog.h"

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
    : m_db(std::move(db))
    , m_policy(policy)
{ }

Status IncidentCorrelator::begin(Core::TimestampMs now)
{
    m_keys.clear();
    m_incidents.clear();
    m_entities.clear();
    m_suppressions.clear();
    m_suppressionPatterns.clear();
    m_maxTs = 0;
    if (!m_findKey) {
        m_findKey.emplace(m_db);
        m_findIncident.emplace(m_db);
        m_findEntity.emplace(m_db);
        const bool ok
            = m_findKey->prepare(u"SELECT k.incident, k.first_seen, k.last_seen, i.status,"
                                 " i.merged_into FROM incident_keys k"
                                 " LEFT JOIN incidents i ON i.id = k.incident WHERE k.key = ?"_s)
            && m_findIncident->prepare(
                u"SELECT severity_auto, severity_override, first_seen, last_seen, alert_count,"
                " risk_sum, risk_ref, rule, title FROM incidents WHERE id = ?"_s)
            && m_findEntity->prepare(u"SELECT risk_sum, risk_ref, alerts FROM incident_entities"
                                     " WHERE incident = ? AND entity = ?"_s);
        if (!ok) {
            return Status::failure(m_db.lastError().text());
        }
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
    QSqlQuery &q = *m_findKey;
    q.addBindValue(k);
    if (!q.exec()) {
        return Result<KeyState *>::failure(sqlError(q));
    }
    KeyState s;
    if (q.next()) {
        s.incident = q.value(0).toLongLong();
        s.first = q.value(1).toLongLong();
        s.last = q.value(2).toLongLong();
        const auto status = Core::incidentStatusFromName(q.value(3).toString());
        s.open = status && !Core::isClosed(*status) && q.value(4).isNull();
    }
    q.finish();
    return &m_keys.insert(k, s).value();
}

Result<IncidentCorrelator::Agg *> IncidentCorrelator::incident(qint64 id)
{
    auto it = m_incidents.find(id);
    if (it != m_incidents.end()) {
        return &it->second;
    }
    QSqlQuery &q = *m_findIncident;
    q.addBindValue(id);
    if (!q.exec()) {
        return Result<Agg *>::failure(sqlError(q));
    }
    if (!q.next()) {
        q.finish();
        return Result<Agg *>::failure(u"incident %1 vanished"_s.arg(id));
    }
    Agg a;
    a.severityAuto = q.value(0).toInt();
    if (!q.value(1).isNull()) {
        a.severityOverride = q.value(1).toInt();
    }
    a.severityBefore = effective(a.severityAuto, a.severityOverride);
    a.first = q.value(2).toLongLong();
    a.last = q.value(3).toLongLong();
    a.count = q.value(4).toLongLong();
    a.riskSum = q.value(5).toDouble();
    a.riskRef = q.value(6).toLongLong();
    a.rule = q.value(7).toString();
    a.title = q.value(8).toString();
    q.finish();
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
    QSqlQuery &q = *m_findEntity;
    q.addBindValue(incidentId);
    q.addBindValue(text(e));
    if (!q.exec()) {
        return Result<EntityAgg *>::failure(sqlError(q));
    }
    if (q.next()) {
        agg.sum = q.value(0).toDouble();
        agg.ref = q.value(1).toLongLong();
        agg.alerts = q.value(2).toLongLong();
    }
    q.finish();
    return &m_entities.emplace(k, agg).first->second;
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
        ea->alerts += 1;
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
    QSqlQuery insert(m_db);
    QSqlQuery update(m_db);
    const bool ok
        = insert.prepare(u"INSERT INTO incidents (id, title, severity, severity_auto, category,"
                         " status, rule, entity, first_seen, last_seen, alert_count, risk_sum,"
                         " risk_ref, risk_rank, deadline, created, updated)"
                         " VALUES (?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s)
        && update.prepare(u"UPDATE incidents SET severity = ?, severity_auto = ?, first_seen = ?,"
                          " last_seen = ?, alert_count = ?, risk_sum = ?, risk_ref = ?,"
                          " risk_rank = ?, updated = ?, rule = ?, title = ? WHERE id = ?"_s);
    if (!ok) {
        return Status::failure(m_db.lastError().text());
    }
    for (const auto &[id, a] : m_incidents) {
        const int sev = effective(a.severityAuto, a.severityOverride);
        const double rank = m_policy->risk.rank(a.riskSum, a.riskRef);
        if (a.isNew) {
            insert.addBindValue(id);
            insert.addBindValue(text(a.title));
            insert.addBindValue(sev);
            insert.addBindValue(a.severityAuto);
            insert.addBindValue(text(a.category));
            insert.addBindValue(text(a.rule));
            insert.addBindValue(text(a.entity));
            insert.addBindValue(a.first);
            insert.addBindValue(a.last);
            insert.addBindValue(a.count);
            insert.addBindValue(a.riskSum);
            insert.addBindValue(a.riskRef);
            insert.addBindValue(rank);
            insert.addBindValue(a.deadline);
            insert.addBindValue(now);
            insert.addBindValue(now);
            if (!insert.exec()) {
                return Status::failure(sqlError(insert));
            }
        } else {
            update.addBindValue(sev);
            update.addBindValue(a.severityAuto);
            update.addBindValue(a.first);
            update.addBindValue(a.last);
            update.addBindValue(a.count);
            update.addBindValue(a.riskSum);
            update.addBindValue(a.riskRef);
            update.addBindValue(rank);
            update.addBindValue(now);
            update.addBindValue(text(a.rule));
            update.addBindValue(text(a.title));
            update.addBindValue(id);
            if (!update.exec()) {
                return Status::failure(sqlError(update));
            }
        }
        if (sev == int(Core::Severity::Critical) && a.severityBefore < sev && notices) {
            notices->append({ Core::IncidentId { id }, a.title, Core::Severity::Critical });
        }
    }
    if (touched) {
        *touched = int(m_incidents.size());
    }
    QSqlQuery keys(m_db);
    keys.prepare(u"INSERT INTO incident_keys (key, incident, first_seen, last_seen)"
                 " VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
                 " incident = excluded.incident, first_seen = excluded.first_seen,"
                 " last_seen = excluded.last_seen"_s);
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it) {
        if (!it->dirty) {
            continue;
        }
        keys.addBindValue(text(it.key()));
        keys.addBindValue(it->incident);
        keys.addBindValue(it->first);
        keys.addBindValue(it->last);
        if (!keys.exec()) {
            return Status::failure(sqlError(keys));
        }
    }
    QSqlQuery entities(m_db);
    entities.prepare(u"INSERT INTO incident_entities (incident, entity, risk_sum, risk_ref, alerts)"
                     " VALUES (?, ?, ?, ?, ?) ON CONFLICT (incident, entity) DO UPDATE SET"
                     " risk_sum = excluded.risk_sum, risk_ref = excluded.risk_ref,"
                     " alerts = excluded.alerts"_s);
    for (const auto &[k, e] : m_entities) {
        entities.addBindValue(k.first);
        entities.addBindValue(text(k.second));
        entities.addBindValue(e.sum);
        entities.addBindValue(e.ref);
        entities.addBindValue(e.alerts);
        if (!entities.exec()) {
            return Status::failure(sqlError(entities));
        }
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
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT risk_sum, risk_ref FROM incidents WHERE status NOT IN"
                " ('resolved', 'false_positive') AND merged_into IS NULL"_s)) {
        return Status::failure(sqlError(q));
    }
    double sum = 0;
    while (q.next()) {
        sum += policy.risk.decay(q.value(0).toDouble(), q.value(1).toLongLong(), at);
    }
    q.finish();
    q.prepare(u"INSERT INTO risk_history (bucket, risk) VALUES (?, ?)"
              " ON CONFLICT (bucket) DO UPDATE SET risk = excluded.risk"_s);
    q.addBindValue(at - at % kMinuteMs);
    q.addBindValue(policy.risk.scoreFromSum(sum));
    return q.exec() ? Status(Ok {}) : Status::failure(sqlError(q));
}

} // namespace Lakeguard::Storage
