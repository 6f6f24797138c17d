// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httppollfeed.h"
#include "sqlitestore.h"
#include "storewriter.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

struct Response
{
    int status = 200;
    QByteArray headers;       // extra header lines, each ending in \r\n
    QByteArray body;
    bool hang = false;        // accept and never answer
};

// A scripted HTTP/1.1 server on 127.0.0.1: the real peer the feed talks to (plain or TLS).
// There is no packaged "fraud engine" to poll, so the test plays one.
class ScriptedServer : public QObject
{
public:
    explicit ScriptedServer(QTcpServer *server)
        : m_server(server)
    {
        m_server->setParent(this);
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = m_server->nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onRead(s); });
            }
        });
        m_server->listen(QHostAddress::LocalHost, 0);
    }

    QString url(const QString &scheme, const QString &path = u"/alerts"_s) const
    {
        return u"%1://127.0.0.1:%2%3"_s.arg(scheme).arg(m_server->serverPort()).arg(path);
    }

    QList<Response> script;
    QList<QByteArray> requests;

private:
    void onRead(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        if (!buffer.contains("\r\n\r\n")) {
            return;
        }
        requests << buffer;
        buffer.clear();
        const Response r = script.isEmpty() ? Response{204, {}, {}, false} : script.takeFirst();
        if (r.hang) {
            return;
        }
        QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + " X\r\nConnection: close\r\n"
            + "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n" + r.headers + "\r\n"
            + r.body;
        s->write(out);
        s->disconnectFromHost();
    }

    QTcpServer *m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// The feed's last reported state is `s`.
bool reached(const QSignalSpy &spy, Storage::FeedState s)
{
    return !spy.isEmpty() && spy.last().at(0).value<Storage::FeedState>() == s;
}

QByteArray records(int from, int to)
{
    QByteArray out;
    for (int i = from; i < to; ++i) {
        out += "{\"ts\":\"2026-11-26T10:00:" + QByteArray::number(10 + i).rightJustified(2, '0')
            + "Z\",\"title\":\"score " + QByteArray::number(i) + "\",\"category\":\"fraud\"}\n";
    }
    return out;
}

} // namespace

class tst_HttpPollFeed : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_case = 0;
    QString m_db;
    std::unique_ptr<Storage::StoreWriter> m_writer;
    QString m_cert;
    QString m_key;

    qint64 count()
    {
        Storage::SqliteStore s(m_db);
        return s.open(Storage::AlertStore::Mode::ReadOnly) ? s.countAlerts({}).value() : -1;
    }

    std::unique_ptr<Feeds::HttpPollFeed> feed(const QJsonObject &extra)
    {
        Feeds::FeedConfig c;
        c.id = u"fraud"_s;
        c.type = u"http"_s;
        c.format = u"jsonl"_s;
        c.settings = QJsonObject{{u"interval_s"_s, 0.05}, {u"timeout_s"_s, 2}};
        for (auto it = extra.begin(); it != extra.end(); ++it) {
            c.settings.insert(it.key(), it.value());
        }
        return std::make_unique<Feeds::HttpPollFeed>(c, m_writer.get());
    }

    bool makeCertificate()
    {
        m_cert = m_dir.filePath(u"cert.pem"_s);
        m_key = m_dir.filePath(u"key.pem"_s);
        if (QFile::exists(m_cert)) {
            return true;
        }
        if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty()) {
            return false;
        }
        QProcess p;
        p.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                               u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-subj"_s,
                               u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s,
                               u"-days"_s, u"2"_s, u"-keyout"_s, m_key, u"-out"_s, m_cert});
        return p.waitForFinished(30000) && p.exitCode() == 0;
    }

    QTcpServer *tlsServer()
    {
        auto *server = new QSslServer;
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        QFile cert(m_cert);
        QFile key(m_key);
        if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
            return server;
        }
        conf.setLocalCertificate(QSslCertificate(cert.readAll(), QSsl::Pem));
        conf.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec, QSsl::Pem));
        server->setSslConfiguration(conf);
        return server;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("LAKEGUARD_TEST_TOKEN", "t0ken-for-tests");
    }

    void init()
    {
        m_db = m_dir.filePath(u"http-%1.db"_s.arg(++m_case));
        m_writer = std::make_unique<Storage::StoreWriter>(m_db);
        QVERIFY(m_writer->start());
    }

    void cleanup() { m_writer.reset(); }

    void backoff_data()
    {
        QTest::addColumn<int>("failures");
        QTest::addColumn<qint64>("low");
        QTest::addColumn<qint64>("high");
        QTest::addRow("none") << 0 << 30'000LL << 30'000LL;
        QTest::addRow("one") << 1 << 48'000LL << 72'000LL;
        QTest::addRow("three") << 3 << 192'000LL << 288'000LL;
        QTest::addRow("capped") << 30 << 480'000LL << 720'000LL;
    }

    void backoff()
    {
        QFETCH(int, failures);
        QFETCH(qint64, low);
        QFETCH(qint64, high);
        for (double j : {0.0, 0.5, 1.0}) {
            const qint64 d = Feeds::HttpPollFeed::backoffMs(30'000, failures, j);
            QVERIFY2(d >= low && d <= high, qPrintable(QString::number(d)));
        }
    }

    // 200 with records, then 304 for the same ETag; the token goes as a bearer header and the
    // cursor parameter carries the newest stored event.
    void pollsConditionallyWithToken()
    {
        ScriptedServer server(new QTcpServer);
        server.script << Response{200, "ETag: \"v1\"\r\n", records(0, 5)} << Response{304, {}, {}};
        auto f = feed({{u"url"_s, server.url(u"http"_s)},
                       {u"token_env"_s, u"LAKEGUARD_TEST_TOKEN"_s},
                       {u"cursor_param"_s, u"since"_s}});
        QSignalSpy polled(f.get(), &Feeds::HttpPollFeed::polled);
        f->start({});
        QTRY_VERIFY_WITH_TIMEOUT(polled.count() >= 2, 10000);
        f->stop();
        QCOMPARE(count(), 5);
        QCOMPARE(polled.at(0).at(0).toInt(), 200);
        QCOMPARE(polled.at(0).at(1).toInt(), 5);
        QCOMPARE(polled.at(1).at(0).toInt(), 304);
        QVERIFY(server.requests.at(0).contains("Authorization: Bearer t0ken-for-tests"));
        QVERIFY(!server.requests.at(0).contains("If-None-Match"));
        QVERIFY(server.requests.at(1).contains("If-None-Match: \"v1\""));
        QVERIFY2(server.requests.at(1).contains("since=2026-11-26T10:00:14.000Z"),
                 server.requests.at(1).constData());
    }

    void resumesWithStoredCursor()
    {
        ScriptedServer server(new QTcpServer);
        server.script << Response{200, "ETag: \"v7\"\r\n", records(0, 3)};
        auto f = feed({{u"url"_s, server.url(u"http"_s)}});
        QSignalSpy polled(f.get(), &Feeds::HttpPollFeed::polled);
        f->start({});
        QTRY_VERIFY_WITH_TIMEOUT(polled.count() >= 1, 10000);
        f->stop();
        Storage::SqliteStore s(m_db);
        QVERIFY(s.open(Storage::AlertStore::Mode::ReadOnly));
        const QByteArray cursor = s.feeds().value().at(0).cursor;
        QCOMPARE(Feeds::HttpCursor::fromBytes(cursor).etag, QByteArray("\"v7\""));
        server.requests.clear();
        auto again = feed({{u"url"_s, server.url(u"http"_s)}});
        QSignalSpy polledAgain(again.get(), &Feeds::HttpPollFeed::polled);
        again->start(cursor);
        QTRY_VERIFY_WITH_TIMEOUT(polledAgain.count() >= 1, 10000);
        again->stop();
        QVERIFY(server.requests.at(0).contains("If-None-Match: \"v7\""));
    }

    void serverErrorsBackOffAndRecover()
    {
        ScriptedServer server(new QTcpServer);
        server.script << Response{503, {}, "busy"} << Response{500, {}, {}}
                      << Response{200, {}, records(0, 2)};
        auto f = feed({{u"url"_s, server.url(u"http"_s)}});
        QSignalSpy state(f.get(), &Feeds::HttpPollFeed::stateChanged);
        QSignalSpy polled(f.get(), &Feeds::HttpPollFeed::polled);
        f->start({});
        QTRY_VERIFY_WITH_TIMEOUT(polled.count() >= 2, 10000);
        QCOMPARE(f->failures(), 2);
        QStringList degraded;
        for (const auto &s : state) {
            if (s.at(0).value<Storage::FeedState>() == Storage::FeedState::Degraded) {
                degraded << s.at(1).toString();
            }
        }
        QCOMPARE(degraded.size(), 2);
        QVERIFY2(degraded.at(0).contains(u"HTTP 503"_s), qPrintable(degraded.at(0)));
        QVERIFY2(degraded.at(1).contains(u"HTTP 500"_s), qPrintable(degraded.at(1)));
        QTRY_COMPARE_WITH_TIMEOUT(count(), 2, 10000);
        QTRY_COMPARE(f->failures(), 0);
        f->stop();
    }

    void unauthorizedIsDown()
    {
        ScriptedServer server(new QTcpServer);
        server.script << Response{401, {}, {}};
        auto f = feed({{u"url"_s, server.url(u"http"_s)}});
        QSignalSpy state(f.get(), &Feeds::HttpPollFeed::stateChanged);
        f->start({});
        QTRY_VERIFY_WITH_TIMEOUT(reached(state, Storage::FeedState::Down), 10000);
        QVERIFY(state.last().at(1).toString().contains(u"401"_s));
        f->stop();
    }

    void missingTokenIsDown()
    {
        auto f = feed({{u"url"_s, u"http://127.0.0.1:9/"_s}, {u"token_env"_s, u"LAKEGUARD_UNSET_VAR"_s}});
        QSignalSpy state(f.get(), &Feeds::HttpPollFeed::stateChanged);
        f->start({});
        QTRY_VERIFY(state.count() >= 2);
        QCOMPARE(state.last().at(0).value<Storage::FeedState>(), Storage::FeedState::Down);
        QVERIFY(state.last().at(1).toString().contains(u"LAKEGUARD_UNSET_VAR"_s));
        f->stop();
    }

    void timeoutIsDegraded()
    {
        ScriptedServer server(new QTcpServer);
        server.script << Response{200, {}, {}, true};
        auto f = feed({{u"url"_s, server.url(u"http"_s)}, {u"timeout_s"_s, 0.3}});
        QSignalSpy state(f.get(), &Feeds::HttpPollFeed::stateChanged);
        f->start({});
        QTRY_VERIFY_WITH_TIMEOUT(reached(state, Storage::FeedState::Degraded), 10000);
        f->stop();
        QCOMPARE(count(), 0);
    }

    void malformedRecordsAreQuarantined()
    {
        ScriptedServer server(new QTcpServer);
        server.script << Response{200, {}, records(0, 2) + "{not json\n"};
        auto f = feed({{u"url"_s, server.url(u"http"_s)}});
        QSignalSpy polled(f.get(), &Feeds::HttpPollFeed::polled);
        f->start({});
        QTRY_VERIFY_WITH_TIMEOUT(polled.count() >= 1, 10000);
        f->stop();
        Storage::SqliteStore s(m_db);
        QVERIFY(s.open(Storage::AlertStore::Mode::ReadOnly));
        QCOMPARE(s.countAlerts({}).value(), 2);
        QCOMPARE(s.quarantine(0).value().size(), 1);
    }

    // TLS: a self-signed certificate is refused; trusted through ca_file it works; a wrong
    // public-key pin is refused even though the certificate is trusted.
    void tlsVerificationAndPinning()
    {
        if (!makeCertificate()) {
            QSKIP("the openssl command is not available to make a test certificate");
        }
        if (!QSslSocket::supportsSsl()) {
            QSKIP("no TLS backend");
        }
        // Untrusted.
        {
            ScriptedServer server(tlsServer());
            server.script << Response{200, {}, records(0, 1)};
            auto f = feed({{u"url"_s, server.url(u"https"_s)}});
            QSignalSpy state(f.get(), &Feeds::HttpPollFeed::stateChanged);
            f->start({});
            QTRY_VERIFY_WITH_TIMEOUT(reached(state, Storage::FeedState::Degraded), 10000);
            f->stop();
            QCOMPARE(count(), 0);
        }
        // Trusted through ca_file, with the right pin (computed by the openssl CLI).
        QProcess p;
        p.start(u"sh"_s, {u"-c"_s, u"openssl x509 -in '%1' -pubkey -noout | openssl pkey -pubin "
                                    "-outform DER | openssl dgst -sha256 -hex"_s.arg(m_cert)});
        QVERIFY(p.waitForFinished(30000));
        const QByteArray pin = p.readAllStandardOutput().trimmed().split(' ').last();
        QCOMPARE(pin.size(), 64);
        {
            ScriptedServer server(tlsServer());
            server.script << Response{200, {}, records(0, 3)};
            auto f = feed({{u"url"_s, server.url(u"https"_s)}, {u"ca_file"_s, m_cert},
                           {u"pin_sha256"_s, QString::fromLatin1(pin)}});
            QSignalSpy polled(f.get(), &Feeds::HttpPollFeed::polled);
            f->start({});
            QTRY_VERIFY_WITH_TIMEOUT(polled.count() >= 1, 10000);
            f->stop();
            QCOMPARE(count(), 3);
        }
        // Trusted, wrong pin.
        {
            ScriptedServer server(tlsServer());
            server.script << Response{200, {}, records(10, 12)};
            auto f = feed({{u"url"_s, server.url(u"https"_s)}, {u"ca_file"_s, m_cert},
                           {u"pin_sha256"_s, QString(64, u'a')}});
            QSignalSpy state(f.get(), &Feeds::HttpPollFeed::stateChanged);
            f->start({});
            QTRY_VERIFY_WITH_TIMEOUT(reached(state, Storage::FeedState::Down), 10000);
            QVERIFY(state.last().at(1).toString().contains(u"pin"_s));
            f->stop();
            QCOMPARE(count(), 3);
        }
    }
};

QTEST_GUILESS_MAIN(tst_HttpPollFeed)
#include "tst_httppollfeed.moc"
