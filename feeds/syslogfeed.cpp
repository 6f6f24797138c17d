// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "syslogfeed.h"

#include "futurecallback.h"
#include "storewriter.h"

#include <QFile>
#include <QLoggingCategory>
#include <QNetworkDatagram>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUdpSocket>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSyslogFeed, "lakeguard.feeds.syslog")

namespace Lakeguard::Feeds {

namespace {
constexpr qint64 kReadChunk = 64 * 1024;
constexpr qint64 kSocketReadBuffer = 256 * 1024; // per connection, decrypted bytes for TLS
constexpr int kUdpReceiveBuffer = 4 * 1024 * 1024; // the kernel may cap it (net.core.rmem_max)
constexpr qint64 kStopReadLimit = 16 * 1024 * 1024; // per connection, what stop() still takes
constexpr int kRetryMs = 5000;
constexpr qint64 kDegradedAfterDropMs = 10'000;
constexpr int kNoteDelayMs = 500;

QString peerOf(const QTcpSocket *s)
{
    return s->peerAddress().toString() + u':' + QString::number(s->peerPort());
}

QByteArray readPem(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(path, f.errorString());
        return {};
    }
    return f.readAll();
}
} // namespace

// Hands accepted descriptors to the feed, so TLS sockets can be created around them (Qt 6.4 has
// no QSslServer) and connections over the limit are closed before any byte is read.
class SyslogFeed::Server final : public QTcpServer
{
public:
    explicit Server(SyslogFeed *feed)
        : QTcpServer(feed)
        , m_feed(feed)
    { }

protected:
    void incomingConnection(qintptr descriptor) override { m_feed->incoming(descriptor); }

private:
    SyslogFeed *m_feed;
};

struct SyslogFeed::Connection
{
    QTcpSocket *socket = nullptr;
    SyslogFramer framer;
    QString peer;
    Core::TimestampMs lastProgress = 0; // last complete message (or the connection's start)
};

SyslogFeed::SyslogFeed(FeedConfig config, Storage::StoreWriter *writer, QObject *parent)
    : Feed(parent)
    , m_config(std::move(config))
    , m_writer(writer)
    , m_idleTimer(this)
    , m_retryTimer(this)
    , m_noteTimer(this)
{
    // FEEDS.json's default format for syslog is "syslog" (which hands CEF messages on).
    if (!m_config.settings.contains(u"format"_s)) {
        m_config.format = u"syslog"_s;
    }
    m_normalizer = Core::makeNormalizer(m_config.format);
    const QString protocol = m_config.settings.value(u"protocol"_s).toString(u"tcp"_s);
    m_protocol = protocol == u"udp"_s ? Protocol::Udp
        : protocol == u"tls"_s        ? Protocol::Tls
                                      : Protocol::Tcp;
    m_maxMessage = static_cast<qsizetype>(
        m_config.settings.value(u"max_message_bytes"_s).toDouble(SyslogFramer::kDefaultMaxMessage));
    m_maxConnections = m_config.settings.value(u"max_connections"_s).toInt(kDefaultMaxConnections);
    m_idleTimeoutMs = static_cast<qint64>(
        m_config.settings.value(u"idle_timeout_s"_s).toDouble(kDefaultIdleTimeoutS) * 1000);

    m_idleTimer.setInterval(static_cast<int>(std::clamp<qint64>(m_idleTimeoutMs / 4, 50, 1000)));
    connect(&m_idleTimer, &QTimer::timeout, this, &SyslogFeed::checkIdle);
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setInterval(kRetryMs);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (m_running && listen()) {
            setState(Storage::FeedState::Healthy);
        }
    });
    m_noteTimer.setSingleShot(true);
    m_noteTimer.setInterval(kNoteDelayMs);
    connect(&m_noteTimer, &QTimer::timeout, this, &SyslogFeed::flushNote);
}

SyslogFeed::~SyslogFeed() = default;

quint16 SyslogFeed::port() const
{
    if (m_server) {
        return m_server->serverPort();
    }
    return m_udp ? m_udp->localPort() : 0;
}

void SyslogFeed::setState(Storage::FeedState state, const QString &error)
{
    if (state == m_state && (error.isEmpty() || error == m_lastError)) {
        return;
    }
    m_state = state;
    if (!error.isEmpty()) {
        m_lastError = error;
        qCWarning(lcSyslogFeed) << m_config.id << error;
    }
    m_writer->setFeedState(m_config.id, m_config.type, state, error);
    emit stateChanged(state, error);
}

QString SyslogFeed::countersText() const
{
    // Stored status text: plain English, like the normalisers' reasons.
    QStringList parts;
    if (m_dropped > 0) {
        parts << u"UDP datagrams dropped because the queue was full: %1"_s.arg(m_dropped);
    }
    if (m_refused > 0) {
        parts << u"connections refused over the limit of %1: %2"_s.arg(m_maxConnections)
                     .arg(m_refused);
    }
    return parts.join(u"; "_s);
}

void SyslogFeed::note(const QString &text)
{
    m_note = text;
    if (!m_noteTimer.isActive()) {
        m_noteTimer.start();
    }
}

void SyslogFeed::flushNote()
{
    // Counters first (they are the lasting state), then the latest event.
    QStringList parts;
    if (const QString counters = countersText(); !counters.isEmpty()) {
        parts << counters;
    }
    if (!m_note.isEmpty()) {
        parts << m_note;
    }
    const Storage::FeedState state = m_state == Storage::FeedState::Healthy && m_dropped > 0
            && Core::nowMs() - m_lastDrop < kDegradedAfterDropMs
        ? Storage::FeedState::Degraded
        : m_state;
    const QString text = parts.join(u"; "_s);
    if (text.isEmpty()) {
        return;
    }
    m_lastError = text;
    m_state = state;
    m_writer->setFeedState(m_config.id, m_config.type, state, text);
    emit stateChanged(state, text);
}

void SyslogFeed::start(const QByteArray &storedCursor)
{
    Q_UNUSED(storedCursor) // syslog has nothing to resume: senders do not replay
    if (!m_normalizer) {
        setState(Storage::FeedState::Down, tr("unknown format \"%1\"").arg(m_config.format));
        return;
    }
    QString error;
    if (!parseListenAddress(
            m_config.settings.value(u"listen"_s).toString(), &m_address, &m_port, &error)) {
        setState(Storage::FeedState::Down, tr("listen: %1").arg(error));
        return;
    }
    if (m_protocol == Protocol::Tls) {
        const QString certPath = m_config.settings.value(u"cert"_s).toString();
        const QString keyPath = m_config.settings.value(u"key"_s).toString();
        const QByteArray certPem = readPem(certPath, &error);
        const QByteArray keyPem = error.isEmpty() ? readPem(keyPath, &error) : QByteArray();
        if (!error.isEmpty()) {
            setState(Storage::FeedState::Down, error);
            return;
        }
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
        if (chain.isEmpty()) {
            setState(Storage::FeedState::Down, tr("%1 holds no PEM certificate").arg(certPath));
            return;
        }
        m_certificate = chain.first();
        m_chain = chain.mid(1);
        for (const QSsl::KeyAlgorithm algorithm : { QSsl::Rsa, QSsl::Ec, QSsl::Dsa }) {
            m_key = QSslKey(keyPem, algorithm, QSsl::Pem);
            if (!m_key.isNull()) {
                break;
            }
        }
        if (m_key.isNull()) {
            setState(Storage::FeedState::Down,
                tr("%1 holds no unencrypted PEM private key (RSA, EC or DSA)").arg(keyPath));
            return;
        }
        const QString caPath = m_config.settings.value(u"client_ca"_s).toString();
        if (!caPath.isEmpty()) {
            const QByteArray caPem = readPem(caPath, &error);
            m_clientCas = QSslCertificate::fromData(caPem, QSsl::Pem);
            if (m_clientCas.isEmpty()) {
                setState(Storage::FeedState::Down,
                    error.isEmpty() ? tr("%1 holds no PEM certificate").arg(caPath) : error);
                return;
            }
        }
    }
    m_running = true;
    setState(Storage::FeedState::Starting);
    if (listen()) {
        setState(Storage::FeedState::Healthy);
    }
    m_idleTimer.start();
}

bool SyslogFeed::listen()
{
    const QString where = m_config.settings.value(u"listen"_s).toString();
    if (m_protocol == Protocol::Udp) {
        auto *udp = new QUdpSocket(this);
        if (!udp->bind(m_address, m_port)) {
            setState(Storage::FeedState::Down,
                tr("cannot listen on UDP %1: %2").arg(where, udp->errorString()));
            delete udp;
            m_retryTimer.start();
            return false;
        }
        udp->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, kUdpReceiveBuffer);
        m_udp = udp;
        connect(m_udp, &QUdpSocket::readyRead, this, [this] { readDatagrams(); });
        readDatagrams();
        return true;
    }
    auto *server = new Server(this);
    if (!server->listen(m_address, m_port)) {
        setState(Storage::FeedState::Down,
            tr("cannot listen on %1 %2: %3")
                .arg(m_protocol == Protocol::Tls ? u"TLS"_s : u"TCP"_s, where,
                    server->errorString()));
        delete server;
        m_retryTimer.start();
        return false;
    }
    m_server = server;
    return true;
}

void SyslogFeed::incoming(qintptr descriptor)
{
    if (!m_running || std::ssize(m_connections) >= m_maxConnections) {
        // Accepted by the kernel already: close it at once, unread.
        QTcpSocket refused;
        refused.setSocketDescriptor(descriptor);
        refused.abort();
        if (m_running) {
            ++m_refused;
            note({});
        }
        return;
    }
    QTcpSocket *socket = nullptr;
    QSslSocket *tls = nullptr;
    if (m_protocol == Protocol::Tls) {
        tls = new QSslSocket(this);
        socket = tls;
    } else {
        socket = new QTcpSocket(this);
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcSyslogFeed) << m_config.id
                                << "cannot take a connection:" << socket->errorString();
        delete socket;
        return;
    }
    socket->setReadBufferSize(kSocketReadBuffer);
    auto c = std::make_unique<Connection>();
    c->socket = socket;
    c->framer = SyslogFramer(m_maxMessage,
        m_protocol == Protocol::Tls ? SyslogFramer::Framing::OctetCounted
                                    : SyslogFramer::Framing::Detect);
    c->peer = peerOf(socket);
    c->lastProgress = Core::nowMs();
    Connection *raw = c.get();
    m_connections.emplace(socket, std::move(c));

    connect(socket, &QTcpSocket::readyRead, this, [this, raw] { readConnection(raw); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { finishConnection(socket); });
    connect(socket, &QAbstractSocket::errorOccurred, this,
        [this, socket](QAbstractSocket::SocketError error) {
            if (error == QAbstractSocket::RemoteHostClosedError) {
                return; // disconnected() follows
            }
            const auto it = m_connections.find(socket);
            if (it != m_connections.end()) {
                closeConnection(it->second.get(), socket->errorString(), {});
            }
        });
    if (tls) {
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setProtocol(QSsl::TlsV1_2OrLater);
        conf.setLocalCertificate(m_certificate);
        conf.setLocalCertificateChain(QList<QSslCertificate> { m_certificate } + m_chain);
        conf.setPrivateKey(m_key);
        if (m_clientCas.isEmpty()) {
            conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        } else {
            conf.setCaCertificates(m_clientCas);
            conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
        }
        tls->setSslConfiguration(conf);
        tls->startServerEncryption();
    }
}

void SyslogFeed::readConnection(Connection *c)
{
    if (!m_running) {
        return; // stop() takes what is left
    }
    while (!queueFull()) {
        const QByteArray chunk = c->socket->read(kReadChunk);
        if (chunk.isEmpty()) {
            return;
        }
        QList<Core::RawRecord> records;
        const bool ok = c->framer.feed(chunk, records);
        if (!records.isEmpty()) {
            c->lastProgress = Core::nowMs();
            enqueue(std::move(records), c->peer);
        }
        if (!ok) {
            closeConnection(c, c->framer.error(), chunk.left(SyslogFramer::kKeptPrefix));
            return;
        }
    }
    // Queue full: the rest stays in the socket (bounded by its read buffer); TCP flow control
    // slows the sender until resumeReading().
}

void SyslogFeed::finishConnection(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end()) {
        return;
    }
    Connection *c = it->second.get();
    // Reading below may process the socket's events (waitForReadyRead): no re-entry from them.
    socket->disconnect(this);
    QList<Core::RawRecord> records;
    qint64 taken = 0;
    while (taken < kStopReadLimit) {
        QByteArray chunk = socket->read(kReadChunk);
        if (chunk.isEmpty() && socket->state() == QAbstractSocket::ConnectedState
            && socket->waitForReadyRead(0)) {
            chunk = socket->read(kReadChunk); // what the kernel holds still reached us
        }
        if (chunk.isEmpty()) {
            break;
        }
        taken += chunk.size();
        if (!c->framer.feed(chunk, records)) {
            break;
        }
    }
    c->framer.finish(records);
    enqueue(std::move(records), c->peer);
    removeConnection(socket);
}

void SyslogFeed::closeConnection(Connection *c, const QString &reason, const QByteArray &bytes)
{
    QList<Core::RawRecord> records;
    const QByteArray partial = bytes.isEmpty() ? c->framer.pendingBytes() : bytes;
    const QString text = tr("connection from %1 closed: %2").arg(c->peer, reason);
    if (!partial.isEmpty()) {
        records.append(Core::RawRecord { partial.left(SyslogFramer::kKeptPrefix), 0, reason });
    }
    enqueue(std::move(records), c->peer);
    note(text);
    QTcpSocket *socket = c->socket;
    removeConnection(socket);
    socket->abort();
}

void SyslogFeed::removeConnection(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end()) {
        return;
    }
    m_connections.erase(it);
    socket->disconnect(this);
    socket->deleteLater();
}

void SyslogFeed::checkIdle()
{
    const Core::TimestampMs now = Core::nowMs();
    const bool paused = queueFull() || m_inFlight;
    QList<Connection *> idle;
    for (auto &[socket, c] : m_connections) {
        if (paused && socket->bytesAvailable() > 0) {
            c->lastProgress = now; // waiting for us, not for the sender
        } else if (now - c->lastProgress > m_idleTimeoutMs) {
            idle << c.get();
        }
    }
    for (Connection *c : idle) {
        closeConnection(c,
            u"no complete message for %1 s (idle or slow client)"_s.arg(
                static_cast<double>(m_idleTimeoutMs) / 1000.0),
            {});
    }
}

void SyslogFeed::readDatagrams(bool stopping)
{
    QList<Core::RawRecord> records;
    bool dropped = false;
    while (m_udp && m_udp->hasPendingDatagrams()) {
        const qint64 size = m_udp->pendingDatagramSize();
        if (!stopping
            && (queueFull() || std::ssize(m_queue) + std::ssize(records) >= m_queueMessages)) {
            char sink = 0;
            m_udp->readDatagram(&sink, 1);
            ++m_dropped;
            dropped = true;
            continue;
        }
        if (size > m_maxMessage) {
            const QNetworkDatagram d = m_udp->receiveDatagram(SyslogFramer::kKeptPrefix);
            records.append(Core::RawRecord { d.data(), 0,
                u"syslog datagram of %1 bytes from %2 is over the limit of %3 bytes (first %4 bytes"
                " kept)"_s.arg(size)
                    .arg(d.senderAddress().toString())
                    .arg(m_maxMessage)
                    .arg(d.data().size()) });
            continue;
        }
        QByteArray data = m_udp->receiveDatagram(std::max<qint64>(size, 0)).data();
        while (!data.isEmpty()
            && (data.back() == '\n' || data.back() == '\r' || data.back() == '\0')) {
            data.chop(1);
        }
        if (!data.isEmpty()) {
            records.append(Core::RawRecord { std::move(data), 0, {} });
        }
    }
    enqueue(std::move(records), {});
    if (dropped) {
        m_lastDrop = Core::nowMs();
        note({});
    }
}

void SyslogFeed::enqueue(QList<Core::RawRecord> records, const QString &peer)
{
    if (records.isEmpty()) {
        return;
    }
    const Core::TimestampMs now = Core::nowMs();
    for (Core::RawRecord &r : records) {
        if (!r.error.isEmpty() && !peer.isEmpty()) {
            r.error = u"from %1: %2"_s.arg(peer, r.error);
        }
        m_queuedBytes += r.bytes.size();
        m_queue.push_back(Queued { std::move(r), now });
    }
    scheduleSubmit();
}

bool SyslogFeed::queueFull() const
{
    return std::ssize(m_queue) >= m_queueMessages || m_queuedBytes >= kQueueBytes;
}

void SyslogFeed::scheduleSubmit()
{
    if (m_submitScheduled || m_inFlight || !m_running) {
        return;
    }
    m_submitScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_submitScheduled = false;
        submitNext();
    });
}

Storage::IngestBatch SyslogFeed::takeBatch(qsizetype maxMessages, std::vector<Queued> *taken)
{
    Storage::IngestBatch batch;
    batch.feed = m_config.id;
    batch.feedType = m_config.type;
    while (!m_queue.empty() && maxMessages-- > 0) {
        Queued q = std::move(m_queue.front());
        m_queue.pop_front();
        m_queuedBytes -= q.record.bytes.size();
        batch.bytes += q.record.bytes.size();
        addRecord(
            *m_normalizer, q.record, Core::NormalizeContext { m_config.id, q.received }, batch);
        if (taken) {
            taken->push_back(std::move(q));
        }
    }
    return batch;
}

void SyslogFeed::submitNext()
{
    if (m_inFlight || m_queue.empty() || !m_running) {
        return;
    }
    m_inFlight = true;
    m_inFlightRecords.clear();
    Storage::IngestBatch batch = takeBatch(kBatchMessages, &m_inFlightRecords);
    Core::whenFinished(
        m_writer->submit(std::move(batch)), this, [this](const Storage::BatchResult &r) {
            m_inFlight = false;
            if (!r.ok) {
                // Nothing was stored: put the messages back in front and try again shortly.
                for (auto it = m_inFlightRecords.rbegin(); it != m_inFlightRecords.rend(); ++it) {
                    m_queuedBytes += it->record.bytes.size();
                    m_queue.push_front(std::move(*it));
                }
                m_inFlightRecords.clear();
                setState(Storage::FeedState::Degraded, tr("store: %1").arg(r.error));
                QTimer::singleShot(kRetryMs / 5, this, &SyslogFeed::submitNext);
                return;
            }
            m_inFlightRecords.clear();
            if (m_running) {
                const bool recentDrop
                    = m_dropped > 0 && Core::nowMs() - m_lastDrop < kDegradedAfterDropMs;
                if (!recentDrop && m_state != Storage::FeedState::Healthy) {
                    setState(Storage::FeedState::Healthy);
                }
            }
            emit batchCommitted(r);
            resumeReading();
            if (!m_queue.empty()) {
                scheduleSubmit();
            }
        });
}

void SyslogFeed::resumeReading()
{
    if (!m_running || queueFull()) {
        return;
    }
    QList<Connection *> waiting;
    for (auto &[socket, c] : m_connections) {
        if (socket->bytesAvailable() > 0) {
            waiting << c.get();
        }
    }
    for (Connection *c : waiting) {
        if (m_connections.contains(c->socket)) {
            readConnection(c);
        }
    }
    if (m_udp && m_udp->hasPendingDatagrams()) {
        readDatagrams();
    }
}

void SyslogFeed::stop()
{
    if (!m_running) {
        setState(Storage::FeedState::Stopped);
        return;
    }
    m_running = false;
    m_idleTimer.stop();
    m_retryTimer.stop();
    // Everything that reached us is stored: datagrams waiting in the socket, bytes buffered in
    // each connection (a last LF-framed message without terminator included).
    if (m_udp) {
        // Past the queue limit: these were received, and the writer takes them before it stops.
        readDatagrams(true);
        m_udp->close();
        m_udp->deleteLater();
        m_udp = nullptr;
    }
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
    std::vector<QTcpSocket *> sockets;
    for (auto &[socket, c] : m_connections) {
        sockets.push_back(socket);
    }
    for (QTcpSocket *socket : sockets) {
        finishConnection(socket);
        socket->abort();
    }
    // Ordered after any batch in flight; the writer commits its queue before it stops.
    while (!m_queue.empty()) {
        m_writer->submit(takeBatch(kBatchMessages, nullptr));
    }
    if (m_noteTimer.isActive()) {
        m_noteTimer.stop();
        flushNote();
    }
    setState(Storage::FeedState::Stopped);
}

} // namespace Lakeguard::Feeds
