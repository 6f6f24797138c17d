// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demoscenario.h"
#include "storetypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace Lakeguard::Storage {
class StoreWriter;
}

namespace Lakeguard::Feeds {

struct DemoOptions
{
    quint64 seed = 1;
    double speed = 60.0; // simulated seconds per wall second
    Core::TimestampMs start = 0; // simulated day start; 0 = yesterday 00:00 UTC
    qint64 prerollMs = 0; // simulated time written at once when the feed starts
};

// Plays a scenario in (scaled) real time through the same path as real feeds: it cuts the
// events of each tick into one batch per simulated feed and submits them to the store writer.
// The presenter's controls: pause/resume, setSpeed, jumpToStep, restart. Jumping forward writes
// the skipped span at once; jumping back replays, which the store deduplicates by fingerprint.
// Lives on its own thread (moveToThread) or the caller's; all slots are queued-safe.
class DemoFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoFeed)

public:
    // The generated bank day (DemoScenario with the options' seed and start).
    DemoFeed(Storage::StoreWriter *writer, const DemoOptions &options, QObject *parent = nullptr);
    // Any scenario; the options' seed and start are ignored (the source has its own).
    DemoFeed(Storage::StoreWriter *writer, std::shared_ptr<const ScenarioSource> source,
        const DemoOptions &options, QObject *parent = nullptr);
    ~DemoFeed() override;

    const ScenarioSource &scenario() const { return *m_scenario; }
    // Thread-safe snapshots for the GUI are sent by signals; these are for the owning thread.
    double speed() const { return m_options.speed; }
    bool isPaused() const { return m_paused; }
    Core::TimestampMs position() const { return m_emittedUntil; }
    // Index of the last step at or before the position; -1 before the first.
    int currentStep() const;
    static constexpr double kMinSpeed = 1.0;
    static constexpr double kMaxSpeed = 100.0;
    // Where a scenario starts by default so that it ends now: `now - duration`, on the minute.
    static Core::TimestampMs defaultStartFor(qint64 durationMs);

public slots:
    void start();
    void pause();
    void resume();
    void stop();
    // Writes everything up to `simTime` at once (no pacing); used by the CLI and tests.
    void runUntil(Core::TimestampMs simTime);
    void togglePause();
    // Simulated seconds per wall second; the presenter's range is kMinSpeed..kMaxSpeed, the
    // generated day plays faster (any positive value is accepted).
    void setSpeed(double speed);
    // Moves to step `index` (clamped): writes everything before it when it lies ahead.
    void jumpToStep(int index);
    void nextStep();
    void previousStep();
    void restart();

signals:
    void caption(const QString &english, const QString &chinese);
    void simulatedTime(qint64 simMs);
    void batchCommitted(int accepted);
    void finished();
    void stepChanged(int index, int count);
    void speedChanged(double speed);
    void pausedChanged(bool paused);

private:
    void tick();
    void emitWindow(Core::TimestampMs from, Core::TimestampMs to);
    void moveTo(Core::TimestampMs simTime);
    void setFeedStates(Storage::FeedState state);

    Storage::StoreWriter *m_writer;
    DemoOptions m_options;
    std::shared_ptr<const ScenarioSource> m_scenario;
    QList<ScenarioStep> m_steps;
    bool m_stepCaptions = false; // captions come from steps (scripted) rather than events
    QTimer m_timer;
    QElapsedTimer m_wall;
    Core::TimestampMs m_simAtWallStart = 0;
    Core::TimestampMs m_emittedUntil = 0;
    bool m_paused = false;
    int m_lastStep = -1;
};

} // namespace Lakeguard::Feeds
