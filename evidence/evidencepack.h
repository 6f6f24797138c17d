// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"
#include "tlp.h"

#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace Lakeguard::Evidence {

// What to put in an evidence pack (docs/evidence-packs.md).
struct ExportOptions
{
    QString storeLocation; // a SQLite store file or a PostgreSQL location
    QString outDir; // created; must not exist or be empty
    QString zipFile; // also write the pack as this zip (empty: none)
    QList<qint64> incidents; // scope: these incidents, or else
    std::optional<Core::TimestampMs> since; // the alerts of [since, until) (UTC ms);
    std::optional<Core::TimestampMs> until; // neither: the whole store
    std::optional<Tlp> tlp; // the pack's marking; default: its highest record
    std::optional<Tlp> cap; // leave out records above this
    QString language = QStringLiteral("en"); // report.pdf: en or zh_CN
    QString generator; // "Lakeguard 1.2.3" for the cover and manifest
};

struct ExportSummary
{
    QString outDir;
    QString zipFile;
    Tlp tlp = Tlp::Green;
    std::optional<Tlp> cap;
    qint64 alerts = 0;
    qint64 alertEvents = 0;
    qint64 audit = 0;
    qint64 withheldAlerts = 0; // above the cap
    qint64 withheldAlertEvents = 0;
    qint64 withheldAudit = 0;
    qint64 incidents = 0; // incident summaries in the report
    Storage::Checkpoint checkpoint; // the one the pack is cut from
    qint64 bytes = 0; // all files of the folder
};

struct ExportOutcome
{
    enum class Status { Ok, Problem, BadInput };
    Status status = Status::Ok;
    QString error; // one line: what and where
    ExportSummary summary;
};

// 0–100 and what is being done; called on the exporting thread.
using ExportProgress = std::function<void(int percent, const QString &step)>;

// Forces a signed checkpoint, then cuts the pack from it in one read snapshot: records, their
// inclusion proofs, report, manifest and its signature with the store's key. A record whose
// row no longer matches its leaf stops the export (Problem) naming it. Runs on the calling
// thread with its own store connection (the GUI runs it on a worker). `cancel` is polled.
ExportOutcome exportPack(const ExportOptions &options, const ExportProgress &progress = {},
    const std::atomic_bool *cancel = nullptr);

// The exact text of VERIFY.txt's commands are lines starting with this prefix.
inline constexpr char kVerifyCommandPrefix[] = "    $ ";

} // namespace Lakeguard::Evidence
