// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The status bar's verification state (issue 4): a real store, verified on the verifier's
// thread; a new checkpoint verified incrementally; a tampered store naming the record.
#include "sqlitestore.h"
#include "storeverifier.h"
#include "verificationindicator.h"
#include "widgettestsupport.h"

#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Lakeguard::Widgets::VerificationIndicator;

namespace {
constexpr int kWaitMs = 30'000; // a loaded CI machine verifies slowly
} // namespace

class tst_VerificationIndicator : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // `count` alerts starting at `first`, then a signed checkpoint; the store is closed again.
    bool write(const QString &path, int first, int count)
    {
        Storage::SqliteStore store(path);
        if (!store.open(Storage::AlertStore::Mode::ReadWrite)) {
            return false;
        }
        Storage::IngestBatch batch;
        batch.feed = u"ids"_s;
        batch.feedType = u"file"_s;
        batch.alerts = Test::makeAlerts(first, count, Test::kBaseTime, 1000);
        if (!store.writeBatch(batch).ok) {
            return false;
        }
        return store.checkpoint(true).ok();
    }

    // Raw SQL on a connection of its own: what someone with file access could do.
    bool tamper(const QString &path, const QString &statement)
    {
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
            db.setDatabaseName(path);
            ok = db.open() && QSqlQuery(db).exec(statement);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"tamper"_s);
        return ok;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void verifiedStoreShowsRecordsAndCheckpoint()
    {
        // Given a store of 30 alerts with a signed checkpoint
        const QString path = m_dir.filePath(u"good.db"_s);
        QVERIFY(write(path, 0, 30));

        // When the indicator verifies it
        VerificationIndicator indicator;
        QSignalSpy verified(&indicator, &VerificationIndicator::storeVerified);
        indicator.setStore(path);
        QTRY_COMPARE_WITH_TIMEOUT(
            indicator.state(), VerificationIndicator::State::Verified, kWaitMs);

        // Then it names the records and the checkpoint, and the details name root and key
        const auto report = indicator.report();
        QVERIFY(report);
        QVERIFY(report->ok);
        // and hands on where the next check may start (the console's writer saves it)
        QCOMPARE(verified.count(), 1);
        QVERIFY(!report->state.isEmpty());
        QCOMPARE(verified.first().first().toString(), report->state);
        QVERIFY(report->treeSize >= 30);
        QVERIFY(report->latest);
        QVERIFY(indicator.text().startsWith(u"Verified · "_s));
        QVERIFY2(indicator.text().contains(QLocale().toString(report->treeSize) + u" records"_s),
            qPrintable(indicator.text()));
        QVERIFY(indicator.text().contains(u"checkpoint"_s));
        QCOMPARE(indicator.accessibleName(), u"Store verification"_s);
        const QString details = indicator.detailsText();
        QVERIFY2(details.contains(QString::fromLatin1(report->root.toHex())), qPrintable(details));
        QVERIFY(!report->keyId.isEmpty());
        QVERIFY2(details.contains(report->keyId.left(4)), qPrintable(details));
        QVERIFY(details.contains(u"#%1"_s.arg(report->latest->id)));

        // Clicking opens the details dialog
        QTest::mouseClick(&indicator, Qt::LeftButton);
        auto *dialog = indicator.findChild<QDialog *>(u"verificationDetails"_s);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->close();
    }

    void newCheckpointIsVerifiedIncrementally()
    {
        const QString path = m_dir.filePath(u"growing.db"_s);
        QVERIFY(write(path, 0, 20));
        VerificationIndicator indicator;
        indicator.setStore(path);
        QTRY_COMPARE_WITH_TIMEOUT(
            indicator.state(), VerificationIndicator::State::Verified, kWaitMs);
        const Storage::VerifyReport first = *indicator.report();
        QVERIFY(!first.incremental);

        // Nothing new: the verifier only looks at the newest checkpoint
        QSignalSpy upToDate(indicator.verifier(), &Storage::StoreVerifier::upToDate);
        indicator.storeChanged();
        QTRY_COMPARE_WITH_TIMEOUT(upToDate.count(), 1, kWaitMs);
        QCOMPARE(indicator.report()->latest->id, first.latest->id);

        // A new checkpoint: only the records after the verified one are checked
        QVERIFY(write(path, 100, 15));
        QSignalSpy finished(indicator.verifier(), &Storage::StoreVerifier::finished);
        indicator.storeChanged();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
        QCOMPARE(indicator.state(), VerificationIndicator::State::Verified);
        const Storage::VerifyReport second = *indicator.report();
        QVERIFY(second.incremental);
        QVERIFY(second.latest->id > first.latest->id);
        QCOMPARE(second.fromLeaf, first.latest->treeSize);
        QVERIFY(second.leavesChecked < second.treeSize);
        QVERIFY(second.treeSize >= first.treeSize + 15);
        QVERIFY(indicator.text().contains(QLocale().toString(second.treeSize)));
    }

    // A first check of a big store takes minutes of CPU: the verifier's thread runs at nice 10,
    // below the views and the writer (Linux: QThread priorities do not apply to normal threads).
    void verifierRunsBelowTheViews()
    {
#ifndef Q_OS_LINUX
        QSKIP("thread nice values are read from /proc");
#else
        const QString path = m_dir.filePath(u"nice.db"_s);
        QVERIFY(write(path, 0, 5));
        VerificationIndicator indicator;
        indicator.setStore(path);
        QTRY_COMPARE_WITH_TIMEOUT(
            indicator.state(), VerificationIndicator::State::Verified, kWaitMs);
        int found = 0;
        for (const QFileInfo &task :
            QDir(u"/proc/self/task"_s).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile comm(task.filePath() + u"/comm"_s);
            // The kernel keeps 15 characters of "lakeguard-verify".
            if (!comm.open(QIODevice::ReadOnly)
                || comm.readAll().trimmed() != QByteArray("lakeguard-verify").left(15)) {
                continue;
            }
            QFile stat(task.filePath() + u"/stat"_s);
            QVERIFY(stat.open(QIODevice::ReadOnly));
            // Fields after the command's closing parenthesis: state is field 3, nice field 19.
            const QByteArray line = stat.readAll();
            const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
            QCOMPARE(fields.value(19 - 3).toInt(), 10);
            ++found;
        }
        QCOMPARE(found, 1);
#endif
    }

    void tamperedStoreNamesTheRecord()
    {
        // Given a store whose alert 7 was edited behind Lakeguard's back
        const QString path = m_dir.filePath(u"tampered.db"_s);
        QVERIFY(write(path, 0, 25));
        QVERIFY(tamper(path, u"UPDATE alerts SET title = 'nothing to see' WHERE id = 7"_s));

        VerificationIndicator indicator;
        indicator.setStore(path);
        QTRY_COMPARE_WITH_TIMEOUT(indicator.state(), VerificationIndicator::State::Failed, kWaitMs);
        QVERIFY2(indicator.text().startsWith(u"Verification failed: alert 7 "_s),
            qPrintable(indicator.text()));
        QVERIFY(indicator.toolTip().contains(u"was modified"_s));
        QVERIFY(indicator.detailsText().contains(u"alert 7 (leaf"_s));
        QVERIFY(!indicator.report()->ok);
    }

    void verifyAgainFindsALaterEdit()
    {
        // An incremental check trusts what it verified before; "verify every record again"
        // (the details dialog's button) does not.
        const QString path = m_dir.filePath(u"later.db"_s);
        QVERIFY(write(path, 0, 25));
        VerificationIndicator indicator;
        indicator.setStore(path);
        QTRY_COMPARE_WITH_TIMEOUT(
            indicator.state(), VerificationIndicator::State::Verified, kWaitMs);
        QVERIFY(tamper(path, u"UPDATE alerts SET entity = 'elsewhere' WHERE id = 12"_s));

        QDialog *dialog = indicator.showDetails();
        auto *again = dialog->findChild<QPushButton *>(u"verifyAllButton"_s);
        QVERIFY(again);
        QVERIFY(again->isVisible());
        QTest::mouseClick(again, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(indicator.state(), VerificationIndicator::State::Failed, kWaitMs);
        QVERIFY2(indicator.text().contains(u"alert 12 "_s), qPrintable(indicator.text()));
        dialog->close();
    }

    void missingStoreCannotBeVerified()
    {
        VerificationIndicator indicator;
        indicator.setStore(m_dir.filePath(u"missing/none.db"_s));
        QTRY_COMPARE_WITH_TIMEOUT(
            indicator.state(), VerificationIndicator::State::Unavailable, kWaitMs);
        QVERIFY(!indicator.errorText().isEmpty());
    }

    void packVerdictLikeTheBanner()
    {
        Evidence::PackReport pack;
        pack.ok = false;
        pack.problems = { u"alerts.csv: the SHA-256 does not match the manifest"_s };
        pack.records = 12;
        VerificationIndicator indicator;
        indicator.showPackVerdict(pack);
        QCOMPARE(indicator.state(), VerificationIndicator::State::Failed);
        QVERIFY(indicator.text().contains(u"alerts.csv"_s));
        QVERIFY(!indicator.verifier());

        pack.ok = true;
        pack.problems.clear();
        pack.checkpoint.id = 4;
        indicator.showPackVerdict(pack);
        QCOMPARE(indicator.state(), VerificationIndicator::State::Verified);
        QCOMPARE(indicator.text(), u"Pack verified · 12 records · checkpoint 4"_s);
    }
};

QTEST_MAIN(tst_VerificationIndicator)
#include "tst_verificationindicator.moc"
