// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidencepack.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace Lakeguard::Widgets {

// "Export evidence pack…" (docs/evidence-packs.md): folder, zip, TLP marking and cap, report
// language, and the scope — the given incidents, else a period. Export runs on a worker thread
// (Evidence::exportPack with its own store connection) with progress; Cancel stops it.
class EvidenceExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EvidenceExportDialog)

public:
    // `incidents` empty: the dialog asks for a period (default: the last 7 days).
    EvidenceExportDialog(QString storeLocation, QList<qint64> incidents, QWidget *parent = nullptr);
    ~EvidenceExportDialog() override;

    // The options as filled in (tests set the fields, then call startExport()).
    Evidence::ExportOptions options() const;
    QLineEdit *folderEdit() const { return m_folder; }
    QCheckBox *zipBox() const { return m_zip; }
    QComboBox *tlpBox() const { return m_tlp; }
    QComboBox *capBox() const { return m_cap; }
    QComboBox *languageBox() const { return m_language; }
    QString resultText() const;
    bool isRunning() const { return m_watcher.isRunning(); }

public slots:
    void startExport();

signals:
    void exportFinished(bool ok);

protected:
    void reject() override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void browse();
    void finished();

    QString m_store;
    QList<qint64> m_incidents;
    QLabel *m_scope;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QLabel *m_fromLabel = nullptr;
    QLabel *m_toLabel = nullptr;
    QLabel *m_folderLabel;
    QLineEdit *m_folder;
    QPushButton *m_browse;
    QCheckBox *m_zip;
    QLabel *m_tlpLabel;
    QComboBox *m_tlp;
    QLabel *m_capLabel;
    QComboBox *m_cap;
    QLabel *m_languageLabel;
    QComboBox *m_language;
    QProgressBar *m_progress;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_exportButton;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
    QFutureWatcher<Evidence::ExportOutcome> m_watcher;
};

} // namespace Lakeguard::Widgets
