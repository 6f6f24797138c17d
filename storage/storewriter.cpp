// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storewriter.h"

#include "alertstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QPromise>
#include <QTimer>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Lakeguard::Storage {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};
constexpr int kChangeCoalesceMs = 250;
constexpr int kMaintenanceIntervalMs = 3 * 3600 * 1000; // PRAGMA optimize every 3 hours
} // namespace

// Lives on the writer thread; owns the writer connection.
class WriterWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WriterWorker)

public:
    explicit WriterWorker(QString location)
        : m_location(std::move(location))
    {
        m_coalesce.setSingleShot(true);
        m_coalesce.setInterval(kChangeCoalesceMs);
        connect(&m_coalesce, &QTimer::timeout, this, &WriterWorker::flushChange);
        // A quiet feed still gets its last leaves signed within the checkpoint interval.
        connect(&m_maintenanceTimer, &QTimer::timeout, this, &WriterWorker::maintain);
        connect(&m_retentionTimer, &QTimer::timeout, this, &WriterWorker::applyRetention);
        connect(&m_checkpointTimer, &QTimer::timeout, this, [this] {
            if (m_store) {
                if (const Status s = m_store->checkpoint(false); !s) {
                    qCWarning(lcStore) << "periodic checkpoint failed:" << s.error();
                }
            }
        });
    }

    Status open(const StoreOptions &options)
    {
        auto created = createStore(m_location, options);
        if (!created) {
            return Status::failure(created.error());
        }
        m_store = std::move(created.value());
        const Status s = m_store->open(AlertStore::Mode::ReadWrite);
        if (s) {
            m_checkpointTimer.start(
                int(std::clamp<qint64>(options.checkpointIntervalMs, 1000, 24 * 3'600'000)));
            m_maintenanceTimer.start(kMaintenanceIntervalMs);
            m_retention = options.retention;
            if (m_retention.isSet()) {
                // In the writer's queue like any write: first shortly after start, then on
                // schedule.
                QTimer::singleShot(0, this, &WriterWorker::applyRetention);
                m_retentionTimer.start(
                    int(std::clamp<qint64>(options.retentionIntervalMs, 1000, 24 * 3'600'000)));
            }
        }
        return s;
    }

    void close()
    {
        m_checkpointTimer.stop();
        m_maintenanceTimer.stop();
        m_retentionTimer.stop();
        if (m_store) {
            maintain();
        }
        if (m_changePending.isValid()) {
            flushChange();
        }
        if (m_store) {
            if (const Status s = m_store->checkpoint(true); !s) {
                qCWarning(lcStore) << "closing checkpoint failed:" << s.error();
            }
        }
        m_store.reset();
    }

    // SQLite's advice for long-lived connections: PRAGMA optimize now and then and at close.
    void maintain()
    {
        if (m_store) {
            if (const Status s = m_store->maintain(); !s) {
                qCWarning(lcStore) << "store maintenance failed:" << s.error();
            }
        }
    }

    // The retention policy (StoreOptions::retention), between batches on the writer thread.
    void applyRetention()
    {
        if (!m_store || !m_retention.isSet()) {
            return;
        }
        const auto r = m_store->prune(m_retention, Core::nowMs());
        if (!r) {
            qCWarning(lcStore) << "retention failed:" << r.error();
            emit writeFailed(r.error());
        } else if (r->pruneId != 0) {
            noteChange();
            emit pruned(r.value());
        }
    }

    BatchResult write(const IngestBatch &batch)
    {
        if (!m_store) {
            BatchResult r;
            r.error = Tr::tr("the store is closed");
            return r;
        }
        BatchResult r = m_store->writeBatch(batch);
        if (!r.ok) {
            qCWarning(lcStore) << "batch from feed" << batch.feed << "failed:" << r.error;
            emit writeFailed(r.error);
        } else {
            noteChange();
            if (!r.criticalIncidents.isEmpty()) {
                emit criticalIncidents(r.criticalIncidents);
            }
        }
        return r;
    }

    Result<IncidentChange> changeIncident(const IncidentCommand &command)
    {
        if (!m_store) {
            return Result<IncidentChange>::failure(Tr::tr("the store is closed"));
        }
        auto r = m_store->changeIncident(command);
        if (r && !r->refused) {
            noteChange();
        }
        return r;
    }

    Result<CompactResult> compact()
    {
        if (!m_store) {
            return Result<CompactResult>::failure(Tr::tr("the store is closed"));
        }
        return m_store->compact();
    }

    Status saveVerifiedState(const QString &state)
    {
        if (!m_store) {
            return Status::failure(Tr::tr("the store is closed"));
        }
        return m_store->saveVerifiedState(state);
    }

    Status feedState(
        const QString &feed, const QString &type, FeedState state, const QString &error)
    {
        if (!m_store) {
            return Status::failure(Tr::tr("the store is closed"));
        }
        const Status s = m_store->setFeedState(feed, type, state, error);
        if (s) {
            noteChange();
        }
        return s;
    }

signals:
    void changed();
    void pruned(const Lakeguard::Storage::PruneResult &result);
    void writeFailed(const QString &error);
    void criticalIncidents(const QList<Lakeguard::Storage::IncidentNotice> &incidents);

private:
    // At most one notice per kChangeCoalesceMs. The timer alone is not enough: while jobs keep
    // arriving (a feed at full rate) the writer thread's queue is never empty and its timers do
    // not fire, so the views would not hear of any change until the feed paused.
    void noteChange()
    {
        if (!m_changePending.isValid()) {
            m_changePending.start();
            m_coalesce.start();
        } else if (m_changePending.elapsed() >= kChangeCoalesceMs) {
            flushChange();
        }
    }

    void flushChange()
    {
        m_coalesce.stop();
        m_changePending.invalidate();
        emit changed();
    }

    QString m_location;
    std::unique_ptr<AlertStore> m_store;
    QTimer m_coalesce { this };
    QElapsedTimer m_changePending; // valid while a change waits for its notice
    QTimer m_checkpointTimer { this };
    QTimer m_maintenanceTimer { this };
    QTimer m_retentionTimer { this };
    RetentionPolicy m_retention;
};

StoreWriter::StoreWriter(QString location, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
{
    m_thread.setObjectName(u"store-writer"_s);
    m_worker = new WriterWorker(m_location);
    m_worker->moveToThread(&m_thread);
    // OpenSSL keeps a random generator per thread (the key and checkpoint signatures use it) and
    // frees it from a thread-exit handler that runs after QThread::wait() has returned; a process
    // exiting right after stop() could lose that race and leak it. Free it in the thread first.
    connect(&m_thread, &QThread::finished, this, [] { OPENSSL_thread_stop(); },
            Qt::DirectConnection);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &WriterWorker::changed, this, &StoreWriter::changed);
    connect(m_worker, &WriterWorker::writeFailed, this, &StoreWriter::writeFailed);
    connect(m_worker, &WriterWorker::pruned, this, &StoreWriter::pruned);
    connect(m_worker, &WriterWorker::criticalIncidents, this, &StoreWriter::criticalIncidents);
}

StoreWriter::~StoreWriter()
{
    stop();
    // Never started (a command that failed before it needed the writer): the worker still lives
    // in a thread that never ran, so the thread's finished() will not delete it.
    delete m_worker;
}

Status StoreWriter::start()
{
    if (!m_thread.isRunning()) {
        m_thread.start();
    }
    Status status = Status::failure(Tr::tr("the writer thread did not answer"));
    QMetaObject::invokeMethod(
        m_worker, [&status, this] { status = m_worker->open(m_options); },
        Qt::BlockingQueuedConnection);
    return status;
}

void StoreWriter::stop()
{
    if (!m_thread.isRunning()) {
        return;
    }
    // Queued after every submitted job, so it drains the queue first.
    QMetaObject::invokeMethod(
        m_worker, [this] { m_worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
}

namespace {

// One job in the writer's queue: the future gets what `job(worker)` returns on the writer
// thread, or `notRunning` at once when the writer is not running.
template<typename T, typename Job>
QFuture<T> enqueue(WriterWorker *worker, bool running, T notRunning, Job job)
{
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    promise->start();
    if (!worker || !running) {
        promise->addResult(std::move(notRunning));
        promise->finish();
        return future;
    }
    QMetaObject::invokeMethod(
        worker,
        [worker, promise, job = std::move(job)] {
            promise->addResult(job(worker));
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

QString notRunningText()
{
    return Tr::tr("the store writer is not running");
}

} // namespace

QFuture<BatchResult> StoreWriter::submit(IngestBatch batch)
{
    BatchResult notRunning;
    notRunning.error = notRunningText();
    return enqueue(m_worker, m_thread.isRunning(), notRunning,
        [batch = std::move(batch)](WriterWorker *w) { return w->write(batch); });
}

QFuture<Status> StoreWriter::saveVerifiedState(QString state)
{
    return enqueue(m_worker, m_thread.isRunning(), Status::failure(notRunningText()),
        [state](WriterWorker *w) { return w->saveVerifiedState(state); });
}

QFuture<Result<CompactResult>> StoreWriter::compact()
{
    return enqueue(m_worker, m_thread.isRunning(), Result<CompactResult>::failure(notRunningText()),
        [](WriterWorker *w) { return w->compact(); });
}

QFuture<Status> StoreWriter::setFeedState(
    QString feed, QString type, FeedState state, QString lastError)
{
    return enqueue(m_worker, m_thread.isRunning(), Status::failure(notRunningText()),
        [feed, type, state, lastError](
            WriterWorker *w) { return w->feedState(feed, type, state, lastError); });
}

QFuture<Result<IncidentChange>> StoreWriter::changeIncident(IncidentCommand command)
{
    return enqueue(m_worker, m_thread.isRunning(),
        Result<IncidentChange>::failure(notRunningText()),
        [command = std::move(command)](WriterWorker *w) { return w->changeIncident(command); });
}

} // namespace Lakeguard::Storage

#include "storewriter.moc"
