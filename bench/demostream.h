// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The demo generator's alerts as a stream, one simulated day at a time, so that a benchmark of
// any size needs no more memory than a day's alerts (bench_store, bench_gui).
#pragma once

#include "alert.h"
#include "demoscenario.h"

#include <QList>
#include <QString>

#include <algorithm>

namespace Lakeguard::Bench {

// Deterministic: two streams with the same `n` yield the same rows in the same order. Ten alerts
// (whatever n is) get a truly rare word, "zyxwvutsr" (the demo's own words are all common).
class DemoStream
{
public:
    static constexpr qint64 kDayMs = 24LL * 3600 * 1000;
    static constexpr Core::TimestampMs kFirstDay = 1'735'689'600'000LL; // 2025-01-01

    explicit DemoStream(qint64 n)
        : m_n(n)
        , m_step(std::max<qint64>(1, n / 10))
    { }

    qint64 produced() const { return m_produced; }
    bool atEnd() const { return m_produced >= m_n; }

    // Go on from the first day that starts after `ts` (the days before are skipped, not
    // generated): bench_store --resume adds to a store this stream filled before.
    void startAfter(Core::TimestampMs ts)
    {
        while (m_start <= ts) {
            m_start += kDayMs;
            ++m_seed;
        }
    }

    // The next simulated day's alerts (fewer when `n` is reached).
    QList<Core::Alert> nextDay()
    {
        using namespace Qt::StringLiterals;
        QList<Core::Alert> out;
        const Feeds::DemoScenario day(m_seed++, m_start);
        for (const Feeds::DemoEvent &e : day.eventsBetween(day.start(), day.end())) {
            if (m_produced >= m_n) {
                break;
            }
            if (const auto *a = std::get_if<Core::Alert>(&e.payload)) {
                out.append(*a);
                if (m_produced % m_step == 0 && m_produced / m_step < 10) {
                    out.last().message += u" zyxwvutsr"_s;
                }
                ++m_produced;
            }
        }
        m_start += kDayMs;
        return out;
    }

private:
    qint64 m_n;
    qint64 m_step;
    qint64 m_produced = 0;
    quint64 m_seed = 1;
    Core::TimestampMs m_start = kFirstDay;
};

} // namespace Lakeguard::Bench
