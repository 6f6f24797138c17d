// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QTextStream>

namespace Lakeguard::Cli {

// `incidents` and `incident …` (docs/cli.md, docs/incidents.md). `args` start with the program
// name and may repeat --store/--json; `store` is the resolved location. Returns the exit status.
int runIncidentsCommand(
    const QStringList &args, QTextStream &out, QTextStream &err, bool json, const QString &store);
int runIncidentCommand(
    const QStringList &args, QTextStream &out, QTextStream &err, bool json, const QString &store);

// Usage lines for the top-level help.
QString incidentsSynopsis();
QString incidentSynopsis();

} // namespace Lakeguard::Cli
