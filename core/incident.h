// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Lakeguard::Core {

// The officer's lifecycle of an incident (docs/incidents.md). The words are the contract's.
enum class IncidentStatus : int { New, Acknowledged, Investigating, Resolved, FalsePositive };

inline constexpr int kIncidentStatusCount = 5;

QString incidentStatusName(IncidentStatus s); // "new", …, "false_positive"
std::optional<IncidentStatus> incidentStatusFromName(const QString &name);
QStringList allIncidentStatusNames();
bool isClosed(IncidentStatus s); // resolved or false_positive

// What an officer asks of an incident's status.
enum class IncidentTransition : int { Acknowledge, Investigate, Resolve, FalsePositive, Reopen };

QString incidentTransitionName(IncidentTransition t); // "ack", "investigate", "resolve", …

// The status `t` leads to from `from`, or nothing when the lifecycle refuses it:
//   ack:            new → acknowledged
//   investigate:    new | acknowledged → investigating
//   resolve:        new | acknowledged | investigating → resolved
//   false_positive: new | acknowledged | investigating → false_positive
//   reopen:         resolved | false_positive → investigating
std::optional<IncidentStatus> applyTransition(IncidentStatus from, IncidentTransition t);

// Who acts: $LAKEGUARD_IDENTITY when set, else the OS user name, else "unknown".
QString currentIdentity();

} // namespace Lakeguard::Core
