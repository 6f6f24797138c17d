// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Timeline aggregation and as-of replay in the store (issue 7; docs/timeline.md).
#include "sqlitestore.h"
#include "timelinequeries.h"

#include <QFile>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Lakeguard;
using namespace Lakeguard::Storage;
using namespace Qt::StringLiterals;
using Core::IncidentStatus;
using Core::Severity;

namespace {

constexpr qint64 kT0 = 1'767'225'600'000LL; // 2026-01-01T00:00Z
constexpr qint64 kMinute = 60'000;

// rule-entity incidents only, so which alerts share an incident is easy to predict.
const QByteArray kPolicy
    = "{\"correlation\":[{\"id\":\"rule-entity\",\"title\":\"{title}\",\"match\":"
      "{\"min_severity\":\"low\"},\"key\":[\"rule\",\"entity\"],\"window_minutes\":30}],"
      "\"deadlines_hours\":{\"default\":10},\"approval_severities\":[\"critical\"],"
      "\"risk\":{\"half_life_hours\":1,\"incident_scale\":100,\"global_scale\":2500}}";

int s_serial = 0;

Core::Alert makeAlert(const QString &feed, qint64 minute, Severity severity,
    const QString &entity = u"host-1"_s, const QString &rule = u"r1"_s, const QString &title = {})
{
    Core::Alert a;
    a.feed = feed;
    a.source = u"jsonl"_s;
    a.ts = kT0 + minute * kMinute;
    a.received = a.ts;
    a.severity = severity;
    a.category = Core::Category::Intrusion;
    a.rule = rule;
    a.entity = entity;
    a.title = title.isEmpty() ? u"alert-%1"_s.arg(++s_serial) : title;
    a.message = u"message %1"_s.arg(s_serial);
    a.raw = a.title.toUtf8();
    a.fingerprint = Core::fingerprintOf(u"test", a.raw + QByteArray::number(++s_serial));
    return a;
}

Core::ChainObservation observation(const QString &node, qint64 height, qint64 minute, qint64 lag)
{
    Core::ChainObservation o;
    o.chain = u"fincons"_s;
    o.node = node;
    o.height = height;
    o.headHash = u"0xabc"_s;
    o.observed = kT0 + minute * kMinute;
    o.blockTime = o.observed - 1000;
    o.peers = 3;
    o.lag = lag;
    o.state = lag > 0 ? u"lagging"_s : u"healthy"_s;
    o.latencyMs = 10;
    return o;
}

struct Expected
{
    qint64 count = 0;
    int worst = -1;
};

} // namespace

class tst_TimelineStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_stores = 0;

    std::unique_ptr<SqliteStore> openStore()
    {
        const QString path = m_dir.filePath(u"s%1.db"_s.arg(++m_stores));
        QFile policy(path + u".policy.json"_s);
        if (!policy.open(QIODevice::WriteOnly) || policy.write(kPolicy) < 0) {
            return nullptr;
        }
        policy.close();
        auto s = std::make_unique<SqliteStore>(path);
        if (const Status st = s->open(AlertStore::Mode::ReadWrite); !st) {
            qWarning() << st.error();
            return nullptr;
        }
        return s;
    }

    static bool write(SqliteStore &s, const QList<Core::Alert> &alerts,
        const QList<Core::ChainObservation> &chain = {}, const QString &feed = u"f"_s)
    {
        IngestBatch b;
        b.feed = feed;
        b.feedType = u"file"_s;
        b.alerts = alerts;
        b.chain = chain;
        const BatchResult r = s.writeBatch(b);
        if (!r.ok) {
            qWarning() << r.error;
        }
        return r.ok;
    }

    static bool exec(SqliteStore &s, const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(s.database());
        q.prepare(sql);
        for (const QVariant &v : binds) {
            q.addBindValue(v);
        }
        if (!q.exec()) {
            qWarning() << q.lastError().text();
            return false;
        }
        return true;
    }

    // An officer change, then its audit entry moved to event time `minute` (audit entries carry
    // the wall clock; the test pins them to the data's clock).
    static bool change(SqliteStore &s, IncidentCommand c, qint64 minute)
    {
        if (c.actor.isEmpty()) {
            c.actor = u"alice"_s;
        }
        const auto r = s.changeIncident(c);
        if (!r || r->refused) {
            qWarning() << (r ? r->message : r.error());
            return false;
        }
        return exec(s, u"UPDATE incident_audit SET ts = ? WHERE id = ?"_s,
            { kT0 + minute * kMinute, r->auditId });
    }

    static qint64 incidentOf(SqliteStore &s, const QString &title)
    {
        QSqlQuery q(s.database());
        q.prepare(u"SELECT incident FROM alerts WHERE title = ?"_s);
        q.addBindValue(title);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    // Counts per lane and bucket match a hand count; worst severity per bucket too; with room
    // for them, the items come back one by one and match the counts.
    void bucketing_data()
    {
        QTest::addColumn<qint64>("bucketMinutes");
        QTest::addColumn<int>("lanes"); // 0 feed, 1 entity
        QTest::addColumn<qint64>("fromMinute"); // 0: hour-aligned (the hourly roll-up path)
        QTest::addColumn<bool>("someWithoutEntity"); // every fifth alert has no entity
        QTest::addRow("10 min by feed") << qint64(10) << 0 << qint64(20) << false;
        QTest::addRow("1 min by feed") << qint64(1) << 0 << qint64(20) << false;
        QTest::addRow("1 h by feed, aligned") << qint64(60) << 0 << qint64(0) << true;
        QTest::addRow("1 h by entity") << qint64(60) << 1 << qint64(20) << false;
        QTest::addRow("7 min by entity") << qint64(7) << 1 << qint64(20) << false;
        QTest::addRow("1 h by entity, aligned") << qint64(60) << 1 << qint64(0) << false;
        QTest::addRow("2 h by entity, aligned, some without entity")
            << qint64(120) << 1 << qint64(0) << true;
    }
    void bucketing()
    {
        QFETCH(qint64, bucketMinutes);
        QFETCH(int, lanes);
        QFETCH(qint64, fromMinute);
        QFETCH(bool, someWithoutEntity);
        auto store = openStore();
        QVERIFY(store);
        // Given 200 alerts over 200 minutes in two feeds and three entities, severities cycling.
        QList<Core::Alert> a;
        QList<Core::Alert> b;
        for (int i = 0; i < 200; ++i) {
            const auto sev = static_cast<Severity>((i * 7) % Core::kSeverityCount);
            const QString entity
                = someWithoutEntity && i % 5 == 0 ? QString() : u"e%1"_s.arg(i % 3);
            (i % 4 == 0 ? b : a)
                .append(
                    makeAlert(i % 4 == 0 ? u"b"_s : u"a"_s, i, sev, entity, u"rule-%1"_s.arg(i)));
        }
        QVERIFY(write(*store, a, {}, u"a"_s));
        QVERIFY(write(*store, b, {}, u"b"_s));
        // A range that cuts the data at the end (and at the start unless aligned).
        const qint64 from = kT0 + fromMinute * kMinute;
        const qint64 to = kT0 + 170 * kMinute;
        QMap<std::pair<QString, qint64>, Expected> expected;
        qint64 expectedTotal = 0;
        for (const Core::Alert &x : a + b) {
            if (x.ts < from || x.ts >= to) {
                continue;
            }
            const QString lane = lanes == 0 ? x.feed : x.entity;
            const qint64 start
                = from + (x.ts - from) / (bucketMinutes * kMinute) * bucketMinutes * kMinute;
            Expected &e = expected[{ lane, start }];
            ++e.count;
            e.worst = std::max(e.worst, int(x.severity));
            ++expectedTotal;
        }

        // When the timeline is asked with no room for single items
        TimelineQuery query;
        query.from = from;
        query.to = to;
        query.bucketMs = bucketMinutes * kMinute;
        query.maxEvents = 10;
        query.lanes = lanes == 0 ? TimelineLanes::ByFeed : TimelineLanes::ByEntity;
        const auto data = store->timeline(query);
        QVERIFY2(data, qPrintable(data.error()));

        // Then it aggregates, exactly
        QVERIFY(data->aggregated);
        QVERIFY(data->events.isEmpty());
        QCOMPARE(data->total, expectedTotal);
        QStringList expectedLanes = lanes == 0 ? QStringList({ u"a"_s, u"b"_s })
                                               : QStringList({ u"e0"_s, u"e1"_s, u"e2"_s });
        if (lanes == 1 && someWithoutEntity) {
            expectedLanes.prepend(QString());
        }
        QCOMPARE(data->lanes, expectedLanes);
        QMap<std::pair<QString, qint64>, Expected> got;
        for (const TimelineBucket &bucket : data->buckets) {
            Expected &e = got[{ data->lanes.at(bucket.lane), bucket.start }];
            QCOMPARE(e.count, 0); // one bucket per lane and start
            e.count = bucket.count;
            e.worst = int(bucket.worst);
        }
        QCOMPARE(got.size(), expected.size());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            QVERIFY2(got.contains(it.key()), qPrintable(it.key().first));
            QCOMPARE(got.value(it.key()).count, it->count);
            if (it.key().first.isEmpty() && fromMinute == 0 && bucketMinutes % 60 == 0) {
                // Alerts without an entity are not in the hourly entity roll-up: their count
                // is the rest of the bucket's, their colour the bucket's worst (an upper bound).
                QVERIFY(got.value(it.key()).worst >= it->worst);
            } else {
                QCOMPARE(got.value(it.key()).worst, it->worst);
            }
        }

        // And with room, the same items one by one, oldest first
        query.maxEvents = 1000;
        const auto events = store->timeline(query);
        QVERIFY2(events, qPrintable(events.error()));
        QVERIFY(!events->aggregated);
        QCOMPARE(events->events.size(), expectedTotal);
        QCOMPARE(events->buckets.size(), data->buckets.size());
        for (qsizetype i = 1; i < events->events.size(); ++i) {
            QVERIFY(events->events.at(i - 1).ts <= events->events.at(i).ts);
        }
        const TimelineEvent &first = events->events.constFirst();
        QCOMPARE(first.ts, from);
        QCOMPARE(first.kind, TimelineKind::Alert);
        QVERIFY(first.alert.has_value());
        QCOMPARE(first.fields[1], u"rule-%1"_s.arg(fromMinute));
    }

    // Every kind lands in its lane; the filters (severity, kind, text, incident) apply to all.
    void kindsAndFilters()
    {
        auto store = openStore();
        QVERIFY(store);
        // Given two alerts that make one incident, a chain alert, chain history and a note
        const Core::Alert first
            = makeAlert(u"ids"_s, 0, Severity::High, u"host-1"_s, u"r1"_s, u"Login burst"_s);
        const Core::Alert second = makeAlert(
            u"ids"_s, 5, Severity::Medium, u"host-1"_s, u"r1"_s, u"Login burst again"_s);
        Core::Alert chainAlert = makeAlert(
            u"chainmon"_s, 6, Severity::Critical, u"node-1"_s, u"chain.fork"_s, u"Fork seen"_s);
        chainAlert.source = u"chain"_s;
        chainAlert.category = Core::Category::Chain;
        QVERIFY(write(*store, { first, second }, {}, u"ids"_s));
        QVERIFY(write(*store, { chainAlert },
            { observation(u"node-1"_s, 100, 1, 0), observation(u"node-1"_s, 101, 2, 0) },
            u"chainmon"_s));
        const qint64 incident = incidentOf(*store, u"Login burst"_s);
        QVERIFY(incident > 0);
        IncidentCommand note;
        note.kind = IncidentCommand::Kind::Note;
        note.id = Core::IncidentId { incident };
        note.text = u"Called the branch"_s;
        QVERIFY(change(*store, note, 7));

        TimelineQuery query;
        query.from = kT0;
        query.to = kT0 + 60 * kMinute;
        query.bucketMs = kMinute;
        const auto all = store->timeline(query);
        QVERIFY2(all, qPrintable(all.error()));
        QCOMPARE(all->total, 6);
        QCOMPARE(all->lanes,
            QStringList({ u"chain:fincons"_s, u"chainmon"_s, u"ids"_s, kIncidentLane }));
        QList<TimelineKind> kinds;
        for (const TimelineEvent &e : all->events) {
            kinds << e.kind;
        }
        QCOMPARE(kinds,
            QList<TimelineKind>({ TimelineKind::Alert, TimelineKind::ChainObservation,
                TimelineKind::ChainObservation, TimelineKind::Alert, TimelineKind::ChainAlert,
                TimelineKind::IncidentNote }));
        const TimelineEvent &noteEvent = all->events.constLast();
        QCOMPARE(noteEvent.incident, Core::IncidentId { incident });
        QCOMPARE(noteEvent.detail, u"Called the branch"_s);
        QCOMPARE(noteEvent.fields[0], u"alice"_s);
        QCOMPARE(noteEvent.lane, kIncidentLane);

        TimelineQuery high = query;
        high.minSeverity = Severity::High;
        QCOMPARE(store->timeline(high)->total, 3); // high alert, chain alert, note (incident high)

        TimelineQuery text = query;
        text.text = u"BURST"_s;
        QCOMPARE(store->timeline(text)->total, 2);

        TimelineQuery chainOnly = query;
        chainOnly.kinds
            = (1u << int(TimelineKind::ChainAlert)) | (1u << int(TimelineKind::ChainObservation));
        QCOMPARE(store->timeline(chainOnly)->total, 3);

        TimelineQuery oneIncident = query;
        oneIncident.incident = Core::IncidentId { incident };
        const auto scoped = store->timeline(oneIncident);
        QCOMPARE(scoped->total, 3); // its two alerts and the note; no chain history

        TimelineQuery byEntity = query;
        byEntity.lanes = TimelineLanes::ByEntity;
        QCOMPARE(store->timeline(byEntity)->lanes, QStringList({ u"host-1"_s, u"node-1"_s }));
    }

    // Beyond the lane cap, the smallest lanes merge into one "…" lane; nothing is lost.
    void laneCap()
    {
        auto store = openStore();
        QVERIFY(store);
        QList<Core::Alert> alerts;
        for (int i = 0; i < kMaxTimelineLanes + 10; ++i) {
            alerts << makeAlert(u"f"_s, i % 50, Severity::Info,
                u"entity-"_s + QString::number(i).rightJustified(3, u'0'));
        }
        alerts << makeAlert(u"f"_s, 51, Severity::Info, u"entity-000"_s);
        QVERIFY(write(*store, alerts));
        TimelineQuery query;
        query.from = kT0;
        query.to = kT0 + 60 * kMinute;
        query.bucketMs = 60 * kMinute;
        query.maxEvents = 0;
        query.lanes = TimelineLanes::ByEntity;
        const auto data = store->timeline(query);
        QVERIFY2(data, qPrintable(data.error()));
        QCOMPARE(data->lanes.size(), kMaxTimelineLanes);
        QCOMPARE(data->lanes.constFirst(), u"entity-000"_s); // the busiest stays
        QCOMPARE(data->lanes.constLast(), kOtherLane);
        qint64 sum = 0;
        for (const TimelineBucket &b : data->buckets) {
            sum += b.count;
        }
        QCOMPARE(sum, alerts.size());
        QCOMPARE(data->total, alerts.size());
    }

    // Replaying audit entries one by one (the rules docs/timeline.md states).
    void applyAuditEntry_data()
    {
        QTest::addColumn<QStringList>("entries"); // action|old|new
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("severity");
        QTest::addColumn<QString>("owner");
        QTest::addColumn<bool>("pending");
        QTest::addRow("nothing") << QStringList {} << u"new"_s << u"medium"_s << QString() << false;
        QTest::addRow("acknowledge, investigate")
            << QStringList { u"status|new|acknowledged"_s, u"status|acknowledged|investigating"_s }
            << u"investigating"_s << u"medium"_s << QString() << false;
        QTest::addRow("close waits for approval")
            << QStringList { u"status|new|new (pending resolved)"_s } << u"new"_s << u"medium"_s
            << QString() << true;
        QTest::addRow("approved") << QStringList { u"status|new|new (pending resolved)"_s,
            u"approve|new (pending resolved)|resolved"_s }
                                  << u"resolved"_s << u"medium"_s << QString() << false;
        QTest::addRow("override, then cleared")
            << QStringList { u"severity|medium|critical (override)"_s,
                   u"severity|critical (override)|medium"_s }
            << u"new"_s << u"medium"_s << QString() << false;
        QTest::addRow("override") << QStringList { u"severity|medium|low (override)"_s } << u"new"_s
                                  << u"low"_s << QString() << false;
        QTest::addRow("assigned, reassigned")
            << QStringList { u"assign||bob"_s, u"assign|bob|carol"_s } << u"new"_s << u"medium"_s
            << u"carol"_s << false;
        QTest::addRow("notes change nothing") << QStringList { u"note||resolved (pending x)"_s }
                                              << u"new"_s << u"medium"_s << QString() << false;
    }
    void applyAuditEntry()
    {
        QFETCH(QStringList, entries);
        QFETCH(QString, status);
        QFETCH(QString, severity);
        QFETCH(QString, owner);
        QFETCH(bool, pending);
        IncidentRow r;
        r.autoSeverity = Severity::Medium;
        r.severity = Severity::Medium;
        qint64 ts = kT0;
        for (const QString &spec : std::as_const(entries)) {
            const QStringList f = spec.split(u'|');
            AuditEntry e;
            e.ts = ++ts;
            e.actor = u"alice"_s;
            e.action = f.value(0);
            e.oldValue = f.value(1);
            e.newValue = f.value(2);
            Storage::applyAuditEntry(r, e);
        }
        QCOMPARE(Core::incidentStatusName(r.status), status);
        QCOMPARE(Core::severityName(r.severity), severity);
        QCOMPARE(r.owner, owner);
        QCOMPARE(r.pendingStatus.has_value(), pending);
    }

    void mergedIncidentIds()
    {
        AuditEntry e;
        e.action = u"merge"_s;
        e.oldValue = u"#3, #14"_s;
        QCOMPARE(Storage::mergedIncidentIds(e),
            QList<Core::IncidentId>({ Core::IncidentId { 3 }, Core::IncidentId { 14 } }));
    }

    // The store as it was at T: counts, incidents (from the audit trail) and chain heights.
    void asOf_data()
    {
        QTest::addColumn<qint64>("minute");
        QTest::addColumn<qint64>("alerts");
        QTest::addColumn<QString>("incidentA"); // status/severity/owner/alerts, "-" absent
        QTest::addColumn<QString>("incidentB");
        QTest::addColumn<qint64>("open");
        QTest::addColumn<QString>("chains"); // node=height/lag, …
        QTest::addRow("before anything")
            << qint64(-1) << qint64(0) << u"-"_s << u"-"_s << qint64(0) << QString();
        QTest::addRow("first alert")
            << qint64(0) << qint64(1) << u"new/medium//1"_s << u"-"_s << qint64(1) << u"n1=100/0"_s;
        QTest::addRow("acknowledged, second alert")
            << qint64(12) << qint64(2) << u"acknowledged/high/bob/2"_s << u"-"_s << qint64(1)
            << u"n1=103/0,n2=98/5"_s;
        QTest::addRow("second incident, override")
            << qint64(30) << qint64(3) << u"acknowledged/critical/bob/2"_s << u"new/low//1"_s
            << qint64(2) << u"n1=110/0,n2=110/0"_s;
        QTest::addRow("A resolved, info alert")
            << qint64(45) << qint64(4) << u"resolved/critical/bob/2"_s << u"new/low//1"_s
            << qint64(1) << u"n1=110/0,n2=110/0"_s;
        QTest::addRow("much later")
            << qint64(10'000) << qint64(4) << u"resolved/critical/bob/2"_s
            << u"investigating/low//1"_s << qint64(1) << u"n1=110/0,n2=110/0"_s;
    }
    void asOf()
    {
        QFETCH(qint64, minute);
        QFETCH(qint64, alerts);
        QFETCH(QString, incidentA);
        QFETCH(QString, incidentB);
        QFETCH(qint64, open);
        QFETCH(QString, chains);
        auto store = openStore();
        QVERIFY(store);
        // Given (minutes): 0 A1 medium; 5 n1 100; 10 A2 high, A acknowledged, assigned bob;
        // 11 n1 103, n2 98 (lag 5); 20 B1 low on host-2; 25 A override critical;
        // 28 n1, n2 110; 40 A resolved; 44 info alert (no incident); 60 B investigating.
        const Core::Alert a1 = makeAlert(u"f"_s, 0, Severity::Medium, u"host-1"_s);
        const Core::Alert a2 = makeAlert(u"f"_s, 10, Severity::High, u"host-1"_s);
        const Core::Alert b1 = makeAlert(u"f"_s, 20, Severity::Low, u"host-2"_s);
        const Core::Alert quiet = makeAlert(u"f"_s, 44, Severity::Info, u"host-3"_s);
        QVERIFY(write(*store, { a1, a2, b1, quiet },
            { observation(u"n1"_s, 100, 0, 0), observation(u"n1"_s, 103, 11, 0),
                observation(u"n2"_s, 98, 11, 5), observation(u"n1"_s, 110, 28, 0),
                observation(u"n2"_s, 110, 28, 0) }));
        const qint64 a = incidentOf(*store, a1.title);
        const qint64 b = incidentOf(*store, b1.title);
        QVERIFY(a > 0 && b > 0 && a != b);
        QCOMPARE(incidentOf(*store, a2.title), a);
        IncidentCommand c;
        c.id = Core::IncidentId { a };
        c.kind = IncidentCommand::Kind::Transition;
        c.transition = Core::IncidentTransition::Acknowledge;
        QVERIFY(change(*store, c, 10));
        c.kind = IncidentCommand::Kind::Assign;
        c.text = u"bob"_s;
        QVERIFY(change(*store, c, 10));
        c.kind = IncidentCommand::Kind::Severity;
        c.severity = Severity::Critical;
        c.reason = u"payment system"_s;
        QVERIFY(change(*store, c, 25));
        c.kind = IncidentCommand::Kind::Transition;
        c.transition = Core::IncidentTransition::Resolve;
        QVERIFY(change(*store, c, 38)); // critical: waits for a second identity
        c.kind = IncidentCommand::Kind::Approve;
        c.actor = u"carol"_s;
        QVERIFY(change(*store, c, 40));
        IncidentCommand d;
        d.id = Core::IncidentId { b };
        d.kind = IncidentCommand::Kind::Transition;
        d.transition = Core::IncidentTransition::Investigate;
        QVERIFY(change(*store, d, 60));
        // The chain's history rows sit at event time already; the clock of the first is 0.

        // When the store is read as of the minute
        const qint64 at = kT0 + minute * kMinute;
        const auto snapshot = store->asOf(at);
        QVERIFY2(snapshot, qPrintable(snapshot.error()));

        // Then everything is as it was
        QCOMPARE(snapshot->at, at);
        QCOMPARE(snapshot->alerts, alerts);
        qint64 sum = 0;
        for (const qint64 n : snapshot->bySeverity) {
            sum += n;
        }
        QCOMPARE(sum, alerts);
        QCOMPARE(snapshot->incidentsByStatus.value(u"open"_s), open);
        auto describe = [&](qint64 id) -> QString {
            for (const IncidentRow &r : snapshot->incidents) {
                if (r.id.value == id) {
                    return Core::incidentStatusName(r.status) + u'/'
                        + Core::severityName(r.severity) + u'/' + r.owner + u'/'
                        + QString::number(r.alerts);
                }
            }
            return u"-"_s;
        };
        QCOMPARE(describe(a), incidentA);
        QCOMPARE(describe(b), incidentB);
        QStringList nodes;
        for (const AsOfChainNode &n : snapshot->chains) {
            nodes << u"%1=%2/%3"_s.arg(n.node).arg(n.height).arg(n.lag);
        }
        QCOMPARE(nodes.join(u','), chains);
    }

    // Chain node states at T come from the chain alerts still active then; the top entities
    // from the alert weight in the 24 h before T; only the parts asked for are rebuilt.
    void asOfChainStatesAndEntities()
    {
        auto store = openStore();
        QVERIFY(store);
        // Given: n2 lags from minute 11 (a chain.lag alert, active) until minute 28 (resolved);
        // host-1 has two high alerts, host-2 one low alert.
        Core::Alert lag = makeAlert(u"chain"_s, 11, Severity::Medium, u"n2"_s, u"chain.lag"_s);
        lag.source = u"chain"_s;
        lag.category = Core::Category::Chain;
        lag.state = u"active"_s;
        lag.stateSince = lag.ts;
        QVERIFY(write(*store,
            { makeAlert(u"f"_s, 2, Severity::High, u"host-1"_s),
                makeAlert(u"f"_s, 3, Severity::High, u"host-1"_s),
                makeAlert(u"f"_s, 4, Severity::Low, u"host-2"_s) },
            { observation(u"n1"_s, 100, 5, 0), observation(u"n2"_s, 95, 11, 5),
                observation(u"n2"_s, 110, 28, 0) }));
        QVERIFY(write(*store, { lag }, {}, u"chain"_s));
        Core::Alert resolved = lag;
        resolved.state = u"resolved"_s;
        resolved.stateSince = kT0 + 28 * kMinute;
        resolved.received = resolved.stateSince;
        QVERIFY(write(*store, { resolved }, {}, u"chain"_s));

        const auto describe = [](const AsOfSnapshot &s) -> QString {
            QStringList out;
            for (const AsOfChainNode &n : s.chains) {
                out << u"%1=%2/%3"_s.arg(n.node).arg(n.height).arg(n.state);
            }
            return out.join(u',');
        };
        const auto during = store->asOf(kT0 + 20 * kMinute, AsOfChains);
        QVERIFY2(during, qPrintable(during.error()));
        QCOMPARE(describe(*during), u"n1=100/healthy,n2=95/lagging"_s);
        QCOMPARE(during->alerts, 0); // counts were not asked for
        QVERIFY(during->incidents.isEmpty());
        const auto after = store->asOf(kT0 + 30 * kMinute, AsOfChains);
        QVERIFY(after);
        QCOMPARE(describe(*after), u"n1=100/healthy,n2=110/healthy"_s);

        const auto counts = store->asOf(kT0 + 30 * kMinute, AsOfCounts);
        QVERIFY(counts);
        QCOMPARE(counts->alerts, 4);
        QVERIFY(counts->chains.isEmpty());
        QVERIFY(counts->topEntities.size() >= 2);
        QCOMPARE(counts->topEntities.at(0).entity, u"host-1"_s);
        QCOMPARE(counts->topEntities.at(0).alerts, 2);
        QCOMPARE(counts->topEntities.at(0).worst, Severity::High);
        // The roll-up is hourly: before the hour of the first alert there is nothing.
        const auto early = store->asOf(kT0 - 1, AsOfCounts);
        QVERIFY(early);
        QVERIFY(early->topEntities.isEmpty());
    }

    // The pending close shows between request and approval.
    void asOfPendingClose()
    {
        auto store = openStore();
        QVERIFY(store);
        const Core::Alert a1 = makeAlert(u"f"_s, 0, Severity::Critical);
        QVERIFY(write(*store, { a1 }));
        const qint64 a = incidentOf(*store, a1.title);
        IncidentCommand c;
        c.id = Core::IncidentId { a };
        c.kind = IncidentCommand::Kind::Transition;
        c.transition = Core::IncidentTransition::Resolve;
        QVERIFY(change(*store, c, 5));
        c.kind = IncidentCommand::Kind::Approve;
        c.actor = u"carol"_s;
        QVERIFY(change(*store, c, 9));
        const auto mid = store->asOf(kT0 + 7 * kMinute);
        QVERIFY(mid);
        QCOMPARE(mid->incidents.size(), 1);
        QCOMPARE(mid->incidents.constFirst().status, IncidentStatus::New);
        QCOMPARE(mid->incidents.constFirst().pendingStatus, IncidentStatus::Resolved);
        QCOMPARE(mid->incidents.constFirst().pendingBy, u"alice"_s);
        const auto after = store->asOf(kT0 + 9 * kMinute);
        QCOMPARE(after->incidents.constFirst().status, IncidentStatus::Resolved);
        QVERIFY(!after->incidents.constFirst().pendingStatus);
    }
};

QTEST_GUILESS_MAIN(tst_TimelineStore)
#include "tst_timelinestore.moc"
