// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace Lakeguard::Core {

// Calls `fn(result)` in `context`'s thread once `future` has a result, unless `context` is
// destroyed first; then nothing is called. Always asynchronous: even a finished future's
// callback runs from the event loop, never inside this call.
//
// Use this instead of QFuture::then(context, fn). In Qt 6.4 that continuation runs in the thread
// that finishes the future (the store's writer or query thread), reads the QPointer to `context`
// there while the owning thread may be deleting it, and asserts (debug builds abort in
// qfuture_impl.h) when `context` is already gone. Feeds and views are routinely destroyed while a
// batch or a query is still in flight. A QFutureWatcher owned by `context` dies with it, and
// its destructor detaches it from the future under the future's own lock.
//
// Must be called in `context`'s thread (the watcher becomes its child). A cancelled future, or
// one that finished without a result, calls nothing.
template<typename T, typename Fn>
void whenFinished(const QFuture<T> &future, QObject *context, Fn &&fn)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher,
                     [watcher, fn = std::forward<Fn>(fn)]() mutable {
                         watcher->deleteLater();
                         const QFuture<T> f = watcher->future();
                         if (!f.isCanceled() && f.resultCount() > 0) {
                             fn(f.result());
                         }
                     });
    watcher->setFuture(future);
}

} // namespace Lakeguard::Core
