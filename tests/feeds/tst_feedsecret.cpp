// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Feeds that name vault entries (`token_vault`, `hmac_secret_vault`): validation, a webhook that
// authenticates with the vault's token, and a locked vault or a missing entry as a clear error
// state, run through the FeedManager as `serve` and the console run them.
#include "feedconfig.h"
#include "feedmanager.h"
#include "sqlitestore.h"
#include "storewriter.h"
#include "vault.h"
#include "webhooktestsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace WebhookTest;

namespace {
const QByteArray kPassphrase = "vault passphrase for the feed test";
const QByteArray kToken = "webhook-token-from-the-vault-91c2";
} // namespace

class tst_FeedSecret : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::optional<Storage::FeedStatus> status(const QString &db, const QString &id)
    {
        Storage::SqliteStore s(db);
        if (s.open(Storage::AlertStore::Mode::ReadOnly)) {
            if (const auto feeds = s.feeds()) {
                for (const Storage::FeedStatus &f : *feeds) {
                    if (f.id == id) {
                        return f;
                    }
                }
            }
        }
        return std::nullopt;
    }

    bool stateIs(const QString &db, const QString &id, Storage::FeedState state)
    {
        const auto s = status(db, id);
        return s && s->state == state;
    }

    QString writeConfig(const QString &name, const QJsonObject &feed)
    {
        const QString file = path(name);
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly)) {
            return {};
        }
        f.write(QJsonDocument(QJsonObject { { u"feeds"_s, QJsonArray { feed } } }).toJson());
        return file;
    }

    QJsonObject webhook(const QString &id, quint16 port, const QString &entry)
    {
        return { { u"id"_s, id }, { u"type"_s, u"webhook"_s },
            { u"listen"_s, u"127.0.0.1:%1"_s.arg(port) }, { u"format"_s, u"jsonl"_s },
            { u"token_vault"_s, entry } };
    }

    QByteArray record(int i)
    {
        return QJsonDocument(
            QJsonObject { { u"ts"_s, u"2026-11-26T10:00:0%1.000Z"_s.arg(i) },
                { u"severity"_s, u"high"_s }, { u"category"_s, u"fraud"_s },
                { u"rule"_s, u"vault.test"_s }, { u"title"_s, u"vault test %1"_s.arg(i) } })
            .toJson(QJsonDocument::Compact);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qunsetenv("LAKEGUARD_VAULT_PASSPHRASE");
        auto v = Feeds::Vault::create(path(u"vault.lgv"_s), kPassphrase);
        QVERIFY(v);
        QVERIFY(v.value().setSecret(u"AM_TOKEN"_s, kToken));
        QVERIFY(v->save());
    }

    void validation_data()
    {
        QTest::addColumn<QJsonObject>("feed");
        QTest::addColumn<QString>("error");
        const QJsonObject hook { { u"id"_s, u"h"_s }, { u"type"_s, u"webhook"_s },
            { u"listen"_s, u"127.0.0.1:9"_s } };
        QJsonObject both = hook;
        both.insert(u"token_env"_s, u"AM_TOKEN"_s);
        both.insert(u"token_vault"_s, u"AM_TOKEN"_s);
        QTest::addRow("env and vault") << both << u"not both"_s;
        QJsonObject hmacBoth = hook;
        hmacBoth.insert(u"hmac_secret_env"_s, u"K"_s);
        hmacBoth.insert(u"hmac_secret_vault"_s, u"K"_s);
        QTest::addRow("hmac env and vault") << hmacBoth << u"not both"_s;
        QJsonObject secretInFile = hook;
        secretInFile.insert(u"token_vault"_s, u"s3cr3t token with spaces"_s);
        QTest::addRow("not a name") << secretInFile << u"must name a vault entry"_s;
        QJsonObject http { { u"id"_s, u"p"_s }, { u"type"_s, u"http"_s },
            { u"url"_s, u"https://x.example/"_s }, { u"token_env"_s, u"A"_s },
            { u"token_vault"_s, u"A"_s } };
        QTest::addRow("http env and vault") << http << u"not both"_s;
        QJsonObject open { { u"id"_s, u"o"_s }, { u"type"_s, u"webhook"_s },
            { u"listen"_s, u"0.0.0.0:9"_s }, { u"token_vault"_s, u"AM_TOKEN"_s } };
        QTest::addRow("vault authenticates a public listener") << open << QString();
    }

    void validation()
    {
        QFETCH(QJsonObject, feed);
        QFETCH(QString, error);
        const auto parsed = Feeds::parseFeedsConfig(
            QJsonDocument(QJsonObject { { u"feeds"_s, QJsonArray { feed } } }).toJson());
        if (error.isEmpty()) {
            QVERIFY2(parsed, qPrintable(parsed.error()));
        } else {
            QVERIFY(!parsed);
            QVERIFY2(parsed.error().contains(error), qPrintable(parsed.error()));
        }
    }

    // The webhook takes its token from the vault (passphrase from the environment).
    void webhookAuthenticatesWithTheVaultToken()
    {
        const QString db = path(u"hook.db"_s);
        const quint16 port = freePort();
        QVERIFY(port);
        Storage::StoreWriter writer(db);
        QVERIFY(writer.start());
        qputenv("LAKEGUARD_VAULT_PASSPHRASE", kPassphrase);
        Feeds::FeedManager feeds(&writer);
        feeds.setVaultPath(path(u"vault.lgv"_s));
        QVERIFY(feeds.load(writeConfig(u"hook.json"_s, webhook(u"am"_s, port, u"AM_TOKEN"_s))));
        QVERIFY(feeds.needsVault());
        QVERIFY(feeds.startAll());
        qunsetenv("LAKEGUARD_VAULT_PASSPHRASE");
        QVERIFY(feeds.isVaultUnlocked());
        QTRY_VERIFY_WITH_TIMEOUT(stateIs(db, u"am"_s, Storage::FeedState::Healthy), 20'000);

        Client client;
        QVERIFY(client.connectTo(port));
        HttpResponse r = client.exchange(request(record(1), { "Authorization: Bearer wrong" }));
        QCOMPARE(r.status, 401);
        Client good;
        QVERIFY(good.connectTo(port));
        r = good.exchange(request(record(1), { "Authorization: Bearer " + kToken }));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"alerts"_s).toInt(), 1);
        feeds.stopAll();
        writer.stop();
        // The token is nowhere in the store.
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(kToken));
    }

    void missingEntryIsAClearErrorState()
    {
        const QString db = path(u"missing.db"_s);
        const quint16 port = freePort();
        Storage::StoreWriter writer(db);
        QVERIFY(writer.start());
        qputenv("LAKEGUARD_VAULT_PASSPHRASE", kPassphrase);
        Feeds::FeedManager feeds(&writer);
        feeds.setVaultPath(path(u"vault.lgv"_s));
        QVERIFY(feeds.load(writeConfig(u"missing.json"_s, webhook(u"m"_s, port, u"NOPE"_s))));
        QVERIFY(feeds.startAll());
        qunsetenv("LAKEGUARD_VAULT_PASSPHRASE");
        QTRY_VERIFY_WITH_TIMEOUT(stateIs(db, u"m"_s, Storage::FeedState::Down), 20'000);
        const QString error = status(db, u"m"_s)->lastError;
        QVERIFY2(error.contains(u"NOPE"_s) && error.contains(u"token_vault"_s)
                && error.contains(u"no entry"_s),
            qPrintable(error));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!socket.waitForConnected(2'000)); // nothing listens unauthenticated
        feeds.stopAll();
        writer.stop();
    }

    // No passphrase: the feed is down saying so, the console is told once, and unlocking later
    // starts the feed.
    void lockedVaultThenUnlocked()
    {
        const QString db = path(u"locked.db"_s);
        const quint16 port = freePort();
        Storage::StoreWriter writer(db);
        QVERIFY(writer.start());
        Feeds::FeedManager feeds(&writer);
        QSignalSpy needed(&feeds, &Feeds::FeedManager::vaultNeeded);
        feeds.setVaultPath(path(u"vault.lgv"_s));
        QVERIFY(feeds.load(writeConfig(u"locked.json"_s, webhook(u"l"_s, port, u"AM_TOKEN"_s))));
        QVERIFY(feeds.startAll());
        QTRY_VERIFY_WITH_TIMEOUT(stateIs(db, u"l"_s, Storage::FeedState::Down), 20'000);
        QVERIFY2(status(db, u"l"_s)->lastError.contains(u"locked"_s),
            qPrintable(status(db, u"l"_s)->lastError));
        QTRY_COMPARE(needed.count(), 1);
        QVERIFY(feeds.isWaitingForVault());

        const Storage::Status wrong = feeds.unlockVault("not it");
        QVERIFY(!wrong);
        QVERIFY(wrong.error().contains(u"wrong passphrase or damaged vault"_s));
        QTRY_VERIFY_WITH_TIMEOUT(
            status(db, u"l"_s)->lastError.contains(u"wrong passphrase"_s), 20'000);
        QVERIFY(!status(db, u"l"_s)->lastError.contains(QString::fromUtf8(kToken)));

        QVERIFY(feeds.unlockVault(kPassphrase));
        QVERIFY(!feeds.isWaitingForVault());
        QTRY_VERIFY_WITH_TIMEOUT(stateIs(db, u"l"_s, Storage::FeedState::Healthy), 20'000);
        Client client;
        QVERIFY(client.connectTo(port));
        QCOMPARE(
            client.exchange(request(record(2), { "Authorization: Bearer " + kToken })).status, 200);
        QCOMPARE(needed.count(), 1);
        feeds.stopAll();
        writer.stop();
    }
};

QTEST_GUILESS_MAIN(tst_FeedSecret)
#include "tst_feedsecret.moc"
