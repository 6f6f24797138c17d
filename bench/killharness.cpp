// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// kill_harness: SIGKILLs `lakeguard-cli serve` while it ingests (file and webhook feeds), at least
// 100 times, checks the store after every kill and prints the figures (docs/durability.md).
// Not a ctest test (minutes); tests/cli/tst_crashrecovery runs the same logic with a few kills.
#include "crashharness.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"SIGKILL lakeguard-cli serve while it ingests; check the "
                                     "store after every kill."_s);
    parser.addHelpOption();
    const QCommandLineOption kills(
        u"kills"_s, u"Number of kills (default 100)."_s, u"N"_s, u"100"_s);
    const QCommandLineOption minMs(
        u"min-ms"_s, u"Shortest run before a kill (default 200)."_s, u"MS"_s, u"200"_s);
    const QCommandLineOption maxMs(
        u"max-ms"_s, u"Longest run before a kill (default 2000)."_s, u"MS"_s, u"2000"_s);
    const QCommandLineOption seed(u"seed"_s, u"Random seed (default 1)."_s, u"S"_s, u"1"_s);
    const QCommandLineOption cli(
        u"cli"_s, u"lakeguard-cli to run (default ../bin/lakeguard-cli)."_s, u"PATH"_s);
    const QCommandLineOption keep(u"keep"_s, u"Keep the work folder and print its path."_s);
    const QCommandLineOption noWebhook(u"no-webhook"_s, u"File feed only."_s);
    parser.addOptions({ kills, minMs, maxMs, seed, cli, keep, noWebhook });
    parser.process(app);

    QTextStream out(stdout);
    QTemporaryDir dir;
    dir.setAutoRemove(!parser.isSet(keep));
    Lakeguard::Bench::CrashHarnessOptions o;
    o.cli = parser.isSet(cli)
        ? parser.value(cli)
        : QDir(QCoreApplication::applicationDirPath()).filePath(u"../bin/lakeguard-cli"_s);
    o.workDir = dir.path();
    o.kills = std::max(1, parser.value(kills).toInt());
    o.minRunMs = std::max(1, parser.value(minMs).toInt());
    o.maxRunMs = std::max(o.minRunMs, parser.value(maxMs).toInt());
    o.seed = parser.value(seed).toUInt();
    o.webhook = !parser.isSet(noWebhook);
    o.log = [&out](const QString &line) { out << line << Qt::endl; };
    const auto figures = Lakeguard::Bench::runCrashHarness(o);
    out << u"---- figures ----"_s << Qt::endl;
    for (const QString &line : Lakeguard::Bench::formatFigures(figures)) {
        out << line << Qt::endl;
    }
    if (parser.isSet(keep)) {
        out << u"work folder: "_s << dir.path() << Qt::endl;
    }
    return figures.ok() ? 0 : 1;
}
