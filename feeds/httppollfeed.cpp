// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httppollfeed.h"

#include "feedsecret.h"
#include "futurecallback.h"
#include "recordsplitter.h"
#include "storewriter.h"
#include "tlspin.h"
#include "vault.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QSslKey>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHttpFeed, "lakeguard.feeds.http")

namespace Lakeguard::Feeds {

namespace {
constexpr qint64 kMaxBodyBytes = 64LL * 1024 * 1024;
constexpr qint64 kMaxBackoffMs = 10LL * 60 * 1000;
} // namespace

QByteArray HttpCursor::toBytes() const
{
    return QJsonDocument(QJsonObject{{u"etag"_s, QString::fromLatin1(etag)},
                                     {u"last_modified"_s, QString::fromLatin1(lastModified)},
                                     {u"newest"_s, newest}})
        .toJson(QJsonDocument::Compact);
}

HttpCursor HttpCursor::fromBytes(const QByteArray &bytes)
{
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    HttpCursor c;
    c.etag = o.value(u"etag"_s).toString().toLatin1();
    c.lastModified = o.value(u"last_modified"_s).toString().toLatin1();
    c.newest = o.value(u"newest"_s).toInteger(0);
    return c;
}

qint64 HttpPollFeed::backoffMs(qint64 intervalMs, int failures, double jitter01)
{
    if (failures <= 0) {
        return intervalMs;
    }
    const qint64 cap = std::max(intervalMs, kMaxBackoffMs);
    const qint64 base = std::min(cap, intervalMs << std::min(failures, 16));
    // ±20 % so that many consoles do not retry a recovering server in lockstep.
    return static_cast<qint64>(double(base) * (0.8 + 0.4 * std::clamp(jitter01, 0.0, 1.0)));
}

HttpPollFeed::HttpPollFeed(FeedConfig config, Storage::StoreWriter *writer, QObject *parent)
    : Feed(parent)
    , m_config(std::move(config))
    , m_writer(writer)
    , m_normalizer(Core::makeNormalizer(m_config.format, m_config.map))
    , m_network(this)
    , m_timer(this)
{
    m_intervalMs = static_cast<qint64>(m_config.settings.value(u"interval_s"_s).toDouble(30) * 1000);
    m_timeoutMs = static_cast<int>(m_config.settings.value(u"timeout_s"_s).toDouble(10) * 1000);
    if (auto pins = feedTlsPins(m_config, &m_pinError)) {
        m_pins = *pins;
    }
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpPollFeed::pollNow);
}

HttpPollFeed::~HttpPollFeed()
{
    if (m_reply) {
        m_reply->abort();
    }
}

void HttpPollFeed::setState(Storage::FeedState state, const QString &error)
{
    if (state == m_state && error == m_lastError) {
        return;
    }
    m_state = state;
    m_lastError = error;
    if (!error.isEmpty()) {
        qCWarning(lcHttpFeed) << m_config.id << error;
    }
    m_writer->setFeedState(m_config.id, m_config.type, state, error);
    emit stateChanged(state, error);
}

void HttpPollFeed::start(const QByteArray &storedCursor)
{
    if (!m_normalizer) {
        setState(Storage::FeedState::Down, tr("unknown format \"%1\"").arg(m_config.format));
        return;
    }
    if (!m_pinError.isEmpty()) {
        setState(Storage::FeedState::Down, m_pinError);
        return;
    }
    if (!m_pins.isEmpty()
        && QUrl(m_config.settings.value(u"url"_s).toString()).scheme() != u"https"_s) {
        setState(Storage::FeedState::Down, tr("tls_pin_sha256 needs an https URL"));
        return;
    }
    m_cursor = HttpCursor::fromBytes(storedCursor);
    m_running = true;
    setState(Storage::FeedState::Starting);
    pollNow();
}

void HttpPollFeed::stop()
{
    m_running = false;
    m_timer.stop();
    if (m_reply) {
        m_reply->abort();
    }
    setState(Storage::FeedState::Stopped);
}

void HttpPollFeed::scheduleNext()
{
    if (m_running) {
        m_timer.start(backoffMs(m_intervalMs, m_failures, QRandomGenerator::global()->generateDouble()));
    }
}

void HttpPollFeed::fail(Storage::FeedState state, const QString &error)
{
    ++m_failures;
    setState(state, error);
    emit polled(0, 0);
    scheduleNext();
}

void HttpPollFeed::pollNow()
{
    if (!m_running || m_inFlight) {
        return;
    }
    QUrl url(m_config.settings.value(u"url"_s).toString());
    const QString cursorParam = m_config.settings.value(u"cursor_param"_s).toString();
    if (!cursorParam.isEmpty() && m_cursor.newest > 0) {
        QUrlQuery query(url);
        query.removeAllQueryItems(cursorParam);
        query.addQueryItem(cursorParam, Core::formatIsoTimestamp(m_cursor.newest));
        url.setQuery(query);
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json, application/x-ndjson, */*;q=0.5");
    request.setRawHeader("User-Agent", "Lakeguard/" LAKEGUARD_VERSION);
    // token_env or token_vault; a secret that cannot be had keeps the request unsent.
    auto token = feedSecret(m_config, u"token"_s);
    if (!token) {
        fail(Storage::FeedState::Down, token.error());
        return;
    }
    if (token->has_value()) {
        QByteArray header = "Bearer " + **token;
        request.setRawHeader("Authorization", header);
        wipe(header);
        QByteArray value = std::move(token).value().value();
        wipe(value);
    }
    if (!m_cursor.etag.isEmpty()) {
        request.setRawHeader("If-None-Match", m_cursor.etag);
    }
    if (!m_cursor.lastModified.isEmpty()) {
        request.setRawHeader("If-Modified-Since", m_cursor.lastModified);
    }
    const QString caFile = m_config.settings.value(u"ca_file"_s).toString();
    if (url.scheme() == u"https"_s) {
        QSslConfiguration ssl;
        if (!feedSslConfiguration(caFile, &ssl)) {
            fail(Storage::FeedState::Down, tr("cannot read CA certificates from %1").arg(caFile));
            return;
        }
        request.setSslConfiguration(ssl);
    }

    m_inFlight = true;
    QNetworkReply *reply = m_network.get(request);
    m_reply = reply;
    auto pinError = std::make_shared<QString>();
    if (!m_pins.isEmpty()) {
        // After verification and before the request (and its token) is sent.
        connect(reply, &QNetworkReply::encrypted, this, [this, reply, pinError] {
            *pinError = checkTlsPin(
                m_pins, reply->sslConfiguration().peerCertificate(), reply->url().host());
            if (!pinError->isEmpty()) {
                reply->abort();
            }
        });
    }
    connect(reply, &QNetworkReply::downloadProgress, this, [reply](qint64 received, qint64) {
        if (received > kMaxBodyBytes) {
            reply->setProperty("lakeguardTooLarge", true);
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, pinError] {
        reply->deleteLater();
        // A plain-http URL with a pin, or a reused connection: the answer's certificate must
        // match too.
        if (pinError->isEmpty() && !m_pins.isEmpty() && reply->error() == QNetworkReply::NoError) {
            *pinError = checkTlsPin(
                m_pins, reply->sslConfiguration().peerCertificate(), reply->url().host());
        }
        if (!pinError->isEmpty()) {
            m_inFlight = false;
            fail(Storage::FeedState::Down, *pinError);
            return;
        }
        finished(reply);
    });
}

void HttpPollFeed::finished(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->property("lakeguardTooLarge").toBool()) {
        m_inFlight = false;
        fail(Storage::FeedState::Degraded, tr("response larger than %1 bytes").arg(kMaxBodyBytes));
        return;
    }
    if (status == 304) {
        m_inFlight = false;
        m_failures = 0;
        setState(Storage::FeedState::Healthy);
        emit polled(status, 0);
        scheduleNext();
        return;
    }
    if (reply->error() != QNetworkReply::NoError || status < 200 || status >= 300) {
        m_inFlight = false;
        const QString what = status > 0
            ? tr("HTTP %1 from %2").arg(status).arg(reply->url().toDisplayString(QUrl::RemoveQuery))
            : reply->errorString();
        // Authentication and missing resources will not heal by retrying faster: down.
        const bool permanent = status == 401 || status == 403 || status == 404;
        fail(permanent ? Storage::FeedState::Down : Storage::FeedState::Degraded, what);
        return;
    }
    const QByteArray body = reply->readAll();
    HttpCursor next = m_cursor;
    next.etag = reply->rawHeader("ETag");
    next.lastModified = reply->rawHeader("Last-Modified");

    Core::RecordSplitter splitter;
    QList<Core::RawRecord> records;
    splitter.feed(body, records);
    splitter.finish(records);
    Storage::IngestBatch batch;
    batch.feed = m_config.id;
    batch.feedType = m_config.type;
    batch.bytes = body.size();
    const Core::NormalizeContext ctx{m_config.id, Core::nowMs()};
    for (const Core::RawRecord &rec : records) {
        next.newest = std::max(next.newest, addRecord(*m_normalizer, rec, ctx, batch));
    }
    batch.cursor = next.toBytes();
    Core::whenFinished(m_writer->submit(std::move(batch)), this,
        [this, next, status](const Storage::BatchResult &r) {
            m_inFlight = false;
            if (!r.ok) {
                // Not stored: the cursor stays, so the next poll fetches the same data again.
                fail(Storage::FeedState::Degraded, tr("store: %1").arg(r.error));
                return;
            }
            m_cursor = next;
            m_failures = 0;
            setState(Storage::FeedState::Healthy);
            emit polled(status, r.accepted);
            scheduleNext();
        });
}

} // namespace Lakeguard::Feeds
