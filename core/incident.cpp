// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "incident.h"

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

QString incidentStatusName(IncidentStatus s)
{
    switch (s) {
    case IncidentStatus::New:
        return u"new"_s;
    case IncidentStatus::Acknowledged:
        return u"acknowledged"_s;
    case IncidentStatus::Investigating:
        return u"investigating"_s;
    case IncidentStatus::Resolved:
        return u"resolved"_s;
    case IncidentStatus::FalsePositive:
        return u"false_positive"_s;
    }
    return u"new"_s;
}

std::optional<IncidentStatus> incidentStatusFromName(const QString &name)
{
    for (int i = 0; i < kIncidentStatusCount; ++i) {
        const auto s = static_cast<IncidentStatus>(i);
        if (incidentStatusName(s) == name) {
            return s;
        }
    }
    return std::nullopt;
}

QStringList allIncidentStatusNames()
{
    QStringList out;
    for (int i = 0; i < kIncidentStatusCount; ++i) {
        out << incidentStatusName(static_cast<IncidentStatus>(i));
    }
    return out;
}

bool isClosed(IncidentStatus s)
{
    return s == IncidentStatus::Resolved || s == IncidentStatus::FalsePositive;
}

QString incidentTransitionName(IncidentTransition t)
{
    switch (t) {
    case IncidentTransition::Acknowledge:
        return u"ack"_s;
    case IncidentTransition::Investigate:
        return u"investigate"_s;
    case IncidentTransition::Resolve:
        return u"resolve"_s;
    case IncidentTransition::FalsePositive:
        return u"false-positive"_s;
    case IncidentTransition::Reopen:
        return u"reopen"_s;
    }
    return {};
}

std::optional<IncidentStatus> applyTransition(IncidentStatus from, IncidentTransition t)
{
    switch (t) {
    case IncidentTransition::Acknowledge:
        if (from == IncidentStatus::New) {
            return IncidentStatus::Acknowledged;
        }
        break;
    case IncidentTransition::Investigate:
        if (from == IncidentStatus::New || from == IncidentStatus::Acknowledged) {
            return IncidentStatus::Investigating;
        }
        break;
    case IncidentTransition::Resolve:
        if (!isClosed(from)) {
            return IncidentStatus::Resolved;
        }
        break;
    case IncidentTransition::FalsePositive:
        if (!isClosed(from)) {
            return IncidentStatus::FalsePositive;
        }
        break;
    case IncidentTransition::Reopen:
        if (isClosed(from)) {
            return IncidentStatus::Investigating;
        }
        break;
    }
    return std::nullopt;
}

QString currentIdentity()
{
    const QString configured = qEnvironmentVariable("LAKEGUARD_IDENTITY").trimmed();
    if (!configured.isEmpty()) {
        return configured;
    }
    if (const passwd *pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name) {
        return QString::fromLocal8Bit(pw->pw_name);
    }
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? u"unknown"_s : user;
}

} // namespace Lakeguard::Core
