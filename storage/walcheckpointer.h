// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace Lakeguard::Storage {

// Copies the write-ahead log back into the database file (SQLite's "checkpoint"; not the signed
// checkpoints of the tamper-evidence log) on a thread of its own, over its own connection, so the
// writer does not wait for it (docs/store.md, "The write-ahead log merged beside the writer").
//
// SQLite's default merges on the writer's thread: once the log holds 1,000 pages, the commit
// that crossed the mark also copies every page the log holds into the database and syncs it.
// attach() replaces that with a hook that only wakes this thread. The writer still merges on
// its own thread when the log reaches `writerLimit` pages, so the log stays bounded when this
// thread cannot keep up (or a reader's snapshot holds it back: then no one can merge anyway).
class WalCheckpointer final
{
public:
    static constexpr int kStartPages = 1000; // SQLite's wal_autocheckpoint default
    static constexpr int kWriterLimit = 16384; // 64 MiB of 4 KiB pages

    // `path`: the database file; its connection is opened on the thread.
    explicit WalCheckpointer(
        QString path, int startPages = kStartPages, int writerLimit = kWriterLimit);
    ~WalCheckpointer(); // stops the thread, after the merge it may be running
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // Installs the hook on the writer's connection (replacing wal_autocheckpoint) and starts the
    // thread. detach() restores SQLite's default; call it before the writer closes.
    void attach(sqlite3 *writer);
    void detach();

    struct Stats
    {
        qint64 merges = 0; // merges this thread ran
        qint64 writerMerges = 0; // merges the writer ran at writerLimit
        QString lastError; // of this thread's connection, empty when none
    };
    Stats stats() const;
    // For tests: blocks until no merge is requested or running.
    void waitIdle();

private:
    static int hook(void *self, sqlite3 *db, const char *schema, int pages);
    void run();

    const QString m_path;
    const int m_startPages;
    const int m_writerLimit;
    sqlite3 *m_writer = nullptr;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    bool m_requested = false;
    bool m_running = false;
    bool m_stop = false;
    Stats m_stats;
};

} // namespace Lakeguard::Storage
