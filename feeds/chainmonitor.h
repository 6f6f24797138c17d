// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"
#include "ethrpcquantity.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace Lakeguard::Feeds {

struct FeedConfig;

struct WatchedAddress
{
    QString address; // lower-case 0x…
    Uint256 minWei;
};

// The thresholds of one chain feed (FEEDS.json, docs/chains.md).
struct ChainMonitorConfig
{
    QString feed; // feed id, also the chain name unless "chain" is given
    QString chain;
    QString kind = QStringLiteral("eth");
    QString expectedChainId; // empty: the majority of the nodes decides
    qint64 expectedBlockMs = 12'000;
    double stallFactor = 5;
    qint64 lagBlocks = 5;
    QList<WatchedAddress> watch;

    qint64 stallAfterMs() const { return qint64(stallFactor * double(expectedBlockMs)); }
    static ChainMonitorConfig fromFeed(const FeedConfig &config);
};

// What one poll of one node found (adapters for Ethereum, FISCO BCOS and Fabric fill it).
struct NodeSample
{
    QString node;
    bool up = false;
    QString error;
    Core::TimestampMs observed = 0;
    int latencyMs = -1;
    QString chainId;
    QString clientVersion;
    qint64 height = -1;
    QString hash; // empty when the chain has no hashes to offer (Fabric)
    QString parentHash;
    Core::TimestampMs blockTime = 0;
    int txCount = -1;
    int peers = -1; // -1: not offered ("n/a")
    bool syncing = false;
    qint64 syncCurrent = -1;
    qint64 syncHighest = -1;
    qint64 pending = -1;
    qint64 queued = -1;
    QString gasPriceWei;
    qint64 view = -1; // PBFT view; a moving view counts as progress
    QMap<qint64, QString> hashesAt; // block hashes fetched at the heights the monitor asked for
};

// The cross-node rules of docs/chains.md as pure logic: fed one round of samples at a time, it
// returns the alerts to store and the observations to show. A lasting condition (node down,
// stall, lag, fork, chain id mismatch) is one alert: fingerprint over (chain, node, rule, start),
// state "active"; when it clears the same fingerprint is sent again with state "resolved".
// Not thread-safe; lives with its feed.
class ChainMonitor
{
public:
    explicit ChainMonitor(ChainMonitorConfig config);

    const ChainMonitorConfig &config() const { return m_config; }

    // Per node, the heights whose block hashes the next evaluate() needs: the common height of
    // the chain (fork check) and, when the head does not extend what the node said before, the
    // heights it reported recently (reorg depth).
    QMap<QString, QList<qint64>> heightsWanted(const QList<NodeSample> &samples) const;

    struct Outcome
    {
        QList<Core::Alert> alerts;
        QList<Core::ChainObservation> observations;
    };
    Outcome evaluate(const QList<NodeSample> &samples, Core::TimestampMs now);

    // Blocks to fetch with full transactions for the large-transfer rule: heights after the last
    // scanned one up to the best height (at most `limit`), from `*node`. Empty without watches.
    QList<qint64> blocksToScan(QString *node, int limit = 16) const;
    void markScanned(qint64 height);
    // Large transfers in one block (eth_getBlockByNumber(n, true)); wei compared as integers.
    QList<Core::Alert> scanBlock(
        const QJsonObject &block, const QString &node, Core::TimestampMs now) const;

    qint64 bestHeight() const { return m_best; }
    bool forkActive() const;

    // Active conditions as JSON (kept as the feed's cursor) so that a restart resolves them.
    QByteArray saveState() const;
    void restoreState(const QByteArray &bytes);

private:
    struct NodeTrack
    {
        QMap<qint64, QString> seen; // height → hash it reported (recent ones)
        qint64 lastHeight = -1;
        qint64 lastView = -1;
        Core::TimestampMs lastProgress = 0;
        Core::TimestampMs lastHistory = 0;
        qint64 lastHistoryHeight = -1;
        QString lastState;
        NodeSample last; // last sample that was up
        bool known = false;
    };
    struct Condition
    {
        Core::TimestampMs since = 0;
        Core::Alert alert;
    };

    QStringList goodNodes(const QList<NodeSample> &samples, QString *expectedId) const;
    qint64 commonHeight(const QList<NodeSample> &samples, const QStringList &good) const;
    Core::Alert makeAlert(const QString &rule, Core::Severity severity, const QString &entity,
        const QString &title, const QString &message, const QJsonObject &raw,
        Core::TimestampMs ts) const;
    // Raises `rule` for `node` unless already active; returns true when a new alert was made.
    void raise(const QString &rule, const QString &node, Core::Severity severity,
        const QString &entity, const QString &title, const QString &message, QJsonObject raw,
        Core::TimestampMs now, QList<Core::Alert> &out);
    void clear(
        const QString &rule, const QString &node, Core::TimestampMs now, QList<Core::Alert> &out);
    bool isActive(const QString &rule, const QString &node) const;
    void checkReorg(
        NodeTrack &track, const NodeSample &s, Core::TimestampMs now, QList<Core::Alert> &out);

    ChainMonitorConfig m_config;
    QHash<QString, NodeTrack> m_nodes;
    QHash<QString, Condition> m_active; // key: rule \x1f node ("" for chain-wide)
    qint64 m_best = -1;
    QString m_bestNode;
    qint64 m_scanned = -1;
};

} // namespace Lakeguard::Feeds
