// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feed.h"
#include "feedconfig.h"
#include "normalizer.h"
#include "storetypes.h"
#include "syslogframing.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QTimer>

#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

class QTcpServer;
class QTcpSocket;
class QUdpSocket;

namespace Lakeguard::Feeds {

// Receives syslog over UDP (one datagram, one message), TCP (RFC 6587: octet counting or LF
// framing, detected per connection) or TLS (RFC 5425: octet counting), normalises each message
// with the feed's format (default "syslog"; "cef" and "auto" also fit) and stores it.
//
// Bounded everywhere: a message limit (`max_message_bytes`, default 64 KiB; longer ones are
// quarantined with their first bytes), a connection limit (`max_connections`, default 64; extra
// connections are closed at once and counted), a per-connection read buffer, and a queue of
// received messages. One batch is in flight to the writer at a time; while the queue is full,
// TCP sockets are not read (the sender is slowed by TCP flow control) and UDP datagrams are
// dropped and counted. A connection that completes no message for `idle_timeout_s` (default 60)
// is closed (slow-loris senders). With `client_ca`, TLS senders must present a certificate issued
// by one of its CAs. stop() stores everything already received. docs/feeds.md has the details.
class SyslogFeed final : public Feed
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyslogFeed)

public:
    enum class Protocol { Udp, Tcp, Tls };

    static constexpr int kDefaultMaxConnections = 64;
    static constexpr int kDefaultIdleTimeoutS = 60;
    static constexpr qsizetype kQueueMessages = 20'000; // received, not yet submitted
    static constexpr qsizetype kQueueBytes = 32 * 1024 * 1024;
    static constexpr qsizetype kBatchMessages = 5'000;

    SyslogFeed(FeedConfig config, Storage::StoreWriter *writer, QObject *parent = nullptr);
    ~SyslogFeed() override;

    // Feed-thread accessors (tests run the feed on their own thread).
    quint16 port() const;
    qint64 droppedDatagrams() const { return m_dropped; }
    qint64 refusedConnections() const { return m_refused; }
    int connectionCount() const { return static_cast<int>(m_connections.size()); }
    // Tests shrink the queue to provoke backpressure and UDP drops; call before start().
    void setQueueLimit(qsizetype messages) { m_queueMessages = std::max<qsizetype>(1, messages); }

public slots:
    void start(const QByteArray &storedCursor) override;
    void stop() override;

signals:
    void stateChanged(Lakeguard::Storage::FeedState state, const QString &error);
    void batchCommitted(const Lakeguard::Storage::BatchResult &result);

private:
    class Server;
    struct Connection;

    bool listen();
    void incoming(qintptr descriptor);
    void readConnection(Connection *c);
    void readDatagrams(bool stopping = false);
    void finishConnection(QTcpSocket *socket);
    void closeConnection(Connection *c, const QString &reason, const QByteArray &bytes);
    void removeConnection(QTcpSocket *socket);
    void checkIdle();
    struct Queued
    {
        Core::RawRecord record;
        Core::TimestampMs received = 0;
    };

    void enqueue(QList<Core::RawRecord> records, const QString &peer);
    bool queueFull() const;
    void scheduleSubmit();
    void submitNext();
    Storage::IngestBatch takeBatch(qsizetype maxMessages, std::vector<Queued> *taken);
    void resumeReading();
    // Records an event for the feed's last_error (coalesced: at most one store write per
    // kNoteDelayMs), always prefixed by the drop and refusal counters.
    void note(const QString &text);
    void flushNote();
    void setState(Storage::FeedState state, const QString &error = {});
    QString countersText() const;

    FeedConfig m_config;
    Storage::StoreWriter *m_writer;
    std::unique_ptr<Core::Normalizer> m_normalizer;
    Protocol m_protocol = Protocol::Tcp;
    QHostAddress m_address;
    quint16 m_port = 0;
    qsizetype m_maxMessage = SyslogFramer::kDefaultMaxMessage;
    int m_maxConnections = kDefaultMaxConnections;
    qint64 m_idleTimeoutMs = kDefaultIdleTimeoutS * 1000;
    QSslCertificate m_certificate;
    QSslKey m_key;
    QList<QSslCertificate> m_chain; // intermediates after the leaf in `cert`
    QList<QSslCertificate> m_clientCas; // non-empty: clients must present a certificate

    Server *m_server = nullptr;
    QUdpSocket *m_udp = nullptr;
    std::unordered_map<QTcpSocket *, std::unique_ptr<Connection>> m_connections;
    QTimer m_idleTimer;
    QTimer m_retryTimer;
    QTimer m_noteTimer;
    QString m_note;

    std::deque<Queued> m_queue;
    qsizetype m_queuedBytes = 0;
    qsizetype m_queueMessages = kQueueMessages;
    std::vector<Queued> m_inFlightRecords; // put back in front if the store fails
    bool m_inFlight = false;
    bool m_submitScheduled = false;
    bool m_running = false;

    qint64 m_dropped = 0; // UDP datagrams dropped because the queue was full
    qint64 m_refused = 0; // connections over the limit
    Core::TimestampMs m_lastDrop = 0;
    Storage::FeedState m_state = Storage::FeedState::Stopped;
    QString m_lastError;
};

} // namespace Lakeguard::Feeds
