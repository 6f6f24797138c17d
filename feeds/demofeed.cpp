// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demofeed.h"

#include "futurecallback.h"
#include "storewriter.h"

#include <QHash>
#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDemo, "lakeguard.feeds.demo")

namespace Lakeguard::Feeds {

namespace {

constexpr int kTickMs = 250;
constexpr qint64 kDayMs = 24LL * 3'600'000;
constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kChunkMs = 10 * 60'000; // simulated time per batch when catching up

Core::TimestampMs defaultStart()
{
    // The story's clock is the bank's day: start at midnight (UTC) of yesterday.
    const Core::TimestampMs dayAgo = Core::nowMs() - DemoScenario::kDurationMs;
    return dayAgo - dayAgo % kDayMs;
}

} // namespace

Core::TimestampMs DemoFeed::defaultStartFor(qint64 durationMs)
{
    const Core::TimestampMs ago = Core::nowMs() - durationMs;
    return ago - ago % kMinuteMs;
}

DemoFeed::DemoFeed(Storage::StoreWriter *writer, const DemoOptions &options, QObject *parent)
    : DemoFeed(writer,
        std::make_shared<DemoScenario>(
            options.seed, options.start > 0 ? options.start : defaultStart()),
        options, parent)
{ }

DemoFeed::DemoFeed(Storage::StoreWriter *writer, std::shared_ptr<const ScenarioSource> source,
    const DemoOptions &options, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_options(options)
    , m_scenario(std::move(source))
    , m_timer(this)
{
    m_steps = m_scenario->steps();
    m_stepCaptions = m_scenario->captionsFromSteps();
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &DemoFeed::tick);
    m_emittedUntil = m_scenario->start();
}

DemoFeed::~DemoFeed() = default;

int DemoFeed::currentStep() const
{
    return m_lastStep;
}

void DemoFeed::setFeedStates(Storage::FeedState state)
{
    for (const auto &[id, type] : m_scenario->feedTypes()) {
        m_writer->setFeedState(id, type, state, {});
    }
}

void DemoFeed::start()
{
    setFeedStates(Storage::FeedState::Healthy);
    if (m_options.prerollMs > 0) {
        runUntil(m_scenario->start() + m_options.prerollMs);
    }
    m_simAtWallStart = m_emittedUntil;
    m_wall.start();
    m_paused = false;
    m_timer.start();
    emit speedChanged(m_options.speed);
    emit pausedChanged(false);
}

void DemoFeed::pause()
{
    if (m_paused || !m_timer.isActive()) {
        return;
    }
    tick();
    m_paused = true;
    m_timer.stop();
    setFeedStates(Storage::FeedState::Paused);
    emit pausedChanged(true);
}

void DemoFeed::resume()
{
    if (!m_paused) {
        return;
    }
    m_paused = false;
    m_simAtWallStart = m_emittedUntil;
    m_wall.restart();
    m_timer.start();
    setFeedStates(Storage::FeedState::Healthy);
    emit pausedChanged(false);
}

void DemoFeed::togglePause()
{
    if (m_paused) {
        resume();
    } else {
        pause();
    }
}

void DemoFeed::stop()
{
    m_timer.stop();
    setFeedStates(Storage::FeedState::Stopped);
}

void DemoFeed::setSpeed(double speed)
{
    if (!(speed > 0)) {
        return;
    }
    if (m_timer.isActive()) {
        tick(); // what was due at the old speed
    }
    m_options.speed = speed;
    m_simAtWallStart = m_emittedUntil;
    m_wall.restart();
    emit speedChanged(speed);
}

void DemoFeed::moveTo(Core::TimestampMs simTime)
{
    simTime = std::clamp(simTime, m_scenario->start(), m_scenario->end());
    if (simTime > m_emittedUntil) {
        runUntil(simTime);
    } else {
        // Back in time: the store already holds these events; replaying them adds nothing.
        m_emittedUntil = simTime;
        emit simulatedTime(m_emittedUntil);
    }
    m_simAtWallStart = m_emittedUntil;
    m_wall.restart();
    if (!m_paused && !m_timer.isActive() && m_emittedUntil < m_scenario->end()) {
        m_timer.start(); // a finished scenario plays again after a jump back
    }
}

void DemoFeed::jumpToStep(int index)
{
    if (m_steps.isEmpty()) {
        return;
    }
    index = std::clamp(index, 0, static_cast<int>(m_steps.size()) - 1);
    moveTo(m_steps.at(index).at);
    // The step begins now: show it at once, its events follow with the next tick.
    m_lastStep = index;
    emit caption(m_steps.at(index).captionEn, m_steps.at(index).captionZh);
    emit stepChanged(index, static_cast<int>(m_steps.size()));
}

void DemoFeed::nextStep()
{
    jumpToStep(currentStep() + 1);
}

void DemoFeed::previousStep()
{
    jumpToStep(currentStep() - 1);
}

void DemoFeed::restart()
{
    m_lastStep = -1;
    moveTo(m_scenario->start());
    if (!m_steps.isEmpty()) {
        jumpToStep(0);
    }
}

void DemoFeed::runUntil(Core::TimestampMs simTime)
{
    simTime = std::min(simTime, m_scenario->end());
    while (m_emittedUntil < simTime) {
        emitWindow(m_emittedUntil, std::min(simTime, m_emittedUntil + kChunkMs));
    }
    emit simulatedTime(m_emittedUntil);
}

void DemoFeed::tick()
{
    const double elapsedSim = double(m_wall.elapsed()) * m_options.speed;
    const Core::TimestampMs simNow
        = std::min(m_scenario->end(), m_simAtWallStart + static_cast<qint64>(elapsedSim));
    if (simNow > m_emittedUntil) {
        emitWindow(m_emittedUntil, simNow);
        emit simulatedTime(simNow);
    }
    if (m_emittedUntil >= m_scenario->end()) {
        m_timer.stop();
        emit finished();
    }
}

void DemoFeed::emitWindow(Core::TimestampMs from, Core::TimestampMs to)
{
    const QList<DemoEvent> events = m_scenario->eventsBetween(from, to);
    m_emittedUntil = to;
    // Steps that begin in the window (a step exactly at `from` was shown when jumped to).
    int reached = -1;
    for (int i = 0; i < m_steps.size(); ++i) {
        const Core::TimestampMs at = m_steps.at(i).at;
        if (at < to && (at > from || (at == from && i > m_lastStep))) {
            reached = i;
        }
    }
    if (reached >= 0 && reached != m_lastStep) {
        m_lastStep = reached;
        if (m_stepCaptions) {
            emit caption(m_steps.at(reached).captionEn, m_steps.at(reached).captionZh);
        }
        emit stepChanged(reached, static_cast<int>(m_steps.size()));
    }
    if (events.isEmpty()) {
        return;
    }
    QHash<QString, QString> types;
    for (const auto &[id, type] : m_scenario->feedTypes()) {
        types.insert(id, type);
    }
    // One batch per simulated feed, as separate feeds would deliver them.
    QHash<QString, Storage::IngestBatch> batches;
    const DemoEvent *lastCaption = nullptr;
    for (const DemoEvent &e : events) {
        if (const auto *alert = std::get_if<Core::Alert>(&e.payload)) {
            Storage::IngestBatch &b = batches[alert->feed];
            b.feed = alert->feed;
            b.feedType = types.value(alert->feed);
            b.bytes += alert->raw.size();
            b.alerts.append(*alert);
        } else if (const auto *obs = std::get_if<Core::ChainObservation>(&e.payload)) {
            const QString feed = u"demo-chain"_s;
            Storage::IngestBatch &b = batches[feed];
            b.feed = feed;
            b.feedType = types.value(feed, u"eth-rpc"_s);
            b.chain.append(*obs);
        }
        if (!e.captionEn.isEmpty()) {
            lastCaption = &e;
        }
    }
    // Submit in a fixed order so two runs with the same seed write identically.
    QStringList order = batches.keys();
    order.sort();
    for (const QString &feed : order) {
        QFuture<Storage::BatchResult> f = m_writer->submit(std::move(batches[feed]));
        Core::whenFinished(f, this, [this](const Storage::BatchResult &r) {
            if (r.ok) {
                emit batchCommitted(r.accepted);
            }
        });
    }
    if (lastCaption) {
        emit caption(lastCaption->captionEn, lastCaption->captionZh);
    }
}

} // namespace Lakeguard::Feeds
