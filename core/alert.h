// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "severity.h"
#include "timeutil.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Lakeguard::Core {

// Strong id types (STYLE.md 11): an alert id is never mixed up with an incident id.
struct AlertId
{
    qint64 value = 0;
    friend bool operator==(AlertId, AlertId) = default;
    friend auto operator<=>(AlertId, AlertId) = default;
};

struct IncidentId
{
    qint64 value = 0;
    friend bool operator==(IncidentId, IncidentId) = default;
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted operator.
    friend auto operator<=>(IncidentId, IncidentId) = default;
};

// The normalised alert of CONTRACT.md. Every text field comes from outside and is untrusted.
struct Alert
{
    AlertId id;                 // 0 until stored
    TimestampMs ts = 0;         // event time, UTC ms
    TimestampMs received = 0;   // when Lakeguard read it, UTC ms
    QString feed;               // feed id
    QString source;             // eve, wazuh, cef, syslog, alertmanager, jsonl, chain, demo
    Severity severity = Severity::Medium;
    Category category = Category::Other;
    QString rule;               // stable rule id, e.g. "eve:2100498"
    QString title;
    QString message;
    QString entity;             // account, host or address it concerns
    QString srcIp;
    QString dstIp;
    QByteArray fingerprint;     // 32 raw bytes (SHA-256); shown as hex
    // True when the fingerprint covers what the event time was read from, so that two alerts
    // with one fingerprint have one time: the SQLite store then finds a duplicate by
    // (ts, fingerprint), an index that grows at its end. False (the default, always safe): the
    // fingerprint names the event apart from its time (a source's own id; a record whose time
    // came from when it was read, or lacks a year): the store finds a duplicate by the
    // fingerprint alone (docs/store.md, "Dedup").
    bool fingerprintCoversTime = false;
    std::optional<IncidentId> incident;
    std::optional<qint64> suppressedBy;   // the suppression rule that marked it (docs/incidents.md)
    QByteArray raw;             // the source record, byte for byte
    // Lifecycle a source reports for this alert ("firing", "resolved" from Alertmanager); empty
    // for sources without one. Not part of the fingerprint: a resolved notification dedups
    // against its firing one until the store turns it into an update.
    QString state;
    // When the source says `state` began (Alertmanager's endsAt for "resolved"); 0: when received.
    TimestampMs stateSince = 0;

    // The contract's JSON shape (`raw` as parsed JSON when it is JSON, else as a string), plus
    // `state` when the source reports a lifecycle.
    QJsonObject toJson() const;
};

// A change of a stored alert's lifecycle state, as its source reported it (firing → resolved).
struct AlertEvent
{
    qint64 id = 0;
    AlertId alert;
    TimestampMs ts = 0;        // when the source says it happened
    TimestampMs received = 0;
    QString feed;
    QString state;
    QString message;
    QByteArray raw;

    QJsonObject toJson() const;
};

// A record that could not be normalised: kept with the reason and its bytes, never dropped.
struct Quarantined
{
    QString feed;
    QString source;
    QString reason;
    QByteArray raw;
    TimestampMs received = 0;
};

// Latest state of one blockchain node as a monitor observed it.
struct ChainObservation
{
    QString chain;              // chain id or name
    QString node;               // node name or URL
    qint64 height = -1;         // block number; -1 unknown
    QString headHash;           // 0x…
    TimestampMs blockTime = 0;  // timestamp of the head block
    TimestampMs observed = 0;   // when the observation was made
    int peers = -1;             // -1: the node does not tell (shown as n/a)
    bool syncing = false;
    qint64 lag = 0;             // blocks behind the best node of the chain
    QString state;              // healthy, syncing, lagging, stalled, forked, mismatch, down
    int latencyMs = -1;
    // Details a monitor may know (stored together as JSON in chain_status.details).
    QString kind;               // eth, fisco, fabric; empty for the demo
    QString chainId;            // what the node reports (eth_chainId as decimal, Fabric channel, …)
    QString clientVersion;
    QString parentHash;
    int txCount = -1;           // transactions in the head block
    QString gasPriceWei;        // decimal wei; empty when unknown
    qint64 pending = -1;        // tx pool; -1 when not offered
    qint64 queued = -1;
    qint64 syncCurrent = -1;    // while syncing: current and highest block
    qint64 syncHighest = -1;
    qint64 view = -1;           // PBFT view (FISCO BCOS)
    QString error;              // why the node is down
    // Whether this observation also goes into chain_history (the feed keeps history compact:
    // a row when the height moves, else one a minute).
    bool history = true;

    QJsonObject toJson() const;
    QJsonObject detailsJson() const;
    void setDetails(const QJsonObject &details);
};

// Fingerprint over a source tag and a canonical form of the record (for JSON: the compact
// re-serialisation with sorted keys), so the same record seen twice dedups.
QByteArray fingerprintOf(QStringView source, const QByteArray &canonical);

} // namespace Lakeguard::Core

Q_DECLARE_METATYPE(Lakeguard::Core::Alert)
Q_DECLARE_METATYPE(Lakeguard::Core::ChainObservation)
