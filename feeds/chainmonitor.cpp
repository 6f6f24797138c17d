// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "chainmonitor.h"

#include "feedconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

using Core::Alert;
using Core::Severity;
using Core::TimestampMs;

namespace {

constexpr int kSeenKept = 64; // heights remembered per node (reorg depth limit)
constexpr int kReorgWindow = 32; // heights re-fetched when a head does not extend
constexpr qint64 kHistoryEveryMs = 60'000;

const QString kNodeDown = u"chain.node_down"_s;
const QString kNodeUp = u"chain.node_up"_s;
const QString kStall = u"chain.stall"_s;
const QString kLag = u"chain.lag"_s;
const QString kFork = u"chain.fork"_s;
const QString kReorg = u"chain.reorg"_s;
const QString kMismatch = u"chain.chain_id_mismatch"_s;
const QString kLargeTransfer = u"chain.large_transfer"_s;

QString conditionKey(const QString &rule, const QString &node)
{
    return rule + u'\x1f' + node;
}

QString shortHash(const QString &hash)
{
    return hash.size() > 12 ? hash.left(10) + u"…"_s : hash;
}

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1);
}

} // namespace

ChainMonitorConfig ChainMonitorConfig::fromFeed(const FeedConfig &feed)
{
    const QJsonObject &s = feed.settings;
    ChainMonitorConfig c;
    c.feed = feed.id;
    c.chain = s.value(u"chain"_s).toString(feed.id);
    c.kind = s.value(u"kind"_s).toString(u"eth"_s);
    if (s.value(u"chain_id"_s).isDouble()) {
        c.expectedChainId = QString::number(s.value(u"chain_id"_s).toInteger());
    } else {
        c.expectedChainId = s.value(u"chain_id"_s).toString();
    }
    c.expectedBlockMs = qint64(s.value(u"expected_block_s"_s).toDouble(12) * 1000);
    c.stallFactor = s.value(u"stall_factor"_s).toDouble(5);
    c.lagBlocks = s.value(u"lag_blocks"_s).toInteger(5);
    for (const QJsonValue w : s.value(u"watch"_s).toArray()) {
        const QJsonObject o = w.toObject();
        const QJsonValue min = o.value(u"min_value_eth"_s);
        // JSON numbers print in their shortest form ("0.1"), so no binary fraction leaks in.
        const QString text = min.isString()
            ? min.toString()
            : QString::number(min.toDouble(), 'g', QLocale::FloatingPointShortest);
        const std::optional<Uint256> wei = Uint256::fromEther(text);
        c.watch.append({ o.value(u"address"_s).toString().toLower(), wei.value_or(Uint256()) });
    }
    return c;
}

ChainMonitor::ChainMonitor(ChainMonitorConfig config)
    : m_config(std::move(config))
{
    if (m_config.chain.isEmpty()) {
        m_config.chain = m_config.feed;
    }
}

// Nodes that are up and on the expected chain; the expected id is the configured one, else the
// one most nodes report (ties: the first node's in configuration order).
QStringList ChainMonitor::goodNodes(const QList<NodeSample> &samples, QString *expectedId) const
{
    QString expected = m_config.expectedChainId;
    if (expected.isEmpty()) {
        QHash<QString, int> votes;
        int bestVotes = 0;
        for (const NodeSample &s : samples) {
            if (s.up && !s.chainId.isEmpty()) {
                bestVotes = std::max(bestVotes, ++votes[s.chainId]);
            }
        }
        for (const NodeSample &s : samples) {
            if (s.up && votes.value(s.chainId) == bestVotes && !s.chainId.isEmpty()) {
                expected = s.chainId;
                break;
            }
        }
    }
    if (expectedId) {
        *expectedId = expected;
    }
    QStringList good;
    for (const NodeSample &s : samples) {
        if (s.up && s.height >= 0
            && (expected.isEmpty() || s.chainId.isEmpty() || s.chainId == expected)) {
            good.append(s.node);
        }
    }
    return good;
}

qint64 ChainMonitor::commonHeight(const QList<NodeSample> &samples, const QStringList &good) const
{
    qint64 common = -1;
    for (const NodeSample &s : samples) {
        if (good.contains(s.node)) {
            common = common < 0 ? s.height : std::min(common, s.height);
        }
    }
    return common;
}

QMap<QString, QList<qint64>> ChainMonitor::heightsWanted(const QList<NodeSample> &samples) const
{
    QMap<QString, QList<qint64>> wanted;
    const QStringList good = goodNodes(samples, nullptr);
    const qint64 common = commonHeight(samples, good);
    for (const NodeSample &s : samples) {
        if (!good.contains(s.node) || s.hash.isEmpty()) {
            continue;
        }
        QList<qint64> heights;
        if (good.size() > 1 && s.height > common) {
            heights.append(common);
        }
        const auto it = m_nodes.constFind(s.node);
        if (it != m_nodes.cend() && !it->seen.isEmpty()) {
            const QMap<qint64, QString> &seen = it->seen;
            const qint64 maxSeen = seen.lastKey();
            const bool extends = s.height == maxSeen + 1 && seen.value(maxSeen) == s.parentHash;
            const bool same = s.height == maxSeen && seen.value(maxSeen) == s.hash;
            if (!extends && !same) {
                const qint64 top = std::min(s.height, maxSeen);
                for (qint64 k = top; k >= std::max(seen.firstKey(), top - kReorgWindow + 1); --k) {
                    if (k != s.height && seen.contains(k) && !heights.contains(k)) {
                        heights.append(k);
                    }
                }
            }
        }
        if (!heights.isEmpty()) {
            wanted.insert(s.node, heights);
        }
    }
    return wanted;
}

Alert ChainMonitor::makeAlert(const QString &rule, Severity severity, const QString &entity,
    const QString &title, const QString &message, const QJsonObject &raw, TimestampMs ts) const
{
    Alert a;
    a.ts = ts;
    a.received = Core::nowMs();
    a.feed = m_config.feed;
    a.source = u"chain"_s;
    a.severity = severity;
    a.category = Core::Category::Chain;
    a.rule = rule;
    a.title = title;
    a.message = message;
    a.entity = entity;
    QJsonObject r = raw;
    r.insert(u"chain"_s, m_config.chain);
    r.insert(u"rule"_s, rule);
    a.raw = QJsonDocument(r).toJson(QJsonDocument::Compact);
    return a;
}

bool ChainMonitor::isActive(const QString &rule, const QString &node) const
{
    return m_active.contains(conditionKey(rule, node));
}

void ChainMonitor::raise(const QString &rule, const QString &node, Severity severity,
    const QString &entity, const QString &title, const QString &message, QJsonObject raw,
    TimestampMs now, QList<Alert> &out)
{
    const QString key = conditionKey(rule, node);
    if (m_active.contains(key)) {
        return;
    }
    raw.insert(u"since"_s, Core::formatIsoTimestamp(now));
    Alert a = makeAlert(rule, severity, entity, title, message, raw, now);
    a.state = u"active"_s;
    a.stateSince = now;
    a.fingerprint = Core::fingerprintOf(u"chain",
        (m_config.chain + u'\x1f' + node + u'\x1f' + rule + u'\x1f' + QString::number(now))
            .toUtf8());
    m_active.insert(key, { now, a });
    out.append(a);
}

void ChainMonitor::clear(
    const QString &rule, const QString &node, TimestampMs now, QList<Alert> &out)
{
    const auto it = m_active.constFind(conditionKey(rule, node));
    if (it == m_active.cend()) {
        return;
    }
    Alert a = it->alert;
    a.ts = now;
    a.received = Core::nowMs();
    a.state = u"resolved"_s;
    a.stateSince = now;
    a.severity = Severity::Info;
    a.message = u"Resolved after %1 s: %2"_s.arg(seconds(now - it->since), a.message);
    QJsonObject raw = QJsonDocument::fromJson(a.raw).object();
    raw.insert(u"resolved"_s, Core::formatIsoTimestamp(now));
    a.raw = QJsonDocument(raw).toJson(QJsonDocument::Compact);
    m_active.erase(it);
    out.append(a);
}

bool ChainMonitor::forkActive() const
{
    return isActive(kFork, QString());
}

void ChainMonitor::checkReorg(
    NodeTrack &track, const NodeSample &s, TimestampMs now, QList<Alert> &out)
{
    if (s.hash.isEmpty()) {
        return;
    }
    QMap<qint64, QString> &seen = track.seen;
    if (!seen.isEmpty()) {
        const qint64 maxSeen = seen.lastKey();
        const qint64 top = std::min(s.height, maxSeen);
        qint64 changedLowest = -1;
        for (qint64 k = top; seen.contains(k); --k) {
            const QString now_ = k == s.height ? s.hash : s.hashesAt.value(k);
            if (now_.isEmpty() || now_ == seen.value(k)) {
                break;
            }
            changedLowest = k;
        }
        qint64 depth = 0;
        qint64 from = -1;
        if (changedLowest >= 0) {
            depth = maxSeen - changedLowest + 1;
            from = changedLowest;
        } else if (s.height < maxSeen) {
            depth = maxSeen - s.height; // blocks removed (a rollback) with the rest intact
            from = s.height + 1;
        }
        if (depth > 0) {
            QJsonObject raw { { u"node"_s, s.node }, { u"height"_s, from }, { u"depth"_s, depth },
                { u"old_hash"_s, seen.value(from) },
                { u"new_hash"_s, from == s.height ? s.hash : s.hashesAt.value(from) },
                { u"old_head"_s, maxSeen }, { u"new_head"_s, s.height },
                { u"new_head_hash"_s, s.hash } };
            Alert a = makeAlert(kReorg, depth >= 2 ? Severity::High : Severity::Medium, s.node,
                u"Chain reorganisation of %1 block(s) on %2"_s.arg(depth).arg(s.node),
                u"%1 replaced its blocks from height %2 (%3 → %4); head now %5 at %6"_s.arg(s.node)
                    .arg(from)
                    .arg(shortHash(raw.value(u"old_hash"_s).toString()),
                        shortHash(raw.value(u"new_hash"_s).toString()))
                    .arg(s.height)
                    .arg(shortHash(s.hash)),
                raw, now);
            a.fingerprint = Core::fingerprintOf(u"chain",
                (m_config.chain + u'\x1f' + s.node + u'\x1f' + kReorg + u'\x1f'
                    + QString::number(s.height) + u'\x1f' + s.hash)
                    .toUtf8());
            out.append(a);
        }
        seen.erase(seen.upperBound(s.height), seen.end());
    }
    for (auto it = s.hashesAt.cbegin(); it != s.hashesAt.cend(); ++it) {
        if (!it.value().isEmpty() && it.key() <= s.height) {
            seen.insert(it.key(), it.value());
        }
    }
    seen.insert(s.height, s.hash);
    if (!s.parentHash.isEmpty() && s.height > 0) {
        seen.insert(s.height - 1, s.parentHash);
    }
    while (seen.size() > kSeenKept) {
        seen.erase(seen.begin());
    }
}

ChainMonitor::Outcome ChainMonitor::evaluate(const QList<NodeSample> &samples, TimestampMs now)
{
    Outcome out;
    QString expectedId;
    const QStringList good = goodNodes(samples, &expectedId);

    // Down and up (paired): node_down is a lasting condition; its recovery also raises node_up.
    for (const NodeSample &s : samples) {
        NodeTrack &t = m_nodes[s.node];
        if (!s.up) {
            raise(kNodeDown, s.node, Severity::High, s.node, u"Chain node %1 is down"_s.arg(s.node),
                u"%1 does not answer: %2"_s.arg(s.node, s.error),
                QJsonObject { { u"node"_s, s.node }, { u"error"_s, s.error } }, now, out.alerts);
            continue;
        }
        if (isActive(kNodeDown, s.node)) {
            // Back from down: what it reports now is the new baseline (a restarted node may
            // have lost or rebuilt blocks; that is lag, not a reorg).
            t.seen.clear();
            const TimestampMs since = m_active.value(conditionKey(kNodeDown, s.node)).since;
            clear(kNodeDown, s.node, now, out.alerts);
            Alert up = makeAlert(kNodeUp, Severity::Info, s.node,
                u"Chain node %1 is up again"_s.arg(s.node),
                u"%1 answers again at height %2 after %3 s down"_s.arg(s.node).arg(s.height).arg(
                    seconds(now - since)),
                QJsonObject { { u"node"_s, s.node }, { u"height"_s, s.height },
                    { u"down_since"_s, Core::formatIsoTimestamp(since) } },
                now);
            up.fingerprint = Core::fingerprintOf(u"chain",
                (m_config.chain + u'\x1f' + s.node + u'\x1f' + kNodeUp + u'\x1f'
                    + QString::number(now))
                    .toUtf8());
            out.alerts.append(up);
        }
        // Chain id mismatch.
        if (!expectedId.isEmpty() && !s.chainId.isEmpty() && s.chainId != expectedId) {
            raise(kMismatch, s.node, Severity::High, s.node,
                u"Chain id mismatch on %1"_s.arg(s.node),
                u"%1 reports chain id %2, expected %3"_s.arg(s.node, s.chainId, expectedId),
                QJsonObject { { u"node"_s, s.node }, { u"chain_id"_s, s.chainId },
                    { u"expected"_s, expectedId } },
                now, out.alerts);
        } else {
            clear(kMismatch, s.node, now, out.alerts);
        }
        // Progress (height, or a PBFT view that moves) and stall.
        if (!t.known || s.height > t.lastHeight || (s.view >= 0 && s.view != t.lastView)
            || s.height < t.lastHeight) {
            t.lastProgress = now;
        }
        if (good.contains(s.node)) {
            checkReorg(t, s, now, out.alerts);
        }
        t.known = true;
        t.lastHeight = s.height;
        t.lastView = s.view;
        t.last = s;
        const qint64 still = now - t.lastProgress;
        if (still > m_config.stallAfterMs()) {
            raise(kStall, s.node, Severity::High, s.node,
                u"Chain node %1 stalled at height %2"_s.arg(s.node).arg(s.height),
                u"No new block on %1 for %2 s (expected one every %3 s); head %4"_s.arg(s.node).arg(
                    seconds(still), seconds(m_config.expectedBlockMs), shortHash(s.hash)),
                QJsonObject { { u"node"_s, s.node }, { u"height"_s, s.height },
                    { u"hash"_s, s.hash }, { u"view"_s, s.view } },
                now, out.alerts);
        } else {
            clear(kStall, s.node, now, out.alerts);
        }
    }

    // Best height and lag among the nodes of the expected chain.
    qint64 best = -1;
    for (const NodeSample &s : samples) {
        if (good.contains(s.node) && s.height > best) {
            best = s.height;
            m_bestNode = s.node;
        }
    }
    if (best >= 0) {
        m_best = best;
        if (m_scanned < 0) {
            m_scanned = best; // large transfers: from now on, not the chain's history
        }
    }
    for (const NodeSample &s : samples) {
        if (!good.contains(s.node)) {
            continue;
        }
        const qint64 lag = best - s.height;
        if (lag > m_config.lagBlocks) {
            raise(kLag, s.node, lag > 10 * m_config.lagBlocks ? Severity::High : Severity::Medium,
                s.node, u"Chain node %1 lags %2 blocks behind"_s.arg(s.node).arg(lag),
                u"%1 is at height %2, the best node (%3) at %4; threshold %5 blocks"_s.arg(s.node)
                    .arg(s.height)
                    .arg(m_bestNode)
                    .arg(best)
                    .arg(m_config.lagBlocks),
                QJsonObject { { u"node"_s, s.node }, { u"height"_s, s.height }, { u"best"_s, best },
                    { u"lag"_s, lag } },
                now, out.alerts);
        } else {
            clear(kLag, s.node, now, out.alerts);
        }
    }

    // Fork: different hashes at the common height.
    const qint64 common = commonHeight(samples, good);
    QMap<QString, QStringList> groups; // hash → nodes
    QStringList order;
    for (const NodeSample &s : samples) {
        if (!good.contains(s.node) || s.hash.isEmpty()) {
            continue;
        }
        const QString h = s.height == common ? s.hash : s.hashesAt.value(common);
        if (h.isEmpty()) {
            continue;
        }
        if (!groups.contains(h)) {
            order.append(h);
        }
        groups[h].append(s.node);
    }
    QSet<QString> forked;
    if (groups.size() > 1) {
        // The side most nodes follow is the main one (ties: the first node's).
        QString main = order.first();
        for (const QString &h : std::as_const(order)) {
            if (groups.value(h).size() > groups.value(main).size()) {
                main = h;
            }
        }
        QJsonArray branches;
        QStringList minority;
        QStringList parts;
        for (const QString &h : std::as_const(order)) {
            branches.append(QJsonObject {
                { u"hash"_s, h }, { u"nodes"_s, QJsonArray::fromStringList(groups.value(h)) } });
            if (h != main) {
                minority += groups.value(h);
            }
            parts.append(u"%1 (%2)"_s.arg(shortHash(h), groups.value(h).join(u", "_s)));
            for (const QString &n : groups.value(h)) {
                forked.insert(n);
            }
        }
        raise(kFork, QString(), Severity::Critical, minority.join(u", "_s),
            u"Chain %1 forked at height %2"_s.arg(m_config.chain).arg(common),
            u"Nodes disagree on block %1: %2"_s.arg(common).arg(parts.join(u"; "_s)),
            QJsonObject {
                { u"height"_s, common }, { u"branches"_s, branches }, { u"main_hash"_s, main } },
            now, out.alerts);
    } else if (groups.size() == 1 && good.size() > 1) {
        clear(kFork, QString(), now, out.alerts);
    }
    if (forkActive() && forked.isEmpty()) {
        // Still active but this round could not compare (a node down): keep the marking.
        const QJsonObject raw
            = QJsonDocument::fromJson(m_active.value(conditionKey(kFork, QString())).alert.raw)
                  .object();
        for (const QJsonValue b : raw.value(u"branches"_s).toArray()) {
            for (const QJsonValue n : b.toObject().value(u"nodes"_s).toArray()) {
                forked.insert(n.toString());
            }
        }
    }

    // Observations.
    for (const NodeSample &s : samples) {
        NodeTrack &t = m_nodes[s.node];
        const NodeSample &v = s.up ? s : t.last;
        Core::ChainObservation o;
        o.chain = m_config.chain;
        o.node = s.node;
        o.kind = m_config.kind;
        o.height = v.height;
        o.headHash = v.hash;
        o.parentHash = v.parentHash;
        o.blockTime = v.blockTime;
        o.observed = now;
        o.peers = s.up ? s.peers : -1;
        o.syncing = s.up && s.syncing;
        o.syncCurrent = s.syncCurrent;
        o.syncHighest = s.syncHighest;
        o.latencyMs = s.up ? s.latencyMs : -1;
        o.chainId = v.chainId;
        o.clientVersion = v.clientVersion;
        o.txCount = v.txCount;
        o.gasPriceWei = s.gasPriceWei;
        o.pending = s.pending;
        o.queued = s.queued;
        o.view = v.view;
        o.error = s.up ? QString() : s.error;
        o.lag = (good.contains(s.node) && best >= 0) ? best - s.height : 0;
        if (!s.up) {
            o.state = u"down"_s;
        } else if (isActive(kMismatch, s.node)) {
            o.state = u"mismatch"_s;
        } else if (forked.contains(s.node)) {
            o.state = u"forked"_s;
        } else if (isActive(kStall, s.node)) {
            o.state = u"stalled"_s;
        } else if (isActive(kLag, s.node)) {
            o.state = u"lagging"_s;
        } else if (s.syncing) {
            o.state = u"syncing"_s;
        } else {
            o.state = u"healthy"_s;
        }
        o.history = o.height != t.lastHistoryHeight || o.state != t.lastState
            || now - t.lastHistory >= kHistoryEveryMs;
        if (o.history) {
            t.lastHistory = now;
            t.lastHistoryHeight = o.height;
        }
        t.lastState = o.state;
        out.observations.append(o);
    }
    return out;
}

QList<qint64> ChainMonitor::blocksToScan(QString *node, int limit) const
{
    QList<qint64> heights;
    if (m_config.watch.isEmpty() || m_best < 0 || m_scanned < 0) {
        return heights;
    }
    for (qint64 h = m_scanned + 1; h <= m_best && heights.size() < limit; ++h) {
        heights.append(h);
    }
    if (node) {
        *node = m_bestNode;
    }
    return heights;
}

void ChainMonitor::markScanned(qint64 height)
{
    m_scanned = std::max(m_scanned, height);
}

QList<Alert> ChainMonitor::scanBlock(
    const QJsonObject &block, const QString &node, TimestampMs now) const
{
    QList<Alert> alerts;
    const qint64 number = hexQuantity(block.value(u"number"_s).toString());
    const qint64 ts = hexQuantity(block.value(u"timestamp"_s).toString());
    for (const QJsonValue v : block.value(u"transactions"_s).toArray()) {
        const QJsonObject tx = v.toObject();
        const QString from = tx.value(u"from"_s).toString().toLower();
        const QString to = tx.value(u"to"_s).toString().toLower();
        const std::optional<Uint256> value = Uint256::fromHex(tx.value(u"value"_s).toString());
        if (!value) {
            continue;
        }
        for (const WatchedAddress &w : m_config.watch) {
            if ((from != w.address && to != w.address) || *value < w.minWei) {
                continue;
            }
            const bool outgoing = from == w.address;
            const QString txHash = tx.value(u"hash"_s).toString();
            QJsonObject raw { { u"node"_s, node }, { u"block"_s, number },
                { u"block_hash"_s, block.value(u"hash"_s).toString() }, { u"tx"_s, txHash },
                { u"from"_s, from }, { u"to"_s, to }, { u"value_wei"_s, value->toDecimal() },
                { u"value_eth"_s, value->toEther() }, { u"min_value_wei"_s, w.minWei.toDecimal() },
                { u"direction"_s, outgoing ? u"out"_s : u"in"_s } };
            Alert a = makeAlert(kLargeTransfer, Severity::High, w.address,
                u"Large transfer of %1 ETH %2 %3"_s.arg(
                    value->toEther(), outgoing ? u"from"_s : u"to"_s, w.address),
                u"Transaction %1 in block %2 moves %3 ETH from %4 to %5"_s.arg(txHash)
                    .arg(number)
                    .arg(value->toEther(), from, to.isEmpty() ? u"(contract creation)"_s : to),
                raw, ts > 0 ? ts * 1000 : now);
            a.fingerprint = Core::fingerprintOf(u"chain",
                (m_config.chain + u'\x1f' + kLargeTransfer + u'\x1f' + txHash + u'\x1f' + w.address)
                    .toUtf8());
            alerts.append(a);
        }
    }
    return alerts;
}

QByteArray ChainMonitor::saveState() const
{
    QJsonArray active;
    for (auto it = m_active.cbegin(); it != m_active.cend(); ++it) {
        const Alert &a = it->alert;
        active.append(QJsonObject { { u"key"_s, it.key() }, { u"since"_s, it->since },
            { u"rule"_s, a.rule }, { u"severity"_s, Core::severityName(a.severity) },
            { u"title"_s, a.title }, { u"message"_s, a.message }, { u"entity"_s, a.entity },
            { u"fingerprint"_s, QString::fromLatin1(a.fingerprint.toHex()) },
            { u"raw"_s, QString::fromUtf8(a.raw) } });
    }
    return QJsonDocument(QJsonObject { { u"active"_s, active }, { u"scanned"_s, m_scanned } })
        .toJson(QJsonDocument::Compact);
}

void ChainMonitor::restoreState(const QByteArray &bytes)
{
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    for (const QJsonValue v : o.value(u"active"_s).toArray()) {
        const QJsonObject c = v.toObject();
        Alert a = makeAlert(c.value(u"rule"_s).toString(),
            Core::severityFromName(c.value(u"severity"_s).toString()).value_or(Severity::Medium),
            c.value(u"entity"_s).toString(), c.value(u"title"_s).toString(),
            c.value(u"message"_s).toString(), {}, c.value(u"since"_s).toInteger());
        a.raw = c.value(u"raw"_s).toString().toUtf8();
        a.fingerprint = QByteArray::fromHex(c.value(u"fingerprint"_s).toString().toLatin1());
        a.state = u"active"_s;
        m_active.insert(c.value(u"key"_s).toString(), { c.value(u"since"_s).toInteger(), a });
    }
    m_scanned = o.value(u"scanned"_s).toInteger(-1);
}

} // namespace Lakeguard::Feeds
