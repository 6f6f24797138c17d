// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Read-only review (issue 7): a store opened read-only refuses every write in SQLite itself, not
// only in the user interface, and leaves the file byte for byte as it was. A store on read-only
// media (a folder that cannot be written) opens immutable and creates nothing beside it.
#include "sqlitestore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace Lakeguard::Storage;

namespace {

constexpr qint64 kBase = 1'767'225'600'000LL; // 2026-01-01T00:00:00Z

IngestBatch batch(int first, int count)
{
    IngestBatch b;
    b.feed = u"t"_s;
    b.feedType = u"test"_s;
    for (int i = first; i < first + count; ++i) {
        Alert a;
        a.ts = kBase + qint64(i) * 1000;
        a.received = a.ts + 5;
        a.feed = u"t"_s;
        a.source = u"jsonl"_s;
        a.severity = Core::severityFromInt(i % 5);
        a.category = Core::Category::Intrusion;
        a.rule = u"rule.%1"_s.arg(i % 3);
        a.title = u"Alert %1"_s.arg(i);
        a.entity = u"host-%1"_s.arg(i % 4);
        a.fingerprint = Core::fingerprintOf(u"t", QByteArray::number(i));
        a.raw = "{\"i\":" + QByteArray::number(i) + '}';
        b.alerts << a;
    }
    return b;
}

QByteArray sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

// The names of the files in `dir`, sorted.
QStringList filesIn(const QString &dir)
{
    QStringList names = QDir(dir).entryList(QDir::Files | QDir::Hidden);
    names.sort();
    return names;
}

} // namespace

class TestReviewStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void readOnlyRefusesWritesInSqlite();
    void immutableCreatesNothingBeside();
    void immutableRefusesUnmergedLog();
    void readOnlyMediaOpensImmutable();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestReviewStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"review.db"_s);
    SqliteStore store(m_path);
    QVERIFY(store.open(AlertStore::Mode::ReadWrite));
    QCOMPARE(store.writeBatch(batch(0, 40)).accepted, 40);
    QVERIFY(store.checkpoint(true));
    // Closing the last connection merges the write-ahead log into the file and removes it.
}

void TestReviewStore::readOnlyRefusesWritesInSqlite()
{
    const QByteArray before = sha256Of(m_path);
    {
        SqliteStore store(m_path);
        QVERIFY(store.open(AlertStore::Mode::ReadOnly));
        QCOMPARE(store.countAlerts({}).value(), 40);

        // Through the store's own interface…
        const BatchResult written = store.writeBatch(batch(100, 1));
        QCOMPARE(written.accepted, 0);
        QVERIFY(!written.ok);

        // …and through raw SQL on its connection: SQLite itself refuses.
        QSqlQuery q(store.database());
        QVERIFY(!q.exec(u"DELETE FROM alerts"_s));
        QVERIFY2(q.lastError().text().contains(u"readonly"_s)
                || q.lastError().text().contains(u"read-only"_s)
                || q.lastError().text().contains(u"query_only"_s),
            qPrintable(q.lastError().text()));
        QVERIFY(!q.exec(u"UPDATE alerts SET title = 'edited'"_s));
        QVERIFY(!q.exec(u"PRAGMA query_only=OFF"_s) || !q.exec(u"DELETE FROM alerts"_s));
        QCOMPARE(store.countAlerts({}).value(), 40);

        const auto report = store.verify(false);
        QVERIFY(report);
        QVERIFY2(report.value().ok, qPrintable(report.value().firstProblem));
    }
    QCOMPARE(sha256Of(m_path), before);
}

void TestReviewStore::immutableCreatesNothingBeside()
{
    const QStringList filesBefore = filesIn(m_dir->path());
    const QByteArray before = sha256Of(m_path);
    {
        StoreOptions options;
        options.immutable = true;
        SqliteStore store(m_path, options);
        QVERIFY(store.open(AlertStore::Mode::ReadOnly));
        QVERIFY(store.isImmutable());
        QCOMPARE(store.countAlerts({}).value(), 40);
        QSqlQuery q(store.database());
        QVERIFY(!q.exec(u"DELETE FROM alerts"_s));
        QVERIFY(!q.exec(u"PRAGMA query_only=OFF"_s) || !q.exec(u"DELETE FROM alerts"_s));
        const auto report = store.verify(false);
        QVERIFY(report);
        QVERIFY2(report.value().ok, qPrintable(report.value().firstProblem));
        // No -wal, no -shm: nothing is created beside a store under review.
        QCOMPARE(filesIn(m_dir->path()), filesBefore);
    }
    QCOMPARE(sha256Of(m_path), before);
    QCOMPARE(filesIn(m_dir->path()), filesBefore);
}

void TestReviewStore::immutableRefusesUnmergedLog()
{
    // A writer that stays open keeps its write-ahead log; an immutable reader would not see it.
    SqliteStore writer(m_path);
    QVERIFY(writer.open(AlertStore::Mode::ReadWrite));
    QCOMPARE(writer.writeBatch(batch(200, 5)).accepted, 5);
    QVERIFY(QFileInfo(m_path + u"-wal"_s).size() > 0);

    StoreOptions options;
    options.immutable = true;
    SqliteStore store(m_path, options);
    const Status opened = store.open(AlertStore::Mode::ReadOnly);
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().contains(u"write-ahead log"_s), qPrintable(opened.error()));

    // The ordinary read-only open sees the writer's latest commit.
    SqliteStore reader(m_path);
    QVERIFY(reader.open(AlertStore::Mode::ReadOnly));
    QVERIFY(!reader.isImmutable());
    QCOMPARE(reader.countAlerts({}).value(), 45);
}

void TestReviewStore::readOnlyMediaOpensImmutable()
{
    // A read-only filesystem, as on a write-once evidence disc: a tmpfs remounted read-only.
    // Mounting needs privileges (root outside a restricted container); without them the case
    // cannot be built on this machine.
    const QString media = m_dir->filePath(u"media"_s);
    QVERIFY(QDir().mkpath(media));
    if (QProcess::execute(
            u"mount"_s, { u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=8m"_s, u"tmpfs"_s, media })
        != 0) {
        QSKIP("cannot mount a tmpfs here (needs root in a namespace that allows mounts)");
    }
    const auto unmount = qScopeGuard([&] { QProcess::execute(u"umount"_s, { media }); });
    const QString copy = media + u"/evidence.db"_s;
    QVERIFY(QFile::copy(m_path, copy));
    QCOMPARE(QProcess::execute(u"mount"_s, { u"-o"_s, u"remount,ro"_s, media }), 0);
    QVERIFY(!QFileInfo(media).isWritable());

    SqliteStore store(copy);
    const Status opened = store.open(AlertStore::Mode::ReadOnly);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    QVERIFY(store.isImmutable());
    QCOMPARE(store.countAlerts({}).value(), 40);
    const auto report = store.verify(false);
    QVERIFY(report);
    QVERIFY2(report.value().ok, qPrintable(report.value().firstProblem));
    QCOMPARE(filesIn(media), QStringList { u"evidence.db"_s });
}

QTEST_GUILESS_MAIN(TestReviewStore)
#include "tst_reviewstore.moc"
