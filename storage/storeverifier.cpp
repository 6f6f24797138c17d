// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storeverifier.h"

#include "alertstore.h"
#include "signing.h"

#include <QtGlobal>

#include <memory>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace Lakeguard::Storage {

// Owns the read-only connection; every member runs on the verifier's thread.
class VerifierWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifierWorker)

public:
    VerifierWorker(QString location, const std::atomic<bool> *cancel)
        : m_location(std::move(location))
        , m_cancel(cancel)
    { }

    void run(bool full, bool onlyIfNew)
    {
        if (!m_store) {
            auto created = createStore(m_location);
            if (!created) {
                emit failed(created.error());
                return;
            }
            if (const Status s = created.value()->open(AlertStore::Mode::ReadOnly); !s) {
                emit failed(s.error());
                return;
            }
            m_store = std::move(created.value());
        }
        // Before the first checkpoint there is nothing to anchor on: every record is checked
        // (few: a checkpoint is signed every N records or T seconds).
        if (onlyIfNew && m_verifiedCheckpoint > 0) {
            const auto latest = m_store->latestCheckpointId();
            if (latest && latest.value() == m_verifiedCheckpoint) {
                emit upToDate();
                return;
            }
        }
        emit started();
        VerifySteps steps = kVerifyBesideWriter;
        steps.cancel = m_cancel;
        const auto report = m_store->verifyInSteps(!full, steps);
        if (!report) {
            emit failed(report.error());
            return;
        }
        m_verifiedCheckpoint = report->latest ? report->latest->id : 0;
        emit finished(report.value());
    }

signals:
    void started();
    void finished(const Lakeguard::Storage::VerifyReport &report);
    void failed(const QString &error);
    void upToDate();

private:
    QString m_location;
    const std::atomic<bool> *m_cancel;
    std::unique_ptr<AlertStore> m_store;
    qint64 m_verifiedCheckpoint = -1; // the newest checkpoint the last finished run saw
};

StoreVerifier::StoreVerifier(QString location, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
    , m_worker(new VerifierWorker(m_location, &m_cancel))
{
    m_thread.setObjectName(QStringLiteral("lakeguard-verify"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Its checks hash and verify signatures: free OpenSSL's state for the thread in the thread.
    connect(
        &m_thread, &QThread::finished, this, [] { releaseThreadCrypto(); }, Qt::DirectConnection);
    connect(m_worker, &VerifierWorker::started, this, &StoreVerifier::started);
    connect(m_worker, &VerifierWorker::finished, this, [this](const VerifyReport &report) {
        emit finished(report);
        runEnded();
    });
    connect(m_worker, &VerifierWorker::failed, this, [this](const QString &error) {
        emit failed(error);
        runEnded();
    });
    connect(m_worker, &VerifierWorker::upToDate, this, [this] {
        emit upToDate();
        runEnded();
    });
    // Linux ignores QThread::LowPriority for normal threads, and a first check of a store with
    // millions of records keeps a core busy for minutes: measured at 10 M alerts it was most of
    // the console's CPU, slowing the first page and the first jump several times over. Nice 10
    // leaves it about a tenth of a core while the writer or the views need the CPU, and all of
    // an idle one.
    connect(&m_thread, &QThread::started, m_worker, [] {
#ifdef Q_OS_LINUX
        (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
#endif
    });
    m_thread.start();
}

StoreVerifier::~StoreVerifier()
{
    m_cancel = true; // a first check of millions of records would hold the console's close
    m_thread.quit();
    m_thread.wait();
}

void StoreVerifier::verify(bool full)
{
    dispatch(full, false);
}

void StoreVerifier::verifyIfNewCheckpoint()
{
    dispatch(false, true);
}

void StoreVerifier::dispatch(bool full, bool onlyIfNew)
{
    if (m_running) {
        // One more run after this one, as thorough as the most thorough request.
        m_pendingFull = (m_pending && m_pendingFull) || full;
        m_pendingOnlyIfNew = (!m_pending || m_pendingOnlyIfNew) && onlyIfNew;
        m_pending = true;
        return;
    }
    m_running = true;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, full, onlyIfNew] { worker->run(full, onlyIfNew); },
        Qt::QueuedConnection);
}

void StoreVerifier::runEnded()
{
    m_running = false;
    if (m_pending) {
        m_pending = false;
        dispatch(m_pendingFull, m_pendingOnlyIfNew);
    }
}

} // namespace Lakeguard::Storage

#include "storeverifier.moc"
