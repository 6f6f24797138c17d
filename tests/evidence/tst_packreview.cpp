// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Reviewing an evidence pack (issue 7, `lakeguard --review PACK`): the pack's records are rebuilt
// into a store that shows exactly what was exported, with the original ids, incidents, search
// and roll-ups; a pack that fails verification is still rebuilt and says so.
#include "evidencepack.h"
#include "incidentpolicy.h"
#include "packreview.h"
#include "sqlitestore.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace Lakeguard::Evidence;
using namespace Lakeguard::Storage;

namespace {

constexpr qint64 kBase = 1'767'225'600'000LL; // 2026-01-01T00:00:00Z

Alert makeAlert(int i)
{
    Alert a;
    a.ts = kBase + qint64(i) * 60'000;
    a.received = a.ts + 5;
    a.feed = i % 2 ? u"ids"_s : u"fraud"_s;
    a.source = u"jsonl"_s;
    a.rule = u"rule.%1"_s.arg(i % 3);
    a.category = i % 2 ? Core::Category::Intrusion : Core::Category::Fraud;
    a.severity = Core::severityFromInt(1 + i % 3);
    a.title = i == 7 ? u"Rare zanzibarquux transfer"_s : u"Alert %1"_s.arg(i);
    a.message = u"message %1"_s.arg(i);
    a.entity = u"acct-%1"_s.arg(i % 4);
    a.srcIp = u"198.51.100.%1"_s.arg(i % 250);
    a.fingerprint = Core::fingerprintOf(u"t", QByteArray::number(i));
    a.raw = "{\"i\":" + QByteArray::number(i) + '}';
    return a;
}

} // namespace

class tst_PackReview : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_store;
    QString m_pack;
    qint64 m_incident = 0;

private slots:
    // A store of 40 alerts in two feeds, its largest incident assigned, and a pack of it all.
    static QString storeAndPack(const QString &storePath, const QString &packDir, qint64 *incident)
    {
        SqliteStore store(storePath);
        if (!store.open(AlertStore::Mode::ReadWrite)) {
            return {};
        }
        IngestBatch b;
        b.feed = u"t"_s;
        b.feedType = u"test"_s;
        for (int i = 0; i < 40; ++i) {
            b.alerts << makeAlert(i);
        }
        if (!store.writeBatch(b).ok) {
            return {};
        }
        QSqlQuery q(store.database());
        if (!q.exec(u"SELECT incident FROM alerts WHERE incident IS NOT NULL"
                    " GROUP BY incident ORDER BY count(*) DESC LIMIT 1"_s)
            || !q.next()) {
            qWarning("the correlator made no incident from the test alerts");
            return {};
        }
        *incident = q.value(0).toLongLong();
        q.finish();
        IncidentCommand assign;
        assign.kind = IncidentCommand::Kind::Assign;
        assign.id = Core::IncidentId { *incident };
        assign.text = u"li.wei"_s;
        assign.actor = u"officer"_s;
        if (!store.changeIncident(assign)) {
            return {};
        }

        ExportOptions o;
        o.storeLocation = storePath;
        o.outDir = packDir;
        o.generator = u"Lakeguard test"_s;
        const ExportOutcome r = exportPack(o);
        if (r.status != ExportOutcome::Status::Ok) {
            qWarning("export: %s", qPrintable(r.error));
            return {};
        }
        return r.summary.outDir;
    }

    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(u"store.db"_s);
        m_pack = storeAndPack(m_store, m_dir.filePath(u"pack"_s), &m_incident);
        QVERIFY(!m_pack.isEmpty());
        QVERIFY(isEvidencePack(m_pack));
        QVERIFY(!isEvidencePack(m_store));
    }

    void rebuildsWhatWasExported()
    {
        QTemporaryDir work;
        const auto review = buildReviewStore(m_pack, work.path());
        QVERIFY2(review, qPrintable(review ? QString() : review.error()));
        QVERIFY2(review->report.ok, qPrintable(review->report.problems.join(u'\n')));
        QVERIFY2(review->problems.isEmpty(), qPrintable(review->problems.join(u'\n')));
        QCOMPARE(review->alerts, 40);
        QCOMPARE(review->skipped, 0);
        QVERIFY(review->audit >= 1);
        QVERIFY(review->incidents >= 1);

        SqliteStore original(m_store);
        QVERIFY(original.open(AlertStore::Mode::ReadOnly));
        SqliteStore rebuilt(review->storePath);
        QVERIFY(rebuilt.open(AlertStore::Mode::ReadOnly));
        QCOMPARE(rebuilt.countAlerts({}).value(), 40);

        // The same ids and the same fields, the mutable incident included.
        const auto page = original.alerts({}, AlertSort::TimeDesc, 100, std::nullopt);
        QVERIFY(page);
        for (const Alert &a : page->alerts) {
            const auto b = rebuilt.alert(a.id);
            QVERIFY2(b, qPrintable(u"alert %1 missing"_s.arg(a.id.value)));
            QCOMPARE(b->title, a.title);
            QCOMPARE(b->ts, a.ts);
            QCOMPARE(b->severity, a.severity);
            QCOMPARE(b->entity, a.entity);
            QCOMPARE(b->raw, a.raw);
            QCOMPARE(b->fingerprint, a.fingerprint);
            QCOMPARE(b->incident, a.incident);
        }

        // Full-text search finds the rare word; the dashboard's roll-ups add up the same.
        AlertFilter search;
        search.search = u"zanzibarquux"_s;
        QCOMPARE(rebuilt.countAlerts(search).value(), 1);
        const auto before = original.dashboard(kBase, kBase + 3'600'000, 60'000, 10);
        const auto after = rebuilt.dashboard(kBase, kBase + 3'600'000, 60'000, 10);
        QVERIFY(before && after);
        QCOMPARE(after->series.size(), before->series.size());
        QCOMPARE(after->byCategory, before->byCategory);
        QCOMPARE(after->total, before->total);
        for (int i = 0; i < before->series.size(); ++i) {
            QCOMPARE(after->series.at(i).counts, before->series.at(i).counts);
        }

        // The open risk from the same alerts: the Dashboard's gauge and top entities match the
        // store's (the same built-in policy weighs them).
        const qint64 now = kBase + 3'600'000;
        const auto riskBefore = original.dashboard(kBase, now, 60'000, 5);
        const auto riskAfter = rebuilt.dashboard(kBase, now, 60'000, 5);
        QVERIFY(riskBefore && riskAfter);
        QVERIFY(!riskBefore->topEntities.isEmpty());
        QCOMPARE(riskAfter->topEntities.size(), riskBefore->topEntities.size());
        for (qsizetype i = 0; i < riskBefore->topEntities.size(); ++i) {
            QCOMPARE(riskAfter->topEntities.at(i).entity, riskBefore->topEntities.at(i).entity);
            QCOMPARE(riskAfter->topEntities.at(i).alerts, riskBefore->topEntities.at(i).alerts);
            QVERIFY(std::abs(riskAfter->topEntities.at(i).risk - riskBefore->topEntities.at(i).risk)
                < 1e-6);
        }
        QVERIFY(riskBefore->risk > 0);
        QVERIFY(std::abs(riskAfter->risk - riskBefore->risk) < 1e-6);

        // The incident as exported: its owner from the audit-backed change.
        const auto detail = rebuilt.incident(Core::IncidentId { m_incident }, 100, kBase);
        QVERIFY2(detail, qPrintable(detail ? QString() : detail.error()));
        QCOMPARE(detail->incident.owner, u"li.wei"_s);
        QVERIFY(!detail->audit.isEmpty());
    }

    // A site's own incident policy travels with the pack: the review weighs risk with it, not
    // with the built-in policy nor with the reviewing machine's $LAKEGUARD_POLICY.
    void sitePolicyTravelsWithThePack()
    {
        // Given a store whose policy makes acct-3 a crown jewel
        QJsonObject policy = QJsonDocument::fromJson(Core::IncidentPolicy::builtInJson()).object();
        QJsonObject risk = policy.value(u"risk"_s).toObject();
        risk.insert(u"assets"_s,
            QJsonArray { QJsonObject { { u"pattern"_s, u"acct-3"_s }, { u"weight"_s, 8.0 } } });
        policy.insert(u"risk"_s, risk);
        const QByteArray siteJson = QJsonDocument(policy).toJson();
        const QString site = m_dir.filePath(u"site.db"_s);
        {
            QFile f(site + u".policy.json"_s);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(siteJson), siteJson.size());
        }
        qint64 incident = 0;
        const QString pack = storeAndPack(site, m_dir.filePath(u"site-pack"_s), &incident);
        QVERIFY(!pack.isEmpty());

        // Then the pack carries it, byte for byte, under the manifest's signature
        QFile carried(QDir(pack).filePath(u"policy.json"_s));
        QVERIFY(carried.open(QIODevice::ReadOnly));
        QCOMPARE(carried.readAll(), siteJson);
        QFile manifestFile(QDir(pack).filePath(u"manifest.json"_s));
        QVERIFY(manifestFile.open(QIODevice::ReadOnly));
        const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
        QCOMPARE(manifest.value(u"policy"_s).toObject().value(u"origin"_s).toString(),
            u"beside the store"_s);

        // And the review weighs with it, whatever policy the reviewing machine names
        const QString elsewhere = m_dir.filePath(u"reviewer-policy.json"_s);
        {
            QFile f(elsewhere);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(Core::IncidentPolicy::builtInJson());
        }
        qputenv("LAKEGUARD_POLICY", elsewhere.toLocal8Bit());
        QTemporaryDir work;
        const auto review = buildReviewStore(pack, work.path());
        qunsetenv("LAKEGUARD_POLICY"); // as the console does before it opens a pack
        QVERIFY2(review, qPrintable(review ? QString() : review.error()));
        QVERIFY2(review->report.ok, qPrintable(review->report.problems.join(u'\n')));
        QVERIFY2(review->problems.isEmpty(), qPrintable(review->problems.join(u'\n')));
        QCOMPARE(review->policy, PackReview::Policy::Pack);

        const qint64 now = kBase + 3'600'000;
        SqliteStore original(site);
        QVERIFY(original.open(AlertStore::Mode::ReadOnly));
        SqliteStore rebuilt(review->storePath);
        QVERIFY(rebuilt.open(AlertStore::Mode::ReadOnly));
        const auto before = original.dashboard(kBase, now, 60'000, 5);
        const auto after = rebuilt.dashboard(kBase, now, 60'000, 5);
        QVERIFY(before && after);
        QCOMPARE(before->topEntities.value(0).entity, u"acct-3"_s);
        QCOMPARE(after->topEntities.size(), before->topEntities.size());
        for (qsizetype i = 0; i < before->topEntities.size(); ++i) {
            QCOMPARE(after->topEntities.at(i).entity, before->topEntities.at(i).entity);
            QVERIFY(
                std::abs(after->topEntities.at(i).risk - before->topEntities.at(i).risk) < 1e-6);
        }
        QVERIFY(std::abs(after->risk - before->risk) < 1e-6);
        // The same alerts weighed by the built-in policy (the first pack) come out otherwise.
        SqliteStore builtIn(m_store);
        QVERIFY(builtIn.open(AlertStore::Mode::ReadOnly));
        const auto plain = builtIn.dashboard(kBase, now, 60'000, 5);
        QVERIFY(plain);
        QVERIFY(std::abs(plain->risk - before->risk) > 1e-3);

        // A policy.json that does not parse: the pack fails verification, is still rebuilt, and
        // the review says whose weights it used instead.
        QTemporaryDir copy;
        for (const QString &name : QDir(pack).entryList(QDir::Files)) {
            QVERIFY(QFile::copy(QDir(pack).filePath(name), copy.filePath(name)));
        }
        {
            QFile f(copy.filePath(u"policy.json"_s));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("{\"version\": 1, \"risk\": ");
        }
        QTemporaryDir work2;
        const auto broken = buildReviewStore(copy.path(), work2.path());
        QVERIFY(broken);
        QVERIFY(!broken->report.ok);
        QVERIFY2(broken->report.problems.join(u'\n').contains(u"policy.json:"_s),
            qPrintable(broken->report.problems.join(u'\n')));
        QCOMPARE(broken->policy, PackReview::Policy::BuiltIn);
        QVERIFY2(broken->problems.value(0).startsWith(u"policy.json: "_s),
            qPrintable(broken->problems.join(u'\n')));
        QCOMPARE(broken->alerts, 40);
    }

    void zipAndTamperedPacks()
    {
        // A tampered pack is rebuilt all the same, with the verdict that names the file.
        QTemporaryDir copy;
        for (const QString &name : QDir(m_pack).entryList(QDir::Files)) {
            QVERIFY(QFile::copy(QDir(m_pack).filePath(name), copy.filePath(name)));
        }
        QFile csv(copy.filePath(u"alerts.csv"_s));
        QVERIFY(csv.open(QIODevice::ReadWrite));
        QByteArray bytes = csv.readAll();
        bytes[bytes.size() / 2] = bytes.at(bytes.size() / 2) ^ 0x01;
        QVERIFY(csv.seek(0));
        QCOMPARE(csv.write(bytes), bytes.size());
        csv.close();
        QTemporaryDir work;
        const auto review = buildReviewStore(copy.path(), work.path());
        QVERIFY(review);
        QVERIFY(!review->report.ok);
        QVERIFY(review->report.problems.value(0).startsWith(u"alerts.csv:"_s));
        QCOMPARE(review->alerts, 40);

        // Something that is not a pack at all is an error, not an empty review.
        QTemporaryDir empty;
        QTemporaryDir work2;
        QVERIFY(!buildReviewStore(empty.path(), work2.path()));
    }
};

QTEST_MAIN(tst_PackReview)
#include "tst_packreview.moc"
