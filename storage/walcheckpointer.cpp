// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "walcheckpointer.h"

#include <QFile>

#include <algorithm>
#include <chrono>

#include <sqlite3.h>

namespace Lakeguard::Storage {

WalCheckpointer::WalCheckpointer(QString path, int startPages, int writerLimit, int restartPages)
    : m_path(std::move(path))
    , m_startPages(startPages)
    , m_writerLimit(writerLimit)
    , m_restartPages(restartPages)
{ }

WalCheckpointer::~WalCheckpointer()
{
    detach();
}

void WalCheckpointer::attach(sqlite3 *writer)
{
    if (!writer || m_writer) {
        return;
    }
    m_writer = writer;
    m_stop = false;
    if (m_startPages > 0) {
        m_thread = std::thread([this] { run(); });
    }
    sqlite3_wal_hook(writer, &WalCheckpointer::hook, this);
}

void WalCheckpointer::detach()
{
    if (!m_writer) {
        return;
    }
    sqlite3_wal_autocheckpoint(m_writer, kStartPages); // SQLite's own hook again
    m_writer = nullptr;
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

WalCheckpointer::Stats WalCheckpointer::stats() const
{
    const std::lock_guard lock(m_mutex);
    return m_stats;
}

void WalCheckpointer::waitIdle()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_stop || (!m_requested && !m_running); });
}

// Runs on the writer's thread after each commit, with the pages the log now holds.
int WalCheckpointer::hook(void *self, sqlite3 *db, const char *schema, int pages)
{
    auto *c = static_cast<WalCheckpointer *>(self);
    if (pages >= c->m_writerLimit) {
        // What SQLite's default does at every 1,000 pages, here only as the bound.
        int logPages = 0;
        const int result
            = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, &logPages, nullptr);
        {
            const std::lock_guard lock(c->m_mutex);
            ++c->m_stats.writerMerges;
        }
        if (result == SQLITE_OK) {
            c->restartIfHeldBack(db, logPages);
        }
        return SQLITE_OK;
    }
    if (c->m_startPages > 0 && pages >= c->m_startPages) {
        {
            const std::lock_guard lock(c->m_mutex);
            c->m_requested = true;
        }
        c->m_wake.notify_one();
    }
    return SQLITE_OK;
}

int WalCheckpointer::pollUntil(void *deadline, int /*tries*/)
{
    if (std::chrono::steady_clock::now()
        >= *static_cast<std::chrono::steady_clock::time_point *>(deadline)) {
        return 0; // SQLITE_BUSY
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return 1;
}

void WalCheckpointer::restartIfHeldBack(sqlite3 *db, int logPages)
{
    using Clock = std::chrono::steady_clock;
    {
        const std::lock_guard lock(m_mutex);
        if (logPages < m_restartPages || Clock::now() < m_restartAfter) {
            return;
        }
    }
    // SQLite's own busy wait polls up to 100 ms apart and misses the short pauses between a
    // stepped reader's reads: poll every millisecond instead.
    auto deadline = Clock::now() + std::chrono::milliseconds(kRestartWaitMs);
    sqlite3_busy_handler(db, &WalCheckpointer::pollUntil, &deadline);
    const int restart
        = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
    sqlite3_busy_handler(db, nullptr, nullptr);
    const std::lock_guard lock(m_mutex);
    if (restart == SQLITE_BUSY) {
        // Waited for a read in vain: not again for a while, twice as long each time.
        ++m_stats.restartsBusy;
        m_restartAfter = Clock::now() + m_restartBackoff;
        m_restartBackoff
            = std::min(m_restartBackoff * 2, std::chrono::milliseconds(kRestartBackoffMaxMs));
        return;
    }
    m_restartBackoff = std::chrono::milliseconds(kRestartBackoffMinMs);
    if (restart == SQLITE_OK) {
        ++m_stats.restarts;
    } else {
        m_stats.lastError = QString::fromUtf8(sqlite3_errmsg(db));
    }
}

void WalCheckpointer::run()
{
    sqlite3 *db = nullptr;
    const QByteArray path = QFile::encodeName(m_path);
    int rc = sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
    if (rc == SQLITE_OK) {
        // A merge syncs the log before copying it and the database after, as the writer's does.
        rc = sqlite3_exec(db, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
    }
    if (rc != SQLITE_OK) {
        // The writer's bound still merges; the log only grows further before it does.
        const std::lock_guard lock(m_mutex);
        m_stats.lastError = QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    }
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || m_requested; });
        if (m_stop) {
            break;
        }
        m_requested = false;
        if (rc != SQLITE_OK) {
            m_idle.notify_all();
            continue;
        }
        m_running = true;
        lock.unlock();
        // PASSIVE: copies what no reader still needs, never waits for a lock and never blocks
        // the writer; the next commit after a complete merge starts the log from its beginning.
        int logPages = 0;
        const int result
            = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logPages, nullptr);
        if (result == SQLITE_OK) {
            restartIfHeldBack(db, logPages);
        }
        lock.lock();
        m_running = false;
        ++m_stats.merges;
        if (result != SQLITE_OK && result != SQLITE_BUSY) {
            m_stats.lastError = QString::fromUtf8(sqlite3_errmsg(db));
        }
        m_idle.notify_all();
    }
    lock.unlock();
    sqlite3_close(db);
    m_idle.notify_all();
}

} // namespace Lakeguard::Storage
