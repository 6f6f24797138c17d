// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedconfig.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Feeds;

class tst_FeedConfig : public QObject
{
    Q_OBJECT

private slots:
    // The contract's own example parses.
    void contractExample()
    {
        const QByteArray json =
            "{ \"feeds\": ["
            "{ \"id\": \"ids\", \"type\": \"file\", \"path\": \"/var/log/suricata/eve.json\", \"format\": \"eve\" },"
            "{ \"id\": \"fraud\", \"type\": \"http\", \"url\": \"https://fraud.example/alerts\", \"format\": \"jsonl\","
            "  \"interval_s\": 30, \"token_env\": \"FRAUD_TOKEN\" },"
            "{ \"id\": \"sys\", \"type\": \"syslog\", \"listen\": \"127.0.0.1:5514\", \"protocol\": \"tcp\" },"
            "{ \"id\": \"am\", \"type\": \"webhook\", \"listen\": \"127.0.0.1:9099\", \"path\": \"/hook\","
            "  \"token_env\": \"AM_TOKEN\" },"
            "{ \"id\": \"eth\", \"type\": \"eth-rpc\", \"nodes\": [\"http://127.0.0.1:8545\", \"http://127.0.0.1:8546\"],"
            "  \"interval_s\": 1, \"expected_block_s\": 1,"
            "  \"watch\": [ { \"address\": \"0x70997970c51812dc3a010c7d01b50e0d17dc79c8\", \"min_value_eth\": 100 } ] }"
            "] }";
        const auto feeds = parseFeedsConfig(json);
        QVERIFY2(feeds, qPrintable(feeds.error()));
        QCOMPARE(feeds->size(), 5);
        QCOMPARE(feeds->at(0).path(), u"/var/log/suricata/eve.json"_s);
        QCOMPARE(feeds->at(0).format, u"eve"_s);
        QCOMPARE(feeds->at(2).format, u"auto"_s);
    }

    void errorsNameFeedAndKey_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::addRow("not-json") << QByteArray("{feeds") << u"invalid JSON"_s;
        QTest::addRow("no-feeds-array") << QByteArray("{\"feeds\":{}}") << u"\"feeds\" must be an array"_s;
        QTest::addRow("top-level-typo") << QByteArray("{\"feeds\":[],\"fedes\":1}") << u"\"fedes\""_s;
        QTest::addRow("missing-id") << QByteArray("{\"feeds\":[{\"type\":\"file\"}]}") << u"feed #0: missing key \"id\""_s;
        QTest::addRow("unknown-type") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"ftp\"}]}")
                                      << u"feed \"a\": unknown type \"ftp\""_s;
        QTest::addRow("unknown-key") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"file\",\"path\":\"/x\",\"pth\":1}]}")
                                     << u"feed \"a\": unknown key \"pth\""_s;
        QTest::addRow("wrong-kind") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"file\",\"path\":7}]}")
                                    << u"feed \"a\": \"path\" must be a string"_s;
        QTest::addRow("missing-key") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"file\"}]}")
                                     << u"feed \"a\": missing key \"path\""_s;
        QTest::addRow("duplicate-id") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"file\",\"path\":\"/x\"},"
                                                    "{\"id\":\"a\",\"type\":\"file\",\"path\":\"/y\"}]}")
                                      << u"feed \"a\": the id is used twice"_s;
        QTest::addRow("bad-format") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"file\",\"path\":\"/x\",\"format\":\"xml\"}]}")
                                    << u"unknown format \"xml\""_s;
        QTest::addRow("secret-inline") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"webhook\",\"listen\":\"127.0.0.1:1\","
                                                     "\"token_env\":\"s3cr3t token!\"}]}")
                                       << u"must name an environment variable"_s;
        QTest::addRow("open-webhook-without-auth")
            << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"webhook\",\"listen\":\"0.0.0.0:9099\"}]}")
            << u"needs \"token_env\""_s;
        QTest::addRow("bad-listen") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"syslog\",\"listen\":\"here\",\"protocol\":\"udp\"}]}")
                                    << u"\"listen\""_s;
        QTest::addRow("bad-protocol") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"syslog\",\"listen\":\"127.0.0.1:514\",\"protocol\":\"smtp\"}]}")
                                      << u"udp, tcp or tls"_s;
        QTest::addRow("tls-without-cert") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"syslog\",\"listen\":\"127.0.0.1:6514\",\"protocol\":\"tls\"}]}")
                                          << u"needs \"cert\""_s;
        QTest::addRow("negative-interval") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"http\",\"url\":\"https://x.example/\",\"interval_s\":-1}]}")
                                           << u"\"interval_s\" must be greater than 0"_s;
        QTest::addRow("bad-url") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"http\",\"url\":\"ftp://x\"}]}")
                                 << u"\"url\""_s;
        QTest::addRow("no-nodes") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"eth-rpc\",\"nodes\":[]}]}")
                                  << u"at least one node"_s;
        QTest::addRow("eth-bad-kind") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"eth-rpc\",\"nodes\":[\"http://127.0.0.1:1\"],\"kind\":\"btc\"}]}")
                                      << u"eth, fisco or fabric"_s;
        QTest::addRow("eth-bad-address") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"eth-rpc\",\"nodes\":[\"http://127.0.0.1:1\"],\"watch\":[{\"address\":\"0x00\",\"min_value_eth\":1}]}]}")
                                         << u"40 hex digits"_s;
        QTest::addRow("eth-watch-no-min") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"eth-rpc\",\"nodes\":[\"http://127.0.0.1:1\"],\"watch\":[{\"address\":\"0x70997970c51812dc3a010c7d01b50e0d17dc79c8\"}]}]}")
                                          << u"min_value_eth"_s;
        QTest::addRow("eth-ws-node") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"eth-rpc\",\"nodes\":[\"ws://127.0.0.1:1\"]}]}")
                                     << u"invalid URL"_s;
        QTest::addRow("fabric-watch") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"eth-rpc\",\"kind\":\"fabric\",\"nodes\":[\"http://127.0.0.1:1\"],\"watch\":[{\"address\":\"0x70997970c51812dc3a010c7d01b50e0d17dc79c8\",\"min_value_eth\":1}]}]}")
                                      << u"needs kind eth"_s;
        QTest::addRow("map-without-jsonl") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"file\",\"path\":\"/x\",\"format\":\"eve\",\"map\":{\"ts\":\"/t\",\"title\":\"/x\"}}]}")
                                          << u"feed \"a\": \"map\" needs \"format\": \"jsonl\""_s;
        QTest::addRow("map-bad-pointer") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"http\",\"url\":\"https://x.example/\",\"format\":\"jsonl\",\"map\":{\"ts\":\"t\",\"title\":\"/x\"}}]}")
                                         << u"feed \"a\": map: \"ts\" must be a JSON pointer"_s;
        QTest::addRow("bad-id") << QByteArray("{\"feeds\":[{\"id\":\"a b\",\"type\":\"file\",\"path\":\"/x\"}]}")
                                << u"the id may hold"_s;
    }

    void errorsNameFeedAndKey()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto feeds = parseFeedsConfig(json);
        QVERIFY(!feeds);
        QVERIFY2(feeds.error().contains(message), qPrintable(feeds.error()));
    }

    void listenAddresses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<quint16>("port");
        QTest::addRow("v4") << u"127.0.0.1:5514"_s << true << quint16(5514);
        QTest::addRow("v6") << u"[::1]:9099"_s << true << quint16(9099);
        QTest::addRow("localhost") << u"localhost:80"_s << true << quint16(80);
        QTest::addRow("no-port") << u"127.0.0.1"_s << false << quint16(0);
        QTest::addRow("port-zero") << u"127.0.0.1:0"_s << false << quint16(0);
        QTest::addRow("port-big") << u"127.0.0.1:70000"_s << false << quint16(0);
        QTest::addRow("hostname") << u"example.org:80"_s << false << quint16(0);
    }

    void listenAddresses()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(quint16, port);
        QHostAddress a;
        quint16 p = 0;
        QString error;
        QCOMPARE(parseListenAddress(text, &a, &p, &error), valid);
        if (valid) {
            QCOMPARE(p, port);
            QVERIFY(a.isLoopback());
        } else {
            QVERIFY(!error.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(tst_FeedConfig)
#include "tst_feedconfig.moc"
