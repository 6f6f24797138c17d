// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demoscenario.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace Lakeguard::Storage {
class StoreWriter;
}

namespace Lakeguard::Feeds {

struct DemoOptions
{
    quint64 seed = 1;
    double speed = 60.0;            // simulated seconds per wall second
    Core::TimestampMs start = 0;    // simulated day start; 0 = yesterday 00:00 UTC
    qint64 prerollMs = 0;           // simulated time written at once when the feed starts
};

// Plays the scenario in (scaled) real time through the same path as real feeds: it cuts the
// events of each tick into one batch per simulated feed and submits them to the store writer.
// Lives on its own thread (moveToThread) or the caller's; all slots are queued-safe.
class DemoFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoFeed)

public:
    DemoFeed(Storage::StoreWriter *writer, const DemoOptions &options, QObject *parent = nullptr);
    ~DemoFeed() override;

    const DemoScenario &scenario() const { return m_scenario; }

public slots:
    void start();
    void pause();
    void resume();
    void stop();
    // Writes everything up to `simTime` at once (no pacing); used by the CLI and tests.
    void runUntil(Core::TimestampMs simTime);

signals:
    void caption(const QString &english, const QString &chinese);
    void simulatedTime(qint64 simMs);
    void batchCommitted(int accepted);
    void finished();

private:
    void tick();
    void emitWindow(Core::TimestampMs from, Core::TimestampMs to);

    Storage::StoreWriter *m_writer;
    DemoOptions m_options;
    DemoScenario m_scenario;
    QTimer m_timer;
    QElapsedTimer m_wall;
    Core::TimestampMs m_simAtWallStart = 0;
    Core::TimestampMs m_emittedUntil = 0;
    bool m_paused = false;
};

} // namespace Lakeguard::Feeds
