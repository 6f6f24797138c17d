// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPointer>

#include <functional>

class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace Lakeguard::Storage {
class StoreWriter;
}

namespace Lakeguard::Widgets {

// File ▸ Store maintenance…: how large the store is and how much of it is free space, a backup
// into a new file (SQLite's online backup, on a worker thread with a connection of its own, so
// the feeds go on), and compacting (AlertStore::compact in the writer's queue, so new alerts wait
// until the file is rewritten). Without a writer (read-only review) only the backup is offered;
// a PostgreSQL store is backed up and compacted by PostgreSQL's own tools.
class StoreMaintenanceDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreMaintenanceDialog)

public:
    StoreMaintenanceDialog(
        QString storeLocation, Storage::StoreWriter *writer, QWidget *parent = nullptr);
    ~StoreMaintenanceDialog() override;

    QPushButton *backupButton() const { return m_backupButton; }
    QPushButton *compactButton() const { return m_compactButton; }
    QString statusText() const;
    QString spaceText() const; // the size lines, for tests
    bool isBusy() const;

public slots:
    // Backs up into `target` without asking (the button asks for the file first).
    void startBackup(const QString &target);
    // Compacts without asking (the button asks for confirmation first).
    void startCompact();
    void refreshSpace();

signals:
    void spaceRead();
    void backupFinished(bool ok);
    void compactFinished(bool ok);

protected:
    void reject() override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void chooseBackupTarget();
    void confirmCompact();
    void showSpace();
    void showSpaceText();
    void showStatus(const QString &text);
    void fitContents();
    void setBusy(bool busy);
    void updateButtons();

    QString m_store;
    QPointer<Storage::StoreWriter> m_writer;
    bool m_sqlite = true;
    QLabel *m_storeLabel;
    QLabel *m_space;
    QGroupBox *m_backupBox;
    QLabel *m_backupText;
    QPushButton *m_backupButton;
    QGroupBox *m_compactBox;
    QLabel *m_compactText;
    QPushButton *m_compactButton;
    QProgressBar *m_progress;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QFutureWatcher<Storage::Result<Storage::StoreSpace>> m_spaceWatcher;
    QFutureWatcher<Storage::Result<qint64>> m_backupWatcher;
    QFutureWatcher<Storage::Result<Storage::CompactResult>> m_compactWatcher;
    bool m_busy = false; // a backup or a compaction runs
    bool m_spaceRead = false;
    Storage::StoreSpace m_lastSpace;
    QString m_spaceError;
    QString m_backupTarget;
    QElapsedTimer m_compactClock; // from the click: the batches queued before it count too
    // The last outcome, kept so a language switch can say it again.
    std::function<QString()> m_outcome;
};

} // namespace Lakeguard::Widgets
