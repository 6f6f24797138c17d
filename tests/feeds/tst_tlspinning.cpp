// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Public-key pinning (`tls_pin_sha256`) for the outgoing HTTPS of the http and eth-rpc feeds,
// against a real TLS server on 127.0.0.1 with a self-signed certificate made by the openssl CLI
// and trusted through the feed's `ca_file`: a matching pin works, a wrong pin fails naming both
// pins, and an untrusted certificate still fails with a matching pin (pinning never replaces
// verification).
#include "ethrpcfeed.h"
#include "feed.h"
#include "feedconfig.h"
#include "feedprobe.h"
#include "httppollfeed.h"
#include "sqlitestore.h"
#include "storewriter.h"
#include "tlspin.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

// HTTPS on 127.0.0.1: GET answers JSON lines, POST answers Ethereum JSON-RPC (batch or single).
// Keep-alive, so several requests share one TLS connection.
class TlsServer : public QObject
{
public:
    TlsServer(const QString &certFile, const QString &keyFile)
    {
        QFile cert(certFile);
        QFile key(keyFile);
        if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
            return;
        }
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(QSslCertificate(cert.readAll(), QSsl::Pem));
        conf.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec, QSsl::Pem));
        m_server.setSslConfiguration(conf);
        connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { read(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    QString url() const { return u"https://127.0.0.1:%1/"_s.arg(port()); }
    int requests = 0;

private:
    static QJsonValue answer(const QString &method)
    {
        if (method == u"eth_getBlockByNumber"_s) {
            const qint64 now = QDateTime::currentSecsSinceEpoch();
            return QJsonObject { { u"number"_s, u"0x10"_s },
                { u"hash"_s, QString(u"0x"_s + QString(64, u'a')) },
                { u"parentHash"_s, QString(u"0x"_s + QString(64, u'b')) },
                { u"timestamp"_s, u"0x%1"_s.arg(now, 0, 16) }, { u"transactions"_s, QJsonArray {} } };
        }
        if (method == u"eth_chainId"_s || method == u"eth_gasPrice"_s) {
            return u"0x1"_s;
        }
        if (method == u"net_peerCount"_s) {
            return u"0x3"_s;
        }
        if (method == u"eth_syncing"_s) {
            return false;
        }
        if (method == u"web3_clientVersion"_s) {
            return u"pin-test/1"_s;
        }
        if (method == u"txpool_status"_s) {
            return QJsonObject { { u"pending"_s, u"0x0"_s }, { u"queued"_s, u"0x0"_s } };
        }
        return QJsonValue::Null;
    }

    static QJsonObject reply(const QJsonObject &call)
    {
        return { { u"jsonrpc"_s, u"2.0"_s }, { u"id"_s, call.value(u"id"_s) },
            { u"result"_s, answer(call.value(u"method"_s).toString()) } };
    }

    void read(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        while (true) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            const QByteArray head = buffer.left(end);
            qsizetype length = 0;
            for (const QByteArray &line : head.split('\n')) {
                if (line.toLower().startsWith("content-length:")) {
                    length = line.mid(15).trimmed().toLongLong();
                }
            }
            if (buffer.size() < end + 4 + length) {
                return;
            }
            const QByteArray body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            ++requests;
            QByteArray out;
            if (head.startsWith("POST")) {
                const QJsonDocument doc = QJsonDocument::fromJson(body);
                if (doc.isArray()) {
                    QJsonArray replies;
                    for (const QJsonValue &c : doc.array()) {
                        replies.append(reply(c.toObject()));
                    }
                    out = QJsonDocument(replies).toJson(QJsonDocument::Compact);
                } else {
                    out = QJsonDocument(reply(doc.object())).toJson(QJsonDocument::Compact);
                }
            } else {
                out = "{\"ts\":\"2026-11-26T10:00:0" + QByteArray::number(requests % 10)
                    + ".000Z\",\"title\":\"pinned " + QByteArray::number(requests)
                    + "\",\"category\":\"fraud\",\"severity\":\"high\"}\n";
            }
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(out.size()) + "\r\n\r\n" + out);
        }
    }

    QSslServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

bool reached(const QSignalSpy &spy, Storage::FeedState s)
{
    return !spy.isEmpty() && spy.last().at(0).value<Storage::FeedState>() == s;
}

} // namespace

class tst_TlsPinning : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_case = 0;
    std::unique_ptr<Storage::StoreWriter> m_writer;
    QString m_cert;
    QString m_key;
    QString m_otherCert; // a CA that did not sign the server's certificate
    QByteArray m_pinBase64;
    QByteArray m_pinHex;

    bool openssl(const QStringList &args, QByteArray *out = nullptr)
    {
        QProcess p;
        p.start(u"openssl"_s, args);
        if (!p.waitForFinished(60'000) || p.exitCode() != 0) {
            return false;
        }
        if (out) {
            *out = p.readAllStandardOutput();
        }
        return true;
    }

    bool makeCertificate(const QString &cert, const QString &key)
    {
        return openssl({ u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
            u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-subj"_s, u"/CN=127.0.0.1"_s,
            u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s, u"-days"_s, u"2"_s, u"-keyout"_s, key,
            u"-out"_s, cert });
    }

    // A feed of `type` against `server`, created through the real FEEDS.json parser.
    std::unique_ptr<Feeds::Feed> feed(const QString &type, const TlsServer &server,
        const QJsonObject &extra, QString *error)
    {
        QJsonObject o { { u"id"_s, u"pin-%1"_s.arg(++m_case) }, { u"type"_s, type } };
        if (type == u"http"_s) {
            o.insert(u"url"_s, server.url());
            o.insert(u"format"_s, u"jsonl"_s);
            o.insert(u"interval_s"_s, 0.2);
            o.insert(u"timeout_s"_s, 10);
        } else {
            o.insert(u"nodes"_s, QJsonArray { server.url() });
            o.insert(u"ws"_s, false);
            o.insert(u"interval_s"_s, 0.2);
            o.insert(u"timeout_s"_s, 10);
        }
        for (auto it = extra.begin(); it != extra.end(); ++it) {
            o.insert(it.key(), it.value());
        }
        const auto parsed = Feeds::parseFeedsConfig(
            QJsonDocument(QJsonObject { { u"feeds"_s, QJsonArray { o } } }).toJson());
        if (!parsed) {
            *error = parsed.error();
            return nullptr;
        }
        return Feeds::createFeed(parsed->first(), m_writer.get(), error);
    }

    // The feed's stateChanged signal (each type declares its own).
    std::unique_ptr<QSignalSpy> stateSpy(Feeds::Feed *f)
    {
        if (auto *h = qobject_cast<Feeds::HttpPollFeed *>(f)) {
            return std::make_unique<QSignalSpy>(h, &Feeds::HttpPollFeed::stateChanged);
        }
        return std::make_unique<QSignalSpy>(
            qobject_cast<Feeds::EthRpcFeed *>(f), &Feeds::EthRpcFeed::stateChanged);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty()) {
            QSKIP("the openssl command is not installed (scripts/bootstrap.sh installs it)");
        }
        if (!QSslSocket::supportsSsl()) {
            QSKIP("no TLS backend");
        }
        m_cert = m_dir.filePath(u"server.pem"_s);
        m_key = m_dir.filePath(u"server.key"_s);
        QVERIFY(makeCertificate(m_cert, m_key));
        m_otherCert = m_dir.filePath(u"other.pem"_s);
        QVERIFY(makeCertificate(m_otherCert, m_dir.filePath(u"other.key"_s)));
        // The pin as the docs compute it, by the openssl CLI.
        QProcess p;
        p.start(u"sh"_s,
            { u"-c"_s,
                u"openssl x509 -in '%1' -pubkey -noout | openssl pkey -pubin -outform DER "
                "| openssl dgst -sha256 -binary | openssl base64 -A"_s.arg(m_cert) });
        QVERIFY(p.waitForFinished(60'000));
        m_pinBase64 = p.readAllStandardOutput().trimmed();
        QCOMPARE(QByteArray::fromBase64(m_pinBase64).size(), 32);
        m_pinHex = QByteArray::fromBase64(m_pinBase64).toHex();
        // The library's own SPKI hash agrees with the CLI.
        QFile cert(m_cert);
        QVERIFY(cert.open(QIODevice::ReadOnly));
        QCOMPARE(Feeds::spkiSha256(QSslCertificate(cert.readAll(), QSsl::Pem)).toBase64(),
            m_pinBase64);
    }

    void init()
    {
        m_writer = std::make_unique<Storage::StoreWriter>(
            m_dir.filePath(u"pin-%1.db"_s.arg(m_case + 1)));
        QVERIFY(m_writer->start());
    }

    void cleanup() { m_writer.reset(); }

    void pinSyntax()
    {
        QString error;
        const auto hex = Feeds::parseTlsPins(QString::fromLatin1(m_pinHex), &error);
        QVERIFY(hex);
        const auto list = Feeds::parseTlsPins(
            QJsonArray { QString(64, u'0'), QString::fromLatin1(m_pinBase64) }, &error);
        QVERIFY(list);
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(1), hex->first());
        const auto joined = Feeds::parseTlsPins(
            u"sha256/%1, %2"_s.arg(QString::fromLatin1(m_pinBase64), QString(64, u'f')), &error);
        QVERIFY(joined);
        QCOMPARE(joined->size(), 2);
        QVERIFY(!Feeds::parseTlsPins(u"abc"_s, &error));
        QVERIFY(!Feeds::parseTlsPins(QJsonArray {}, &error));
        // FEEDS.json names the feed and key for a bad pin.
        const auto parsed = Feeds::parseFeedsConfig(
            "{\"feeds\":[{\"id\":\"e\",\"type\":\"eth-rpc\",\"nodes\":[\"https://127.0.0.1:1\"],"
            "\"tls_pin_sha256\":\"not-a-pin\"}]}");
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().contains(u"feed \"e\": \"tls_pin_sha256\""_s),
            qPrintable(parsed.error()));
    }

    void matchingPinWorks_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("asList");
        QTest::addRow("http, hex") << u"http"_s << false;
        QTest::addRow("http, list with a rollover pin") << u"http"_s << true;
        QTest::addRow("eth-rpc, base64") << u"eth-rpc"_s << false;
        QTest::addRow("eth-rpc, list with a rollover pin") << u"eth-rpc"_s << true;
    }

    void matchingPinWorks()
    {
        QFETCH(QString, type);
        QFETCH(bool, asList);
        TlsServer server(m_cert, m_key);
        QVERIFY(server.port());
        const QJsonValue pin = asList
            ? QJsonValue(QJsonArray { QString(64, u'0'), QString::fromLatin1(m_pinBase64) })
            : QJsonValue(QString::fromLatin1(type == u"http"_s ? m_pinHex : m_pinBase64));
        QString error;
        auto f = feed(type, server, { { u"ca_file"_s, m_cert }, { u"tls_pin_sha256"_s, pin } },
            &error);
        QVERIFY2(f, qPrintable(error));
        auto state = stateSpy(f.get());
        f->start({});
        // Several rounds: requests on a reused connection are checked as well.
        QTRY_VERIFY_WITH_TIMEOUT(server.requests >= 6, 30'000);
        QVERIFY2(reached(*state, Storage::FeedState::Healthy),
            qPrintable(state->isEmpty() ? QString() : state->last().at(1).toString()));
        f->stop();
    }

    void wrongPinFails_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addRow("http") << u"http"_s;
        QTest::addRow("eth-rpc") << u"eth-rpc"_s;
    }

    void wrongPinFails()
    {
        QFETCH(QString, type);
        TlsServer server(m_cert, m_key);
        const QByteArray wrong = QByteArray(32, '\x5a');
        QString error;
        auto f = feed(type, server,
            { { u"ca_file"_s, m_cert },
                { u"tls_pin_sha256"_s, QString::fromLatin1(wrong.toBase64()) } },
            &error);
        QVERIFY2(f, qPrintable(error));
        auto state = stateSpy(f.get());
        f->start({});
        QTRY_VERIFY_WITH_TIMEOUT(reached(*state, Storage::FeedState::Down), 30'000);
        const QString message = state->last().at(1).toString();
        QVERIFY2(message.contains(u"TLS pin mismatch"_s), qPrintable(message));
        QVERIFY2(message.contains(QString::fromLatin1(wrong.toBase64())), qPrintable(message));
        QVERIFY2(message.contains(QString::fromLatin1(m_pinBase64)), qPrintable(message));
        f->stop();
        // The request was aborted after the handshake, before it was sent.
        QCOMPARE(server.requests, 0);
    }

    // Pinning adds to verification: a certificate no configured CA vouches for fails even
    // when its key matches the pin.
    void untrustedCertificateFailsDespiteMatchingPin_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("otherCa");
        QTest::addRow("http, no ca_file") << u"http"_s << false;
        QTest::addRow("http, another CA") << u"http"_s << true;
        QTest::addRow("eth-rpc, no ca_file") << u"eth-rpc"_s << false;
        QTest::addRow("eth-rpc, another CA") << u"eth-rpc"_s << true;
    }

    void untrustedCertificateFailsDespiteMatchingPin()
    {
        QFETCH(QString, type);
        QFETCH(bool, otherCa);
        TlsServer server(m_cert, m_key);
        QJsonObject extra { { u"tls_pin_sha256"_s, QString::fromLatin1(m_pinBase64) } };
        if (otherCa) {
            extra.insert(u"ca_file"_s, m_otherCert);
        }
        QString error;
        auto f = feed(type, server, extra, &error);
        QVERIFY2(f, qPrintable(error));
        auto state = stateSpy(f.get());
        f->start({});
        QTRY_VERIFY_WITH_TIMEOUT(reached(*state, Storage::FeedState::Degraded)
                || reached(*state, Storage::FeedState::Down),
            30'000);
        QVERIFY(!state->last().at(1).toString().contains(u"pin mismatch"_s));
        QVERIFY(!reached(*state, Storage::FeedState::Healthy));
        f->stop();
        QCOMPARE(server.requests, 0);
    }

    // The feed editor's connection test applies ca_file and the pin as the feed does.
    void connectionTestChecksThePin()
    {
        TlsServer server(m_cert, m_key);
        const auto probe = [&](const QString &pin) -> std::pair<bool, QString> {
            const auto parsed = Feeds::parseFeedsConfig(
                QJsonDocument(QJsonObject { { u"feeds"_s,
                                  QJsonArray { QJsonObject { { u"id"_s, u"probe"_s },
                                      { u"type"_s, u"http"_s }, { u"url"_s, server.url() },
                                      { u"ca_file"_s, m_cert }, { u"tls_pin_sha256"_s, pin } } } } })
                    .toJson());
            if (!parsed) {
                return { false, parsed.error() };
            }
            Feeds::FeedProbe p;
            QSignalSpy done(&p, &Feeds::FeedProbe::finished);
            p.run(parsed->first());
            if (!done.wait(30'000) && done.isEmpty()) {
                return { false, u"no answer"_s };
            }
            return { done.first().at(0).toBool(), done.first().at(1).toString() };
        };
        const auto good = probe(QString::fromLatin1(m_pinBase64));
        QVERIFY2(good.first, qPrintable(good.second));
        const auto bad = probe(QString(64, u'e'));
        QVERIFY(!bad.first);
        QVERIFY2(bad.second.contains(u"TLS pin mismatch"_s), qPrintable(bad.second));
    }

    void pinNeedsHttps()
    {
        QString error;
        const auto parsed = Feeds::parseFeedsConfig(
            "{\"feeds\":[{\"id\":\"plain\",\"type\":\"eth-rpc\",\"nodes\":[\"http://127.0.0.1:9\"],"
            "\"ws\":false,\"tls_pin_sha256\":\""
            + m_pinBase64 + "\"}]}");
        QVERIFY2(parsed, qPrintable(parsed.error()));
        auto plain = Feeds::createFeed(parsed->first(), m_writer.get(), &error);
        QVERIFY(plain);
        auto state = stateSpy(plain.get());
        plain->start({});
        QTRY_VERIFY_WITH_TIMEOUT(reached(*state, Storage::FeedState::Down), 10'000);
        QVERIFY(state->last().at(1).toString().contains(u"needs https"_s));
        plain->stop();
    }
};

QTEST_GUILESS_MAIN(tst_TlsPinning)
#include "tst_tlspinning.moc"
