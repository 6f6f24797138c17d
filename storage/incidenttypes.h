// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"
#include "incident.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Lakeguard::Storage {

// One incident as listed (docs/incidents.md). Times are UTC ms.
struct IncidentRow
{
    Core::IncidentId id;
    QString title;
    Core::Severity severity = Core::Severity::Low; // effective: the override, else auto
    Core::Severity autoSeverity = Core::Severity::Low; // the highest of its alerts
    std::optional<Core::Severity> severityOverride;
    Core::Category category = Core::Category::Other;
    Core::IncidentStatus status = Core::IncidentStatus::New;
    QString owner;
    QStringList tags;
    QString rule; // the correlation rule that opened it ("split" for a split)
    QString entity; // the entity of its first alert
    Core::TimestampMs firstSeen = 0;
    Core::TimestampMs lastSeen = 0;
    qint64 alerts = 0;
    double risk = 0; // 0–100 at `riskAt` (RiskModel::incidentScore)
    double riskSum = 0; // decayed weight sum at `riskAt`
    double riskRank = 0; // the stored order of the Risk sort (risk_rank; time-independent)
    Core::TimestampMs riskAt = 0;
    Core::TimestampMs deadline = 0;
    Core::TimestampMs created = 0;
    Core::TimestampMs updated = 0;
    std::optional<Core::IncidentStatus> pendingStatus; // a close awaiting approval
    QString pendingBy;
    QString pendingReason;
    std::optional<Core::IncidentId> mergedInto;
    // Bumped by every officer change (not by alerts joining): what a client saw when it asks
    // for a change (IncidentCommand::expectedVersion; schema v7).
    qint64 version = 1;

    bool isOpen() const { return !Core::isClosed(status); }
    bool overdue(Core::TimestampMs now) const { return isOpen() && deadline > 0 && now > deadline; }
};

// One audit entry: who changed what, when, from what to what, and why. Tamper-evident (leaf
// kind 4). `incident` is empty for changes that concern no single incident.
struct AuditEntry
{
    qint64 id = 0;
    std::optional<Core::IncidentId> incident;
    Core::TimestampMs ts = 0;
    QString actor;
    QString action; // status, approve, assign, note, severity, tag, merge, split, suppress
    QString oldValue;
    QString newValue;
    QString reason;
};

struct Suppression
{
    qint64 id = 0;
    QString rule;
    QString entity; // exact, or a glob with `*`
    Core::TimestampMs until = 0;
    QString reason;
    Core::TimestampMs created = 0;
    QString actor;
};

enum class IncidentSort { RiskDesc, LastSeenDesc, SeverityDesc, DeadlineAsc, IdDesc };

struct IncidentFilter
{
    QList<Core::IncidentStatus> statuses; // empty: any
    bool openOnly = false;
    std::optional<Core::Severity> minSeverity;
    QString owner; // exact; empty: any
    // Words, each of which must be in the title or in the entity as a case-insensitive substring
    // (incidentSearchWords); the Alerts search also wants every word, from its full-text index.
    QString search;
    bool includeMerged = false; // incidents merged into another

    friend bool operator==(const IncidentFilter &, const IncidentFilter &) = default;
};

// Where a page of the Incidents list starts (keyset pagination; docs/store.md). `offset` is the
// page's first row. When the caller holds the row just before the page (`after`) or the row
// just after it (`before`), the store reads on from that row's place in the list's order, and
// the cost of a page does not grow with its depth; `after` wins when both are given. Without
// either, a page in the list's second half is read backwards from the end when `total` (the
// list's length) is known, and any other page by OFFSET.
struct IncidentPageAt
{
    qint64 offset = 0;
    std::optional<IncidentRow> after;
    std::optional<IncidentRow> before;
    qint64 total = -1; // unknown
};

struct IncidentDetail
{
    IncidentRow incident;
    QList<Core::Alert> alerts; // newest first, at most the limit asked for
    QList<AuditEntry> notes; // audit entries with action "note", oldest first
    QList<AuditEntry> audit; // every entry, oldest first
};

// One change an officer asks for; `actor` is who asks (Core::currentIdentity()).
struct IncidentCommand
{
    enum class Kind {
        Transition, // `transition`
        Approve, // completes a pending close; refused for the identity that asked
        Assign, // `text` = owner ("" unassigns)
        Note, // `text`
        Severity, // `severity` (nullopt clears the override); a reason is required
        Tags, // `text` = comma-separated tags
        Merge, // `others` merge into `id`
        Split, // `alerts` leave `id` for a new incident
        Suppress, // `rule` × `entity` until `until`
    };
    Kind kind = Kind::Transition;
    Core::IncidentId id;
    Core::IncidentTransition transition = Core::IncidentTransition::Acknowledge;
    QString text;
    std::optional<Core::Severity> severity;
    QList<Core::IncidentId> others;
    QList<Core::AlertId> alerts;
    QString rule;
    QString entity;
    Core::TimestampMs until = 0;
    QString reason;
    // Optimistic concurrency: when set, the change is refused as a conflict unless the incident
    // is still at this version (another console changed it meanwhile; never overwritten).
    std::optional<qint64> expectedVersion;
    QString actor;
};

// What a change did. `refused` is set when the lifecycle or the maker-checker rule said no (the
// message says why); an error that stopped the store is a failed Result instead.
struct IncidentChange
{
    bool refused = false;
    bool notFound = false; // refused because an incident does not exist
    bool conflict = false; // refused: the incident is no longer at the expected version
    qint64 version = 0; // the incident's version after the change (0 when refused)
    QString message;
    bool pendingApproval = false; // a close that now waits for a second identity
    std::optional<Core::IncidentId> created; // split: the new incident
    qint64 auditId = 0;
};

// An incident that reached critical severity in a batch (for desktop notifications).
struct IncidentNotice
{
    Core::IncidentId id;
    QString title;
    Core::Severity severity = Core::Severity::Critical;
    QString rule; // the correlation rule that titled it (IncidentRow::rule)
};

// The words of IncidentFilter::search: split at white space, empty when it has none.
QStringList incidentSearchWords(const QString &search);

// Whether a row holds every word in its title or its entity, as the stores' search does (SQLite
// folds the case of ASCII letters only; this, like PostgreSQL, folds others too).
bool matchesIncidentSearch(const IncidentRow &row, const QStringList &words);

} // namespace Lakeguard::Storage

Q_DECLARE_METATYPE(Lakeguard::Storage::IncidentRow)
Q_DECLARE_METATYPE(Lakeguard::Storage::IncidentNotice)
