// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chainmonitor.h"
#include "feed.h"
#include "feedconfig.h"
#include "storetypes.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <QTimer>

#include <functional>
#include <memory>

class QWebSocket;

namespace Lakeguard::Feeds {

// The chain feed (`"type": "eth-rpc"`, docs/chains.md): polls every node of one chain each
// `interval_s` — Ethereum JSON-RPC (`"kind": "eth"`, one batch per node), FISCO BCOS
// (`"fisco"`) or a Fabric operations service (`"fabric"`) — and hands the samples to a
// ChainMonitor. For Ethereum nodes it also subscribes to `newHeads` over WebSocket (same host and
// port, ws://) and starts a round as soon as a head arrives; polling goes on regardless, so a
// node without WebSocket is simply polled. HTTPS nodes are verified against the system CAs plus
// `ca_file` and, with `tls_pin_sha256`, must present a pinned public key. Lives on its feed thread.
class EthRpcFeed final : public Feed
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EthRpcFeed)

public:
    EthRpcFeed(FeedConfig config, Storage::StoreWriter *writer, QObject *parent = nullptr);
    ~EthRpcFeed() override;

    // Nodes whose newHeads subscription is confirmed.
    int webSocketCount() const;
    const ChainMonitor &monitor() const { return m_monitor; }

public slots:
    void start(const QByteArray &storedCursor) override;
    void stop() override;
    void pollNow();

signals:
    void stateChanged(Lakeguard::Storage::FeedState state, const QString &error);
    // After a round's batch committed: the alerts it carried (new and updated).
    void roundFinished(int alerts);
    void newHead(const QString &node);

private:
    struct Reply
    {
        bool ok = false;
        int status = 0;
        QByteArray body;
        int latencyMs = -1;
        QString error;
    };
    using ReplyHandler = std::function<void(const Reply &)>;
    static QString httpError(const Reply &r);
    struct WsNode;

    void post(const QString &url, const QByteArray &body, ReplyHandler done);
    void get(const QString &url, ReplyHandler done);
    void rpcBatch(const QString &url, const QJsonArray &calls, bool asBatch,
        std::function<void(const QHash<qint64, QJsonObject> &, const Reply &)> done);
    void pollNode(int index, quint64 round);
    void nodeDone(int index, quint64 round, NodeSample sample);
    void fetchHashes(quint64 round);
    void evaluate(quint64 round);
    void scanTransfers(quint64 round, ChainMonitor::Outcome outcome);
    void submit(ChainMonitor::Outcome outcome);
    void roundEnded();
    void setState(Storage::FeedState state, const QString &error = {});
    void connectWebSocket(int index);

    FeedConfig m_config;
    Storage::StoreWriter *m_writer;
    ChainMonitor m_monitor;
    QStringList m_nodes;
    QString m_kind;
    int m_group = 1; // FISCO BCOS group
    QString m_channel; // Fabric channel
    bool m_useWebSocket = true;
    QSslConfiguration m_ssl;       // TLS 1.2+, system CAs plus `ca_file`
    QList<QByteArray> m_pins;      // `tls_pin_sha256` (tlspin.h); empty when not pinned
    QString m_tlsError;            // the configuration's TLS settings cannot be used
    QNetworkAccessManager m_network;
    QTimer m_timer;
    qint64 m_intervalMs = 5'000;
    int m_timeoutMs = 5'000;
    bool m_running = false;
    bool m_inRound = false;
    bool m_again = false; // a head arrived during a round: run another at once
    quint64 m_round = 0;
    int m_outstanding = 0;
    // Bytes of the nodes' answers since the last batch: the batch's `bytes` (Feeds view).
    qint64 m_answerBytes = 0;
    QList<NodeSample> m_samples;
    std::vector<std::unique_ptr<WsNode>> m_ws;
    Storage::FeedState m_state = Storage::FeedState::Stopped;
    QString m_lastError;
};

} // namespace Lakeguard::Feeds
