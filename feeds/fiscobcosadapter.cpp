// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fiscobcosadapter.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds::FiscoBcos {

namespace {

enum Id : qint64 { BlockNumber = 1, SyncStatus, PbftView, PendingTxSize, Peers };

QJsonObject call(qint64 id, const QString &method, QJsonArray params)
{
    return QJsonObject { { u"jsonrpc"_s, u"2.0"_s }, { u"id"_s, id }, { u"method"_s, method },
        { u"params"_s, params } };
}

// FISCO answers some counts as hex strings ("0x1a") and others as numbers or decimal strings.
qint64 number(const QJsonValue &v)
{
    if (v.isDouble()) {
        return v.toInteger(-1);
    }
    const QString s = v.toString();
    if (s.startsWith(u"0x"_s, Qt::CaseInsensitive)) {
        return hexQuantity(s);
    }
    bool ok = false;
    const qint64 n = s.toLongLong(&ok);
    return ok ? n : -1;
}

} // namespace

QList<QJsonObject> roundRequests(int group)
{
    return { call(BlockNumber, u"getBlockNumber"_s, { group }),
        call(SyncStatus, u"getSyncStatus"_s, { group }),
        call(PbftView, u"getPbftView"_s, { group }),
        call(PendingTxSize, u"getPendingTxSize"_s, { group }),
        call(Peers, u"getPeers"_s, { group }) };
}

bool parseRound(const EthRpc::Responses &r, int group, NodeSample &s)
{
    const QJsonObject number_ = r.value(BlockNumber);
    if (!number_.contains(u"result"_s)) {
        const QJsonObject err = number_.value(u"error"_s).toObject();
        s.error = err.isEmpty() ? u"no answer to getBlockNumber"_s
                                : u"getBlockNumber: %1"_s.arg(err.value(u"message"_s).toString());
        return false;
    }
    s.height = number(number_.value(u"result"_s));
    const QJsonObject sync = r.value(SyncStatus).value(u"result"_s).toObject();
    s.hash = sync.value(u"latestHash"_s).toString().toLower();
    if (!s.hash.isEmpty() && !s.hash.startsWith(u"0x"_s)) {
        s.hash.prepend(u"0x"_s);
    }
    s.syncing = sync.value(u"isSyncing"_s).toBool();
    if (s.syncing) {
        s.syncCurrent = number(sync.value(u"blockNumber"_s));
        s.syncHighest = number(sync.value(u"knownHighestNumber"_s));
    }
    const QString genesis = sync.value(u"genesisHash"_s).toString().toLower();
    s.chainId
        = genesis.isEmpty() ? QString::number(group) : u"%1@%2"_s.arg(group).arg(genesis.left(18));
    const QJsonValue view = r.value(PbftView).value(u"result"_s);
    s.view = view.isUndefined() ? -1 : number(view);
    const QJsonValue pending = r.value(PendingTxSize).value(u"result"_s);
    s.pending = pending.isUndefined() ? -1 : number(pending);
    const QJsonValue peers = r.value(Peers).value(u"result"_s);
    if (peers.isArray()) {
        s.peers = int(peers.toArray().size());
    } else if (sync.value(u"peers"_s).isArray()) {
        s.peers = int(sync.value(u"peers"_s).toArray().size());
    }
    s.clientVersion = u"FISCO BCOS"_s;
    if (s.height < 0) {
        s.error = u"getBlockNumber did not answer a block number"_s;
        return false;
    }
    return true;
}

QList<QJsonObject> hashRequests(int group, const QList<qint64> &heights)
{
    QList<QJsonObject> out;
    for (qsizetype i = 0; i < heights.size(); ++i) {
        out.append(
            call(i + 1, u"getBlockHashByNumber"_s, { group, EthRpc::hexHeight(heights.at(i)) }));
    }
    return out;
}

} // namespace Lakeguard::Feeds::FiscoBcos
