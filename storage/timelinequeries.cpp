// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinequeries.h"

#include "incidentstore.h"

#include "riskmodel.h"
#include "sqlitestatement.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

using Core::IncidentId;
using Core::IncidentStatus;
using Core::TimestampMs;

namespace {

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 3'600'000;
constexpr int kAsOfTopEntities = 10;

QString sqlError(const QSqlQuery &q)
{
    return q.lastError().text();
}

bool wants(const TimelineQuery &query, TimelineKind kind)
{
    return (query.kinds & (1u << int(kind))) != 0;
}

// One SELECT over the union of the wanted sources, with uniform columns: kind, ts, lane, sev,
// ref, alert_id, incident, title, detail, c1, c2, c3. Binds in order.
struct Union
{
    QString sql;
    QVariantList binds;
    // The same, source by source: counts run per source, so SQLite can flatten each (an
    // aggregate over a compound subquery materialises every row of it first).
    QStringList parts;
    QList<QVariantList> partBinds;
};

Union buildUnion(const TimelineQuery &query)
{
    const bool byFeed = query.lanes == TimelineLanes::ByFeed;
    Union u;
    auto add = [&u](const QString &sql, const QVariantList &binds) {
        u.parts << sql;
        u.partBinds << binds;
    };
    // Every part names its columns: parts also run alone (counts).
    const bool alerts = wants(query, TimelineKind::Alert);
    const bool chainAlerts = wants(query, TimelineKind::ChainAlert);
    if (alerts || chainAlerts) {
        QString sql = u"SELECT CASE WHEN a.source = 'chain' THEN 4 ELSE 0 END AS kind,"
                      " a.ts AS ts, %1 AS lane, a.severity AS sev, a.id AS ref, a.id AS alert_id,"
                      " a.incident AS incident, a.title AS title,"
                      " substr(a.message, 1, 2000) AS detail, a.entity AS c1, a.rule AS c2,"
                      " a.feed AS c3 FROM alerts a WHERE a.ts >= ? AND a.ts < ?"_s.arg(
                          byFeed ? u"a.feed"_s : u"a.entity"_s);
        QVariantList binds { query.from, query.to };
        if (alerts != chainAlerts) {
            sql += alerts ? u" AND a.source <> 'chain'"_s : u" AND a.source = 'chain'"_s;
        }
        if (query.incident) {
            sql += u" AND a.incident = ?"_s;
            binds << query.incident->value;
        }
        add(sql, binds);
    }
    if (wants(query, TimelineKind::AlertState)) {
        QString sql = u"SELECT 1 AS kind, e.ts AS ts, %1 AS lane, a.severity AS sev, e.id AS ref,"
                      " a.id AS alert_id, a.incident AS incident, e.state AS title,"
                      " substr(e.message, 1, 2000) AS detail, a.title AS c1, a.entity AS c2,"
                      " e.feed AS c3 FROM alert_events e JOIN alerts a ON a.id = e.alert_id"
                      " WHERE e.ts >= ? AND e.ts < ?"_s.arg(byFeed ? u"a.feed"_s : u"a.entity"_s);
        QVariantList binds { query.from, query.to };
        if (query.incident) {
            sql += u" AND a.incident = ?"_s;
            binds << query.incident->value;
        }
        add(sql, binds);
    }
    const bool changes = wants(query, TimelineKind::IncidentChange);
    const bool notes = wants(query, TimelineKind::IncidentNote);
    if (changes || notes) {
        // The lane of an audit entry: one "incidents" lane by feed, its incident's entity else.
        QString sql = u"SELECT CASE WHEN u.action = 'note' THEN 3 ELSE 2 END AS kind, u.ts AS ts,"
                      " %1 AS lane, coalesce(i.severity, 0) AS sev, u.id AS ref, NULL AS alert_id,"
                      " u.incident AS incident, u.action AS title, u.new_value AS detail,"
                      " u.actor AS c1, u.old_value AS c2, u.reason AS c3"
                      " FROM incident_audit u LEFT JOIN incidents i ON i.id = u.incident"
                      " WHERE u.ts >= ? AND u.ts < ?"_s.arg(
                          byFeed ? u"'%1'"_s.arg(kIncidentLane) : u"coalesce(i.entity, '')"_s);
        QVariantList binds { query.from, query.to };
        if (changes != notes) {
            sql += notes ? u" AND u.action = 'note'"_s : u" AND u.action <> 'note'"_s;
        }
        if (query.incident) {
            sql += u" AND u.incident = ?"_s;
            binds << query.incident->value;
        }
        add(sql, binds);
    }
    if (wants(query, TimelineKind::ChainObservation) && !query.incident) {
        add(u"SELECT 5 AS kind, h.observed AS ts, %1 AS lane, 0 AS sev, h.id AS ref,"
            " NULL AS alert_id, NULL AS incident, h.node AS title, h.chain AS detail,"
            " CAST(h.height AS TEXT) AS c1, CAST(h.lag AS TEXT) AS c2,"
            " CAST(h.latency_ms AS TEXT) AS c3"
            " FROM chain_history h WHERE h.observed >= ? AND h.observed < ?"_s.arg(
                byFeed ? u"'chain:' || h.chain"_s : u"h.node"_s),
            { query.from, query.to });
    }
    u.sql = u.parts.join(u" UNION ALL "_s);
    for (const QVariantList &b : std::as_const(u.partBinds)) {
        u.binds += b;
    }
    return u;
}

// The filters every source shares, on the union's columns.
QString outerWhere(const TimelineQuery &query, QVariantList &binds)
{
    QStringList terms;
    if (query.minSeverity) {
        terms << u"sev >= ?"_s;
        binds << int(*query.minSeverity);
    }
    const QString text = query.text.trimmed().toLower();
    if (!text.isEmpty()) {
        terms << u"instr(lower(coalesce(title, '') || ' ' || coalesce(detail, '') || ' '"
                 " || coalesce(lane, '') || ' ' || coalesce(c1, '')), ?) > 0"_s;
        binds << text;
    }
    return terms.isEmpty() ? QString() : u" WHERE "_s + terms.join(u" AND "_s);
}

void bindAll(QSqlQuery &q, const QVariantList &binds)
{
    for (const QVariant &v : binds) {
        q.addBindValue(v);
    }
}

// Counts per lane and bucket read from a roll-up table through the SQLite C API: a roll-up
// range holds tens of thousands of small rows, and QtSql's per-value QVariant plus a GROUP BY
// sort cost more than the reading itself. Rows come in primary-key order (no sort); lanes are
// looked up by their UTF-8 bytes without a copy.
class RollupCounts
{
public:
    struct Cell
    {
        qint64 count = 0;
        int worst = -1;
    };

    RollupCounts(TimestampMs from, qint64 bucketMs)
        : m_from(from)
        , m_bucketMs(bucketMs)
    { }

    // Runs `sql` (binds: from, to, and minSeverity unless -1); columns: bucket, lane,
    // severity, n.
    // False with `error` set when the statement fails.
    bool read(sqlite3 *db, const char *sql, TimestampMs from, TimestampMs to, int minSeverity,
        QString *error)
    {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
            *error = QString::fromUtf8(sqlite3_errmsg(db));
            return false;
        }
        sqlite3_bind_int64(stmt, 1, from);
        sqlite3_bind_int64(stmt, 2, to);
        if (minSeverity >= 0) {
            sqlite3_bind_int(stmt, 3, minSeverity);
        }
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            const qint64 bucket = (sqlite3_column_int64(stmt, 0) - m_from) / m_bucketMs;
            const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 1));
            const int bytes = sqlite3_column_bytes(stmt, 1);
            add(laneOf(text, bytes), bucket, sqlite3_column_int(stmt, 2),
                sqlite3_column_int64(stmt, 3));
        }
        if (rc != SQLITE_DONE) {
            *error = QString::fromUtf8(sqlite3_errmsg(db));
        }
        sqlite3_finalize(stmt);
        return rc == SQLITE_DONE;
    }

    int laneOf(const char *utf8, int bytes)
    {
        const QByteArray key = QByteArray::fromRawData(utf8 ? utf8 : "", bytes);
        const auto it = m_laneIds.constFind(key);
        if (it != m_laneIds.cend()) {
            return *it;
        }
        const int id = int(m_lanes.size());
        m_lanes << QString::fromUtf8(key);
        m_laneIds.insert(QByteArray(key.constData(), key.size()), id);
        return id;
    }

    void add(int lane, qint64 bucket, int severity, qint64 n)
    {
        Cell &c = m_cells[(qint64(lane) << 32) | quint32(bucket)];
        c.count += n;
        c.worst = std::max(c.worst, severity);
    }

    // Every (lane, bucket, count, worst) with a count above zero.
    template<typename Fn>
    void forEach(Fn fn) const
    {
        for (auto it = m_cells.cbegin(); it != m_cells.cend(); ++it) {
            if (it->count > 0) {
                fn(m_lanes.at(it.key() >> 32), qint64(quint32(it.key() & 0xffffffff)), it->count,
                    it->worst);
            }
        }
    }

private:
    TimestampMs m_from;
    qint64 m_bucketMs;
    QHash<QByteArray, int> m_laneIds;
    QStringList m_lanes;
    QHash<qint64, Cell> m_cells;
};

} // namespace

Result<TimelineData> queryTimeline(QSqlDatabase db, const TimelineQuery &query)
{
    using R = Result<TimelineData>;
    TimelineData data;
    data.query = query;
    if (query.to <= query.from || query.bucketMs <= 0) {
        return R::failure(u"empty timeline range"_s);
    }
    if ((query.to - query.from) / query.bucketMs > 100'000) {
        return R::failure(u"too many timeline buckets"_s);
    }
    const Union source = buildUnion(query);
    if (source.sql.isEmpty()) {
        return data;
    }
    QVariantList outerBinds;
    const QString where = outerWhere(query, outerBinds);

    QSqlQuery q(db);
    q.setForwardOnly(true);
    struct Raw
    {
        QString lane;
        qint64 bucket;
        qint64 count;
        int worst;
    };
    QList<Raw> raw;
    QHash<QString, qint64> laneTotals;
    // Counts per lane and bucket, source by source (the same key from two sources merges below).
    // Zoomed out over all alerts (no text or incident filter), whole periods come from the
    // roll-ups the writer keeps instead of the alerts themselves (docs/timeline.md):
    // - lanes by feed: whole minutes from the per-minute roll-up;
    // - lanes by entity, hour-aligned buckets, no severity filter: whole hours from the hourly
    //   entity roll-up; alerts without an entity (not in that roll-up) are the per-minute
    //   roll-up's total minus the entity roll-up's, bucket by bucket.
    // The rest of the range (the partial minute or hour at the end) comes from the alerts.
    sqlite3 *handle = sqliteHandle(db);
    const bool allAlerts = wants(query, TimelineKind::Alert)
        && wants(query, TimelineKind::ChainAlert) && query.text.trimmed().isEmpty()
        && !query.incident && handle != nullptr;
    const bool fromMinutes = allAlerts && query.lanes == TimelineLanes::ByFeed
        && query.bucketMs % kMinuteMs == 0 && query.from % kMinuteMs == 0;
    const bool fromHours = allAlerts && query.lanes == TimelineLanes::ByEntity && !query.minSeverity
        && query.bucketMs % kHourMs == 0 && query.from % kHourMs == 0;
    auto readCounts = [&]() {
        while (q.next()) {
            Raw r { q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                q.value(3).toInt() };
            laneTotals[r.lane] += r.count;
            data.total += r.count;
            raw.append(std::move(r));
        }
        q.finish();
    };
    auto takeCounts = [&](const RollupCounts &counts) {
        counts.forEach([&](const QString &lane, qint64 bucket, qint64 count, int worst) {
            laneTotals[lane] += count;
            data.total += count;
            raw.append({ lane, bucket, count, worst });
        });
    };
    QList<QVariantList> partBinds = source.partBinds;
    if (fromMinutes || fromHours) {
        const qint64 unit = fromMinutes ? kMinuteMs : kHourMs;
        const TimestampMs wholeTo = query.to - query.to % unit;
        // -1: no severity filter (GCC's -Wmaybe-uninitialized misfires on optional<int> here).
        const int minSeverity = query.minSeverity ? int(*query.minSeverity) : -1;
        QString error;
        RollupCounts counts(query.from, query.bucketMs);
        if (fromMinutes) {
            if (!counts.read(handle,
                    minSeverity >= 0 ? "SELECT bucket, feed, severity, n FROM rollup_minute"
                                       " WHERE bucket >= ?1 AND bucket < ?2 AND severity >= ?3"
                                     : "SELECT bucket, feed, severity, n FROM rollup_minute"
                                       " WHERE bucket >= ?1 AND bucket < ?2",
                    query.from, wholeTo, minSeverity, &error)) {
                return R::failure(error);
            }
        } else {
            if (!counts.read(handle,
                    "SELECT bucket, entity, worst, n FROM rollup_entity_hour"
                    " WHERE bucket >= ?1 AND bucket < ?2",
                    query.from, wholeTo, -1, &error)) {
                return R::failure(error);
            }
            // All alerts per bucket (lane ""), less what the entities hold: the rest had none.
            RollupCounts all(query.from, query.bucketMs);
            if (!all.read(handle,
                    "SELECT bucket, '', severity, n FROM rollup_minute"
                    " WHERE bucket >= ?1 AND bucket < ?2",
                    query.from, wholeTo, -1, &error)) {
                return R::failure(error);
            }
            QHash<qint64, qint64> withEntity;
            counts.forEach([&](const QString &, qint64 bucket, qint64 count, int) {
                withEntity[bucket] += count;
            });
            const int noEntity = counts.laneOf("", 0);
            all.forEach([&](const QString &, qint64 bucket, qint64 count, int worst) {
                const qint64 rest = count - withEntity.value(bucket);
                if (rest > 0) {
                    counts.add(noEntity, bucket, worst, rest);
                }
            });
        }
        takeCounts(counts);
        partBinds[0][0] = wholeTo; // the alerts part (first) covers [wholeTo, to) only
    }
    for (qsizetype part = 0; part < source.parts.size(); ++part) {
        q.prepare(u"SELECT lane, (ts - ?) / ?, count(*), max(sev) FROM ("_s + source.parts.at(part)
            + u")"_s + where + u" GROUP BY 1, 2"_s);
        q.addBindValue(query.from);
        q.addBindValue(query.bucketMs);
        bindAll(q, partBinds.at(part));
        bindAll(q, outerBinds);
        if (!q.exec()) {
            return R::failure(sqlError(q));
        }
        readCounts();
    }

    // Lanes by name; beyond the cap the smallest merge into one "…" lane.
    QStringList lanes = laneTotals.keys();
    bool merged = false;
    if (lanes.size() > kMaxTimelineLanes) {
        std::sort(lanes.begin(), lanes.end(), [&](const QString &a, const QString &b) {
            const qint64 na = laneTotals.value(a);
            const qint64 nb = laneTotals.value(b);
            return na != nb ? na > nb : a < b;
        });
        lanes.resize(kMaxTimelineLanes - 1);
        merged = true;
    }
    std::sort(lanes.begin(), lanes.end());
    if (merged) {
        lanes << kOtherLane;
    }
    data.lanes = lanes;
    QHash<QString, int> laneIndex;
    for (int i = 0; i < lanes.size(); ++i) {
        laneIndex.insert(lanes.at(i), i);
    }
    const int otherIndex = merged ? int(lanes.size()) - 1 : -1;
    QHash<std::pair<int, qint64>, int> bucketIndex;
    for (const Raw &r : std::as_const(raw)) {
        const int lane = laneIndex.value(r.lane, otherIndex);
        const auto key = std::make_pair(lane, r.bucket);
        const auto it = bucketIndex.constFind(key);
        if (it != bucketIndex.cend()) {
            TimelineBucket &b = data.buckets[*it];
            b.count += r.count;
            b.worst = std::max(b.worst, Core::severityFromInt(r.worst));
            continue;
        }
        bucketIndex.insert(key, int(data.buckets.size()));
        data.buckets.append({ lane, query.from + r.bucket * query.bucketMs, r.count,
            Core::severityFromInt(r.worst) });
    }
    std::sort(data.buckets.begin(), data.buckets.end(),
        [](const TimelineBucket &a, const TimelineBucket &b) {
            return a.lane != b.lane ? a.lane < b.lane : a.start < b.start;
        });

    data.aggregated = data.total > query.maxEvents;
    if (data.aggregated) {
        return data;
    }
    q.prepare(u"SELECT kind, ts, lane, sev, ref, alert_id, incident, title, detail, c1, c2, c3"
              " FROM ("_s
        + source.sql + u")"_s + where + u" ORDER BY ts, kind, ref LIMIT ?"_s);
    bindAll(q, source.binds);
    bindAll(q, outerBinds);
    q.addBindValue(query.maxEvents);
    if (!q.exec()) {
        return R::failure(sqlError(q));
    }
    while (q.next()) {
        TimelineEvent e;
        e.kind
            = static_cast<TimelineKind>(std::clamp(q.value(0).toInt(), 0, kTimelineKindCount - 1));
        e.ts = q.value(1).toLongLong();
        e.lane = q.value(2).toString();
        if (!laneIndex.contains(e.lane)) {
            e.lane = kOtherLane;
        }
        e.severity = Core::severityFromInt(q.value(3).toInt());
        e.ref = q.value(4).toLongLong();
        if (!q.value(5).isNull()) {
            e.alert = Core::AlertId { q.value(5).toLongLong() };
        }
        if (!q.value(6).isNull()) {
            e.incident = IncidentId { q.value(6).toLongLong() };
        }
        e.title = q.value(7).toString();
        e.detail = q.value(8).toString();
        for (int i = 0; i < 3; ++i) {
            e.fields[size_t(i)] = q.value(9 + i).toString();
        }
        data.events.append(std::move(e));
    }
    return data;
}

// ---- As-of replay ----

QList<IncidentId> mergedIncidentIds(const AuditEntry &entry)
{
    QList<IncidentId> ids;
    for (const QString &part : entry.oldValue.split(u',', Qt::SkipEmptyParts)) {
        QString t = part.trimmed();
        if (t.startsWith(u'#')) {
            t.remove(0, 1);
        }
        bool ok = false;
        const qint64 id = t.toLongLong(&ok);
        if (ok) {
            ids << IncidentId { id };
        }
    }
    return ids;
}

void applyAuditEntry(IncidentRow &r, const AuditEntry &e)
{
    // Values are written by IncidentStore::change (docs/incidents.md): "acknowledged",
    // "new (pending resolved)", "high (override)", "a,b".
    const auto leadingWord = [](const QString &v) { return v.section(u' ', 0, 0); };
    if (e.action == u"status"_s) {
        const QString value = e.newValue;
        if (const auto s = Core::incidentStatusFromName(leadingWord(value))) {
            r.status = *s;
        }
        const qsizetype pending = value.indexOf(u"(pending "_s);
        if (pending >= 0) {
            const QString next = value.mid(pending + 9).chopped(1);
            r.pendingStatus = Core::incidentStatusFromName(next);
            r.pendingBy = e.actor;
            r.pendingReason = e.reason;
        } else {
            r.pendingStatus.reset();
            r.pendingBy.clear();
            r.pendingReason.clear();
        }
    } else if (e.action == u"approve"_s) {
        if (const auto s = Core::incidentStatusFromName(leadingWord(e.newValue))) {
            r.status = *s;
        }
        r.pendingStatus.reset();
        r.pendingBy.clear();
        r.pendingReason.clear();
    } else if (e.action == u"assign"_s) {
        r.owner = e.newValue;
    } else if (e.action == u"tag"_s) {
        r.tags = e.newValue.split(u',', Qt::SkipEmptyParts);
    } else if (e.action == u"severity"_s) {
        if (e.newValue.endsWith(u"(override)"_s)) {
            r.severityOverride = Core::severityFromName(leadingWord(e.newValue));
        } else {
            r.severityOverride.reset();
        }
    }
    r.severity = r.severityOverride.value_or(r.autoSeverity);
    if (e.ts > r.updated) {
        r.updated = e.ts;
    }
}

Result<AsOfSnapshot> queryAsOf(QSqlDatabase db, TimestampMs at, unsigned parts)
{
    using R = Result<AsOfSnapshot>;
    AsOfSnapshot s;
    s.at = at;
    s.parts = parts;
    QSqlQuery q(db);
    q.setForwardOnly(true);

    if (parts & AsOfCounts) {
        // Alert counts: whole minutes from the roll-up, the minute holding `at` from the alerts.
        const TimestampMs minute = at - ((at % kMinuteMs) + kMinuteMs) % kMinuteMs;
        for (const QString &c : Core::allCategoryNames()) {
            s.byCategory.insert(c, 0);
        }
        auto addCounts = [&s](int severity, const QString &category, qint64 n) {
            s.bySeverity[size_t(std::clamp(severity, 0, Core::kSeverityCount - 1))] += n;
            s.byCategory[category] += n;
            s.alerts += n;
        };
        q.prepare(u"SELECT severity, category, sum(n) FROM rollup_minute WHERE bucket < ?"
                  " GROUP BY severity, category"_s);
        q.addBindValue(minute);
        if (!q.exec()) {
            return R::failure(sqlError(q));
        }
        while (q.next()) {
            addCounts(q.value(0).toInt(), q.value(1).toString(), q.value(2).toLongLong());
        }
        q.prepare(u"SELECT severity, category, count(*) FROM alerts WHERE ts >= ? AND ts <= ?"
                  " GROUP BY severity, category"_s);
        q.addBindValue(minute);
        q.addBindValue(at);
        if (!q.exec()) {
            return R::failure(sqlError(q));
        }
        while (q.next()) {
            addCounts(q.value(0).toInt(), q.value(1).toString(), q.value(2).toLongLong());
        }
        q.prepare(u"SELECT count(*), coalesce(sum(severity >= 3), 0) FROM alerts"
                  " WHERE ts > ? AND ts <= ?"_s);
        q.addBindValue(at - kAsOfWindowMs);
        q.addBindValue(at);
        if (!q.exec() || !q.next()) {
            return R::failure(sqlError(q));
        }
        s.windowAlerts = q.value(0).toLongLong();
        s.windowHighPlus = q.value(1).toLongLong();

        q.prepare(
            u"SELECT risk FROM risk_history WHERE bucket <= ? ORDER BY bucket DESC LIMIT 1"_s);
        q.addBindValue(at);
        if (!q.exec()) {
            return R::failure(sqlError(q));
        }
        if (q.next()) {
            s.risk = q.value(0).toDouble();
        }

        q.prepare(u"SELECT count(*) FROM quarantine WHERE received <= ?"_s);
        q.addBindValue(at);
        if (!q.exec() || !q.next()) {
            return R::failure(sqlError(q));
        }
        s.quarantined = q.value(0).toLongLong();

        // Top entities: alert weight per entity in the 24 h ending at `at` from the hourly
        // roll-up, each hour counted at its middle (at most `at`) and decayed to `at`.
        q.prepare(u"SELECT entity, bucket, n, weight, worst FROM rollup_entity_hour"
                  " WHERE bucket > ? AND bucket <= ?"_s);
        q.addBindValue(at - kAsOfWindowMs);
        q.addBindValue(at);
        if (!q.exec()) {
            return R::failure(sqlError(q));
        }
        const Core::RiskModel model;
        QHash<QString, EntityRisk> byEntity;
        while (q.next()) {
            EntityRisk &e = byEntity[q.value(0).toString()];
            e.entity = q.value(0).toString();
            const TimestampMs ref = std::min(at, q.value(1).toLongLong() + kHourMs / 2);
            e.alerts += q.value(2).toLongLong();
            e.risk += model.decay(q.value(3).toDouble(), ref, at);
            e.worst = std::max(e.worst, Core::severityFromInt(q.value(4).toInt()));
        }
        s.topEntities = byEntity.values();
        std::sort(s.topEntities.begin(), s.topEntities.end(),
            [](const EntityRisk &x, const EntityRisk &y) {
                return x.risk != y.risk ? x.risk > y.risk : x.entity < y.entity;
            });
        if (s.topEntities.size() > kAsOfTopEntities) {
            s.topEntities.resize(kAsOfTopEntities);
        }
    }

    if (parts & AsOfIncidents) {
        // Incidents: those whose first alert is at or before `at`; a split-off incident only once
        // its split is in the trail. Counts, times and automatic severity from their alerts <= at.
        struct Figures
        {
            qint64 alerts = 0;
            int worst = -1;
            TimestampMs first = 0;
            TimestampMs last = 0;
        };
        QHash<qint64, Figures> figures;
        q.prepare(u"SELECT incident, count(*), max(severity), min(ts), max(ts) FROM alerts"
                  " WHERE incident IS NOT NULL AND ts <= ? GROUP BY incident"_s);
        q.addBindValue(at);
        if (!q.exec()) {
            return R::failure(sqlError(q));
        }
        while (q.next()) {
            figures.insert(q.value(0).toLongLong(),
                { q.value(1).toLongLong(), q.value(2).toInt(), q.value(3).toLongLong(),
                    q.value(4).toLongLong() });
        }
        QList<AuditEntry> trail;
        q.prepare(
            u"SELECT "_s + auditColumns() + u" FROM incident_audit WHERE ts <= ? ORDER BY id"_s);
        q.addBindValue(at);
        if (!q.exec()) {
            return R::failure(sqlError(q));
        }
        QSet<qint64> splitCreated;
        while (q.next()) {
            AuditEntry e = auditEntryFrom(q);
            if (e.action == u"split"_s && e.newValue.startsWith(u'#')) {
                splitCreated.insert(e.newValue.mid(1).section(u' ', 0, 0).toLongLong());
            }
            trail.append(std::move(e));
        }
        q.prepare(u"SELECT id, title, severity_auto, category, rule, entity, first_seen, last_seen,"
                  " deadline, created FROM incidents WHERE first_seen <= ? ORDER BY id"_s);
        q.addBindValue(at);
        if (!q.exec()) {
            return R::failure(sqlError(q));
        }
        QHash<qint64, int> index;
        while (q.next()) {
            IncidentRow r;
            r.id = IncidentId { q.value(0).toLongLong() };
            r.title = q.value(1).toString();
            r.category
                = Core::categoryFromName(q.value(3).toString()).value_or(Core::Category::Other);
            r.rule = q.value(4).toString();
            r.entity = q.value(5).toString();
            r.firstSeen = q.value(6).toLongLong();
            r.lastSeen = q.value(7).toLongLong();
            r.deadline = q.value(8).toLongLong();
            r.created = q.value(9).toLongLong();
            if (r.rule == u"split"_s && !splitCreated.contains(r.id.value)) {
                continue;
            }
            const Figures f = figures.value(r.id.value);
            r.alerts = f.alerts;
            r.autoSeverity = f.worst >= 0 ? Core::severityFromInt(f.worst)
                                          : Core::severityFromInt(q.value(2).toInt());
            if (f.alerts > 0) {
                r.firstSeen = f.first;
                r.lastSeen = f.last;
            }
            r.severity = r.autoSeverity;
            r.status = IncidentStatus::New;
            r.updated = r.firstSeen;
            r.riskAt = at;
            index.insert(r.id.value, int(s.incidents.size()));
            s.incidents.append(std::move(r));
        }
        for (const AuditEntry &e : std::as_const(trail)) {
            if (!e.incident) {
                continue;
            }
            const auto it = index.constFind(e.incident->value);
            if (it == index.cend()) {
                continue;
            }
            applyAuditEntry(s.incidents[*it], e);
            if (e.action == u"merge"_s) {
                for (const IncidentId other : mergedIncidentIds(e)) {
                    const auto o = index.constFind(other.value);
                    if (o != index.cend()) {
                        IncidentRow &m = s.incidents[*o];
                        m.mergedInto = e.incident;
                        m.status = IncidentStatus::Resolved;
                        m.pendingStatus.reset();
                        m.updated = std::max(m.updated, e.ts);
                    }
                }
            }
        }
        // Merged incidents are listed under the one they joined, as the live list does.
        s.incidents.removeIf([](const IncidentRow &r) { return r.mergedInto.has_value(); });
        for (const QString &name : Core::allIncidentStatusNames()) {
            s.incidentsByStatus.insert(name, 0);
        }
        qint64 open = 0;
        for (const IncidentRow &r : std::as_const(s.incidents)) {
            s.incidentsByStatus[Core::incidentStatusName(r.status)] += 1;
            open += r.isOpen() ? 1 : 0;
        }
        s.incidentsByStatus.insert(u"open"_s, open);
        std::sort(
            s.incidents.begin(), s.incidents.end(), [](const IncidentRow &a, const IncidentRow &b) {
                if (a.severity != b.severity) {
                    return a.severity > b.severity;
                }
                return a.lastSeen != b.lastSeen ? a.lastSeen > b.lastSeen : a.id > b.id;
            });
    }

    if (parts & AsOfChains) {
        // Chains: the last history row of each node at or before `at` (SQLite takes the bare
        // columns from the row that holds the max()).
        q.prepare(
            u"SELECT chain, node, max(observed), height, lag, latency_ms, block_time"
            " FROM chain_history WHERE observed <= ? GROUP BY chain, node ORDER BY chain, node"_s);
        q.addBindValue(at);
        if (!q.exec()) {
            return R::failure(sqlError(q));
        }
        while (q.next()) {
            AsOfChainNode n;
            n.chain = q.value(0).toString();
            n.node = q.value(1).toString();
            n.observed = q.value(2).toLongLong();
            n.height = q.value(3).toLongLong();
            n.lag = q.value(4).toLongLong();
            n.latencyMs = q.value(5).toInt();
            n.blockTime = q.value(6).toLongLong();
            s.chains.append(std::move(n));
        }
        // Node states: chain alerts raised at or before `at` whose last state then was not
        // "resolved" (the monitor resolves a condition with a state change of its alert).
        static const QStringList kStateRules { u"chain.node_down"_s, u"chain.chain_id_mismatch"_s,
            u"chain.fork"_s, u"chain.stall"_s, u"chain.lag"_s };
        static const QStringList kStates { u"down"_s, u"mismatch"_s, u"forked"_s, u"stalled"_s,
            u"lagging"_s };
        q.prepare(u"SELECT a.entity, a.rule, coalesce((SELECT e.state FROM alert_events e"
                  " WHERE e.alert_id = a.id AND e.ts <= ? ORDER BY e.ts DESC, e.id DESC LIMIT 1),"
                  " '') FROM alerts a WHERE a.rule IN (?, ?, ?, ?, ?) AND a.ts <= ?"
                  " AND a.source = 'chain'"_s);
        q.addBindValue(at);
        for (const QString &rule : kStateRules) {
            q.addBindValue(rule);
        }
        q.addBindValue(at);
        if (!q.exec()) {
            return R::failure(sqlError(q));
        }
        QHash<QString, qsizetype> worst; // node -> index into kStates (lower is worse)
        while (q.next()) {
            const QString state = q.value(2).toString();
            if (state.isEmpty() || state == u"resolved"_s) {
                continue;
            }
            const QString node = q.value(0).toString();
            const qsizetype rank = kStateRules.indexOf(q.value(1).toString());
            if (rank >= 0 && (!worst.contains(node) || rank < worst.value(node))) {
                worst.insert(node, rank);
            }
        }
        for (AsOfChainNode &n : s.chains) {
            if (const auto it = worst.constFind(n.node); it != worst.cend()) {
                n.state = kStates.at(*it);
            }
        }
    }
    return s;
}

} // namespace Lakeguard::Storage
