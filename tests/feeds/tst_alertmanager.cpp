// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The webhook feed against the real Prometheus Alertmanager (Debian's prometheus-alertmanager),
// started by the test on 127.0.0.1 in a temporary folder with its own configuration.
#include "alertstore.h"
#include "storewriter.h"
#include "webhooktestsupport.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace WebhookTest;

namespace {

const QByteArray kToken = "alertmanager-token-for-tests";

QString findAlertmanager()
{
    if (QFile::exists(u"/usr/bin/prometheus-alertmanager"_s)) {
        return u"/usr/bin/prometheus-alertmanager"_s;
    }
    return QStandardPaths::findExecutable(u"prometheus-alertmanager"_s);
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

class tst_Alertmanager : public QObject
{
    Q_OBJECT

private:
    QString m_binary;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Storage::StoreWriter> m_writer;
    std::unique_ptr<QProcess> m_am;
    QNetworkAccessManager m_network;
    QString m_db;
    quint16 m_feedPort = 0;
    quint16 m_amPort = 0;

    std::pair<int, QByteArray> http(
        const QByteArray &verb, const QString &path, const QByteArray &body = {})
    {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_amPort).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        request.setTransferTimeout(10'000);
        QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
            reply->readAll() };
    }

    bool startAlertmanager()
    {
        m_amPort = freePort();
        const QString tokenFile = m_dir->filePath(u"am-token"_s);
        QFile token(tokenFile);
        if (!token.open(QIODevice::WriteOnly)
            || !token.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) {
            return false;
        }
        token.write(kToken);
        token.close();
        // One group per alertname, delivered a second after it changes; never repeated on its
        // own, so every delivery the feed sees is a first one, a resolve or a retry.
        const QString config = u"global:\n"
                               "  resolve_timeout: 5s\n"
                               "route:\n"
                               "  receiver: lakeguard\n"
                               "  group_by: ['alertname']\n"
                               "  group_wait: 1s\n"
                               "  group_interval: 1s\n"
                               "  repeat_interval: 24h\n"
                               "receivers:\n"
                               "  - name: lakeguard\n"
                               "    webhook_configs:\n"
                               "      - url: http://127.0.0.1:%1/hook\n"
                               "        send_resolved: true\n"
                               "        http_config:\n"
                               "          authorization:\n"
                               "            type: Bearer\n"
                               "            credentials_file: %2\n"_s.arg(m_feedPort)
                                   .arg(tokenFile);
        QFile file(m_dir->filePath(u"alertmanager.yml"_s));
        if (!file.open(QIODevice::WriteOnly)) {
            return false;
        }
        file.write(config.toUtf8());
        file.close();
        m_am = std::make_unique<QProcess>();
        m_am->setProcessChannelMode(QProcess::MergedChannels);
        m_am->setStandardOutputFile(m_dir->filePath(u"alertmanager.log"_s));
        m_am->start(m_binary,
            { u"--config.file=%1"_s.arg(file.fileName()),
                u"--storage.path=%1"_s.arg(m_dir->filePath(u"data"_s)),
                u"--web.listen-address=127.0.0.1:%1"_s.arg(m_amPort),
                u"--cluster.listen-address="_s, u"--log.level=debug"_s });
        if (!m_am->waitForStarted(10'000)) {
            return false;
        }
        return QTest::qWaitFor([&] { return http("GET", u"/-/ready"_s).first == 200; }, 20'000);
    }

    void stopAlertmanager()
    {
        if (!m_am) {
            return;
        }
        if (m_am->state() != QProcess::NotRunning) {
            m_am->terminate(); // by its pid
            if (!m_am->waitForFinished(10'000)) {
                m_am->kill();
                m_am->waitForFinished(5'000);
            }
        }
        m_am.reset();
    }

    QByteArray alertmanagerLog() const
    {
        QFile log(m_dir->filePath(u"alertmanager.log"_s));
        return log.open(QIODevice::ReadOnly) ? log.readAll().right(4000) : QByteArray();
    }

    bool postAlert(const QString &alertname, qint64 startsAt, qint64 endsAt)
    {
        const QJsonArray alerts { QJsonObject {
            { u"labels"_s,
                QJsonObject { { u"alertname"_s, alertname }, { u"severity"_s, u"critical"_s },
                    { u"instance"_s, u"core-banking-1"_s } } },
            { u"annotations"_s,
                QJsonObject { { u"summary"_s, u"%1 on core-banking-1"_s.arg(alertname) } } },
            { u"startsAt"_s, iso(startsAt) }, { u"endsAt"_s, iso(endsAt) },
            { u"generatorURL"_s, u"http://prometheus.local/graph"_s } } };
        const auto [status, body] = http(
            "POST", u"/api/v2/alerts"_s, QJsonDocument(alerts).toJson(QJsonDocument::Compact));
        if (status != 200) {
            qWarning() << "Alertmanager refused the alert:" << status << body;
        }
        return status == 200;
    }

    // Failed webhook deliveries Alertmanager counted so far (its own metric).
    double failedDeliveries()
    {
        const auto [status, body] = http("GET", u"/metrics"_s);
        static const QRegularExpression line(
            u"^alertmanager_notifications_failed_total\\{integration=\"webhook\"\\} (\\S+)$"_s,
            QRegularExpression::MultilineOption);
        const QRegularExpressionMatch m = line.match(QString::fromUtf8(body));
        return status == 200 && m.hasMatch() ? m.captured(1).toDouble() : -1;
    }

    std::unique_ptr<Storage::AlertStore> store()
    {
        auto s = Storage::createStore(m_db);
        if (!s || !s.value()->open(Storage::AlertStore::Mode::ReadOnly)) {
            return nullptr;
        }
        return std::move(s).value();
    }

    QList<Core::Alert> storedAlerts(const QString &alertname)
    {
        Storage::AlertFilter filter;
        filter.feed = u"am"_s;
        filter.rule = u"am:"_s + alertname;
        auto s = store();
        if (!s) {
            return {};
        }
        const auto page = s->alerts(filter, Storage::AlertSort::TimeDesc, 100, std::nullopt);
        return page ? page->alerts : QList<Core::Alert> {};
    }

    std::unique_ptr<RunningFeed> startFeed()
    {
        const QJsonObject config { { u"id"_s, u"am"_s }, { u"type"_s, u"webhook"_s },
            { u"listen"_s, u"127.0.0.1:%1"_s.arg(m_feedPort) }, { u"path"_s, u"/hook"_s },
            { u"format"_s, u"alertmanager"_s }, { u"token_env"_s, u"LG_AM_TOKEN"_s } };
        auto feed = std::make_unique<RunningFeed>(config, m_writer.get());
        if (!feed->feed
            || !QTest::qWaitFor(
                [&] { return feed->state == Storage::FeedState::Healthy; }, 20'000)) {
            qWarning() << "feed did not start:" << feed->error << feed->lastError;
            return nullptr;
        }
        return feed;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_binary = findAlertmanager();
        if (m_binary.isEmpty()) {
            QSKIP("prometheus-alertmanager is not installed (apt-get install "
                  "prometheus-alertmanager; scripts/bootstrap.sh lists it)");
        }
        qputenv("LG_AM_TOKEN", kToken);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_db = m_dir->filePath(u"store.db"_s);
        m_writer = std::make_unique<Storage::StoreWriter>(m_db);
        QVERIFY(m_writer->start());
        m_feedPort = freePort();
        QVERIFY(m_feedPort != 0);
    }

    void cleanup()
    {
        if (QTest::currentTestFailed() && m_dir) {
            qWarning().noquote() << "Alertmanager log (tail):\n" << alertmanagerLog();
        }
        stopAlertmanager();
        m_writer.reset();
        m_dir.reset();
    }

    void firingThenResolved()
    {
        auto feed = startFeed();
        QVERIFY(feed);
        QVERIFY2(startAlertmanager(), alertmanagerLog().constData());
        // Given a firing alert posted to Alertmanager's API …
        const qint64 startsAt = Core::nowMs() - 60'000;
        QVERIFY(postAlert(u"LgLedgerStalled"_s, startsAt, Core::nowMs() + 3'600'000));
        // … Alertmanager delivers it with the bearer token and it is stored once.
        QTRY_COMPARE_WITH_TIMEOUT(storedAlerts(u"LgLedgerStalled"_s).size(), 1, 30'000);
        const Core::Alert firing = storedAlerts(u"LgLedgerStalled"_s).first();
        QCOMPARE(firing.source, u"alertmanager"_s);
        QCOMPARE(firing.severity, Core::Severity::Critical);
        QCOMPARE(firing.entity, u"core-banking-1"_s);
        QCOMPARE(firing.ts, startsAt);
        QCOMPARE(firing.state, u"firing"_s);

        // When the same alert ends (endsAt in the past), Alertmanager sends it as resolved …
        const qint64 endsAt = Core::nowMs() - 1'000;
        QVERIFY(postAlert(u"LgLedgerStalled"_s, startsAt, endsAt));
        // … which updates the stored alert instead of adding a second one.
        QTRY_COMPARE_WITH_TIMEOUT(
            storedAlerts(u"LgLedgerStalled"_s).value(0).state, u"resolved"_s, 30'000);
        const QList<Core::Alert> after = storedAlerts(u"LgLedgerStalled"_s);
        QCOMPARE(after.size(), 1);
        QCOMPARE(after.first().id, firing.id);
        QCOMPARE(after.first().stateSince, endsAt);
        const auto events = store()->alertEvents(firing.id);
        QVERIFY(events.ok());
        QStringList states;
        for (const Core::AlertEvent &e : *events) {
            states << e.state;
        }
        QCOMPARE(states, (QStringList { u"firing"_s, u"resolved"_s }));
        Storage::AlertFilter all;
        all.feed = u"am"_s;
        QCOMPARE(store()->countAlerts(all).value(), 1);
    }

    void receiverDownThenUp()
    {
        auto feed = startFeed();
        QVERIFY(feed);
        QVERIFY2(startAlertmanager(), alertmanagerLog().constData());
        // Given the receiver down …
        feed->stop();
        feed.reset();
        const double failedBefore = failedDeliveries();
        QVERIFY(failedBefore >= 0);
        QVERIFY(
            postAlert(u"LgCardFraudSpike"_s, Core::nowMs() - 30'000, Core::nowMs() + 3'600'000));
        // … Alertmanager's delivery fails (it counts it) and it keeps retrying …
        QTRY_VERIFY_WITH_TIMEOUT(failedDeliveries() > failedBefore, 30'000);
        QCOMPARE(storedAlerts(u"LgCardFraudSpike"_s).size(), 0);

        // … so once the feed is back on the same port the alert arrives, exactly once.
        feed = startFeed();
        QVERIFY(feed);
        QTRY_COMPARE_WITH_TIMEOUT(storedAlerts(u"LgCardFraudSpike"_s).size(), 1, 60'000);
        QTest::qWait(3'000); // group_interval is 1 s: further deliveries would have come by now
        const QList<Core::Alert> stored = storedAlerts(u"LgCardFraudSpike"_s);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().state, u"firing"_s);
        QCOMPARE(store()->alertEvents(stored.first().id)->size(), 1); // retries added no event
        Storage::AlertFilter all;
        all.feed = u"am"_s;
        QCOMPARE(store()->countAlerts(all).value(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_Alertmanager)
#include "tst_alertmanager.moc"
