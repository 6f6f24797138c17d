// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"

#include <QList>
#include <QString>

#include <utility>
#include <variant>

namespace Lakeguard::Feeds {

// One thing that happens in the demo: an alert from one of the simulated monitors, or a chain
// node's observation. Story beats carry a bilingual caption for the presenter.
struct DemoEvent
{
    Core::TimestampMs at = 0; // simulated time, UTC ms
    std::variant<Core::Alert, Core::ChainObservation> payload;
    QString captionEn; // empty unless this event is a story beat
    QString captionZh;
};

// A story beat the presenter can jump to: its simulated time and bilingual caption.
struct ScenarioStep
{
    Core::TimestampMs at = 0; // absolute simulated time, UTC ms
    QString captionEn;
    QString captionZh;
};

// What the demo feed plays: the generated bank day (DemoScenario) or a scenario read from JSON
// (ScriptedScenario). Implementations are pure and deterministic for a seed and start: the events
// of consecutive windows [a,b) + [b,c) equal those of [a,c).
class ScenarioSource
{
public:
    virtual ~ScenarioSource() = default;

    virtual QString name() const = 0;
    virtual quint64 seed() const = 0;
    virtual Core::TimestampMs start() const = 0;
    virtual Core::TimestampMs end() const = 0;
    // Events with `at` in [from, to), in time order (ties in a fixed order).
    virtual QList<DemoEvent> eventsBetween(Core::TimestampMs from, Core::TimestampMs to) const = 0;
    // Simulated feed ids and their transport type, for the Feeds view.
    virtual QList<std::pair<QString, QString>> feedTypes() const = 0;
    // The story beats in time order. When a source has steps, the feed takes captions from them
    // (events then carry none).
    virtual QList<ScenarioStep> steps() const { return {}; }
    // True when the steps' captions are the story (the feed shows each as its step begins);
    // false when the events carry the captions and the steps only mark where to jump.
    virtual bool captionsFromSteps() const { return false; }
};

} // namespace Lakeguard::Feeds
