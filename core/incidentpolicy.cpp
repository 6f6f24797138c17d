// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "incidentpolicy.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

bool onlyKnownKeys(
    const QJsonObject &o, const QStringList &known, const QString &where, QString *error)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = u"%1: unknown key \"%2\""_s.arg(where, it.key());
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<IncidentPolicy> IncidentPolicy::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = u"incident policy: not a JSON object (%1)"_s.arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    if (!onlyKnownKeys(o,
            { u"version"_s, u"correlation"_s, u"deadlines_hours"_s, u"approval_severities"_s,
                u"risk"_s },
            u"incident policy"_s, error)) {
        return std::nullopt;
    }
    IncidentPolicy p;
    for (const QJsonValue v : o.value(u"correlation"_s).toArray()) {
        const auto rule = CorrelationRule::fromJson(v.toObject(), error);
        if (!rule) {
            return std::nullopt;
        }
        p.rules.append(*rule);
    }
    const QJsonObject deadlines = o.value(u"deadlines_hours"_s).toObject();
    for (auto it = deadlines.begin(); it != deadlines.end(); ++it) {
        if (it.key() != u"default"_s && !categoryFromName(it.key())) {
            *error = u"deadlines_hours: unknown category \"%1\""_s.arg(it.key());
            return std::nullopt;
        }
        if (it.value().toDouble(-1) <= 0) {
            *error = u"deadlines_hours: \"%1\" must be a positive number of hours"_s.arg(it.key());
            return std::nullopt;
        }
        p.deadlineHours.insert(it.key(), it.value().toDouble());
    }
    if (o.contains(u"approval_severities"_s)) {
        p.approvalSeverities.clear();
        for (const QJsonValue v : o.value(u"approval_severities"_s).toArray()) {
            const auto s = severityFromName(v.toString());
            if (!s) {
                *error = u"approval_severities: unknown severity \"%1\""_s.arg(v.toString());
                return std::nullopt;
            }
            p.approvalSeverities.append(*s);
        }
    }
    const QJsonObject risk = o.value(u"risk"_s).toObject();
    if (!onlyKnownKeys(risk,
            { u"half_life_hours"_s, u"incident_scale"_s, u"global_scale"_s, u"assets"_s },
            u"risk"_s, error)) {
        return std::nullopt;
    }
    const double halfLife = risk.value(u"half_life_hours"_s).toDouble(6);
    const double incidentScale = risk.value(u"incident_scale"_s).toDouble(100);
    const double globalScale = risk.value(u"global_scale"_s).toDouble(2500);
    if (halfLife <= 0 || incidentScale <= 0 || globalScale <= 0) {
        *error = u"risk: half_life_hours and the scales must be positive"_s;
        return std::nullopt;
    }
    p.risk.halfLifeMs = qint64(halfLife * 3'600'000.0);
    p.risk.incidentScale = incidentScale;
    p.risk.scale = globalScale;
    QList<RiskModel::Asset> assets;
    for (const QJsonValue v : risk.value(u"assets"_s).toArray()) {
        const QJsonObject a = v.toObject();
        const QString pattern = a.value(u"pattern"_s).toString();
        const double weight = a.value(u"weight"_s).toDouble(-1);
        if (pattern.isEmpty() || weight < 0) {
            *error = u"risk.assets: each needs a \"pattern\" and a \"weight\" ≥ 0"_s;
            return std::nullopt;
        }
        assets.append({ pattern, weight });
    }
    p.risk.setAssets(assets);
    return p;
}

QByteArray IncidentPolicy::builtInJson()
{
    QFile f(u":/lakeguard/incident-policy.json"_s);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

IncidentPolicy IncidentPolicy::builtIn()
{
    QString error;
    const auto p = fromJson(builtInJson(), &error);
    if (!p) {
        qWarning("built-in incident policy: %s", qPrintable(error));
        return IncidentPolicy {};
    }
    return *p;
}

qint64 IncidentPolicy::deadlineMs(Category c) const
{
    const double hours
        = deadlineHours.value(categoryName(c), deadlineHours.value(u"default"_s, 72.0));
    return qint64(hours * 3'600'000.0);
}

bool IncidentPolicy::needsApproval(Severity s) const
{
    return approvalSeverities.contains(s);
}

} // namespace Lakeguard::Core
