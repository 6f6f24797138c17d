// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "walcheckpointer.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Storage;

// The write-ahead log merged on a thread beside the writer (docs/store.md). Each test writes
// 200 transactions of about five 4 KiB pages: about 4 MiB of log when nothing merges it.
class tst_WalCheckpointer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    struct Db
    {
        sqlite3 *db = nullptr;
        QString path;
        ~Db() { sqlite3_close(db); }
        qint64 walBytes() const { return QFileInfo(path + u"-wal"_s).size(); }
        bool exec(const char *sql) const
        {
            return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
        }
    };

    // A new database in WAL mode whose own merging is off until a checkpointer attaches.
    bool openDb(Db &d)
    {
        d.path = m_dir.filePath(u"t%1.db"_s.arg(++m_n));
        return sqlite3_open(QFile::encodeName(d.path).constData(), &d.db) == SQLITE_OK
            && d.exec("PRAGMA journal_mode=WAL") && d.exec("PRAGMA wal_autocheckpoint=0")
            && d.exec("CREATE TABLE t (x BLOB)");
    }

    // One transaction of five 4 KiB blobs; `after` runs after each commit.
    template<typename Fn>
    static bool write(const Db &d, int transactions, Fn after)
    {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(d.db, "INSERT INTO t VALUES (randomblob(4000))", -1, &st, nullptr)
            != SQLITE_OK) {
            return false;
        }
        bool ok = true;
        for (int i = 0; i < transactions && ok; ++i) {
            ok = d.exec("BEGIN");
            for (int j = 0; j < 5 && ok; ++j) {
                ok = sqlite3_step(st) == SQLITE_DONE && sqlite3_reset(st) == SQLITE_OK;
            }
            ok = ok && d.exec("COMMIT");
            after();
        }
        sqlite3_finalize(st);
        return ok;
    }

    static qint64 rows(const Db &d)
    {
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(d.db, "SELECT count(*) FROM t", -1, &st, nullptr);
        const qint64 n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
        sqlite3_finalize(st);
        return n;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Without merging, the log holds every page written: the bound the next tests check can fail.
    void logGrowsWhenNothingMerges()
    {
        Db d;
        QVERIFY(openDb(d));
        QVERIFY(write(d, 200, [] {}));
        QCOMPARE_GT(d.walBytes(), 4'000'000);
    }

    // Past 20 pages the hook wakes the thread, which merges; the commit after a complete merge
    // starts the log again from its beginning, so it stays small.
    void mergesOnItsOwnThread()
    {
        Db d;
        QVERIFY(openDb(d));
        WalCheckpointer c(d.path, 20, 1'000'000);
        c.attach(d.db);
        qint64 largest = 0;
        QVERIFY(write(d, 200, [&] {
            c.waitIdle();
            largest = std::max(largest, d.walBytes());
        }));
        const WalCheckpointer::Stats s = c.stats();
        QCOMPARE_GT(s.merges, 0);
        QCOMPARE(s.writerMerges, 0);
        QVERIFY2(s.lastError.isEmpty(), qPrintable(s.lastError));
        QCOMPARE_LT(largest, 400'000); // about 30 pages, against 4 MB
        c.detach();
        QCOMPARE(rows(d), 1000);
    }

    // When the thread does not merge, the writer merges at its limit: a thread never asked, and
    // one whose connection cannot open (which says why).
    void writerMergesAtItsLimit_data()
    {
        QTest::addColumn<bool>("threadFails");
        QTest::newRow("thread never asked") << false;
        QTest::newRow("thread cannot open") << true;
    }
    void writerMergesAtItsLimit()
    {
        QFETCH(bool, threadFails);
        Db d;
        QVERIFY(openDb(d));
        WalCheckpointer c(threadFails ? m_dir.filePath(u"missing/none.db"_s) : d.path,
            threadFails ? 20 : 1'000'000, 50);
        c.attach(d.db);
        QVERIFY(write(d, 200, [&] { c.waitIdle(); }));
        const WalCheckpointer::Stats s = c.stats();
        QCOMPARE(s.lastError.isEmpty(), !threadFails);
        if (threadFails) {
            QCOMPARE(s.merges, 0);
        }
        QCOMPARE_GT(s.writerMerges, 0);
        QCOMPARE_LT(d.walBytes(), 400'000);
    }

    // Readers one after another with 1 ms between them, each holding its snapshot for 20 ms (the
    // console's verifier reads in steps): every passive merge stops at the oldest snapshot, and the
    // log would start again only when no reader uses it. Past 100 pages left, the merging thread
    // restarts it, waiting for the reader of the moment to end. Without that, this log grows to
    // about 8 MB.
    void restartsTheLogBehindReadersInSteps_data()
    {
        QTest::addColumn<int>("startPages");
        QTest::addColumn<int>("writerLimit");
        QTest::newRow("merged beside the writer") << 20 << 1'000'000;
        QTest::newRow("merged by the writer (the console)") << 0 << 20;
    }
    void restartsTheLogBehindReadersInSteps()
    {
        QFETCH(int, startPages);
        QFETCH(int, writerLimit);
        Db d;
        QVERIFY(openDb(d));
        sqlite3_busy_timeout(d.db, 5000); // as the store's writer: it waits for the restart
        WalCheckpointer c(d.path, startPages, writerLimit, 100);
        c.attach(d.db);
        std::atomic<bool> done = false;
        std::atomic<int> reads = 0;
        std::thread reader([&] {
            Db r;
            r.path = d.path;
            if (sqlite3_open_v2(
                    QFile::encodeName(d.path).constData(), &r.db, SQLITE_OPEN_READONLY, nullptr)
                != SQLITE_OK) {
                return;
            }
            while (!done) {
                if (r.exec("BEGIN") && rows(r) >= 0) {
                    QThread::msleep(20);
                    ++reads;
                }
                r.exec("COMMIT");
                QThread::msleep(1); // MerkleLog::verify hashes for longer between two steps
            }
        });
        qint64 largest = 0;
        const bool wrote = write(d, 400, [&] {
            largest = std::max(largest, d.walBytes());
            QThread::msleep(2);
        });
        done = true;
        reader.join();
        QVERIFY(wrote);
        QCOMPARE_GT(reads.load(), 20);
        const WalCheckpointer::Stats s = c.stats();
        QVERIFY2(s.lastError.isEmpty(), qPrintable(s.lastError));
        qDebug() << "largest log" << largest << "bytes; restarts" << s.restarts << "busy"
                 << s.restartsBusy << "merges" << s.merges << "by the writer" << s.writerMerges
                 << "reads" << reads.load();
        QCOMPARE_GT(s.restarts, 0);
        QCOMPARE_LT(largest, 1'500'000); // about 100 pages and what came during the last wait
        c.detach();
        QCOMPARE(rows(d), 2000);
    }

    // Detached, SQLite's own merging is back (1,000 pages): the log stops growing near 4 MB.
    void detachRestoresSqlitesDefault()
    {
        Db d;
        QVERIFY(openDb(d));
        {
            WalCheckpointer c(d.path, 1'000'000, 1'000'000);
            c.attach(d.db);
            c.detach();
        }
        QVERIFY(write(d, 400, [] {}));
        QCOMPARE_LT(d.walBytes(), 5'000'000); // about 8 MB when nothing merges
        QCOMPARE(rows(d), 2000);
    }
};

QTEST_GUILESS_MAIN(tst_WalCheckpointer)
#include "tst_walcheckpointer.moc"
