// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demofeed.h"
#include "queryservice.h"
#include "storewriter.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {
constexpr qint64 kStart = 1'795'651'200'000LL; // 2026-11-26T00:00:00Z
constexpr qint64 kHour = 3'600'000;
} // namespace

class tst_DemoFeed : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    // The feed stores exactly the scenario's alerts and chain observations for the span.
    void runUntilStoresTheScenario()
    {
        const QString db = m_dir.filePath(u"demo.db"_s);
        Storage::StoreWriter writer(db);
        QVERIFY(writer.start());
        Feeds::DemoFeed feed(&writer, {3, 60.0, kStart, 0});
        feed.runUntil(kStart + 6 * kHour);
        writer.stop();

        int alerts = 0;
        QSet<QString> nodes;
        for (const Feeds::DemoEvent &e : feed.scenario().eventsBetween(kStart, kStart + 6 * kHour)) {
            if (std::holds_alternative<Core::Alert>(e.payload)) {
                ++alerts;
            } else {
                nodes << std::get<Core::ChainObservation>(e.payload).node;
            }
        }
        QVERIFY(alerts > 100);
        Storage::QueryService reader(db);
        QCOMPARE(reader.countAlerts({}).result().value(), alerts);
        QCOMPARE(reader.chainStatus().result().value().size(), nodes.size());
        const auto feeds = reader.feeds().result().value();
        QCOMPARE(feeds.size(), Feeds::DemoScenario::feeds().size());
        for (const Storage::FeedStatus &f : feeds) {
            QCOMPARE(f.state, Storage::FeedState::Healthy);
        }
    }

    void pacedPlaybackAdvancesAndPauses()
    {
        const QString db = m_dir.filePath(u"paced.db"_s);
        Storage::StoreWriter writer(db);
        QVERIFY(writer.start());
        Feeds::DemoFeed feed(&writer, {1, 3600.0, kStart, kHour});
        QSignalSpy time(&feed, &Feeds::DemoFeed::simulatedTime);
        QSignalSpy committed(&feed, &Feeds::DemoFeed::batchCommitted);
        feed.start();
        QVERIFY(time.wait(2000));
        QTRY_VERIFY_WITH_TIMEOUT(time.last().at(0).toLongLong() > kStart + kHour, 5000);
        feed.pause();
        const qint64 pausedAt = time.last().at(0).toLongLong();
        QTest::qWait(600);
        QCOMPARE(time.last().at(0).toLongLong(), pausedAt);
        feed.resume();
        QTRY_VERIFY_WITH_TIMEOUT(time.last().at(0).toLongLong() > pausedAt, 5000);
        feed.stop();
        QTRY_VERIFY(committed.count() > 0);
        writer.stop();
        Storage::QueryService reader(db);
        for (const Storage::FeedStatus &f : reader.feeds().result().value()) {
            QCOMPARE(f.state, Storage::FeedState::Stopped);
        }
    }

    void captionsReachTheConsole()
    {
        Storage::StoreWriter writer(m_dir.filePath(u"captions.db"_s));
        QVERIFY(writer.start());
        Feeds::DemoFeed feed(&writer, {1, 60.0, kStart, 0});
        QSignalSpy captions(&feed, &Feeds::DemoFeed::caption);
        feed.runUntil(kStart + 24 * kHour);
        writer.stop();
        QVERIFY(captions.count() >= 5);
        for (const QList<QVariant> &c : captions) {
            QVERIFY(!c.at(0).toString().isEmpty());
            QVERIFY(!c.at(1).toString().isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(tst_DemoFeed)
#include "tst_demofeed.moc"
