// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "futurecallback.h"

#include <QPromise>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Lakeguard::Core;

// Core::whenFinished replaces QFuture::then(context, …), which in Qt 6.4 asserts when the
// context dies before the future finishes (feeds stopped while a batch is in the writer, views
// closed while a query runs).
class tst_FutureCallback : public QObject
{
    Q_OBJECT

private slots:
    void callsInContextThreadWithTheResult()
    {
        QObject context;
        QPromise<int> promise;
        promise.start();
        int got = 0;
        QThread *calledIn = nullptr;
        whenFinished(promise.future(), &context, [&](int v) {
            got = v;
            calledIn = QThread::currentThread();
        });
        // Finish from another thread, as the store's writer does.
        std::unique_ptr<QThread> worker(QThread::create([&promise] {
            promise.addResult(42);
            promise.finish();
        }));
        worker->start();
        QVERIFY(worker->wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(got, 42, 10000);
        QCOMPARE(calledIn, QThread::currentThread());
    }

    void finishedFutureIsCalledLaterNotNow()
    {
        QObject context;
        const QFuture<int> done = QtFuture::makeReadyFuture(7);
        int got = 0;
        whenFinished(done, &context, [&](int v) { got = v; });
        QCOMPARE(got, 0); // never inside the call
        QTRY_COMPARE_WITH_TIMEOUT(got, 7, 10000);
    }

    void destroyedContextIsNotCalled()
    {
        auto context = std::make_unique<QObject>();
        QPromise<int> promise;
        promise.start();
        bool called = false;
        whenFinished(promise.future(), context.get(), [&](int) { called = true; });
        QCOMPARE(context->children().size(), 1); // the watcher
        context.reset();
        promise.addResult(1);
        promise.finish();
        QTest::qWait(100);
        QVERIFY(!called);
    }

    void cancelledFutureIsNotCalled()
    {
        QObject context;
        bool called = false;
        {
            QPromise<int> promise;
            promise.start();
            whenFinished(promise.future(), &context, [&](int) { called = true; });
            // Destroyed without a result, as when the writer shuts down with the batch queued.
        }
        QTest::qWait(100);
        QVERIFY(!called);
        QTRY_VERIFY_WITH_TIMEOUT(context.children().isEmpty(), 10000); // watcher cleaned up
    }

    void watcherIsDeletedAfterTheCall()
    {
        QObject context;
        int calls = 0;
        whenFinished(QtFuture::makeReadyFuture(1), &context, [&](int) { ++calls; });
        QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(context.children().isEmpty(), 10000);
    }
};

QTEST_GUILESS_MAIN(tst_FutureCallback)
#include "tst_futurecallback.moc"
