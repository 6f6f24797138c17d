// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "incidentpolicy.h"
#include "incidenttypes.h"
#include "openrisk.h"
#include "storetypes.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <map>
#include <memory>
#include <optional>

namespace Lakeguard::Storage {

class MerkleLog;
class PgRows;
class RowValues;

// Groups alerts into incidents inside the writer's batch transaction (docs/incidents.md), so an
// alert and the incident it joins commit together. Per batch: begin, then for each alert
// decide → insert the alert with the decision → commit (inserted) or discard (duplicate), then
// finish, which writes the incidents, their keys, per-entity risk and the global risk history. Keys
// and incidents are cached for the batch: one lookup per distinct key.
class IncidentCorrelator final
{
public:
    IncidentCorrelator(QSqlDatabase db, const Core::IncidentPolicy *policy);
    ~IncidentCorrelator();
    Q_DISABLE_COPY_MOVE(IncidentCorrelator)

    struct Decision
    {
        std::optional<qint64> incident;
        std::optional<qint64> suppression;
        bool reserved = false; // a new incident id, written only if the alert is kept
        int rule = -1; // the policy rule that chose the incident
        // (rule index, key) of every matching rule with a key, computed once per alert.
        QList<std::pair<int, QString>> keys;
    };

    Status begin(Core::TimestampMs now);
    Result<Decision> decide(const Core::Alert &a);
    void commit(const Decision &d, const Core::Alert &a);
    void discard(const Decision &d);
    // Writes what the batch changed. Opening or growing an incident follows from alerts that
    // are leaves already, so it writes no audit entry (docs/incidents.md).
    Status finish(Core::TimestampMs now, QList<IncidentNotice> *notices, int *touched);

    // After begin(), before the batch's decide() calls: reads in a few statements what those
    // calls would read one row at a time (keys, their incidents, entity risk), so a batch on a
    // server (PostgreSQL) costs a few round trips. Decisions are the same with or without it.
    Status prefetch(const QList<Core::Alert> &alerts);
    // Writes finish() with multi-row statements (PostgreSQL; SQLite keeps one row a step).
    void setMultiRowWrites(bool on) { m_multiRow = on; }

private:
    struct KeyState
    {
        qint64 incident = 0; // 0: no incident has the key
        Core::TimestampMs first = 0;
        Core::TimestampMs last = 0;
        bool open = false;
        bool dirty = false;
    };
    struct Agg
    {
        bool isNew = false;
        QString title;
        QString category;
        QString rule;
        QString entity;
        int severityAuto = 0;
        int severityBefore = -1; // effective severity before the batch
        int autoBefore = -1; // automatic severity before the batch (-1: a new incident)
        std::optional<int> severityOverride;
        Core::TimestampMs first = 0;
        Core::TimestampMs last = 0;
        qint64 count = 0;
        double riskSum = 0;
        Core::TimestampMs riskRef = 0;
        Core::TimestampMs deadline = 0;
    };
    struct EntityAgg
    {
        double sum = 0;
        Core::TimestampMs ref = 0;
        qint64 alerts = 0;
    };

    Result<KeyState *> key(const QString &k);
    Result<Agg *> incident(qint64 id);
    // An incident as stored: severity_auto, severity_override, first_seen, last_seen,
    // alert_count, risk_sum, risk_ref, rule, title from column `at` on.
    static Agg aggFrom(const RowValues &q, int at);
    Result<EntityAgg *> entity(qint64 incident, const QString &e);

    QSqlDatabase m_db;
    const Core::IncidentPolicy *m_policy;
    QList<Suppression> m_suppressions;
    QList<QRegularExpression> m_suppressionPatterns;
    QHash<QString, KeyState> m_keys;
    std::map<qint64, Agg> m_incidents;
    std::map<std::pair<qint64, QString>, EntityAgg> m_entities;
    // The batch's additions to the running risk sums over open incidents (schema v9), and the
    // incident × entity rows it creates.
    OpenRiskDelta m_openRisk;
    QList<std::pair<qint64, QString>> m_newRows;
    qint64 m_nextId = 1;
    Core::TimestampMs m_maxTs = 0;
    // One-row look-ups (PgRows: the SQLite C API on a QSQLITE connection).
    std::unique_ptr<PgRows> m_findKey;
    std::unique_ptr<PgRows> m_findIncident;
    std::unique_ptr<PgRows> m_findEntity;
    // finish()'s one-row-a-step writes on SQLite, kept prepared across batches.
    std::unique_ptr<PgRows> m_insertIncident;
    std::unique_ptr<PgRows> m_updateIncident;
    std::unique_ptr<PgRows> m_upsertKey;
    std::unique_ptr<PgRows> m_upsertEntity;
    // Rows read by prefetch(): consulted before the one-row lookups; not written back unless
    // an alert touches them (then they move into m_incidents / m_entities).
    std::map<qint64, Agg> m_incidentRows;
    std::map<std::pair<qint64, QString>, EntityAgg> m_entityRows;
    bool m_multiRow = false;
    std::unique_ptr<PgRows> m_prefetchKeys;
    std::unique_ptr<PgRows> m_prefetchIncidents;
    std::unique_ptr<PgRows> m_prefetchEntities;
    std::unique_ptr<PgRows> m_insertIncidents;
    std::unique_ptr<PgRows> m_updateIncidents;
    std::unique_ptr<PgRows> m_upsertKeys;
    std::unique_ptr<PgRows> m_upsertEntities;
};

// Appends one audit entry (and its leaf) inside the caller's transaction; returns its id.
Result<qint64> appendAudit(QSqlDatabase db, MerkleLog &log, const AuditEntry &e);

// Global risk (0–100) at `at` over open incidents, recorded in risk_history at at's minute.
Status recordGlobalRisk(QSqlDatabase db, const Core::IncidentPolicy &policy, Core::TimestampMs at);

} // namespace Lakeguard::Storage
