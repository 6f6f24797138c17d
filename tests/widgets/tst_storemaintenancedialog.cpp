// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// File ▸ Store maintenance…: the store's size, a backup beside a running writer, compacting in
// the writer's queue, and what is offered in review and for a PostgreSQL store.
#include "sqlitestore.h"
#include "storemaintenancedialog.h"
#include "widgettestsupport.h"

#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Lakeguard;
using namespace Lakeguard::Test;
using namespace Qt::StringLiterals;
using Widgets::StoreMaintenanceDialog;

class tst_StoreMaintenanceDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsSizeAndBacksUp();
    void backupRefusesAnExistingFile();
    void compactGivesBackFreeSpace();
    void reviewOffersOnlyBackup();
    void postgresStoreOffersNothing();
    void textsArePlain();
};

void tst_StoreMaintenanceDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_StoreMaintenanceDialog::showsSizeAndBacksUp()
{
    TestStore store;
    QVERIFY(store.open());
    QVERIFY(store.submitAlerts(makeAlerts(0, 500, kBaseTime, 1000)).ok);
    StoreMaintenanceDialog dialog(store.path(), store.writer());
    QSignalSpy space(&dialog, &StoreMaintenanceDialog::spaceRead);
    QVERIFY(space.wait(10000));
    QVERIFY2(dialog.spaceText().startsWith(u"Size: "_s), qPrintable(dialog.spaceText()));
    QVERIFY(dialog.backupButton()->isEnabled());
    QVERIFY(dialog.compactButton()->isEnabled());

    // The writer goes on while the copy is taken: a batch submitted meanwhile is not held up.
    const QString target = QFileInfo(store.path()).dir().filePath(u"copy.db"_s);
    QSignalSpy done(&dialog, &StoreMaintenanceDialog::backupFinished);
    dialog.startBackup(target);
    QVERIFY(dialog.isBusy());
    QVERIFY(!dialog.backupButton()->isEnabled());
    QVERIFY(!dialog.compactButton()->isEnabled());
    QVERIFY(store.submitAlerts(makeAlerts(500, 10, kBaseTime + 600'000, 1000)).ok);
    QVERIFY(done.wait(10000));
    QCOMPARE(done.constFirst().constFirst().toBool(), true);
    QVERIFY(!dialog.isBusy());
    QVERIFY(dialog.backupButton()->isEnabled());
    QVERIFY2(dialog.statusText().contains(target), qPrintable(dialog.statusText()));

    Storage::SqliteStore copy(target);
    QVERIFY(copy.open(Storage::AlertStore::Mode::ReadOnly).ok());
    const auto stats = copy.stats();
    QVERIFY(stats);
    // One consistent snapshot: before or after the batch of 10, never part of it.
    QVERIFY2(
        stats->alerts == 500 || stats->alerts == 510, qPrintable(QString::number(stats->alerts)));
    const auto report = copy.verify(false);
    QVERIFY(report);
    QVERIFY2(report->ok, qPrintable(report->firstProblem));
}

void tst_StoreMaintenanceDialog::backupRefusesAnExistingFile()
{
    TestStore store;
    QVERIFY(store.open());
    QVERIFY(store.submitAlerts(makeAlerts(0, 20, kBaseTime, 1000)).ok);
    const QString target = QFileInfo(store.path()).dir().filePath(u"taken.db"_s);
    QFile taken(target);
    QVERIFY(taken.open(QIODevice::WriteOnly));
    QVERIFY(taken.write("not a store") > 0);
    taken.close();
    StoreMaintenanceDialog dialog(store.path(), store.writer());
    QSignalSpy done(&dialog, &StoreMaintenanceDialog::backupFinished);
    dialog.startBackup(target);
    QVERIFY(done.wait(10000));
    QCOMPARE(done.constFirst().constFirst().toBool(), false);
    QVERIFY2(dialog.statusText().contains(u"exists"_s), qPrintable(dialog.statusText()));
    // Nothing was written over it.
    QVERIFY(taken.open(QIODevice::ReadOnly));
    QCOMPARE(taken.readAll(), QByteArray("not a store"));
}

void tst_StoreMaintenanceDialog::compactGivesBackFreeSpace()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"pruned.db"_s);
    {
        // 3,000 alerts of which a prune keeps 100: most pages of the file are free afterwards.
        Storage::SqliteStore s(path);
        QVERIFY(s.open(Storage::AlertStore::Mode::ReadWrite).ok());
        for (int first = 0; first < 3000; first += 500) {
            Storage::IngestBatch batch;
            batch.feed = u"ids"_s;
            batch.feedType = u"file"_s;
            batch.alerts = makeAlerts(first, 500, kBaseTime, 1000);
            QVERIFY(s.writeBatch(batch).ok);
        }
        Storage::RetentionPolicy keep100;
        keep100.maxAlerts = 100;
        QVERIFY(s.prune(keep100, kBaseTime + 3'600'000));
    }
    const auto before = Storage::readStoreSpace(path);
    QVERIFY(before);
    QVERIFY2(before->freeBytes > 0, "the prune left no free pages to give back");

    Storage::StoreWriter writer(path);
    QVERIFY(writer.start().ok());
    {
        StoreMaintenanceDialog dialog(path, &writer);
        QSignalSpy done(&dialog, &StoreMaintenanceDialog::compactFinished);
        QSignalSpy space(&dialog, &StoreMaintenanceDialog::spaceRead);
        dialog.startCompact();
        QVERIFY(dialog.isBusy());
        QVERIFY(!dialog.compactButton()->isEnabled());
        // Closing while it runs is refused: its outcome would be shown to no one.
        static_cast<QDialog &>(dialog).reject();
        QVERIFY(dialog.statusText().contains(u"wait"_s));
        QVERIFY(done.wait(20000));
        QCOMPARE(done.constFirst().constFirst().toBool(), true);
        QVERIFY2(
            dialog.statusText().startsWith(u"Compacted in "_s), qPrintable(dialog.statusText()));
        QVERIFY(dialog.compactButton()->isEnabled());
        // The sizes are read again afterwards.
        QTRY_VERIFY_WITH_TIMEOUT(!space.isEmpty(), 10000);
    }
    // The writer still writes after the file was rewritten.
    Storage::IngestBatch more;
    more.feed = u"ids"_s;
    more.feedType = u"file"_s;
    more.alerts = makeAlerts(5000, 10, kBaseTime + 7'200'000, 1000);
    auto written = writer.submit(more);
    written.waitForFinished();
    QVERIFY(written.result().ok);
    writer.stop();

    const auto after = Storage::readStoreSpace(path);
    QVERIFY(after);
    QVERIFY2(after->fileBytes < before->fileBytes,
        qPrintable(u"%1 → %2"_s.arg(before->fileBytes).arg(after->fileBytes)));
    Storage::SqliteStore check(path);
    QVERIFY(check.open(Storage::AlertStore::Mode::ReadOnly).ok());
    QCOMPARE(check.stats()->alerts, 110);
    const auto report = check.verify(false);
    QVERIFY(report);
    QVERIFY2(report->ok, qPrintable(report->firstProblem));
}

void tst_StoreMaintenanceDialog::reviewOffersOnlyBackup()
{
    TestStore store;
    QVERIFY(store.open());
    QVERIFY(store.submitAlerts(makeAlerts(0, 20, kBaseTime, 1000)).ok);
    StoreMaintenanceDialog dialog(store.path(), nullptr);
    QVERIFY(dialog.backupButton()->isEnabled());
    QVERIFY(!dialog.compactButton()->isEnabled());
    QSignalSpy done(&dialog, &StoreMaintenanceDialog::compactFinished);
    dialog.startCompact();
    QVERIFY(!dialog.isBusy());
    QTest::qWait(50);
    QVERIFY(done.isEmpty());
}

void tst_StoreMaintenanceDialog::postgresStoreOffersNothing()
{
    StoreMaintenanceDialog dialog(u"postgresql://lakeguard@127.0.0.1:5432/lakeguard"_s, nullptr);
    QVERIFY(!dialog.backupButton()->isEnabled());
    QVERIFY(!dialog.compactButton()->isEnabled());
    QVERIFY2(dialog.spaceText().contains(u"pg_dump"_s), qPrintable(dialog.spaceText()));
    QSignalSpy done(&dialog, &StoreMaintenanceDialog::backupFinished);
    dialog.startBackup(u"/tmp/never.db"_s);
    QVERIFY(!dialog.isBusy());
    QTest::qWait(50);
    QVERIFY(done.isEmpty());
    QVERIFY(!QFileInfo::exists(u"/tmp/never.db"_s));
}

// The store's path and error texts are shown as they are, never as rich text.
void tst_StoreMaintenanceDialog::textsArePlain()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    StoreMaintenanceDialog dialog(dir.filePath(u"<b>x</b>.db"_s), nullptr);
    const auto labels = dialog.findChildren<QLabel *>();
    QVERIFY(!labels.isEmpty());
    for (const QLabel *label : labels) {
        QCOMPARE(label->textFormat(), Qt::PlainText);
    }
    QSignalSpy space(&dialog, &StoreMaintenanceDialog::spaceRead);
    QVERIFY(space.wait(10000));
    // The missing store is named, tags and all.
    QVERIFY2(dialog.spaceText().contains(u"<b>x</b>.db"_s), qPrintable(dialog.spaceText()));
}

QTEST_MAIN(tst_StoreMaintenanceDialog)
#include "tst_storemaintenancedialog.moc"
