// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packverifier.h"
#include "storetypes.h"

#include <QPointer>
#include <QTimer>
#include <QToolButton>

#include <optional>

class QDialog;

namespace Lakeguard::Storage {
class StoreVerifier;
}

namespace Lakeguard::Widgets {

// The status bar's tamper-evidence state (issue 4): "Verified · 1,234 records · checkpoint
// 12:03", "Verifying…" or, in red, "Verification failed: alert 17 (leaf 16) was modified". The
// check is Storage::StoreVerifier's, on its own thread, at start and after each new checkpoint.
// Clicking it shows the details (root hash, checkpoint, key fingerprint) and can re-check every
// record. For an evidence pack under review it shows the pack's verdict instead, like the banner.
class VerificationIndicator final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerificationIndicator)

public:
    enum class State { Idle, Verifying, Verified, Failed, Unavailable };

    explicit VerificationIndicator(QWidget *parent = nullptr);
    ~VerificationIndicator() override;

    // Starts verifying the store at `location` now.
    void setStore(const QString &location);
    // Shows a reviewed evidence pack's verdict (no store check: the pack is the evidence).
    void showPackVerdict(const Evidence::PackReport &report);
    // Something was committed: verifies again once a new checkpoint exists (coalesced).
    void storeChanged();
    // Every record again (the details dialog's button).
    void verifyAll();

    State state() const { return m_state; }
    std::optional<Storage::VerifyReport> report() const { return m_report; }
    QString errorText() const { return m_error; }
    Storage::StoreVerifier *verifier() const { return m_verifier; }
    // The details dialog (non-modal; one at a time).
    QDialog *showDetails();
    QString detailsText() const; // what the dialog lists, as plain text (tests, copying)

signals:
    void stateChanged(Lakeguard::Widgets::VerificationIndicator::State state);
    // A run found the store intact up to a checkpoint: `state` (VerifyReport::state) is where
    // the next incremental run may start. The console hands it to its writer to save.
    void storeVerified(const QString &state);

protected:
    void changeEvent(QEvent *event) override;

private:
    void setState(State state);
    void updateUi();
    QList<std::pair<QString, QString>> detailRows() const;
    void fillDetails();

    Storage::StoreVerifier *m_verifier = nullptr;
    QTimer m_changeTimer;
    State m_state = State::Idle;
    std::optional<Storage::VerifyReport> m_report;
    std::optional<Evidence::PackReport> m_pack;
    QString m_error;
    QPointer<QDialog> m_details;
};

} // namespace Lakeguard::Widgets
