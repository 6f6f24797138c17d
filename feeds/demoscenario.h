// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"

#include <QList>
#include <QString>

#include <variant>

namespace Lakeguard::Feeds {

// One thing that happens in the demo: an alert from one of the simulated monitors, or a chain
// node's observation. Story beats carry a bilingual caption for the presenter.
struct DemoEvent
{
    Core::TimestampMs at = 0;   // simulated time, UTC ms
    std::variant<Core::Alert, Core::ChainObservation> payload;
    QString captionEn;          // empty unless this event is a story beat
    QString captionZh;
};

// The built-in scenario "bank-day": a simulated day at a bank (card testing and a fraud burst on
// the payment gateway, credential stuffing on online banking, a DDoS on the mobile API, a phishing
// wave, insider exfiltration, and a four-node consortium chain where one node lags, then a fork).
// Pure and deterministic: the same seed and start give the same events, and the events of
// consecutive windows [a,b) + [b,c) equal those of [a,c).
class DemoScenario final
{
public:
    static constexpr qint64 kDurationMs = 24LL * 3600 * 1000;

    DemoScenario(quint64 seed, Core::TimestampMs start);

    QString name() const;
    quint64 seed() const { return m_seed; }
    Core::TimestampMs start() const { return m_start; }
    Core::TimestampMs end() const { return m_start + kDurationMs; }

    // Events with `at` in [from, to), in time order (ties in a fixed order). Outside the day: none.
    QList<DemoEvent> eventsBetween(Core::TimestampMs from, Core::TimestampMs to) const;

    // Feed ids the scenario's alerts use, with their transport type, for the Feeds view.
    static QList<std::pair<QString, QString>> feeds();

private:
    quint64 m_seed;
    Core::TimestampMs m_start;
};

} // namespace Lakeguard::Feeds
