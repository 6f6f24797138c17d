// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feedconfig.h"

#include <QObject>
#include <QString>

class QNetworkAccessManager;

namespace Lakeguard::Feeds {

// "Test connection" for the feed editor: checks that a feed's source can be reached with its
// settings, without storing anything. A file must exist and be readable; an HTTP source must
// answer (status, TLS and auth reported); a receiver's address must be free to listen on (or
// already held by this feed); every node of a chain must answer eth_chainId.
// Asynchronous: finished() arrives once, on the thread that called run().
class FeedProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FeedProbe)

public:
    explicit FeedProbe(QObject *parent = nullptr);
    ~FeedProbe() override;

    // `running`: the feed is running in this process (its listening address is then ours).
    void run(const FeedConfig &config, bool running = false);
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

signals:
    void finished(bool ok, const QString &report);

private:
    void probeFile(const FeedConfig &config);
    void probeHttp(const FeedConfig &config);
    void probeListen(const FeedConfig &config, bool running);
    void probeNodes(const FeedConfig &config);
    void finish(bool ok, const QString &report);

    QNetworkAccessManager *m_network;
    int m_timeoutMs = 10000;
    int m_pending = 0;
    bool m_allOk = true;
    QStringList m_lines;
};

} // namespace Lakeguard::Feeds
