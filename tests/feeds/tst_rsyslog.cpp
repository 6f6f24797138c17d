// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitestore.h"
#include "storewriter.h"
#include "syslogfeed.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

quint16 freeTcpPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

QString findTool(const QString &name)
{
    return QStandardPaths::findExecutable(
        name, { u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s, u"/bin"_s });
}

bool run(const QString &program, const QStringList &args, QString *error)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = program + u": "_s + QString::fromLocal8Bit(p.readAllStandardError());
        return false;
    }
    return true;
}

// What the test sends through rsyslog with logger, and what must come out in the store.
struct Line
{
    QString priority; // logger -p
    QString tag;
    QString text;
};

const QList<Line> &lines()
{
    static const QList<Line> l {
        { u"auth.crit"_s, u"lgsshd"_s, u"Failed password for root from 10.0.0.7 port 5022"_s },
        { u"user.notice"_s, u"lgbatch"_s, u"nightly settlement run finished"_s },
        { u"local0.warning"_s, u"lggw"_s,
            u"CEF:0|Acme|Gateway|2.1|4242|Wire transfer blocked|9|src=10.1.1.1 duser=alice "
            "cs1=ACC-9 cs1Label=account"_s },
        { u"local0.info"_s, u"lgfraud"_s,
            u"CEF:0|Acme|Fraud\\|Engine|3.0|F-17|Card used in two countries|High|suser=bob "
            "msg=first\\=second"_s },
    };
    return l;
}

} // namespace

class tst_Rsyslog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_rsyslogd;
    QString m_logger;
    QString m_openssl;
    int m_case = 0;
    QString m_db;
    std::unique_ptr<Storage::StoreWriter> m_writer;
    QThread m_feedThread;
    Feeds::SyslogFeed *m_feed = nullptr;
    std::unique_ptr<QProcess> m_rsyslog;
    quint16 m_inputPort = 0;
    quint16 m_feedPort = 0;

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

    Storage::FeedStatus status()
    {
        const auto s = store();
        const auto feeds = s ? s->feeds().value() : QList<Storage::FeedStatus> {};
        return feeds.isEmpty() ? Storage::FeedStatus {} : feeds.first();
    }

    QHash<QString, Core::Alert> alertsByRule()
    {
        QHash<QString, Core::Alert> out;
        if (const auto s = store()) {
            for (const Core::Alert &a :
                s->alerts({}, Storage::AlertSort::TimeAsc, 1000, std::nullopt).value().alerts) {
                out.insert(a.rule, a);
            }
        }
        return out;
    }

    // The feed on its own thread, as `serve` runs it.
    void startFeed(QJsonObject settings)
    {
        m_feedPort = freeTcpPort();
        settings.insert(u"listen"_s, u"127.0.0.1:%1"_s.arg(m_feedPort));
        Feeds::FeedConfig c;
        c.id = u"rsyslog"_s;
        c.type = u"syslog"_s;
        c.format = u"syslog"_s;
        c.settings = settings;
        m_feed = new Feeds::SyslogFeed(c, m_writer.get());
        m_feed->moveToThread(&m_feedThread);
        connect(&m_feedThread, &QThread::finished, m_feed, &QObject::deleteLater);
        m_feedThread.start();
        Feeds::SyslogFeed *feed = m_feed;
        QMetaObject::invokeMethod(feed, [feed] { feed->start({}); });
        QTRY_COMPARE_WITH_TIMEOUT(status().state, Storage::FeedState::Healthy, 10000);
    }

    // rsyslogd in the foreground with its own config and work directory: an imtcp input on
    // 127.0.0.1 (no imuxsock, no system log touched) forwarding everything with omfwd.
    void startRsyslog(const QString &globals, const QString &omfwdExtra)
    {
        const QString dir = m_dir.filePath(u"rsyslog-%1"_s.arg(m_case));
        QVERIFY(QDir().mkpath(dir + u"/work"_s));
        m_inputPort = freeTcpPort();
        const QString conf = dir + u"/rsyslog.conf"_s;
        QFile f(conf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QString text
            = u"global(workDirectory=\"%1/work\"%2)\n"
              "module(load=\"imtcp\")\n"
              "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"%3\" ruleset=\"forward\")\n"
              "ruleset(name=\"forward\") {\n"
              "  action(type=\"omfwd\" target=\"127.0.0.1\" port=\"%4\" protocol=\"tcp\"\n"
              "         TCP_Framing=\"octet-counted\" template=\"RSYSLOG_SyslogProtocol23Format\"\n"
              "         action.resumeInterval=\"1\" action.resumeRetryCount=\"-1\"%5)\n"
              "}\n"_s.arg(dir, globals)
                  .arg(m_inputPort)
                  .arg(m_feedPort)
                  .arg(omfwdExtra);
        QVERIFY(f.write(text.toUtf8()) > 0);
        f.close();
        m_rsyslog = std::make_unique<QProcess>();
        m_rsyslog->setProcessChannelMode(QProcess::MergedChannels);
        m_rsyslog->start(m_rsyslogd, { u"-n"_s, u"-f"_s, conf, u"-i"_s, dir + u"/rsyslogd.pid"_s });
        QVERIFY2(m_rsyslog->waitForStarted(10000), qPrintable(m_rsyslog->errorString()));
        // Ready when its input accepts connections.
        QTRY_VERIFY_WITH_TIMEOUT(
            inputAccepts() || m_rsyslog->state() == QProcess::NotRunning, 20000);
        QVERIFY2(m_rsyslog->state() == QProcess::Running,
            qPrintable(u"rsyslogd exited: "_s + QString::fromLocal8Bit(m_rsyslog->readAll())));
    }

    bool inputAccepts()
    {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_inputPort);
        return probe.waitForConnected(200);
    }

    void stopRsyslog()
    {
        if (!m_rsyslog || m_rsyslog->state() == QProcess::NotRunning) {
            return;
        }
        // By its pid: QProcess's child is rsyslogd itself (-n: it does not fork).
        ::kill(static_cast<pid_t>(m_rsyslog->processId()), SIGTERM);
        if (!m_rsyslog->waitForFinished(10000)) {
            m_rsyslog->kill();
            m_rsyslog->waitForFinished(5000);
        }
    }

    void sendLines(const QString &tag)
    {
        for (const Line &l : lines()) {
            QString error;
            QVERIFY2(run(m_logger,
                         { u"--server"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(m_inputPort),
                             u"--tcp"_s, u"--rfc5424"_s, u"--msgid"_s, tag, u"-p"_s, l.priority,
                             u"-t"_s, l.tag, l.text },
                         &error),
                qPrintable(error));
        }
    }

    void checkStore()
    {
        // rsyslog may deliver a message twice after a reconnect: the store keeps one.
        QTRY_COMPARE_WITH_TIMEOUT(count(), lines().size(), 30000);
        QCOMPARE(status().quarantined, 0);
        const QHash<QString, Core::Alert> byRule = alertsByRule();
        const QString host = QSysInfo::machineHostName();

        const Core::Alert ssh = byRule.value(u"syslog:lgsshd"_s);
        QCOMPARE(ssh.source, u"syslog"_s);
        QCOMPARE(ssh.severity, Core::Severity::Critical);
        QCOMPARE(ssh.category, Core::Category::Intrusion);
        QCOMPARE(ssh.entity, host);
        QVERIFY2(ssh.title.startsWith(u"Failed password for root"_s), qPrintable(ssh.title));
        QVERIFY2(ssh.message.contains(u"facility: auth"_s), qPrintable(ssh.message));

        const Core::Alert batch = byRule.value(u"syslog:lgbatch"_s);
        QCOMPARE(batch.severity, Core::Severity::Low);
        QCOMPARE(batch.entity, host);

        const Core::Alert wire = byRule.value(u"cef:acme/gateway:4242"_s);
        QCOMPARE(wire.source, u"cef"_s);
        QCOMPARE(wire.severity, Core::Severity::Critical);
        QCOMPARE(wire.title, u"Wire transfer blocked"_s);
        QCOMPARE(wire.entity, u"alice"_s);
        QCOMPARE(wire.srcIp, u"10.1.1.1"_s);
        QVERIFY2(wire.message.contains(u"account=ACC-9"_s), qPrintable(wire.message));

        const Core::Alert fraud = byRule.value(u"cef:acme/fraud-engine:F-17"_s);
        QCOMPARE(fraud.source, u"cef"_s);
        QCOMPARE(fraud.severity, Core::Severity::High);
        QCOMPARE(fraud.entity, u"bob"_s);
        QVERIFY2(fraud.message.startsWith(u"first=second"_s), qPrintable(fraud.message));
        QVERIFY2(fraud.message.contains(u"Fraud|Engine"_s), qPrintable(fraud.message));
    }

private slots:
    void initTestCase()
    {
        m_rsyslogd = findTool(u"rsyslogd"_s);
        if (m_rsyslogd.isEmpty()) {
            QSKIP("rsyslogd is not installed (scripts/bootstrap.sh test installs rsyslog and "
                  "rsyslog-gnutls)");
        }
        m_logger = findTool(u"logger"_s);
        QVERIFY2(!m_logger.isEmpty(), "logger (bsdutils) is not installed");
        m_openssl = findTool(u"openssl"_s);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        ++m_case;
        m_db = m_dir.filePath(u"rsyslog-%1.db"_s.arg(m_case));
        m_writer = std::make_unique<Storage::StoreWriter>(m_db);
        QVERIFY(m_writer->start());
    }

    void cleanup()
    {
        stopRsyslog();
        m_rsyslog.reset();
        if (m_feed) {
            Feeds::SyslogFeed *feed = m_feed;
            QMetaObject::invokeMethod(
                feed, [feed] { feed->stop(); }, Qt::BlockingQueuedConnection);
            m_feed = nullptr;
        }
        m_feedThread.quit();
        m_feedThread.wait();
        m_writer.reset();
    }

    void forwardsOverTcpWithOctetCounting()
    {
        startFeed({ { u"protocol"_s, u"tcp"_s } });
        startRsyslog({}, {});
        sendLines(u"TCPCASE"_s);
        checkStore();
        QCOMPARE(
            alertsByRule().value(u"syslog:lgsshd"_s).message.contains(u"msgid: TCPCASE"_s), true);
    }

    void forwardsOverTls()
    {
        QVERIFY2(!m_openssl.isEmpty(), "openssl is not installed");
        // Given a CA and a server certificate for localhost signed by it
        const QString ca = m_dir.filePath(u"ca.pem"_s);
        const QString caKey = m_dir.filePath(u"ca.key"_s);
        const QString cert = m_dir.filePath(u"server.pem"_s);
        const QString key = m_dir.filePath(u"server.key"_s);
        const QString csr = m_dir.filePath(u"server.csr"_s);
        const QString ext = m_dir.filePath(u"server.ext"_s);
        QString error;
        QVERIFY2(run(m_openssl,
                     { u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                         u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-keyout"_s, caKey, u"-out"_s,
                         ca, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=Lakeguard test CA"_s },
                     &error),
            qPrintable(error));
        QVERIFY2(run(m_openssl,
                     { u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                         u"-nodes"_s, u"-keyout"_s, key, u"-out"_s, csr, u"-subj"_s,
                         u"/CN=localhost"_s },
                     &error),
            qPrintable(error));
        QFile extFile(ext);
        QVERIFY(extFile.open(QIODevice::WriteOnly));
        extFile.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        extFile.close();
        QVERIFY2(
            run(m_openssl,
                { u"x509"_s, u"-req"_s, u"-in"_s, csr, u"-CA"_s, ca, u"-CAkey"_s, caKey,
                    u"-CAcreateserial"_s, u"-out"_s, cert, u"-days"_s, u"2"_s, u"-extfile"_s, ext },
                &error),
            qPrintable(error));

        // When rsyslog forwards over TLS (gtls) and checks the feed's certificate and name
        startFeed({ { u"protocol"_s, u"tls"_s }, { u"cert"_s, cert }, { u"key"_s, key } });
        startRsyslog(u" defaultNetstreamDriverCAFile=\"%1\""_s.arg(ca),
            u"\n         StreamDriver=\"gtls\" StreamDriverMode=\"1\""
            " StreamDriverAuthMode=\"x509/name\" StreamDriverPermittedPeers=\"localhost\""_s);
        sendLines(u"TLSCASE"_s);

        // Then the alerts land in the store as over TCP
        checkStore();
        QCOMPARE(
            alertsByRule().value(u"syslog:lgsshd"_s).message.contains(u"msgid: TLSCASE"_s), true);
    }
};

QTEST_GUILESS_MAIN(tst_Rsyslog)
#include "tst_rsyslog.moc"
