// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "riskmodel.h"

#include <cmath>

namespace Lakeguard::Core {

double RiskModel::severityWeight(Severity s)
{
    switch (s) {
    case Severity::Info:
        return 0.0;
    case Severity::Low:
        return 1.0;
    case Severity::Medium:
        return 3.0;
    case Severity::High:
        return 8.0;
    case Severity::Critical:
        return 20.0;
    }
    return 0.0;
}

double RiskModel::decayedSum(const QList<Bucket> &buckets, qint64 bucketMs, TimestampMs at) const
{
    double sum = 0;
    for (const Bucket &b : buckets) {
        const double middle = double(b.start) + double(bucketMs) / 2.0;
        if (double(b.start) > double(at)) {
            continue;
        }
        const double age = std::max(0.0, double(at) - middle);
        sum += b.weight * std::exp2(-age / double(halfLifeMs));
    }
    return sum;
}

double RiskModel::scoreFromSum(double sum) const
{
    return 100.0 * (1.0 - std::exp(-sum / scale));
}

double RiskModel::score(const QList<Bucket> &buckets, qint64 bucketMs, TimestampMs at) const
{
    return scoreFromSum(decayedSum(buckets, bucketMs, at));
}

} // namespace Lakeguard::Core
