// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "incidenttypes.h"
#include "storetypes.h"
#include "tlp.h"

#include <QList>
#include <QString>

#include <optional>

namespace Lakeguard::Evidence {

// One alert as the report lists it (the full record is in alerts.jsonl).
struct ReportAlert
{
    qint64 id = 0;
    Core::TimestampMs ts = 0;
    Core::Severity severity = Core::Severity::Info;
    QString category;
    QString rule;
    QString title;
    QString entity;
    std::optional<qint64> incident;
    Tlp tlp = Tlp::Green;
};

struct ReportInput
{
    QString language = QStringLiteral("en"); // en or zh_CN
    QString generator;
    Core::TimestampMs created = 0;
    QList<qint64> scopeIncidents; // empty: a period (or the whole store)
    std::optional<Core::TimestampMs> since;
    std::optional<Core::TimestampMs> until;
    Tlp tlp = Tlp::Green;
    std::optional<Tlp> cap;
    qint64 withheld = 0; // records left out by the cap
    Storage::Checkpoint checkpoint;
    QList<Storage::IncidentRow> incidents;
    QList<ReportAlert> alerts; // oldest first
    QList<Storage::AuditEntry> audit; // oldest first
    qint64 alertEvents = 0;
};

// report.pdf (docs/evidence-packs.md): a cover with scope, period, generator, checkpoint and
// root, the TLP marking on every page; incident summaries; a timeline figure; risk and
// severity charts; tables. QPdfWriter and QTextDocument: needs a QGuiApplication (the offscreen
// platform is enough); safe on a worker thread. Untrusted text is escaped, never HTML.
Storage::Status writeReport(const ReportInput &input, const QString &path);

} // namespace Lakeguard::Evidence
