// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The presenter's controls on the demo feed with a scripted scenario: play to the end, pause,
// speed, jump to a step, restart; the same seed writes the same alerts.
#include "demofeed.h"
#include "queryservice.h"
#include "scriptedscenario.h"
#include "storewriter.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {
constexpr qint64 kStart = 1'795'651'200'000LL; // 2026-11-26T00:00:00Z

std::shared_ptr<const Feeds::ScenarioSource> scenario(quint64 seed = 5)
{
    Feeds::ScenarioError error;
    auto s = Feeds::ScriptedScenario::load(u"payment-gateway"_s, seed, kStart, &error);
    if (!s) {
        qWarning() << error.toString();
    }
    return s;
}

int alertCount(const Feeds::ScenarioSource &s, qint64 from, qint64 to)
{
    int n = 0;
    for (const Feeds::DemoEvent &e : s.eventsBetween(from, to)) {
        n += std::holds_alternative<Core::Alert>(e.payload) ? 1 : 0;
    }
    return n;
}

// Every stored alert's fingerprint, in a fixed order.
QStringList storedFingerprints(const QString &db)
{
    Storage::QueryService reader(db);
    QStringList out;
    const auto page
        = reader.alerts({}, Storage::AlertSort::TimeAsc, 100'000, std::nullopt).result().value();
    for (const Core::Alert &a : page.alerts) {
        out.append(QString::fromLatin1(a.fingerprint.toHex()));
    }
    out.sort();
    return out;
}
} // namespace

class tst_ScenarioPlayer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(scenario()); }

    // The same seed stores the same alerts; another seed other ones.
    void sameSeedSameStore()
    {
        QStringList runs[3];
        const quint64 seeds[3] = { 9, 9, 10 };
        for (int i = 0; i < 3; ++i) {
            const QString db = m_dir.filePath(u"seed%1.db"_s.arg(i));
            Storage::StoreWriter writer(db);
            QVERIFY(writer.start());
            auto s = scenario(seeds[i]);
            Feeds::DemoFeed feed(&writer, s, {});
            feed.runUntil(s->end());
            writer.stop();
            runs[i] = storedFingerprints(db);
            QCOMPARE(runs[i].size(), alertCount(*s, s->start(), s->end()));
        }
        QCOMPARE(runs[0], runs[1]);
        QVERIFY(runs[0] != runs[2]);
    }

    // Jumping ahead writes everything before the step and shows the step's caption; jumping back
    // and replaying adds nothing; restart goes to step 0.
    void jumpToStepAndRestart()
    {
        const QString db = m_dir.filePath(u"jump.db"_s);
        Storage::StoreWriter writer(db);
        QVERIFY(writer.start());
        auto s = scenario();
        Feeds::DemoFeed feed(&writer, s, {});
        QSignalSpy steps(&feed, &Feeds::DemoFeed::stepChanged);
        QSignalSpy captions(&feed, &Feeds::DemoFeed::caption);
        const QList<Feeds::ScenarioStep> all = s->steps();

        feed.jumpToStep(4);
        QCOMPARE(feed.position(), all.at(4).at);
        QCOMPARE(feed.currentStep(), 4);
        QCOMPARE(steps.last().at(0).toInt(), 4);
        QCOMPARE(steps.last().at(1).toInt(), all.size());
        QCOMPARE(captions.last().at(0).toString(), all.at(4).captionEn);
        QCOMPARE(captions.last().at(1).toString(), all.at(4).captionZh);

        feed.previousStep();
        QCOMPARE(feed.currentStep(), 3);
        QCOMPARE(feed.position(), all.at(3).at);
        feed.nextStep();
        feed.nextStep();
        QCOMPARE(feed.currentStep(), 5);
        feed.jumpToStep(999); // clamped
        QCOMPARE(feed.currentStep(), all.size() - 1);
        feed.restart();
        QCOMPARE(feed.currentStep(), 0);
        QCOMPARE(feed.position(), s->start());
        feed.runUntil(s->end());
        writer.stop();
        // Replayed spans were deduplicated: exactly the scenario's alerts, once each.
        QCOMPARE(storedFingerprints(db).size(), alertCount(*s, s->start(), s->end()));
    }

    // Playing through emits each step once, in order, with its caption.
    void playingReachesEveryStep()
    {
        const QString db = m_dir.filePath(u"steps.db"_s);
        Storage::StoreWriter writer(db);
        QVERIFY(writer.start());
        auto s = scenario();
        Feeds::DemoFeed feed(&writer, s, {});
        QSignalSpy steps(&feed, &Feeds::DemoFeed::stepChanged);
        QSignalSpy captions(&feed, &Feeds::DemoFeed::caption);
        for (qint64 t = s->start(); t < s->end(); t += 7'000) {
            feed.runUntil(t);
        }
        feed.runUntil(s->end());
        writer.stop();
        QCOMPARE(steps.size(), s->steps().size());
        for (int i = 0; i < steps.size(); ++i) {
            QCOMPARE(steps.at(i).at(0).toInt(), i);
        }
        QCOMPARE(captions.size(), s->steps().size());
        QCOMPARE(captions.first().at(0).toString(), s->steps().first().captionEn);
    }

    // Paced playback: speed changes are announced and take effect; pause holds the clock.
    void pauseAndSpeed()
    {
        const QString db = m_dir.filePath(u"paced.db"_s);
        Storage::StoreWriter writer(db);
        QVERIFY(writer.start());
        auto s = scenario();
        Feeds::DemoFeed feed(&writer, s, { 1, 1.0, 0, 0 });
        QSignalSpy speed(&feed, &Feeds::DemoFeed::speedChanged);
        QSignalSpy paused(&feed, &Feeds::DemoFeed::pausedChanged);
        QSignalSpy time(&feed, &Feeds::DemoFeed::simulatedTime);
        feed.start();
        QCOMPARE(speed.last().at(0).toDouble(), 1.0);
        feed.setSpeed(100.0);
        QCOMPARE(feed.speed(), 100.0);
        QCOMPARE(speed.last().at(0).toDouble(), 100.0);
        // At ×100 a few wall seconds move the clock by minutes (at ×1 it could not).
        QTRY_VERIFY_WITH_TIMEOUT(
            !time.isEmpty() && time.last().at(0).toLongLong() > s->start() + 60'000, 15'000);
        feed.togglePause();
        QVERIFY(feed.isPaused());
        QCOMPARE(paused.last().at(0).toBool(), true);
        const qint64 at = feed.position();
        QTest::qWait(600);
        QCOMPARE(feed.position(), at);
        feed.jumpToStep(2); // jumping while paused moves but stays paused
        QVERIFY(feed.isPaused());
        QCOMPARE(feed.position(), s->steps().at(2).at);
        feed.togglePause();
        QCOMPARE(paused.last().at(0).toBool(), false);
        QTRY_VERIFY_WITH_TIMEOUT(feed.position() > s->steps().at(2).at, 15'000);
        feed.setSpeed(0); // refused
        QCOMPARE(feed.speed(), 100.0);
        feed.stop();
        writer.stop();
    }
};

QTEST_GUILESS_MAIN(tst_ScenarioPlayer)
#include "tst_scenarioplayer.moc"
