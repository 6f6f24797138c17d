// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The feed manager behind `serve` and the console's Feeds view: FEEDS.json edits are validated,
// saved atomically and applied to the running feeds; pause survives a restart; nothing is lost
// or doubled across pause, resume, edit and restart.
#include "feedmanager.h"
#include "feedprobe.h"
#include "feedtestsupport.h"
#include "sqlitestore.h"
#include "storewriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

QByteArray lines(int from, int to)
{
    return Test::jsonLines(from, to);
}

bool append(const QString &path, const QByteArray &data)
{
    return Test::appendTo(path, data);
}

} // namespace

class tst_FeedManager : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    qint64 count(const QString &db)
    {
        Storage::SqliteStore s(db);
        if (!s.open(Storage::AlertStore::Mode::ReadOnly)) {
            return -1;
        }
        return s.countAlerts({}).value();
    }

    Storage::FeedState state(const QString &db, const QString &id)
    {
        Storage::SqliteStore s(db);
        if (s.open(Storage::AlertStore::Mode::ReadOnly)) {
            for (const Storage::FeedStatus &f : s.feeds().value()) {
                if (f.id == id) {
                    return f.state;
                }
            }
        }
        return Storage::FeedState::Stopped;
    }

    QJsonObject tail(const QString &id, const QString &log)
    {
        return {{u"id"_s, id},         {u"type"_s, u"file"_s}, {u"path"_s, log},
                {u"format"_s, u"jsonl"_s}, {u"poll_ms"_s, 20}};
    }

    QJsonObject savedFeed(const QString &config, const QString &id)
    {
        QFile f(config);
        if (!f.open(QIODevice::ReadOnly)) {
            return {};
        }
        for (const QJsonValue &v : QJsonDocument::fromJson(f.readAll())[u"feeds"_s].toArray()) {
            if (v[u"id"_s].toString() == id) {
                return v.toObject();
            }
        }
        return {};
    }

private slots:
    void missingFileIsAnEmptyConfiguration()
    {
        Storage::StoreWriter writer(path(u"empty.db"_s));
        QVERIFY(writer.start());
        Feeds::FeedManager manager(&writer);
        QVERIFY(manager.load(path(u"nothing-here.json"_s)));
        QVERIFY(manager.configs().isEmpty());
        QVERIFY(manager.startAll());
        QVERIFY(!QFile::exists(path(u"nothing-here.json"_s))); // created by the first edit
    }

    void invalidFileIsRefusedWithTheKey()
    {
        QFile f(path(u"bad.json"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"feeds\":[{\"id\":\"x\",\"type\":\"file\",\"pth\":\"/tmp/x\"}]}");
        f.close();
        Storage::StoreWriter writer(path(u"bad.db"_s));
        QVERIFY(writer.start());
        Feeds::FeedManager manager(&writer);
        const Storage::Status s = manager.load(f.fileName());
        QVERIFY(!s);
        QVERIFY2(s.error().contains(u"feed \"x\": unknown key \"pth\""_s), qPrintable(s.error()));
    }

    void addPauseResumeEditRemove()
    {
        const QString db = path(u"manage.db"_s);
        const QString config = path(u"feeds.json"_s);
        const QString log = path(u"a.log"_s);
        QVERIFY(append(log, lines(0, 50)));
        Storage::StoreWriter writer(db);
        QVERIFY(writer.start());
        Feeds::FeedManager manager(&writer);
        QSignalSpy changed(&manager, &Feeds::FeedManager::changed);
        QVERIFY(manager.load(config));
        QVERIFY(manager.startAll());

        // Add: saved to the file (owner-only) and started.
        QVERIFY(manager.save(tail(u"a"_s, log)));
        QVERIFY(QFile::exists(config));
        QCOMPARE(QFile::permissions(config) & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());
        QVERIFY(manager.isRunning(u"a"_s));
        QVERIFY(changed.count() >= 2);
        QTRY_COMPARE_WITH_TIMEOUT(count(db), 50, 10000);

        // Pause: stopped, "enabled": false in the file, paused in the store; lines wait.
        QVERIFY(manager.pause(u"a"_s));
        QVERIFY(!manager.isRunning(u"a"_s));
        QCOMPARE(savedFeed(config, u"a"_s).value(u"enabled"_s), QJsonValue(false));
        QTRY_COMPARE_WITH_TIMEOUT(state(db, u"a"_s), Storage::FeedState::Paused, 10000);
        QVERIFY(append(log, lines(50, 80)));
        QTest::qWait(300);
        QCOMPARE(count(db), 50);

        // A paused feed stays paused when the configuration is loaded again.
        {
            Feeds::FeedManager again(&writer);
            QVERIFY(again.load(config));
            QVERIFY(again.startAll());
            QVERIFY(!again.isRunning(u"a"_s));
        }

        // Resume: picks up exactly where it stopped.
        QVERIFY(manager.resume(u"a"_s));
        QVERIFY(manager.isRunning(u"a"_s));
        QVERIFY(!savedFeed(config, u"a"_s).contains(u"enabled"_s));
        QTRY_COMPARE_WITH_TIMEOUT(count(db), 80, 10000);

        // Edit (rename): the old id stops, the new one runs with the edited settings and no
        // cursor of its own, so it reads the file again — and dedup keeps the count.
        QJsonObject renamed = tail(u"b"_s, log);
        renamed.insert(u"poll_ms"_s, 30);
        QVERIFY(manager.save(renamed, u"a"_s));
        QVERIFY(!manager.isRunning(u"a"_s));
        QVERIFY(manager.isRunning(u"b"_s));
        QCOMPARE(manager.configs().size(), 1);
        QCOMPARE(savedFeed(config, u"b"_s).value(u"poll_ms"_s).toInt(), 30);
        QVERIFY(append(log, lines(80, 90)));
        QTRY_COMPARE_WITH_TIMEOUT(count(db), 90, 10000);

        // An invalid edit changes nothing, in memory or on disk.
        QJsonObject broken = renamed;
        broken.insert(u"colour"_s, u"blue"_s);
        const Storage::Status refused = manager.save(broken, u"b"_s);
        QVERIFY(!refused);
        QCOMPARE(refused.error(), u"feed \"b\": unknown key \"colour\" for type file"_s);
        QVERIFY(!savedFeed(config, u"b"_s).contains(u"colour"_s));
        QVERIFY(manager.isRunning(u"b"_s));

        // Remove: stopped and gone from the file; its alerts stay.
        QVERIFY(manager.remove(u"b"_s));
        QVERIFY(!manager.isRunning(u"b"_s));
        QVERIFY(manager.configs().isEmpty());
        QVERIFY(savedFeed(config, u"b"_s).isEmpty());
        QCOMPARE(count(db), 90);
        QVERIFY(!manager.remove(u"b"_s));
        manager.stopAll();
        writer.stop();
    }

    void probesReportWhatTheyFound()
    {
        Feeds::FeedProbe probe;
        QSignalSpy done(&probe, &Feeds::FeedProbe::finished);
        Feeds::FeedConfig file;
        file.id = u"f"_s;
        file.type = u"file"_s;
        const QString log = path(u"probe.log"_s);
        QVERIFY(append(log, "12345"));
        file.settings = QJsonObject{{u"path"_s, log}};
        probe.run(file);
        QVERIFY(done.wait(5000));
        QCOMPARE(done.last().at(0).toBool(), true);
        QVERIFY(done.last().at(1).toString().contains(u"is readable (5 bytes)"_s));

        file.settings = QJsonObject{{u"path"_s, u"/nonexistent-dir/x.log"_s}};
        probe.run(file);
        QVERIFY(done.wait(5000));
        QCOMPARE(done.last().at(0).toBool(), false);
        QVERIFY(done.last().at(1).toString().contains(u"the folder /nonexistent-dir does not exist"_s));

        // A receiver's address that is taken is reported with the reason.
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        Feeds::FeedConfig hook;
        hook.id = u"h"_s;
        hook.type = u"webhook"_s;
        hook.settings = QJsonObject{
            {u"listen"_s, u"127.0.0.1:%1"_s.arg(taken.serverPort())}};
        probe.run(hook);
        QVERIFY(done.wait(5000));
        QCOMPARE(done.last().at(0).toBool(), false);
        QVERIFY2(done.last().at(1).toString().startsWith(u"cannot listen on 127.0.0.1:"_s),
                 qPrintable(done.last().at(1).toString()));
        taken.close();
        probe.run(hook);
        QVERIFY(done.wait(5000));
        QCOMPARE(done.last().at(0).toBool(), true);

        // A node that does not answer JSON-RPC.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        connect(&silent, &QTcpServer::newConnection, this, [&silent] {
            QTcpSocket *s = silent.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, s, [s] {
                s->readAll();
                s->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi");
                s->disconnectFromHost();
            });
        });
        Feeds::FeedConfig chain;
        chain.id = u"c"_s;
        chain.type = u"eth-rpc"_s;
        chain.settings = QJsonObject{
            {u"nodes"_s, QJsonArray{u"http://127.0.0.1:%1"_s.arg(silent.serverPort())}}};
        probe.run(chain);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.last().at(0).toBool(), false);
        QVERIFY2(done.last().at(1).toString().endsWith(u"not an Ethereum JSON-RPC answer"_s),
                 qPrintable(done.last().at(1).toString()));
    }
};

QTEST_GUILESS_MAIN(tst_FeedManager)
#include "tst_feedmanager.moc"
