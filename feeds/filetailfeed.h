// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feed.h"
#include "feedconfig.h"
#include "normalizer.h"
#include "recordsplitter.h"
#include "storetypes.h"

#include <QFile>
#include <QObject>
#include <QTimer>

#include <memory>

namespace Lakeguard::Feeds {

// Where a tailed file was read up to, stored with the alerts read from it (same transaction).
struct FileCursor
{
    quint64 device = 0;
    quint64 inode = 0;
    qint64 offset = 0;        // first byte not yet committed
    QByteArray head;          // SHA-256 of the file's first `headLength` bytes
    qint64 headLength = 0;

    QByteArray toBytes() const;
    static std::optional<FileCursor> fromBytes(const QByteArray &bytes);
};

// Tails a file like `tail -F`: follows rotation by rename-and-create (finishes the old file first)
// and by copytruncate (starts again at 0), and resumes after a restart from the committed cursor,
// also when the file was rotated to PATH.1 meanwhile. One batch is in flight at a time: nothing
// more is read until the writer has committed it (backpressure, ack after commit).
class FileTailFeed final : public Feed
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileTailFeed)

public:
    FileTailFeed(FeedConfig config, Storage::StoreWriter *writer, QObject *parent = nullptr);
    ~FileTailFeed() override;

    const FeedConfig &config() const { return m_config; }
    FileCursor cursor() const { return m_committed; }

public slots:
    void start(const QByteArray &storedCursor) override;
    void stop() override;
    void pollNow() { poll(); }

signals:
    void stateChanged(Lakeguard::Storage::FeedState state, const QString &error);
    void batchCommitted(const Lakeguard::Storage::BatchResult &result);

private:
    struct OpenFile;

    void poll();
    bool openAt(const QString &path, qint64 offset, bool resumeCheck);
    void readAvailable(bool finishing);
    void submit(Storage::IngestBatch batch, FileCursor next, bool switchAfter);
    void setState(Storage::FeedState state, const QString &error = {});
    static bool identify(const QString &path, quint64 *device, quint64 *inode, qint64 *size);
    static QByteArray headHash(QFile &file, qint64 length);

    FeedConfig m_config;
    Storage::StoreWriter *m_writer;
    std::unique_ptr<Core::Normalizer> m_normalizer;
    QTimer m_timer;
    std::unique_ptr<QFile> m_file;
    std::unique_ptr<Core::RecordSplitter> m_splitter;
    qint64 m_splitterBase = 0;    // file offset where the splitter started
    FileCursor m_committed;       // durable position
    FileCursor m_submitted;       // position after the last batch handed to the writer
    FileCursor m_reading;         // identity of the open file
    // Up to two batches in flight, so the next batch is read and normalised while the writer
    // commits the previous one. The second carries the first one's cursor as a precondition:
    // if the first failed, the store refuses the second, and both are read again.
    int m_inFlight = 0;
    quint64 m_generation = 0;     // bumped on a rewind: results of older batches are ignored
    bool m_rewinding = false;     // a batch failed: wait for the others before reading again
    bool m_switchPending = false; // the batch in flight ends the old file: switch after it
    bool m_draining = false;      // the path points at a new file; finish the old one first
    bool m_running = false;
    Storage::FeedState m_state = Storage::FeedState::Stopped;
    QString m_lastError;
};

} // namespace Lakeguard::Feeds
