// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chainmonitor.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace Lakeguard::Feeds::EthRpc {

// JSON-RPC response objects of one batch, by request id.
using Responses = QHash<qint64, QJsonObject>;

constexpr qint64 kMethodNotFound = -32601;

// The per-round batch: eth_chainId, web3_clientVersion, eth_getBlockByNumber("latest", false),
// net_peerCount, eth_syncing, txpool_status, eth_gasPrice (ids 1–7).
QJsonArray roundRequests();
// Fills `sample` from the round's responses; false (with sample.error) when the node gave no
// usable head. Optional methods that answer "method not found" leave their field unknown.
bool parseRound(const Responses &responses, NodeSample &sample);

// eth_getBlockByNumber for each height (id = index + 1), with full transactions or hashes only.
QJsonArray blockRequests(const QList<qint64> &heights, bool fullTransactions);

// Responses of a JSON-RPC reply body (one object or a batch array).
Responses parseResponses(const QByteArray &body, QString *error);

QString hexHeight(qint64 height);

} // namespace Lakeguard::Feeds::EthRpc
