// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedprobe.h"

#include "feedsecret.h"
#include "tlspin.h"

#include <QCoreApplication>
#include <QSslConfiguration>
#include <QElapsedTimer>
#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpServer>
#include <QTimer>
#include <QUdpSocket>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

} // namespace

FeedProbe::FeedProbe(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

FeedProbe::~FeedProbe() = default;

void FeedProbe::run(const FeedConfig &config, bool running)
{
    m_lines.clear();
    m_allOk = true;
    m_pending = 0;
    if (config.type == u"file"_s) {
        probeFile(config);
    } else if (config.type == u"http"_s) {
        probeHttp(config);
    } else if (config.type == u"syslog"_s || config.type == u"webhook"_s) {
        probeListen(config, running);
    } else if (config.type == u"eth-rpc"_s) {
        probeNodes(config);
    } else {
        finish(false, Tr::tr("cannot test a feed of type %1").arg(config.type));
    }
}

void FeedProbe::finish(bool ok, const QString &report)
{
    // Deferred, so a caller connecting after run() still hears it.
    QMetaObject::invokeMethod(this, [this, ok, report] { emit finished(ok, report); },
                              Qt::QueuedConnection);
}

void FeedProbe::probeFile(const FeedConfig &config)
{
    const QFileInfo info(config.path());
    if (!info.exists()) {
        // The file feed waits for a file that does not exist yet: not an error, but say so.
        finish(info.dir().exists(),
               info.dir().exists()
                   ? Tr::tr("%1 does not exist yet; the feed will start reading when it appears")
                         .arg(info.filePath())
                   : Tr::tr("%1: the folder %2 does not exist")
                         .arg(info.filePath(), info.dir().path()));
        return;
    }
    QFile file(info.filePath());
    if (!info.isFile() || !file.open(QIODevice::ReadOnly)) {
        finish(false, Tr::tr("%1: %2").arg(info.filePath(),
                                           info.isFile() ? file.errorString()
                                                         : Tr::tr("not a regular file")));
        return;
    }
    finish(true, Tr::tr("%1 is readable (%2 bytes)")
                     .arg(info.filePath(), QLocale().toString(info.size())));
}

void FeedProbe::probeHttp(const FeedConfig &config)
{
    QNetworkRequest request(QUrl(config.settings.value(u"url"_s).toString()));
    request.setTransferTimeout(m_timeoutMs);
    auto token = feedSecret(config, u"token"_s);
    if (!token) {
        finish(false, token.error());
        return;
    }
    if (token->has_value()) {
        request.setRawHeader("Authorization", "Bearer " + **token);
    }
    // The same TLS rules as the feed: ca_file, and the pin checked before the request is sent.
    QString tlsError;
    const auto pins = feedTlsPins(config, &tlsError);
    if (!pins) {
        finish(false, tlsError);
        return;
    }
    if (request.url().scheme() == u"https"_s) {
        QSslConfiguration ssl;
        const QString caFile = config.settings.value(u"ca_file"_s).toString();
        if (!feedSslConfiguration(caFile, &ssl)) {
            finish(false, Tr::tr("cannot read CA certificates from %1").arg(caFile));
            return;
        }
        request.setSslConfiguration(ssl);
    }
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *reply = m_network->get(request);
    auto pinError = std::make_shared<QString>();
    if (!pins->isEmpty()) {
        connect(reply, &QNetworkReply::encrypted, this, [reply, pins = *pins, pinError] {
            *pinError = checkTlsPin(
                pins, reply->sslConfiguration().peerCertificate(), reply->url().host());
            if (!pinError->isEmpty()) {
                reply->abort();
            }
        });
    }
    connect(reply, &QNetworkReply::finished, this, [this, reply, clock, pinError] {
        reply->deleteLater();
        if (!pinError->isEmpty()) {
            emit finished(false, *pinError);
            return;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError && status == 0) {
            emit finished(false, Tr::tr("cannot reach %1: %2")
                                     .arg(reply->url().toDisplayString(), reply->errorString()));
            return;
        }
        const bool ok = status >= 200 && status < 400;
        emit finished(ok, Tr::tr("%1 answered HTTP %2 in %3 ms")
                              .arg(reply->url().toDisplayString())
                              .arg(status)
                              .arg(clock.elapsed()));
    });
}

void FeedProbe::probeListen(const FeedConfig &config, bool running)
{
    QHostAddress address;
    quint16 port = 0;
    QString error;
    const QString listen = config.settings.value(u"listen"_s).toString();
    if (!parseListenAddress(listen, &address, &port, &error)) {
        finish(false, error);
        return;
    }
    if (running) {
        finish(true, Tr::tr("this feed is listening on %1").arg(listen));
        return;
    }
    const bool udp = config.settings.value(u"protocol"_s).toString() == u"udp"_s;
    bool bound = false;
    QString why;
    if (udp) {
        QUdpSocket socket;
        bound = socket.bind(address, port);
        why = socket.errorString();
    } else {
        QTcpServer server;
        bound = server.listen(address, port);
        why = server.errorString();
    }
    finish(bound, bound ? Tr::tr("%1 is free to listen on").arg(listen)
                        : Tr::tr("cannot listen on %1: %2").arg(listen, why));
}

void FeedProbe::probeNodes(const FeedConfig &config)
{
    // What "answers" means depends on the node's kind: Ethereum's eth_chainId, FISCO BCOS's
    // getBlockNumber (JSON-RPC, with the group), Fabric's operations /healthz.
    const QString kind = config.settings.value(u"kind"_s).toString(u"eth"_s);
    const int group = config.settings.value(u"group"_s).toInt(1);
    const QJsonArray nodes = config.settings.value(u"nodes"_s).toArray();
    m_pending = int(nodes.size());
    for (const QJsonValue node : nodes) {
        QUrl url(node.toString());
        if (kind == u"fabric"_s) {
            url.setPath(u"/healthz"_s);
        }
        QNetworkRequest request(url);
        request.setTransferTimeout(m_timeoutMs);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QElapsedTimer clock;
        clock.start();
        QNetworkReply *reply = nullptr;
        if (kind == u"fabric"_s) {
            reply = m_network->get(request);
        } else if (kind == u"fisco"_s) {
            reply = m_network->post(
                request, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getBlockNumber\",\"params\":["
                             + QByteArray::number(group) + "]}");
        } else {
            reply = m_network->post(
                request, QByteArrayLiteral("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                                           "\"eth_chainId\",\"params\":[]}"));
        }
        connect(reply, &QNetworkReply::finished, this, [this, reply, clock, kind] {
            reply->deleteLater();
            const QByteArray body = reply->readAll();
            const QJsonObject answer = QJsonDocument::fromJson(body).object();
            const QString where = reply->url().toDisplayString();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (reply->error() != QNetworkReply::NoError && status == 0) {
                m_allOk = false;
                m_lines << Tr::tr("%1: %2").arg(where, reply->errorString());
            } else if (kind == u"fabric"_s) {
                const QString health = answer.value(u"status"_s).toString();
                m_allOk = m_allOk && status == 200;
                m_lines << Tr::tr("%1: HTTP %2, status %3, %4 ms")
                               .arg(where)
                               .arg(status)
                               .arg(health.isEmpty() ? u"?"_s : health)
                               .arg(clock.elapsed());
            } else if (!answer.contains(u"result"_s)) {
                m_allOk = false;
                m_lines << (kind == u"fisco"_s
                                ? Tr::tr("%1: not a FISCO BCOS JSON-RPC answer").arg(where)
                                : Tr::tr("%1: not an Ethereum JSON-RPC answer").arg(where));
            } else if (kind == u"fisco"_s) {
                m_lines << Tr::tr("%1: block %2, %3 ms")
                               .arg(where, answer.value(u"result"_s).toVariant().toString())
                               .arg(clock.elapsed());
            } else {
                bool ok = false;
                const qulonglong chainId =
                    answer.value(u"result"_s).toString().toULongLong(&ok, 16);
                m_allOk = m_allOk && ok;
                m_lines << (ok ? Tr::tr("%1: chain id %2, %3 ms").arg(where).arg(chainId).arg(
                                     clock.elapsed())
                               : Tr::tr("%1: not an Ethereum JSON-RPC answer").arg(where));
            }
            if (--m_pending == 0) {
                m_lines.sort();
                emit finished(m_allOk, m_lines.join(u'\n'));
            }
        });
    }
}

} // namespace Lakeguard::Feeds
