// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedconfig.h"
#include "sqlitestore.h"
#include "storewriter.h"
#include "syslogfeed.h"

#include <QJsonObject>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUdpSocket>

#include <linux/sockios.h>
#include <sys/ioctl.h>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

quint16 freeTcpPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

quint16 freeUdpPort()
{
    QUdpSocket probe;
    return probe.bind(QHostAddress::LocalHost, 0) ? probe.localPort() : 0;
}

// An RFC 5424 message from host web01, app sshd, facility auth; `n` keeps messages distinct.
QByteArray rfc5424(int n, int severity = 4)
{
    return "<" + QByteArray::number(4 * 8 + severity)
        + ">1 2026-11-27T01:00:00.000Z web01 sshd 4711 ID47 [meta@32473 seq=\""
        + QByteArray::number(n)
        + "\"] \xEF\xBB\xBF"
          "Failed password for root from 10.0.0.9 port "
        + QByteArray::number(n);
}

QByteArray cefInSyslog(int n)
{
    return "<134>1 2026-11-27T01:00:00Z fw01 gateway - - - CEF:0|Acme|Gateway|2.1|4242|Wire "
           "transfer blocked|9|src=10.1.1.1 duser=alice cs1=ACC-"
        + QByteArray::number(n) + " cs1Label=account";
}

QByteArray octet(const QByteArray &msg)
{
    return QByteArray::number(msg.size()) + ' ' + msg;
}

// Bytes `s` sent that the peer's kernel has not acknowledged yet (Linux SIOCOUTQ).
int unacknowledged(const QTcpSocket &s)
{
    int pending = -1;
    return ::ioctl(static_cast<int>(s.socketDescriptor()), SIOCOUTQ, &pending) == 0 ? pending : -1;
}

bool writeAll(QTcpSocket &s, const QByteArray &data)
{
    if (s.write(data) != data.size()) {
        return false;
    }
    while (s.bytesToWrite() > 0) {
        if (!s.waitForBytesWritten(10000)) {
            return false;
        }
    }
    return true;
}

} // namespace

class tst_SyslogFeed : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_case = 0;
    QString m_db;
    std::unique_ptr<Storage::StoreWriter> m_writer;
    std::unique_ptr<Feeds::SyslogFeed> m_feed;
    quint16 m_port = 0;
    QString m_cert;
    QString m_key;

    std::unique_ptr<Storage::SqliteStore> store()
    {
        auto s = std::make_unique<Storage::SqliteStore>(m_db);
        if (!s->open(Storage::AlertStore::Mode::ReadOnly)) {
            return nullptr;
        }
        return s;
    }

    qint64 count()
    {
        const auto s = store();
        return s ? s->countAlerts({}).value() : -1;
    }

    QList<Core::Alert> alerts()
    {
        const auto s = store();
        return s ? s->alerts({}, Storage::AlertSort::TimeAsc, 10000, std::nullopt).value().alerts
                 : QList<Core::Alert> {};
    }

    QList<Storage::QuarantineEntry> quarantine()
    {
        const auto s = store();
        return s ? s->quarantine(1000).value() : QList<Storage::QuarantineEntry> {};
    }

    Storage::FeedStatus status()
    {
        const auto s = store();
        const auto feeds = s ? s->feeds().value() : QList<Storage::FeedStatus> {};
        return feeds.isEmpty() ? Storage::FeedStatus {} : feeds.first();
    }

    Feeds::FeedConfig config(const QString &protocol, QJsonObject extra = {})
    {
        Feeds::FeedConfig c;
        c.id = u"sys"_s;
        c.type = u"syslog"_s;
        m_port = protocol == u"udp"_s ? freeUdpPort() : freeTcpPort();
        extra.insert(u"listen"_s, u"127.0.0.1:%1"_s.arg(m_port));
        extra.insert(u"protocol"_s, protocol);
        c.format = extra.value(u"format"_s).toString(u"auto"_s);
        c.settings = extra;
        return c;
    }

    // Starts the feed on the test thread (its sockets run when the test spins the event loop).
    void startFeed(const Feeds::FeedConfig &c, qsizetype queueLimit = 0)
    {
        m_feed = std::make_unique<Feeds::SyslogFeed>(c, m_writer.get());
        if (queueLimit > 0) {
            m_feed->setQueueLimit(queueLimit);
        }
        m_feed->start({});
        QCOMPARE(m_feed->port(), m_port);
        QTRY_COMPARE_WITH_TIMEOUT(status().state, Storage::FeedState::Healthy, 10000);
    }

    bool makeCertificate()
    {
        if (!m_cert.isEmpty()) {
            return true;
        }
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        if (openssl.isEmpty()) {
            return false;
        }
        const QString cert = m_dir.filePath(u"server.pem"_s);
        const QString key = m_dir.filePath(u"server.key"_s);
        QProcess p;
        p.start(openssl,
            { u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-keyout"_s, key, u"-out"_s, cert,
                u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=localhost"_s, u"-addext"_s,
                u"subjectAltName=DNS:localhost,IP:127.0.0.1"_s });
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            qWarning() << p.readAllStandardError();
            return false;
        }
        m_cert = cert;
        m_key = key;
        return true;
    }

    // A TLS client that trusts the test's certificate, connected and encrypted.
    std::unique_ptr<QSslSocket> tlsClient()
    {
        auto s = std::make_unique<QSslSocket>();
        QSslConfiguration conf = s->sslConfiguration();
        conf.setCaCertificates(QSslCertificate::fromPath(m_cert));
        conf.setProtocol(QSsl::TlsV1_2OrLater);
        s->setSslConfiguration(conf);
        s->connectToHostEncrypted(u"127.0.0.1"_s, m_port, u"localhost"_s);
        return s;
    }

private slots:
    void init()
    {
        ++m_case;
        m_db = m_dir.filePath(u"syslog-%1.db"_s.arg(m_case));
        m_writer = std::make_unique<Storage::StoreWriter>(m_db);
        QVERIFY(m_writer->start());
    }

    void cleanup()
    {
        if (m_feed) {
            m_feed->stop();
        }
        m_feed.reset();
        m_writer.reset();
    }

    void configValidation_data()
    {
        QTest::addColumn<QByteArray>("feed");
        QTest::addColumn<QString>("error");
        QTest::addRow("loopback-tcp")
            << QByteArray("\"listen\":\"127.0.0.1:5514\",\"protocol\":\"tcp\"") << QString();
        QTest::addRow("other-address-needs-tls")
            << QByteArray("\"listen\":\"0.0.0.0:5514\",\"protocol\":\"tcp\"")
            << u"feed \"sys\": \"listen\" on 0.0.0.0 needs \"protocol\": \"tls\""_s;
        QTest::addRow("other-address-udp")
            << QByteArray("\"listen\":\"192.0.2.1:514\",\"protocol\":\"udp\"")
            << u"feed \"sys\": \"listen\" on 192.0.2.1 needs \"protocol\": \"tls\""_s;
        QTest::addRow("other-address-tls") << QByteArray(
            "\"listen\":\"0.0.0.0:6514\",\"protocol\":\"tls\",\"cert\":\"c\",\"key\":\"k\"")
                                           << QString();
        QTest::addRow("tls-without-key")
            << QByteArray("\"listen\":\"127.0.0.1:6514\",\"protocol\":\"tls\",\"cert\":\"c\"")
            << u"feed \"sys\": protocol tls needs \"cert\" and \"key\""_s;
        QTest::addRow("cert-on-tcp")
            << QByteArray("\"listen\":\"127.0.0.1:6514\",\"protocol\":\"tcp\",\"cert\":\"c\"")
            << u"feed \"sys\": \"cert\" is only used with protocol tls"_s;
        QTest::addRow("format-eve")
            << QByteArray("\"listen\":\"127.0.0.1:6514\",\"protocol\":\"tcp\",\"format\":\"eve\"")
            << u"feed \"sys\": \"format\" must be syslog, cef or auto"_s;
        QTest::addRow("format-cef")
            << QByteArray("\"listen\":\"127.0.0.1:6514\",\"protocol\":\"udp\",\"format\":\"cef\"")
            << QString();
        QTest::addRow("zero-connections")
            << QByteArray(
                   "\"listen\":\"127.0.0.1:6514\",\"protocol\":\"tcp\",\"max_connections\":0")
            << u"feed \"sys\": \"max_connections\" must be greater than 0"_s;
        QTest::addRow("idle-timeout-string")
            << QByteArray(
                   "\"listen\":\"127.0.0.1:6514\",\"protocol\":\"tcp\",\"idle_timeout_s\":\"9\"")
            << u"feed \"sys\": \"idle_timeout_s\" must be a number"_s;
    }

    void configValidation()
    {
        QFETCH(QByteArray, feed);
        QFETCH(QString, error);
        const auto parsed = Feeds::parseFeedsConfig(
            "{\"feeds\":[{\"id\":\"sys\",\"type\":\"syslog\"," + feed + "}]}");
        QCOMPARE(parsed.ok() ? QString() : parsed.error(), error);
        if (parsed) {
            QVERIFY(Feeds::runnableFeedTypes().contains(u"syslog"_s));
            QString why;
            QVERIFY(Feeds::createFeed(parsed->first(), m_writer.get(), &why) != nullptr);
        }
    }

    void udp()
    {
        startFeed(config(u"udp"_s, { { u"max_message_bytes"_s, 600 } }));
        QUdpSocket client;
        const QHostAddress to(QHostAddress::LocalHost);
        const QByteArray big = rfc5424(9) + ' ' + QByteArray(2000, 'x');
        client.writeDatagram(big, to, m_port);
        // One datagram, one message; a trailing LF is framing, not message.
        client.writeDatagram(rfc5424(1, 2) + "\n", to, m_port);
        client.writeDatagram(
            "<11>Nov 27 01:02:03 db02 postgres[99]: authentication failed for user bob", to,
            m_port);
        client.writeDatagram(cefInSyslog(1), to, m_port);
        client.writeDatagram("no pri at all", to, m_port);
        QTRY_COMPARE_WITH_TIMEOUT(count(), 3, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(status().quarantined, 2, 10000);
        QStringList reasons;
        for (const Storage::QuarantineEntry &q : quarantine()) {
            reasons << q.record.reason;
            if (q.record.reason.contains(u"over the limit"_s)) {
                QCOMPARE(q.record.raw, big.left(Feeds::SyslogFramer::kKeptPrefix));
            }
        }
        QVERIFY2(reasons.join(u'|').contains(u"syslog datagram of %1 bytes from 127.0.0.1 is over "
                                             "the limit of 600 bytes"_s.arg(big.size())),
            qPrintable(reasons.join(u'|')));
        const QList<Core::Alert> list = alerts();
        QHash<QString, Core::Alert> byEntity;
        for (const Core::Alert &a : list) {
            byEntity.insert(a.entity, a);
        }
        QCOMPARE(byEntity.value(u"web01"_s).severity, Core::Severity::Critical);
        QCOMPARE(byEntity.value(u"web01"_s).rule, u"syslog:sshd"_s);
        QCOMPARE(byEntity.value(u"web01"_s).category, Core::Category::Intrusion);
        QCOMPARE(byEntity.value(u"db02"_s).severity, Core::Severity::High);
        QCOMPARE(byEntity.value(u"db02"_s).rule, u"syslog:postgres"_s);
        const Core::Alert cef = byEntity.value(u"alice"_s);
        QCOMPARE(cef.source, u"cef"_s);
        QCOMPARE(cef.rule, u"cef:acme/gateway:4242"_s);
        QCOMPARE(cef.severity, Core::Severity::Critical);
        QCOMPARE(cef.srcIp, u"10.1.1.1"_s);
        QCOMPARE(status().state, Storage::FeedState::Healthy);
    }

    void udpDropsAreCounted()
    {
        // Given a queue of 10 and a feed that cannot read while the test sends (same thread)
        startFeed(config(u"udp"_s), 10);
        QUdpSocket client;
        for (int i = 0; i < 50; ++i) {
            QCOMPARE(client.writeDatagram(rfc5424(i), QHostAddress::LocalHost, m_port),
                rfc5424(i).size());
        }
        // Then 10 are stored and 40 dropped and counted, visible in the feed's status.
        QTRY_COMPARE_WITH_TIMEOUT(m_feed->droppedDatagrams(), 40, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(count(), 10, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            status().lastError.contains(u"UDP datagrams dropped because the queue was full: 40"_s),
            10000);
        QCOMPARE(status().state, Storage::FeedState::Degraded);
        // And once the queue drains, datagrams are taken again.
        client.writeDatagram(rfc5424(100), QHostAddress::LocalHost, m_port);
        QTRY_COMPARE_WITH_TIMEOUT(count(), 11, 10000);
    }

    void udpStopTakesWhatArrived()
    {
        // Given datagrams waiting in the feed's socket, more than its queue holds
        startFeed(config(u"udp"_s), 5);
        QUdpSocket client;
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(client.writeDatagram(rfc5424(i), QHostAddress::LocalHost, m_port),
                rfc5424(i).size());
        }
        // When the feed stops before reading them, they are still stored, none dropped.
        m_feed->stop();
        m_writer->stop();
        QCOMPARE(count(), 20);
        QCOMPARE(m_feed->droppedDatagrams(), 0);
    }

    void tcpLineFraming()
    {
        startFeed(config(u"tcp"_s));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(client.waitForConnected(10000));
        // LF, CRLF and NUL terminators, a message split across writes.
        const QByteArray stream
            = rfc5424(1) + "\n" + rfc5424(2) + "\r\n" + rfc5424(3) + '\0' + cefInSyslog(7) + "\n";
        QVERIFY(writeAll(client, stream.left(30)));
        QTest::qWait(50);
        QVERIFY(writeAll(client, stream.mid(30)));
        QTRY_COMPARE_WITH_TIMEOUT(count(), 4, 10000);
        QCOMPARE(status().quarantined, 0);
        QCOMPARE(status().duplicates, 0);
        // A last message without terminator counts when the sender closes.
        QVERIFY(writeAll(client, rfc5424(4)));
        client.disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(count(), 5, 10000);
    }

    void tcpOctetCounting()
    {
        startFeed(config(u"tcp"_s, { { u"format"_s, u"cef"_s } }));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(client.waitForConnected(10000));
        // A message holding LF is one message with octet counting.
        QByteArray stream;
        for (int i = 0; i < 20; ++i) {
            stream += octet(cefInSyslog(i) + (i == 3 ? " msg=two\\nlines" : ""));
        }
        for (qsizetype i = 0; i < stream.size(); i += 97) {
            QVERIFY(writeAll(client, stream.mid(i, 97)));
        }
        QTRY_COMPARE_WITH_TIMEOUT(count(), 20, 10000);
        QCOMPARE(status().quarantined, 0);
        for (const Core::Alert &a : alerts()) {
            QCOMPARE(a.source, u"cef"_s);
            QCOMPARE(a.entity, u"alice"_s);
        }
    }

    void tls()
    {
        if (!makeCertificate()) {
            QSKIP("the openssl command is not installed (scripts/bootstrap.sh installs it)");
        }
        startFeed(config(u"tls"_s, { { u"cert"_s, m_cert }, { u"key"_s, m_key } }));
        auto client = tlsClient();
        QTRY_VERIFY_WITH_TIMEOUT(client->isEncrypted(), 10000);
        QVERIFY(client->sessionProtocol() >= QSsl::TlsV1_2);
        QByteArray stream;
        for (int i = 0; i < 10; ++i) {
            stream += octet(i % 2 ? cefInSyslog(i) : rfc5424(i));
        }
        client->write(stream);
        QTRY_COMPARE_WITH_TIMEOUT(count(), 10, 10000);
        // RFC 5425 is octet-counted only: LF framing over TLS closes the connection with a reason.
        auto lf = tlsClient();
        QTRY_VERIFY_WITH_TIMEOUT(lf->isEncrypted(), 10000);
        lf->write(rfc5424(50) + "\n");
        QTRY_COMPARE_WITH_TIMEOUT(lf->state(), QAbstractSocket::UnconnectedState, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(status().quarantined, 1, 10000);
        QVERIFY(quarantine().first().record.reason.contains(u"invalid octet count"_s));
        QTRY_VERIFY_WITH_TIMEOUT(status().lastError.contains(u"invalid octet count"_s), 10000);
        QCOMPARE(count(), 10);
        // Plain TCP on the TLS port never gets a message in.
        QTcpSocket plain;
        plain.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(plain.waitForConnected(10000));
        plain.write(octet(rfc5424(60)));
        QTRY_COMPARE_WITH_TIMEOUT(plain.state(), QAbstractSocket::UnconnectedState, 10000);
        QCOMPARE(count(), 10);
    }

    void tlsClientCertificates()
    {
        if (!makeCertificate()) {
            QSKIP("the openssl command is not installed (scripts/bootstrap.sh installs it)");
        }
        // Given a feed that accepts only clients with a certificate from client_ca
        const QString clientCert = m_dir.filePath(u"client.pem"_s);
        const QString clientKey = m_dir.filePath(u"client.key"_s);
        QProcess p;
        p.start(QStandardPaths::findExecutable(u"openssl"_s),
            { u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-keyout"_s, clientKey, u"-out"_s,
                clientCert, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=relay01"_s });
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        startFeed(config(u"tls"_s,
            { { u"cert"_s, m_cert }, { u"key"_s, m_key }, { u"client_ca"_s, clientCert } }));
        // When a client without a certificate sends, nothing gets in
        auto anonymous = tlsClient();
        anonymous->write(octet(rfc5424(1)));
        QTRY_COMPARE_WITH_TIMEOUT(anonymous->state(), QAbstractSocket::UnconnectedState, 10000);
        // And a client with one is accepted
        auto s = std::make_unique<QSslSocket>();
        QSslConfiguration conf = s->sslConfiguration();
        conf.setCaCertificates(QSslCertificate::fromPath(m_cert));
        conf.setLocalCertificate(QSslCertificate::fromPath(clientCert).value(0));
        QFile keyFile(clientKey);
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        conf.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        s->setSslConfiguration(conf);
        s->connectToHostEncrypted(u"127.0.0.1"_s, m_port, u"localhost"_s);
        QTRY_VERIFY_WITH_TIMEOUT(s->isEncrypted(), 10000);
        s->write(octet(rfc5424(2)));
        QTRY_COMPARE_WITH_TIMEOUT(count(), 1, 10000);
        QVERIFY2(alerts().first().message.contains(u"[meta@32473 seq=2]"_s),
            qPrintable(alerts().first().message));
    }

    void tlsBadKeyFileIsDown()
    {
        if (!makeCertificate()) {
            QSKIP("the openssl command is not installed (scripts/bootstrap.sh installs it)");
        }
        m_feed = std::make_unique<Feeds::SyslogFeed>(
            config(u"tls"_s, { { u"cert"_s, m_cert }, { u"key"_s, m_cert } }), m_writer.get());
        m_feed->start({});
        QTRY_COMPARE_WITH_TIMEOUT(status().state, Storage::FeedState::Down, 10000);
        QVERIFY2(status().lastError.contains(u"no unencrypted PEM private key"_s),
            qPrintable(status().lastError));
    }

    void messageLimit()
    {
        startFeed(config(u"tcp"_s, { { u"max_message_bytes"_s, 300 } }));
        const QByteArray big = rfc5424(2) + ' ' + QByteArray(1000, 'x');
        QTcpSocket lf;
        lf.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(lf.waitForConnected(10000));
        QVERIFY(writeAll(lf, rfc5424(1) + "\n" + big + "\n" + rfc5424(3) + "\n"));
        QTcpSocket oc;
        oc.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(oc.waitForConnected(10000));
        QVERIFY(writeAll(oc, octet(rfc5424(4)) + octet(big + "y") + octet(rfc5424(5))));
        // Both over-long messages are quarantined with their first bytes; the others go on.
        QTRY_COMPARE_WITH_TIMEOUT(count(), 4, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(status().quarantined, 2, 10000);
        for (const Storage::QuarantineEntry &q : quarantine()) {
            QVERIFY2(q.record.reason.contains(u"over the limit of 300 bytes"_s),
                qPrintable(q.record.reason));
            QVERIFY(big.startsWith(q.record.raw.left(100)));
        }
        QCOMPARE(lf.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(oc.state(), QAbstractSocket::ConnectedState);
    }

    void connectionLimit()
    {
        startFeed(config(u"tcp"_s, { { u"max_connections"_s, 2 } }));
        QTcpSocket a;
        QTcpSocket b;
        QTcpSocket c;
        for (QTcpSocket *s : { &a, &b }) {
            s->connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(s->waitForConnected(10000));
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_feed->connectionCount(), 2, 10000);
        c.connectToHost(QHostAddress::LocalHost, m_port);
        // The third is accepted by the kernel, then closed unread and counted.
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), QAbstractSocket::UnconnectedState, 10000);
        QCOMPARE(m_feed->refusedConnections(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(
            status().lastError.contains(u"connections refused over the limit of 2: 1"_s), 10000);
        QVERIFY(writeAll(a, rfc5424(1) + "\n"));
        QVERIFY(writeAll(b, rfc5424(2) + "\n"));
        QTRY_COMPARE_WITH_TIMEOUT(count(), 2, 10000);
        // A slot freed is a slot for the next client.
        a.disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(m_feed->connectionCount(), 1, 10000);
        QTcpSocket d;
        d.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(d.waitForConnected(10000));
        QVERIFY(writeAll(d, rfc5424(3) + "\n"));
        QTRY_COMPARE_WITH_TIMEOUT(count(), 3, 10000);
        QCOMPARE(m_feed->refusedConnections(), 1);
    }

    void slowClientIsClosed()
    {
        startFeed(config(u"tcp"_s, { { u"idle_timeout_s"_s, 0.5 } }));
        // A slow-loris sender trickles a message one byte at a time and never finishes it.
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(slow.waitForConnected(10000));
        const QByteArray partial = rfc5424(1);
        int sent = 0;
        for (; sent < partial.size() && slow.state() == QAbstractSocket::ConnectedState; ++sent) {
            slow.write(partial.mid(sent, 1));
            QTest::qWait(100); // spins the feed too
        }
        QVERIFY2(sent < partial.size(), "the slow client was never disconnected");
        QTRY_COMPARE_WITH_TIMEOUT(status().quarantined, 1, 10000);
        const Storage::QuarantineEntry q = quarantine().first();
        QVERIFY2(q.record.reason.contains(u"idle or slow client"_s), qPrintable(q.record.reason));
        QVERIFY(partial.startsWith(q.record.raw));
        QCOMPARE(count(), 0);
        QCOMPARE(m_feed->connectionCount(), 0);
        // A silent connection is closed too (it would hold a slot), without a quarantined record.
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(silent.waitForConnected(10000));
        QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 10000);
        QCOMPARE(status().quarantined, 1);
    }

    void garbageClosesTheConnection()
    {
        startFeed(config(u"tcp"_s));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(client.waitForConnected(10000));
        client.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(status().quarantined, 1, 10000);
        QVERIFY(quarantine().first().record.reason.contains(u"not syslog"_s));
        QCOMPARE(count(), 0);
    }

    void backpressureLosesNothing()
    {
        // Given a queue of 20 messages and a sender of 3000 over one connection
        startFeed(config(u"tcp"_s), 20);
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(client.waitForConnected(10000));
        QByteArray stream;
        for (int i = 0; i < 3000; ++i) {
            stream += octet(rfc5424(i));
        }
        client.write(stream);
        // Then the socket is read as the store keeps up, and every message is stored once.
        QTRY_COMPARE_WITH_TIMEOUT(count(), 3000, 60000);
        QCOMPARE(status().duplicates, 0);
        QCOMPARE(status().quarantined, 0);
        QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    }

    void stopStoresEverythingReceived()
    {
        // Given the feed on its own thread, as `serve` and the GUI run it
        Feeds::FeedConfig c = config(u"tcp"_s);
        auto *feed = new Feeds::SyslogFeed(c, m_writer.get());
        QThread thread;
        feed->moveToThread(&thread);
        connect(&thread, &QThread::finished, feed, &QObject::deleteLater);
        thread.start();
        QMetaObject::invokeMethod(feed, [feed] { feed->start({}); });
        QTRY_COMPARE_WITH_TIMEOUT(status().state, Storage::FeedState::Healthy, 10000);
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(client.waitForConnected(10000));
        QByteArray stream;
        for (int i = 0; i < 2000; ++i) {
            stream += rfc5424(i) + "\n";
        }
        stream += rfc5424(2000); // no terminator: the stop ends it
        QVERIFY(writeAll(client, stream));
        // Received = acknowledged by the feed's kernel: the feed may not have read it yet.
        QTRY_COMPARE_WITH_TIMEOUT(unacknowledged(client), 0, 10000);
        // When it is stopped right away and the writer drains
        QMetaObject::invokeMethod(
            feed, [feed] { feed->stop(); }, Qt::BlockingQueuedConnection);
        thread.quit();
        QVERIFY(thread.wait(10000));
        m_writer->stop();
        // Then every message sent before the stop is in the store.
        QCOMPARE(count(), 2001);
        QCOMPARE(status().state, Storage::FeedState::Stopped);
    }
};

QTEST_GUILESS_MAIN(tst_SyslogFeed)
#include "tst_syslogfeed.moc"
