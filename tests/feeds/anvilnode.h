// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A real anvil (Foundry's local Ethereum node) on 127.0.0.1, started directly with QProcess and
// always stopped by its pid. Shared by the chain feed test and the chain benchmark.

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QThread>

#include <csignal>

namespace AnvilTest {

inline QString anvilPath()
{
    return QStringLiteral(
        LAKEGUARD_PEERS_DIR "/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
}

inline bool anvilAvailable()
{
    return QFileInfo(anvilPath()).isExecutable();
}

inline quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

class AnvilNode
{
public:
    AnvilNode() = default;
    AnvilNode(const AnvilNode &) = delete;
    AnvilNode &operator=(const AnvilNode &) = delete;
    ~AnvilNode() { kill(); }

    // `extra`: e.g. {"--no-mining"} or {"--block-time", "1"}. Returns false when it did not come
    // up within 10 s.
    bool start(int chainId, qint64 timestamp, const QStringList &extra, quint16 port = 0)
    {
        m_port = port ? port : freePort();
        m_chainId = chainId;
        m_timestamp = timestamp;
        m_extra = extra;
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setStandardOutputFile(QProcess::nullDevice());
        m_process->start(anvilPath(),
            QStringList { QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--chain-id"),
                QString::number(chainId), QStringLiteral("--timestamp"),
                QString::number(timestamp) }
                + extra);
        if (!m_process->waitForStarted(5000)) {
            return false;
        }
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10'000) {
            if (call(QStringLiteral("eth_chainId")).isString()) {
                return true;
            }
            QThread::msleep(50);
        }
        return false;
    }

    // The same node again on the same port (state is lost: anvil keeps it in memory).
    bool restart() { return start(m_chainId, m_timestamp, m_extra, m_port); }

    // SIGKILL by pid, and reap it.
    void kill()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            ::kill(pid_t(m_process->processId()), SIGKILL);
            m_process->waitForFinished(5000);
        }
        m_process.reset();
    }

    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    quint16 port() const { return m_port; }

    // A synchronous JSON-RPC call; the result, or undefined on error.
    QJsonValue call(const QString &method, const QJsonArray &params = {}, QString *error = nullptr)
    {
        QNetworkAccessManager nam;
        QNetworkRequest req { QUrl(url()) };
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        req.setTransferTimeout(5000);
        const QJsonObject body { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
            { QStringLiteral("id"), 1 }, { QStringLiteral("method"), method },
            { QStringLiteral("params"), params } };
        QNetworkReply *reply = nam.post(req, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
        if (error) {
            *error = o.value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("message"))
                         .toString();
            if (reply->error() != QNetworkReply::NoError) {
                *error = reply->errorString();
            }
        }
        return o.contains(QStringLiteral("result")) ? o.value(QStringLiteral("result"))
                                                    : QJsonValue(QJsonValue::Undefined);
    }

    // Mines `blocks` blocks all stamped `timestamp`: two nodes doing the same make the same blocks.
    bool mine(qint64 timestamp, int blocks = 1)
    {
        return !call(QStringLiteral("evm_mine"),
            { QJsonObject { { QStringLiteral("timestamp"), timestamp },
                { QStringLiteral("blocks"), blocks } } })
                    .isUndefined();
    }

    qint64 height()
    {
        return call(QStringLiteral("eth_blockNumber")).toString().toLongLong(nullptr, 16);
    }

private:
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    int m_chainId = 31337;
    qint64 m_timestamp = 0;
    QStringList m_extra;
};

// anvil's first two dev accounts (unlocked).
inline const QString kDev0 = QStringLiteral("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
inline const QString kDev1 = QStringLiteral("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

} // namespace AnvilTest
