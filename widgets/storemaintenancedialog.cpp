// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storemaintenancedialog.h"

#include "pgschema.h"
#include "sqlitestore.h"
#include "storewriter.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStorageInfo>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <functional>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {

// "4.0 kB" stays on one line when the text wraps.
QString bytesText(qint64 bytes)
{
    return QLocale()
        .formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat)
        .replace(u' ', QChar::Nbsp);
}

QString seconds(qint64 ms)
{
    return QLocale().toString(double(ms) / 1000.0, 'f', 1);
}

} // namespace

StoreMaintenanceDialog::StoreMaintenanceDialog(
    QString storeLocation, Storage::StoreWriter *writer, QWidget *parent)
    : QDialog(parent)
    , m_store(std::move(storeLocation))
    , m_writer(writer)
    , m_sqlite(!Storage::PgLocation::isPostgres(m_store))
    , m_storeLabel(new QLabel(this))
    , m_space(new QLabel(this))
    , m_backupBox(new QGroupBox(this))
    , m_backupText(new QLabel(m_backupBox))
    , m_backupButton(new QPushButton(m_backupBox))
    , m_compactBox(new QGroupBox(this))
    , m_compactText(new QLabel(m_compactBox))
    , m_compactButton(new QPushButton(m_compactBox))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(u"storeMaintenanceDialog"_s);
    // A path and error texts may hold anything: plain text only.
    for (QLabel *label : { m_storeLabel, m_space, m_backupText, m_compactText, m_status }) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
    }
    m_storeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_backupButton->setObjectName(u"backupButton"_s);
    m_compactButton->setObjectName(u"compactButton"_s);

    auto *backupLayout = new QVBoxLayout(m_backupBox);
    backupLayout->addWidget(m_backupText);
    backupLayout->addWidget(m_backupButton, 0, Qt::AlignLeft);
    auto *compactLayout = new QVBoxLayout(m_compactBox);
    compactLayout->addWidget(m_compactText);
    compactLayout->addWidget(m_compactButton, 0, Qt::AlignLeft);

    m_progress->setRange(0, 0); // busy: neither SQLite step reports how far it is
    m_progress->setTextVisible(false);
    m_progress->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_storeLabel);
    layout->addWidget(m_space);
    layout->addWidget(m_backupBox);
    layout->addWidget(m_compactBox);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(
        m_backupButton, &QPushButton::clicked, this, &StoreMaintenanceDialog::chooseBackupTarget);
    connect(m_compactButton, &QPushButton::clicked, this, &StoreMaintenanceDialog::confirmCompact);
    connect(
        &m_spaceWatcher, &QFutureWatcherBase::finished, this, &StoreMaintenanceDialog::showSpace);
    connect(&m_backupWatcher, &QFutureWatcherBase::finished, this, [this] {
        setBusy(false);
        const auto result = m_backupWatcher.result();
        const QString target = QDir::toNativeSeparators(m_backupTarget);
        if (result) {
            const qint64 bytes = *result;
            m_outcome = [target, bytes] {
                return StoreMaintenanceDialog::tr(
                    "Backed up to %1 (%2). Open it with lakeguard --review, or check it with "
                    "lakeguard-cli --store FILE verify.")
                    .arg(target, bytesText(bytes));
            };
        } else {
            const QString error = result.error();
            m_outcome = [target, error] {
                return StoreMaintenanceDialog::tr("The backup to %1 failed: %2").arg(target, error);
            };
        }
        showStatus(m_outcome());
        emit backupFinished(bool(result));
    });
    connect(&m_compactWatcher, &QFutureWatcherBase::finished, this, [this] {
        setBusy(false);
        const auto result = m_compactWatcher.result();
        const qint64 ms = m_compactClock.elapsed();
        if (result) {
            const Storage::CompactResult r = *result;
            m_outcome = [r, ms] {
                QString text
                    = StoreMaintenanceDialog::tr("Compacted in %1 s: %2 before, %3 after.")
                          .arg(seconds(ms), bytesText(r.bytesBefore), bytesText(r.bytesAfter));
                if (!r.logMerged) {
                    text += u' '
                        + StoreMaintenanceDialog::tr(
                            "A reader still holds the write-ahead log; it shrinks once that "
                            "reader is done.");
                }
                return text;
            };
        } else {
            const QString error = result.error();
            m_outcome = [error] {
                return StoreMaintenanceDialog::tr("Compacting failed: %1").arg(error);
            };
        }
        showStatus(m_outcome());
        refreshSpace();
        emit compactFinished(bool(result));
    });

    // Wide enough for the explanations to wrap into a few lines, not a column of words.
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);
    retranslateUi();
    updateButtons();
    refreshSpace();
}

StoreMaintenanceDialog::~StoreMaintenanceDialog()
{
    // A backup runs on its own connection: wait for it rather than leave it writing a file no
    // one will hear of. A compaction runs in the writer's queue and finishes there.
    m_spaceWatcher.waitForFinished();
    m_backupWatcher.waitForFinished();
}

QString StoreMaintenanceDialog::statusText() const
{
    return m_status->text();
}

QString StoreMaintenanceDialog::spaceText() const
{
    return m_space->text();
}

bool StoreMaintenanceDialog::isBusy() const
{
    return m_busy;
}

void StoreMaintenanceDialog::refreshSpace()
{
    if (!m_sqlite || m_spaceWatcher.isRunning()) {
        return;
    }
    const QString store = m_store;
    m_spaceWatcher.setFuture(QtConcurrent::run([store] { return Storage::readStoreSpace(store); }));
}

void StoreMaintenanceDialog::showSpace()
{
    const auto space = m_spaceWatcher.result();
    m_spaceRead = true;
    m_spaceError = space ? QString() : space.error();
    if (space) {
        m_lastSpace = *space;
    }
    showSpaceText();
    emit spaceRead();
}

void StoreMaintenanceDialog::showSpaceText()
{
    if (!m_sqlite) {
        return; // retranslateUi() says what a PostgreSQL store has instead
    }
    if (!m_spaceRead) {
        m_space->setText(tr("Reading the store's size…"));
    } else if (!m_spaceError.isEmpty()) {
        m_space->setText(tr("The store's size cannot be read: %1").arg(m_spaceError));
    } else {
        const QStorageInfo disk(QFileInfo(m_store).absolutePath());
        m_space->setText(
            tr("Size: %1 (write-ahead log: %2). Free space inside it: %3. Free on "
               "the disk: %4.")
                .arg(bytesText(m_lastSpace.fileBytes), bytesText(m_lastSpace.logBytes),
                    bytesText(m_lastSpace.freeBytes), bytesText(disk.bytesAvailable())));
    }
    fitContents();
}

void StoreMaintenanceDialog::chooseBackupTarget()
{
    const QFileInfo store(m_store);
    const QString suggested = store.dir().filePath(store.completeBaseName() + u"-backup-"_s
        + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmm"_s) + u".db"_s);
    const QString target = QFileDialog::getSaveFileName(
        this, tr("Back up the store to"), suggested, tr("Lakeguard stores (*.db);;All files (*)"));
    if (!target.isEmpty()) {
        startBackup(target);
    }
}

void StoreMaintenanceDialog::startBackup(const QString &target)
{
    if (isBusy() || !m_sqlite) {
        return;
    }
    m_backupTarget = target;
    m_outcome = [target] {
        return StoreMaintenanceDialog::tr("Backing up to %1…")
            .arg(QDir::toNativeSeparators(target));
    };
    showStatus(m_outcome());
    setBusy(true);
    const QString store = m_store;
    m_backupWatcher.setFuture(
        QtConcurrent::run([store, target] { return Storage::backupStore(store, target); }));
}

void StoreMaintenanceDialog::confirmCompact()
{
    QMessageBox box(QMessageBox::Question, tr("Compact the store"),
        tr("Compacting rewrites the whole store. New alerts wait in their feeds until it is "
           "done, which can take minutes for a large store, and it needs free disk space as "
           "large as the store. Nothing stored changes, and verification still passes."),
        QMessageBox::Cancel, this);
    box.setTextFormat(Qt::PlainText);
    QPushButton *go = box.addButton(tr("Compact"), QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == go) {
        startCompact();
    }
}

void StoreMaintenanceDialog::startCompact()
{
    if (isBusy() || !m_writer || !m_sqlite) {
        return;
    }
    m_outcome = [] {
        return StoreMaintenanceDialog::tr(
            "Compacting… New alerts wait in their feeds until it is done.");
    };
    showStatus(m_outcome());
    setBusy(true);
    m_compactClock.start();
    m_compactWatcher.setFuture(m_writer->compact());
}

void StoreMaintenanceDialog::reject()
{
    // The work goes on without the dialog, but its outcome would be shown to no one.
    if (isBusy()) {
        showStatus(m_outcome ? m_outcome() + u' ' + tr("Please wait until it is done.")
                             : tr("Please wait until it is done."));
        return;
    }
    QDialog::reject();
}

void StoreMaintenanceDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    updateButtons();
}

void StoreMaintenanceDialog::updateButtons()
{
    const bool busy = isBusy();
    m_backupButton->setEnabled(m_sqlite && !busy);
    m_compactButton->setEnabled(m_sqlite && m_writer && !busy);
    m_buttons->button(QDialogButtonBox::Close)->setEnabled(!busy);
}

void StoreMaintenanceDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QDialog::changeEvent(event);
}

void StoreMaintenanceDialog::retranslateUi()
{
    setWindowTitle(tr("Store maintenance"));
    m_storeLabel->setText(tr("Store: %1").arg(QDir::toNativeSeparators(m_store)));
    m_backupBox->setTitle(tr("Back up"));
    m_backupText->setText(tr("Copies the store into a new file with SQLite's online backup: "
                             "one consistent snapshot, taken while the feeds go on writing."));
    m_backupButton->setText(tr("&Back up to…"));
    m_compactBox->setTitle(tr("Compact"));
    m_compactButton->setText(tr("&Compact now…"));
    if (!m_sqlite) {
        const QString note = tr("This is a PostgreSQL store: PostgreSQL's own tools back it up "
                                "(pg_dump) and compact it (autovacuum).");
        m_space->setText(note);
        m_backupText->setText(note);
        m_compactText->setText(note);
    } else if (!m_writer) {
        m_compactText->setText(
            tr("Not in a read-only review: compacting rewrites the store's file."));
    } else {
        m_compactText->setText(
            tr("Rewrites the store without its free space, so the file shrinks after a prune. "
               "New alerts wait in their feeds meanwhile."));
    }
    showSpaceText();
    if (m_outcome) {
        showStatus(m_outcome());
    }
    fitContents();
}

void StoreMaintenanceDialog::showStatus(const QString &text)
{
    m_status->setText(text);
    fitContents();
}

// Longer texts (another language, an outcome) wrap into more lines: grow to fit them, never
// shrink what the user sized.
void StoreMaintenanceDialog::fitContents()
{
    resize(size().expandedTo(sizeHint()));
}

} // namespace Lakeguard::Widgets
