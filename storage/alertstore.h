// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "incidentpolicy.h"
#include "storetypes.h"
#include "timelinetypes.h"

#include <QSqlDatabase>

#include <memory>

namespace Lakeguard::Storage {

// One connection to a store. Not thread-safe: an instance is created, used and destroyed in one
// thread (one named connection per thread, STYLE.md 13). The SQLite implementation is the default;
// a PostgreSQL one implements the same interface (the dialect lives behind it).
class AlertStore
{
public:
    enum class Mode { ReadWrite, ReadOnly };

    virtual ~AlertStore() = default;

    // Opens (and, read-write, creates and migrates) the store.
    virtual Status open(Mode mode) = 0;
    virtual QString location() const = 0;
    virtual int schemaVersion() const = 0;

    // Writes one batch in one transaction: alerts deduplicated by fingerprint, quarantined records,
    // chain observations, roll-ups, full-text index, feed counters and cursor.
    virtual BatchResult writeBatch(const IngestBatch &batch) = 0;
    virtual Status setFeedState(const QString &feed, const QString &type, FeedState state,
                                const QString &lastError) = 0;

    // Tamper evidence (docs/tamper-evidence.md). Writes a signed checkpoint over every leaf when
    // some are not yet covered and one is due, or always with `force` (read-write only).
    virtual Status checkpoint(bool force) = 0;
    // Full: every record against its leaf, every checkpoint's root and signature. Incremental:
    // only what was added since the last successful verification. A failure to run is an error;
    // a store that fails the check is a report with ok == false naming the first broken record.
    Result<VerifyReport> verify(bool incremental) { return verifyInSteps(incremental, {}); }
    // The same, with the leaves read in steps of one read transaction each (VerifySteps). One
    // long read keeps SQLite from starting its write-ahead log again while a writer goes on, so
    // the log grows by everything written meanwhile: the console's verifier, which runs beside
    // the writer, reads in steps. Later steps see what was added since the first.
    virtual Result<VerifyReport> verifyInSteps(bool incremental, VerifySteps steps) = 0;
    // Read-write only: saves where the next incremental verification starts (VerifyReport::state
    // of a successful run, typically the console's read-only verifier), so the next console or
    // `verify` checks only what came after it. A state that names no stored checkpoint is
    // refused; an older one than the saved state is ignored.
    virtual Status saveVerifiedState(const QString &state)
    {
        Q_UNUSED(state);
        return Status::failure(QStringLiteral("this store cannot save a verification state"));
    }
    // The newest signed checkpoint's id, 0 when there is none (to decide whether to verify again).
    virtual Result<qint64> latestCheckpointId()
    {
        return Result<qint64>::failure(QStringLiteral("this store cannot name its checkpoint"));
    }

    virtual Result<AlertPage> alerts(const AlertFilter &filter, AlertSort sort, int limit,
                                     const std::optional<PageKey> &after) = 0;
    // Rows [offset, offset+limit) in the given order; for random jumps in a table.
    virtual Result<AlertPage> alertsAt(const AlertFilter &filter, AlertSort sort, qint64 offset,
                                       int limit) = 0;
    virtual Result<qint64> countAlerts(const AlertFilter &filter) = 0;
    // Readies what alertsAt needs for deep jumps under this filter and order, so that the first
    // jump does not pay for it (SQLite: the connection's hour index, built or brought up to
    // date). Backends with nothing to ready return Ok.
    virtual Status prepareJumps(const AlertFilter &filter, AlertSort sort)
    {
        Q_UNUSED(filter);
        Q_UNUSED(sort);
        return Ok {};
    }
    // Housekeeping a long-lived writer runs now and then and before it closes (SQLite: PRAGMA
    // optimize). Backends without any return Ok.
    virtual Status maintain() { return Ok{}; }
    // Read-write only: removes what `policy` no longer keeps, in one transaction with a signed
    // prune record and checkpoint. `now` is UTC ms.
    virtual Result<PruneResult> prune(const RetentionPolicy &policy, TimestampMs now)
    {
        Q_UNUSED(policy)
        Q_UNUSED(now)
        return Result<PruneResult>::failure(QStringLiteral("this store does not prune"));
    }
    // Read-write only: gives the file's free pages back to the file system (after a prune or a
    // migration that rebuilt a table). Holds the write lock until done.
    virtual Result<CompactResult> compact()
    {
        return Result<CompactResult>::failure(QStringLiteral(
            "this store is compacted by the database's own tools (VACUUM, autovacuum)"));
    }
    // A consistent online copy of the whole store at `target` (a new file), while writers go on.
    virtual Status backup(const QString &target)
    {
        Q_UNUSED(target);
        return Status::failure(QStringLiteral("this store cannot be backed up by Lakeguard; use "
                                              "the database's own tools"));
    }
    // What an evidence pack is cut from (evidence/evidencepack.cpp): the store's own connection
    // (read in one snapshot: records, leaves, checkpoints) and the base path of its signing key
    // (MerkleLog::privateKeyPath of it). Invalid and empty for a store without them.
    virtual QSqlDatabase database() const { return {}; }
    virtual QString signingKeyBase() const { return {}; }

    virtual Result<Alert> alert(Core::AlertId id) = 0;
    // The lifecycle states an alert took, oldest first (empty for sources without one).
    virtual Result<QList<Core::AlertEvent>> alertEvents(Core::AlertId id) = 0;

    virtual Result<StoreStats> stats() = 0;
    // Quarantined records, newest first: at most `limit` (0: all) with ids below `beforeId`
    // (0: from the newest). The last id of a page is where the next starts (keyset).
    virtual Result<QList<QuarantineEntry>> quarantinePage(int limit, qint64 beforeId) = 0;
    Result<QList<QuarantineEntry>> quarantine(int limit) { return quarantinePage(limit, 0); }
    virtual Result<QList<FeedStatus>> feeds() = 0;
    virtual Result<QList<ChainObservation>> chainStatus() = 0;
    // History of one chain node in [since, until], oldest first, at most `limit` newest points.
    virtual Result<QList<ChainHistoryPoint>> chainHistory(const QString &chain, const QString &node,
                                                          TimestampMs since, TimestampMs until,
                                                          int limit) = 0;
    // Charts over [from, to): buckets of bucketMs (a multiple of a minute), top `topN` entities.
    virtual Result<DashboardData> dashboard(TimestampMs from, TimestampMs to, qint64 bucketMs,
                                            int topN) = 0;

    // ---- Incidents (issue 6; docs/incidents.md) ----
    // Risk figures are computed at `now` (UTC ms). A page starts at `at`: keyset from a
    // neighbouring row the caller holds, else by offset (IncidentPageAt).
    virtual Result<QList<IncidentRow>> incidentPage(const IncidentFilter &filter, IncidentSort sort,
        const IncidentPageAt &at, int limit, TimestampMs now)
        = 0;
    // Rows [offset, offset+limit) of the list (limit -1: to the end).
    Result<QList<IncidentRow>> incidents(
        const IncidentFilter &filter, IncidentSort sort, int limit, qint64 offset, TimestampMs now)
    {
        IncidentPageAt at;
        at.offset = offset;
        return incidentPage(filter, sort, at, limit, now);
    }
    virtual Result<qint64> countIncidents(const IncidentFilter &filter) = 0;
    // The incident, its notes and audit trail, and its newest `alertLimit` alerts.
    virtual Result<IncidentDetail> incident(Core::IncidentId id, int alertLimit,
                                            TimestampMs now) = 0;
    virtual Result<QList<Suppression>> suppressions() = 0;
    // One officer change, one transaction, one audit entry (read-write only).
    virtual Result<IncidentChange> changeIncident(const IncidentCommand &command) = 0;
    virtual const Core::IncidentPolicy &incidentPolicy() const = 0;

    // ---- Timeline and as-of replay (issue 7; docs/timeline.md) ----
    // Counts per lane and bucket over a range, and the items themselves when few enough.
    virtual Result<TimelineData> timeline(const TimelineQuery &query)
    {
        Q_UNUSED(query);
        return Result<TimelineData>::failure(QStringLiteral("this store has no timeline"));
    }
    // Dashboard counts, incidents (replayed from the audit trail) and chain heights at `at`;
    // `parts` (AsOfPart bits) says which of the three to rebuild.
    virtual Result<AsOfSnapshot> asOf(TimestampMs at, unsigned parts = AsOfAll)
    {
        Q_UNUSED(at);
        Q_UNUSED(parts);
        return Result<AsOfSnapshot>::failure(QStringLiteral("this store cannot replay"));
    }
};

// Opens a store by location: a file path, or (later) postgresql://… . Returns the error when the
// location names a backend this build lacks.
Result<std::unique_ptr<AlertStore>> createStore(const QString &location,
                                                const StoreOptions &options = {});

// The store location per the contract: the explicit one, else $LAKEGUARD_STORE, else
// AppDataLocation/lakeguard.db.
QString resolveStoreLocation(const QString &explicitLocation);

} // namespace Lakeguard::Storage
