// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by tst_webhookfeed and tst_alertmanager: a webhook feed running on its own thread as
// `lakeguard-cli serve` runs it, a free port, a blocking HTTP/1.1 client and Alertmanager payloads.

#include "feed.h"
#include "feedconfig.h"
#include "storewriter.h"
#include "webhookfeed.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <memory>

namespace WebhookTest {

using namespace Lakeguard;
using namespace Qt::StringLiterals;

inline quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return probe.serverPort();
}

// A feed on its own named thread, created from a FEEDS.json object through the real parser.
class RunningFeed : public QObject
{
public:
    RunningFeed(const QJsonObject &feedObject, Storage::StoreWriter *writer)
    {
        const QByteArray json
            = QJsonDocument(QJsonObject { { u"feeds"_s, QJsonArray { feedObject } } }).toJson();
        const auto configs = Feeds::parseFeedsConfig(json);
        if (!configs) {
            error = configs.error();
            return;
        }
        auto created = Feeds::createFeed(configs->first(), writer, &error);
        if (!created) {
            return;
        }
        feed = created.release();
        m_thread.setObjectName(u"feed-"_s + feed->objectName());
        feed->moveToThread(&m_thread);
        connect(&m_thread, &QThread::finished, feed, &QObject::deleteLater);
        if (auto *webhook = qobject_cast<Feeds::WebhookFeed *>(feed)) {
            connect(webhook, &Feeds::WebhookFeed::stateChanged, this,
                [this](Storage::FeedState s, const QString &e) {
                    state = s;
                    lastError = e;
                });
        }
        m_thread.start();
        QMetaObject::invokeMethod(feed, [f = feed] { f->start({}); });
    }

    ~RunningFeed() override { stop(); }

    void stop()
    {
        if (!feed) {
            return;
        }
        QMetaObject::invokeMethod(
            feed, [f = feed] { f->stop(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        feed = nullptr;
    }

    Feeds::Feed *feed = nullptr;
    QString error;
    Storage::FeedState state = Storage::FeedState::Stopped;
    QString lastError;

private:
    QThread m_thread;
};

struct HttpResponse
{
    int status = 0;
    QByteArray head;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0
                && QByteArrayView(line).first(colon).compare(name, Qt::CaseInsensitive) == 0) {
                return line.mid(colon + 1).trimmed();
            }
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// A blocking HTTP/1.1 client over one connection (the feed runs on another thread).
class Client
{
public:
    bool connectTo(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.waitForConnected(10'000);
    }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.waitForBytesWritten(10'000);
    }

    // Drops the connection at once (RST), as a sender that dies mid-request.
    void abort() { m_socket.abort(); }

    // The next response (1xx included), or status 0 when none came within `timeoutMs` or the
    // connection closed first.
    HttpResponse read(int timeoutMs = 15'000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (true) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end >= 0) {
                HttpResponse r;
                r.head = m_buffer.left(end);
                const QList<QByteArray> statusLine = r.head.split('\n').first().split(' ');
                r.status = statusLine.size() > 1 ? statusLine[1].toInt() : -1;
                const qsizetype length
                    = r.status >= 200 ? r.header("content-length").toLongLong() : 0;
                if (m_buffer.size() >= end + 4 + length) {
                    r.body = m_buffer.mid(end + 4, length);
                    m_buffer.remove(0, end + 4 + length);
                    return r;
                }
            }
            if (deadline.hasExpired() || m_socket.state() != QAbstractSocket::ConnectedState) {
                if (m_socket.bytesAvailable() > 0) {
                    m_buffer += m_socket.readAll();
                    continue;
                }
                return {};
            }
            if (m_socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())))) {
                m_buffer += m_socket.readAll();
            }
        }
    }

    HttpResponse exchange(const QByteArray &request)
    {
        send(request);
        return read();
    }

    // True when the server closed the connection within `timeoutMs`.
    bool waitClosed(int timeoutMs = 15'000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (m_socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
            if (m_socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())))) {
                m_buffer += m_socket.readAll();
            }
        }
        return m_socket.state() != QAbstractSocket::ConnectedState;
    }

    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

inline QByteArray request(const QByteArray &body, const QList<QByteArray> &headerLines = {},
    const QByteArray &path = "/hook", const QByteArray &method = "POST")
{
    QByteArray out = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n";
    for (const QByteArray &line : headerLines) {
        out += line + "\r\n";
    }
    return out + "\r\n" + body;
}

// One Alertmanager v4 alert object as Alertmanager sends it.
inline QJsonObject amAlert(const QString &alertname, const QString &status, const QString &startsAt,
    const QString &instance = u"db-1"_s)
{
    return QJsonObject {
        { u"status"_s, status },
        { u"labels"_s,
            QJsonObject { { u"alertname"_s, alertname }, { u"severity"_s, u"critical"_s },
                { u"instance"_s, instance } } },
        { u"annotations"_s,
            QJsonObject { { u"summary"_s, QString(alertname + u" on "_s + instance) } } },
        { u"startsAt"_s, startsAt },
        { u"endsAt"_s, status == u"resolved"_s ? startsAt : u"0001-01-01T00:00:00Z"_s },
        { u"generatorURL"_s, u"http://prometheus.local/graph"_s },
        { u"fingerprint"_s, QString::fromLatin1(alertname.toUtf8().toHex().left(16)) },
    };
}

inline QByteArray amPayload(const QJsonArray &alerts, const QString &status = u"firing"_s)
{
    return QJsonDocument(
        QJsonObject { { u"version"_s, u"4"_s }, { u"groupKey"_s, u"{}:{}"_s },
            { u"truncatedAlerts"_s, QJsonValue(0) }, { u"status"_s, status },
            { u"receiver"_s, u"lakeguard"_s }, { u"groupLabels"_s, QJsonObject {} },
            { u"commonLabels"_s, QJsonObject {} }, { u"commonAnnotations"_s, QJsonObject {} },
            { u"externalURL"_s, u"http://alertmanager.local"_s }, { u"alerts"_s, alerts } })
        .toJson(QJsonDocument::Compact);
}

} // namespace WebhookTest
