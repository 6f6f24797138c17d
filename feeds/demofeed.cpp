// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demofeed.h"

#include "storewriter.h"

#include <QHash>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDemo, "lakeguard.feeds.demo")

namespace Lakeguard::Feeds {

namespace {

constexpr int kTickMs = 250;
constexpr qint64 kDayMs = 24LL * 3'600'000;
constexpr qint64 kChunkMs = 10 * 60'000; // simulated time per batch when catching up

Core::TimestampMs defaultStart()
{
    // The story's clock is the bank's day: start at midnight (UTC) of yesterday.
    const Core::TimestampMs dayAgo = Core::nowMs() - DemoScenario::kDurationMs;
    return dayAgo - dayAgo % kDayMs;
}

} // namespace

DemoFeed::DemoFeed(Storage::StoreWriter *writer, const DemoOptions &options, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_options(options)
    , m_scenario(options.seed, options.start > 0 ? options.start : defaultStart())
    , m_timer(this)
{
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &DemoFeed::tick);
    m_emittedUntil = m_scenario.start();
}

DemoFeed::~DemoFeed() = default;

void DemoFeed::start()
{
    for (const auto &[id, type] : DemoScenario::feeds()) {
        m_writer->setFeedState(id, type, Storage::FeedState::Healthy, {});
    }
    if (m_options.prerollMs > 0) {
        runUntil(m_scenario.start() + m_options.prerollMs);
    }
    m_simAtWallStart = m_emittedUntil;
    m_wall.start();
    m_paused = false;
    m_timer.start();
}

void DemoFeed::pause()
{
    if (m_paused || !m_timer.isActive()) {
        return;
    }
    tick();
    m_paused = true;
    m_timer.stop();
    for (const auto &[id, type] : DemoScenario::feeds()) {
        m_writer->setFeedState(id, type, Storage::FeedState::Paused, {});
    }
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
    for (const auto &[id, type] : DemoScenario::feeds()) {
        m_writer->setFeedState(id, type, Storage::FeedState::Healthy, {});
    }
}

void DemoFeed::stop()
{
    m_timer.stop();
    for (const auto &[id, type] : DemoScenario::feeds()) {
        m_writer->setFeedState(id, type, Storage::FeedState::Stopped, {});
    }
}

void DemoFeed::runUntil(Core::TimestampMs simTime)
{
    simTime = std::min(simTime, m_scenario.end());
    while (m_emittedUntil < simTime) {
        emitWindow(m_emittedUntil, std::min(simTime, m_emittedUntil + kChunkMs));
    }
    emit simulatedTime(m_emittedUntil);
}

void DemoFeed::tick()
{
    const double elapsedSim = double(m_wall.elapsed()) * m_options.speed;
    const Core::TimestampMs simNow =
        std::min(m_scenario.end(), m_simAtWallStart + static_cast<qint64>(elapsedSim));
    if (simNow > m_emittedUntil) {
        emitWindow(m_emittedUntil, simNow);
        emit simulatedTime(simNow);
    }
    if (m_emittedUntil >= m_scenario.end()) {
        m_timer.stop();
        emit finished();
    }
}

void DemoFeed::emitWindow(Core::TimestampMs from, Core::TimestampMs to)
{
    const QList<DemoEvent> events = m_scenario.eventsBetween(from, to);
    m_emittedUntil = to;
    if (events.isEmpty()) {
        return;
    }
    QHash<QString, QString> types;
    for (const auto &[id, type] : DemoScenario::feeds()) {
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
        f.then(this, [this](const Storage::BatchResult &r) {
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
