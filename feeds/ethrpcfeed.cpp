// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ethrpcfeed.h"

#include "ethrpcadapter.h"
#include "fabricadapter.h"
#include "fiscobcosadapter.h"
#include "futurecallback.h"
#include "storewriter.h"
#include "tlspin.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QPointer>
#include <QUrl>
#include <QWebSocket>

#include <utility>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcChainFeed, "lakeguard.feeds.chain")

namespace Lakeguard::Feeds {

namespace {
constexpr qint64 kMaxBodyBytes = 16LL * 1024 * 1024;
constexpr qint64 kReadBufferBytes = 256LL * 1024;
constexpr int kWsRetryMs = 5'000;
} // namespace

QString EthRpcFeed::httpError(const Reply &r)
{
    return r.status == 429 ? u"HTTP 429: the node is rate-limiting"_s : u"HTTP %1"_s.arg(r.status);
}

struct EthRpcFeed::WsNode
{
    QWebSocket socket;
    QTimer retry;
    bool subscribed = false;
};

EthRpcFeed::EthRpcFeed(FeedConfig config, Storage::StoreWriter *writer, QObject *parent)
    : Feed(parent)
    , m_config(std::move(config))
    , m_writer(writer)
    , m_monitor(ChainMonitorConfig::fromFeed(m_config))
    , m_network(this)
    , m_timer(this)
{
    const QJsonObject &s = m_config.settings;
    for (const QJsonValue n : s.value(u"nodes"_s).toArray()) {
        m_nodes.append(n.toString());
    }
    m_kind = s.value(u"kind"_s).toString(u"eth"_s);
    m_group = int(s.value(u"group"_s).toInteger(1));
    m_channel = s.value(u"channel"_s).toString();
    m_useWebSocket = m_kind == u"eth"_s && s.value(u"ws"_s).toBool(true);
    m_intervalMs = qint64(s.value(u"interval_s"_s).toDouble(5) * 1000);
    m_timeoutMs
        = int(s.value(u"timeout_s"_s).toDouble(std::clamp(double(m_intervalMs) / 1000, 2.0, 10.0))
            * 1000);
    if (auto pins = feedTlsPins(m_config, &m_tlsError)) {
        m_pins = *pins;
    }
    const QString caFile = s.value(u"ca_file"_s).toString();
    if (m_tlsError.isEmpty() && !feedSslConfiguration(caFile, &m_ssl)) {
        m_tlsError = tr("cannot read CA certificates from %1").arg(caFile);
    }
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &EthRpcFeed::pollNow);
}

EthRpcFeed::~EthRpcFeed()
{
    m_running = false;
    for (auto &ws : m_ws) {
        ws->socket.abort();
    }
}

int EthRpcFeed::webSocketCount() const
{
    return int(
        std::count_if(m_ws.begin(), m_ws.end(), [](const auto &w) { return w->subscribed; }));
}

void EthRpcFeed::setState(Storage::FeedState state, const QString &error)
{
    if (state == m_state && error == m_lastError) {
        return;
    }
    m_state = state;
    m_lastError = error;
    m_writer->setFeedState(m_config.id, m_config.type, state, error);
    emit stateChanged(state, error);
}

void EthRpcFeed::start(const QByteArray &storedCursor)
{
    if (m_kind != u"eth"_s && m_kind != u"fisco"_s && m_kind != u"fabric"_s) {
        setState(Storage::FeedState::Down, tr("unknown chain kind \"%1\"").arg(m_kind));
        return;
    }
    if (!m_tlsError.isEmpty()) {
        setState(Storage::FeedState::Down, m_tlsError);
        return;
    }
    if (!m_pins.isEmpty()) {
        for (const QString &node : std::as_const(m_nodes)) {
            if (QUrl(node).scheme() != u"https"_s) {
                setState(Storage::FeedState::Down,
                    tr("tls_pin_sha256 needs https node URLs (%1 is not)").arg(node));
                return;
            }
        }
    }
    m_monitor.restoreState(storedCursor);
    m_running = true;
    setState(Storage::FeedState::Starting);
    if (m_useWebSocket) {
        for (int i = 0; i < m_nodes.size(); ++i) {
            m_ws.push_back(std::make_unique<WsNode>());
            connectWebSocket(i);
        }
    }
    pollNow();
}

void EthRpcFeed::stop()
{
    m_running = false;
    m_timer.stop();
    ++m_round; // late replies of the running round are ignored
    m_inRound = false;
    for (auto &ws : m_ws) {
        ws->retry.stop();
        ws->socket.abort();
    }
    setState(Storage::FeedState::Stopped);
}

void EthRpcFeed::connectWebSocket(int index)
{
    WsNode *w = m_ws.at(index).get();
    QUrl url(m_nodes.at(index));
    const bool secure = url.scheme() == u"https"_s;
    url.setScheme(secure ? u"wss"_s : u"ws"_s);
    if (secure) {
        w->socket.setSslConfiguration(m_ssl);
    }
    if (!w->retry.property("wired").toBool()) {
        w->retry.setProperty("wired", true);
        w->retry.setSingleShot(true);
        connect(&w->retry, &QTimer::timeout, this, [this, index] {
            if (m_running) {
                connectWebSocket(index);
            }
        });
        connect(&w->socket, &QWebSocket::connected, this, [this, w, secure, host = url.host()] {
            // The subscription carries no secret, but a wrong server's heads must not count.
            if (secure
                && !checkTlsPin(m_pins, w->socket.sslConfiguration().peerCertificate(), host)
                        .isEmpty()) {
                w->socket.abort();
                return;
            }
            w->socket.sendTextMessage(
                u"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}"_s);
        });
        connect(&w->socket, &QWebSocket::disconnected, this, [this, w] {
            const bool wasSubscribed = std::exchange(w->subscribed, false);
            if (m_running) {
                w->retry.start(std::max<qint64>(kWsRetryMs, m_intervalMs));
                if (wasSubscribed) {
                    pollNow(); // a dropped subscription often means a node going down
                }
            }
        });
        connect(&w->socket, &QWebSocket::textMessageReceived, this,
            [this, w, index](const QString &text) {
                const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
                if (o.value(u"id"_s).toInteger() == 1 && o.value(u"result"_s).isString()) {
                    w->subscribed = true;
                    return;
                }
                if (o.value(u"method"_s).toString() == u"eth_subscription"_s) {
                    emit newHead(m_nodes.at(index));
                    if (m_inRound) {
                        m_again = true;
                    } else {
                        pollNow();
                    }
                }
            });
    }
    w->socket.open(url);
}

void EthRpcFeed::post(const QString &url, const QByteArray &body, ReplyHandler done)
{
    QNetworkRequest request { QUrl(url) };
    const bool https = request.url().scheme() == u"https"_s;
    if (https) {
        request.setSslConfiguration(m_ssl); // TLS 1.2+, ca_file; verification stays on
    }
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setRawHeader("User-Agent", "Lakeguard/" LAKEGUARD_VERSION);
    request.setTransferTimeout(m_timeoutMs);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QNetworkReply *reply = body.isNull() ? m_network.get(request) : m_network.post(request, body);
    // A node's answer is held in memory until parsed: it is read as it arrives (Qt's own buffer
    // kept small), and past kMaxBodyBytes dropped, whether announced (Content-Length) or
    // streamed, so a hostile or broken node cannot make the feed hold more than that.
    reply->setReadBufferSize(kReadBufferBytes);
    struct Received
    {
        QByteArray body;
        bool tooLarge = false;
    };
    auto got = std::make_shared<Received>();
    auto pinError = std::make_shared<QString>();
    if (https && !m_pins.isEmpty()) {
        // After certificate verification, before the request body is sent.
        connect(reply, &QNetworkReply::encrypted, reply, [this, reply, pinError] {
            *pinError = checkTlsPin(
                m_pins, reply->sslConfiguration().peerCertificate(), reply->url().host());
            if (!pinError->isEmpty()) {
                reply->abort();
            }
        });
    }
    connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, got] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > kMaxBodyBytes) {
            got->tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::readyRead, reply, [reply, got] {
        if (got->tooLarge) {
            return;
        }
        got->body += reply->read(kMaxBodyBytes + 1 - got->body.size());
        if (got->body.size() > kMaxBodyBytes) {
            got->tooLarge = true;
            got->body.clear();
            got->body.squeeze();
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this,
        [this, reply, timer, got, https, pinError, done = std::move(done)] {
            reply->deleteLater();
            // A reused connection emits no `encrypted`: its certificate is checked here too.
            if (pinError->isEmpty() && https && !m_pins.isEmpty()
                && reply->error() == QNetworkReply::NoError) {
                *pinError = checkTlsPin(
                    m_pins, reply->sslConfiguration().peerCertificate(), reply->url().host());
            }
            Reply r;
            r.latencyMs = int(timer->elapsed());
            r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            // Any HTTP answer; transport errors are not.
            r.ok = r.status > 0 && !got->tooLarge && pinError->isEmpty();
            if (!pinError->isEmpty()) {
                // Checked first: a pin abort is reported as a cancel too.
                r.status = 0;
                r.error = *pinError;
            } else if (got->tooLarge) {
                r.error = u"answer larger than %1 MiB: dropped"_s.arg(kMaxBodyBytes >> 20);
            } else if (reply->error() == QNetworkReply::OperationCanceledError) {
                // Only the transfer timeout cancels a reply here (size and pin are above).
                r.ok = false;
                r.error = u"no complete answer within %1 s"_s.arg(double(m_timeoutMs) / 1000);
            } else if (!r.ok) {
                r.error = reply->errorString();
            } else if (reply->error() != QNetworkReply::NoError && r.status == 200) {
                // An answer cut short (connection closed before Content-Length bytes).
                r.ok = false;
                r.error = u"incomplete answer: %1"_s.arg(reply->errorString());
            } else {
                got->body += reply->readAll();
                m_answerBytes += got->body.size();
                r.body = std::move(got->body);
                if (r.body.size() > kMaxBodyBytes) {
                    r.ok = false;
                    r.body.clear();
                    r.error = u"answer larger than %1 MiB: dropped"_s.arg(kMaxBodyBytes >> 20);
                }
            }
            done(r);
        });
}

void EthRpcFeed::get(const QString &url, ReplyHandler done)
{
    post(url, QByteArray(), std::move(done));
}

void EthRpcFeed::rpcBatch(const QString &url, const QJsonArray &calls, bool asBatch,
    std::function<void(const QHash<qint64, QJsonObject> &, const Reply &)> done)
{
    if (asBatch) {
        post(url, QJsonDocument(calls).toJson(QJsonDocument::Compact),
            [done = std::move(done)](const Reply &r) {
                QHash<qint64, QJsonObject> responses;
                Reply out = r;
                if (r.ok && r.status == 200) {
                    responses = EthRpc::parseResponses(r.body, &out.error);
                    out.ok = out.error.isEmpty();
                } else if (r.ok) {
                    out.ok = false;
                    out.error = httpError(r);
                }
                done(responses, out);
            });
        return;
    }
    // One request per call (for servers without batch support), gathered.
    struct Gather
    {
        QHash<qint64, QJsonObject> responses;
        Reply reply;
        qsizetype left = 0;
    };
    auto g = std::make_shared<Gather>();
    g->left = calls.size();
    g->reply.ok = true;
    g->reply.latencyMs = 0;
    for (const QJsonValue c : calls) {
        post(url, QJsonDocument(c.toObject()).toJson(QJsonDocument::Compact),
            [g, done](const Reply &r) {
                g->reply.latencyMs = std::max(g->reply.latencyMs, r.latencyMs);
                if (!r.ok || r.status != 200) {
                    g->reply.ok = false;
                    g->reply.error = r.ok ? httpError(r) : r.error;
                } else {
                    QString error;
                    const auto one = EthRpc::parseResponses(r.body, &error);
                    for (auto it = one.begin(); it != one.end(); ++it) {
                        g->responses.insert(it.key(), it.value());
                    }
                }
                if (--g->left == 0) {
                    done(g->responses, g->reply);
                }
            });
    }
}

void EthRpcFeed::pollNow()
{
    if (!m_running) {
        return;
    }
    if (m_inRound) {
        m_again = true;
        return;
    }
    m_timer.stop();
    m_inRound = true;
    m_again = false;
    const quint64 round = ++m_round;
    m_samples = QList<NodeSample>(m_nodes.size());
    m_outstanding = int(m_nodes.size());
    for (int i = 0; i < m_nodes.size(); ++i) {
        pollNode(i, round);
    }
}

void EthRpcFeed::pollNode(int index, quint64 round)
{
    const QString node = m_nodes.at(index);
    auto finish = [this, index, round, node](NodeSample s, const Reply &r) {
        s.node = node;
        s.observed = Core::nowMs();
        s.latencyMs = r.latencyMs;
        if (!r.ok) {
            s.up = false;
            if (s.error.isEmpty()) {
                s.error = r.error;
            }
        }
        nodeDone(index, round, std::move(s));
    };
    if (m_kind == u"fabric"_s) {
        QString base = node;
        while (base.endsWith(u'/')) {
            base.chop(1);
        }
        get(base + u"/healthz"_s, [this, base, finish](const Reply &health) {
            if (!health.ok) {
                finish(NodeSample {}, health);
                return;
            }
            get(base + u"/metrics"_s, [this, health, finish](const Reply &metrics) {
                NodeSample s;
                Reply r = metrics;
                r.latencyMs = health.latencyMs;
                if (metrics.ok) {
                    s.up = Fabric::parse(health.status, health.body,
                        metrics.status == 200 ? metrics.body : QByteArray(), m_channel, s);
                }
                finish(s, r);
            });
        });
        return;
    }
    if (m_kind == u"fisco"_s) {
        QJsonArray calls;
        for (const QJsonObject &c : FiscoBcos::roundRequests(m_group)) {
            calls.append(c);
        }
        rpcBatch(node, calls, false, [this, finish](const EthRpc::Responses &resp, const Reply &r) {
            NodeSample s;
            if (r.ok) {
                s.up = FiscoBcos::parseRound(resp, m_group, s);
            }
            finish(s, r);
        });
        return;
    }
    rpcBatch(node, EthRpc::roundRequests(), true,
        [finish](const EthRpc::Responses &resp, const Reply &r) {
            NodeSample s;
            if (r.ok) {
                s.up = EthRpc::parseRound(resp, s);
            }
            finish(s, r);
        });
}

void EthRpcFeed::nodeDone(int index, quint64 round, NodeSample sample)
{
    if (round != m_round || !m_running) {
        return;
    }
    m_samples[index] = std::move(sample);
    if (--m_outstanding == 0) {
        fetchHashes(round);
    }
}

// Second step of a round: block hashes at the heights the monitor needs (fork, reorg depth).
void EthRpcFeed::fetchHashes(quint64 round)
{
    const QMap<QString, QList<qint64>> wanted = m_monitor.heightsWanted(m_samples);
    if (wanted.isEmpty() || m_kind == u"fabric"_s) {
        evaluate(round);
        return;
    }
    m_outstanding = int(wanted.size());
    for (auto it = wanted.begin(); it != wanted.end(); ++it) {
        const int index = int(m_nodes.indexOf(it.key()));
        const QList<qint64> &heights = it.value();
        QJsonArray calls;
        if (m_kind == u"fisco"_s) {
            for (const QJsonObject &c : FiscoBcos::hashRequests(m_group, heights)) {
                calls.append(c);
            }
        } else {
            calls = EthRpc::blockRequests(heights, false);
        }
        rpcBatch(it.key(), calls, m_kind == u"eth"_s,
            [this, round, index, heights](const EthRpc::Responses &resp, const Reply &) {
                if (round != m_round || !m_running) {
                    return;
                }
                for (qsizetype i = 0; i < heights.size(); ++i) {
                    const QJsonValue result = resp.value(i + 1).value(u"result"_s);
                    const QString hash = result.isObject()
                        ? result.toObject().value(u"hash"_s).toString().toLower()
                        : result.toString().toLower();
                    if (!hash.isEmpty()) {
                        m_samples[index].hashesAt.insert(heights.at(i), hash);
                    }
                }
                if (--m_outstanding == 0) {
                    evaluate(round);
                }
            });
    }
}

void EthRpcFeed::evaluate(quint64 round)
{
    ChainMonitor::Outcome outcome = m_monitor.evaluate(m_samples, Core::nowMs());
    scanTransfers(round, std::move(outcome));
}

void EthRpcFeed::scanTransfers(quint64 round, ChainMonitor::Outcome outcome)
{
    QString node;
    const QList<qint64> heights
        = m_kind == u"eth"_s ? m_monitor.blocksToScan(&node) : QList<qint64>();
    if (heights.isEmpty()) {
        submit(std::move(outcome));
        return;
    }
    auto shared = std::make_shared<ChainMonitor::Outcome>(std::move(outcome));
    rpcBatch(node, EthRpc::blockRequests(heights, true), true,
        [this, round, node, heights, shared](const EthRpc::Responses &resp, const Reply &r) {
            if (round != m_round || !m_running) {
                return;
            }
            if (r.ok) {
                for (qsizetype i = 0; i < heights.size(); ++i) {
                    const QJsonObject block = resp.value(i + 1).value(u"result"_s).toObject();
                    if (block.isEmpty()) {
                        break; // not there (yet): scan it next round
                    }
                    shared->alerts += m_monitor.scanBlock(block, node, Core::nowMs());
                    m_monitor.markScanned(heights.at(i));
                }
            }
            submit(std::move(*shared));
        });
}

void EthRpcFeed::submit(ChainMonitor::Outcome outcome)
{
    int up = 0;
    QStringList down;
    for (const NodeSample &s : std::as_const(m_samples)) {
        if (s.up) {
            ++up;
        } else {
            down.append(u"%1: %2"_s.arg(s.node, s.error));
        }
    }
    Storage::IngestBatch batch;
    batch.feed = m_config.id;
    batch.feedType = m_config.type;
    batch.alerts = std::move(outcome.alerts);
    batch.chain = std::move(outcome.observations);
    batch.cursor = m_monitor.saveState();
    batch.bytes = std::exchange(m_answerBytes, 0);
    const int alerts = int(batch.alerts.size());
    const quint64 round = m_round;
    Core::whenFinished(m_writer->submit(std::move(batch)), this,
        [this, round, alerts, up, down](const Storage::BatchResult &r) {
            if (round != m_round || !m_running) {
                return;
            }
            if (!r.ok) {
                setState(Storage::FeedState::Degraded, tr("store: %1").arg(r.error));
            } else if (up == 0) {
                setState(Storage::FeedState::Down, down.join(u"; "_s));
            } else if (!down.isEmpty()) {
                setState(Storage::FeedState::Degraded, down.join(u"; "_s));
            } else {
                setState(Storage::FeedState::Healthy);
            }
            emit roundFinished(alerts);
            roundEnded();
        });
}

void EthRpcFeed::roundEnded()
{
    m_inRound = false;
    if (!m_running) {
        return;
    }
    if (m_again) {
        QTimer::singleShot(0, this, &EthRpcFeed::pollNow);
    } else {
        m_timer.start(m_intervalMs);
    }
}

} // namespace Lakeguard::Feeds
