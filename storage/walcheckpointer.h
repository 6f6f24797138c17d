// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <chrono>
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
// thread cannot keep up.
//
// With `startPages` 0 there is no thread: the writer merges at `writerLimit` pages on its own
// thread, as SQLite's default does at 1,000 (the console's choice), with the restart below.
//
// A reader's snapshot holds a merge back: a passive merge copies only what every reader sees,
// and the log starts again from its beginning only once no reader uses it. Readers that follow
// one another with short pauses (the console's verifier reads in steps) would so keep the log
// growing for ever. Once a merge leaves `restartPages` or more in the log, the merging thread
// (this one, or the writer's) therefore runs a RESTART merge: it waits up to kRestartWaitMs for
// the readers of old snapshots to end (new ones read the database file), holding the writer back
// meanwhile, and starts the log again. It looks every millisecond: it gets a reader's lock only
// in a pause between two reads. When a reader holds on for longer, it gives up and waits before
// the next try: kRestartBackoffMinMs, doubled after each try in vain up to kRestartBackoffMaxMs,
// so that one long read holds the writer back for at most kRestartWaitMs in every
// kRestartBackoffMaxMs.
class WalCheckpointer final
{
public:
    static constexpr int kStartPages = 1000; // SQLite's wal_autocheckpoint default
    static constexpr int kWriterLimit = 16384; // 64 MiB of 4 KiB pages
    static constexpr int kRestartPages = 16384;
    static constexpr int kRestartWaitMs = 400; // above a verifier step (kVerifyBesideWriter)
    static constexpr int kRestartBackoffMinMs = 100;
    static constexpr int kRestartBackoffMaxMs = 5000;

    // `path`: the database file; its connection is opened on the thread.
    explicit WalCheckpointer(QString path, int startPages = kStartPages,
        int writerLimit = kWriterLimit, int restartPages = kRestartPages);
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
        qint64 restarts = 0; // RESTART merges (past restartPages) that started the log again
        qint64 restartsBusy = 0; // … that gave up waiting for a reader
        QString lastError; // of this thread's connection, empty when none
    };
    Stats stats() const;
    // For tests: blocks until no merge is requested or running.
    void waitIdle();

private:
    static int hook(void *self, sqlite3 *db, const char *schema, int pages);
    static int pollUntil(void *deadline, int tries);
    void restartIfHeldBack(sqlite3 *db, int logPages);
    void run();

    const QString m_path;
    const int m_startPages;
    const int m_writerLimit;
    const int m_restartPages;
    sqlite3 *m_writer = nullptr;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    bool m_requested = false;
    bool m_running = false;
    bool m_stop = false;
    Stats m_stats;
    // No RESTART before m_restartAfter: the last one waited for a read in vain.
    std::chrono::steady_clock::time_point m_restartAfter;
    std::chrono::milliseconds m_restartBackoff { kRestartBackoffMinMs };
};

} // namespace Lakeguard::Storage
