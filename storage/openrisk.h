// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "riskmodel.h"
#include "storetypes.h"

#include <QHash>
#include <QSqlDatabase>

#include <array>
#include <map>
#include <memory>

namespace Lakeguard::Storage {

// Running risk sums over open incidents (schema v9, docs/risk-model.md "Reading the overview
// without a scan"): `entity_risk` holds per entity the sum of its open incident_entities rows
// rescaled to one reference time, their alert count, how many open rows it has and how many of
// them belong to an incident of each automatic severity; `risk_total` holds the sum over every
// open row and the half-life the sums were combined with. Every change to an open incident's
// incident_entities rows, and every incident that leaves or re-enters the open set, updates them
// in the same transaction.

// One running sum: Σ contributions known at `ref`, over `rows` open incident × entity rows.
struct OpenRiskSum
{
    double sum = 0;
    Core::TimestampMs ref = 0;
    qint64 alerts = 0;
    qint64 rows = 0;
    std::array<qint64, Core::kSeverityCount> bySeverity {}; // open rows per incident severity
};

// What one writer batch adds (IncidentCorrelator): alert weights per entity, open rows that
// appear, and rows whose incident's automatic severity changed.
class OpenRiskDelta final
{
public:
    void addWeight(
        const QString &entity, double weight, Core::TimestampMs ts, const Core::RiskModel &model);
    void addRow(const QString &entity, int severity);
    void moveRow(const QString &entity, int fromSeverity, int toSeverity);
    bool isEmpty() const { return m_entities.empty(); }
    void clear();
    // Adds the batch to entity_risk and risk_total (a few multi-row statements, prepared once
    // per delta object and connection).
    Status apply(QSqlDatabase db, const Core::RiskModel &model);

    OpenRiskDelta();
    ~OpenRiskDelta();
    Q_DISABLE_COPY_MOVE(OpenRiskDelta)

private:
    struct Statements;
    std::unique_ptr<Statements> m_statements;
    std::map<QString, OpenRiskSum> m_entities; // rows and bySeverity may be negative (moves)
    OpenRiskSum m_total;
};

// Adds (sign +1) or removes (sign −1) every incident_entities row of one incident, which the
// caller knows is open (before it closes, or after it opened).
Status applyIncidentRisk(QSqlDatabase db, const Core::RiskModel &model, qint64 incident, int sign);

// Rewrites incident_entities (each incident's risk per entity) from the alerts, as the correlator
// accumulates it: for one incident, or for every one when `incident` is 0. The caller's
// transaction; entity_risk and risk_total are not touched.
Status recomputeIncidentEntities(QSqlDatabase db, const Core::RiskModel &model, qint64 incident);

// Refills entity_risk and risk_total from the open incidents (the caller's transaction).
Status rebuildOpenRisk(QSqlDatabase db, const Core::RiskModel &model);
// Rebuilds when the sums were combined with another half-life, or never (migration 9, a store
// copied by `migrate`): run when a store opens read-write. Own transaction when rebuilding.
Status ensureOpenRisk(QSqlDatabase db, const Core::RiskModel &model);

// The global risk (0–100) and the topN entities at `now` from the running sums, or nothing when
// they cannot answer exactly (not built with this half-life, or rows dated far after `now`):
// the caller then scans (riskOverviewByScan).
Result<std::optional<std::pair<double, QList<EntityRisk>>>> readOpenRisk(
    QSqlDatabase db, const Core::RiskModel &model, Core::TimestampMs now, int topN);

// The definition: every open incident_entities row decayed to `now` and summed. The reference
// the running sums are tested against, and the fallback of readOpenRisk.
Result<std::pair<double, QList<EntityRisk>>> riskOverviewByScan(
    QSqlDatabase db, const Core::RiskModel &model, Core::TimestampMs now, int topN);

} // namespace Lakeguard::Storage
