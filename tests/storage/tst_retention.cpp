// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitestore.h"
#include "storewriter.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace Lakeguard::Storage;

namespace {

constexpr qint64 kBase = 1'767'225'600'000LL; // 2026-01-01T00:00:00Z
constexpr qint64 kDayMs = 86'400'000LL;

// Alert i was received at kBase + i s (+5 ms); every tenth has a lifecycle (an event leaf).
Alert makeAlert(int i)
{
    Alert a;
    a.ts = kBase + qint64(i) * 1000;
    a.received = a.ts + 5;
    a.feed = u"t"_s;
    a.source = u"jsonl"_s;
    a.severity = Core::severityFromInt(i % 5);
    a.category = Core::Category::Fraud;
    a.rule = u"rule.%1"_s.arg(i % 3);
    a.title = u"Alert %1 zebrafish%2"_s.arg(i).arg(i);
    a.message = u"message %1"_s.arg(i);
    a.entity = u"acct-%1"_s.arg(i % 7);
    a.fingerprint = Core::fingerprintOf(u"t", QByteArray::number(i));
    a.raw = "{\"i\":" + QByteArray::number(i) + '}';
    if (i % 10 == 0) {
        a.state = u"firing"_s;
    }
    return a;
}

StoreOptions options()
{
    StoreOptions o;
    o.checkpointLeaves = 50;
    o.checkpointIntervalMs = 24 * 3'600'000;
    return o;
}

} // namespace

class tst_Retention : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<SqliteStore> open(
        const QString &name, AlertStore::Mode mode = AlertStore::Mode::ReadWrite)
    {
        auto s = std::make_unique<SqliteStore>(path(name), options());
        if (const Status st = s->open(mode); !st) {
            qWarning() << st.error();
            return nullptr;
        }
        return s;
    }

    // 200 alerts (ids 1…200, 20 with an event) in five batches.
    bool filled(const QString &name)
    {
        auto s = open(name);
        if (!s) {
            return false;
        }
        for (int b = 0; b < 5; ++b) {
            IngestBatch batch;
            batch.feed = u"t"_s;
            batch.feedType = u"test"_s;
            for (int i = b * 40; i < b * 40 + 40; ++i) {
                batch.alerts << makeAlert(i);
            }
            const BatchResult r = s->writeBatch(batch);
            if (!r.ok || r.accepted != 40) {
                qWarning() << r.error;
                return false;
            }
        }
        return true;
    }

    Result<PruneResult> prune(const QString &name, RetentionPolicy policy, TimestampMs now)
    {
        auto s = open(name);
        if (!s) {
            return Result<PruneResult>::failure(u"cannot open"_s);
        }
        return s->prune(policy, now);
    }

    bool tamper(const QString &name, const QString &sql)
    {
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
            db.setDatabaseName(path(name));
            ok = db.open();
            QSqlQuery q(db);
            if (ok && !q.exec(sql)) {
                qWarning() << sql << q.lastError().text();
                ok = false;
            }
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"tamper"_s);
        return ok;
    }

    qint64 scalar(const QString &name, const QString &sql)
    {
        auto s = open(name, AlertStore::Mode::ReadOnly);
        QSqlQuery q(s->database());
        if (!q.exec(sql) || !q.next()) {
            return -1;
        }
        return q.value(0).toLongLong();
    }

    VerifyReport verify(const QString &name)
    {
        auto s = open(name, AlertStore::Mode::ReadOnly);
        auto r = s ? s->verify(false) : Result<VerifyReport>::failure(u"cannot open"_s);
        if (!r) {
            qWarning() << r.error();
            return {};
        }
        return r.value();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void pruneBySizeKeepsRollupsAndTreeAndVerifies()
    {
        const QString db = u"size.db"_s;
        QVERIFY(filled(db));
        const qint64 leavesBefore = scalar(db, u"SELECT count(*) FROM leaves"_s);
        QCOMPARE(leavesBefore, 220); // 200 alerts + 20 events
        QCOMPARE(scalar(db, u"SELECT sum(n) FROM rollup_minute"_s), 200);

        RetentionPolicy keep50;
        keep50.maxAlerts = 50;
        const auto r = prune(db, keep50, kBase);
        QVERIFY2(r, qPrintable(r.error()));
        QCOMPARE(r->alerts, 150);
        QCOMPARE(r->firstAlert, 1);
        QCOMPARE(r->lastAlert, 150);
        QCOMPARE(r->events, 15); // alerts 0, 10, …, 140 (ids 1, 11, …, 141)
        QCOMPARE(r->pruneId, 1);

        QCOMPARE(scalar(db, u"SELECT count(*) FROM alerts"_s), 50);
        QCOMPARE(scalar(db, u"SELECT min(id) FROM alerts"_s), 151);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM alert_events"_s), 5);
        // Roll-ups stay; the leaves all stay, plus the prune record's own leaf (kind 5).
        QCOMPARE(scalar(db, u"SELECT sum(n) FROM rollup_minute"_s), 200);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM leaves"_s), leavesBefore + 1);
        QCOMPARE(scalar(db, u"SELECT kind FROM leaves ORDER BY seq DESC LIMIT 1"_s), 5);
        // The prune is signed at once: the newest checkpoint covers its record.
        QCOMPARE(scalar(db, u"SELECT tree_size FROM checkpoints ORDER BY id DESC LIMIT 1"_s),
            leavesBefore + 1);
        // Full-text rows went with the alerts.
        auto s = open(db, AlertStore::Mode::ReadOnly);
        AlertFilter gone;
        gone.search = u"zebrafish5"_s; // alert 5: pruned
        QCOMPARE(s->alerts(gone, AlertSort::TimeDesc, 10, std::nullopt)->alerts.size(), 0);
        AlertFilter kept;
        kept.search = u"zebrafish180"_s;
        QCOMPARE(s->alerts(kept, AlertSort::TimeDesc, 10, std::nullopt)->alerts.size(), 1);
        s.reset();

        const VerifyReport v = verify(db);
        QVERIFY2(v.ok, qPrintable(v.firstProblem));
        QCOMPARE(v.prunedRecords, 165);
        QCOMPARE(v.pruneRecords, 1);
        QCOMPARE(v.treeSize, leavesBefore + 1);
    }

    void pruneByAgeStopsAtTheFirstNewerAlert()
    {
        const QString db = u"age.db"_s;
        QVERIFY(filled(db));
        // Alerts 0…79 (ids 1…80) were received before kBase + 80 s.
        RetentionPolicy week;
        week.maxAgeMs = 7 * kDayMs;
        const auto r = prune(db, week, kBase + 80'000 + 7 * kDayMs);
        QVERIFY2(r, qPrintable(r.error()));
        QCOMPARE(r->alerts, 80);
        QCOMPARE(r->lastAlert, 80);
        QCOMPARE(scalar(db, u"SELECT min(id) FROM alerts"_s), 81);
        // A second prune continues where the first stopped; both records verify.
        RetentionPolicy keep10;
        keep10.maxAlerts = 10;
        const auto again = prune(db, keep10, kBase);
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(again->firstAlert, 81);
        QCOMPARE(again->lastAlert, 190);
        QCOMPARE(again->pruneId, 2);
        const VerifyReport v = verify(db);
        QVERIFY2(v.ok, qPrintable(v.firstProblem));
        QCOMPARE(v.pruneRecords, 2);
    }

    void nothingToPrune()
    {
        const QString db = u"none.db"_s;
        QVERIFY(filled(db));
        RetentionPolicy keepAll;
        keepAll.maxAlerts = 1000;
        keepAll.maxAgeMs = 365 * kDayMs;
        const auto r = prune(db, keepAll, kBase);
        QVERIFY2(r, qPrintable(r.error()));
        QCOMPARE(r->pruneId, 0);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM prunes"_s), 0);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM alerts"_s), 200);
    }

    void deletionAfterPruneIsStillNamed()
    {
        const QString db = u"after.db"_s;
        QVERIFY(filled(db));
        RetentionPolicy keep50;
        keep50.maxAlerts = 50;
        QVERIFY(prune(db, keep50, kBase));
        QVERIFY(tamper(db, u"DELETE FROM alerts WHERE id = 170"_s));
        const VerifyReport v = verify(db);
        QVERIFY(!v.ok);
        QVERIFY2(v.firstProblem.startsWith(u"alert 170 (leaf "_s), qPrintable(v.firstProblem));
        QVERIFY(v.firstProblem.endsWith(u"was deleted"_s));
    }

    void deletionBeforePruneIsNotLaundered()
    {
        const QString db = u"before.db"_s;
        QVERIFY(filled(db));
        QVERIFY(tamper(db, u"DELETE FROM alerts WHERE id = 10"_s));
        RetentionPolicy keep50;
        keep50.maxAlerts = 50;
        const auto r = prune(db, keep50, kBase);
        QVERIFY(r);
        QCOMPARE(r->alerts, 149);
        const VerifyReport v = verify(db);
        QVERIFY(!v.ok);
        QVERIFY2(v.firstProblem.contains(u"deleted outside a prune"_s), qPrintable(v.firstProblem));
    }

    void editedPruneRecordFails()
    {
        const QString db = u"edited.db"_s;
        QVERIFY(filled(db));
        RetentionPolicy keep50;
        keep50.maxAlerts = 50;
        QVERIFY(prune(db, keep50, kBase));
        // Widening the recorded range to hide a later deletion breaks the record's own leaf.
        QVERIFY(tamper(db, u"UPDATE prunes SET ranges = '1:1-170:170'"_s));
        QVERIFY(tamper(db, u"DELETE FROM alerts WHERE id BETWEEN 151 AND 170"_s));
        const VerifyReport v = verify(db);
        QVERIFY(!v.ok);
        bool named = false;
        for (const QString &p : v.problems) {
            named = named || p.startsWith(u"prune record 1 (leaf "_s);
        }
        QVERIFY2(named, qPrintable(v.problems.join(u'\n')));
    }

    void writerAppliesTheRetentionPolicy()
    {
        const QString db = u"writer.db"_s;
        QVERIFY(filled(db));
        StoreWriter writer(path(db));
        StoreOptions o = options();
        o.retention.maxAlerts = 10;
        writer.setOptions(o);
        QSignalSpy pruned(&writer, &StoreWriter::pruned);
        QVERIFY(writer.start());
        QTRY_COMPARE_WITH_TIMEOUT(pruned.size(), 1, 10'000);
        QCOMPARE(pruned.at(0).at(0).value<PruneResult>().alerts, 190);
        writer.stop();
        QCOMPARE(scalar(db, u"SELECT count(*) FROM alerts"_s), 10);
        const VerifyReport v = verify(db);
        QVERIFY2(v.ok, qPrintable(v.firstProblem));
    }
};

QTEST_GUILESS_MAIN(tst_Retention)
#include "tst_retention.moc"
