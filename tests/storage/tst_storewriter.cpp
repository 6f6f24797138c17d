// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "queryservice.h"
#include "storewriter.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace Lakeguard::Storage;

namespace {

IngestBatch batchOf(int first, int count)
{
    IngestBatch b;
    b.feed = u"w"_s;
    b.feedType = u"test"_s;
    for (int i = first; i < first + count; ++i) {
        Alert a;
        a.ts = 1'767'225'600'000LL + i;
        a.received = a.ts;
        a.source = u"jsonl"_s;
        a.rule = u"r"_s;
        a.title = u"t%1"_s.arg(i);
        a.fingerprint = Core::fingerprintOf(u"w", QByteArray::number(i));
        a.raw = "{}";
        b.alerts << a;
    }
    return b;
}

} // namespace

class tst_StoreWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void commitsBeforeFutureFinishes()
    {
        const QString path = m_dir.filePath(u"w1.db"_s);
        StoreWriter writer(path);
        QVERIFY(writer.start());
        QFuture<BatchResult> f = writer.submit(batchOf(0, 50));
        f.waitForFinished();
        QVERIFY(f.result().ok);
        QCOMPARE(f.result().accepted, 50);
        // A separate read connection sees the rows as soon as the future is done.
        QueryService reader(path);
        auto count = reader.countAlerts({});
        count.waitForFinished();
        QCOMPARE(count.result().value(), 50);
    }

    void submitFromManyThreads()
    {
        const QString path = m_dir.filePath(u"w2.db"_s);
        StoreWriter writer(path);
        QVERIFY(writer.start());
        QList<QFuture<BatchResult>> results;
        QThreadPool pool;
        pool.setMaxThreadCount(4);
        QList<QFuture<QFuture<BatchResult>>> submitted;
        for (int t = 0; t < 8; ++t) {
            submitted << QtConcurrent::run(&pool, [&writer, t] {
                // Overlapping ranges: every alert is stored once.
                return writer.submit(batchOf(t * 50, 100));
            });
        }
        int accepted = 0;
        int duplicates = 0;
        for (auto &s : submitted) {
            QFuture<BatchResult> f = s.result();
            f.waitForFinished();
            QVERIFY(f.result().ok);
            accepted += f.result().accepted;
            duplicates += f.result().duplicates;
        }
        QCOMPARE(accepted, 450);
        QCOMPARE(duplicates, 350);
    }

    void changedIsCoalesced()
    {
        StoreWriter writer(m_dir.filePath(u"w3.db"_s));
        QVERIFY(writer.start());
        QSignalSpy spy(&writer, &StoreWriter::changed);
        for (int i = 0; i < 20; ++i) {
            writer.submit(batchOf(i * 10, 10));
        }
        QVERIFY(spy.wait(3000));
        QTest::qWait(400);
        QVERIFY2(spy.count() <= 3, qPrintable(QString::number(spy.count())));
    }

    // A feed at full rate keeps the writer's queue from ever emptying: the views must still
    // hear of changes while it lasts, not only once it pauses (issue 4, bench_gui: no notice
    // at all during 10 s of ingest at 20,000 alerts/s).
    void changedWhileTheQueueNeverEmpties()
    {
        StoreWriter writer(m_dir.filePath(u"w5.db"_s));
        QVERIFY(writer.start());
        QSignalSpy spy(&writer, &StoreWriter::changed);
        QElapsedTimer busy;
        busy.start();
        QList<QFuture<BatchResult>> futures;
        for (int i = 0; i < 60; ++i) {
            futures << writer.submit(batchOf(i * 500, 500));
        }
        QTRY_VERIFY_WITH_TIMEOUT(futures.constLast().isFinished(), 120'000);
        const qint64 busyMs = busy.elapsed();
        QTest::qWait(600); // the notice after the last batch, and any still queued
        if (busyMs < 1000) {
            QSKIP(qPrintable(u"the writer took only %1 ms for 30,000 alerts: too quick to show "
                             "notices while busy"_s.arg(busyMs)));
        }
        // One per 250 ms while busy (give or take), then the last one; the old writer sent only
        // the last one.
        QVERIFY2(spy.count() >= 3,
            qPrintable(u"%1 notices in %2 ms of writing"_s.arg(spy.count()).arg(busyMs)));
        QVERIFY2(spy.count() <= busyMs / 250 + 2,
            qPrintable(u"%1 notices in %2 ms of writing"_s.arg(spy.count()).arg(busyMs)));
    }

    // The alert table's rows have a reader of their own: a page does not wait behind a queue of
    // chart queries (issue 4: the first page of a 10 M store waited seconds behind the other
    // views' first queries).
    void pagesDoNotWaitBehindCharts()
    {
        const QString path = m_dir.filePath(u"w6.db"_s);
        StoreWriter writer(path);
        QVERIFY(writer.start());
        QVERIFY(writer.submit(batchOf(0, 2000)).result().ok);
        QueryService reader(path);
        // Every reader thread opened its connection (the first query on a thread opens it).
        // Waiting by polling: result() would run a query that has not started on this thread.
        auto warmRows = reader.alerts({}, AlertSort::TimeDesc, 1, std::nullopt);
        auto warmCharts = reader.dashboard(0, 3'600'000, 60'000, 10);
        auto warmStats = reader.stats();
        QTRY_VERIFY_WITH_TIMEOUT(
            warmRows.isFinished() && warmCharts.isFinished() && warmStats.isFinished(), 60'000);
        QList<QFuture<Result<DashboardData>>> charts;
        for (int i = 0; i < 400; ++i) {
            charts << reader.dashboard(
                1'767'225'600'000LL - 3'600'000, 1'767'225'600'000LL + 3'600'000, 60'000, 10);
        }
        auto page = reader.alerts({}, AlertSort::TimeDesc, 100, std::nullopt);
        QTRY_VERIFY_WITH_TIMEOUT(page.isFinished(), 60'000);
        QVERIFY2(page.result().ok(), qPrintable(page.result().error()));
        QCOMPARE(page.result()->alerts.size(), 100);
        const auto waiting = std::count_if(charts.cbegin(), charts.cend(),
            [](const QFuture<Result<DashboardData>> &f) { return !f.isFinished(); });
        QVERIFY2(waiting > 0, "the page waited for every chart query queued before it");
        reader.waitForIdle();
        for (const auto &f : charts) {
            QVERIFY2(f.result().ok(), qPrintable(f.result().error()));
        }
    }

    void stopDrainsQueue()
    {
        const QString path = m_dir.filePath(u"w4.db"_s);
        QList<QFuture<BatchResult>> futures;
        {
            StoreWriter writer(path);
            QVERIFY(writer.start());
            for (int i = 0; i < 30; ++i) {
                futures << writer.submit(batchOf(i * 100, 100));
            }
            writer.stop();
            // Submitting after stop fails loudly instead of pretending.
            QFuture<BatchResult> late = writer.submit(batchOf(100000, 1));
            QVERIFY(!late.result().ok);
            QVERIFY(!late.result().error.isEmpty());
        }
        for (auto &f : futures) {
            QVERIFY(f.isFinished());
            QVERIFY(f.result().ok);
        }
        QueryService reader(path);
        auto count = reader.countAlerts({});
        QCOMPARE(count.result().value(), 3000);
    }

    void queryServiceReportsErrors()
    {
        QueryService reader(m_dir.filePath(u"does-not-exist.db"_s));
        auto stats = reader.stats();
        QVERIFY(!stats.result().ok());
        QVERIFY(stats.result().error().contains(u"no store"_s));
    }

    void openFailureIsReported()
    {
        StoreWriter writer(u"postgresql://u@127.0.0.1:1/db"_s);
        const Status s = writer.start();
        QVERIFY(!s);
        // Nothing listens on port 1: the error names the store and says it cannot be opened.
        QVERIFY2(s.error().contains(u"cannot open store postgresql://u@127.0.0.1:1/db"_s),
            qPrintable(s.error()));
    }
};

QTEST_GUILESS_MAIN(tst_StoreWriter)
#include "tst_storewriter.moc"
