// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidenceexportdialog.h"
#include "packverifier.h"
#include "sqlitestore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace Lakeguard::Storage;

class tst_EvidenceExportDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_store;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_store = m_dir.filePath(u"store.db"_s);
        SqliteStore store(m_store);
        QVERIFY(store.open(AlertStore::Mode::ReadWrite));
        IngestBatch b;
        b.feed = u"t"_s;
        b.feedType = u"test"_s;
        const qint64 now = Core::nowMs();
        for (int i = 0; i < 20; ++i) {
            Alert a;
            a.ts = now - 3'600'000 + i * 1000;
            a.received = a.ts;
            a.feed = u"t"_s;
            a.source = u"jsonl"_s;
            a.rule = u"r"_s;
            a.title = u"alert %1"_s.arg(i);
            a.entity = u"e"_s;
            a.severity = i % 2 ? Core::Severity::Low : Core::Severity::Critical;
            a.fingerprint = Core::fingerprintOf(u"t", QByteArray::number(i));
            a.raw = "{}";
            b.alerts << a;
        }
        QVERIFY(store.writeBatch(b).ok);
    }

    void exportsOnAWorkerWithProgress()
    {
        // Given the dialog for a period (the default: the last 7 days), capped at AMBER.
        Widgets::EvidenceExportDialog dialog(m_store, {});
        const QString out = m_dir.filePath(u"pack"_s);
        dialog.folderEdit()->setText(out);
        dialog.zipBox()->setChecked(true);
        dialog.capBox()->setCurrentIndex(dialog.capBox()->findText(u"TLP:AMBER"_s));
        dialog.languageBox()->setCurrentIndex(dialog.languageBox()->findData(u"zh_CN"_s));
        const Evidence::ExportOptions o = dialog.options();
        QCOMPARE(o.cap, Evidence::Tlp::Amber);
        QCOMPARE(o.language, u"zh_CN"_s);
        QVERIFY(o.since && o.until);
        QCOMPARE(o.zipFile, out + u".zip"_s);
        // When export starts, it runs off the GUI thread and reports back.
        QSignalSpy done(&dialog, &Widgets::EvidenceExportDialog::exportFinished);
        dialog.startExport();
        QVERIFY(dialog.isRunning() || done.count() == 1);
        QVERIFY(done.wait(60'000) || done.count() == 1);
        QCOMPARE(done.first().first().toBool(), true);
        // Then the pack verifies; the critical alerts (AMBER+STRICT) were left out.
        const auto report = Evidence::verifyPack(out);
        QVERIFY(report && report->ok);
        QCOMPARE(report->tlp, u"GREEN"_s);
        QCOMPARE(report->records, 10);
        QVERIFY(QFileInfo::exists(out + u".zip"_s));
        QVERIFY(dialog.resultText().contains(out));
        // A second export into the same folder is refused with a message, not a crash.
        dialog.startExport();
        QVERIFY(done.wait(60'000));
        QCOMPARE(done.last().first().toBool(), false);
        QVERIFY(dialog.resultText().contains(u"not empty"_s));
    }
};

QTEST_MAIN(tst_EvidenceExportDialog)
#include "tst_evidenceexportdialog.moc"
