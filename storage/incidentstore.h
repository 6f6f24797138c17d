// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "incidentpolicy.h"
#include "incidenttypes.h"
#include "storetypes.h"

#include <QSqlDatabase>

class QSqlQuery;

namespace Lakeguard::Storage {

class MerkleLog;

// Incident reads and officer changes on one SQLite connection (docs/incidents.md). Used by
// SqliteStore on its own thread. Every change runs in its own transaction and writes exactly one
// audit entry with its leaf (kind 4), or nothing when refused.
class IncidentStore final
{
public:
    IncidentStore(QSqlDatabase db, MerkleLog *log, const Core::IncidentPolicy *policy);
    Q_DISABLE_COPY_MOVE(IncidentStore)

    // A page of the list from `at` (keyset from a neighbouring row when it is given).
    Result<QList<IncidentRow>> list(const IncidentFilter &filter, IncidentSort sort,
        const IncidentPageAt &at, int limit, Core::TimestampMs now);
    Result<qint64> count(const IncidentFilter &filter);
    // SQLite's EXPLAIN QUERY PLAN of the statements list() runs for a page, one line per step.
    Result<QStringList> explainList(
        const IncidentFilter &filter, IncidentSort sort, const IncidentPageAt &at);
    Result<IncidentDetail> detail(Core::IncidentId id, int alertLimit, Core::TimestampMs now);
    Result<QList<Suppression>> suppressions();
    // Global risk (0–100) and the riskiest entities at `now`, over open incidents.
    Result<std::pair<double, QList<EntityRisk>>> riskOverview(Core::TimestampMs now, int topN);
    Result<QList<std::pair<Core::TimestampMs, double>>> riskHistory(
        Core::TimestampMs from, Core::TimestampMs to);

    Result<IncidentChange> change(const IncidentCommand &cmd, Core::TimestampMs now);

private:
    Result<std::optional<IncidentRow>> row(Core::IncidentId id, Core::TimestampMs now);
    Status recompute(qint64 id, Core::TimestampMs now);
    Status openSetChanged(qint64 id, bool wasOpen, bool isOpen);

    QSqlDatabase m_db;
    MerkleLog *m_log;
    const Core::IncidentPolicy *m_policy;
};

// The columns of incident_audit an AuditEntry is read from, in the order auditEntryFrom() expects
// them (SELECT them first; further columns may follow).
const QString &auditColumns();
AuditEntry auditEntryFrom(const QSqlQuery &q);

// The policy for a store: $LAKEGUARD_POLICY when set, else <store>.policy.json beside a file
// store when it exists, else the built-in one. An unreadable or invalid file is an error.
Result<Core::IncidentPolicy> loadIncidentPolicy(const QString &storeLocation);

// The policy loadIncidentPolicy() applies, as its document: the file's exact bytes, or the
// built-in document, and where it came from. An evidence pack carries it (policy.json) so that a
// review weighs risk as the site did.
struct IncidentPolicyDocument
{
    // Environment: $LAKEGUARD_POLICY; BesideStore: <store>.policy.json.
    enum class Origin { BuiltIn, Environment, BesideStore };
    QByteArray bytes;
    Origin origin = Origin::BuiltIn;
    QString path; // the file read; empty for the built-in policy
};
Result<IncidentPolicyDocument> incidentPolicyDocument(const QString &storeLocation);

} // namespace Lakeguard::Storage
