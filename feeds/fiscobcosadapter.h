// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chainmonitor.h"
#include "ethrpcadapter.h"

namespace Lakeguard::Feeds::FiscoBcos {

// FISCO BCOS 2.x JSON-RPC (every method takes the group id first): getBlockNumber,
// getSyncStatus, getPbftView, getPendingTxSize, getPeers (ids 1–5), sent one request each.
QList<QJsonObject> roundRequests(int group);
// Fills `sample`; the head hash comes from getSyncStatus.latestHash, the chain id is the group
// and the genesis hash ("group@genesis"), peers from getPeers. A PBFT view that moves counts as
// progress (FISCO BCOS makes no empty blocks: a quiet chain keeps changing views).
bool parseRound(const EthRpc::Responses &responses, int group, NodeSample &sample);
// getBlockHashByNumber for each height (id = index + 1).
QList<QJsonObject> hashRequests(int group, const QList<qint64> &heights);

} // namespace Lakeguard::Feeds::FiscoBcos
