// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidenceexportdialog.h"

#include "signing.h"
#include "timeutil.h"
#include "uilanguage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {

constexpr qint64 kDefaultPeriodMs = 7LL * 24 * 3600 * 1000;

} // namespace

EvidenceExportDialog::EvidenceExportDialog(
    QString storeLocation, QList<qint64> incidents, QWidget *parent)
    : QDialog(parent)
    , m_store(std::move(storeLocation))
    , m_incidents(std::move(incidents))
    , m_scope(new QLabel(this))
    , m_folderLabel(new QLabel(this))
    , m_folder(new QLineEdit(this))
    , m_browse(new QPushButton(this))
    , m_zip(new QCheckBox(this))
    , m_tlpLabel(new QLabel(this))
    , m_tlp(new QComboBox(this))
    , m_capLabel(new QLabel(this))
    , m_cap(new QComboBox(this))
    , m_languageLabel(new QLabel(this))
    , m_language(new QComboBox(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_exportButton(m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole))
{
    m_scope->setTextFormat(Qt::PlainText);
    m_scope->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(m_scope);
    if (m_incidents.isEmpty()) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_fromLabel = new QLabel(this);
        m_toLabel = new QLabel(this);
        m_from = new QDateTimeEdit(now.addMSecs(-kDefaultPeriodMs), this);
        m_to = new QDateTimeEdit(now, this);
        for (QDateTimeEdit *e : { m_from, m_to }) {
            e->setTimeSpec(Qt::UTC);
            e->setDisplayFormat(u"yyyy-MM-dd HH:mm 'UTC'"_s);
            e->setCalendarPopup(true);
        }
        form->addRow(m_fromLabel, m_from);
        form->addRow(m_toLabel, m_to);
        m_fromLabel->setBuddy(m_from);
        m_toLabel->setBuddy(m_to);
    }
    const QString base = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_folder->setText(QDir(base.isEmpty() ? QDir::homePath() : base)
                          .filePath(u"lakeguard-evidence-"_s
                              + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s)));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);
    form->addRow(m_folderLabel, folderRow);
    m_folderLabel->setBuddy(m_folder);
    form->addRow(QString(), m_zip);
    m_tlp->addItem(QString(), -1); // automatic: the highest record
    m_cap->addItem(QString(), -1); // no cap
    for (const auto t : { Evidence::Tlp::Clear, Evidence::Tlp::Green, Evidence::Tlp::Amber,
             Evidence::Tlp::AmberStrict, Evidence::Tlp::Red }) {
        m_tlp->addItem(u"TLP:"_s + Evidence::tlpName(t), int(t));
        m_cap->addItem(u"TLP:"_s + Evidence::tlpName(t), int(t));
    }
    form->addRow(m_tlpLabel, m_tlp);
    form->addRow(m_capLabel, m_cap);
    m_tlpLabel->setBuddy(m_tlp);
    m_capLabel->setBuddy(m_cap);
    // Language names are never translated (as in the View ▸ Language menu).
    for (const auto l :
        { UiLanguage::Language::English, UiLanguage::Language::SimplifiedChinese }) {
        m_language->addItem(UiLanguage::nativeName(l), UiLanguage::code(l));
    }
    m_language->setCurrentIndex(m_language->findData(UiLanguage::code(UiLanguage::current())));
    form->addRow(m_languageLabel, m_language);
    m_languageLabel->setBuddy(m_language);

    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setVisible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_browse, &QPushButton::clicked, this, &EvidenceExportDialog::browse);
    connect(m_exportButton, &QPushButton::clicked, this, &EvidenceExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EvidenceExportDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Evidence::ExportOutcome>::finished, this,
        &EvidenceExportDialog::finished);
    retranslateUi();
    resize(sizeHint().expandedTo(QSize(560, 0)));
}

EvidenceExportDialog::~EvidenceExportDialog()
{
    m_cancel->store(true);
    m_watcher.waitForFinished();
}

Evidence::ExportOptions EvidenceExportDialog::options() const
{
    Evidence::ExportOptions o;
    o.storeLocation = m_store;
    o.outDir = m_folder->text().trimmed();
    if (m_zip->isChecked() && !o.outDir.isEmpty()) {
        o.zipFile = QDir::cleanPath(o.outDir) + u".zip"_s;
    }
    o.incidents = m_incidents;
    if (m_from && m_to) {
        o.since = m_from->dateTime().toMSecsSinceEpoch();
        o.until = m_to->dateTime().toMSecsSinceEpoch();
    }
    if (const int t = m_tlp->currentData().toInt(); t >= 0) {
        o.tlp = Evidence::Tlp(t);
    }
    if (const int c = m_cap->currentData().toInt(); c >= 0) {
        o.cap = Evidence::Tlp(c);
    }
    o.language = m_language->currentData().toString();
    o.generator = u"Lakeguard "_s + QCoreApplication::applicationVersion();
    return o;
}

QString EvidenceExportDialog::resultText() const
{
    return m_status->text();
}

void EvidenceExportDialog::startExport()
{
    if (m_watcher.isRunning()) {
        return;
    }
    const Evidence::ExportOptions o = options();
    if (o.outDir.isEmpty()) {
        m_status->setText(tr("Choose a folder for the pack."));
        return;
    }
    m_cancel->store(false);
    m_exportButton->setEnabled(false);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_status->setText(tr("Exporting…"));
    // Progress comes from the worker; it reaches the dialog queued, and not at all once the
    // dialog is gone.
    QPointer<EvidenceExportDialog> self(this);
    const auto progress = [self](int percent, const QString &step) {
        QMetaObject::invokeMethod(
            qApp,
            [self, percent, step] {
                if (self) {
                    self->m_progress->setValue(percent);
                    self->m_status->setText(step);
                }
            },
            Qt::QueuedConnection);
    };
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    m_watcher.setFuture(QtConcurrent::run([o, progress, cancel] {
        Evidence::ExportOutcome r = Evidence::exportPack(o, progress, cancel.get());
        // A pool thread: its OpenSSL state would otherwise be freed only as it ends, possibly
        // after the process's leak check.
        Storage::releaseThreadCrypto();
        return r;
    }));
}

void EvidenceExportDialog::finished()
{
    const Evidence::ExportOutcome r = m_watcher.result();
    m_exportButton->setEnabled(true);
    const bool ok = r.status == Evidence::ExportOutcome::Status::Ok;
    m_progress->setValue(ok ? 100 : 0);
    if (ok) {
        const Evidence::ExportSummary &s = r.summary;
        m_status->setText(
            tr("Wrote %1: %2 alerts, %3 audit entries, marked TLP:%4; checkpoint %5 (tree size "
               "%6). Check it with: lakeguard-cli verify-pack \"%1\"")
                .arg(QDir::toNativeSeparators(s.outDir))
                .arg(s.alerts)
                .arg(s.audit + s.alertEvents)
                .arg(Evidence::tlpName(s.tlp))
                .arg(s.checkpoint.id)
                .arg(s.checkpoint.treeSize));
        m_exportButton->setEnabled(false);
        m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
    } else {
        // Errors come from the exporter in English (as the CLI prints them).
        m_status->setText(tr("Export failed: %1").arg(r.error));
    }
    emit exportFinished(ok);
}

void EvidenceExportDialog::reject()
{
    if (m_watcher.isRunning()) {
        m_cancel->store(true);
        m_status->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

void EvidenceExportDialog::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Folder for the evidence pack"), m_folder->text());
    if (!dir.isEmpty()) {
        m_folder->setText(QDir(dir).filePath(u"lakeguard-evidence"_s));
    }
}

void EvidenceExportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QDialog::changeEvent(event);
}

void EvidenceExportDialog::retranslateUi()
{
    setWindowTitle(tr("Export evidence pack"));
    if (m_incidents.isEmpty()) {
        m_scope->setText(tr("Every alert of the period, the audit trail of their incidents, a "
                            "report and a signed manifest. A checkpoint is signed first; the pack "
                            "is cut from it."));
        m_fromLabel->setText(tr("From:"));
        m_toLabel->setText(tr("Until:"));
    } else {
        QStringList ids;
        for (const qint64 id : std::as_const(m_incidents)) {
            ids << u"#"_s + QString::number(id);
        }
        m_scope->setText(tr("Incidents %1: their alerts and audit trail, a report and a signed "
                            "manifest. A checkpoint is signed first; the pack is cut from it.")
                             .arg(ids.join(u", "_s)));
    }
    m_folderLabel->setText(tr("Folder:"));
    m_browse->setText(tr("Browse…"));
    m_zip->setText(tr("Also write a zip file beside it"));
    m_tlpLabel->setText(tr("TLP marking:"));
    m_tlp->setItemText(0, tr("Automatic (the highest record)"));
    m_capLabel->setText(tr("Leave out records above:"));
    m_cap->setItemText(0, tr("No cap"));
    m_languageLabel->setText(tr("Report language:"));
    m_exportButton->setText(tr("Export"));
}

} // namespace Lakeguard::Widgets
