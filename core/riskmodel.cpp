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

QRegularExpression globExpression(const QString &glob, QRegularExpression::PatternOptions options)
{
    QString re;
    for (const QChar c : glob) {
        if (c == u'*') {
            re += QStringLiteral(".*");
        } else if (c == u'?') {
            re += u'.';
        } else {
            re += QRegularExpression::escape(QString(c));
        }
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(re), options);
}

void RiskModel::setAssets(const QList<Asset> &assets)
{
    m_assets = assets;
    m_patterns.clear();
    for (const Asset &a : assets) {
        m_patterns.append(globExpression(a.pattern, QRegularExpression::CaseInsensitiveOption));
    }
}

double RiskModel::criticality(const QString &entity) const
{
    for (qsizetype i = 0; i < m_patterns.size(); ++i) {
        if (m_patterns.at(i).match(entity).hasMatch()) {
            return m_assets.at(i).weight;
        }
    }
    return 1.0;
}

double RiskModel::alertWeight(Severity s, const QString &entity) const
{
    const double w = severityWeight(s);
    return w == 0.0 ? 0.0 : w * criticality(entity);
}

double RiskModel::decay(double sumAtRef, TimestampMs ref, TimestampMs at) const
{
    if (sumAtRef == 0.0 || at <= ref) {
        return sumAtRef;
    }
    return sumAtRef * std::exp2(-double(at - ref) / double(halfLifeMs));
}

double RiskModel::accumulate(double sumAtRef, TimestampMs *ref, double weight, TimestampMs ts) const
{
    if (ts >= *ref) {
        const double sum = decay(sumAtRef, *ref, ts) + weight;
        *ref = ts;
        return sum;
    }
    return sumAtRef + decay(weight, ts, *ref);
}

double RiskModel::rank(double sumAtRef, TimestampMs ref) const
{
    if (sumAtRef <= 0.0) {
        return kNoRank;
    }
    return std::log2(sumAtRef) + double(ref) / double(halfLifeMs);
}

double RiskModel::incidentScore(double sum) const
{
    return 100.0 * (1.0 - std::exp(-sum / incidentScale));
}

} // namespace Lakeguard::Core
