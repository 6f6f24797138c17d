// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Dashboard's risk overview from running sums (schema v9, storage/openrisk.h) equals the
// scan of every open incident's entities that defines it (docs/risk-model.md), through random
// histories of alerts (late ones too), closes, approvals, re-opens, merges and splits; after a
// migration from v8; and after the half-life changes.

#include "incidentstore.h"
#include "openrisk.h"
#include "schema.h"
#include "sqlitestore.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Lakeguard;
using namespace Lakeguard::Storage;
using namespace Qt::StringLiterals;
using Core::IncidentTransition;
using Core::Severity;

namespace {

constexpr qint64 kT0 = 1'767'225'600'000LL; // 2026-01-01T00:00Z
constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 3'600'000;

QByteArray policyJson(int halfLifeHours)
{
    return "{\"correlation\":["
           "{\"id\":\"rule-entity\",\"title\":\"{title}\",\"match\":{\"min_severity\":\"info\"},"
           "\"key\":[\"rule\",\"entity\"],\"window_minutes\":30},"
           "{\"id\":\"entity\",\"title\":\"Several alerts on "
           "{entity}\",\"match\":{\"min_severity\":"
           "\"medium\"},\"key\":[\"entity\"],\"window_minutes\":10}],"
           "\"approval_severities\":[\"critical\"],"
           "\"risk\":{\"half_life_hours\":"
        + QByteArray::number(halfLifeHours)
        + ",\"assets\":[{\"pattern\":\"crown-*\",\"weight\":4}]}}";
}

int s_serial = 0;

Core::Alert makeAlert(const QString &rule, const QString &entity, qint64 ts, Severity sev)
{
    Core::Alert a;
    a.rule = rule;
    a.entity = entity;
    a.ts = ts;
    a.received = ts;
    a.severity = sev;
    a.category = Core::Category::Intrusion;
    a.feed = u"test"_s;
    a.source = u"jsonl"_s;
    a.title = u"alert-%1"_s.arg(++s_serial);
    a.message = a.title;
    a.raw = a.title.toUtf8();
    a.fingerprint = Core::fingerprintOf(u"test", a.title.toUtf8());
    return a;
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max({ 1.0, std::abs(a), std::abs(b) });
}

using Overview = std::pair<double, QList<EntityRisk>>;

// Equal within rounding: the global figure, and per rank the risk; entities may trade places
// only where their risks tie; every listed entity's alerts and worst severity as the scan says.
QString compare(const Overview &fast, const Overview &scan, const Overview &scanAll)
{
    if (!near(fast.first, scan.first)) {
        return u"global %1 != %2"_s.arg(fast.first, 0, 'g', 17).arg(scan.first, 0, 'g', 17);
    }
    if (fast.second.size() != scan.second.size()) {
        return u"%1 entities != %2"_s.arg(fast.second.size()).arg(scan.second.size());
    }
    QHash<QString, EntityRisk> all;
    for (const EntityRisk &e : scanAll.second) {
        all.insert(e.entity, e);
    }
    for (qsizetype i = 0; i < fast.second.size(); ++i) {
        const EntityRisk &f = fast.second.at(i);
        const EntityRisk &s = scan.second.at(i);
        if (!near(f.risk, s.risk)) {
            return u"rank %1: %2 %3 != %4 %5"_s.arg(i)
                .arg(f.entity)
                .arg(f.risk, 0, 'g', 17)
                .arg(s.entity)
                .arg(s.risk, 0, 'g', 17);
        }
        if (!all.contains(f.entity)) {
            return u"rank %1: %2 is not open"_s.arg(i).arg(f.entity);
        }
        const EntityRisk &ref = all.value(f.entity);
        if (!near(f.risk, ref.risk) || f.alerts != ref.alerts || f.worst != ref.worst) {
            return u"%1: risk %2 alerts %3 worst %4, scan %5 %6 %7"_s.arg(f.entity)
                .arg(f.risk, 0, 'g', 17)
                .arg(f.alerts)
                .arg(int(f.worst))
                .arg(ref.risk, 0, 'g', 17)
                .arg(ref.alerts)
                .arg(int(ref.worst));
        }
    }
    return {};
}

} // namespace

class tst_OpenRisk : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<SqliteStore> open(
        const QString &name, int halfLifeHours, AlertStore::Mode mode = AlertStore::Mode::ReadWrite)
    {
        QFile policy(path(name) + u".policy.json"_s);
        if (!policy.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || policy.write(policyJson(halfLifeHours)) < 0) {
            return nullptr;
        }
        policy.close();
        auto s = std::make_unique<SqliteStore>(path(name));
        if (const Status st = s->open(mode); !st) {
            qWarning() << st.error();
            return nullptr;
        }
        return s;
    }

    static Core::RiskModel model(const QString &storePath)
    {
        return loadIncidentPolicy(storePath).value().risk;
    }

    // The running sums must answer (not fall back to the scan) and agree with the scan.
    static QString check(
        SqliteStore &s, const Core::RiskModel &m, qint64 now, int topN, bool mustBeFast = true)
    {
        const auto fast = readOpenRisk(s.database(), m, now, topN);
        if (!fast) {
            return fast.error();
        }
        if (!fast.value()) {
            return mustBeFast ? u"the running sums did not answer at %1"_s.arg(now) : QString();
        }
        const auto scan = riskOverviewByScan(s.database(), m, now, topN);
        const auto scanAll = riskOverviewByScan(s.database(), m, now, 1'000'000);
        if (!scan || !scanAll) {
            return scan ? scanAll.error() : scan.error();
        }
        const QString diff = compare(*fast.value(), scan.value(), scanAll.value());
        if (!diff.isEmpty()) {
            return u"at %1, top %2: "_s.arg(now).arg(topN) + diff;
        }
        // The writer records the global figure in risk_history from the running sums too; it
        // used to sum the open incidents' own risk_sum, which must give the same figure when no
        // alert is dated after `now`.
        QSqlQuery q(s.database());
        q.exec(u"SELECT risk_sum, risk_ref FROM incidents WHERE status NOT IN ('resolved',"
               " 'false_positive') AND merged_into IS NULL"_s);
        double sum = 0;
        while (q.next()) {
            if (q.value(1).toLongLong() > now) {
                // Alerts dated after `now` count at face value per entity row, not per incident:
                // the two sums differ then. The writer records at its newest alert, never before.
                return {};
            }
            sum += m.decay(q.value(0).toDouble(), q.value(1).toLongLong(), now);
        }
        if (!near(m.scoreFromSum(sum), fast.value()->first)) {
            return u"at %1: global risk %2 from the incidents, %3 from the running sums"_s.arg(now)
                .arg(m.scoreFromSum(sum))
                .arg(fast.value()->first);
        }
        return {};
    }

    static QList<qint64> incidents(SqliteStore &s, bool open)
    {
        QSqlQuery q(s.database());
        q.exec(open ? u"SELECT id FROM incidents WHERE status NOT IN ('resolved',"
                      " 'false_positive') AND merged_into IS NULL ORDER BY id"_s
                    : u"SELECT id FROM incidents WHERE merged_into IS NULL ORDER BY id"_s);
        QList<qint64> out;
        while (q.next()) {
            out << q.value(0).toLongLong();
        }
        return out;
    }

    // A random history: batches of alerts (some late, some info, some on critical assets or
    // with no entity) and officer changes between them.
    void randomHistory(SqliteStore &s, quint32 seed, int rounds, qint64 *newest,
        const std::function<void(int)> &afterRound = {})
    {
        QRandomGenerator rng(seed);
        const QStringList entities { u"crown-db"_s, u"crown-ledger"_s, u"acct-1"_s, u"acct-2"_s,
            u"acct-3"_s, u"host-a"_s, u"host-b"_s, u"host-c"_s, u"10.0.0.9"_s, QString() };
        const QStringList rules { u"r1"_s, u"r2"_s, u"r3"_s };
        for (int round = 0; round < rounds; ++round) {
            IngestBatch b;
            b.feed = u"test"_s;
            b.feedType = u"file"_s;
            const qint64 base = kT0 + round * 20 * kMinute;
            const int n = 1 + int(rng.bounded(8));
            for (int i = 0; i < n; ++i) {
                const qint64 ts = base + (qint64(rng.bounded(90)) - 60) * kMinute; // late too
                b.alerts << makeAlert(rules.at(rng.bounded(rules.size())),
                    entities.at(rng.bounded(entities.size())), ts,
                    Core::severityFromInt(int(rng.bounded(Core::kSeverityCount))));
                *newest = std::max(*newest, ts);
            }
            const BatchResult r = s.writeBatch(b);
            QVERIFY2(r.ok, qPrintable(r.error));
            const int changes = int(rng.bounded(5));
            for (int c = 0; c < changes; ++c) {
                const QList<qint64> all = incidents(s, false);
                const QList<qint64> open = incidents(s, true);
                if (all.isEmpty()) {
                    break;
                }
                IncidentCommand cmd;
                cmd.actor = u"officer-a"_s;
                cmd.reason = u"random"_s;
                cmd.id = Core::IncidentId { all.at(rng.bounded(all.size())) };
                switch (rng.bounded(6)) {
                case 0:
                    cmd.transition = IncidentTransition::Resolve;
                    break;
                case 1:
                    cmd.transition = IncidentTransition::FalsePositive;
                    break;
                case 2:
                    cmd.transition = IncidentTransition::Reopen;
                    break;
                case 3: { // a second identity approves a close that waits
                    QSqlQuery q(s.database());
                    q.exec(u"SELECT id FROM incidents WHERE pending_status IS NOT NULL"_s);
                    if (!q.next()) {
                        continue;
                    }
                    cmd.id = Core::IncidentId { q.value(0).toLongLong() };
                    cmd.kind = IncidentCommand::Kind::Approve;
                    cmd.actor = u"officer-b"_s;
                    break;
                }
                case 4:
                    if (open.size() < 2) {
                        continue;
                    }
                    cmd.kind = IncidentCommand::Kind::Merge;
                    cmd.id = Core::IncidentId { open.at(rng.bounded(open.size())) };
                    cmd.others = { Core::IncidentId { all.at(rng.bounded(all.size())) } };
                    if (cmd.others.first() == cmd.id) {
                        continue;
                    }
                    break;
                default: {
                    QSqlQuery q(s.database());
                    q.prepare(u"SELECT id FROM alerts WHERE incident = ? ORDER BY id"_s);
                    q.addBindValue(cmd.id.value);
                    q.exec();
                    QList<Core::AlertId> ids;
                    while (q.next()) {
                        ids << Core::AlertId { q.value(0).toLongLong() };
                    }
                    if (ids.size() < 2) {
                        continue;
                    }
                    cmd.kind = IncidentCommand::Kind::Split;
                    cmd.alerts = ids.mid(0, 1 + qsizetype(rng.bounded(int(ids.size()) - 1)));
                    break;
                }
                }
                const auto change = s.changeIncident(cmd);
                QVERIFY2(change, qPrintable(change.error()));
            }
            if (afterRound) {
                afterRound(round);
            }
        }
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void randomHistoriesMatchTheScan_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::newRow("seed 1") << 1u;
        QTest::newRow("seed 7") << 7u;
        QTest::newRow("seed 42") << 42u;
        QTest::newRow("seed 2026") << 2026u;
    }

    void randomHistoriesMatchTheScan()
    {
        QFETCH(quint32, seed);
        const QString name = u"random-%1.db"_s.arg(seed);
        auto s = open(name, 1);
        QVERIFY(s);
        const Core::RiskModel m = model(path(name));
        qint64 newest = 0;
        int checks = 0;
        randomHistory(*s, seed, 60, &newest, [&](int round) {
            for (const qint64 now : { newest, newest + 7 * kMinute, newest + 5 * kHour }) {
                for (const int topN : { 3, 10, 1000 }) {
                    const QString diff = check(*s, m, now, topN);
                    QVERIFY2(diff.isEmpty(), qPrintable(u"round %1: "_s.arg(round) + diff));
                    ++checks;
                }
            }
            // Rows dated after `now` (a clock behind the sources): summed row by row.
            const QString late = check(*s, m, newest - 25 * kMinute, 5);
            QVERIFY2(late.isEmpty(), qPrintable(u"round %1 (late): "_s.arg(round) + late));
        });
        QCOMPARE(checks, 60 * 9);
        // The history did what it should: closes, merges, splits and re-opens happened.
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"SELECT count(DISTINCT action) FROM incident_audit"
                       " WHERE action IN ('status', 'approve', 'merge', 'split')"_s)
            && q.next());
        QCOMPARE(q.value(0).toInt(), 4);
        QVERIFY(q.exec(u"SELECT count(*) FROM incident_audit WHERE new_value = 'investigating'"_s)
            && q.next());
        QVERIFY(q.value(0).toInt() > 0); // re-opened
        // The running sums are what a rebuild from scratch gives.
        QVERIFY(q.exec(u"SELECT entity, risk_sum, risk_ref, alerts, incidents, sev0, sev1, sev2,"
                       " sev3, sev4 FROM entity_risk ORDER BY entity"_s));
        QList<QVariantList> kept;
        while (q.next()) {
            QVariantList row;
            for (int i = 0; i < 10; ++i) {
                row << q.value(i);
            }
            kept << row;
        }
        QVERIFY(!kept.isEmpty());
        QVERIFY(s->database().transaction());
        QVERIFY(rebuildOpenRisk(s->database(), m));
        QVERIFY(q.exec(u"SELECT entity, risk_sum, risk_ref, alerts, incidents, sev0, sev1, sev2,"
                       " sev3, sev4 FROM entity_risk ORDER BY entity"_s));
        qsizetype i = 0;
        while (q.next()) {
            QVERIFY(i < kept.size());
            const QVariantList &row = kept.at(i++);
            QCOMPARE(q.value(0).toString(), row.at(0).toString());
            const double rebuilt = m.decay(q.value(1).toDouble(), q.value(2).toLongLong(), newest);
            const double running = m.decay(row.at(1).toDouble(), row.at(2).toLongLong(), newest);
            QVERIFY2(near(rebuilt, running),
                qPrintable(u"%1: %2 vs %3"_s.arg(row.at(0).toString()).arg(rebuilt).arg(running)));
            for (int c = 3; c < 10; ++c) {
                QCOMPARE(q.value(c).toLongLong(), row.at(c).toLongLong());
            }
        }
        QCOMPARE(i, kept.size());
        QVERIFY(s->database().rollback());
    }

    // Closing every incident leaves no rows and a zero total (no residue of subtraction).
    void closingEverythingLeavesNothing()
    {
        auto s = open(u"close-all.db"_s, 1);
        QVERIFY(s);
        qint64 newest = 0;
        randomHistory(*s, 5, 20, &newest);
        for (const qint64 id : incidents(*s, true)) {
            IncidentCommand cmd;
            cmd.id = Core::IncidentId { id };
            cmd.transition = IncidentTransition::FalsePositive;
            cmd.actor = u"officer-a"_s;
            QVERIFY(s->changeIncident(cmd));
            cmd.kind = IncidentCommand::Kind::Approve;
            cmd.actor = u"officer-b"_s;
            QVERIFY(s->changeIncident(cmd)); // refused when nothing waits: fine
        }
        QVERIFY(incidents(*s, true).isEmpty());
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"SELECT count(*) FROM entity_risk"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(u"SELECT risk_sum, incidents, alerts FROM risk_total"_s) && q.next());
        QCOMPARE(q.value(0).toDouble(), 0.0);
        QCOMPARE(q.value(1).toInt(), 0);
        QCOMPARE(q.value(2).toInt(), 0);
        const auto overview = s->dashboard(newest - kHour, newest, kHour, 10);
        QVERIFY(overview);
        QCOMPARE(overview->risk, 0.0);
        QVERIFY(overview->topEntities.isEmpty());
    }

    // A v8 store (no running sums) migrated to v9 gives the overview it gave before.
    void migrationFromV8GivesTheSameOverview()
    {
        const QString name = u"v8.db"_s;
        qint64 newest = 0;
        Overview before;
        {
            auto s = open(name, 1);
            QVERIFY(s);
            randomHistory(*s, 99, 30, &newest);
            before = riskOverviewByScan(s->database(), model(path(name)), newest, 10).value();
            QVERIFY(!before.second.isEmpty());
            QSqlQuery q(s->database());
            for (const QString &sql : { u"DROP TABLE entity_risk"_s, u"DROP TABLE risk_total"_s,
                     u"DROP INDEX incident_entities_entity"_s,
                     // and what v10 added
                     u"DROP TABLE rollup_hour_total"_s, u"DROP TRIGGER incident_totals_insert"_s,
                     u"DROP TRIGGER incident_totals_delete"_s,
                     u"DROP TRIGGER incident_totals_status"_s, u"DROP TABLE incident_totals"_s,
                     u"UPDATE meta SET value = '8' WHERE key = 'schema_version'"_s }) {
                QVERIFY2(q.exec(sql), qPrintable(sql));
            }
        }
        auto s = open(name, 1);
        QVERIFY(s);
        QCOMPARE(s->schemaVersion(), sqliteSchemaVersion());
        const Core::RiskModel m = model(path(name));
        const auto after = readOpenRisk(s->database(), m, newest, 10);
        QVERIFY2(after, qPrintable(after.error()));
        QVERIFY(after.value()); // filled on open, not the scan
        QCOMPARE(compare(*after.value(), before,
                     riskOverviewByScan(s->database(), m, newest, 1'000'000).value()),
            QString());
        const auto dashboard = s->dashboard(newest - kHour, newest, kHour, 10);
        QVERIFY(dashboard);
        QVERIFY(near(dashboard->risk, before.first));
        QCOMPARE(dashboard->topEntities.size(), before.second.size());
        QCOMPARE(dashboard->topEntities.first().entity, before.second.first().entity);
    }

    // A new half-life in the policy: the sums are rebuilt when the store next opens read-write;
    // a read-only open before that scans (and gives the same figures).
    void newHalfLifeRebuilds()
    {
        const QString name = u"halflife.db"_s;
        qint64 newest = 0;
        {
            auto s = open(name, 1);
            QVERIFY(s);
            randomHistory(*s, 3, 20, &newest);
        }
        {
            auto ro = open(name, 3, AlertStore::Mode::ReadOnly);
            QVERIFY(ro);
            const Core::RiskModel m3 = model(path(name));
            QCOMPARE(m3.halfLifeMs, 3 * kHour);
            const auto stale = readOpenRisk(ro->database(), m3, newest, 10);
            QVERIFY(stale);
            QVERIFY(!stale.value()); // combined with another half-life: not used
            const auto d = ro->dashboard(newest - kHour, newest, kHour, 10);
            QVERIFY(d);
            QVERIFY(near(d->risk, riskOverviewByScan(ro->database(), m3, newest, 10)->first));
        }
        auto s = open(name, 3);
        QVERIFY(s);
        const QString diff = check(*s, model(path(name)), newest + kHour, 10);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    // The top entities come from the rank index, not from sorting every entity.
    void topEntitiesReadTheRankIndex()
    {
        auto s = open(u"plan.db"_s, 1);
        QVERIFY(s);
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"EXPLAIN QUERY PLAN SELECT entity, risk_sum FROM entity_risk"
                       " WHERE entity <> '' ORDER BY risk_rank DESC, entity LIMIT 10"_s));
        QStringList plan;
        while (q.next()) {
            plan << q.value(3).toString();
        }
        QVERIFY2(plan.join(u' ').contains(u"entity_risk_rank"_s), qPrintable(plan.join(u"; "_s)));
        QVERIFY2(!plan.join(u' ').contains(u"TEMP B-TREE"_s), qPrintable(plan.join(u"; "_s)));
    }
};

QTEST_GUILESS_MAIN(tst_OpenRisk)
#include "tst_openrisk.moc"
