// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "queryservice.h"

#include "alertstore.h"

#include <QThread>
#include <QThreadStorage>
#include <QtConcurrent/QtConcurrentRun>

#include <map>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

namespace {

// One read-only connection per (pool thread, store location), opened on first use in that thread
// and closed when the thread ends.
struct ThreadConnections
{
    std::map<QString, std::unique_ptr<AlertStore>> stores;
};

QThreadStorage<ThreadConnections *> s_connections;

Result<AlertStore *> readerFor(const QString &location)
{
    if (!s_connections.hasLocalData()) {
        s_connections.setLocalData(new ThreadConnections);
    }
    ThreadConnections *c = s_connections.localData();
    auto it = c->stores.find(location);
    if (it != c->stores.end()) {
        return it->second.get();
    }
    auto created = createStore(location);
    if (!created) {
        return Result<AlertStore *>::failure(created.error());
    }
    std::unique_ptr<AlertStore> store = std::move(created.value());
    if (const Status s = store->open(AlertStore::Mode::ReadOnly); !s) {
        return Result<AlertStore *>::failure(s.error());
    }
    AlertStore *raw = store.get();
    c->stores.emplace(location, std::move(store));
    return raw;
}

template<typename T, typename Fn>
QFuture<Result<T>> runQuery(QThreadPool *pool, const QString &location, Fn fn)
{
    return QtConcurrent::run(pool, [location, fn = std::move(fn)]() -> Result<T> {
        const Result<AlertStore *> store = readerFor(location);
        if (!store) {
            return Result<T>::failure(store.error());
        }
        return fn(**store);
    });
}

} // namespace

QueryService::QueryService(QString location, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
{
    // Two readers for charts, stats, incidents and timelines, and one of its own for the alert
    // table's rows and counts: a jump in a 10 M-row table must not wait behind a dashboard.
    m_pool.setMaxThreadCount(2);
    m_rowsPool.setMaxThreadCount(1);
    // Keep threads (and so their connections) alive between queries.
    m_pool.setExpiryTimeout(-1);
    m_rowsPool.setExpiryTimeout(-1);
}

QueryService::~QueryService()
{
    waitForIdle();
}

void QueryService::waitForIdle()
{
    m_pool.waitForDone();
    m_rowsPool.waitForDone();
}

QFuture<Result<AlertPage>> QueryService::alerts(
    AlertFilter filter, AlertSort sort, int limit, std::optional<PageKey> after)
{
    return runQuery<AlertPage>(&m_rowsPool, m_location,
        [=](AlertStore &s) { return s.alerts(filter, sort, limit, after); });
}

QFuture<Result<AlertPage>> QueryService::alertsAt(
    AlertFilter filter, AlertSort sort, qint64 offset, int limit)
{
    return runQuery<AlertPage>(&m_rowsPool, m_location,
        [=](AlertStore &s) { return s.alertsAt(filter, sort, offset, limit); });
}

QFuture<Result<qint64>> QueryService::countAlerts(AlertFilter filter)
{
    return runQuery<qint64>(
        &m_rowsPool, m_location, [=](AlertStore &s) { return s.countAlerts(filter); });
}

QFuture<Result<bool>> QueryService::prepareJumps(AlertFilter filter, AlertSort sort)
{
    return runQuery<bool>(&m_rowsPool, m_location, [=](AlertStore &s) -> Result<bool> {
        if (const Status prepared = s.prepareJumps(filter, sort); !prepared) {
            return Result<bool>::failure(prepared.error());
        }
        return true;
    });
}

QFuture<Result<Alert>> QueryService::alert(Core::AlertId id)
{
    return runQuery<Alert>(&m_rowsPool, m_location, [=](AlertStore &s) { return s.alert(id); });
}

QFuture<Result<QList<Core::AlertEvent>>> QueryService::alertEvents(Core::AlertId id)
{
    return runQuery<QList<Core::AlertEvent>>(
        &m_rowsPool, m_location, [=](AlertStore &s) { return s.alertEvents(id); });
}

QFuture<Result<StoreStats>> QueryService::stats()
{
    return runQuery<StoreStats>(&m_pool, m_location, [](AlertStore &s) { return s.stats(); });
}

QFuture<Result<QList<FeedStatus>>> QueryService::feeds()
{
    return runQuery<QList<FeedStatus>>(
        &m_pool, m_location, [](AlertStore &s) { return s.feeds(); });
}

QFuture<Result<QList<ChainObservation>>> QueryService::chainStatus()
{
    return runQuery<QList<ChainObservation>>(
        &m_pool, m_location, [](AlertStore &s) { return s.chainStatus(); });
}

QFuture<Result<QList<ChainHistoryPoint>>> QueryService::chainHistory(
    QString chain, QString node, TimestampMs since, int limit, TimestampMs until)
{
    return runQuery<QList<ChainHistoryPoint>>(&m_pool, m_location,
        [=](AlertStore &s) { return s.chainHistory(chain, node, since, until, limit); });
}

QFuture<Result<QList<QuarantineEntry>>> QueryService::quarantine(int limit)
{
    return runQuery<QList<QuarantineEntry>>(
        &m_pool, m_location, [=](AlertStore &s) { return s.quarantine(limit); });
}

QFuture<Result<DashboardData>> QueryService::dashboard(
    TimestampMs from, TimestampMs to, qint64 bucketMs, int topN)
{
    return runQuery<DashboardData>(
        &m_pool, m_location, [=](AlertStore &s) { return s.dashboard(from, to, bucketMs, topN); });
}

// ---- Incidents (issue 6) ----

QFuture<Result<QList<IncidentRow>>> QueryService::incidents(
    IncidentFilter filter, IncidentSort sort, IncidentPageAt at, int limit, TimestampMs now)
{
    return runQuery<QList<IncidentRow>>(&m_pool, m_location,
        [=](AlertStore &s) { return s.incidentPage(filter, sort, at, limit, now); });
}

QFuture<Result<qint64>> QueryService::countIncidents(IncidentFilter filter)
{
    return runQuery<qint64>(
        &m_pool, m_location, [=](AlertStore &s) { return s.countIncidents(filter); });
}

QFuture<Result<IncidentDetail>> QueryService::incident(
    Core::IncidentId id, int alertLimit, TimestampMs now)
{
    return runQuery<IncidentDetail>(
        &m_pool, m_location, [=](AlertStore &s) { return s.incident(id, alertLimit, now); });
}

// ---- Timeline and as-of replay (issue 7) ----

QFuture<Result<TimelineData>> QueryService::timeline(TimelineQuery query)
{
    return runQuery<TimelineData>(
        &m_pool, m_location, [=](AlertStore &s) { return s.timeline(query); });
}

QFuture<Result<AsOfSnapshot>> QueryService::asOf(TimestampMs at, unsigned parts)
{
    return runQuery<AsOfSnapshot>(
        &m_pool, m_location, [=](AlertStore &s) { return s.asOf(at, parts); });
}

} // namespace Lakeguard::Storage
