// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QObject>
#include <QThread>

#include <atomic>

namespace Lakeguard::Storage {

class VerifierWorker;

// Runs the store's tamper-evidence check (AlertStore::verify, the same code as
// `lakeguard-cli verify`) on a thread of its own, on a read-only connection it keeps open, for
// the console's verification indicator. The first run checks everything (or goes on from the
// state `verify --incremental` saved); later runs check only what was added since the last
// verified checkpoint. Requests while a run is going coalesce into one more run. Lives on the
// caller's (GUI) thread; signals arrive there.
class StoreVerifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreVerifier)

public:
    explicit StoreVerifier(QString location, QObject *parent = nullptr);
    ~StoreVerifier() override; // stops a running check, waits for it to end

    QString location() const { return m_location; }

    // Verifies now: incremental, or every record again with `full`.
    void verify(bool full = false);
    // Verifies only when a checkpoint newer than the last verified one exists (cheap otherwise),
    // or when none had been signed at the last check.
    void verifyIfNewCheckpoint();
    bool isRunning() const { return m_running; }

signals:
    void started();
    void finished(const Lakeguard::Storage::VerifyReport &report);
    // The check could not run (the store cannot be opened or read).
    void failed(const QString &error);
    // verifyIfNewCheckpoint() found nothing new.
    void upToDate();

private:
    void dispatch(bool full, bool onlyIfNew);
    void runEnded();

    QString m_location;
    std::atomic<bool> m_cancel = false; // set when closing: a running check stops
    QThread m_thread;
    VerifierWorker *m_worker = nullptr;
    bool m_running = false;
    bool m_pending = false;
    bool m_pendingFull = false;
    bool m_pendingOnlyIfNew = true;
};

} // namespace Lakeguard::Storage

Q_DECLARE_METATYPE(Lakeguard::Storage::VerifyReport)
