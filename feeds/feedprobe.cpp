// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedprobe.h"

#include <QCoreApplication>
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
    const QString tokenEnv = config.settings.value(u"token_env"_s).toString();
    if (!tokenEnv.isEmpty()) {
        const QByteArray token = qgetenv(tokenEnv.toLocal8Bit().constData());
        if (token.isEmpty()) {
            finish(false, Tr::tr("the environment variable %1 (token_env) is not set").arg(tokenEnv));
            return;
        }
        request.setRawHeader("Authorization", "Bearer " + token);
    }
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, clock] {
        reply->deleteLater();
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
    const QJsonArray nodes = config.settings.value(u"nodes"_s).toArray();
    m_pending = int(nodes.size());
    for (const QJsonValue &node : nodes) {
        const QUrl url(node.toString());
        QNetworkRequest request(url);
        request.setTransferTimeout(m_timeoutMs);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QElapsedTimer clock;
        clock.start();
        QNetworkReply *reply = m_network->post(
            request, QByteArrayLiteral("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\","
                                       "\"params\":[]}"));
        connect(reply, &QNetworkReply::finished, this, [this, reply, clock] {
            reply->deleteLater();
            const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
            const QString where = reply->url().toDisplayString();
            bool ok = false;
            const qulonglong chainId =
                answer.value(u"result"_s).toString().toULongLong(&ok, 16);
            if (reply->error() != QNetworkReply::NoError) {
                m_allOk = false;
                m_lines << Tr::tr("%1: %2").arg(where, reply->errorString());
            } else if (!ok) {
                m_allOk = false;
                m_lines << Tr::tr("%1: not an Ethereum JSON-RPC answer").arg(where);
            } else {
                m_lines << Tr::tr("%1: chain id %2, %3 ms").arg(where).arg(chainId).arg(
                    clock.elapsed());
            }
            if (--m_pending == 0) {
                m_lines.sort();
                emit finished(m_allOk, m_lines.join(u'\n'));
            }
        });
    }
}

} // namespace Lakeguard::Feeds
