// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feed.h"
#include "feedconfig.h"
#include "normalizer.h"
#include "storetypes.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <memory>

class QNetworkReply;

namespace Lakeguard::Feeds {

// What an HTTP feed remembers between polls, stored with the alerts of each response.
struct HttpCursor
{
    QByteArray etag;
    QByteArray lastModified;
    Core::TimestampMs newest = 0;   // newest event time stored; sent as `cursor_param` when set

    QByteArray toBytes() const;
    static HttpCursor fromBytes(const QByteArray &bytes);
};

// Polls a URL every `interval_s`: bearer token from `token_env` or `token_vault`, conditional requests (ETag,
// If-Modified-Since), an optional cursor query parameter, a timeout, exponential backoff with
// jitter on failure. TLS certificates are always verified (an extra CA bundle may be named with
// `ca_file`); `tls_pin_sha256` (older name `pin_sha256`) additionally pins the server's public
// key (tlspin.h). Proxies come from the environment (http_proxy, …).
class HttpPollFeed final : public Feed
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpPollFeed)

public:
    HttpPollFeed(FeedConfig config, Storage::StoreWriter *writer, QObject *parent = nullptr);
    ~HttpPollFeed() override;

    // Milliseconds until the next poll after `failures` failures in a row (tests pin the bounds).
    static qint64 backoffMs(qint64 intervalMs, int failures, double jitter01);

    int failures() const { return m_failures; }

public slots:
    void start(const QByteArray &storedCursor) override;
    void stop() override;
    void pollNow();

signals:
    void stateChanged(Lakeguard::Storage::FeedState state, const QString &error);
    void polled(int httpStatus, int accepted);

private:
    void finished(QNetworkReply *reply);
    void fail(Storage::FeedState state, const QString &error);
    void scheduleNext();
    void setState(Storage::FeedState state, const QString &error = {});

    FeedConfig m_config;
    Storage::StoreWriter *m_writer;
    std::unique_ptr<Core::Normalizer> m_normalizer;
    QNetworkAccessManager m_network;
    QTimer m_timer;
    QPointer<QNetworkReply> m_reply;
    HttpCursor m_cursor;
    QList<QByteArray> m_pins;       // raw SHA-256 digests; empty when not pinned
    QString m_pinError;             // a pin in the configuration that is not a SHA-256
    qint64 m_intervalMs = 30'000;
    int m_timeoutMs = 10'000;
    int m_failures = 0;
    bool m_running = false;
    bool m_inFlight = false;
    Storage::FeedState m_state = Storage::FeedState::Stopped;
    QString m_lastError;
};

} // namespace Lakeguard::Feeds
