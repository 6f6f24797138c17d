// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alertstore.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <limits>
#include <memory>

namespace Lakeguard::Storage {

// SQLite's settings for the whole process; call it first in main(), before any connection
// opens. It turns SQLite's memory statistics off (SQLITE_CONFIG_MEMSTATUS, one of SQLite's
// recommended options): with them on, every allocation of every connection takes one
// process-wide mutex, and two writers on two files ran no faster than one (docs/store.md, "Two
// files, two writers"). The programs never read those statistics; sqlite3_memory_used() and
// sqlite3_status() report 0 without them, so `bench_gui --sqlite-heap` leaves them on. False,
// with nothing changed, once SQLite has started.
bool configureSqliteLibrary();

// The console's Store maintenance runs these on a worker thread. Each opens the SQLite store at
// `location` read-only, on a connection of its own, so the writer goes on meanwhile.
Result<StoreSpace> readStoreSpace(const QString &location);
// SQLite's online backup into `target` (which must not exist), then a read-only open of the copy
// as a check; gives the copy's size in bytes.
Result<qint64> backupStore(const QString &location, const QString &target);

// The SQLite store: WAL, one named connection per instance (so per thread), bound values only.
class MerkleLog;
class IncidentCorrelator;
class IncidentStore;
class WalCheckpointer;

class SqliteStore final : public AlertStore
{
public:
    // How often the page of a search with many matches came from the rows next to it, and how
    // often it took the walk through the whole match set instead (runPageQuery).
    struct SearchWindows
    {
        qint64 found = 0;
        qint64 missed = 0;
    };

    explicit SqliteStore(QString path, StoreOptions options = {});
    ~SqliteStore() override;
    Q_DISABLE_COPY_MOVE(SqliteStore)

    Status open(Mode mode) override;
    QString location() const override { return m_path; }
    int schemaVersion() const override { return m_schemaVersion; }
    SearchWindows searchWindows() const { return m_searchWindows; }

    BatchResult writeBatch(const IngestBatch &batch) override;
    Status setFeedState(const QString &feed, const QString &type, FeedState state,
        const QString &lastError) override;
    Status checkpoint(bool force) override;
    Result<VerifyReport> verifyInSteps(bool incremental, VerifySteps steps) override;
    Status saveVerifiedState(const QString &state) override;
    Result<qint64> latestCheckpointId() override;

    Result<AlertPage> alerts(const AlertFilter &filter, AlertSort sort, int limit,
        const std::optional<PageKey> &after) override;
    Result<AlertPage> alertsAt(
        const AlertFilter &filter, AlertSort sort, qint64 offset, int limit) override;
    Result<qint64> countAlerts(const AlertFilter &filter) override;
    Status prepareJumps(const AlertFilter &filter, AlertSort sort) override;
    // How alertsAt found its deep pages on this connection (tests and bench_gui read it).
    struct JumpStats
    {
        qint64 seeks = 0; // by the hour index or the minute counts
        qint64 offsets = 0; // by OFFSET: the index was not exact (e.g. an out-of-order prune)
        qint64 indexBuilds = 0; // whole roll-up read
        qint64 indexUpdates = 0; // only the newest hours re-read
        qint64 countBuilds = 0; // a filter's rows first counted per minute
        qint64 countUpdates = 0; // only the alerts stored since counted
        qint64 countWalks = 0; // counted further down
    };
    JumpStats jumpStats() const { return m_jumpStats; }
    Result<Alert> alert(Core::AlertId id) override;
    Status maintain() override;
    Result<PruneResult> prune(const RetentionPolicy &policy, TimestampMs now) override;
    Status backup(const QString &target) override;
    Result<CompactResult> compact() override;
    // The file's size, its log's, and the free pages inside it; read-only opens too.
    Result<StoreSpace> space();
    Result<QList<Core::AlertEvent>> alertEvents(Core::AlertId id) override;
    Result<StoreStats> stats() override;
    Result<QList<QuarantineEntry>> quarantinePage(int limit, qint64 beforeId) override;
    Result<QList<FeedStatus>> feeds() override;
    Result<QList<ChainObservation>> chainStatus() override;
    Result<QList<ChainHistoryPoint>> chainHistory(const QString &chain, const QString &node,
        TimestampMs since, TimestampMs until, int limit) override;
    Result<DashboardData> dashboard(
        TimestampMs from, TimestampMs to, qint64 bucketMs, int topN) override;

    // ---- Incidents (issue 6): storage/incidentstore.cpp does the work ----
    Result<QList<IncidentRow>> incidentPage(const IncidentFilter &filter, IncidentSort sort,
        const IncidentPageAt &at, int limit, TimestampMs now) override;
    Result<qint64> countIncidents(const IncidentFilter &filter) override;
    Result<IncidentDetail> incident(Core::IncidentId id, int alertLimit, TimestampMs now) override;
    Result<QList<Suppression>> suppressions() override;
    Result<IncidentChange> changeIncident(const IncidentCommand &command) override;
    const Core::IncidentPolicy &incidentPolicy() const override { return m_policy; }

    // ---- Timeline and as-of replay (issue 7): storage/timelinequeries.cpp does the work ----
    Result<TimelineData> timeline(const TimelineQuery &query) override;
    Result<AsOfSnapshot> asOf(TimestampMs at, unsigned parts = AsOfAll) override;

    // The schema version of the store file at `path`, read without opening it for writing:
    // 0 for a new or empty file, nullopt when it cannot be read as a store. The console uses it
    // to say that opening will migrate a large store (minutes at millions of alerts).
    static std::optional<int> storedSchemaVersion(const QString &path);
    // SQLite's EXPLAIN QUERY PLAN for the page query alerts() would run (one line per step), so
    // tests can show which index each view's query uses.
    Result<QStringList> explainAlerts(const AlertFilter &filter, AlertSort sort,
        const std::optional<PageKey> &after = std::nullopt);
    // The same for the count per minute a deep jump in a search (or by rule, or in a time range)
    // reads: from the newest down, or of the alerts after `afterId` only (those stored since).
    Result<QStringList> explainMinuteCount(const AlertFilter &filter, qint64 afterId = 0);
    // The same for the statements of a page of the Incidents view.
    Result<QStringList> explainIncidents(
        const IncidentFilter &filter, IncidentSort sort, const IncidentPageAt &at = {});

    QSqlDatabase database() const override { return m_db; }
    QString signingKeyBase() const override { return location(); }
    // Opened with SQLite's immutable=1 (see StoreOptions::immutable).
    bool isImmutable() const { return m_immutable; }

private:
    Status migrate();
    Status appendAlertEvent(qint64 alertId, const Alert &a, const QString &batchFeed);
    // A stored alert's id and state.
    struct StoredAlert
    {
        qint64 id = 0;
        QString state;
    };
    // True when `a` changed the state of the stored alert it repeats: `known`, or else the one
    // with its time and fingerprint.
    Result<bool> changeAlertState(
        const Alert &a, const QString &batchFeed, const std::optional<StoredAlert> &known);
    Result<AlertPage> runPageQuery(const AlertFilter &filter, AlertSort sort, int limit,
        const std::optional<PageKey> &after, std::optional<qint64> offset,
        QStringList *plan = nullptr);
    QString errorText(const QSqlQuery &q) const;
    // A jump deep into the alert table (alertsAt) without OFFSET walking every row before it:
    // the time bucket that holds row `offset`, and how many rows come before that bucket. Only
    // for time sorts; nullopt means use OFFSET.
    // - The filters the roll-up has (severity, category, feed) read the hourly roll-up's counts,
    //   while they count exactly what the store holds (a prune leaves them counting removed
    //   alerts).
    // - Other filters but an incident's (a search, a rule, a time range) count their own rows
    //   per minute, once a jump goes deeper than a search's window reaches (seekByCount).
    struct TimeSeek
    {
        TimestampMs bound = 0; // since (ascending) or until (descending) of the bucket
        qint64 before = 0; // rows of the order that come before the bucket
    };
    Result<std::optional<TimeSeek>> seekByTime(
        const AlertFilter &filter, AlertSort sort, qint64 offset);
    Result<std::optional<TimeSeek>> seekByHour(
        const AlertFilter &filter, AlertSort sort, qint64 offset);
    Result<std::optional<TimeSeek>> seekByCount(
        const AlertFilter &filter, AlertSort sort, qint64 offset);
    // Per connection: the prefix sums seekByHour reads, for one filter and store size. Built
    // from the hourly roll-up in one pass; while alerts only arrive (no prune), brought up to date
    // by re-reading the hours from the last indexed one on.
    struct HourIndex
    {
        AlertFilter filter;
        qint64 storeTotal = -1; // sum of alert_totals when built: any write or prune changes it
        qint64 prunes = -1; // the last prune's id when built
        bool exact = false; // the hours add up to the stored alerts
        QList<qint64> buckets; // hour starts with matching rows, ascending
        QList<qint64> prefix; // rows in the buckets before each; one more entry: the total
        qint64 firstHour = 0; // the oldest stored alert's hour, counted from the alerts
        qint64 lastBucket = 0; // the last hour read, matching or not
        qint64 lastRows = 0; // all rows of lastBucket
        qint64 unfilteredBefore = 0; // all rows of the hours before lastBucket
    };
    Status buildHourIndex(HourIndex &index);
    bool updateHourIndex(HourIndex &index);
    Status scanHourRollup(HourIndex &index, TimestampMs from, bool inclusive);
    // Per connection: one filter's matching rows, counted from the alerts up to `maxId` by
    // minute, in buckets of whole minutes that each hold about kBucketRows rows (more when one
    // minute holds more). Counted from the newest down, only as deep as a jump has needed
    // (`coveredFrom`): a jump deeper down, or one in the oldest-first order, counts on. Alerts
    // are only appended (ids grow) and their filtered columns never change, so until a prune,
    // the alerts stored since are counted and added, wherever their minutes fall.
    struct CountIndex
    {
        AlertFilter filter;
        qint64 maxId = -1; // the newest alert counted
        qint64 prunes = -1; // the last prune's id when counted
        QList<qint64> starts; // each bucket's first minute, ascending; the last one is open-ended
        QList<qint64> counts; // matching rows of each bucket
        QList<qint64> prefix; // rows in the buckets before each; one more entry: the total
        qint64 lastMinute = 0; // the newest minute counted
        // Every row from this time on is counted; the minimum once every row is.
        TimestampMs coveredFrom = std::numeric_limits<TimestampMs>::max();
        bool complete() const { return coveredFrom == std::numeric_limits<TimestampMs>::min(); }
    };
    // Adds the alerts after `afterId` (from a newer snapshot; 0: every alert) to the counts, or
    // walks down from `coveredFrom` until at least `rows` rows are counted (all of them with
    // the maximum).
    Status countAfter(CountIndex &index, qint64 afterId, QStringList *plan = nullptr);
    Status countDown(CountIndex &index, qint64 rows, QStringList *plan = nullptr);
    // The bucket that holds row `offset` of the order, from the buckets' starts and their prefix
    // sums. A bucket ends `width` ms after its start, or with width 0 where the next one starts.
    static std::optional<TimeSeek> locate(const QList<qint64> &buckets, const QList<qint64> &prefix,
        qint64 width, AlertSort sort, qint64 offset);
    HourIndex m_hourIndex;
    CountIndex m_countIndex;
    JumpStats m_jumpStats;

    QString m_path;
    StoreOptions m_options;
    std::unique_ptr<MerkleLog> m_log;
    Core::IncidentPolicy m_policy;
    std::unique_ptr<IncidentCorrelator> m_correlator; // read-write only
    std::unique_ptr<IncidentStore> m_incidents;
    QString m_connection;
    QSqlDatabase m_db;
    Mode m_mode = Mode::ReadOnly;
    bool m_immutable = false;
    int m_schemaVersion = 0;
    SearchWindows m_searchWindows;
    struct Prepared;
    std::unique_ptr<Prepared> m_prepared;
    std::unique_ptr<WalCheckpointer> m_walCheckpointer; // read-write only
};

} // namespace Lakeguard::Storage
