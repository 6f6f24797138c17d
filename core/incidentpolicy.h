// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "correlation.h"
#include "riskmodel.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <optional>

namespace Lakeguard::Core {

// Everything about incidents that is data, not code (docs/incidents.md): the correlation rules in
// the order they are tried, reporting deadlines per category, the severities whose closing needs
// a second identity's approval, and the risk model's parameters and asset criticality.
struct IncidentPolicy
{
    QList<CorrelationRule> rules;
    QHash<QString, double> deadlineHours; // category word → hours; "default" for the rest
    QList<Severity> approvalSeverities { Severity::Critical };
    RiskModel risk;

    // Parses the JSON form (unknown keys are errors naming the key).
    static std::optional<IncidentPolicy> fromJson(const QByteArray &json, QString *error);
    // The built-in policy (core/resources/incident-policy.json).
    static IncidentPolicy builtIn();
    static QByteArray builtInJson();

    qint64 deadlineMs(Category c) const;
    bool needsApproval(Severity s) const;
};

} // namespace Lakeguard::Core
