// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A scripted Ethereum JSON-RPC peer over HTTP/1.1 on 127.0.0.1, for fault tests only.
//
// This is a mock on purpose: no real node (anvil, geth) misbehaves on demand — none answers
// with garbage, truncated JSON, a 50 MB body or HTTP 429 when asked to. Everything a real node
// does is tested against anvil (tst_ethrpcfeed); this peer only plays the faults. In `Good` mode
// it answers the feed's batch like a node whose head stays at `height`.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Lakeguard::Test {

class ScriptedRpcPeer final : public QObject
{
    Q_OBJECT

public:
    enum class Mode {
        Good,
        Slow, // answers properly, but only after `slowMs` (beyond the feed's timeout)
        Garbage, // HTTP 200 with random bytes
        Truncated, // HTTP 200, the JSON cut in half (Content-Length matches what is sent)
        WrongTypes, // valid JSON-RPC, but the block's fields have the wrong JSON types
        WrongId, // valid answers under ids the feed never asked for
        HugeHex, // quantities beyond 256 bits, and a height and timestamp at 2^63 - 1
        HugeBody, // a 50 MB body without Content-Length (read until close)
        HugeDeclared, // Content-Length: 50 MB announced up front, then streamed
        CloseMidResponse, // headers announce 4000 bytes, 100 are sent, then the socket closes
        Http500,
        Http429,
    };
    Q_ENUM(Mode)

    static constexpr qint64 kHugeBytes = 50LL * 1024 * 1024;

    explicit ScriptedRpcPeer(QObject *parent = nullptr)
        : QObject(parent)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onRead(s); });
                connect(s, &QTcpSocket::disconnected, this, [this, s] {
                    m_buffers.remove(s);
                    s->deleteLater();
                });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString url() const
    {
        return QStringLiteral("http://127.0.0.1:%1/").arg(m_server.serverPort());
    }

    void setMode(Mode mode) { m_mode = mode; }
    Mode mode() const { return m_mode; }
    void setHeight(qint64 height) { m_height = height; }
    int slowMs = 8'000;
    int requests = 0; // complete requests answered (or played) so far
    qint64 hugeBytesSent = 0; // of the last huge body

private:
    void onRead(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype headerEnd = buf.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            return;
        }
        qsizetype length = 0;
        for (const QByteArray &line : buf.left(headerEnd).split('\n')) {
            if (line.trimmed().toLower().startsWith("content-length:")) {
                length = line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
            }
        }
        if (buf.size() < headerEnd + 4 + length) {
            return;
        }
        const QByteArray body = buf.mid(headerEnd + 4, length);
        buf.remove(0, headerEnd + 4 + length);
        ++requests;
        play(s, body);
    }

    static QByteArray hexQ(qint64 v) { return "0x" + QByteArray::number(v, 16); }
    static QString hexS(qint64 v) { return QString::fromLatin1(hexQ(v)); }
    static QString hash(qint64 height)
    {
        return QStringLiteral("0x%1").arg(QString::number(height, 16), 64, QLatin1Char('0'));
    }

    QJsonObject block(qint64 height) const
    {
        QJsonObject b { { QStringLiteral("number"), hexS(height) },
            { QStringLiteral("hash"), hash(height) },
            { QStringLiteral("parentHash"), hash(height - 1) },
            { QStringLiteral("timestamp"), hexS(1'767'225'600 + height) },
            { QStringLiteral("transactions"), QJsonArray() } };
        if (m_mode == Mode::WrongTypes) {
            b[QStringLiteral("number")] = double(height); // a JSON number, not a QUANTITY
            b[QStringLiteral("hash")] = QJsonArray { 1, 2 };
            b[QStringLiteral("timestamp")] = true;
            b[QStringLiteral("transactions")] = QStringLiteral("many");
        } else if (m_mode == Mode::HugeHex) {
            b[QStringLiteral("number")] = QStringLiteral("0x7fffffffffffffff");
            b[QStringLiteral("timestamp")] = QStringLiteral("0x7fffffffffffffff");
        }
        return b;
    }

    QJsonValue resultFor(const QString &method, const QJsonArray &params) const
    {
        const QString huge = QStringLiteral("0x") + QString(80, QLatin1Char('f'));
        if (method == QStringLiteral("eth_chainId")) {
            return m_mode == Mode::HugeHex ? huge : QStringLiteral("0x539");
        }
        if (method == QStringLiteral("web3_clientVersion")) {
            return m_mode == Mode::WrongTypes ? QJsonValue(42) : QStringLiteral("scripted/1");
        }
        if (method == QStringLiteral("eth_gasPrice")) {
            return m_mode == Mode::HugeHex ? huge : QStringLiteral("0x3b9aca00");
        }
        if (method == QStringLiteral("net_peerCount")) {
            return m_mode == Mode::HugeHex ? huge : QStringLiteral("0x3");
        }
        if (method == QStringLiteral("eth_syncing")) {
            return m_mode == Mode::WrongTypes ? QJsonValue(QStringLiteral("yes")) : false;
        }
        if (method == QStringLiteral("eth_getBlockByNumber")) {
            const QString at = params.at(0).toString();
            const qint64 h
                = at == QStringLiteral("latest") ? m_height : at.mid(2).toLongLong(nullptr, 16);
            return h > m_height ? QJsonValue(QJsonValue::Null) : QJsonValue(block(h));
        }
        return QJsonValue::Undefined;
    }

    QJsonObject answer(const QJsonObject &call) const
    {
        const QJsonValue id = m_mode == Mode::WrongId
            ? QJsonValue(call.value(QStringLiteral("id")).toInteger() + 1000)
            : call.value(QStringLiteral("id"));
        QJsonObject o { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
            { QStringLiteral("id"), id } };
        const QJsonValue r = resultFor(call.value(QStringLiteral("method")).toString(),
            call.value(QStringLiteral("params")).toArray());
        if (r.isUndefined()) {
            o.insert(QStringLiteral("error"),
                QJsonObject { { QStringLiteral("code"), -32601 },
                    { QStringLiteral("message"), QStringLiteral("Method not found") } });
        } else {
            o.insert(QStringLiteral("result"), r);
        }
        return o;
    }

    QByteArray goodBody(const QByteArray &request) const
    {
        const QJsonDocument doc = QJsonDocument::fromJson(request);
        if (doc.isArray()) {
            QJsonArray out;
            for (const QJsonValue &c : doc.array()) {
                out.append(answer(c.toObject()));
            }
            return QJsonDocument(out).toJson(QJsonDocument::Compact);
        }
        return QJsonDocument(answer(doc.object())).toJson(QJsonDocument::Compact);
    }

    static QByteArray response(int status, const QByteArray &reason, const QByteArray &body)
    {
        return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

    // Streams a huge body in 1 MiB pieces as the socket drains, so the peer itself stays small.
    void streamHuge(QTcpSocket *s, bool declared)
    {
        hugeBytesSent = 0;
        s->write(declared ? "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + QByteArray::number(kHugeBytes) + "\r\n\r\n"
                          : QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                       "Connection: close\r\n\r\n"));
        auto pump = [this, s] {
            static const QByteArray chunk = "[" + QByteArray(1024 * 1024 - 1, ' ');
            while (s->bytesToWrite() < 2 * chunk.size() && hugeBytesSent < kHugeBytes) {
                hugeBytesSent += s->write(chunk.left(kHugeBytes - hugeBytesSent));
            }
            if (hugeBytesSent >= kHugeBytes && s->bytesToWrite() == 0) {
                s->disconnectFromHost();
            }
        };
        connect(s, &QTcpSocket::bytesWritten, s, pump);
        pump();
    }

    void play(QTcpSocket *s, const QByteArray &request)
    {
        switch (m_mode) {
        case Mode::Good:
        case Mode::WrongTypes:
        case Mode::WrongId:
        case Mode::HugeHex:
            s->write(response(200, "OK", goodBody(request)));
            return;
        case Mode::Slow: {
            const QByteArray late = response(200, "OK", goodBody(request));
            QTimer::singleShot(slowMs, s, [s, late] {
                if (s->state() == QAbstractSocket::ConnectedState) {
                    s->write(late);
                }
            });
            return;
        }
        case Mode::Garbage: {
            QByteArray junk(4096, '\0');
            quint32 x = 2463534242u;
            for (char &c : junk) {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                c = char(x);
            }
            s->write(response(200, "OK", junk));
            return;
        }
        case Mode::Truncated: {
            const QByteArray full = goodBody(request);
            s->write(response(200, "OK", full.left(full.size() / 2)));
            return;
        }
        case Mode::HugeBody:
        case Mode::HugeDeclared:
            streamHuge(s, m_mode == Mode::HugeDeclared);
            return;
        case Mode::CloseMidResponse:
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4000"
                     "\r\n\r\n"
                + goodBody(request).left(100));
            s->flush();
            s->disconnectFromHost();
            return;
        case Mode::Http500:
            s->write(response(500, "Internal Server Error", "{\"oops\":true}"));
            return;
        case Mode::Http429:
            s->write(response(429, "Too Many Requests", "slow down"));
            return;
        }
    }

    QTcpServer m_server;
    Mode m_mode = Mode::Good;
    qint64 m_height = 100;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace Lakeguard::Test
