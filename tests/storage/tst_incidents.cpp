// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "incidentpaging.h"
#include "sqlitestore.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Lakeguard;
using namespace Lakeguard::Storage;
using namespace Qt::StringLiterals;
using Core::IncidentStatus;
using Core::IncidentTransition;
using Core::Severity;

namespace {

constexpr qint64 kT0 = 1'767'225'600'000LL; // 2026-01-01T00:00Z
constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 3'600'000;

// The policy these tests pin behaviour against (docs/incidents.md explains each key).
const QByteArray kPolicy
    = "{\"correlation\":["
      "{\"id\":\"chain\",\"title\":\"{rule} on {chain}\",\"match\":{\"categories\":[\"chain\"],"
      "\"min_severity\":\"low\"},\"key\":[\"chain\",\"rule\"],\"window_minutes\":60},"
      "{\"id\":\"rule-entity\",\"title\":\"{title}\",\"match\":{\"min_severity\":\"low\"},"
      "\"key\":[\"rule\",\"entity\"],\"window_minutes\":30},"
      "{\"id\":\"entity\",\"title\":\"Several alerts on {entity}\",\"match\":{\"min_severity\":"
      "\"medium\"},\"key\":[\"entity\"],\"window_minutes\":10}],"
      "\"deadlines_hours\":{\"default\":10,\"fraud\":2},"
      "\"approval_severities\":[\"critical\"],"
      "\"risk\":{\"half_life_hours\":1,\"incident_scale\":100,\"global_scale\":2500,"
      "\"assets\":[{\"pattern\":\"crown-*\",\"weight\":4}]}}";

int s_serial = 0;

// "rule|entity|minute|severity|category"
Core::Alert alertFrom(const QString &spec)
{
    const QStringList f = spec.split(u'|');
    Core::Alert a;
    a.rule = f.value(0);
    a.entity = f.value(1);
    a.ts = kT0 + f.value(2).toLongLong() * kMinute;
    a.received = a.ts;
    a.severity = Core::severityFromName(f.value(3, u"high"_s)).value_or(Severity::High);
    a.category = Core::categoryFromName(f.value(4, u"intrusion"_s)).value_or(Core::Category::Other);
    a.feed = u"test"_s;
    a.source = a.category == Core::Category::Chain ? u"chain"_s : u"jsonl"_s;
    a.title = u"alert-%1"_s.arg(++s_serial);
    a.message = spec;
    a.raw = a.category == Core::Category::Chain ? QByteArray("{\"chain\":\"fincons\"}")
                                                : spec.toUtf8();
    a.fingerprint = Core::fingerprintOf(u"test", a.title.toUtf8());
    return a;
}

IngestBatch batchOf(const QList<Core::Alert> &alerts)
{
    IngestBatch b;
    b.feed = u"test"_s;
    b.feedType = u"file"_s;
    b.alerts = alerts;
    return b;
}

} // namespace

class tst_Incidents : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<SqliteStore> openRw(const QString &name)
    {
        QFile policy(path(name) + u".policy.json"_s);
        if (!policy.exists() && (!policy.open(QIODevice::WriteOnly) || policy.write(kPolicy) < 0)) {
            return nullptr;
        }
        policy.close();
        auto s = std::make_unique<SqliteStore>(path(name));
        if (const Status st = s->open(AlertStore::Mode::ReadWrite); !st) {
            qWarning() << st.error();
            return nullptr;
        }
        return s;
    }

    // Writes one alert and returns the incident it joined (0: none).
    static qint64 ingest(SqliteStore &s, const Core::Alert &a, BatchResult *result = nullptr)
    {
        const BatchResult r = s.writeBatch(batchOf({ a }));
        if (result) {
            *result = r;
        }
        if (!r.ok || r.accepted != 1) {
            qWarning() << "ingest failed" << r.error;
            return -1;
        }
        const auto stored = s.alert(Core::AlertId { r.lastAlertId });
        return stored && stored->incident ? stored->incident->value : 0;
    }

    static qsizetype auditCount(SqliteStore &s, qint64 id)
    {
        const auto d = s.incident(Core::IncidentId { id }, 0, kT0);
        return d ? d->audit.size() : -1;
    }

    static qint64 auditRows(SqliteStore &s)
    {
        QSqlQuery q(s.database());
        return q.exec(u"SELECT count(*) FROM incident_audit"_s) && q.next()
            ? q.value(0).toLongLong()
            : -1;
    }

    static Result<IncidentChange> move(
        SqliteStore &s, qint64 id, IncidentTransition t, const QString &actor = u"alice"_s)
    {
        IncidentCommand c;
        c.kind = IncidentCommand::Kind::Transition;
        c.id = Core::IncidentId { id };
        c.transition = t;
        c.actor = actor;
        return s.changeIncident(c);
    }

    static IncidentStatus statusOf(SqliteStore &s, qint64 id)
    {
        return s.incident(Core::IncidentId { id }, 0, kT0)->incident.status;
    }

    // The store's counts by status (incident_totals, kept by triggers since schema v10) equal a
    // count of the incidents; the first difference otherwise.
    static QString countsByStatusMatch(SqliteStore &s)
    {
        const auto stats = s.stats();
        if (!stats) {
            return stats.error();
        }
        QMap<QString, qint64> counted;
        QSqlQuery q(s.database());
        if (!q.exec(u"SELECT status, count(*) FROM incidents GROUP BY status"_s)) {
            return q.lastError().text();
        }
        while (q.next()) {
            counted[q.value(0).toString()] = q.value(1).toLongLong();
        }
        for (auto it = stats->incidents.cbegin(); it != stats->incidents.cend(); ++it) {
            if (it.key() != u"open"_s && it.value() != counted.value(it.key())) {
                return u"%1: %2 kept, %3 counted"_s.arg(it.key())
                    .arg(it.value())
                    .arg(counted.value(it.key()));
            }
        }
        for (auto it = counted.cbegin(); it != counted.cend(); ++it) {
            if (stats->incidents.value(it.key()) != it.value()) {
                return u"%1: %2 counted, not kept"_s.arg(it.key()).arg(it.value());
            }
        }
        return QString();
    }

    // Raw SQL on a connection of its own: what someone with file access could do.
    bool tamper(const QString &name, const QString &statement)
    {
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
            db.setDatabaseName(path(name));
            ok = db.open();
            QSqlQuery q(db);
            if (ok && !q.exec(statement)) {
                qWarning() << q.lastError().text();
                ok = false;
            }
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"tamper"_s);
        return ok;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    // Alerts in, incidents out: which alerts share an incident. `groups` labels each alert
    // with a letter (same letter, same incident) or '-' (no incident).
    void correlation_data()
    {
        QTest::addColumn<QStringList>("alerts");
        QTest::addColumn<QString>("groups");
        QTest::addRow("same rule and entity within the window")
            << QStringList { u"r1|h1|0"_s, u"r1|h1|20"_s } << u"aa"_s;
        QTest::addRow("window expired") << QStringList { u"r1|h1|0"_s, u"r1|h1|45"_s } << u"ab"_s;
        QTest::addRow("window counts from the last alert")
            << QStringList { u"r1|h1|0"_s, u"r1|h1|25"_s, u"r1|h1|50"_s } << u"aaa"_s;
        QTest::addRow("other rule, same entity (entity rule)")
            << QStringList { u"r1|h1|0"_s, u"r2|h1|5"_s } << u"aa"_s;
        QTest::addRow("other rule, same entity, beyond the entity window")
            << QStringList { u"r1|h1|0"_s, u"r2|h1|15"_s } << u"ab"_s;
        QTest::addRow("low severity is not grouped by entity")
            << QStringList { u"r1|h1|0"_s, u"r2|h1|5|low"_s } << u"ab"_s;
        QTest::addRow("info makes no incident") << QStringList { u"r1|h1|0|info"_s } << u"-"_s;
        QTest::addRow("different entities")
            << QStringList { u"r1|h1|0"_s, u"r1|h2|1"_s } << u"ab"_s;
        QTest::addRow("chain: same chain and condition across nodes") << QStringList {
            u"chain.fork|node-1|0|critical|chain"_s, u"chain.fork|node-2|5|critical|chain"_s
        } << u"aa"_s;
        QTest::addRow("chain: other condition on another node") << QStringList {
            u"chain.fork|node-1|0|critical|chain"_s, u"chain.lag|node-2|2|medium|chain"_s
        } << u"ab"_s;
        QTest::addRow("no entity, no key") << QStringList { u"r1||0"_s } << u"-"_s;
        QTest::addRow("out of order within the window")
            << QStringList { u"r1|h1|20"_s, u"r1|h1|0"_s } << u"aa"_s;
        QTest::addRow("a bridge alert joins the first incident")
            << QStringList { u"r1|h1|0"_s, u"r2|h2|1"_s, u"r2|h1|2"_s } << u"aba"_s;
    }
    void correlation()
    {
        QFETCH(QStringList, alerts);
        QFETCH(QString, groups);
        // Once in one batch, once an alert per batch: the same grouping.
        for (const bool oneBatch : { true, false }) {
            const QString name
                = u"corr-%1-%2.db"_s.arg(QString::fromUtf8(QTest::currentDataTag())).arg(oneBatch);
            auto s = openRw(QString(name).replace(u' ', u'_').replace(u',', u'_'));
            QVERIFY(s);
            QList<Core::Alert> list;
            for (const QString &spec : alerts) {
                list << alertFrom(spec);
            }
            if (oneBatch) {
                const BatchResult r = s->writeBatch(batchOf(list));
                QVERIFY2(r.ok, qPrintable(r.error));
                QCOMPARE(r.accepted, list.size());
            } else {
                for (const Core::Alert &a : list) {
                    QVERIFY(s->writeBatch(batchOf({ a })).ok);
                }
            }
            QHash<QChar, qint64> incidentOf;
            QSet<qint64> seen;
            for (qsizetype i = 0; i < list.size(); ++i) {
                AlertFilter f;
                f.search = list.at(i).title;
                const auto page = s->alerts(f, AlertSort::TimeAsc, 10, std::nullopt);
                QVERIFY(page && page->alerts.size() == 1);
                const auto incident = page->alerts.first().incident;
                const QChar label = groups.at(i);
                if (label == u'-') {
                    QVERIFY2(!incident, qPrintable(u"alert %1 has an incident"_s.arg(i)));
                    continue;
                }
                QVERIFY2(incident, qPrintable(u"alert %1 has no incident"_s.arg(i)));
                if (incidentOf.contains(label)) {
                    QCOMPARE(incident->value, incidentOf.value(label));
                } else {
                    QVERIFY2(!seen.contains(incident->value),
                        qPrintable(u"alert %1 joined another group's incident"_s.arg(i)));
                    incidentOf.insert(label, incident->value);
                    seen.insert(incident->value);
                }
            }
            // Counts agree with the grouping.
            QCOMPARE(s->countIncidents({}).value(), qint64(incidentOf.size()));
        }
    }

    void aggregatesAndDeadline()
    {
        auto s = openRw(u"aggregates.db"_s);
        QVERIFY(s);
        const qint64 id = ingest(*s, alertFrom(u"fraud.x|acct 1|0|medium|fraud"_s));
        QVERIFY(id > 0);
        QCOMPARE(ingest(*s, alertFrom(u"fraud.x|acct 1|7|high|fraud"_s)), id);
        QCOMPARE(ingest(*s, alertFrom(u"fraud.x|acct 1|3|low|fraud"_s)), id);
        const auto d = s->incident(Core::IncidentId { id }, 10, kT0 + 7 * kMinute);
        QVERIFY(d);
        const IncidentRow &r = d->incident;
        QCOMPARE(r.alerts, 3);
        QCOMPARE(r.severity, Severity::High);
        QCOMPARE(r.category, Core::Category::Fraud);
        QCOMPARE(r.status, IncidentStatus::New);
        QCOMPARE(r.firstSeen, kT0);
        QCOMPARE(r.lastSeen, kT0 + 7 * kMinute);
        QCOMPARE(r.deadline, kT0 + 2 * kHour); // fraud: 2 h from the first alert
        QCOMPARE(r.rule, u"rule-entity"_s);
        QCOMPARE(r.entity, u"acct 1"_s);
        QCOMPARE(d->alerts.size(), 3);
        QVERIFY(d->audit.isEmpty()); // opening an incident is no officer action
        QVERIFY(r.overdue(kT0 + 3 * kHour));
        QVERIFY(!r.overdue(kT0 + kHour));
        QVERIFY(r.risk > 0);
    }

    void duplicatesMakeNoIncident()
    {
        auto s = openRw(u"dups.db"_s);
        QVERIFY(s);
        const Core::Alert a = alertFrom(u"r1|h1|0"_s);
        QVERIFY(ingest(*s, a) > 0);
        const BatchResult again = s->writeBatch(batchOf({ a, alertFrom(u"r9|h9|0|info"_s) }));
        QVERIFY(again.ok);
        QCOMPARE(again.duplicates, 1);
        QCOMPARE(s->countIncidents({}).value(), 1);
        QCOMPARE(s->incidents({}, IncidentSort::IdDesc, 10, 0, kT0)->first().alerts, 1);
        // The next new incident takes the next id (the duplicate's reservation was released).
        QCOMPARE(ingest(*s, alertFrom(u"r2|h2|0"_s)), 2);
    }

    // Every (status, transition) pair through the store: allowed ones change the status and
    // leave exactly one audit entry; refused ones change nothing and say why.
    void lifecycle_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("transition");
        for (int from = 0; from < Core::kIncidentStatusCount; ++from) {
            for (int t = 0; t < 5; ++t) {
                QTest::addRow("%s %s", qPrintable(Core::incidentStatusName(IncidentStatus(from))),
                    qPrintable(Core::incidentTransitionName(IncidentTransition(t))))
                    << from << t;
            }
        }
    }
    void lifecycle()
    {
        QFETCH(int, from);
        QFETCH(int, transition);
        auto s = openRw(u"lifecycle.db"_s);
        QVERIFY(s);
        const qint64 id = ingest(*s, alertFrom(u"r|e-%1-%2|0|high"_s.arg(from).arg(transition)));
        QVERIFY(id > 0);
        // Given an incident in `from` (reached by the allowed path)
        const QList<QList<IncidentTransition>> paths {
            {},
            { IncidentTransition::Acknowledge },
            { IncidentTransition::Investigate },
            { IncidentTransition::Resolve },
            { IncidentTransition::FalsePositive },
        };
        for (const IncidentTransition t : paths.at(from)) {
            const auto r = move(*s, id, t);
            QVERIFY(r && !r->refused);
        }
        QCOMPARE(int(statusOf(*s, id)), from);
        const qsizetype before = auditCount(*s, id);
        // When
        const auto t = IncidentTransition(transition);
        const auto r = move(*s, id, t);
        QVERIFY2(r, qPrintable(r.error()));
        // Then
        const auto expected = Core::applyTransition(IncidentStatus(from), t);
        if (expected) {
            QVERIFY2(!r->refused, qPrintable(r->message));
            QCOMPARE(statusOf(*s, id), *expected);
            QCOMPARE(auditCount(*s, id), before + 1);
            const auto d = s->incident(Core::IncidentId { id }, 0, kT0);
            const AuditEntry &e = d->audit.constLast();
            QCOMPARE(e.action, u"status"_s);
            QCOMPARE(e.actor, u"alice"_s);
            QCOMPARE(e.oldValue, Core::incidentStatusName(IncidentStatus(from)));
            QCOMPARE(e.newValue, Core::incidentStatusName(*expected));
        } else {
            QVERIFY(r->refused);
            QVERIFY(!r->notFound);
            QVERIFY2(r->message.contains(Core::incidentStatusName(IncidentStatus(from))),
                qPrintable(r->message));
            QCOMPARE(int(statusOf(*s, id)), from);
            QCOMPARE(auditCount(*s, id), before);
        }
        QCOMPARE(countsByStatusMatch(*s), QString());
    }

    void unknownIncident()
    {
        auto s = openRw(u"unknown.db"_s);
        QVERIFY(s);
        const auto r = move(*s, 42, IncidentTransition::Acknowledge);
        QVERIFY(r && r->refused && r->notFound);
        QCOMPARE(auditRows(*s), 0);
    }

    void makerChecker()
    {
        auto s = openRw(u"maker.db"_s);
        QVERIFY(s);
        const qint64 critical = ingest(*s, alertFrom(u"r|c1|0|critical"_s));
        const qint64 high = ingest(*s, alertFrom(u"r|h1|0|high"_s));
        QVERIFY(critical > 0 && high > 0 && critical != high);

        // A high incident closes at once.
        auto r = move(*s, high, IncidentTransition::Resolve);
        QVERIFY(r && !r->refused && !r->pendingApproval);
        QCOMPARE(statusOf(*s, high), IncidentStatus::Resolved);

        // A critical one waits for a second identity.
        const qsizetype before = auditCount(*s, critical);
        r = move(*s, critical, IncidentTransition::Resolve, u"alice"_s);
        QVERIFY(r && !r->refused && r->pendingApproval);
        QCOMPARE(statusOf(*s, critical), IncidentStatus::New);
        auto row = s->incident(Core::IncidentId { critical }, 0, kT0)->incident;
        QCOMPARE(row.pendingStatus, IncidentStatus::Resolved);
        QCOMPARE(row.pendingBy, u"alice"_s);
        QCOMPARE(auditCount(*s, critical), before + 1);

        // A second close request is refused while one waits.
        r = move(*s, critical, IncidentTransition::FalsePositive, u"carol"_s);
        QVERIFY(r && r->refused);

        IncidentCommand approve;
        approve.kind = IncidentCommand::Kind::Approve;
        approve.id = Core::IncidentId { critical };
        approve.actor = u"alice"_s;
        r = s->changeIncident(approve);
        QVERIFY(r && r->refused);
        QVERIFY2(r->message.contains(u"different identity"_s), qPrintable(r->message));
        QCOMPARE(statusOf(*s, critical), IncidentStatus::New);
        QCOMPARE(auditCount(*s, critical), before + 1);

        approve.actor = u"bob"_s;
        r = s->changeIncident(approve);
        QVERIFY(r && !r->refused);
        QCOMPARE(statusOf(*s, critical), IncidentStatus::Resolved);
        row = s->incident(Core::IncidentId { critical }, 0, kT0)->incident;
        QVERIFY(!row.pendingStatus);
        QCOMPARE(auditCount(*s, critical), before + 2);
        const auto d = s->incident(Core::IncidentId { critical }, 0, kT0);
        QCOMPARE(d->audit.constLast().action, u"approve"_s);
        QCOMPARE(d->audit.constLast().actor, u"bob"_s);

        // Nothing left to approve.
        r = s->changeIncident(approve);
        QVERIFY(r && r->refused);
        QCOMPARE(countsByStatusMatch(*s), QString());
    }

    void pendingCloseIsWithdrawnByInvestigating()
    {
        auto s = openRw(u"withdraw.db"_s);
        QVERIFY(s);
        const qint64 id = ingest(*s, alertFrom(u"r|c1|0|critical"_s));
        QVERIFY(move(*s, id, IncidentTransition::Resolve)->pendingApproval);
        const auto r = move(*s, id, IncidentTransition::Investigate, u"bob"_s);
        QVERIFY(r && !r->refused);
        const auto row = s->incident(Core::IncidentId { id }, 0, kT0)->incident;
        QCOMPARE(row.status, IncidentStatus::Investigating);
        QVERIFY(!row.pendingStatus);
    }

    // Each officer action leaves exactly one audit entry; verify covers them, and tampering
    // with one is found.
    void auditCompletenessAndTamperEvidence()
    {
        const QString name = u"audit.db"_s;
        qint64 tamperId = 0;
        {
            auto s = openRw(name);
            QVERIFY(s);
            const qint64 a = ingest(*s, alertFrom(u"r1|x1|0"_s));
            const qint64 b = ingest(*s, alertFrom(u"r2|x2|0"_s));
            QVERIFY(ingest(*s, alertFrom(u"r1|x1|1"_s)) == a);
            QCOMPARE(auditRows(*s), 0);
            QList<IncidentCommand> commands;
            IncidentCommand c;
            c.id = Core::IncidentId { a };
            c.actor = u"alice"_s;
            c.kind = IncidentCommand::Kind::Transition;
            c.transition = IncidentTransition::Acknowledge;
            commands << c;
            c.kind = IncidentCommand::Kind::Assign;
            c.text = u"bob"_s;
            commands << c;
            c.kind = IncidentCommand::Kind::Note;
            c.text = u"called the branch; see https://intranet.example/case/7"_s;
            commands << c;
            c.kind = IncidentCommand::Kind::Severity;
            c.severity = Severity::Critical;
            c.reason = u"customer data"_s;
            commands << c;
            c.kind = IncidentCommand::Kind::Tags;
            c.text = u"pci, escalated"_s;
            commands << c;
            c.kind = IncidentCommand::Kind::Merge;
            c.others = { Core::IncidentId { b } };
            commands << c;
            c.kind = IncidentCommand::Kind::Split;
            const auto alerts = s->incident(Core::IncidentId { a }, 10, kT0)->alerts;
            QCOMPARE(alerts.size(), 2); // before the merge below adds one
            c.alerts = { alerts.first().id };
            commands << c;
            c.kind = IncidentCommand::Kind::Suppress;
            c.until = Core::nowMs() + kHour;
            c.reason = u"maintenance"_s;
            commands << c;
            c.kind = IncidentCommand::Kind::Transition;
            c.transition = IncidentTransition::Investigate;
            commands << c;
            for (const IncidentCommand &cmd : std::as_const(commands)) {
                const qint64 before = auditRows(*s);
                const auto r = s->changeIncident(cmd);
                QVERIFY2(r && !r->refused, qPrintable(r ? r->message : r.error()));
                QCOMPARE(auditRows(*s), before + 1);
                QVERIFY(r->auditId > 0);
                tamperId = r->auditId;
            }
            // Notes are the audit entries of kind "note", as plain text.
            const auto d = s->incident(Core::IncidentId { a }, 0, kT0);
            QCOMPARE(d->notes.size(), 1);
            QVERIFY(d->notes.first().newValue.contains(u"https://intranet.example/case/7"_s));
            QCOMPARE(d->incident.owner, u"bob"_s);
            QCOMPARE(d->incident.severity, Severity::Critical);
            QCOMPARE(d->incident.tags, (QStringList { u"pci"_s, u"escalated"_s }));
            const auto v = s->verify(false);
            QVERIFY2(v && v->ok, qPrintable(v ? v->firstProblem : v.error()));
        }
        QVERIFY(tamper(name,
            u"UPDATE incident_audit SET reason = 'nothing happened' WHERE id = %1"_s.arg(
                tamperId - 3)));
        {
            SqliteStore s(path(name));
            QVERIFY(s.open(AlertStore::Mode::ReadOnly));
            const auto v = s.verify(false);
            QVERIFY(v);
            QVERIFY(!v->ok);
            QVERIFY2(v->firstProblem.startsWith(u"audit entry %1 "_s.arg(tamperId - 3)),
                qPrintable(v->firstProblem));
            QVERIFY(v->firstProblem.contains(u"modified"_s));
        }
        QVERIFY(tamper(name, u"DELETE FROM incident_audit WHERE id = %1"_s.arg(tamperId)));
        {
            SqliteStore s(path(name));
            QVERIFY(s.open(AlertStore::Mode::ReadOnly));
            const auto v = s.verify(false);
            QVERIFY(v && !v->ok);
            QVERIFY2(v->problems.join(u'\n').contains(u"audit entry %1 (leaf"_s.arg(tamperId)),
                qPrintable(v->problems.join(u'\n')));
        }
    }

    // countIncidents against the length of the list it counts, for filters on statuses alone
    // (answered from the counts by status) and one that is not: empty when all agree.
    static QString countsMatchLists(SqliteStore &s)
    {
        const QList<QList<IncidentStatus>> statusSets { {}, { IncidentStatus::New },
            { IncidentStatus::New, IncidentStatus::Acknowledged }, { IncidentStatus::Resolved } };
        for (const bool openOnly : { false, true }) {
            for (const QList<IncidentStatus> &statuses : statusSets) {
                IncidentFilter f;
                f.openOnly = openOnly;
                f.statuses = statuses;
                const qint64 counted = s.countIncidents(f).value();
                const qint64 listed = s.incidents(f, IncidentSort::IdDesc, -1, 0, kT0)->size();
                if (counted != listed) {
                    return u"open only %1, %2 statuses: counted %3, listed %4"_s.arg(openOnly)
                        .arg(statuses.size())
                        .arg(counted)
                        .arg(listed);
                }
            }
        }
        return {};
    }

    void mergeAndSplit()
    {
        auto s = openRw(u"merge.db"_s);
        QVERIFY(s);
        const qint64 a = ingest(*s, alertFrom(u"r1|m1|0|medium"_s));
        const qint64 b = ingest(*s, alertFrom(u"r2|m2|0|critical"_s));
        QVERIFY(ingest(*s, alertFrom(u"r2|m2|5|high"_s)) == b);
        IncidentCommand merge;
        merge.kind = IncidentCommand::Kind::Merge;
        merge.id = Core::IncidentId { a };
        merge.others = { Core::IncidentId { a } };
        merge.actor = u"alice"_s;
        QVERIFY(s->changeIncident(merge)->refused); // into itself
        merge.others = { Core::IncidentId { b } };
        const auto r = s->changeIncident(merge);
        QVERIFY(r && !r->refused);
        auto target = s->incident(Core::IncidentId { a }, 10, kT0)->incident;
        QCOMPARE(target.alerts, 3);
        QCOMPARE(target.severity, Severity::Critical);
        const auto source = s->incident(Core::IncidentId { b }, 10, kT0)->incident;
        QCOMPARE(source.mergedInto, Core::IncidentId { a });
        QCOMPARE(source.alerts, 0);
        QCOMPARE(s->countIncidents({}).value(), 1); // merged ones are hidden
        // A later alert on the merged incident's key joins the target.
        QCOMPARE(ingest(*s, alertFrom(u"r2|m2|8|low"_s)), a);
        // Changing a merged incident is refused.
        QVERIFY(move(*s, b, IncidentTransition::Acknowledge)->refused);

        // Split the two critical/high alerts of m2 off again.
        const auto alerts = s->incident(Core::IncidentId { a }, 10, kT0)->alerts;
        IncidentCommand split;
        split.kind = IncidentCommand::Kind::Split;
        split.id = Core::IncidentId { a };
        split.actor = u"alice"_s;
        for (const Core::Alert &x : alerts) {
            split.alerts << x.id;
        }
        QVERIFY(s->changeIncident(split)->refused); // would leave it empty
        split.alerts.clear();
        for (const Core::Alert &x : alerts) {
            if (x.severity >= Severity::High) {
                split.alerts << x.id;
            }
        }
        QCOMPARE(split.alerts.size(), 2);
        const auto done = s->changeIncident(split);
        QVERIFY(done && !done->refused && done->created);
        const auto fresh = s->incident(*done->created, 10, kT0)->incident;
        QCOMPARE(fresh.alerts, 2);
        QCOMPARE(fresh.severity, Severity::Critical);
        QCOMPARE(fresh.status, IncidentStatus::New);
        target = s->incident(Core::IncidentId { a }, 10, kT0)->incident;
        QCOMPARE(target.alerts, 2);
        QCOMPARE(target.severity, Severity::Medium);
        IncidentCommand foreign = split;
        foreign.id = *done->created;
        foreign.alerts
            = { alerts.constLast().id.value == split.alerts.first().value ? alerts.first().id
                                                                          : alerts.constLast().id };
        QVERIFY(s->changeIncident(foreign)->refused); // not one of its alerts
        // Merged (resolved), split off (a new one) and reopened: the counts by status followed.
        QCOMPARE(countsByStatusMatch(*s), QString());
        // A count of open statuses comes from those counts; it must equal the list's length,
        // which leaves the merged incident out.
        QVERIFY(move(*s, a, IncidentTransition::Acknowledge));
        QCOMPARE(countsMatchLists(*s), QString());
    }

    void suppression()
    {
        auto s = openRw(u"suppress.db"_s);
        QVERIFY(s);
        const qint64 id = ingest(*s, alertFrom(u"scan.x|host-9|0|medium"_s));
        IncidentCommand c;
        c.kind = IncidentCommand::Kind::Suppress;
        c.id = Core::IncidentId { id };
        c.actor = u"alice"_s;
        c.until = Core::nowMs() + kHour;
        QVERIFY(s->changeIncident(c)->refused); // no reason
        c.reason = u"authorised scan"_s;
        c.until = Core::nowMs() - 1;
        QVERIFY(s->changeIncident(c)->refused); // in the past
        c.until = Core::nowMs() + kHour;
        const auto r = s->changeIncident(c);
        QVERIFY(r && !r->refused);
        const auto list = s->suppressions().value();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().rule, u"scan.x"_s);
        QCOMPARE(list.first().entity, u"host-9"_s);

        BatchResult result;
        QCOMPARE(ingest(*s, alertFrom(u"scan.x|host-9|3|high"_s), &result), 0);
        QCOMPARE(result.suppressed, 1);
        const auto stored = s->alert(Core::AlertId { result.lastAlertId });
        QCOMPARE(stored->suppressedBy, list.first().id);
        QCOMPARE(stored->toJson().value(u"suppressed"_s).toInteger(), list.first().id);
        // Another entity is not suppressed; the alert is stored and counted either way.
        QVERIFY(ingest(*s, alertFrom(u"scan.x|host-8|3|high"_s)) > 0);
        QCOMPARE(s->countAlerts({}).value(), 3);
        // Globs in the entity.
        c.entity = u"crown-*"_s;
        c.rule = u"r7"_s;
        QVERIFY(!s->changeIncident(c)->refused);
        QCOMPARE(ingest(*s, alertFrom(u"r7|crown-db|4|critical"_s)), 0);
    }

    // docs/risk-model.md, version 2, pinned: w × criticality, halved each half-life (1 h here),
    // incident score 100·(1 − e^(−S/100)), global 100·(1 − e^(−ΣS/2500)).
    void riskModel()
    {
        auto s = openRw(u"risk.db"_s);
        QVERIFY(s);
        const qint64 crown = ingest(*s, alertFrom(u"r|crown-vault|0|critical"_s));
        const qint64 plain = ingest(*s, alertFrom(u"r|plain|0|critical"_s));
        const qint64 low = ingest(*s, alertFrom(u"r|small|0|low"_s));
        const qint64 closed = ingest(*s, alertFrom(u"r|closed|0|high"_s));
        QVERIFY(move(*s, closed, IncidentTransition::FalsePositive));
        const auto rows = s->incidents({}, IncidentSort::RiskDesc, 10, 0, kT0).value();
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0).id.value, crown);
        QCOMPARE(rows.at(1).id.value, plain);
        QCOMPARE(rows.at(2).id.value, low);
        QCOMPARE(rows.at(3).id.value, closed); // closed last, risk 0
        QCOMPARE(rows.at(3).risk, 0.0);
        QVERIFY(std::abs(rows.at(0).risk - 100.0 * (1.0 - std::exp(-80.0 / 100.0))) < 1e-9);
        QVERIFY(std::abs(rows.at(1).risk - 100.0 * (1.0 - std::exp(-20.0 / 100.0))) < 1e-9);
        // One half-life later every sum has halved.
        const auto later = s->incidents({}, IncidentSort::RiskDesc, 1, 0, kT0 + kHour).value();
        QVERIFY(std::abs(later.at(0).riskSum - 40.0) < 1e-9);
        // Global and per entity on the Dashboard.
        const auto d = s->dashboard(kT0 - kHour, kT0 + kMinute, kMinute, 3);
        QVERIFY2(d, qPrintable(d.error()));
        const double expected = 100.0 * (1.0 - std::exp(-std::exp2(-1.0 / 60.0) * 101.0 / 2500.0));
        QVERIFY2(std::abs(d->risk - expected) < 1e-9, qPrintable(QString::number(d->risk)));
        QCOMPARE(d->topEntities.size(), 3);
        QCOMPARE(d->topEntities.first().entity, u"crown-vault"_s);
        QVERIFY(!d->riskSeries.isEmpty());
        QCOMPARE(d->riskSeries.constLast().second, d->risk);
    }

    void criticalNotices()
    {
        auto s = openRw(u"notices.db"_s);
        QVERIFY(s);
        BatchResult r;
        const qint64 id = ingest(*s, alertFrom(u"r|n1|0|high"_s), &r);
        QVERIFY(r.criticalIncidents.isEmpty());
        QCOMPARE(ingest(*s, alertFrom(u"r|n1|1|critical"_s), &r), id);
        QCOMPARE(r.criticalIncidents.size(), 1); // became critical
        QCOMPARE(r.criticalIncidents.first().id.value, id);
        QCOMPARE(ingest(*s, alertFrom(u"r|n1|2|critical"_s), &r), id);
        QVERIFY(r.criticalIncidents.isEmpty()); // already was
    }

    void filtersAndPaging()
    {
        auto s = openRw(u"filters.db"_s);
        QVERIFY(s);
        for (int i = 0; i < 7; ++i) {
            QVERIFY(ingest(*s,
                        alertFrom(u"r|f%1|%2|%3"_s.arg(i).arg(i).arg(
                            i % 2 ? u"critical"_s : u"medium"_s)))
                > 0);
        }
        QVERIFY(move(*s, 1, IncidentTransition::Acknowledge));
        IncidentFilter f;
        f.statuses = { IncidentStatus::Acknowledged };
        QCOMPARE(s->countIncidents(f).value(), 1);
        f = {};
        f.minSeverity = Severity::Critical;
        QCOMPARE(s->countIncidents(f).value(), 3);
        f = {};
        f.search = u"f5"_s;
        QCOMPARE(s->countIncidents(f).value(), 1);
        f.search = u"  F5 "_s; // case and spaces do not count
        QCOMPARE(s->countIncidents(f).value(), 1);
        // Word by word: each word in the title or the entity, in any order.
        f.search = u"f5 f"_s;
        QCOMPARE(s->countIncidents(f).value(), 1);
        f.search = u"f5 f6"_s;
        QCOMPARE(s->countIncidents(f).value(), 0);
        f.search = u"f"_s;
        QCOMPARE(s->countIncidents(f).value(), 7);
        f.search = u"100%"_s; // LIKE wildcards are literal
        QCOMPARE(s->countIncidents(f).value(), 0);
        f.search = u"f_"_s;
        QCOMPARE(s->countIncidents(f).value(), 0);
        const auto page1 = s->incidents({}, IncidentSort::IdDesc, 3, 0, kT0).value();
        const auto page3 = s->incidents({}, IncidentSort::IdDesc, 3, 6, kT0).value();
        QCOMPARE(page1.size(), 3);
        QCOMPARE(page1.first().id.value, 7);
        QCOMPARE(page3.size(), 1);
        QCOMPARE(page3.first().id.value, 1);
    }

    // Keyset pages (IncidentPageAt::after / before) and pages read backwards from the end give
    // exactly the rows of the same pages by OFFSET, in every order and under filters, with ties
    // in every key column and open and closed incidents on both sides of each page boundary.
    void keysetPagesMatchOffsetPages_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<int>("filter");
        const char *sorts[] = { "risk", "last-seen", "severity", "deadline", "id" };
        const char *filters[] = { "all", "open", "high-up", "closed" };
        for (int sort = 0; sort < 5; ++sort) {
            for (int filter = 0; filter < 4; ++filter) {
                QTest::addRow("%s/%s", sorts[sort], filters[filter]) << sort << filter;
            }
        }
    }

    void keysetPagesMatchOffsetPages()
    {
        QFETCH(int, sort);
        QFETCH(int, filter);
        const QString name = u"keyset.db"_s;
        auto s = openRw(name);
        QVERIFY(s);
        if (s->countIncidents({}).value() == 0) { // the rows are written once for every case
            const char *severities[] = { "low", "medium", "high" };
            QList<Core::Alert> alerts;
            for (int i = 0; i < 61; ++i) {
                // Few minutes and severities: many incidents share risk, last seen and deadline.
                alerts << alertFrom(
                    u"k%1|x%1|%2|%3"_s.arg(i).arg(i % 4).arg(QLatin1String(severities[i % 3])));
            }
            const BatchResult r = s->writeBatch(batchOf(alerts));
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(s->countIncidents({}).value(), 61);
            for (qint64 id = 1; id <= 61; id += 4) {
                const auto closed = move(*s, id,
                    id % 3 ? IncidentTransition::Resolve : IncidentTransition::FalsePositive);
                QVERIFY2(closed && !closed->refused,
                    qPrintable(closed ? closed->message : closed.error()));
            }
        }
        IncidentFilter f;
        if (filter == 1) {
            f.openOnly = true;
        } else if (filter == 2) {
            f.minSeverity = Severity::High;
        } else if (filter == 3) {
            f.statuses = { IncidentStatus::Resolved, IncidentStatus::FalsePositive };
        }
        QCOMPARE(Test::keysetPagesMatch(*s, f, IncidentSort(sort), 7, kT0), QString());
    }

    // The built-in policy groups fraud waves by rule alone: alerts without an entity open
    // incidents too (a null entity once failed the NOT NULL column).
    void builtInPolicyWithoutEntity()
    {
        SqliteStore s(path(u"builtin.db"_s));
        QVERIFY(s.open(AlertStore::Mode::ReadWrite));
        Core::Alert a = alertFrom(u"fraud.wave|x|0|medium|fraud"_s);
        a.entity = QString();
        Core::Alert b = alertFrom(u"fraud.wave|x|5|high|fraud"_s);
        b.entity = QString();
        const BatchResult r = s.writeBatch(batchOf({ a, b }));
        QVERIFY2(r.ok, qPrintable(r.error));
        const auto rows = s.incidents({}, IncidentSort::RiskDesc, 10, 0, kT0).value();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().alerts, 2);
        QCOMPARE(rows.first().rule, u"same-rule-wave"_s);
        QCOMPARE(rows.first().title, u"Wave of fraud.wave"_s);
        QCOMPARE(rows.first().entity, QString(u""_s));
    }

    void invalidPolicyIsAnError()
    {
        QFile f(path(u"badpolicy.db"_s) + u".policy.json"_s);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"correlation\":[{\"id\":\"x\"}]}");
        f.close();
        SqliteStore s(path(u"badpolicy.db"_s));
        const Status st = s.open(AlertStore::Mode::ReadWrite);
        QVERIFY(!st);
        QVERIFY2(st.error().contains(u"badpolicy.db.policy.json"_s), qPrintable(st.error()));
    }
};

QTEST_GUILESS_MAIN(tst_Incidents)
#include "tst_incidents.moc"
