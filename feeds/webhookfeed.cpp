// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "webhookfeed.h"

#include "recordsplitter.h"
#include "feedsecret.h"
#include "storewriter.h"
#include "vault.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QTcpServer>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcWebhookFeed, "lakeguard.feeds.webhook")

namespace Lakeguard::Feeds {

namespace {
constexpr qint64 kReadChunk = 256 * 1024;
constexpr int kLingerMs = 2'000; // how long a refused client may keep sending
constexpr int kListenRetryMs = 2'000;
constexpr int kStopFlushMs = 500;
constexpr int kPruneIntervalMs = 60'000;
using Headers = QList<std::pair<QByteArray, QByteArray>>;
} // namespace

// One client connection. A QObject so that it can be deleted later, after the signal that
// closed it has returned; the socket and the timer are its children.
struct WebhookFeed::Connection : QObject
{
    enum class Phase {
        Idle, // between requests (keep-alive)
        Reading, // a request is arriving (head or body); the read deadline runs
        Waiting, // the request is queued for the writer; nothing more is read
        Closing, // the last answer is out; discarding input until the peer closes
        Dead,
    };

    quint64 id = 0;
    QTcpSocket *socket = nullptr;
    HttpRequestParser parser;
    QTimer deadline { this };
    Phase phase = Phase::Idle;
    bool reserved = false; // counted in the backpressure budget
    qint64 reservedBytes = 0;
    bool authorized = false; // by the bearer token, checked on the head
    bool keepAlive = true;
    bool gone = false; // the peer closed while its request was waiting
    bool shutDown = false; // our write side is shut (lingering close)
    QByteArray signature; // the accepted HMAC of the waiting request
};

// One accepted request inside a batch: answered when the batch commits.
struct WebhookFeed::Pending
{
    quint64 connection = 0;
    int alerts = 0;
    int quarantined = 0;
    qint64 skipped = 0;
    QString firstReason;
    QByteArray signature;
};

struct WebhookFeed::Batch
{
    quint64 sequence = 0;
    Storage::IngestBatch batch;
    QList<Pending> requests;
    QFuture<Storage::BatchResult> future;
};

bool WebhookFeed::constantTimeEquals(QByteArrayView a, QByteArrayView expected)
{
    if (a.size() != expected.size()) {
        return false;
    }
    unsigned char diff = 0;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        diff |= static_cast<unsigned char>(a[i] ^ expected[i]);
    }
    return diff == 0;
}

QByteArray WebhookFeed::signatureFor(
    const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body)
{
    return "sha256="
        + QMessageAuthenticationCode::hash(
            timestamp + '.' + body, secret, QCryptographicHash::Sha256)
              .toHex();
}

WebhookFeed::WebhookFeed(FeedConfig config, Storage::StoreWriter *writer, QObject *parent)
    : Feed(parent)
    , m_config(std::move(config))
    , m_writer(writer)
    , m_normalizer(Core::makeNormalizer(m_config.format, m_config.map))
    , m_pruneTimer(this)
    , m_listenTimer(this)
    , m_watcher(this)
{
    const QJsonObject &s = m_config.settings;
    const QString path = s.value(u"path"_s).toString(u"/hook"_s);
    m_path = path.toUtf8();
    m_limits.maxBodyBytes
        = static_cast<qint64>(s.value(u"max_body_bytes"_s).toDouble(10.0 * 1024 * 1024));
    m_timeoutMs = static_cast<int>(s.value(u"timeout_s"_s).toDouble(15) * 1000);
    m_idleTimeoutMs = std::max(m_timeoutMs, 120'000);
    m_maxConnections = s.value(u"max_connections"_s).toInt(64);
    m_maxQueuedRequests = s.value(u"max_queued_requests"_s).toInt(256);
    m_maxQueuedBytes
        = static_cast<qint64>(s.value(u"max_queued_bytes"_s).toDouble(64.0 * 1024 * 1024));
    // A request must always fit the queue on its own, or it could never be accepted.
    m_maxQueuedBytes = std::max(m_maxQueuedBytes, m_limits.maxBodyBytes);
    m_pruneTimer.setInterval(kPruneIntervalMs);
    m_listenTimer.setInterval(kListenRetryMs);
    m_listenTimer.setSingleShot(true);
    connect(&m_listenTimer, &QTimer::timeout, this, &WebhookFeed::tryListen);
    connect(&m_watcher, &QFutureWatcher<Storage::BatchResult>::finished, this, [this] {
        if (m_inFlight) {
            finishBatch(m_inFlight->sequence, m_watcher.result());
        }
    });
    connect(&m_pruneTimer, &QTimer::timeout, this, &WebhookFeed::pruneReplayCache);
}

WebhookFeed::~WebhookFeed()
{
    if (m_running) {
        stop();
    }
    wipe(m_hmacSecret); // the key may have come from the vault
}

void WebhookFeed::setState(Storage::FeedState state, const QString &error)
{
    if (state == m_state && error == m_lastError) {
        return;
    }
    m_state = state;
    m_lastError = error;
    if (!error.isEmpty()) {
        qCWarning(lcWebhookFeed) << m_config.id << error;
    }
    m_writer->setFeedState(m_config.id, m_config.type, state, error);
    emit stateChanged(state, error);
}

void WebhookFeed::start(const QByteArray &storedCursor)
{
    Q_UNUSED(storedCursor) // a receiver has no position to resume: senders retry instead
    if (m_running) {
        return;
    }
    setState(Storage::FeedState::Starting);
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
    if (!m_path.startsWith('/')) {
        setState(Storage::FeedState::Down, tr("path must start with \"/\""));
        return;
    }
    // Secrets come from the environment or the vault. A named secret that cannot be had stops
    // the feed: it never falls back to accepting requests without authentication.
    m_tokenHash.clear();
    m_hmacSecret.clear();
    for (const QString &base : feedSecretBases()) {
        auto secret = feedSecret(m_config, base);
        if (!secret) {
            setState(Storage::FeedState::Down,
                tr("%1; the webhook does not accept requests without authentication")
                    .arg(secret.error()));
            return;
        }
        if (!secret->has_value()) {
            continue;
        }
        QByteArray value = std::move(secret).value().value();
        if (base == u"token"_s) {
            m_tokenHash = QCryptographicHash::hash(value, QCryptographicHash::Sha256);
            wipe(value);
        } else {
            m_hmacSecret = std::move(value);
        }
    }
    m_needsAuth = !m_tokenHash.isEmpty() || !m_hmacSecret.isEmpty();
    if (!m_needsAuth && !m_address.isLoopback()) {
        setState(Storage::FeedState::Down,
            tr("listening on %1 needs token_env or hmac_secret_env (or their _vault forms)")
                .arg(m_address.toString()));
        return;
    }

    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::newConnection, this, &WebhookFeed::onNewConnection);
    m_running = true;
    tryListen();
    m_pruneTimer.start();
}

void WebhookFeed::tryListen()
{
    if (!m_running || !m_server || m_server->isListening()) {
        return;
    }
    if (m_server->listen(m_address, m_port)) {
        qCInfo(lcWebhookFeed) << m_config.id << "listening on" << m_address << m_port;
        setState(Storage::FeedState::Healthy);
        return;
    }
    // The port may still be held by a process that is stopping: keep trying.
    setState(Storage::FeedState::Down,
        tr("cannot listen on %1:%2: %3")
            .arg(m_address.toString())
            .arg(m_port)
            .arg(m_server->errorString()));
    m_listenTimer.start();
}

void WebhookFeed::stop()
{
    if (!m_running) {
        return;
    }
    m_running = false;
    if (m_server) {
        m_server->close();
        delete m_server;
        m_server = nullptr;
    }
    // A clean stop: every request already accepted is committed and answered; requests that are
    // still arriving are refused with 503 so that their senders retry elsewhere or later.
    submitIfIdle();
    while (m_inFlight) {
        const quint64 sequence = m_inFlight->sequence;
        m_inFlight->future.waitForFinished();
        const Storage::BatchResult result = m_inFlight->future.result();
        finishBatch(sequence, result);
    }
    const QList<Connection *> connections = m_connections.values();
    for (Connection *c : connections) {
        if (c->phase == Connection::Phase::Reading) {
            answerError(c, 503, u"the feed is stopping"_s, true, { { "Retry-After", "5" } });
        }
        if (c->socket->bytesToWrite() > 0) {
            c->socket->waitForBytesWritten(kStopFlushMs);
        }
        dropConnection(c);
    }
    m_pruneTimer.stop();
    m_listenTimer.stop();
    setState(Storage::FeedState::Stopped);
}

void WebhookFeed::onNewConnection()
{
    while (QTcpSocket *socket = m_server ? m_server->nextPendingConnection() : nullptr) {
        int active = 0;
        for (const Connection *c : std::as_const(m_connections)) {
            active += c->phase != Connection::Phase::Closing ? 1 : 0;
        }
        // Connections being closed are bounded too, so a flood cannot grow memory.
        if (!m_running || m_connections.size() >= 2 * m_maxConnections + 16) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto *c = new Connection;
        c->setParent(this);
        c->id = m_nextConnection++;
        c->socket = socket;
        c->parser = HttpRequestParser(m_limits);
        socket->setParent(c);
        // Unread bytes stay in the kernel while a request waits: TCP slows the sender down.
        socket->setReadBufferSize(kReadChunk);
        m_connections.insert(c->id, c);
        c->deadline.setSingleShot(true);
        connect(&c->deadline, &QTimer::timeout, c, [this, c] { onDeadline(c); });
        connect(socket, &QTcpSocket::readyRead, c, [this, c] { onReadyRead(c); });
        connect(socket, &QTcpSocket::bytesWritten, c, [this, c] {
            if (c->phase == Connection::Phase::Closing) {
                closeGracefully(c);
            }
        });
        connect(socket, &QTcpSocket::disconnected, c, [this, c] {
            if (c->phase == Connection::Phase::Waiting) {
                c->gone = true; // answered (to nobody) when its batch commits
            } else if (c->phase != Connection::Phase::Dead) {
                dropConnection(c);
            }
        });
        if (active >= m_maxConnections) {
            answerError(c, 503, u"too many connections"_s, true, { { "Retry-After", "1" } });
            continue;
        }
        c->deadline.start(m_idleTimeoutMs);
        if (socket->bytesAvailable() > 0) {
            processInput(c);
        }
    }
}

void WebhookFeed::onReadyRead(Connection *c)
{
    if (c->phase == Connection::Phase::Closing) {
        c->socket->readAll(); // a refused body still arriving: discard it
        return;
    }
    processInput(c);
}

void WebhookFeed::onDeadline(Connection *c)
{
    switch (c->phase) {
    case Connection::Phase::Idle:
        dropConnection(c);
        break;
    case Connection::Phase::Reading:
        // A slow or stalled client (slow-loris, or a body shorter than its Content-Length):
        // nothing of the request is stored.
        answerError(c, 408,
            c->parser.readingBody() ? u"the body did not arrive in time"_s
                                    : u"the request head did not arrive in time"_s,
            true);
        break;
    case Connection::Phase::Closing:
        dropConnection(c);
        break;
    case Connection::Phase::Waiting:
    case Connection::Phase::Dead:
        break;
    }
}

void WebhookFeed::processInput(Connection *c)
{
    while (c->phase == Connection::Phase::Idle || c->phase == Connection::Phase::Reading) {
        if (c->socket->bytesAvailable() > 0) {
            c->parser.append(c->socket->read(kReadChunk));
        }
        switch (c->parser.next()) {
        case HttpRequestParser::Event::NeedMore:
            if (c->parser.inRequest() && c->phase == Connection::Phase::Idle) {
                c->phase = Connection::Phase::Reading;
                c->deadline.start(m_timeoutMs); // the whole head must arrive within it
            }
            if (c->socket->bytesAvailable() > 0) {
                continue;
            }
            return;
        case HttpRequestParser::Event::Head:
            c->phase = Connection::Phase::Reading;
            if (!checkHead(c)) {
                return;
            }
            c->deadline.start(m_timeoutMs); // and then the whole body
            continue;
        case HttpRequestParser::Event::Complete:
            c->deadline.stop();
            handleRequest(c, c->parser.takeRequest());
            return;
        case HttpRequestParser::Event::Error:
            answerError(c, c->parser.errorStatus(), c->parser.errorText(), true);
            return;
        }
    }
}

QString WebhookFeed::authenticateHead(Connection *c, const HttpRequest &head)
{
    c->authorized = !m_needsAuth;
    if (!m_needsAuth) {
        return {};
    }
    const QByteArray authorization = head.header("authorization");
    const bool bearer = authorization.size() > 7
        && authorization.first(7).compare("bearer ", Qt::CaseInsensitive) == 0;
    if (!m_tokenHash.isEmpty() && bearer) {
        const QByteArray given
            = QCryptographicHash::hash(authorization.mid(7).trimmed(), QCryptographicHash::Sha256);
        if (constantTimeEquals(given, m_tokenHash)) {
            c->authorized = true;
            return {};
        }
        if (m_hmacSecret.isEmpty()) {
            return u"invalid bearer token"_s;
        }
    }
    if (m_hmacSecret.isEmpty()) {
        return authorization.isEmpty() ? u"no credentials"_s : u"invalid bearer token"_s;
    }
    const QByteArray timestamp = head.header("x-lakeguard-timestamp");
    const QByteArray signature = head.header("x-lakeguard-signature");
    if (timestamp.isEmpty() || signature.isEmpty()) {
        return authorization.isEmpty() ? u"no credentials"_s
                                       : u"invalid bearer token and no signature"_s;
    }
    bool ok = timestamp.size() <= 12;
    for (char ch : timestamp) {
        ok = ok && ch >= '0' && ch <= '9';
    }
    if (!ok) {
        return u"invalid X-Lakeguard-Timestamp"_s;
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (std::abs(now - timestamp.toLongLong()) > kReplayWindowS) {
        return u"X-Lakeguard-Timestamp is outside the replay window of %1 s"_s.arg(kReplayWindowS);
    }
    if (!signature.startsWith("sha256=") || signature.size() != 7 + 64) {
        return u"malformed X-Lakeguard-Signature"_s;
    }
    return {}; // the signature itself is checked once the body is in
}

QString WebhookFeed::authenticateBody(Connection *c, const HttpRequest &request)
{
    if (c->authorized) {
        return {};
    }
    const QByteArray timestamp = request.header("x-lakeguard-timestamp");
    const QByteArray given = QByteArray::fromHex(request.header("x-lakeguard-signature").mid(7));
    const QByteArray expected = QMessageAuthenticationCode::hash(
        timestamp + '.' + request.body, m_hmacSecret, QCryptographicHash::Sha256);
    if (!constantTimeEquals(given, expected)) {
        return u"invalid signature"_s;
    }
    // The window is checked again: a slow upload may have outlived it.
    const qint64 ts = timestamp.toLongLong();
    if (std::abs(QDateTime::currentSecsSinceEpoch() - ts) > kReplayWindowS) {
        return u"X-Lakeguard-Timestamp is outside the replay window of %1 s"_s.arg(kReplayWindowS);
    }
    // Each signature is accepted once while its timestamp is inside the window; after that the
    // window check refuses it, so the cache only holds signatures of the last 600 s.
    if (m_seenSignatures.contains(expected)) {
        return u"signature already used (replay)"_s;
    }
    m_seenSignatures.insert(expected, (ts + kReplayWindowS + 1) * 1000);
    c->signature = expected;
    return {};
}

bool WebhookFeed::checkHead(Connection *c)
{
    const HttpRequest &head = c->parser.request();
    // An early refusal of a request with a body closes the connection (after a short linger):
    // the body that follows is not read.
    const bool hasBody = head.contentLength > 0;
    const bool close = hasBody || !head.keepAlive || head.minorVersion < 1;
    auto refuse = [&](int status, const QString &reason, const Headers &extra = {}) {
        if (!hasBody) {
            c->parser.takeRequest();
        }
        answerError(c, status, reason, close, extra);
        return false;
    };
    if (head.path != m_path) {
        return refuse(404, u"no such path"_s);
    }
    if (head.method != "POST") {
        return refuse(405, u"only POST is accepted"_s, { { "Allow", "POST" } });
    }
    if (const QString why = authenticateHead(c, head); !why.isEmpty()) {
        qCInfo(lcWebhookFeed) << m_config.id << "refused" << c->socket->peerAddress() << why;
        return refuse(401, why, { { "WWW-Authenticate", "Bearer" } });
    }
    if (m_queuedRequests >= m_maxQueuedRequests
        || m_queuedBytes + head.contentLength > m_maxQueuedBytes) {
        setState(Storage::FeedState::Degraded,
            tr("backpressure: more requests wait for the store than the queue holds"));
        return refuse(
            503, u"too many requests are waiting for the store"_s, { { "Retry-After", "1" } });
    }
    c->reserved = true;
    c->reservedBytes = head.contentLength;
    ++m_queuedRequests;
    m_queuedBytes += head.contentLength;
    c->keepAlive = head.keepAlive && head.minorVersion >= 1;
    if (head.expectContinue) {
        c->socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    return true;
}

void WebhookFeed::normalizeInto(
    const QByteArray &body, Pending &p, Storage::IngestBatch &batch) const
{
    // A body is one JSON document (an Alertmanager payload, compact or pretty-printed) or JSON
    // lines / a JSON array of records.
    QList<Core::RawRecord> records;
    const QByteArray trimmed = body.trimmed();
    const bool oneLine = !trimmed.contains('\n');
    if (oneLine || m_config.format == u"alertmanager"_s
        || QJsonDocument::fromJson(trimmed).isObject()) {
        records.append(Core::RawRecord { body, 0, {} });
    } else {
        Core::RecordSplitter splitter;
        splitter.feed(body, records);
        splitter.finish(records);
    }
    const Core::NormalizeContext ctx { m_config.id, Core::nowMs() };
    for (const Core::RawRecord &record : std::as_const(records)) {
        const qsizetype alerts = batch.alerts.size();
        const qsizetype quarantined = batch.quarantined.size();
        const qint64 skipped = batch.skipped;
        addRecord(*m_normalizer, record, ctx, batch);
        p.alerts += int(batch.alerts.size() - alerts);
        p.quarantined += int(batch.quarantined.size() - quarantined);
        p.skipped += batch.skipped - skipped;
        if (p.firstReason.isEmpty() && batch.quarantined.size() > quarantined) {
            p.firstReason = batch.quarantined.at(quarantined).reason;
        }
    }
    batch.bytes += body.size();
}

void WebhookFeed::handleRequest(Connection *c, HttpRequest request)
{
    if (const QString why = authenticateBody(c, request); !why.isEmpty()) {
        qCInfo(lcWebhookFeed) << m_config.id << "refused" << c->socket->peerAddress() << why;
        answerError(c, 401, why, !c->keepAlive, { { "WWW-Authenticate", "Bearer" } });
        return;
    }
    if (request.body.trimmed().isEmpty()) {
        answerError(c, 400, u"empty body"_s, !c->keepAlive);
        return;
    }
    if (!m_open) {
        m_open = std::make_unique<Batch>();
    }
    Pending p;
    p.connection = c->id;
    p.signature = std::exchange(c->signature, {});
    normalizeInto(request.body, p, m_open->batch);
    m_open->requests.append(std::move(p));
    c->phase = Connection::Phase::Waiting;
    submitIfIdle();
}

void WebhookFeed::submitIfIdle()
{
    // One batch in flight at a time; requests arriving meanwhile share the next one, so under
    // load many requests are committed in one transaction (group commit).
    if (m_inFlight || !m_open || m_open->requests.isEmpty()) {
        return;
    }
    m_inFlight = std::move(m_open);
    m_inFlight->sequence = m_nextBatch++;
    m_inFlight->batch.feed = m_config.id;
    m_inFlight->batch.feedType = m_config.type;
    m_inFlight->future = m_writer->submit(std::move(m_inFlight->batch));
    m_watcher.setFuture(m_inFlight->future);
}

void WebhookFeed::finishBatch(quint64 sequence, const Storage::BatchResult &result)
{
    if (!m_inFlight || m_inFlight->sequence != sequence) {
        return; // already answered by stop()
    }
    const std::unique_ptr<Batch> done = std::move(m_inFlight);
    if (result.ok) {
        // Back to healthy once the queue has drained to half, so that a feed under sustained
        // overload does not flip (and write its state) with every batch.
        if (m_state != Storage::FeedState::Degraded
            || (m_queuedRequests * 2 <= m_maxQueuedRequests
                && m_queuedBytes * 2 <= m_maxQueuedBytes)) {
            setState(Storage::FeedState::Healthy);
        }
    } else {
        setState(Storage::FeedState::Degraded, tr("store: %1").arg(result.error));
    }
    for (const Pending &p : done->requests) {
        if (!result.ok && !p.signature.isEmpty()) {
            m_seenSignatures.remove(p.signature); // not stored: the same request may come again
        }
        Connection *c = m_connections.value(p.connection);
        if (!c) {
            continue;
        }
        if (c->gone) {
            dropConnection(c);
            continue;
        }
        if (!result.ok) {
            answerError(c, 503, u"the store could not commit the alerts"_s, !c->keepAlive,
                { { "Retry-After", "5" } });
            continue;
        }
        QJsonObject o { { u"alerts"_s, p.alerts }, { u"quarantined"_s, p.quarantined },
            { u"skipped"_s, qint64(p.skipped) } };
        if (p.alerts == 0 && p.quarantined > 0) {
            // Stored, but only in quarantine: a 4xx tells the sender its payload is wrong, and
            // Alertmanager (which retries 5xx only) does not send it again.
            o.insert(u"error"_s, u"stored in quarantine: %1"_s.arg(p.firstReason));
            answer(c, 400, QJsonDocument(o).toJson(QJsonDocument::Compact), !c->keepAlive);
        } else {
            o.insert(u"status"_s, u"stored"_s);
            answer(c, 200, QJsonDocument(o).toJson(QJsonDocument::Compact), !c->keepAlive);
        }
    }
    submitIfIdle();
}

void WebhookFeed::answerError(
    Connection *c, int status, const QString &reason, bool close, const Headers &extra)
{
    answer(c, status,
        QJsonDocument(QJsonObject { { u"error"_s, reason } }).toJson(QJsonDocument::Compact), close,
        extra);
}

void WebhookFeed::answer(
    Connection *c, int status, const QByteArray &body, bool close, const Headers &extra)
{
    release(c);
    if (c->phase == Connection::Phase::Dead || c->phase == Connection::Phase::Closing) {
        return;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' '
        + HttpRequestParser::reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n";
    for (const auto &[name, value] : extra) {
        out += name + ": " + value + "\r\n";
    }
    if (close) {
        out += "Connection: close\r\n";
    }
    out += "\r\n" + body;
    c->socket->write(out);
    if (close) {
        closeGracefully(c);
        return;
    }
    c->phase = Connection::Phase::Idle;
    c->deadline.start(m_idleTimeoutMs);
    // Pipelined bytes may already wait; read on from the event loop, not from inside a handler.
    QMetaObject::invokeMethod(
        c, [this, c] { processInput(c); }, Qt::QueuedConnection);
}

void WebhookFeed::release(Connection *c)
{
    if (c->reserved) {
        c->reserved = false;
        --m_queuedRequests;
        m_queuedBytes -= c->reservedBytes;
        c->reservedBytes = 0;
    }
}

void WebhookFeed::closeGracefully(Connection *c)
{
    if (c->phase == Connection::Phase::Dead) {
        return;
    }
    if (c->phase != Connection::Phase::Closing) {
        c->phase = Connection::Phase::Closing;
        c->deadline.start(kLingerMs);
        c->socket->flush();
    }
    // Shut only our side once the answer is out and keep reading: closing outright with unread
    // input makes the kernel send RST, and the client may lose the answer (a 413, a 401).
    if (!c->shutDown && c->socket->bytesToWrite() == 0) {
        c->shutDown = true;
#ifdef Q_OS_UNIX
        ::shutdown(int(c->socket->socketDescriptor()), SHUT_WR);
#else
        c->socket->disconnectFromHost();
#endif
        c->socket->readAll();
    }
}

void WebhookFeed::dropConnection(Connection *c)
{
    if (c->phase == Connection::Phase::Dead) {
        return;
    }
    release(c);
    c->phase = Connection::Phase::Dead;
    c->deadline.stop();
    m_connections.remove(c->id);
    c->socket->disconnect(c);
    c->socket->abort();
    c->deleteLater();
}

void WebhookFeed::pruneReplayCache()
{
    const qint64 now = Core::nowMs();
    for (auto it = m_seenSignatures.begin(); it != m_seenSignatures.end();) {
        it = it.value() < now ? m_seenSignatures.erase(it) : std::next(it);
    }
}

} // namespace Lakeguard::Feeds
