// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertstore.h"
#include "storewriter.h"
#include "webhookfeed.h"
#include "webhooktestsupport.h"

#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace WebhookTest;

namespace {
const QByteArray kToken = "t0ken-for-tests";
const QByteArray kSecret = "hmac-secret-for-tests";
const QByteArray kBearer = "Authorization: Bearer " + kToken;

QByteArray hmacHeaders(const QByteArray &body, qint64 ts, const QByteArray &secret = kSecret)
{
    const QByteArray t = QByteArray::number(ts);
    const QByteArray mac
        = QMessageAuthenticationCode::hash(t + '.' + body, secret, QCryptographicHash::Sha256);
    return "X-Lakeguard-Timestamp: " + t + "\r\nX-Lakeguard-Signature: sha256=" + mac.toHex();
}

QByteArray payload(const QString &name, int alerts = 1)
{
    QJsonArray list;
    for (int i = 0; i < alerts; ++i) {
        list.append(amAlert(name, u"firing"_s, u"2026-11-27T01:00:00Z"_s, u"host-%1"_s.arg(i)));
    }
    return amPayload(list);
}
} // namespace

class tst_WebhookFeed : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Storage::StoreWriter> m_writer;
    QString m_db;
    quint16 m_port = 0;

    QJsonObject config(const QJsonObject &extra = {}) const
    {
        QJsonObject o { { u"id"_s, u"am"_s }, { u"type"_s, u"webhook"_s },
            { u"listen"_s, u"127.0.0.1:%1"_s.arg(m_port) }, { u"path"_s, u"/hook"_s },
            { u"format"_s, u"alertmanager"_s }, { u"token_env"_s, u"LG_TEST_TOKEN"_s } };
        for (auto it = extra.begin(); it != extra.end(); ++it) {
            if (it.value().isNull()) {
                o.remove(it.key());
            } else {
                o.insert(it.key(), it.value());
            }
        }
        return o;
    }

    std::unique_ptr<RunningFeed> startFeed(const QJsonObject &extra = {})
    {
        auto feed = std::make_unique<RunningFeed>(config(extra), m_writer.get());
        if (!feed->feed) {
            qWarning() << feed->error;
            return nullptr;
        }
        if (!QTest::qWaitFor([&] { return feed->state == Storage::FeedState::Healthy; }, 10'000)) {
            qWarning() << "feed state" << Storage::feedStateName(feed->state) << feed->lastError;
            return nullptr;
        }
        return feed;
    }

    std::unique_ptr<Storage::AlertStore> store()
    {
        auto s = Storage::createStore(m_db);
        if (!s || !s.value()->open(Storage::AlertStore::Mode::ReadOnly)) {
            return nullptr;
        }
        return std::move(s).value();
    }

    qint64 alertCount()
    {
        auto s = store();
        return s ? s->countAlerts({}).value() : -1;
    }

    QList<Storage::QuarantineEntry> quarantined()
    {
        auto s = store();
        return s ? s->quarantine(100).value() : QList<Storage::QuarantineEntry> {};
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("LG_TEST_TOKEN", kToken);
        qputenv("LG_TEST_SECRET", kSecret);
        qunsetenv("LG_TEST_UNSET");
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_db = m_dir->filePath(u"store.db"_s);
        m_writer = std::make_unique<Storage::StoreWriter>(m_db);
        QVERIFY(m_writer->start());
        m_port = freePort();
        QVERIFY(m_port != 0);
    }

    void cleanup()
    {
        m_writer.reset();
        m_dir.reset();
    }

    void answersAfterCommit()
    {
        auto feed = startFeed();
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        const HttpResponse r = client.exchange(request(payload(u"DiskFull"_s, 3), { kBearer }));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"alerts"_s).toInt(), 3);
        // The 200 means committed: the alerts are queryable now, without waiting.
        QCOMPARE(alertCount(), 3);
        auto s = store();
        const auto page = s->alerts({}, Storage::AlertSort::TimeDesc, 10, std::nullopt);
        QVERIFY(page.ok());
        QCOMPARE(page->alerts.size(), 3);
        QCOMPARE(page->alerts.first().feed, u"am"_s);
        QCOMPARE(page->alerts.first().source, u"alertmanager"_s);
        QCOMPARE(page->alerts.first().severity, Core::Severity::Critical);
        QCOMPARE(page->alerts.first().state, u"firing"_s);
    }

    void unauthorized_data()
    {
        QTest::addColumn<QByteArray>("headers");
        const QByteArray body = payload(u"Unauth"_s);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QTest::addRow("no credentials") << QByteArray();
        QTest::addRow("wrong token") << QByteArray("Authorization: Bearer wrong");
        QTest::addRow("token prefix") << QByteArray("Authorization: Bearer " + kToken.left(5));
        QTest::addRow("basic scheme") << QByteArray("Authorization: Basic " + kToken.toBase64());
        QTest::addRow("bad signature") << hmacHeaders(body, now, "another secret");
        QTest::addRow("signature of another body") << hmacHeaders(body + ' ', now);
        QTest::addRow("stale timestamp") << hmacHeaders(body, now - 301);
        QTest::addRow("future timestamp") << hmacHeaders(body, now + 400);
        QTest::addRow("malformed signature") << QByteArray("X-Lakeguard-Timestamp: "
            + QByteArray::number(now) + "\r\nX-Lakeguard-Signature: md5=abc");
    }

    void unauthorized()
    {
        QFETCH(QByteArray, headers);
        auto feed = startFeed({ { u"hmac_secret_env"_s, u"LG_TEST_SECRET"_s } });
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        const QList<QByteArray> lines
            = headers.isEmpty() ? QList<QByteArray> {} : QList { headers };
        const HttpResponse r = client.exchange(request(payload(u"Unauth"_s), lines));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.header("www-authenticate"), QByteArray("Bearer"));
        QCOMPARE(alertCount(), 0);
        QCOMPARE(quarantined().size(), 0);
    }

    void signedRequestsAndReplay()
    {
        auto feed
            = startFeed({ { u"hmac_secret_env"_s, u"LG_TEST_SECRET"_s }, { u"token_env"_s, {} } });
        QVERIFY(feed);
        const QByteArray body = payload(u"Signed"_s);
        const QByteArray signedRequest
            = request(body, { hmacHeaders(body, QDateTime::currentSecsSinceEpoch()) });
        Client client;
        QVERIFY(client.connectTo(m_port));
        QCOMPARE(client.exchange(signedRequest).status, 200);
        QCOMPARE(alertCount(), 1);
        // The same signed bytes again, on the same or another connection: a replay.
        const HttpResponse again = client.exchange(signedRequest);
        QCOMPARE(again.status, 401);
        QVERIFY(again.json().value(u"error"_s).toString().contains(u"replay"_s));
        Client other;
        QVERIFY(other.connectTo(m_port));
        QCOMPARE(other.exchange(signedRequest).status, 401);
        // A bearer token is not accepted by a feed that only has a signing secret.
        QCOMPARE(other.exchange(request(payload(u"Bearer"_s), { kBearer })).status, 401);
        QCOMPARE(alertCount(), 1);
    }

    void eitherCredentialWhenBothAreConfigured()
    {
        auto feed = startFeed({ { u"hmac_secret_env"_s, u"LG_TEST_SECRET"_s } });
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        QCOMPARE(client.exchange(request(payload(u"ByToken"_s), { kBearer })).status, 200);
        const QByteArray body = payload(u"BySignature"_s);
        QCOMPARE(
            client
                .exchange(request(body, { hmacHeaders(body, QDateTime::currentSecsSinceEpoch()) }))
                .status,
            200);
        QCOMPARE(alertCount(), 2);
    }

    void missingSecretKeepsTheFeedDown()
    {
        auto feed = std::make_unique<RunningFeed>(
            config({ { u"token_env"_s, u"LG_TEST_UNSET"_s } }), m_writer.get());
        QVERIFY(feed->feed);
        QTRY_COMPARE_WITH_TIMEOUT(feed->state, Storage::FeedState::Down, 10'000);
        QVERIFY2(feed->lastError.contains(u"LG_TEST_UNSET"_s), qPrintable(feed->lastError));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(!socket.waitForConnected(2'000)); // nothing listens unauthenticated
    }

    void configurationErrors_data()
    {
        QTest::addColumn<QJsonObject>("extra");
        QTest::addColumn<QString>("key");
        QTest::addRow("open address without auth")
            << QJsonObject { { u"listen"_s, u"0.0.0.0:9099"_s }, { u"token_env"_s, {} } }
            << u"token_env"_s;
        QTest::addRow("path without slash")
            << QJsonObject { { u"path"_s, u"hook"_s } } << u"path"_s;
        QTest::addRow("secret inline")
            << QJsonObject { { u"hmac_secret_env"_s, u"s3cr3t value"_s } } << u"hmac_secret_env"_s;
        QTest::addRow("zero queue") << QJsonObject { { u"max_queued_requests"_s, QJsonValue(0) } }
                                    << u"max_queued_requests"_s;
        QTest::addRow("unknown key") << QJsonObject { { u"max_body"_s, 5 } } << u"max_body"_s;
    }

    void configurationErrors()
    {
        QFETCH(QJsonObject, extra);
        QFETCH(QString, key);
        RunningFeed feed(config(extra), m_writer.get());
        QVERIFY(!feed.feed);
        QVERIFY2(feed.error.contains(u"feed \"am\""_s) && feed.error.contains(key),
            qPrintable(feed.error));
    }

    void bodyOverTheLimitIsRefusedBeforeItIsRead()
    {
        auto feed = startFeed({ { u"max_body_bytes"_s, 1024 } });
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        // Only the head is sent: the answer must not wait for the 4 KiB body.
        client.send("POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\n" + kBearer
            + "\r\nContent-Length: 4096\r\n\r\n");
        const HttpResponse r = client.read();
        QCOMPARE(r.status, 413);
        QCOMPARE(r.header("connection"), QByteArray("close"));
        client.send(QByteArray(4096, 'x')); // discarded while the server lingers, then closed
        QVERIFY(client.waitClosed());
        QCOMPARE(alertCount(), 0);
        QCOMPARE(quarantined().size(), 0);
    }

    void otherPathsAndMethods()
    {
        auto feed = startFeed();
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        HttpResponse r
            = client.exchange("GET /hook HTTP/1.1\r\nHost: h\r\n" + kBearer + "\r\n\r\n");
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("allow"), QByteArray("POST"));
        r = client.exchange("GET /metrics HTTP/1.1\r\nHost: h\r\n\r\n"); // same connection
        QCOMPARE(r.status, 404);
        r = client.exchange(request(payload(u"Elsewhere"_s), { kBearer }, "/hook/other"));
        QCOMPARE(r.status, 404);
        QVERIFY(client.waitClosed()); // a refused body is not read: the connection ends
        QCOMPARE(alertCount(), 0);
    }

    void chunkedBodiesAreRefused()
    {
        auto feed = startFeed();
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        const HttpResponse r = client.exchange("POST /hook HTTP/1.1\r\nHost: h\r\n" + kBearer
            + "\r\nTransfer-Encoding: chunked\r\n\r\n"
              "5\r\nhello\r\n0\r\n\r\n");
        QCOMPARE(r.status, 411);
        QVERIFY(client.waitClosed());
        QCOMPARE(alertCount(), 0);
    }

    void shorterBodyThanContentLengthTimesOut()
    {
        auto feed = startFeed({ { u"timeout_s"_s, 1 } });
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        const QByteArray body = payload(u"Truncated"_s);
        client.send("POST /hook HTTP/1.1\r\nHost: h\r\n" + kBearer
            + "\r\nContent-Length: " + QByteArray::number(body.size() + 100) + "\r\n\r\n" + body);
        const HttpResponse r = client.read();
        QCOMPARE(r.status, 408);
        QVERIFY(client.waitClosed());
        QCOMPARE(alertCount(), 0);
        QCOMPARE(quarantined().size(), 0);
    }

    // Senders that die mid-body (issue 9): nothing of their half bodies is stored or
    // quarantined, their connection slots are freed, and the next sender is served.
    void senderDisconnectingMidBodyStoresNothing()
    {
        auto feed = startFeed({ { u"max_connections"_s, 2 } });
        QVERIFY(feed);
        const QByteArray body = payload(u"Cut"_s);
        for (int i = 0; i < 10; ++i) {
            Client client;
            QVERIFY(client.connectTo(m_port));
            client.send("POST /hook HTTP/1.1\r\nHost: h\r\n" + kBearer + "\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body.left(body.size() / 2));
            client.abort();
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                Client next;
                return next.connectTo(m_port)
                    && (next.send(request(payload(u"After"_s), { kBearer })),
                        next.read().status == 200);
            }(),
            15000);
        QCOMPARE(alertCount(), 1);
        QCOMPARE(quarantined().size(), 0);
    }

    void longerBodyThanContentLengthIsTheNextRequest()
    {
        auto feed = startFeed();
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        client.send(request(payload(u"Surplus"_s), { kBearer }) + "{\"alerts\":[]}\r\n\r\n");
        QCOMPARE(client.read().status, 200);
        QCOMPARE(client.read().status, 400);
        QVERIFY(client.waitClosed());
        QCOMPARE(alertCount(), 1);
    }

    void slowLorisIsCutOff_data()
    {
        QTest::addColumn<QByteArray>("start");
        QTest::addColumn<QByteArray>("drip");
        QTest::addRow("head") << QByteArray("POST /hook HTTP/1.1\r\nHost: h\r\n")
                              << QByteArray("X-A: b\r\n");
        QTest::addRow("body") << QByteArray(
            "POST /hook HTTP/1.1\r\nHost: h\r\n" + kBearer + "\r\nContent-Length: 100000\r\n\r\n")
                              << QByteArray("{");
    }

    void slowLorisIsCutOff()
    {
        QFETCH(QByteArray, start);
        QFETCH(QByteArray, drip);
        auto feed = startFeed({ { u"timeout_s"_s, 1 } });
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        client.send(start);
        // Keep the connection busy with a trickle: the deadline covers the whole head (or
        // body), so the trickle does not extend it.
        QDeadlineTimer give(20'000);
        while (client.socket().state() == QAbstractSocket::ConnectedState && !give.hasExpired()
            && client.socket().bytesAvailable() == 0) {
            client.send(drip);
            client.socket().waitForReadyRead(150);
        }
        const HttpResponse r = client.read();
        QCOMPARE(r.status, 408);
        QVERIFY(client.waitClosed());
        QCOMPARE(alertCount(), 0);
    }

    void connectionLimit()
    {
        auto feed = startFeed({ { u"max_connections"_s, 2 } });
        QVERIFY(feed);
        auto first = std::make_unique<Client>();
        Client second;
        QVERIFY(first->connectTo(m_port));
        QVERIFY(second.connectTo(m_port));
        QCOMPARE(second.exchange(request(payload(u"Second"_s), { kBearer })).status, 200);
        Client third;
        QVERIFY(third.connectTo(m_port));
        const HttpResponse refused = third.read();
        QCOMPARE(refused.status, 503);
        QVERIFY(!refused.header("retry-after").isEmpty());
        QVERIFY(third.waitClosed());
        first.reset(); // a slot frees up
        QVERIFY(QTest::qWaitFor(
            [&] {
                Client next;
                return next.connectTo(m_port)
                    && next.exchange(request(payload(u"Next"_s), { kBearer })).status == 200;
            },
            15'000));
        QCOMPARE(alertCount(), 2);
    }

    void backpressureAnswers503()
    {
        auto feed = startFeed({ { u"max_queued_requests"_s, 1 } });
        QVERIFY(feed);
        // Given a queue of one request, and one request holding it (its 100 Continue says the
        // feed accepted its head and counted it) …
        const QByteArray body = payload(u"Queued"_s);
        Client queued;
        QVERIFY(queued.connectTo(m_port));
        queued.send("POST /hook HTTP/1.1\r\nHost: h\r\n" + kBearer
            + "\r\nExpect: 100-continue\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n\r\n");
        QCOMPARE(queued.read().status, 100);

        // … another request is told to come back later, on a connection that stays usable …
        Client late;
        QVERIFY(late.connectTo(m_port));
        const HttpResponse refused = late.exchange(request(QByteArray(), { kBearer }));
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.header("retry-after"), QByteArray("1"));
        const HttpResponse refusedWithBody
            = late.exchange(request(payload(u"Late"_s), { kBearer }));
        QCOMPARE(refusedWithBody.status, 503);
        QVERIFY(late.waitClosed()); // its body was not read
        QCOMPARE(alertCount(), 0);

        // … and once the queued one is committed and answered, there is room again.
        queued.send(body);
        QCOMPARE(queued.read().status, 200);
        QCOMPARE(alertCount(), 1);
        Client retry;
        QVERIFY(retry.connectTo(m_port));
        QCOMPARE(retry.exchange(request(payload(u"Late"_s), { kBearer })).status, 200);
        QCOMPARE(alertCount(), 2);
    }

    void storeFailureAnswers503()
    {
        auto feed = startFeed({ { u"hmac_secret_env"_s, u"LG_TEST_SECRET"_s } });
        QVERIFY(feed);
        const QByteArray body = payload(u"NotStored"_s);
        const QByteArray signedRequest
            = request(body, { hmacHeaders(body, QDateTime::currentSecsSinceEpoch()) });
        {
            QSqlDatabase lock = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"lock"_s);
            lock.setDatabaseName(m_db);
            QVERIFY(lock.open());
            QSqlQuery q(lock);
            QVERIFY(q.exec(u"BEGIN IMMEDIATE"_s));
            // The writer gives up after its busy timeout: not stored, so a retryable 503.
            Client client;
            QVERIFY(client.connectTo(m_port));
            client.send(signedRequest);
            const HttpResponse r = client.read(30'000);
            QCOMPARE(r.status, 503);
            QVERIFY(!r.header("retry-after").isEmpty());
            QVERIFY(q.exec(u"ROLLBACK"_s));
        }
        QSqlDatabase::removeDatabase(u"lock"_s);
        QCOMPARE(alertCount(), 0);
        // The same signed request may be sent again: it was not stored, so it is no replay.
        Client again;
        QVERIFY(again.connectTo(m_port));
        QCOMPARE(again.exchange(signedRequest).status, 200);
        QCOMPARE(alertCount(), 1);
    }

    void keepAliveAndPipelining()
    {
        auto feed = startFeed();
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        for (int i = 0; i < 3; ++i) {
            const HttpResponse r
                = client.exchange(request(payload(u"KeepAlive%1"_s.arg(i)), { kBearer }));
            QCOMPARE(r.status, 200);
            QVERIFY(r.header("connection").isEmpty());
        }
        // Two requests in one write: answered in order.
        client.send(request(payload(u"PipeA"_s), { kBearer })
            + request(payload(u"PipeB"_s, 2), { kBearer }));
        const HttpResponse a = client.read();
        const HttpResponse b = client.read();
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json().value(u"alerts"_s).toInt(), 1);
        QCOMPARE(b.status, 200);
        QCOMPARE(b.json().value(u"alerts"_s).toInt(), 2);
        // A request asking to close is answered, then the connection ends.
        const HttpResponse last
            = client.exchange(request(payload(u"Last"_s), { kBearer, "Connection: close" }));
        QCOMPARE(last.status, 200);
        QCOMPARE(last.header("connection"), QByteArray("close"));
        QVERIFY(client.waitClosed());
        QCOMPARE(alertCount(), 7);
    }

    void redeliveryIsNoDuplicate()
    {
        auto feed = startFeed();
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        const QByteArray body = payload(u"Twice"_s, 2);
        QCOMPARE(client.exchange(request(body, { kBearer })).status, 200);
        QCOMPARE(client.exchange(request(body, { kBearer })).status, 200);
        QCOMPARE(alertCount(), 2);
    }

    void resolvedUpdatesTheFiringAlert()
    {
        auto feed = startFeed();
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        const QString startsAt = u"2026-11-27T01:00:00Z"_s;
        QCOMPARE(
            client
                .exchange(request(
                    amPayload({ amAlert(u"Lifecycle"_s, u"firing"_s, startsAt) }), { kBearer }))
                .status,
            200);
        QCOMPARE(
            client
                .exchange(request(
                    amPayload({ amAlert(u"Lifecycle"_s, u"resolved"_s, startsAt) }, u"resolved"_s),
                    { kBearer }))
                .status,
            200);
        // Answered after commit: the update is visible now.
        auto s = store();
        const auto page = s->alerts({}, Storage::AlertSort::TimeDesc, 10, std::nullopt);
        QVERIFY(page.ok());
        QCOMPARE(page->alerts.size(), 1);
        QCOMPARE(page->alerts.first().state, u"resolved"_s);
        QCOMPARE(s->alertEvents(page->alerts.first().id)->size(), 2);
    }

    void badJsonIsQuarantined()
    {
        auto feed = startFeed();
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        const QByteArray body = "{\"version\":\"4\",\"alerts\":[{\"labels\":";
        const HttpResponse r = client.exchange(request(body, { kBearer }));
        // Stored in quarantine, and a 4xx so that Alertmanager does not retry it forever.
        QCOMPARE(r.status, 400);
        QVERIFY(r.json().value(u"error"_s).toString().startsWith(u"stored in quarantine"_s));
        QCOMPARE(r.json().value(u"quarantined"_s).toInt(), 1);
        QCOMPARE(alertCount(), 0);
        const QList<Storage::QuarantineEntry> q = quarantined();
        QCOMPARE(q.size(), 1);
        QCOMPARE(q.first().record.feed, u"am"_s);
        QCOMPARE(q.first().record.raw, body);
        QVERIFY(!q.first().record.reason.isEmpty());
        // The connection stays usable.
        QCOMPARE(client.exchange(request(payload(u"After"_s), { kBearer })).status, 200);
    }

    void jsonLinesBody()
    {
        auto feed = startFeed({ { u"format"_s, u"jsonl"_s } });
        QVERIFY(feed);
        Client client;
        QVERIFY(client.connectTo(m_port));
        const QByteArray body
            = "{\"ts\":\"2026-11-27T01:00:00Z\",\"title\":\"one\",\"severity\":\"high\"}\n"
              "{\"ts\":\"2026-11-27T01:00:01Z\",\"title\":\"two\",\"severity\":\"low\"}\n"
              "not json\n";
        const HttpResponse r = client.exchange(request(body, { kBearer }));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"alerts"_s).toInt(), 2);
        QCOMPARE(r.json().value(u"quarantined"_s).toInt(), 1);
        QCOMPARE(alertCount(), 2);
        QCOMPARE(quarantined().size(), 1);
    }

    void cleanStop()
    {
        auto feed = startFeed();
        QVERIFY(feed);
        // Keep the writer busy with a large batch so that a request is still waiting for its
        // commit when the feed is stopped (if the writer is quicker, it was answered anyway).
        Storage::IngestBatch big;
        big.feed = u"bulk"_s;
        big.feedType = u"file"_s;
        for (int i = 0; i < 20'000; ++i) {
            Core::Alert a;
            a.ts = Core::nowMs() - i;
            a.received = a.ts;
            a.feed = big.feed;
            a.source = u"jsonl"_s;
            a.rule = u"bulk"_s;
            a.title = u"bulk alert %1"_s.arg(i);
            a.raw = "{\"bulk\":" + QByteArray::number(i) + '}';
            a.fingerprint = Core::fingerprintOf(u"jsonl", QByteArray::number(i));
            big.alerts.append(a);
        }
        QFuture<Storage::BatchResult> bulk = m_writer->submit(std::move(big));
        Client committed;
        QVERIFY(committed.connectTo(m_port));
        committed.send(request(payload(u"InFlight"_s), { kBearer }));
        // One request is still sending its body …
        Client partial;
        QVERIFY(partial.connectTo(m_port));
        partial.send("POST /hook HTTP/1.1\r\nHost: h\r\n" + kBearer
            + "\r\nExpect: 100-continue\r\nContent-Length: 50\r\n\r\n");
        QCOMPARE(partial.read().status, 100);
        // … when the feed stops: what it accepted is committed and answered, the rest is
        // refused with a retryable 503, and nothing listens any more.
        feed->stop();
        QCOMPARE(committed.read().status, 200);
        const HttpResponse refused = partial.read();
        QCOMPARE(refused.status, 503);
        QVERIFY(!refused.header("retry-after").isEmpty());
        bulk.waitForFinished();
        QVERIFY(bulk.result().ok);
        Storage::AlertFilter mine;
        mine.feed = u"am"_s;
        QCOMPARE(store()->countAlerts(mine).value(), 1);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(!socket.waitForConnected(2'000));
    }

    void constantTimeCompare()
    {
        using Feeds::WebhookFeed;
        QVERIFY(WebhookFeed::constantTimeEquals("abc", "abc"));
        QVERIFY(!WebhookFeed::constantTimeEquals("abd", "abc"));
        QVERIFY(!WebhookFeed::constantTimeEquals("ab", "abc"));
        QVERIFY(!WebhookFeed::constantTimeEquals("", "abc"));
        // The documented signature: hex HMAC-SHA256 over "<timestamp>.<body>" (RFC 4231 key).
        QCOMPARE(WebhookFeed::signatureFor("key", "1700000000", "{}"),
            "sha256="
                + QMessageAuthenticationCode::hash(
                    "1700000000.{}", "key", QCryptographicHash::Sha256)
                      .toHex());
    }
};

QTEST_GUILESS_MAIN(tst_WebhookFeed)
#include "tst_webhookfeed.moc"
