// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QFuture>
#include <QObject>
#include <QThread>

#include <memory>

namespace Lakeguard::Storage {

class WriterWorker;

// The single store writer: a thread with a job queue; every batch is one transaction on the
// writer's own connection. Thread-safe: submit from any thread. The future finishes after the
// commit (or with ok=false and the error), which is when a feed may acknowledge its source.
class StoreWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreWriter)

public:
    explicit StoreWriter(QString location, QObject *parent = nullptr);
    ~StoreWriter() override;

    // Checkpoint thresholds and other store tunables; call before start().
    void setOptions(const StoreOptions &options) { m_options = options; }

    // Opens the store on the writer thread; blocks the caller until it is open (call at start-up
    // from a non-GUI context or accept a short wait: opening is a file open plus migrations).
    Status start();
    void stop();   // drains queued jobs, writes a last checkpoint, closes, joins the thread

    QFuture<BatchResult> submit(IngestBatch batch);
    QFuture<Status> setFeedState(QString feed, QString type, FeedState state, QString lastError);
    // One officer change (issue 6), in the writer's queue like every other write.
    QFuture<Result<IncidentChange>> changeIncident(IncidentCommand command);
    // Where the next incremental verification starts (AlertStore::saveVerifiedState): the
    // console's read-only verifier cannot save it itself.
    QFuture<Status> saveVerifiedState(QString state);
    // AlertStore::compact() in the queue: the batches submitted before it are written first, the
    // ones after it wait until the file is rewritten (Store maintenance in the console).
    QFuture<Result<CompactResult>> compact();

    QString location() const { return m_location; }

signals:
    // Coalesced: at most about four times a second, after commits that changed something.
    void changed();
    void writeFailed(const QString &error);
    // The retention policy removed alerts (StoreOptions::retention).
    void pruned(const Lakeguard::Storage::PruneResult &result);
    // Incidents that became critical in a committed batch (for desktop notifications).
    void criticalIncidents(const QList<Lakeguard::Storage::IncidentNotice> &incidents);

private:
    QString m_location;
    StoreOptions m_options;
    QThread m_thread;
    WriterWorker *m_worker = nullptr;
};

} // namespace Lakeguard::Storage
