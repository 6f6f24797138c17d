// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedtestsupport.h"
#include "filetailfeed.h"
#include "sqlitestore.h"
#include "storewriter.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

QByteArray lines(int from, int to)
{
    return Test::jsonLines(from, to);
}

void append(const QString &path, const QByteArray &data)
{
    QVERIFY(Test::appendTo(path, data));
}

} // namespace

class tst_FileTailFeed : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_case = 0;
    QString m_db;
    QString m_log;
    std::unique_ptr<Storage::StoreWriter> m_writer;
    std::unique_ptr<Feeds::FileTailFeed> m_feed;

    qint64 count()
    {
        Storage::SqliteStore s(m_db);
        if (!s.open(Storage::AlertStore::Mode::ReadOnly)) {
            return -1;
        }
        return s.countAlerts({}).value();
    }

    Storage::FeedStatus status()
    {
        Storage::SqliteStore s(m_db);
        if (!s.open(Storage::AlertStore::Mode::ReadOnly)) {
            return {};
        }
        const auto feeds = s.feeds().value();
        return feeds.isEmpty() ? Storage::FeedStatus{} : feeds.first();
    }

    void startFeed()
    {
        Feeds::FeedConfig c;
        c.id = u"tail"_s;
        c.type = u"file"_s;
        c.format = u"jsonl"_s;
        c.settings = QJsonObject{{u"path"_s, m_log}, {u"poll_ms"_s, 20}};
        m_feed = std::make_unique<Feeds::FileTailFeed>(c, m_writer.get());
        m_feed->start(status().cursor);
    }

    void restart()
    {
        m_feed->stop();
        m_feed.reset();
        m_writer->stop();
        m_writer = std::make_unique<Storage::StoreWriter>(m_db);
        QVERIFY(m_writer->start());
    }

private slots:
    void init()
    {
        ++m_case;
        m_db = m_dir.filePath(u"tail-%1.db"_s.arg(m_case));
        m_log = m_dir.filePath(u"eve-%1.log"_s.arg(m_case));
        m_writer = std::make_unique<Storage::StoreWriter>(m_db);
        QVERIFY(m_writer->start());
    }

    void cleanup()
    {
        if (m_feed) {
            m_feed->stop();
        }
        m_feed.reset();
        m_writer.reset();
    }

    void appendsAndPartialLines()
    {
        append(m_log, lines(0, 100));
        startFeed();
        QTRY_COMPARE_WITH_TIMEOUT(count(), 100, 10000);
        // A line still being written is not read until its newline arrives.
        append(m_log, lines(100, 150) + "{\"ts\":1,\"title\":\"half");
        QTRY_COMPARE_WITH_TIMEOUT(count(), 150, 10000);
        QTest::qWait(200);
        QCOMPARE(count(), 150);
        append(m_log, " done\"}\n");
        QTRY_COMPARE_WITH_TIMEOUT(count(), 151, 10000);
        QTRY_COMPARE(status().state, Storage::FeedState::Healthy);
    }

    void malformedLinesAreQuarantined()
    {
        append(m_log, lines(0, 10) + "garbage\n" + lines(10, 20));
        startFeed();
        QTRY_COMPARE_WITH_TIMEOUT(count(), 20, 10000);
        QTRY_COMPARE(status().quarantined, 1);
    }

    // A batch the store cannot take (here a trigger someone put in the database) leaves the feed
    // degraded and re-reading the same bytes; the batch read ahead behind it is refused, not
    // committed past the hole. Once the store takes it, everything is there exactly once.
    void failedBatchIsReadAgainAndNothingSkipped()
    {
        const int n = 40'000; // well over one read chunk, so two batches are in flight
        append(m_log, lines(0, n));
        {
            Storage::SqliteStore s(m_db);
            QVERIFY(s.open(Storage::AlertStore::Mode::ReadWrite)); // create the schema first
        }
        const auto exec = [this](const QString &sql) {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inject"_s);
            db.setDatabaseName(m_db);
            bool ok = db.open() && QSqlQuery(db).exec(sql);
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(u"inject"_s);
            return ok;
        };
        QVERIFY(exec(u"CREATE TRIGGER injected BEFORE INSERT ON alerts WHEN NEW.title = 'line 9000'"
                     " BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s));
        startFeed();
        QTRY_COMPARE_WITH_TIMEOUT(status().state, Storage::FeedState::Degraded, 20000);
        QVERIFY(status().lastError.contains(u"injected failure"_s));
        QTest::qWait(300);
        const qint64 before = count();
        QVERIFY(before < 9000);
        QVERIFY(exec(u"DROP TRIGGER injected"_s));
        QTRY_COMPARE_WITH_TIMEOUT(count(), qint64(n), 60000);
        QTRY_COMPARE(status().state, Storage::FeedState::Healthy);
        QCOMPARE(status().duplicates, 0);
        QCOMPARE(status().accepted, qint64(n));
    }

    void renameRotation()
    {
        append(m_log, lines(0, 100));
        startFeed();
        QTRY_COMPARE_WITH_TIMEOUT(count(), 100, 10000);
        // logrotate renames; the writer still appends to its open (old) file, then reopens.
        QVERIFY(QFile::rename(m_log, m_log + u".1"_s));
        append(m_log + u".1"_s, lines(100, 110));
        append(m_log, lines(110, 130));
        QTRY_COMPARE_WITH_TIMEOUT(count(), 130, 10000);
        QCOMPARE(status().duplicates, 0);
        append(m_log, lines(130, 140));
        QTRY_COMPARE_WITH_TIMEOUT(count(), 140, 10000);
    }

    void copyTruncateRotation()
    {
        append(m_log, lines(0, 100));
        startFeed();
        QTRY_COMPARE_WITH_TIMEOUT(count(), 100, 10000);
        QVERIFY(QFile::copy(m_log, m_log + u".1"_s));
        QFile f(m_log);
        QVERIFY(f.resize(0));
        append(m_log, lines(100, 130));
        QTRY_COMPARE_WITH_TIMEOUT(count(), 130, 10000);
        QCOMPARE(status().duplicates, 0);
    }

    // Truncated and rewritten past the old offset before the feed looks: the head hash tells.
    void truncatedAndRefilledQuickly()
    {
        append(m_log, lines(0, 10));
        startFeed();
        QTRY_COMPARE_WITH_TIMEOUT(count(), 10, 10000);
        m_feed->stop();
        QFile f(m_log);
        QVERIFY(f.resize(0));
        append(m_log, lines(500, 600));
        m_feed->start(status().cursor);
        QTRY_COMPARE_WITH_TIMEOUT(count(), 110, 10000);
    }

    void restartMidFileResumes()
    {
        append(m_log, lines(0, 100));
        startFeed();
        QTRY_COMPARE_WITH_TIMEOUT(count(), 100, 10000);
        restart();
        append(m_log, lines(100, 150));
        startFeed();
        QTRY_COMPARE_WITH_TIMEOUT(count(), 150, 10000);
        QTest::qWait(200);
        QCOMPARE(status().duplicates, 0); // nothing was read twice
        QCOMPARE(status().accepted, 150);
    }

    void restartAfterRotationReadsTheRest()
    {
        append(m_log, lines(0, 100));
        startFeed();
        QTRY_COMPARE_WITH_TIMEOUT(count(), 100, 10000);
        restart();
        // While stopped: the old file got 10 more lines, was rotated, and a new one began.
        append(m_log, lines(100, 110));
        QVERIFY(QFile::rename(m_log, m_log + u".1"_s));
        append(m_log, lines(110, 115));
        startFeed();
        QTRY_COMPARE_WITH_TIMEOUT(count(), 115, 10000);
        QTest::qWait(200);
        QCOMPARE(status().duplicates, 0);
    }

    void waitsForMissingFile()
    {
        startFeed();
        QTRY_COMPARE(status().state, Storage::FeedState::Down);
        QVERIFY(status().lastError.contains(u"waiting"_s));
        append(m_log, lines(0, 5));
        QTRY_COMPARE_WITH_TIMEOUT(count(), 5, 10000);
        QTRY_COMPARE(status().state, Storage::FeedState::Healthy);
    }

    void cursorRoundTrip()
    {
        Feeds::FileCursor c{12, 34, 56, QByteArray(32, 'h'), 64};
        const auto back = Feeds::FileCursor::fromBytes(c.toBytes());
        QVERIFY(back);
        QCOMPARE(back->device, 12u);
        QCOMPARE(back->inode, 34u);
        QCOMPARE(back->offset, 56);
        QCOMPARE(back->head, c.head);
        QVERIFY(!Feeds::FileCursor::fromBytes("{}"));
        QVERIFY(!Feeds::FileCursor::fromBytes("junk"));
    }
};

QTEST_GUILESS_MAIN(tst_FileTailFeed)
#include "tst_filetailfeed.moc"
