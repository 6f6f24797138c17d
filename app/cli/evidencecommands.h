// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QTextStream>

namespace Lakeguard::Cli {

// `export` and `verify-pack` (docs/evidence-packs.md, docs/cli.md). `args` start with the
// program name and may repeat --store/--json; `store` is the resolved location. Returns the
// exit status. `export` draws a PDF: it needs a QGuiApplication (climain makes one, offscreen).
int runExportCommand(
    const QStringList &args, QTextStream &out, QTextStream &err, bool json, const QString &store);
int runVerifyPackCommand(
    const QStringList &args, QTextStream &out, QTextStream &err, bool json, const QString &store);

QString exportSynopsis();
QString verifyPackSynopsis();

// True when the command line runs `export` (climain then makes a QGuiApplication).
bool commandNeedsGui(int argc, char **argv);

} // namespace Lakeguard::Cli
