// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The shared team store against a real PostgreSQL server the test starts (pgserver.h).
#include "pgserver.h"

#include "alertstore.h"
#include "incidentpaging.h"
#include "incidentstore.h"
#include "openrisk.h"
#include "pgstore.h"
#include "schema.h"
#include "sqlitestore.h"
#include "storechangelistener.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace Lakeguard::Storage;
using Core::Severity;

namespace {

Alert makeAlert(int i, Severity sev = Severity::Medium)
{
    Alert a;
    a.ts = 1'767'225'600'000LL + qint64(i) * 60'000;
    a.received = a.ts + 5;
    a.feed = u"test"_s;
    a.source = u"jsonl"_s;
    a.severity = sev;
    a.category = i < 30 ? Core::Category::Malware : Core::Category::Fraud;
    a.rule = u"rule.%1"_s.arg(i % 3);
    a.title = u"Alert number %1"_s.arg(i);
    a.message = i % 2 ? u"odd payment gateway"_s : u"even mobile api"_s;
    a.entity = u"host-%1"_s.arg(i % 4);
    if (i % 5 != 0) {
        a.srcIp = u"192.0.2.%1"_s.arg(i % 250);
    }
    a.fingerprint = Core::fingerprintOf(u"test", QByteArray::number(i));
    a.raw = "{\"i\":" + QByteArray::number(i) + '}';
    return a;
}

// JSON lines the CLI ingests: `n` distinct alerts, high severity so incidents open.
QByteArray jsonLines(int n, int offset = 0)
{
    QByteArray out;
    for (int i = offset; i < offset + n; ++i) {
        out += "{\"ts\":\"2026-11-26T10:"
            + QByteArray::number(10 + (i / 60) % 50).rightJustified(2, '0') + ":"
            + QByteArray::number(i % 60).rightJustified(2, '0') + "."
            + QByteArray::number(i % 1000).rightJustified(3, '0')
            + "Z\",\"title\":\"Card testing burst " + QByteArray::number(i) + "\",\"severity\":\""
            + (i % 3 ? "high" : "medium")
            + "\",\"category\":\"fraud\",\"rule\":\"fraud.velocity\",\"entity\":\"acct-"
            + QByteArray::number(i % 7) + "\",\"n\":" + QByteArray::number(i) + "}\n";
    }
    return out;
}

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.trimmed()).object(); }
};

} // namespace

class tst_PgStore : public QObject
{
    Q_OBJECT

private:
    PgTest::Server m_server;
    QTemporaryDir m_dir;
    QString m_cli = QStringLiteral(LAKEGUARD_BIN_DIR "/lakeguard-cli");
    int m_databases = 0;

    // A fresh database for one test; its store location.
    QString freshStore()
    {
        const QString name = u"lg%1"_s.arg(++m_databases);
        if (!m_server.createDatabase(name)) {
            qWarning() << m_server.error();
            return {};
        }
        return m_server.location(name);
    }

    static std::unique_ptr<AlertStore> openRw(const QString &location)
    {
        auto created = createStore(location);
        if (!created) {
            qWarning() << created.error();
            return nullptr;
        }
        if (const Status s = created.value()->open(AlertStore::Mode::ReadWrite); !s) {
            qWarning() << s.error();
            return nullptr;
        }
        return std::move(created).value();
    }

    QProcess *startCli(const QStringList &args, const QByteArray &input = {})
    {
        auto *p = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"LAKEGUARD_KEY_DIR"_s, m_dir.filePath(u"keys"_s));
        p->setProcessEnvironment(env);
        p->start(m_cli, args);
        if (!input.isEmpty()) {
            p->write(input);
        }
        p->closeWriteChannel();
        return p;
    }

    Run finish(QProcess *p)
    {
        p->waitForFinished(180'000);
        Run r { p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1,
            p->readAllStandardOutput(), p->readAllStandardError() };
        p->deleteLater();
        return r;
    }

    Run run(const QStringList &args, const QByteArray &input = {})
    {
        return finish(startCli(args, input));
    }

    // The risk overview from the running sums (schema v9) must answer and equal the scan.
    static QString openRiskMatches(AlertStore &store, const QString &location, qint64 now)
    {
        const QSqlDatabase db = store.database();
        const Core::RiskModel model = loadIncidentPolicy(location).value().risk;
        const auto fast = readOpenRisk(db, model, now, 10);
        const auto scan = riskOverviewByScan(db, model, now, 10);
        if (!fast || !scan) {
            return fast ? scan.error() : fast.error();
        }
        if (!fast.value()) {
            return u"the running sums did not answer"_s;
        }
        const auto &[risk, top] = *fast.value();
        auto near = [](double a, double b) { return std::abs(a - b) <= 1e-9 * (1 + std::abs(b)); };
        if (!near(risk, scan->first) || top.size() != scan->second.size()) {
            return u"global %1 vs %2, %3 vs %4 entities"_s.arg(risk)
                .arg(scan->first)
                .arg(top.size())
                .arg(scan->second.size());
        }
        for (qsizetype i = 0; i < top.size(); ++i) {
            const EntityRisk &a = top.at(i);
            const EntityRisk &b = scan->second.at(i);
            if (a.entity != b.entity || !near(a.risk, b.risk) || a.alerts != b.alerts
                || a.worst != b.worst) {
                return u"rank %1: %2 %3 %4 vs %5 %6 %7"_s.arg(i)
                    .arg(a.entity)
                    .arg(a.risk)
                    .arg(a.alerts)
                    .arg(b.entity)
                    .arg(b.risk)
                    .arg(b.alerts);
            }
        }
        return {};
    }

private slots:
    // Schema v9 on PostgreSQL: the running risk sums follow alerts, closes, approvals,
    // re-opens, merges and splits, and equal the scan after each.
    void riskOverviewFromRunningSums()
    {
        const QString location = freshStore();
        QVERIFY(!location.isEmpty());
        auto store = openRw(location);
        QVERIFY(store);
        QCOMPARE(store->schemaVersion(), postgresSchemaVersion());
        IngestBatch b;
        b.feed = u"test"_s;
        for (int i = 0; i < 120; ++i) {
            b.alerts << makeAlert(i, Core::severityFromInt(i % 5));
        }
        const BatchResult r = store->writeBatch(b);
        QVERIFY2(r.ok, qPrintable(r.error));
        const qint64 now = makeAlert(119).ts + 600'000;
        QCOMPARE(openRiskMatches(*store, location, now), QString());
        auto open = store->incidents({}, IncidentSort::IdDesc, 100, 0, now);
        QVERIFY(open && open->size() >= 4);
        auto change = [&](IncidentCommand cmd) {
            const auto c = store->changeIncident(cmd);
            return c ? (c->refused ? c->message : QString()) : c.error();
        };
        IncidentCommand resolve;
        resolve.id = open->at(0).id;
        resolve.transition = Core::IncidentTransition::Resolve;
        resolve.actor = u"alice"_s;
        QCOMPARE(change(resolve), QString());
        IncidentCommand approve = resolve;
        approve.kind = IncidentCommand::Kind::Approve;
        approve.actor = u"bob"_s;
        change(approve); // only when the close waits
        QCOMPARE(openRiskMatches(*store, location, now), QString());
        IncidentCommand reopen = resolve;
        reopen.transition = Core::IncidentTransition::Reopen;
        QCOMPARE(change(reopen), QString());
        QCOMPARE(openRiskMatches(*store, location, now), QString());
        IncidentCommand merge;
        merge.kind = IncidentCommand::Kind::Merge;
        merge.id = open->at(1).id;
        merge.others = { open->at(2).id, open->at(3).id };
        merge.actor = u"alice"_s;
        QCOMPARE(change(merge), QString());
        QCOMPARE(openRiskMatches(*store, location, now), QString());
        const auto detail = store->incident(merge.id, 0, now);
        QVERIFY(detail);
        QSqlQuery q(store->database());
        q.prepare(u"SELECT id FROM alerts WHERE incident = ? ORDER BY id LIMIT 2"_s);
        q.addBindValue(merge.id.value);
        QVERIFY(q.exec());
        IncidentCommand split;
        split.kind = IncidentCommand::Kind::Split;
        split.id = merge.id;
        split.actor = u"alice"_s;
        while (q.next()) {
            split.alerts << Core::AlertId { q.value(0).toLongLong() };
        }
        QCOMPARE(change(split), QString());
        QCOMPARE(openRiskMatches(*store, location, now), QString());
        // More alerts on the same entities, some raising an incident's severity.
        IngestBatch more;
        more.feed = u"test"_s;
        for (int i = 120; i < 160; ++i) {
            more.alerts << makeAlert(i, i % 7 == 0 ? Severity::Critical : Severity::Low);
        }
        QVERIFY(store->writeBatch(more).ok);
        QCOMPARE(openRiskMatches(*store, location, makeAlert(159).ts), QString());
        // A clock behind the newest alerts: those rows count undecayed, still exact.
        QCOMPARE(openRiskMatches(*store, location, makeAlert(150).ts), QString());

        // The same store as version 8 left it: migration 9 and the first open fill the sums.
        for (const QString &sql : { u"DROP TABLE entity_risk"_s, u"DROP TABLE risk_total"_s,
                 u"DROP INDEX incident_entities_entity"_s,
                 u"UPDATE meta SET value = '8' WHERE key = 'schema_version'"_s }) {
            QVERIFY2(q.exec(sql), qPrintable(sql));
        }
        q = QSqlQuery(QSqlDatabase()); // nothing left on the connection the store closes
        store.reset();
        store = openRw(location);
        QVERIFY(store);
        QCOMPARE(store->schemaVersion(), postgresSchemaVersion());
        QCOMPARE(openRiskMatches(*store, location, makeAlert(159).ts), QString());
    }

    void initTestCase()
    {
        if (!PgTest::available()) {
            QSKIP(qPrintable(PgTest::unavailableReason()));
        }
        QVERIFY(m_dir.isValid());
        qputenv("LAKEGUARD_KEY_DIR", m_dir.filePath(u"keys"_s).toUtf8());
        QVERIFY2(QSqlDatabase::isDriverAvailable(u"QPSQL"_s),
            "the Qt PostgreSQL driver (libqt6sql6-psql) is not installed");
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
    }

    void cleanupTestCase() { m_server.stop(); }

    void locationParsing()
    {
        auto ok = PgLocation::parse(
            u"postgresql://soc@db.example:6543/lakeguard?sslmode=verify-full"_s);
        QVERIFY2(ok, qPrintable(ok.error()));
        QCOMPARE(ok->user, u"soc"_s);
        QCOMPARE(ok->host, u"db.example"_s);
        QCOMPARE(ok->port, 6543);
        QCOMPARE(ok->database, u"lakeguard"_s);
        QVERIFY(ok->connectOptions.contains(u"sslmode=verify-full"_s));
        // A password in the location is refused and not echoed back.
        auto withPassword = PgLocation::parse(u"postgresql://soc:hunter2@db/lakeguard"_s);
        QVERIFY(!withPassword);
        QVERIFY(!withPassword.error().contains(u"hunter2"_s));
        QVERIFY(!PgLocation::parse(u"postgresql://soc@db/"_s));
        QVERIFY(!PgLocation::parse(u"postgresql://soc@db/x?password=y"_s));
        QVERIFY(!createStore(u"postgresql://soc:pw@db/x"_s));
    }

    void tsQuery()
    {
        QCOMPARE(PgStore::tsQuery(u"payment  gate*"_s), u"'payment' & 'gate':*"_s);
        QCOMPARE(PgStore::tsQuery(u"o'brien"_s), u"'o''brien'"_s);
        QCOMPARE(PgStore::tsQuery(u"!!! ..."_s), QString());
    }

    void writeQueryVerify()
    {
        const QString location = freshStore();
        QVERIFY(!location.isEmpty());
        auto s = openRw(location);
        QVERIFY(s);
        QCOMPARE(s->schemaVersion(), sqliteSchemaVersion());
        QVERIFY(!s->location().contains(QLatin1StringView(PgTest::Server::kPassword)));

        IngestBatch b;
        b.feed = u"test"_s;
        b.feedType = u"file"_s;
        for (int i = 0; i < 100; ++i) {
            b.alerts << makeAlert(i, Core::severityFromInt(i % 5));
        }
        Quarantined bad;
        bad.received = 1'767'225'600'000LL;
        bad.feed = u"test"_s;
        bad.source = u"jsonl"_s;
        bad.reason = u"not JSON"_s;
        bad.raw = QByteArray("\x00\xff garbage", 10);
        b.quarantined << bad;
        b.cursor = QByteArray("offset=1234");
        BatchResult r = s->writeBatch(b);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.accepted, 100);
        QCOMPARE(r.quarantined, 1);
        // The same batch again: every alert is a duplicate, the quarantined record kept once.
        r = s->writeBatch(b);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.accepted, 0);
        QCOMPARE(r.duplicates, 100);

        auto count = s->countAlerts({});
        QVERIFY2(count, qPrintable(count.error()));
        QCOMPARE(count.value(), 100);

        // Keyset paging newest first walks every alert once.
        QSet<qint64> seen;
        std::optional<PageKey> after;
        qint64 lastTs = std::numeric_limits<qint64>::max();
        for (int page = 0; page < 20; ++page) {
            auto p = s->alerts({}, AlertSort::TimeDesc, 30, after);
            QVERIFY2(p, qPrintable(p.error()));
            for (const Alert &a : p->alerts) {
                QVERIFY(a.ts <= lastTs);
                lastTs = a.ts;
                seen.insert(a.id.value);
            }
            if (!p->next) {
                break;
            }
            after = p->next;
        }
        QCOMPARE(seen.size(), 100);
        auto bySeverity = s->alerts({}, AlertSort::SeverityDesc, 7, std::nullopt);
        QVERIFY(bySeverity);
        auto more = s->alerts({}, AlertSort::SeverityDesc, 100, bySeverity->next);
        QVERIFY2(more, qPrintable(more.error()));
        QCOMPARE(bySeverity->alerts.size() + more->alerts.size(), 100);
        QCOMPARE(bySeverity->alerts.first().severity, Severity::Critical);
        auto at = s->alertsAt({}, AlertSort::TimeAsc, 10, 5);
        QVERIFY(at);
        QCOMPARE(at->alerts.size(), 5);
        QCOMPARE(at->alerts.first().title, u"Alert number 10"_s);

        // Full-text search, filters.
        AlertFilter f;
        f.search = u"payment"_s;
        QCOMPARE(s->countAlerts(f).value(), 50);
        f.search = u"gate*"_s;
        QCOMPARE(s->countAlerts(f).value(), 50);
        f.search = u"payment host-1"_s;
        QCOMPARE(s->countAlerts(f).value(), 25);
        f.search = u"nothingmatches"_s;
        QCOMPARE(s->countAlerts(f).value(), 0);
        f.search = u"' OR 1=1 --"_s;
        auto injected = s->countAlerts(f);
        QVERIFY2(injected, qPrintable(injected.error()));
        QCOMPARE(injected.value(), 0);
        AlertFilter cat;
        cat.categories = { u"malware"_s };
        cat.minSeverity = Severity::High;
        QCOMPARE(s->countAlerts(cat).value(), 12);

        auto one = s->alert(
            seen.values().first() == 0 ? Core::AlertId { 1 } : Core::AlertId { *seen.begin() });
        QVERIFY(one);
        QVERIFY(!one->fingerprint.isEmpty());

        auto st = s->stats();
        QVERIFY2(st, qPrintable(st.error()));
        QCOMPARE(st->alerts, 100);
        QCOMPARE(st->bySeverity.value(u"critical"_s), 20);
        QCOMPARE(st->byCategory.value(u"malware"_s), 30);
        QCOMPARE(st->quarantined, 1);

        auto q = s->quarantine(0);
        QVERIFY2(q, qPrintable(q.error()));
        QCOMPARE(q->size(), 1);
        QCOMPARE(q->first().record.raw, bad.raw);
        // Keyset: the page below its id is empty, the page below the next id holds it.
        QCOMPARE(s->quarantinePage(10, q->first().id).value().size(), 0);
        QCOMPARE(s->quarantinePage(10, q->first().id + 1).value().size(), 1);

        auto feeds = s->feeds();
        QVERIFY2(feeds, qPrintable(feeds.error()));
        QCOMPARE(feeds->size(), 1);
        QCOMPARE(feeds->first().accepted, 100);
        QCOMPARE(feeds->first().duplicates, 100);
        QCOMPARE(feeds->first().cursor, QByteArray("offset=1234"));
        QVERIFY(s->setFeedState(u"test"_s, u"file"_s, FeedState::Degraded, u"slow"_s));
        QCOMPARE(s->feeds()->first().state, FeedState::Degraded);

        auto dash
            = s->dashboard(1'767'225'600'000LL, 1'767'225'600'000LL + 100 * 60'000, 600'000, 5);
        QVERIFY2(dash, qPrintable(dash.error()));
        QCOMPARE(dash->total, 100);

        QVERIFY(s->checkpoint(true));
        auto report = s->verify(false);
        QVERIFY2(report, qPrintable(report.error()));
        QVERIFY2(report->ok, qPrintable(report->firstProblem));
        QCOMPARE(report->treeSize, 100);
        QCOMPARE(report->signedSize, 100);
        // In steps of 7 leaves (15 read transactions): the same check.
        const auto inSteps = s->verifyInSteps(false, { .leaves = 7 });
        QVERIFY2(inSteps, qPrintable(inSteps.error()));
        QVERIFY2(inSteps->ok, qPrintable(inSteps->firstProblem));
        QCOMPARE(inSteps->readTransactions, 15);
        QCOMPARE(inSteps->leavesChecked, 100);
        QCOMPARE(inSteps->root, report->root);
        QCOMPARE(inSteps->checkpointsChecked, report->checkpointsChecked);

        // A change behind Lakeguard's back is found and named.
        auto *pg = dynamic_cast<PgStore *>(s.get());
        QVERIFY(pg);
        QSqlQuery tamper(pg->database());
        QVERIFY(tamper.exec(u"UPDATE alerts SET title = 'nothing to see' WHERE id = 42"_s));
        report = s->verify(false);
        QVERIFY(report);
        QVERIFY(!report->ok);
        QVERIFY2(report->firstProblem.contains(u"alert 42"_s), qPrintable(report->firstProblem));
        const auto tamperedInSteps = s->verifyInSteps(false, { .leaves = 7 });
        QVERIFY(tamperedInSteps);
        QCOMPARE(tamperedInSteps->problems, report->problems);
    }

    // The console's read-only verifier on a shared store: its writer saves where the check got
    // to, and the next read-only run starts there.
    void verifiedStateSavedByTheWriter()
    {
        const QString location = freshStore();
        QVERIFY(!location.isEmpty());
        auto writer = openRw(location);
        QVERIFY(writer);
        IngestBatch b;
        b.feed = u"test"_s;
        for (int i = 0; i < 60; ++i) {
            b.alerts << makeAlert(i);
        }
        QVERIFY(writer->writeBatch(b).ok);
        QVERIFY(writer->checkpoint(true));
        auto readOnly = [&] {
            auto created = createStore(location);
            if (!created || !created.value()->open(AlertStore::Mode::ReadOnly)) {
                return std::unique_ptr<AlertStore>();
            }
            return std::move(created).value();
        };
        auto reader = readOnly();
        QVERIFY(reader);
        const auto first = reader->verify(true);
        QVERIFY(first && first->ok);
        QVERIFY(!first->incremental);
        QVERIFY(!reader->saveVerifiedState(first->state)); // read-only
        QVERIFY(writer->saveVerifiedState(first->state));
        QVERIFY(!writer->saveVerifiedState(u"1 not-a-frontier"_s));

        b.alerts.clear();
        for (int i = 60; i < 75; ++i) {
            b.alerts << makeAlert(i);
        }
        QVERIFY(writer->writeBatch(b).ok);
        QVERIFY(writer->checkpoint(true));
        auto next = readOnly();
        QVERIFY(next);
        const auto second = next->verify(true);
        QVERIFY2(second && second->ok, qPrintable(second ? second->firstProblem : second.error()));
        QVERIFY(second->incremental);
        QCOMPARE(second->fromLeaf, 60);
        QCOMPARE(second->leavesChecked, 15);
    }

    // The batched ingest decides like one insert per alert: duplicates inside a batch and
    // against the store, and state changes (firing → resolved, never back) give SQLite's counts.
    void batchDuplicatesMatchSqlite()
    {
        const QString location = freshStore();
        QVERIFY(!location.isEmpty());
        auto pg = openRw(location);
        auto lite = openRw(m_dir.filePath(u"dups.db"_s));
        QVERIFY(pg && lite);
        auto stateful = [](int i, const QString &state, int minute) {
            Alert a = makeAlert(i, Severity::High);
            a.state = state;
            a.stateSince = a.ts + qint64(minute) * 60'000;
            a.message = u"state %1"_s.arg(state);
            return a;
        };
        IngestBatch first;
        first.feed = u"test"_s;
        for (int i = 0; i < 10; ++i) {
            first.alerts << makeAlert(i);
        }
        first.alerts << stateful(50, u"firing"_s, 0);
        IngestBatch second;
        second.feed = u"test"_s;
        for (int i = 5; i < 15; ++i) { // 5…9 stored already, 10…14 new
            second.alerts << makeAlert(i);
        }
        second.alerts << makeAlert(10) << makeAlert(12) << makeAlert(3); // inside and stored
        second.alerts << stateful(60, u"firing"_s, 0) << stateful(60, u"firing"_s, 1) // new, dup
                      << stateful(60, u"resolved"_s, 2)
                      << stateful(60, u"firing"_s, 3) // never back
                      << stateful(50, u"resolved"_s, 4) << stateful(50, u"resolved"_s, 5);
        struct Counts
        {
            int accepted, duplicates, updated;
        };
        QList<Counts> seen[2];
        for (int k = 0; k < 2; ++k) {
            AlertStore &store = k == 0 ? *pg : *lite;
            for (const IngestBatch &b : { first, second }) {
                const BatchResult r = store.writeBatch(b);
                QVERIFY2(r.ok, qPrintable(r.error));
                seen[k].append({ r.accepted, r.duplicates, r.updated });
            }
        }
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(seen[0].at(i).accepted, seen[1].at(i).accepted);
            QCOMPARE(seen[0].at(i).duplicates, seen[1].at(i).duplicates);
            QCOMPARE(seen[0].at(i).updated, seen[1].at(i).updated);
        }
        // The expected figures, so that two equal wrong answers still fail.
        QCOMPARE(seen[0].at(0).accepted, 11);
        QCOMPARE(seen[0].at(1).accepted, 6); // 10…14 and 60
        // 5…9; 10, 12, 3; 60 firing again; 60 firing after resolved; 50 resolved again.
        QCOMPARE(seen[0].at(1).duplicates, 11);
        QCOMPARE(seen[0].at(1).updated, 2); // 60 resolved, 50 resolved
        QCOMPARE(pg->feeds()->first().duplicates, lite->feeds()->first().duplicates);
        QCOMPARE(pg->countAlerts({}).value(), lite->countAlerts({}).value());
        QCOMPARE(pg->stats()->bySeverity, lite->stats()->bySeverity);
        for (int i : { 50, 60 }) {
            AlertFilter f;
            f.search = u"state"_s;
            auto pgPage = pg->alerts(f, AlertSort::TimeAsc, 10, std::nullopt);
            auto litePage = lite->alerts(f, AlertSort::TimeAsc, 10, std::nullopt);
            QVERIFY(pgPage && litePage);
            QCOMPARE(pgPage->alerts.size(), 2);
            QCOMPARE(litePage->alerts.size(), 2);
            const int at = i == 50 ? 0 : 1;
            const Alert &a = pgPage->alerts.at(at);
            const Alert &b = litePage->alerts.at(at);
            QCOMPARE(a.state, u"resolved"_s);
            QCOMPARE(a.state, b.state);
            QCOMPARE(a.stateSince, b.stateSince);
            const auto pgEvents = pg->alertEvents(a.id);
            const auto liteEvents = lite->alertEvents(b.id);
            QVERIFY(pgEvents && liteEvents);
            QCOMPARE(pgEvents->size(), 2);
            QCOMPARE(pgEvents->size(), liteEvents->size());
            for (qsizetype e = 0; e < pgEvents->size(); ++e) {
                QCOMPARE(pgEvents->at(e).state, liteEvents->at(e).state);
                QCOMPARE(pgEvents->at(e).ts, liteEvents->at(e).ts);
            }
        }
        QCOMPARE(pg->incidents({}, IncidentSort::IdDesc, 100, 0, Core::nowMs())->size(),
            lite->incidents({}, IncidentSort::IdDesc, 100, 0, Core::nowMs())->size());
        QVERIFY(pg->checkpoint(true));
        auto report = pg->verify(false);
        QVERIFY2(report, qPrintable(report.error()));
        QVERIFY2(report->ok, qPrintable(report->firstProblem));
        // Leaves: 17 alerts, 2 first events (50, 60), 2 changes.
        QCOMPARE(report->treeSize, 21);
    }

    // Schema v12 and keyset pages on PostgreSQL: every order of the Incidents list, read forward
    // and backward from a neighbouring row and by offset from the nearer end, equals the list
    // read whole (booleans order false before true there, as 0 before 1 in SQLite).
    void incidentKeysetPages()
    {
        const QString location = freshStore();
        QVERIFY(!location.isEmpty());
        auto store = openRw(location);
        QVERIFY(store);
        IngestBatch b;
        b.feed = u"test"_s;
        for (int i = 0; i < 40; ++i) {
            // Four minutes, two severities: ties in risk, last seen and deadline.
            Alert a = makeAlert(i % 4, i % 2 ? Severity::High : Severity::Medium);
            a.rule = u"paging.%1"_s.arg(i);
            a.entity = u"node-%1"_s.arg(i);
            a.fingerprint = Core::fingerprintOf(u"paging", QByteArray::number(i));
            b.alerts << a;
        }
        const BatchResult r = store->writeBatch(b);
        QVERIFY2(r.ok, qPrintable(r.error));
        const qint64 now = makeAlert(4).ts;
        const auto listed = store->incidents({}, IncidentSort::IdDesc, -1, 0, now);
        QVERIFY(listed);
        QCOMPARE(listed->size(), 40);
        for (qsizetype i = 0; i < listed->size(); i += 5) {
            IncidentCommand close;
            close.id = listed->at(i).id;
            close.transition = Core::IncidentTransition::Resolve;
            close.actor = u"alice"_s;
            const auto c = store->changeIncident(close);
            QVERIFY2(c && !c->refused, qPrintable(c ? c->message : c.error()));
        }
        for (const IncidentSort sort : { IncidentSort::RiskDesc, IncidentSort::LastSeenDesc,
                 IncidentSort::SeverityDesc, IncidentSort::DeadlineAsc, IncidentSort::IdDesc }) {
            QCOMPARE(Test::keysetPagesMatch(*store, {}, sort, 6, now), QString());
        }
        IncidentFilter open;
        open.openOnly = true;
        QCOMPARE(Test::keysetPagesMatch(*store, open, IncidentSort::RiskDesc, 6, now), QString());
        // The search, as on SQLite: words in the title or the entity, whatever their case.
        for (const QString &words : { u"NODE-1"_s, u"node-1 Node-12"_s, u"node-1 node-2"_s }) {
            IncidentFilter f;
            f.search = words;
            qint64 expected = 0;
            for (const IncidentRow &row : *listed) {
                bool all = true;
                for (const QString &w : words.split(u' ')) {
                    all = all
                        && (row.title.contains(w, Qt::CaseInsensitive)
                            || row.entity.contains(w, Qt::CaseInsensitive));
                }
                expected += all ? 1 : 0;
            }
            QCOMPARE(store->countIncidents(f).value(), expected);
            QVERIFY(expected > 0 || words == u"node-1 node-2"_s);
        }
    }

    // Two lakeguard-cli processes ingest the same file at the same moment: each alert once.
    void concurrentIngest()
    {
        const QString location = freshStore();
        QVERIFY(!location.isEmpty());
        const QString file = m_dir.filePath(u"same.jsonl"_s);
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(jsonLines(3000));
        }
        // The schema exists first, as in a deployment (two first-time migrations are also
        // serialised, but this test is about ingest).
        QVERIFY(openRw(location));
        QProcess *a
            = startCli({ u"--store"_s, location, u"ingest"_s, u"--format"_s, u"jsonl"_s, file });
        QProcess *b
            = startCli({ u"--store"_s, location, u"ingest"_s, u"--format"_s, u"jsonl"_s, file });
        const Run ra = finish(a);
        const Run rb = finish(b);
        QVERIFY2(ra.code == 0, ra.err.constData());
        QVERIFY2(rb.code == 0, rb.err.constData());
        QCOMPARE(
            ra.json().value(u"accepted"_s).toInt() + rb.json().value(u"accepted"_s).toInt(), 3000);
        QCOMPARE(
            ra.json().value(u"duplicates"_s).toInt() + rb.json().value(u"duplicates"_s).toInt(),
            3000);
        const Run stats = run({ u"--store"_s, location, u"--json"_s, u"stats"_s });
        QCOMPARE(stats.code, 0);
        QCOMPARE(stats.json().value(u"alerts"_s).toInt(), 3000);
        const Run verify = run({ u"--store"_s, location, u"verify"_s });
        QVERIFY2(verify.code == 0, verify.err.constData());
    }

    // A listener in this process sees a change another process commits.
    void notifyAcrossProcesses()
    {
        const QString location = freshStore();
        QVERIFY(!location.isEmpty());
        QVERIFY(openRw(location));
        // Read-only clients (stats) of the new database now work too.
        QCOMPARE(run({ u"--store"_s, location, u"--json"_s, u"stats"_s }).code, 0);
        StoreChangeListener listener;
        const Status started = listener.start(location);
        QVERIFY2(started, qPrintable(started.error()));
        QVERIFY(listener.isListening());
        QSignalSpy changed(&listener, &StoreChangeListener::changed);
        QProcess *writer
            = startCli({ u"--store"_s, location, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s },
                jsonLines(5));
        QTRY_VERIFY_WITH_TIMEOUT(writer->state() == QProcess::NotRunning, 60'000);
        const Run r = finish(writer);
        QVERIFY2(r.code == 0, r.err.constData());
        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 20'000);
        QVERIFY(changed.first().first().toString().startsWith(u"batch "_s));

        // A file store has nothing to listen to, and says so by not listening.
        StoreChangeListener fileListener;
        QVERIFY(fileListener.start(m_dir.filePath(u"x.db"_s)));
        QVERIFY(!fileListener.isListening());
    }

    // Two consoles edit the same incident from the same version: the second is refused.
    void incidentConflict()
    {
        const QString location = freshStore();
        QVERIFY(!location.isEmpty());
        auto alice = openRw(location);
        auto bob = openRw(location);
        QVERIFY(alice && bob);
        IngestBatch b;
        b.feed = u"test"_s;
        for (int i = 0; i < 5; ++i) {
            b.alerts << makeAlert(i, Severity::Critical);
        }
        const BatchResult r = alice->writeBatch(b);
        QVERIFY2(r.ok, qPrintable(r.error));
        auto list = bob->incidents({}, IncidentSort::IdDesc, 10, 0, Core::nowMs());
        QVERIFY2(list, qPrintable(list.error()));
        QVERIFY(!list->isEmpty());
        const IncidentRow seen = list->first();

        IncidentCommand ack;
        ack.kind = IncidentCommand::Kind::Transition;
        ack.transition = Core::IncidentTransition::Acknowledge;
        ack.id = seen.id;
        ack.actor = u"alice"_s;
        ack.expectedVersion = seen.version;
        auto first = alice->changeIncident(ack);
        QVERIFY2(first, qPrintable(first.error()));
        QVERIFY2(!first->refused, qPrintable(first->message));
        QCOMPARE(first->version, seen.version + 1);

        IncidentCommand assign;
        assign.kind = IncidentCommand::Kind::Assign;
        assign.id = seen.id;
        assign.text = u"bob"_s;
        assign.actor = u"bob"_s;
        assign.expectedVersion = seen.version; // stale: alice changed it meanwhile
        auto second = bob->changeIncident(assign);
        QVERIFY2(second, qPrintable(second.error()));
        QVERIFY(second->refused);
        QVERIFY(second->conflict);
        QVERIFY2(
            second->message.contains(u"changed by someone else"_s), qPrintable(second->message));

        auto detail = bob->incident(seen.id, 0, Core::nowMs());
        QVERIFY(detail);
        QCOMPARE(detail->incident.owner, QString()); // not overwritten
        QCOMPARE(detail->incident.status, Core::IncidentStatus::Acknowledged);
        QCOMPARE(detail->incident.version, seen.version + 1);
        QCOMPARE(detail->audit.size(), 1);

        // With the current version the same edit goes through.
        assign.expectedVersion = detail->incident.version;
        auto third = bob->changeIncident(assign);
        QVERIFY(third && !third->refused);
        QCOMPARE(bob->incident(seen.id, 0, Core::nowMs())->incident.owner, u"bob"_s);
        auto report = alice->verify(false);
        QVERIFY(report && report->ok);
    }

    // SQLite → PostgreSQL with everything, then verified.
    void migrateRoundTrip()
    {
        const QString sqlite = m_dir.filePath(u"source.db"_s);
        Run r = run({ u"--store"_s, sqlite, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s },
            jsonLines(400) + "not json\n");
        QVERIFY2(r.code == 0, r.err.constData());
        r = run({ u"--store"_s, sqlite, u"--json"_s, u"incidents"_s });
        QCOMPARE(r.code, 0);
        const QJsonObject incident = QJsonDocument::fromJson(r.out.split('\n').first()).object();
        const QString id = QString::number(incident.value(u"id"_s).toInteger());
        QVERIFY(id != u"0"_s);
        QCOMPARE(run({ u"--store"_s, sqlite, u"incident"_s, u"note"_s, id, u"checked"_s }).code, 0);
        const Run sourceStats = run({ u"--store"_s, sqlite, u"--json"_s, u"stats"_s });

        const QString location = freshStore();
        QVERIFY(!location.isEmpty());
        r = run({ u"migrate"_s, u"--from"_s, sqlite, u"--to"_s, location, u"--json"_s });
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject m = r.json();
        QCOMPARE(m.value(u"verified"_s).toBool(), true);
        QCOMPARE(m.value(u"alerts"_s).toInt(), 400);
        QVERIFY(!m.value(u"root"_s).toString().isEmpty());

        const Run targetStats = run({ u"--store"_s, location, u"--json"_s, u"stats"_s });
        QCOMPARE(targetStats.code, 0);
        QCOMPARE(targetStats.json().value(u"alerts"_s).toInt(), 400);
        QCOMPARE(targetStats.json().value(u"quarantined"_s).toInt(), 1);
        QCOMPARE(targetStats.json(), sourceStats.json());
        r = run({ u"--store"_s, location, u"verify"_s });
        QVERIFY2(r.code == 0, r.err.constData());
        // And back into a new SQLite file: the counts SQLite keeps beside the rows (totals by
        // severity, category and incident status, the hourly roll-ups) are there too.
        {
            const QString back = m_dir.filePath(u"back.db"_s);
            r = run({ u"migrate"_s, u"--from"_s, location, u"--to"_s, back, u"--json"_s });
            QVERIFY2(r.code == 0, r.err.constData());
            QCOMPARE(r.json().value(u"verified"_s).toBool(), true);
            const Run backStats = run({ u"--store"_s, back, u"--json"_s, u"stats"_s });
            QCOMPARE(backStats.code, 0);
            QCOMPARE(backStats.json(), sourceStats.json());
            SqliteStore copy(back);
            QVERIFY(copy.open(AlertStore::Mode::ReadOnly));
            QSqlQuery q(copy.database());
            QVERIFY(q.exec(u"SELECT (SELECT sum(n) FROM rollup_hour),"
                           " (SELECT sum(n) FROM rollup_hour_total)"_s)
                && q.next());
            QCOMPARE(q.value(0).toInt(), 400);
            QCOMPARE(q.value(1).toInt(), 400);
            q.finish();
            // Its duplicate check by fingerprint alone (schema v14) knows every jsonl alert.
            QVERIFY(q.exec(u"SELECT count(*) FROM alert_identities"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 400);
        }
        r = run({ u"--store"_s, location, u"--json"_s, u"incident"_s, u"show"_s, id });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("checked"));
        r = run({ u"--store"_s, location, u"--json"_s, u"alerts"_s, u"--search"_s, u"burst"_s,
            u"--limit"_s, u"1000"_s });
        QCOMPARE(r.out.count('\n'), 400);
        // The copy goes on: new alerts get fresh ids, and it still verifies.
        r = run({ u"--store"_s, location, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s },
            jsonLines(10, 1000));
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(r.json().value(u"accepted"_s).toInt(), 10);
        QCOMPARE(run({ u"--store"_s, location, u"verify"_s }).code, 0);

        // Its running risk sums were refilled from the copied incidents when it reopened.
        {
            auto target = openRw(location);
            QVERIFY(target);
            QCOMPARE(openRiskMatches(*target, location, Core::nowMs()), QString());
        }
        // A target that already holds data is refused.
        r = run({ u"migrate"_s, u"--from"_s, sqlite, u"--to"_s, location });
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("not empty"), r.err.constData());
    }

    // backup on a shared store: a clear pointer to PostgreSQL's own tools, no file written.
    void backupPointsToPostgresTools()
    {
        const QString location = freshStore();
        QVERIFY(!location.isEmpty());
        QVERIFY(openRw(location));
        const QString out = m_dir.filePath(u"pg-backup.db"_s);
        const Run r = run({ u"--store"_s, location, u"backup"_s, u"--out"_s, out });
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("pg_dump") && r.err.contains("pg_basebackup")
                && r.err.contains("docs/team-deployment.md"),
            r.err.constData());
        QCOMPARE(r.err.trimmed().count('\n'), 0); // one line
        QVERIFY(!r.err.contains(PgTest::Server::kPassword));
        QVERIFY(!QFile::exists(out));
    }

    // compact is SQLite's: a shared store names PostgreSQL's own tools and changes nothing.
    void compactPointsToVacuum()
    {
        const QString location = freshStore();
        QVERIFY(!location.isEmpty());
        QVERIFY(openRw(location));
        const Run r = run({ u"--store"_s, location, u"compact"_s });
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("VACUUM") && r.err.contains("SQLite"), r.err.constData());
        QCOMPARE(r.err.trimmed().count('\n'), 0); // one line
        QVERIFY(!r.err.contains(PgTest::Server::kPassword));
    }

    // An evidence pack cut from a shared store verifies like one from a file store.
    void exportPackFromPostgres()
    {
        const QString location = freshStore();
        QVERIFY(!location.isEmpty());
        Run r = run({ u"--store"_s, location, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s },
            jsonLines(60));
        QVERIFY2(r.code == 0, r.err.constData());
        r = run({ u"--store"_s, location, u"--json"_s, u"incidents"_s });
        QCOMPARE(r.code, 0);
        const QJsonObject incident = QJsonDocument::fromJson(r.out.split('\n').first()).object();
        const QString id = QString::number(incident.value(u"id"_s).toInteger());
        QVERIFY(id != u"0"_s);
        QCOMPARE(run({ u"--store"_s, location, u"incident"_s, u"note"_s, id, u"pack"_s }).code, 0);

        const QString whole = m_dir.filePath(u"pack-all"_s);
        r = run({ u"--store"_s, location, u"--json"_s, u"export"_s, u"--out"_s, whole });
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(r.json().value(u"alerts"_s).toInt(), 60);
        r = run({ u"verify-pack"_s, whole });
        QVERIFY2(r.code == 0, QByteArray(r.out + r.err).constData());

        const QString one = m_dir.filePath(u"pack-incident"_s);
        r = run({ u"--store"_s, location, u"export"_s, u"--out"_s, one, u"--incident"_s, id });
        QVERIFY2(r.code == 0, r.err.constData());
        r = run({ u"verify-pack"_s, one });
        QVERIFY2(r.code == 0, QByteArray(r.out + r.err).constData());

        // A pack whose record was edited afterwards fails: the check is real.
        const QString recordFile = QDir(one).filePath(u"alerts.jsonl"_s);
        QVERIFY(QFile::exists(recordFile));
        QFile f(recordFile);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        const qsizetype at = bytes.indexOf("Card testing burst");
        QVERIFY(at >= 0);
        bytes[at] = 'K';
        f.seek(0);
        f.write(bytes);
        f.close();
        r = run({ u"verify-pack"_s, one });
        QCOMPARE(r.code, 1);
    }

    // The server restarts under an open console: the listener says live updates were lost,
    // reconnects by itself, asks for a full refresh, and then sees another process's change.
    // Restarts the shared server: keep it the last test that uses it.
    void listenerReconnectsAfterRestart()
    {
        const QString location = freshStore();
        QVERIFY(!location.isEmpty());
        QVERIFY(openRw(location));
        StoreChangeListener listener;
        listener.setTiming(300, 200, 2000);
        QSignalSpy states(&listener, &StoreChangeListener::stateChanged);
        QSignalSpy reconnected(&listener, &StoreChangeListener::reconnected);
        QSignalSpy changed(&listener, &StoreChangeListener::changed);
        const Status started = listener.start(location);
        QVERIFY2(started, qPrintable(started.error()));
        QCOMPARE(listener.state(), StoreChangeListener::State::Listening);

        QVERIFY2(m_server.restart(), qPrintable(m_server.error()));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QList<QVariant> &s : std::as_const(states)) {
                    if (s.first().value<StoreChangeListener::State>()
                        == StoreChangeListener::State::Lost) {
                        return true;
                    }
                }
                return false;
            }(),
            30'000);
        QTRY_VERIFY_WITH_TIMEOUT(!reconnected.isEmpty(), 60'000);
        QCOMPARE(listener.state(), StoreChangeListener::State::Listening);
        QCOMPARE(states.constLast().first().value<StoreChangeListener::State>(),
            StoreChangeListener::State::Listening);

        changed.clear();
        const Run r
            = run({ u"--store"_s, location, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s },
                jsonLines(3));
        QVERIFY2(r.code == 0, r.err.constData());
        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 20'000);
        QVERIFY(changed.first().first().toString().startsWith(u"batch "_s));
    }

    // A listener whose server is not there says so and keeps trying (no reconnection yet).
    void listenerWithoutServer()
    {
        StoreChangeListener listener;
        listener.setTiming(300, 100, 400);
        QSignalSpy states(&listener, &StoreChangeListener::stateChanged);
        const Status s
            = listener.start(u"postgresql://nobody@127.0.0.1:%1/none"_s.arg(PgTest::freePort()));
        QVERIFY(!s);
        QCOMPARE(listener.state(), StoreChangeListener::State::Lost);
        // Retries happen (each failure is reported again) and the state stays Lost.
        QTRY_VERIFY_WITH_TIMEOUT(states.size() >= 3, 20'000);
        QCOMPARE(listener.state(), StoreChangeListener::State::Lost);
        listener.stop();
        QCOMPARE(listener.state(), StoreChangeListener::State::Off);
    }
};

QTEST_GUILESS_MAIN(tst_PgStore)
#include "tst_pgstore.moc"
