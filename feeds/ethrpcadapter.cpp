// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ethrpcadapter.h"

#include <QJsonDocument>

#include <limits>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds::EthRpc {

namespace {

enum Id : qint64 { ChainId = 1, Client, Latest, Peers, Syncing, TxPool, GasPrice };

// No chain is anywhere near 2^48 blocks (9,000 years at one block a millisecond): a head beyond
// it is a broken or hostile node, and heights near 2^63 would overflow the monitor's arithmetic.
constexpr qint64 kMaxPlausibleHeight = qint64(1) << 48;
// Block timestamps in seconds that still fit in milliseconds (qint64).
constexpr qint64 kMaxTimestampS = std::numeric_limits<qint64>::max() / 1000;

QJsonObject call(qint64 id, const QString &method, const QJsonArray &params = {})
{
    return QJsonObject { { u"jsonrpc"_s, u"2.0"_s }, { u"id"_s, id }, { u"method"_s, method },
        { u"params"_s, params } };
}

QJsonValue result(const Responses &r, qint64 id)
{
    return r.value(id).value(u"result"_s);
}

} // namespace

QString hexHeight(qint64 height)
{
    return u"0x"_s + QString::number(height, 16);
}

QJsonArray roundRequests()
{
    return QJsonArray { call(ChainId, u"eth_chainId"_s), call(Client, u"web3_clientVersion"_s),
        call(Latest, u"eth_getBlockByNumber"_s, { u"latest"_s, false }),
        call(Peers, u"net_peerCount"_s), call(Syncing, u"eth_syncing"_s),
        call(TxPool, u"txpool_status"_s), call(GasPrice, u"eth_gasPrice"_s) };
}

bool parseRound(const Responses &r, NodeSample &s)
{
    const QJsonObject block = result(r, Latest).toObject();
    if (block.isEmpty()) {
        const QJsonObject err = r.value(Latest).value(u"error"_s).toObject();
        s.error = err.isEmpty()
            ? u"no latest block in the answer"_s
            : u"eth_getBlockByNumber: %1"_s.arg(err.value(u"message"_s).toString());
        return false;
    }
    s.height = hexQuantity(block.value(u"number"_s).toString());
    s.hash = block.value(u"hash"_s).toString().toLower();
    s.parentHash = block.value(u"parentHash"_s).toString().toLower();
    const qint64 ts = hexQuantity(block.value(u"timestamp"_s).toString());
    s.blockTime = ts >= 0 && ts <= kMaxTimestampS ? ts * 1000 : 0;
    s.txCount = int(block.value(u"transactions"_s).toArray().size());
    if (s.height < 0 || s.hash.isEmpty()) {
        s.error = u"the latest block has no number or hash"_s;
        s.height = -1;
        return false;
    }
    if (s.height > kMaxPlausibleHeight) {
        s.error = u"implausible block number %1"_s.arg(s.height);
        s.height = -1;
        return false;
    }
    if (const std::optional<Uint256> id = Uint256::fromHex(result(r, ChainId).toString())) {
        s.chainId = id->toDecimal();
    }
    s.clientVersion = result(r, Client).toString();
    // net_peerCount: "method not found" (anvil, some gateways) means the node does not tell.
    const QJsonValue peers = result(r, Peers);
    s.peers = peers.isString() ? int(hexQuantity(peers.toString())) : -1;
    const QJsonValue syncing = result(r, Syncing);
    if (syncing.isObject()) {
        s.syncing = true;
        s.syncCurrent = hexQuantity(syncing.toObject().value(u"currentBlock"_s).toString());
        s.syncHighest = hexQuantity(syncing.toObject().value(u"highestBlock"_s).toString());
    }
    const QJsonObject pool = result(r, TxPool).toObject();
    if (!pool.isEmpty()) {
        s.pending = hexQuantity(pool.value(u"pending"_s).toString());
        s.queued = hexQuantity(pool.value(u"queued"_s).toString());
    }
    if (const std::optional<Uint256> gas = Uint256::fromHex(result(r, GasPrice).toString())) {
        s.gasPriceWei = gas->toDecimal();
    }
    return true;
}

QJsonArray blockRequests(const QList<qint64> &heights, bool fullTransactions)
{
    QJsonArray out;
    for (qsizetype i = 0; i < heights.size(); ++i) {
        out.append(
            call(i + 1, u"eth_getBlockByNumber"_s, { hexHeight(heights.at(i)), fullTransactions }));
    }
    return out;
}

Responses parseResponses(const QByteArray &body, QString *error)
{
    Responses out;
    QJsonParseError pe {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = u"invalid JSON-RPC answer: %1"_s.arg(pe.errorString());
        return out;
    }
    const QJsonArray items = doc.isArray() ? doc.array() : QJsonArray { doc.object() };
    for (const QJsonValue v : items) {
        const QJsonObject o = v.toObject();
        out.insert(o.value(u"id"_s).toInteger(), o);
    }
    if (out.isEmpty()) {
        *error = u"empty JSON-RPC answer"_s;
    }
    return out;
}

} // namespace Lakeguard::Feeds::EthRpc
