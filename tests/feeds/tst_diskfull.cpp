// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Disk full (issue 9): the store lives on a small filesystem that fills up while a file feed
// ingests. The feed turns degraded, nothing is acknowledged (cursor committed) that was not
// stored, the store stays intact (integrity_check, verify), and once space returns the feed
// recovers and every record is stored exactly once.
//
// The small filesystem is a tmpfs mounted for the test (root). Without mount privileges the test
// falls back to RLIMIT_FSIZE (the process may not grow any file past a limit; SIGXFSZ ignored, so
// writes fail with EFBIG, which SQLite reports like a full disk).

#include "feedtestsupport.h"
#include "filetailfeed.h"
#include "sqlitestore.h"
#include "storewriter.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/mount.h>
#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

// One alert per line with a 1 KiB message, so a few hundred lines fill the filesystem.
QByteArray bigLines(int from, int to)
{
    const QByteArray pad(1000, 'x');
    QByteArray out;
    for (int i = from; i < to; ++i) {
        out += "{\"ts\":" + QByteArray::number(1'767'225'600'000LL + i) + ",\"title\":\"line "
            + QByteArray::number(i) + "\",\"message\":\"" + pad + QByteArray::number(i) + "\"}\n";
    }
    return out;
}

} // namespace

class tst_DiskFull : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_mount;
    bool m_mounted = false;
    bool m_limited = false;
    rlimit m_savedLimit {};
    QString m_db;
    QString m_log;
    std::unique_ptr<Storage::StoreWriter> m_writer;
    std::unique_ptr<Feeds::FileTailFeed> m_feed;

    QString ballast() const { return m_mount + u"/ballast"_s; }

    // Titles of the stored alerts ("line N" → N); -1 entries mean unreadable.
    QList<int> storedLines()
    {
        Storage::SqliteStore s(m_db);
        if (!s.open(Storage::AlertStore::Mode::ReadOnly)) {
            return { -1 };
        }
        QSqlQuery q(s.database());
        QList<int> out;
        if (!q.exec(u"SELECT title FROM alerts ORDER BY id"_s)) {
            return { -1 };
        }
        while (q.next()) {
            out.append(q.value(0).toString().mid(5).toInt());
        }
        return out;
    }

    QString integrity()
    {
        Storage::SqliteStore s(m_db);
        if (!s.open(Storage::AlertStore::Mode::ReadOnly)) {
            return u"cannot open"_s;
        }
        QSqlQuery q(s.database());
        if (!q.exec(u"PRAGMA integrity_check"_s) || !q.next()) {
            return u"integrity_check failed to run"_s;
        }
        return q.value(0).toString();
    }

    QByteArray storedCursor()
    {
        Storage::SqliteStore s(m_db);
        if (!s.open(Storage::AlertStore::Mode::ReadOnly)) {
            return {};
        }
        const auto feeds = s.feeds();
        return feeds && !feeds->isEmpty() ? feeds->first().cursor : QByteArray();
    }

    void startFeed(const QByteArray &cursor)
    {
        Feeds::FeedConfig c;
        c.id = u"tail"_s;
        c.type = u"file"_s;
        c.format = u"jsonl"_s;
        c.settings = QJsonObject { { u"path"_s, m_log }, { u"poll_ms"_s, 20 } };
        m_feed = std::make_unique<Feeds::FileTailFeed>(c, m_writer.get());
        m_feed->start(cursor);
    }

    // Takes the space away: a ballast file fills the tmpfs, or the file size limit is set just
    // above what the store's files hold now.
    bool fill()
    {
        if (m_mounted) {
            QFile f(ballast());
            if (!f.open(QIODevice::WriteOnly)) {
                return false;
            }
            const QByteArray block(4096, '\0');
            while (f.write(block) == block.size()) { }
            f.close();
            // Leave a little room so the store fails part-way through, not on its first page.
            QFile::resize(ballast(), qMax<qint64>(0, QFileInfo(ballast()).size() - 64 * 1024));
            return true;
        }
        qint64 largest = 0;
        for (const QFileInfo &fi : QDir(m_mount).entryInfoList(QDir::Files)) {
            largest = qMax(largest, fi.size());
        }
        rlimit limit = m_savedLimit;
        limit.rlim_cur = rlim_t(largest + 128 * 1024);
        m_limited = setrlimit(RLIMIT_FSIZE, &limit) == 0;
        return m_limited;
    }

    void giveSpaceBack()
    {
        if (m_mounted) {
            QFile::remove(ballast());
        } else if (m_limited) {
            setrlimit(RLIMIT_FSIZE, &m_savedLimit);
            m_limited = false;
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_mount = m_dir.filePath(u"small"_s);
        QVERIFY(QDir().mkpath(m_mount));
        m_mounted = ::mount("tmpfs", QFile::encodeName(m_mount).constData(), "tmpfs", 0,
                        "size=24m,mode=0700")
            == 0;
        if (!m_mounted) {
            qInfo("tmpfs mount not permitted here; using RLIMIT_FSIZE instead");
            std::signal(SIGXFSZ, SIG_IGN);
            QCOMPARE(getrlimit(RLIMIT_FSIZE, &m_savedLimit), 0);
        }
        m_db = m_mount + u"/store.db"_s;
        m_log = m_dir.filePath(u"input.jsonl"_s); // the input lives on the normal filesystem
    }

    void cleanupTestCase()
    {
        if (m_feed) {
            m_feed->stop();
        }
        m_feed.reset();
        m_writer.reset();
        giveSpaceBack();
        if (m_mounted) {
            ::umount2(QFile::encodeName(m_mount).constData(), MNT_DETACH);
        }
    }

    void fillsUpAndRecovers()
    {
        m_writer = std::make_unique<Storage::StoreWriter>(m_db);
        QVERIFY(m_writer->start());
        QVERIFY(Test::appendTo(m_log, bigLines(0, 20)));
        startFeed({});
        QSignalSpy states(m_feed.get(), &Feeds::FileTailFeed::stateChanged);
        QTRY_COMPARE_WITH_TIMEOUT(storedLines().size(), 20, 10000);

        QVERIFY(fill());
        // Far more than the space left: the store must fail part-way.
        constexpr int kTotal = 2000;
        QVERIFY(Test::appendTo(m_log, bigLines(20, kTotal)));
        auto degraded = [&] {
            for (const QList<QVariant> &args : std::as_const(states)) {
                if (args.at(0).value<Storage::FeedState>() == Storage::FeedState::Degraded) {
                    return true;
                }
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(degraded(), 30000);
        qInfo("degraded");

        // Nothing acknowledged that was not stored: the stored alerts are exactly lines 0..n-1
        // (no hole, no duplicate), and a feed restarted from the stored cursor continues at n.
        const QList<int> stored = storedLines();
        qInfo("stored while full: %lld", qint64(stored.size()));
        QVERIFY(stored.size() >= 20);
        QVERIFY(stored.size() < kTotal);
        for (int i = 0; i < stored.size(); ++i) {
            QCOMPARE(stored.at(i), i);
        }
        QCOMPARE(integrity(), u"ok"_s);

        // Space returns: the degraded feed retries by itself and everything arrives once.
        giveSpaceBack();
        qInfo("space back");
        QTRY_COMPARE_WITH_TIMEOUT(storedLines().size(), kTotal, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty()
                && states.last().at(0).value<Storage::FeedState>() == Storage::FeedState::Healthy,
            10000);
        m_feed->stop();
        m_feed.reset();
        m_writer->stop();
        m_writer.reset();

        const QList<int> all = storedLines();
        QCOMPARE(all.size(), kTotal);
        QCOMPARE(QSet<int>(all.begin(), all.end()).size(), kTotal);
        QCOMPARE(integrity(), u"ok"_s);
        Storage::SqliteStore s(m_db);
        QVERIFY(s.open(Storage::AlertStore::Mode::ReadOnly));
        const auto report = s.verify(false);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QVERIFY2(report->ok, qPrintable(report->firstProblem));
        QCOMPARE(report->treeSize, qint64(kTotal));

        // A restart from the stored cursor reads nothing twice.
        m_writer = std::make_unique<Storage::StoreWriter>(m_db);
        QVERIFY(m_writer->start());
        startFeed(storedCursor());
        QTest::qWait(500);
        QCOMPARE(storedLines().size(), kTotal);
    }
};

QTEST_GUILESS_MAIN(tst_DiskFull)
#include "tst_diskfull.moc"
