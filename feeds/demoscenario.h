// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenariosource.h"

namespace Lakeguard::Feeds {

// The built-in scenario "bank-day": a simulated day at a bank (card testing and a fraud burst on
// the payment gateway, credential stuffing on online banking, a DDoS on the mobile API, a phishing
// wave, insider exfiltration, and a four-node consortium chain where one node lags, then a fork).
// Pure and deterministic: the same seed and start give the same events, and the events of
// consecutive windows [a,b) + [b,c) equal those of [a,c).
class DemoScenario final : public ScenarioSource
{
public:
    static constexpr qint64 kDurationMs = 24LL * 3600 * 1000;

    DemoScenario(quint64 seed, Core::TimestampMs start);

    QString name() const override;
    quint64 seed() const override { return m_seed; }
    Core::TimestampMs start() const override { return m_start; }
    Core::TimestampMs end() const override { return m_start + kDurationMs; }

    // Events with `at` in [from, to), in time order (ties in a fixed order). Outside the day: none.
    QList<DemoEvent> eventsBetween(Core::TimestampMs from, Core::TimestampMs to) const override;

    // Feed ids the scenario's alerts use, with their transport type, for the Feeds view.
    static QList<std::pair<QString, QString>> feeds();
    QList<std::pair<QString, QString>> feedTypes() const override { return feeds(); }
    // The day's arcs (where this seed puts them), so the presenter can jump between them.
    QList<ScenarioStep> steps() const override;

private:
    quint64 m_seed;
    Core::TimestampMs m_start;
};

} // namespace Lakeguard::Feeds
