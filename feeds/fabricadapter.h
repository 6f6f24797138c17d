// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chainmonitor.h"

#include <QByteArray>
#include <QList>
#include <QMap>

namespace Lakeguard::Feeds::Fabric {

// One sample of Prometheus text exposition format: name{labels} value.
struct Metric
{
    QString name;
    QMap<QString, QString> labels;
    double value = 0;
};
QList<Metric> parsePrometheus(const QByteArray &text);

// A Fabric peer or orderer through its operations service: GET /healthz (200 {"status":"OK"} or
// 503 with failed_checks) and GET /metrics. Height is ledger_blockchain_height for `channel`
// (the first channel when empty); orderers also report consensus_etcdraft_is_leader and
// consensus_etcdraft_leader_changes (kept in `leaderChanges`/`isLeader`). Fabric exposes no
// block hash here, so forks and reorgs cannot be seen; lag, stall and down/up work.
struct Extra
{
    qint64 leaderChanges = -1;
    int isLeader = -1;
    QString channel;
};
bool parse(int healthStatus, const QByteArray &healthBody, const QByteArray &metrics,
    const QString &channel, NodeSample &sample, Extra *extra = nullptr);

} // namespace Lakeguard::Feeds::Fabric
