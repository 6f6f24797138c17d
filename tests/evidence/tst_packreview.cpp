// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Reviewing an evidence pack (issue 7, `lakeguard --review PACK`): the pack's records are rebuilt
// into a store that shows exactly what was exported, with the original ids, incidents, search
// and roll-ups; a pack that fails verification is still rebuilt and says so.
#include "evidencepack.h"
#include "packreview.h"
#include "sqlitestore.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
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
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(u"store.db"_s);
        SqliteStore store(m_store);
        QVERIFY(store.open(AlertStore::Mode::ReadWrite));
        IngestBatch b;
        b.feed = u"t"_s;
        b.feedType = u"test"_s;
        for (int i = 0; i < 40; ++i) {
            b.alerts << makeAlert(i);
        }
        QVERIFY(store.writeBatch(b).ok);
        QSqlQuery q(store.database());
        QVERIFY(q.exec(u"SELECT incident FROM alerts WHERE incident IS NOT NULL"
                       " GROUP BY incident ORDER BY count(*) DESC LIMIT 1"_s));
        QVERIFY2(q.next(), "the correlator made no incident from the test alerts");
        m_incident = q.value(0).toLongLong();
        q.finish();
        IncidentCommand assign;
        assign.kind = IncidentCommand::Kind::Assign;
        assign.id = Core::IncidentId { m_incident };
        assign.text = u"li.wei"_s;
        assign.actor = u"officer"_s;
        QVERIFY(store.changeIncident(assign));

        ExportOptions o;
        o.storeLocation = m_store;
        o.outDir = m_dir.filePath(u"pack"_s);
        o.generator = u"Lakeguard test"_s;
        const ExportOutcome r = exportPack(o);
        QVERIFY2(r.status == ExportOutcome::Status::Ok, qPrintable(r.error));
        m_pack = r.summary.outDir;
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
