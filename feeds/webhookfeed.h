// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feed.h"
#include "feedconfig.h"
#include "httprequestparser.h"
#include "normalizer.h"
#include "storetypes.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <memory>

class QTcpServer;
class QTcpSocket;

namespace Lakeguard::Feeds {

// Receives alerts pushed over HTTP/1.1 (Prometheus Alertmanager's webhook, in-house senders) on
// its own QTcpServer, so that it can hold a response until the alerts are committed: a 2xx is
// sent only after the batch holding the request committed, which is what lets a sender retry
// everything it was not told was stored. See docs/feeds.md for the settings and status codes.
//
// Authentication: a bearer token (`token_env`) or an HMAC-SHA256 signature over
// "<timestamp>.<body>" (`hmac_secret_env`, headers X-Lakeguard-Timestamp and
// X-Lakeguard-Signature: sha256=<hex>) inside a ±300 s window, each signature accepted once.
// Backpressure: a bounded number of requests and bytes may be queued for the writer; beyond it
// the answer is 503 with Retry-After. Requests arriving together are committed in one batch.
// Lives on its own thread; every slot runs there.
class WebhookFeed final : public Feed
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookFeed)

public:
    WebhookFeed(FeedConfig config, Storage::StoreWriter *writer, QObject *parent = nullptr);
    ~WebhookFeed() override;

    // Constant time in the length of `expected` (the secret side); false when sizes differ.
    static bool constantTimeEquals(QByteArrayView a, QByteArrayView expected);
    // "sha256=<hex>" of HMAC-SHA256(secret, timestamp + "." + body), as a sender computes it.
    static QByteArray signatureFor(
        const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body);

    static constexpr qint64 kReplayWindowS = 300;

public slots:
    void start(const QByteArray &storedCursor) override;
    void stop() override;

signals:
    void stateChanged(Lakeguard::Storage::FeedState state, const QString &error);

private:
    struct Connection;
    struct Pending;
    struct Batch;

    void tryListen();
    void onNewConnection();
    void onReadyRead(Connection *c);
    void onDeadline(Connection *c);
    void processInput(Connection *c);
    bool checkHead(Connection *c); // false when the request was answered already
    void handleRequest(Connection *c, HttpRequest request);
    QString authenticateHead(Connection *c, const HttpRequest &head);
    QString authenticateBody(Connection *c, const HttpRequest &request);
    void normalizeInto(const QByteArray &body, Pending &p, Storage::IngestBatch &batch) const;
    void submitIfIdle();
    void finishBatch(quint64 sequence, const Storage::BatchResult &result);
    void answer(Connection *c, int status, const QByteArray &body, bool close,
        const QList<std::pair<QByteArray, QByteArray>> &extra = {});
    void answerError(Connection *c, int status, const QString &reason, bool close,
        const QList<std::pair<QByteArray, QByteArray>> &extra = {});
    void release(Connection *c);
    void closeGracefully(Connection *c);
    void dropConnection(Connection *c);
    void pruneReplayCache();
    void setState(Storage::FeedState state, const QString &error = {});

    FeedConfig m_config;
    Storage::StoreWriter *m_writer;
    std::unique_ptr<Core::Normalizer> m_normalizer;
    QTcpServer *m_server = nullptr;
    QTimer m_pruneTimer;
    QTimer m_listenTimer;
    // Watches the batch in flight. A watcher rather than QFuture::then(this, …): the writer
    // finishes the future on its own thread, and a watcher detaches safely when the feed is
    // deleted right after stop() has waited for that future.
    QFutureWatcher<Storage::BatchResult> m_watcher;
    QHash<quint64, Connection *> m_connections;
    quint64 m_nextConnection = 1;

    // Settings
    QHostAddress m_address;
    quint16 m_port = 0;
    QByteArray m_path = "/hook";
    HttpRequestParser::Limits m_limits;
    int m_timeoutMs = 15'000;
    int m_idleTimeoutMs = 120'000;
    int m_maxConnections = 64;
    int m_maxQueuedRequests = 256;
    qint64 m_maxQueuedBytes = 64LL * 1024 * 1024;
    QByteArray m_tokenHash; // SHA-256 of the bearer token; empty when not used
    QByteArray m_hmacSecret; // empty when not used
    bool m_needsAuth = false;

    // Backpressure accounting: requests (and their Content-Length) from head to answer.
    int m_queuedRequests = 0;
    qint64 m_queuedBytes = 0;

    std::unique_ptr<Batch> m_open; // collecting requests while one batch is in flight
    std::unique_ptr<Batch> m_inFlight;
    quint64 m_nextBatch = 1;

    QHash<QByteArray, qint64> m_seenSignatures; // signature → expiry (UTC ms)

    bool m_running = false;
    Storage::FeedState m_state = Storage::FeedState::Stopped;
    QString m_lastError;
};

} // namespace Lakeguard::Feeds
