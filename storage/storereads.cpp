// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storereads.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

Result<QList<Core::AlertEvent>> readAlertEvents(const QSqlDatabase &db, Core::AlertId id)
{
    using R = Result<QList<Core::AlertEvent>>;
    QSqlQuery q(db);
    q.prepare(u"SELECT id, alert_id, ts, received, feed, state, message, raw FROM alert_events"
              " WHERE alert_id = ? ORDER BY id"_s);
    q.addBindValue(id.value);
    if (!q.exec()) {
        return R::failure(q.lastError().text());
    }
    QList<Core::AlertEvent> events;
    while (q.next()) {
        Core::AlertEvent e;
        e.id = q.value(0).toLongLong();
        e.alert = Core::AlertId { q.value(1).toLongLong() };
        e.ts = q.value(2).toLongLong();
        e.received = q.value(3).toLongLong();
        e.feed = q.value(4).toString();
        e.state = q.value(5).toString();
        e.message = q.value(6).toString();
        e.raw = q.value(7).toByteArray();
        events.append(e);
    }
    return events;
}

QString alertTimeRangeSql()
{
    return u"SELECT coalesce((SELECT min(ts) FROM alerts), 0),"
           " coalesce((SELECT max(ts) FROM alerts), 0)"_s;
}

Result<StoreStats> readStats(const QSqlDatabase &db, bool fromTotals)
{
    StoreStats s;
    for (int i = 0; i < Core::kSeverityCount; ++i) {
        s.bySeverity.insert(Core::severityName(static_cast<Core::Severity>(i)), 0);
    }
    for (const QString &c : Core::allCategoryNames()) {
        s.byCategory.insert(c, 0);
    }
    for (const QString &status :
        { u"new"_s, u"acknowledged"_s, u"investigating"_s, u"resolved"_s, u"false_positive"_s }) {
        s.incidents.insert(status, 0);
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (fromTotals) {
        if (!q.exec(u"SELECT severity, category, n FROM alert_totals"_s)) {
            return Result<StoreStats>::failure(q.lastError().text());
        }
        while (q.next()) {
            const qint64 n = q.value(2).toLongLong();
            s.bySeverity[Core::severityName(Core::severityFromInt(q.value(0).toInt()))] += n;
            s.byCategory[q.value(1).toString()] += n;
            s.alerts += n;
        }
    } else {
    if (!q.exec(u"SELECT severity, count(*) FROM alerts GROUP BY severity"_s)) {
        return Result<StoreStats>::failure(q.lastError().text());
    }
    while (q.next()) {
        const qint64 n = q.value(1).toLongLong();
        s.bySeverity[Core::severityName(Core::severityFromInt(q.value(0).toInt()))] += n;
        s.alerts += n;
    }
    if (!q.exec(u"SELECT category, count(*) FROM alerts GROUP BY category"_s)) {
        return Result<StoreStats>::failure(q.lastError().text());
    }
    while (q.next()) {
        s.byCategory[q.value(0).toString()] += q.value(1).toLongLong();
    }
    }
    if (!q.exec(alertTimeRangeSql()) || !q.next()) {
        return Result<StoreStats>::failure(q.lastError().text());
    }
    s.oldest = q.value(0).toLongLong();
    s.newest = q.value(1).toLongLong();
    if (!q.exec(u"SELECT count(*) FROM quarantine"_s) || !q.next()) {
        return Result<StoreStats>::failure(q.lastError().text());
    }
    s.quarantined = q.value(0).toLongLong();
    // SQLite keeps the counts by status (schema v10, triggers on incidents).
    if (!q.exec(fromTotals ? u"SELECT status, n FROM incident_totals"_s
                           : u"SELECT status, count(*) FROM incidents GROUP BY status"_s)) {
        return Result<StoreStats>::failure(q.lastError().text());
    }
    qint64 open = 0;
    while (q.next()) {
        const QString status = q.value(0).toString();
        const qint64 n = q.value(1).toLongLong();
        s.incidents[status] += n;
        if (status != u"resolved"_s && status != u"false_positive"_s) {
            open += n;
        }
    }
    s.incidents.insert(u"open"_s, open);
    return s;
}

Result<QList<FeedStatus>> readFeeds(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT id, type, state, received, accepted, duplicates, quarantined, skipped,"
                " bytes, last_event, updated, last_error, cursor FROM feeds ORDER BY id"_s)) {
        return Result<QList<FeedStatus>>::failure(q.lastError().text());
    }
    QList<FeedStatus> out;
    while (q.next()) {
        FeedStatus f;
        f.id = q.value(0).toString();
        f.type = q.value(1).toString();
        f.state = feedStateFromName(q.value(2).toString());
        f.received = q.value(3).toLongLong();
        f.accepted = q.value(4).toLongLong();
        f.duplicates = q.value(5).toLongLong();
        f.quarantined = q.value(6).toLongLong();
        f.skipped = q.value(7).toLongLong();
        f.bytes = q.value(8).toLongLong();
        f.lastEvent = q.value(9).toLongLong();
        f.updated = q.value(10).toLongLong();
        f.lastError = q.value(11).toString();
        f.cursor = q.value(12).toByteArray();
        out.append(f);
    }
    return out;
}

Result<QList<ChainObservation>> readChainStatus(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT chain, node, height, head_hash, block_time, observed, peers, syncing,"
                " lag, state, latency_ms, details FROM chain_status ORDER BY chain, node"_s)) {
        return Result<QList<ChainObservation>>::failure(q.lastError().text());
    }
    QList<ChainObservation> out;
    while (q.next()) {
        ChainObservation o;
        o.chain = q.value(0).toString();
        o.node = q.value(1).toString();
        o.height = q.value(2).toLongLong();
        o.headHash = q.value(3).toString();
        o.blockTime = q.value(4).toLongLong();
        o.observed = q.value(5).toLongLong();
        o.peers = q.value(6).toInt();
        o.syncing = q.value(7).toInt() != 0;
        o.lag = q.value(8).toLongLong();
        o.state = q.value(9).toString();
        o.latencyMs = q.value(10).toInt();
        o.setDetails(QJsonDocument::fromJson(q.value(11).toString().toUtf8()).object());
        out.append(o);
    }
    return out;
}

} // namespace Lakeguard::Storage
