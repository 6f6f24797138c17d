// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "severity.h"
#include "timeutil.h"

#include <QList>

namespace Lakeguard::Core {

// The global risk figure (docs/risk-model.md): each alert contributes its severity weight,
// halved every `halfLifeMs`, and the sum S maps to 0–100 as 100·(1 − e^(−S/scale)).
// A fuller per-entity model with asset criticality arrives with incidents.
class RiskModel final
{
public:
    struct Bucket
    {
        TimestampMs start = 0;  // bucket start, UTC ms
        double weight = 0;      // sum of severity weights of the alerts in it
    };

    static double severityWeight(Severity s);

    // Decayed weight sum at time `at` for alerts aggregated in buckets of `bucketMs`
    // (each bucket counted at its middle; buckets after `at` are ignored).
    double decayedSum(const QList<Bucket> &buckets, qint64 bucketMs, TimestampMs at) const;
    double score(const QList<Bucket> &buckets, qint64 bucketMs, TimestampMs at) const;
    double scoreFromSum(double decayedSum) const;

    qint64 halfLifeMs = 6LL * 3600 * 1000;
    double scale = 2500.0;
};

} // namespace Lakeguard::Core
