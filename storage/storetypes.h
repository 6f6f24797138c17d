// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"
#include "incidenttypes.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <array>
#include <atomic>
#include <optional>
#include <utility>

namespace Lakeguard::Storage {

using Core::Alert;
using Core::ChainObservation;
using Core::Quarantined;
using Core::TimestampMs;

// A value or an error message (STYLE.md 10: errors at module edges are values).
template<typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    static Result failure(QString message)
    {
        Result r;
        r.m_error = std::move(message);
        return r;
    }
    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    // By value on a temporary, so `for (x : fn().value().list)` does not dangle.
    T value() && { return std::move(*m_value); }
    const T &operator*() const { return *m_value; }
    const T *operator->() const { return &*m_value; }
    const QString &error() const { return m_error; }

private:
    Result() = default;
    std::optional<T> m_value;
    QString m_error;
};

struct Ok
{};
using Status = Result<Ok>;

// What one feed hands the writer: committed in one transaction, cursor included, so a feed
// advances its source only after the alerts it read are durable (ack after commit).
struct IngestBatch
{
    QString feed;
    QString feedType;
    QList<Alert> alerts;
    QList<Quarantined> quarantined;
    QList<ChainObservation> chain;
    qint64 skipped = 0;          // valid records that are not alerts (EVE flow, stats, …)
    qint64 bytes = 0;
    std::optional<QByteArray> cursor;
    // When set, the batch commits only if the feed's stored cursor is exactly this (a feed with
    // two batches in flight: the second must not commit if the first failed).
    std::optional<QByteArray> expectedCursor;
};

struct BatchResult
{
    bool ok = false;
    QString error;
    int accepted = 0;
    int duplicates = 0;
    int updated = 0;             // stored alerts whose state changed (firing → resolved)
    int quarantined = 0;
    qint64 skipped = 0;
    qint64 lastAlertId = 0;
    // ---- Incidents (issue 6) ----
    int suppressed = 0;                        // accepted alerts a suppression rule marked
    int incidentsTouched = 0;                  // incidents created or grown by the batch
    QList<IncidentNotice> criticalIncidents;   // incidents that became critical in the batch
};

// One chain_history row for charts (docs/chains.md): kept when the height moves, else once a
// minute.
struct ChainHistoryPoint
{
    TimestampMs observed = 0;
    qint64 height = -1;
    TimestampMs blockTime = 0;   // head block time; 0 when unknown
    qint64 lag = 0;
    int latencyMs = -1;
};

enum class AlertSort { TimeDesc, TimeAsc, SeverityDesc, SeverityAsc };

struct AlertFilter
{
    std::optional<TimestampMs> since;       // inclusive
    std::optional<TimestampMs> until;       // exclusive
    std::optional<Core::Severity> minSeverity;
    QStringList categories;                 // contract words; empty = any
    QString rule;                           // exact rule id; empty = any
    QString feed;                           // feed id; empty = any
    QString search;                         // full-text (FTS5 query syntax-safe: words ANDed)
    std::optional<Core::IncidentId> incident;   // alerts of one incident (issue 6)

    friend bool operator==(const AlertFilter &, const AlertFilter &) = default;
};

// Where a page starts: the sort key of the row before it (keyset pagination).
struct PageKey
{
    qint64 primary = 0;    // ts, or severity for severity sorts
    qint64 secondary = 0;  // ts for severity sorts
    qint64 id = 0;
};

struct AlertPage
{
    QList<Alert> alerts;
    std::optional<PageKey> next;   // key of the last row, when there may be more
};

struct QuarantineEntry
{
    qint64 id = 0;
    Quarantined record;
};

enum class FeedState { Starting, Healthy, Degraded, Down, Paused, Stopped };
QString feedStateName(FeedState s);
FeedState feedStateFromName(const QString &name);

struct FeedStatus
{
    QString id;
    QString type;
    FeedState state = FeedState::Stopped;
    qint64 received = 0;
    qint64 accepted = 0;
    qint64 duplicates = 0;
    qint64 quarantined = 0;
    qint64 skipped = 0;
    qint64 bytes = 0;
    TimestampMs lastEvent = 0;     // newest event time seen
    TimestampMs updated = 0;
    QString lastError;
    QByteArray cursor;
};

struct StoreStats
{
    qint64 alerts = 0;
    QMap<QString, qint64> bySeverity;   // every severity word present, zero included
    QMap<QString, qint64> byCategory;   // every category word present, zero included
    QMap<QString, qint64> incidents;    // status → count, plus "open"
    qint64 quarantined = 0;
    TimestampMs newest = 0;
    TimestampMs oldest = 0;
};

// One time bucket of a chart: counts per severity (index = Severity value).
struct SeverityBucket
{
    TimestampMs start = 0;
    std::array<qint64, Core::kSeverityCount> counts{};
};

struct EntityRisk
{
    QString entity;
    qint64 alerts = 0;
    Core::Severity worst = Core::Severity::Info;
    double risk = 0;            // decayed severity weight (RiskModel)
};

// Everything the Dashboard draws, computed from roll-ups in one read.
struct DashboardData
{
    TimestampMs from = 0;
    TimestampMs to = 0;
    qint64 bucketMs = 0;
    QList<SeverityBucket> series;
    QMap<QString, qint64> byCategory;
    QList<EntityRisk> topEntities;
    double risk = 0;            // 0–100
    QList<std::pair<TimestampMs, double>> riskSeries;  // risk over the window
    qint64 total = 0;
    qint64 openCritical = 0;    // critical + high in the window
};

// Tunables of a store; defaults suit production (docs/tamper-evidence.md).
// Retention: what the store keeps. Unset limits keep everything. Pruning removes the oldest
// alerts in arrival (id) order, with their events and full-text rows; roll-ups, leaves and
// checkpoints stay, and a signed prune record says what went (docs/store.md, Retention).
struct RetentionPolicy
{
    std::optional<qint64> maxAgeMs;    // by `received`: alerts stored longer ago than this
    std::optional<qint64> maxAlerts;   // keep at most this many alerts
    bool isSet() const { return maxAgeMs.has_value() || maxAlerts.has_value(); }
};

struct PruneResult
{
    qint64 pruneId = 0;   // the prune record (0: nothing to prune)
    qint64 alerts = 0;
    qint64 events = 0;
    qint64 firstAlert = 0;
    qint64 lastAlert = 0;
};

// How much room a SQLite store takes, and how much of it holds nothing (SqliteStore::space).
struct StoreSpace
{
    qint64 fileBytes = 0; // the store's file
    qint64 logBytes = 0; // its write-ahead log beside it
    qint64 freeBytes = 0; // free pages inside the file, which compact() gives back
};

// What SqliteStore::compact() gave back (AlertStore::compact).
struct CompactResult
{
    qint64 bytesBefore = 0;
    qint64 bytesAfter = 0;
    qint64 freePagesBefore = 0; // pages inside the file that held nothing
    bool logMerged = true; // false: a reader held the write-ahead log, which stays long
};

struct StoreOptions
{
    // A signed checkpoint is written with the batch that brings the leaves not yet covered by one
    // to this many, or when the newest is older than checkpointIntervalMs (and on close).
    qint64 checkpointLeaves = 10'000;
    qint64 checkpointIntervalMs = 60'000;
    // Read-only opens only: treat the file as immutable (SQLite's `immutable=1`: no locks, no
    // -shm or -wal files, nothing written beside it), for a snapshot under review, e.g. on
    // read-only media. Chosen automatically when the store's folder cannot be written and the
    // store has no write-ahead log left to merge.
    bool immutable = false;
    // Applied by StoreWriter at start and every retentionIntervalMs.
    RetentionPolicy retention;
    qint64 retentionIntervalMs = 3'600'000;
    // Read-write opens: merge the write-ahead log into the database on the writer's thread, as
    // SQLite does by default, instead of on a thread beside it (WalCheckpointer). For the
    // benchmark's comparison.
    bool mergeLogOnWriter = false;
};

// One signed statement "the tree had `treeSize` leaves and this root at `ts`".
struct Checkpoint
{
    qint64 id = 0;
    qint64 treeSize = 0;
    QByteArray root;        // 32 bytes
    TimestampMs ts = 0;     // UTC ms
    QByteArray signature;   // 64 bytes, Ed25519 over message()
    QString keyId;          // hex SHA-256 of the raw public key

    // The exact signed bytes: "lakeguard-checkpoint/1\n<size>\n<root hex>\n<ts>\n".
    QByteArray message() const;
};

// How long one read transaction of a verification lasts: it ends after `leaves` leaves or
// `milliseconds`, whichever comes first (0: no bound). Both 0: the whole check in one. When
// `cancel` is set (from another thread), the check stops after the chunk it is in, with an error.
struct VerifySteps
{
    qint64 leaves = 0;
    qint64 milliseconds = 0;
    const std::atomic<bool> *cancel = nullptr;
};

// The steps of a check beside a running writer: the console's verifier and `lakeguard-cli
// verify`. The writer's log cannot start again from its beginning while a read is open, so it
// grows by all that is written meanwhile: a first check of 10 M leaves in one read (95 s) let it
// grow by 1.9 GB in 20 s of ingest (docs/store.md). A step reads 5,000 leaves (one chunk) and
// ends before hashing them, which leaves the writer's merge a pause; the time bound matters when
// the console's verifier, at nice 10 beside a busy writer, gets little CPU
// (WalCheckpointer::kRestartWaitMs is longer).
inline constexpr VerifySteps kVerifyBesideWriter { .leaves = 5000, .milliseconds = 100 };

// What `verify` found. `firstProblem` names the first record that breaks, in leaf order, e.g.
// "alert 1234 (leaf 17) was modified"; `problems` lists up to 100 in the order found.
struct VerifyReport
{
    bool ok = false;
    bool incremental = false;      // false also when an incremental run had no earlier state
    qint64 fromLeaf = 0;           // first leaf checked
    qint64 leavesChecked = 0;
    qint64 checkpointsChecked = 0;
    qint64 treeSize = 0;           // leaves in the store
    qint64 signedSize = 0;         // leaves covered by the newest good checkpoint
    QByteArray root;               // root over every leaf, recomputed from the records
    QString firstProblem;
    QStringList problems;
    qint64 problemCount = 0;
    std::optional<Checkpoint> latest;   // the newest checkpoint, as stored
    QString keyId;                 // the key of the newest checkpoint (else the store's key)
    QByteArray publicKeyPem;
    qint64 prunedRecords = 0;      // leaves whose record a signed prune record removed
    qint64 pruneRecords = 0;       // prune records in the store
    qint64 readTransactions = 0; // read transactions the check ran in (one, unless in steps)
    // When ok: "<checkpoint id> <frontier>" of the newest checkpoint verified, where the next
    // incremental run may start. A read-only verifier hands it to the writer to save
    // (AlertStore::saveVerifiedState).
    QString state;
};

} // namespace Lakeguard::Storage

Q_DECLARE_METATYPE(Lakeguard::Storage::BatchResult)
Q_DECLARE_METATYPE(Lakeguard::Storage::PruneResult)
Q_DECLARE_METATYPE(Lakeguard::Storage::FeedStatus)
