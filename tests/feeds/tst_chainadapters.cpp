// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ethrpcadapter.h"
#include "ethrpcfeed.h"
#include "fabricadapter.h"
#include "fiscobcosadapter.h"
#include "sqlitestore.h"
#include "storewriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace Lakeguard::Feeds;

namespace {

QByteArray data(const QString &name)
{
    QFile f(QStringLiteral(LAKEGUARD_CHAIN_DATA "/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

EthRpc::Responses responses(const QString &name)
{
    QString error;
    return EthRpc::parseResponses(data(name), &error);
}

// Plays a FISCO BCOS node (JSON-RPC by method, from the round file) or a Fabric operations
// service (/healthz, /metrics) on 127.0.0.1: no such node runs here (tests/data/chains/README.md).
class DocServer : public QObject
{
public:
    DocServer()
    {
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onRead(s); });
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    QString url() const { return u"http://127.0.0.1:%1"_s.arg(m_server.serverPort()); }
    QByteArray healthz = data(u"fabric-healthz-ok.json"_s);
    int healthStatus = 200;

private:
    void onRead(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
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
        const QByteArray path = head.split(' ').value(1);
        buffer.clear();
        int status = 200;
        QByteArray out;
        if (path == "/healthz") {
            status = healthStatus;
            out = healthz;
        } else if (path == "/metrics") {
            out = data(u"fabric-peer-metrics.txt"_s);
        } else {
            static const QStringList methods { u"getBlockNumber"_s, u"getSyncStatus"_s,
                u"getPbftView"_s, u"getPendingTxSize"_s, u"getPeers"_s };
            const QJsonObject request = QJsonDocument::fromJson(body).object();
            const qsizetype index = methods.indexOf(request.value(u"method"_s).toString());
            QJsonObject answer = index >= 0
                ? QJsonDocument::fromJson(data(u"fisco-round.json"_s)).array().at(index).toObject()
                : QJsonObject { { u"jsonrpc"_s, u"2.0"_s },
                      { u"error"_s,
                          QJsonObject {
                              { u"code"_s, -32601 }, { u"message"_s, u"Method not found"_s } } } };
            answer.insert(u"id"_s, request.value(u"id"_s));
            out = QJsonDocument(answer).toJson(QJsonDocument::Compact);
        }
        s->write("HTTP/1.1 " + QByteArray::number(status)
            + " X\r\nConnection: close\r\nContent-Length: " + QByteArray::number(out.size())
            + "\r\n\r\n" + out);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TestChainAdapters : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    Core::ChainObservation runFeed(const QJsonObject &settings, const QString &node)
    {
        const QString db
            = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + u".db"_s);
        Storage::StoreWriter writer(db);
        if (!writer.start()) {
            return {};
        }
        FeedConfig c;
        c.id = u"consortium"_s;
        c.type = u"eth-rpc"_s;
        c.settings = settings;
        EthRpcFeed feed(c, &writer);
        QSignalSpy rounds(&feed, &EthRpcFeed::roundFinished);
        feed.start({});
        rounds.wait(10'000);
        feed.stop();
        writer.stop();
        Storage::SqliteStore store(db);
        if (!store.open(Storage::AlertStore::Mode::ReadOnly)) {
            return {};
        }
        for (const Core::ChainObservation &o : store.chainStatus().value()) {
            if (o.node == node) {
                return o;
            }
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(!data(u"fisco-round.json"_s).isEmpty());
    }

    void ethRound()
    {
        // anvil's answers, abridged: net_peerCount is not offered.
        const QByteArray body
            = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x7a69\"},"
              "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"anvil/v1.7.1\"},"
              "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"number\":\"0x2\",\"hash\":\"0xAB\","
              "\"parentHash\":\"0xaa\","
              "\"timestamp\":\"0x6553f114\",\"transactions\":[\"0x01\",\"0x02\"]}},"
              "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32601,\"message\":\"Method not "
              "found\"}},"
              "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"startingBlock\":\"0x0\","
              "\"currentBlock\":\"0x2\",\"highestBlock\":\"0x10\"}},"
              "{\"jsonrpc\":\"2.0\",\"id\":6,\"result\":{\"pending\":\"0x3\",\"queued\":\"0x1\"}},"
              "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"0x3b9aca00\"}]";
        QString error;
        const auto r = EthRpc::parseResponses(body, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        NodeSample s;
        QVERIFY(EthRpc::parseRound(r, s));
        QCOMPARE(s.chainId, u"31337"_s);
        QCOMPARE(s.height, 2);
        QCOMPARE(s.hash, u"0xab"_s);
        QCOMPARE(s.txCount, 2);
        QCOMPARE(s.blockTime, qint64(0x6553f114) * 1000);
        QCOMPARE(s.peers, -1);
        QVERIFY(s.syncing);
        QCOMPARE(s.syncHighest, 16);
        QCOMPARE(s.pending, 3);
        QCOMPARE(s.queued, 1);
        QCOMPARE(s.gasPriceWei, u"1000000000"_s);
        QCOMPARE(EthRpc::roundRequests().size(), 7);
    }

    void ethRoundWithoutHead()
    {
        QString error;
        const auto r = EthRpc::parseResponses("[{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-"
                                              "32000,\"message\":\"header not found\"}}]",
            &error);
        NodeSample s;
        QVERIFY(!EthRpc::parseRound(r, s));
        QVERIFY(s.error.contains(u"header not found"_s));
        QVERIFY(EthRpc::parseResponses("<html>", &error).isEmpty());
        QVERIFY(!error.isEmpty());
    }

    void fiscoRound()
    {
        NodeSample s;
        QVERIFY(FiscoBcos::parseRound(responses(u"fisco-round.json"_s), 1, s));
        QCOMPARE(s.height, 500);
        QCOMPARE(s.hash, u"0x3c9d8bb4f6e9b3f2c1e3a7d5e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1"_s);
        QCOMPARE(s.view, 0x1a0);
        QCOMPARE(s.pending, 3);
        QCOMPARE(s.peers, 3);
        QVERIFY(!s.syncing);
        QVERIFY(s.chainId.startsWith(u"1@0x4765a126"_s));
        QCOMPARE(
            FiscoBcos::roundRequests(1).first().value(u"params"_s).toArray().first().toInt(), 1);
    }

    void fiscoSyncing()
    {
        NodeSample s;
        QVERIFY(FiscoBcos::parseRound(responses(u"fisco-round-syncing.json"_s), 1, s));
        QVERIFY(s.syncing);
        QCOMPARE(s.syncCurrent, 100);
        QCOMPARE(s.syncHighest, 500);
        QCOMPARE(s.peers, 0);
        QVERIFY(s.hash.startsWith(u"0x5b1e"_s)); // the bare hex gets its 0x
    }

    void fiscoError()
    {
        NodeSample s;
        QVERIFY(!FiscoBcos::parseRound(responses(u"fisco-error.json"_s), 7, s));
        QVERIFY(s.error.contains(u"GroupID does not exist"_s));
    }

    void prometheusText()
    {
        const auto metrics
            = Fabric::parsePrometheus("# HELP x y\nfoo{a=\"1\",b=\"q\\\"uote\"} 2.5 "
                                      "1700000000\nbar 7\n\nbad{a=\"1\"}\nbaz{} NaN\n");
        QCOMPARE(metrics.size(), 3);
        QCOMPARE(metrics.at(0).name, u"foo"_s);
        QCOMPARE(metrics.at(0).labels.value(u"b"_s), u"q\"uote"_s);
        QCOMPARE(metrics.at(0).value, 2.5);
        QCOMPARE(metrics.at(1).name, u"bar"_s);
    }

    void fabricPeer_data()
    {
        QTest::addColumn<QString>("channel");
        QTest::addColumn<qint64>("height");
        QTest::addRow("first-channel") << QString() << qint64(1187);
        QTest::addRow("named-channel") << u"settlement"_s << qint64(42);
        QTest::addRow("unknown-channel") << u"nope"_s << qint64(-1);
    }

    void fabricPeer()
    {
        QFETCH(QString, channel);
        QFETCH(qint64, height);
        NodeSample s;
        const bool ok = Fabric::parse(
            200, data(u"fabric-healthz-ok.json"_s), data(u"fabric-peer-metrics.txt"_s), channel, s);
        QCOMPARE(ok, height >= 0);
        QCOMPARE(s.height, height);
        QVERIFY(s.hash.isEmpty()); // Fabric's metrics carry no hash
        if (!ok) {
            QVERIFY(s.error.contains(u"nope"_s));
        }
    }

    void fabricOrderer()
    {
        NodeSample s;
        Fabric::Extra extra;
        QVERIFY(Fabric::parse(200, data(u"fabric-healthz-ok.json"_s),
            data(u"fabric-orderer-metrics.txt"_s), u"payments"_s, s, &extra));
        QCOMPARE(s.height, 1188);
        QCOMPARE(extra.isLeader, 1);
        QCOMPARE(extra.leaderChanges, 2);
        QCOMPARE(s.peers, 2);
        QCOMPARE(s.chainId, u"payments"_s);
    }

    // Values beyond an integer's range clamp instead of overflowing the cast (fuzz_prometheus
    // found 1e+52; UBSan reports the cast), NaN reads as 0.
    void fabricOutOfRangeValuesClamp()
    {
        NodeSample s;
        Fabric::Extra extra;
        QVERIFY(Fabric::parse(200, data(u"fabric-healthz-ok.json"_s),
            "ledger_blockchain_height{channel=\"payments\"} 1e+52\n"
            "consensus_etcdraft_is_leader{channel=\"payments\"} -1e+52\n"
            "consensus_etcdraft_leader_changes{channel=\"payments\"} NaN\n"
            "consensus_etcdraft_cluster_size{channel=\"payments\"} 1e+52\n",
            u"payments"_s, s, &extra));
        QCOMPARE(s.height, std::numeric_limits<qint64>::max());
        QCOMPARE(extra.isLeader, std::numeric_limits<int>::min());
        QCOMPARE(extra.leaderChanges, 0);
        QCOMPARE(s.peers, std::numeric_limits<int>::max() - 1);
    }

    void fabricUnhealthy()
    {
        NodeSample s;
        QVERIFY(!Fabric::parse(503, data(u"fabric-healthz-unavailable.json"_s),
            data(u"fabric-peer-metrics.txt"_s), QString(), s));
        QVERIFY2(s.error.contains(u"couchdb: failed to connect"_s), qPrintable(s.error));
    }

    // The whole feed with kind fisco and fabric, against the documented answers served locally.
    void fiscoFeed()
    {
        DocServer server;
        const auto o
            = runFeed(QJsonObject { { u"kind"_s, u"fisco"_s },
                          { u"nodes"_s, QJsonArray { server.url() } }, { u"interval_s"_s, 1 } },
                server.url());
        QCOMPARE(o.height, 500);
        QCOMPARE(o.kind, u"fisco"_s);
        QCOMPARE(o.view, 0x1a0);
        QCOMPARE(o.peers, 3);
        QCOMPARE(o.state, u"healthy"_s);
    }

    void fabricFeed()
    {
        DocServer server;
        auto o = runFeed(
            QJsonObject { { u"kind"_s, u"fabric"_s }, { u"nodes"_s, QJsonArray { server.url() } },
                { u"channel"_s, u"payments"_s } },
            server.url());
        QCOMPARE(o.height, 1187);
        QCOMPARE(o.chainId, u"payments"_s);
        QCOMPARE(o.state, u"healthy"_s);
        server.healthStatus = 503;
        server.healthz = data(u"fabric-healthz-unavailable.json"_s);
        o = runFeed(
            QJsonObject { { u"kind"_s, u"fabric"_s }, { u"nodes"_s, QJsonArray { server.url() } } },
            server.url());
        QCOMPARE(o.state, u"down"_s);
        QVERIFY(o.error.contains(u"couchdb"_s));
    }
};

QTEST_GUILESS_MAIN(TestChainAdapters)
#include "tst_chainadapters.moc"
