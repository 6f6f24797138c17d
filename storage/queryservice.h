// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"
#include "timelinetypes.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>

#include <limits>

namespace Lakeguard::Storage {

// Read queries off the caller's thread: each runs on a small private pool whose threads each
// hold their own read-only connection (alert rows on a thread of their own, so a page never
// waits behind a dashboard). Widgets call these and continue with
// `Core::whenFinished(future, this, …)` on the GUI thread; they never touch a database themselves.
class QueryService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueryService)

public:
    explicit QueryService(QString location, QObject *parent = nullptr);
    ~QueryService() override;

    QString location() const { return m_location; }

    QFuture<Result<AlertPage>> alerts(
        AlertFilter filter, AlertSort sort, int limit, std::optional<PageKey> after);
    QFuture<Result<AlertPage>> alertsAt(
        AlertFilter filter, AlertSort sort, qint64 offset, int limit);
    QFuture<Result<qint64>> countAlerts(AlertFilter filter);
    // AlertStore::prepareJumps on the alert rows' connection (the one alertsAt runs on).
    QFuture<Result<bool>> prepareJumps(AlertFilter filter, AlertSort sort);
    QFuture<Result<Alert>> alert(Core::AlertId id);
    QFuture<Result<QList<Core::AlertEvent>>> alertEvents(Core::AlertId id);
    QFuture<Result<StoreStats>> stats();
    QFuture<Result<QList<FeedStatus>>> feeds();
    QFuture<Result<QList<ChainObservation>>> chainStatus();
    // Points in [since, until] (until: the newest by default; as-of views bound it).
    QFuture<Result<QList<ChainHistoryPoint>>> chainHistory(QString chain, QString node,
        TimestampMs since, int limit, TimestampMs until = std::numeric_limits<TimestampMs>::max());
    QFuture<Result<QList<QuarantineEntry>>> quarantine(int limit);
    QFuture<Result<DashboardData>> dashboard(
        TimestampMs from, TimestampMs to, qint64 bucketMs, int topN);
    // ---- Incidents (issue 6) ----
    // A page of the Incidents list (keyset from a neighbouring row: IncidentPageAt).
    QFuture<Result<QList<IncidentRow>>> incidents(
        IncidentFilter filter, IncidentSort sort, IncidentPageAt at, int limit, TimestampMs now);
    QFuture<Result<qint64>> countIncidents(IncidentFilter filter);
    QFuture<Result<IncidentDetail>> incident(Core::IncidentId id, int alertLimit, TimestampMs now);

    // ---- Timeline and as-of replay (issue 7) ----
    QFuture<Result<TimelineData>> timeline(TimelineQuery query);
    QFuture<Result<AsOfSnapshot>> asOf(TimestampMs at, unsigned parts = AsOfAll);

    // The time range the store holds, for views that follow the data rather than the wall clock.
    QFuture<Result<StoreStats>> range() { return stats(); }

    // Blocks until every running query finished (tests, shutdown). Qt's pools end their threads
    // on that wait, so each reader's connection and caches start again afterwards.
    void waitForIdle();
    // No query is running or queued; the readers keep their threads and connections.
    bool isIdle() const
    {
        return m_pool.activeThreadCount() == 0 && m_rowsPool.activeThreadCount() == 0;
    }

private:
    QString m_location;
    QThreadPool m_pool; // everything else
    QThreadPool m_rowsPool; // alert rows, counts and details: what a person waits for in a table
};

} // namespace Lakeguard::Storage
