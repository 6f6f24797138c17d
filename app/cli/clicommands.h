// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QTextStream>

namespace Lakeguard::Cli {

// Exit statuses of the contract.
enum ExitCode : int { Success = 0, ProblemFound = 1, BadUsage = 2 };

// Runs `lakeguard-cli` with its arguments (argv[0] included); returns the exit status.
// Needs a QCoreApplication; output goes to `out`, one-line errors to `err`.
int runCli(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace Lakeguard::Cli
