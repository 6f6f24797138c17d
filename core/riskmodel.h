// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "severity.h"
#include "timeutil.h"

#include <QList>
#include <QRegularExpression>
#include <QString>

namespace Lakeguard::Core {

// The risk model (docs/risk-model.md). Version 1 (the Dashboard's history line): each alert
// contributes its severity weight, halved every `halfLifeMs`, and the sum S maps to 0–100 as
// 100·(1 − e^(−S/scale)). Version 2 (incidents): only open alerts count, each weight is scaled by
// the criticality of its entity, and sums are kept incrementally as "weight at a reference time".
// A glob (`*` any text, `?` one character, nothing else special) as an anchored expression.
QRegularExpression globExpression(
    const QString &glob, QRegularExpression::PatternOptions options = {});

class RiskModel final
{
public:
    struct Bucket
    {
        TimestampMs start = 0; // bucket start, UTC ms
        double weight = 0; // sum of severity weights of the alerts in it
    };

    // An entity pattern (glob: `*` any text, `?` one character; case-insensitive) and the
    // factor its alerts' weights are multiplied by. The first matching pattern wins.
    struct Asset
    {
        QString pattern;
        double weight = 1.0;
    };

    static double severityWeight(Severity s);

    // Decayed weight sum at time `at` for alerts aggregated in buckets of `bucketMs`
    // (each bucket counted at its middle; buckets after `at` are ignored).
    double decayedSum(const QList<Bucket> &buckets, qint64 bucketMs, TimestampMs at) const;
    double score(const QList<Bucket> &buckets, qint64 bucketMs, TimestampMs at) const;
    double scoreFromSum(double decayedSum) const;

    // ---- version 2: asset criticality and incremental sums ----
    void setAssets(const QList<Asset> &assets);
    const QList<Asset> &assets() const { return m_assets; }
    // The factor for an entity: the first matching asset pattern's weight, else 1.
    double criticality(const QString &entity) const;
    // One alert's weight at its own time: severityWeight × criticality(entity).
    double alertWeight(Severity s, const QString &entity) const;
    // A sum known at `ref` seen at `at` (≥ ref): sum · 2^(−(at − ref)/halfLife). Never grows.
    double decay(double sumAtRef, TimestampMs ref, TimestampMs at) const;
    // Adds `weight` at time `ts` to a sum known at `*ref`; the result is the sum at the later of
    // the two, which `*ref` becomes.
    double accumulate(double sumAtRef, TimestampMs *ref, double weight, TimestampMs ts) const;
    // A number that orders sums by their value at any common time: log2(sum) + ref/halfLife.
    // Stored beside the sum so "sort by risk" is an index scan. kNoRank for a zero sum.
    double rank(double sumAtRef, TimestampMs ref) const;
    static constexpr double kNoRank = -1e18;
    // 0–100 for one incident: 100·(1 − e^(−S/incidentScale)).
    double incidentScore(double decayedSum) const;

    qint64 halfLifeMs = 6LL * 3600 * 1000;
    double scale = 2500.0; // global figure
    double incidentScale = 100.0; // one incident's figure

private:
    QList<Asset> m_assets;
    QList<QRegularExpression> m_patterns;
};

} // namespace Lakeguard::Core
