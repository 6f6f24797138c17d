// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "incidenttypes.h"
#include "storetypes.h"

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

// Timeline and as-of replay (issue 7; docs/timeline.md).
namespace Lakeguard::Storage {

// What a timeline item is. Values are stored in queries: append only.
enum class TimelineKind : int {
    Alert = 0, // an alert (not from a chain monitor)
    AlertState = 1, // a lifecycle change of an alert (alert_events)
    IncidentChange = 2, // an audit entry other than a note
    IncidentNote = 3, // an audit entry with action "note"
    ChainAlert = 4, // an alert whose source is a chain monitor
    ChainObservation = 5, // a chain_history row
};
inline constexpr int kTimelineKindCount = 6;

enum class TimelineLanes { ByFeed, ByEntity };

// Lane keys for items without a feed: incident audit entries in feed lanes, and chain history
// (which is "chain:<name>"). The GUI names them; the store returns these fixed keys.
inline const QString kIncidentLane = QStringLiteral("incidents");

struct TimelineQuery
{
    Core::TimestampMs from = 0; // inclusive, UTC ms
    Core::TimestampMs to = 0; // exclusive
    qint64 bucketMs = 60'000; // aggregation step (> 0)
    int maxEvents = 2000; // at most this many items come back one by one
    TimelineLanes lanes = TimelineLanes::ByFeed;
    std::optional<Core::Severity> minSeverity;
    // Kinds wanted (bit i = TimelineKind i); all by default.
    unsigned kinds = (1u << kTimelineKindCount) - 1;
    QString text; // substring of title, detail or lane (case-insensitive, ASCII)
    std::optional<Core::IncidentId> incident; // only this incident's alerts, events and audit

    friend bool operator==(const TimelineQuery &, const TimelineQuery &) = default;
};

// One item, when few enough are in range. Every text field may come from outside (untrusted).
struct TimelineEvent
{
    TimelineKind kind = TimelineKind::Alert;
    Core::TimestampMs ts = 0;
    QString lane;
    Core::Severity severity = Core::Severity::Info;
    qint64 ref = 0; // row id in its table (alerts, alert_events, incident_audit,
                    // chain_history)
    std::optional<Core::AlertId> alert;
    std::optional<Core::IncidentId> incident;
    QString title; // alert: title; state: state; audit: action; chain: node
    QString detail; // alert/state: message; audit: new value; chain: chain
    // alert: entity, rule, feed; state: alert title, entity, feed; audit: actor, old value,
    // reason; chain: height, lag, latency (ms)
    std::array<QString, 3> fields;
};

// Items of one lane in [start, start + bucketMs).
struct TimelineBucket
{
    int lane = 0; // index into TimelineData::lanes
    Core::TimestampMs start = 0;
    qint64 count = 0;
    Core::Severity worst = Core::Severity::Info;
};

struct TimelineData
{
    TimelineQuery query;
    QStringList lanes; // sorted; the last may be kOtherLane when lanes were merged
    qint64 total = 0; // items in range after the filters
    bool aggregated = true; // buckets only (total > maxEvents), else events as well
    QList<TimelineBucket> buckets; // always filled
    QList<TimelineEvent> events; // oldest first, only when !aggregated
};

inline const QString kOtherLane = QStringLiteral("\u2026"); // lanes beyond kMaxTimelineLanes
inline constexpr int kMaxTimelineLanes = 60;

// The last chain_history row of one node at or before a moment.
struct AsOfChainNode
{
    QString chain;
    QString node;
    qint64 height = -1;
    qint64 lag = 0;
    int latencyMs = -1;
    Core::TimestampMs observed = 0;
    Core::TimestampMs blockTime = 0;
    // What the chain monitor said at `at`: the worst of its conditions still active then
    // (down, mismatch, forked, stalled, lagging: its chain alerts not yet resolved), else
    // "healthy".
    QString state = QStringLiteral("healthy");
};

// What an as-of query rebuilds (bits; the views ask only for what they show).
enum AsOfPart : unsigned {
    AsOfCounts = 1u, // alert counts, window counts, risk, top entities
    AsOfIncidents = 2u, // the incident list replayed from the audit trail
    AsOfChains = 4u, // chain nodes from chain history
    AsOfAll = 7u,
};

// The store as it was at `at` (docs/timeline.md, "As-of replay").
struct AsOfSnapshot
{
    Core::TimestampMs at = 0;
    unsigned parts = AsOfAll; // which parts below were rebuilt
    qint64 alerts = 0; // alerts with ts <= at
    std::array<qint64, Core::kSeverityCount> bySeverity {}; // of those
    QMap<QString, qint64> byCategory;
    qint64 windowAlerts = 0; // in the 24 h ending at `at`
    qint64 windowHighPlus = 0; // high + critical of those
    double risk = 0; // last risk_history sample <= at
    qint64 quarantined = 0; // quarantine records received <= at
    // Entities with the most alert weight in the 24 h ending at `at` (hourly entity roll-up,
    // decayed to `at` as the risk model does); alerts, worst severity, risk 0-100 per entity.
    QList<EntityRisk> topEntities;
    QList<IncidentRow> incidents; // as they were, newest activity first
    QMap<QString, qint64> incidentsByStatus; // status word -> count, plus "open"
    QList<AsOfChainNode> chains; // by chain, node
};

inline constexpr Core::TimestampMs kAsOfWindowMs = 24 * 3600 * 1000;

// Replays one audit entry onto an incident's state (pure; used by the store and by tests).
// Status, pending close, owner, tags and the severity override change; alerts, times and
// automatic severity do not.
void applyAuditEntry(IncidentRow &incident, const AuditEntry &entry);
// The incident ids named in a merge entry's old value ("#3, #4").
QList<Core::IncidentId> mergedIncidentIds(const AuditEntry &entry);

} // namespace Lakeguard::Storage

Q_DECLARE_METATYPE(Lakeguard::Storage::TimelineData)
Q_DECLARE_METATYPE(Lakeguard::Storage::AsOfSnapshot)
