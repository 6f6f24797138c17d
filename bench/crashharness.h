// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The crash harness shared by bench/killharness.cpp (100+ kills, figures) and
// tests/cli/tst_crashrecovery.cpp (a few kills in CI): runs `lakeguard-cli serve` on a file feed
// (and a webhook feed when this build runs one), feeds it, SIGKILLs it at a random moment, and
// checks the store after every kill. See docs/durability.md.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Lakeguard::Bench {

struct CrashHarnessOptions
{
    QString cli; // path of lakeguard-cli
    QString workDir; // empty folder for the store, FEEDS.json and the tailed file
    int kills = 100;
    int minRunMs = 200; // each serve runs a random time in [minRunMs, maxRunMs] before SIGKILL
    int maxRunMs = 2000;
    int finalRunS = 4; // the last serve runs to completion (--for)
    quint32 seed = 1;
    bool webhook = true; // also a webhook feed, when this build can run one
    std::function<void(const QString &)> log; // progress lines; may be empty
};

struct CrashHarnessFigures
{
    int kills = 0;
    bool webhookUsed = false;
    qint64 fileLines = 0; // complete lines appended to the tailed file
    qint64 webhookSent = 0; // alerts POSTed (each request holds 1–3)
    qint64 webhookAcked = 0; // alerts whose request was answered 2xx
    qint64 webhookRetries = 0; // requests sent again after no 2xx (same alerts)
    qint64 stored = 0; // alerts in the store after the final run
    qint64 duplicates = 0; // extra copies of an alert, over all checks (must be 0)
    qint64 lostAcked = 0; // acknowledged webhook alerts missing (must be 0)
    qint64 lostFile = 0; // file lines before the committed cursor missing (must be 0)
    qint64 beyondCursor = 0; // file lines after the committed cursor stored (must be 0)
    qint64 unknown = 0; // stored alerts the harness never sent (must be 0)
    int integrityFailures = 0; // PRAGMA integrity_check not "ok"
    int verifyFailures = 0; // lakeguard-cli verify exit status not 0
    int killsBeforeSchema = 0; // kills before the store's migrations committed: no verify
    int finalMissing = 0; // after the clean final run: file lines or acked alerts missing
    int serveFailures = 0; // a serve that exited on its own before the kill, or final != 0
    QList<qint64> restartMs; // process start to the first commit of new data, per restart
    QList<qint64> checkMs; // read-only check + verify per kill
    qint64 totalMs = 0;
    QStringList problems; // first few problems, in words

    bool ok() const
    {
        return duplicates == 0 && lostAcked == 0 && lostFile == 0 && beyondCursor == 0
            && unknown == 0 && integrityFailures == 0 && verifyFailures == 0 && finalMissing == 0
            && serveFailures == 0 && problems.isEmpty();
    }
};

// Runs the whole experiment; blocks (spins its own event loops). Needs a QCoreApplication.
CrashHarnessFigures runCrashHarness(const CrashHarnessOptions &options);

// The figures as printable lines ("name: value").
QStringList formatFigures(const CrashHarnessFigures &figures);

} // namespace Lakeguard::Bench
