// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "../feeds/anvilnode.h"
#include "timeutil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;

    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QList<QJsonObject> lines() const
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : out.split('\n')) {
            if (!line.trimmed().isEmpty()) {
                objects << QJsonDocument::fromJson(line).object();
            }
        }
        return objects;
    }
};

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cli = QStringLiteral(LAKEGUARD_BIN_DIR "/lakeguard-cli");
    QDir m_fixtures{QStringLiteral(LAKEGUARD_FIXTURES)};

    Run run(const QStringList &args, const QByteArray &stdinData = {},
            const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(m_cli, args);
        if (!p.waitForStarted()) {
            return {};
        }
        if (!stdinData.isEmpty()) {
            p.write(stdinData);
        }
        p.closeWriteChannel();
        p.waitForFinished(120'000);
        return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                   p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QString store(const QString &name) const { return m_dir.filePath(name); }

    QString fixture(const QString &relative)
    {
        const QString path = m_fixtures.filePath(relative);
        return QFile::exists(path) ? path : QString();
    }

    static int alertEvents(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            return -1;
        }
        int n = 0;
        while (!f.atEnd()) {
            const QByteArray line = f.readLine();
            n += line.contains("\"event_type\":\"alert\"") || line.contains("\"event_type\": \"alert\"")
                    || line.contains("\"event_type\":\"anomaly\"")
                ? 1
                : 0;
        }
        return n;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
    }

    void helpAndVersion()
    {
        Run r = run({u"--help"_s});
        QCOMPARE(r.code, 0);
        for (const char *c : {"ingest", "alerts", "stats", "quarantine", "demo", "incidents",
                              "incident show"}) {
            QVERIFY2(r.out.contains(c), c);
        }
        r = run({u"--version"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("lakeguard-cli " LAKEGUARD_VERSION));
        r = run({u"ingest"_s, u"--help"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("eve"));
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addRow("no-command") << QStringList{};
        QTest::addRow("unknown-command") << QStringList{u"frobnicate"_s};
        QTest::addRow("unknown-option") << QStringList{u"--frob"_s, u"stats"_s};
        QTest::addRow("missing-file") << QStringList{u"ingest"_s, u"/nonexistent/x.json"_s};
        QTest::addRow("no-input") << QStringList{u"ingest"_s};
        QTest::addRow("bad-format") << QStringList{u"ingest"_s, u"--format"_s, u"xml"_s, u"-"_s};
        QTest::addRow("bad-since") << QStringList{u"alerts"_s, u"--since"_s, u"yesterday"_s};
        QTest::addRow("bad-severity") << QStringList{u"alerts"_s, u"--min-severity"_s, u"urgent"_s};
        QTest::addRow("bad-category") << QStringList{u"alerts"_s, u"--category"_s, u"weird"_s};
        QTest::addRow("bad-limit") << QStringList{u"alerts"_s, u"--limit"_s, u"-3"_s};
        QTest::addRow("bad-scenario") << QStringList{u"demo"_s, u"--scenario"_s, u"nope"_s};
        QTest::addRow("postgres-unreachable")
            << QStringList{u"--store"_s, u"postgresql://u@127.0.0.1:1/db"_s, u"stats"_s};
        QTest::addRow("not-a-store") << QStringList{u"--store"_s, u"/etc/hostname"_s, u"stats"_s};
        // ---- incidents (issue 6) ----
        QTest::addRow("incidents-bad-status") << QStringList{u"incidents"_s, u"--status"_s, u"done"_s};
        QTest::addRow("incidents-bad-sort") << QStringList{u"incidents"_s, u"--sort"_s, u"age"_s};
        QTest::addRow("incident-no-action") << QStringList{u"incident"_s};
        QTest::addRow("incident-unknown-action") << QStringList{u"incident"_s, u"close"_s, u"1"_s};
        QTest::addRow("incident-bad-id") << QStringList{u"incident"_s, u"ack"_s, u"x"_s};
        QTest::addRow("incident-no-id") << QStringList{u"incident"_s, u"ack"_s};
        QTest::addRow("incident-severity-no-reason")
            << QStringList{u"incident"_s, u"severity"_s, u"1"_s, u"high"_s};
        QTest::addRow("incident-empty-note") << QStringList{u"incident"_s, u"note"_s, u"1"_s};
        QTest::addRow("incident-suppress-no-until")
            << QStringList{u"incident"_s, u"suppress"_s, u"1"_s, u"--reason"_s, u"x"_s};
    }

    void badUsage()
    {
        QFETCH(QStringList, args);
        if (!args.contains(u"--store"_s)) {
            args.prepend(store(u"bad.db"_s));
            args.prepend(u"--store"_s);
        }
        const Run r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        if (QByteArrayView(QTest::currentDataTag()) == "no-command") {
            QVERIFY(r.err.startsWith("Usage"));
            return;
        }
        // One line on stderr that says what and where.
        QVERIFY2(r.err.startsWith("lakeguard-cli: "), r.err.constData());
        QCOMPARE(r.err.trimmed().count('\n'), 0);
    }

    void ingestFixtureTwice()
    {
        const QString eve = fixture(u"suricata/kvnlxu_cs4990_samples_eve.json"_s);
        if (eve.isEmpty()) {
            QSKIP("../shared/fixtures is absent");
        }
        const QString db = store(u"eve.db"_s);
        Run r = run({u"--store"_s, db, u"ingest"_s, eve});
        QCOMPARE(r.code, 0);
        QJsonObject summary = r.json();
        QCOMPARE(summary.value(u"read"_s).toInt(), 134);
        QCOMPARE(summary.value(u"accepted"_s).toInt(), 134);
        QCOMPARE(summary.value(u"duplicates"_s).toInt(), 0);
        QCOMPARE(summary.value(u"quarantined"_s).toInt(), 0);

        r = run({u"--store"_s, db, u"ingest"_s, u"--format"_s, u"eve"_s, eve});
        QCOMPARE(r.code, 0);
        summary = r.json();
        QCOMPARE(summary.value(u"accepted"_s).toInt(), 0);
        QCOMPARE(summary.value(u"duplicates"_s).toInt(), 134);

        // Read back as JSON: one object a line, with the contract's fields.
        r = run({u"--store"_s, db, u"--json"_s, u"alerts"_s, u"--limit"_s, u"0"_s});
        QCOMPARE(r.code, 0);
        const QList<QJsonObject> alerts = r.lines();
        QCOMPARE(alerts.size(), 134);
        const QStringList fields{u"id"_s,       u"ts"_s,     u"received"_s, u"feed"_s,
                                 u"source"_s,   u"severity"_s, u"category"_s, u"rule"_s,
                                 u"title"_s,    u"message"_s, u"entity"_s,  u"src_ip"_s,
                                 u"dst_ip"_s,   u"fingerprint"_s, u"incident"_s, u"raw"_s};
        for (const QJsonObject &a : alerts) {
            for (const QString &f : fields) {
                QVERIFY2(a.contains(f), qPrintable(f));
            }
            QCOMPARE(a.value(u"source"_s).toString(), u"eve"_s);
            QVERIFY(a.value(u"rule"_s).toString().startsWith(u"eve:"_s));
            QVERIFY(Lakeguard::Core::parseIsoTimestamp(a.value(u"ts"_s).toString()));
            QVERIFY(a.value(u"ts"_s).toString().endsWith(u'Z'));
            QVERIFY(a.value(u"raw"_s).isObject());
        }
        // Newest first.
        for (int i = 1; i < alerts.size(); ++i) {
            QVERIFY(alerts[i - 1].value(u"ts"_s).toString() >= alerts[i].value(u"ts"_s).toString());
        }
        // Severity counts agree with the fixture's documented spread (1:56, 2:32, 3:46).
        r = run({u"--store"_s, db, u"stats"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        const QJsonObject bySev = r.json().value(u"by_severity"_s).toObject();
        QCOMPARE(r.json().value(u"alerts"_s).toInt(), 134);
        QCOMPARE(bySev.value(u"high"_s).toInt(), 56);
        QCOMPARE(bySev.value(u"medium"_s).toInt(), 32);
        QCOMPARE(bySev.value(u"low"_s).toInt(), 46);
        QVERIFY(r.json().value(u"incidents"_s).toObject().contains(u"open"_s));
        QCOMPARE(r.json().value(u"quarantined"_s).toInt(), 0);
    }

    // Every Suricata fixture: accepted + duplicates is exactly its alert events, the rest is
    // skipped or quarantined, and a second ingest adds nothing.
    void allSuricataFixtures()
    {
        const QDir dir(m_fixtures.filePath(u"suricata"_s));
        if (!dir.exists()) {
            QSKIP("../shared/fixtures is absent");
        }
        const QString db = store(u"all.db"_s);
        qint64 events = 0;
        QStringList args{u"--store"_s, db, u"ingest"_s};
        for (const QString &name : dir.entryList({u"*.json"_s}, QDir::Files)) {
            const QString path = dir.filePath(name);
            events += name.contains(u"array"_s) ? 207 : alertEvents(path);
            args << path;
        }
        Run r = run(args);
        QCOMPARE(r.code, 0);
        const QJsonObject first = r.json();
        QCOMPARE(first.value(u"accepted"_s).toInteger() + first.value(u"duplicates"_s).toInteger(),
                 events);
        QCOMPARE(first.value(u"quarantined"_s).toInt(), 7); // 6 corrupted lines + 1 without event_type
        QCOMPARE(first.value(u"read"_s).toInteger(),
                 first.value(u"accepted"_s).toInteger() + first.value(u"duplicates"_s).toInteger()
                     + first.value(u"quarantined"_s).toInteger()
                     + first.value(u"skipped"_s).toInteger());
        r = run(args);
        QCOMPARE(r.json().value(u"accepted"_s).toInt(), 0);
        r = run({u"--store"_s, db, u"--json"_s, u"stats"_s});
        QCOMPARE(r.json().value(u"alerts"_s).toInteger(), first.value(u"accepted"_s).toInteger());
        QCOMPARE(r.json().value(u"quarantined"_s).toInt(), 7); // not doubled by the re-ingest
    }

    void stdinJsonlAndQuarantine()
    {
        const QString db = store(u"stdin.db"_s);
        const QByteArray input =
            "{\"ts\":\"2026-11-26T10:00:00Z\",\"title\":\"Card testing\",\"severity\":\"high\","
            "\"category\":\"fraud\",\"entity\":\"acct ****1234\"}\n"
            "not json at all\n"
            "\n"
            "{\"ts\":\"2026-11-26T10:01:00.5Z\",\"title\":\"Payee added\",\"severity\":1}\n"
            "{\"title\":\"no time\"}\n";
        Run r = run({u"--store"_s, db, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"--strict"_s, u"-"_s},
                    input);
        QCOMPARE(r.code, 1); // --strict: records were quarantined
        QCOMPARE(r.json().value(u"read"_s).toInt(), 4);
        QCOMPARE(r.json().value(u"accepted"_s).toInt(), 2);
        QCOMPARE(r.json().value(u"quarantined"_s).toInt(), 2);
        QVERIFY(r.err.contains("quarantine"));

        r = run({u"--store"_s, db, u"quarantine"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        const QList<QJsonObject> q = r.lines();
        QCOMPARE(q.size(), 2);
        QSet<QByteArray> raws;
        for (const QJsonObject &o : q) {
            raws << QByteArray::fromBase64(o.value(u"raw"_s).toString().toLatin1());
            QVERIFY(!o.value(u"reason"_s).toString().isEmpty());
            QCOMPARE(o.value(u"feed"_s).toString(), u"stdin"_s);
        }
        QVERIFY(raws.contains("not json at all"));
        QVERIFY(raws.contains("{\"title\":\"no time\"}"));

        r = run({u"--store"_s, db, u"--json"_s, u"alerts"_s, u"--min-severity"_s, u"high"_s});
        QCOMPARE(r.lines().size(), 1);
        QCOMPARE(r.lines().at(0).value(u"entity"_s).toString(), u"acct ****1234"_s);
        r = run({u"--store"_s, db, u"--json"_s, u"alerts"_s, u"--search"_s, u"payee"_s});
        QCOMPARE(r.lines().size(), 1);
        QCOMPARE(r.lines().at(0).value(u"ts"_s).toString(), u"2026-11-26T10:01:00.500Z"_s);
        r = run({u"--store"_s, db, u"--json"_s, u"alerts"_s, u"--since"_s,
                 u"2026-11-26T10:00:30Z"_s});
        QCOMPARE(r.lines().size(), 1);
        r = run({u"--store"_s, db, u"--json"_s, u"alerts"_s, u"--category"_s, u"fraud"_s});
        QCOMPARE(r.lines().size(), 1);
    }

    // ---- incidents (issue 6): the officer's workflow headless, per CONTRACT.md ----
    void incidentWorkflow()
    {
        const QString db = store(u"incidents.db"_s);
        const QByteArray input =
            "{\"ts\":\"2026-11-26T10:00:00Z\",\"title\":\"Vault opened\",\"severity\":"
            "\"critical\",\"category\":\"insider\",\"entity\":\"vault-1\",\"rule\":\"v.open\"}\n"
            "{\"ts\":\"2026-11-26T10:05:00Z\",\"title\":\"Vault opened again\",\"severity\":"
            "\"high\",\"category\":\"insider\",\"entity\":\"vault-1\",\"rule\":\"v.open\"}\n"
            "{\"ts\":\"2026-11-26T10:06:00Z\",\"title\":\"Card testing\",\"severity\":"
            "\"high\",\"category\":\"fraud\",\"entity\":\"acct 1\",\"rule\":\"f.test\"}\n"
            "{\"ts\":\"2026-11-26T10:07:00Z\",\"title\":\"Heartbeat\",\"severity\":\"info\","
            "\"entity\":\"acct 1\",\"rule\":\"hb\"}\n";
        Run r = run({u"--store"_s, db, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s}, input);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"accepted"_s).toInt(), 4);

        r = run({u"--store"_s, db, u"incidents"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        const QList<QJsonObject> list = r.lines();
        QCOMPARE(list.size(), 2);
        for (const QString &key : {u"id"_s, u"title"_s, u"severity"_s, u"status"_s, u"owner"_s,
                                   u"alerts"_s, u"risk"_s, u"first_seen"_s, u"last_seen"_s,
                                   u"deadline"_s}) {
            QVERIFY2(list.at(0).contains(key), qPrintable(key));
        }
        // Riskiest first: the critical vault incident with both vault alerts.
        const QJsonObject vault = list.at(0);
        QCOMPARE(vault.value(u"severity"_s).toString(), u"critical"_s);
        QCOMPARE(vault.value(u"status"_s).toString(), u"new"_s);
        QCOMPARE(vault.value(u"alerts"_s).toInt(), 2);
        QVERIFY(vault.value(u"owner"_s).isNull());
        QCOMPARE(vault.value(u"first_seen"_s).toString(), u"2026-11-26T10:00:00.000Z"_s);
        QVERIFY(vault.value(u"risk"_s).toDouble() >= list.at(1).value(u"risk"_s).toDouble());
        const QString id = QString::number(vault.value(u"id"_s).toInteger());
        const QString other = QString::number(list.at(1).value(u"id"_s).toInteger());

        QProcessEnvironment alice = QProcessEnvironment::systemEnvironment();
        alice.insert(u"LAKEGUARD_IDENTITY"_s, u"alice"_s);
        QProcessEnvironment bob = alice;
        bob.insert(u"LAKEGUARD_IDENTITY"_s, u"bob"_s);
        const auto change = [&](const QStringList &args, const QProcessEnvironment &env) {
            return run(QStringList{u"--store"_s, db, u"incident"_s} + args, {}, env);
        };
        r = change({u"ack"_s, id}, alice);
        QCOMPARE(r.code, 0);
        r = change({u"ack"_s, id}, alice);
        QCOMPARE(r.code, 1); // refused: already acknowledged
        QVERIFY2(r.err.contains("acknowledged"), r.err.constData());
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QCOMPARE(change({u"assign"_s, id, u"carol"_s}, alice).code, 0);
        QCOMPARE(change({u"note"_s, id, u"see"_s, u"https://intranet.example/x"_s}, alice).code, 0);
        QCOMPARE(change({u"reopen"_s, id}, alice).code, 1);
        QCOMPARE(change({u"ack"_s, u"99999"_s}, alice).code, 2); // no such incident

        // Maker-checker: alice asks, alice cannot approve, bob can.
        r = change({u"resolve"_s, id, u"--reason"_s, u"vault audit done"_s, u"--json"_s}, alice);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"pending_approval"_s).toBool(), true);
        r = run({u"--store"_s, db, u"incidents"_s, u"--json"_s, u"--status"_s, u"resolved"_s});
        QCOMPARE(r.lines().size(), 0);
        r = change({u"approve"_s, id}, alice);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("different identity"), r.err.constData());
        QCOMPARE(change({u"approve"_s, id}, bob).code, 0);
        r = run({u"--store"_s, db, u"incidents"_s, u"--json"_s, u"--status"_s, u"resolved"_s});
        QCOMPARE(r.lines().size(), 1);
        QCOMPARE(r.lines().at(0).value(u"owner"_s).toString(), u"carol"_s);

        // A high incident closes without approval.
        QCOMPARE(change({u"false-positive"_s, other}, bob).code, 0);

        r = run({u"--store"_s, db, u"incident"_s, u"show"_s, id, u"--json"_s});
        QCOMPARE(r.code, 0);
        const QJsonObject shown = r.json();
        QCOMPARE(shown.value(u"status"_s).toString(), u"resolved"_s);
        QCOMPARE(shown.value(u"alerts"_s).toArray().size(), 2);
        QCOMPARE(shown.value(u"notes"_s).toArray().size(), 1);
        QCOMPARE(shown.value(u"notes"_s).toArray().at(0).toObject().value(u"text"_s).toString(),
                 u"see https://intranet.example/x"_s);
        // One audit entry per change: ack, assign, note, resolve (pending), approve.
        const QJsonArray audit = shown.value(u"audit"_s).toArray();
        QCOMPARE(audit.size(), 5);
        QStringList actions;
        for (const QJsonValue &e : audit) {
            actions << e.toObject().value(u"action"_s).toString();
        }
        QCOMPARE(actions, (QStringList{u"status"_s, u"assign"_s, u"note"_s, u"status"_s,
                                       u"approve"_s}));
        QCOMPARE(audit.at(4).toObject().value(u"actor"_s).toString(), u"bob"_s);
        QCOMPARE(audit.at(0).toObject().value(u"old"_s).toString(), u"new"_s);
        QCOMPARE(audit.at(0).toObject().value(u"new"_s).toString(), u"acknowledged"_s);

        r = run({u"--store"_s, db, u"stats"_s, u"--json"_s});
        QCOMPARE(r.json().value(u"incidents"_s).toObject().value(u"open"_s).toInt(), 0);
        QCOMPARE(r.json().value(u"incidents"_s).toObject().value(u"resolved"_s).toInt(), 1);

        // The audit trail is in the tamper-evident log.
        r = run({u"--store"_s, db, u"verify"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"tree_size"_s).toInt(), 4 + 6); // alerts + six audit entries
    }

    // `quarantine` reads in keyset pages of 500: every record once, newest first, across pages.
    void quarantineListedInPages()
    {
        const QString db = store(u"many-quarantined.db"_s);
        QByteArray input;
        for (int i = 0; i < 1'100; ++i) {
            input += "not json " + QByteArray::number(i) + '\n';
        }
        Run r = run({ u"--store"_s, db, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s }, input);
        QCOMPARE(r.json().value(u"quarantined"_s).toInt(), 1'100);
        const QList<QJsonObject> all
            = run({ u"--store"_s, db, u"quarantine"_s, u"--json"_s, u"--limit"_s, u"0"_s }).lines();
        QCOMPARE(all.size(), 1'100);
        for (qsizetype i = 1; i < all.size(); ++i) {
            QVERIFY(
                all.at(i - 1).value(u"id"_s).toInteger() > all.at(i).value(u"id"_s).toInteger());
        }
        QCOMPARE(QByteArray::fromBase64(all.constFirst().value(u"raw"_s).toString().toLatin1()),
            QByteArray("not json 1099"));
        const QList<QJsonObject> first
            = run({ u"--store"_s, db, u"quarantine"_s, u"--json"_s, u"--limit"_s, u"600"_s })
                  .lines();
        QCOMPARE(first, all.mid(0, 600));
    }

    // A search lists in keyset pages of 10,000 (each page gathers the match set again): --limit 0
    // prints every match once, newest first, across a page boundary, and a word of several
    // tokens (an address) matches only in its order.
    void alertsSearchListedInPages()
    {
        const QString db = store(u"many-matches.db"_s);
        QByteArray input;
        const qint64 t0 = 1'795'000'000'000LL; // 2026-11-17
        for (int i = 0; i < 10'050; ++i) {
            const QByteArray ts
                = Lakeguard::Core::formatIsoTimestamp(t0 + qint64(i) * 1000).toLatin1();
            input += "{\"ts\":\"" + ts + "\",\"title\":\"transfer " + QByteArray::number(i)
                + "\",\"message\":\"from 192.0.2." + QByteArray::number(i % 200) + "\"}\n";
        }
        Run r = run({ u"--store"_s, db, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s }, input);
        QCOMPARE(r.json().value(u"accepted"_s).toInt(), 10'050);
        const QList<QJsonObject> all = run({ u"--store"_s, db, u"--json"_s, u"alerts"_s,
                                               u"--search"_s, u"transfer"_s, u"--limit"_s, u"0"_s })
                                           .lines();
        QCOMPARE(all.size(), 10'050);
        for (qsizetype i = 1; i < all.size(); ++i) {
            QVERIFY(all.at(i - 1).value(u"ts"_s).toString() > all.at(i).value(u"ts"_s).toString());
        }
        QCOMPARE(all.constFirst().value(u"title"_s).toString(), u"transfer 10049"_s);
        const QList<QJsonObject> first
            = run({ u"--store"_s, db, u"--json"_s, u"alerts"_s, u"--search"_s, u"transfer"_s,
                      u"--limit"_s, u"10001"_s })
                  .lines();
        QCOMPARE(first, all.mid(0, 10'001));
        // 192.0.2.1 (i % 200 == 1) but not 192.0.2.10–19 or 192.0.2.100–199.
        const QList<QJsonObject> address
            = run({ u"--store"_s, db, u"--json"_s, u"alerts"_s, u"--search"_s, u"192.0.2.1"_s,
                      u"--limit"_s, u"0"_s })
                  .lines();
        QCOMPARE(address.size(), 51);
        for (const QJsonObject &o : address) {
            QCOMPARE(o.value(u"message"_s).toString(), u"from 192.0.2.1"_s);
        }
    }

    // `incidents` reads the list in keyset pages of 1,000: --limit 0 prints every incident once,
    // in the list's order across page boundaries, and a limit past a page stops where it says.
    void incidentsListedInPages()
    {
        const QString db = store(u"many-incidents.db"_s);
        QByteArray input;
        for (int i = 0; i < 2'100; ++i) {
            // Ten minutes and two severities: many incidents tie on risk across page ends.
            input += QStringLiteral("{\"ts\":\"2026-11-26T10:%1:00Z\",\"title\":\"Probe %2\","
                                    "\"severity\":\"%3\",\"entity\":\"h%2\",\"rule\":\"r%2\"}\n")
                         .arg(i % 10, 2, 10, QLatin1Char('0'))
                         .arg(i)
                         .arg(i % 2 ? u"high"_s : u"medium"_s)
                         .toUtf8();
        }
        QCOMPARE(
            run({ u"--store"_s, db, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s }, input).code,
            0);
        for (const QString &sort : { u"risk"_s, u"deadline"_s }) {
            Run r = run({ u"--store"_s, db, u"incidents"_s, u"--json"_s, u"--limit"_s, u"0"_s,
                u"--sort"_s, sort });
            QCOMPARE(r.code, 0);
            const QList<QJsonObject> all = r.lines();
            QCOMPARE(all.size(), 2'100);
            QSet<qint64> ids;
            for (const QJsonObject &o : all) {
                ids.insert(o.value(u"id"_s).toInteger());
            }
            QCOMPARE(ids.size(), 2'100);
            // In the list's order across the page ends: risk never rises, deadlines never fall.
            for (qsizetype i = 1; i < all.size(); ++i) {
                const QJsonObject &a = all.at(i - 1);
                const QJsonObject &b = all.at(i);
                if (sort == u"risk"_s) {
                    QVERIFY2(a.value(u"risk"_s).toDouble() >= b.value(u"risk"_s).toDouble(),
                        qPrintable(u"row %1"_s.arg(i)));
                } else {
                    QVERIFY2(a.value(u"deadline"_s).toString() <= b.value(u"deadline"_s).toString(),
                        qPrintable(u"row %1"_s.arg(i)));
                }
            }
        }
        const QList<QJsonObject> all
            = run({ u"--store"_s, db, u"incidents"_s, u"--json"_s, u"--limit"_s, u"0"_s }).lines();
        const QList<QJsonObject> first
            = run({ u"--store"_s, db, u"incidents"_s, u"--json"_s, u"--limit"_s, u"1500"_s })
                  .lines();
        QCOMPARE(first.size(), 1'500);
        for (qsizetype i = 0; i < first.size(); ++i) { // risk decays between runs: ids only
            QCOMPARE(first.at(i).value(u"id"_s), all.at(i).value(u"id"_s));
        }
    }

    void incidentSuppressAndMerge()
    {
        const QString db = store(u"suppress.db"_s);
        const QByteArray input =
            "{\"ts\":\"2026-11-26T10:00:00Z\",\"title\":\"Scan\",\"severity\":\"medium\","
            "\"entity\":\"h1\",\"rule\":\"scan\"}\n"
            "{\"ts\":\"2026-11-26T12:00:00Z\",\"title\":\"Scan\",\"severity\":\"medium\","
            "\"entity\":\"h1\",\"rule\":\"scan\"}\n";
        QCOMPARE(run({u"--store"_s, db, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s}, input).code,
                 0);
        Run r = run({u"--store"_s, db, u"incidents"_s, u"--json"_s, u"--sort"_s, u"id"_s});
        QCOMPARE(r.lines().size(), 2); // two hours apart: two incidents
        QCOMPARE(run({u"--store"_s, db, u"incident"_s, u"merge"_s, u"2"_s, u"1"_s}).code, 0);
        r = run({u"--store"_s, db, u"incidents"_s, u"--json"_s});
        QCOMPARE(r.lines().size(), 1);
        QCOMPARE(r.lines().at(0).value(u"alerts"_s).toInt(), 2);
        r = run({u"--store"_s, db, u"incident"_s, u"suppress"_s, u"2"_s, u"--until"_s,
                 u"2999-01-01T00:00:00Z"_s, u"--reason"_s, u"lab host"_s});
        QCOMPARE(r.code, 0);
        r = run({u"--store"_s, db, u"incident"_s, u"suppressions"_s, u"--json"_s});
        QCOMPARE(r.lines().size(), 1);
        QCOMPARE(r.lines().at(0).value(u"rule"_s).toString(), u"scan"_s);
        const QByteArray more =
            "{\"ts\":\"2026-11-26T12:01:00Z\",\"title\":\"Scan\",\"severity\":\"medium\","
            "\"entity\":\"h1\",\"rule\":\"scan\",\"message\":\"third\"}\n";
        QCOMPARE(run({u"--store"_s, db, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s}, more).code,
                 0);
        r = run({u"--store"_s, db, u"--json"_s, u"alerts"_s, u"--search"_s, u"third"_s});
        QCOMPARE(r.lines().size(), 1); // stored, never dropped
        QVERIFY(r.lines().at(0).value(u"incident"_s).isNull());
        QCOMPARE(r.lines().at(0).value(u"suppressed"_s).toInt(), 1);
        QCOMPARE(run({u"--store"_s, db, u"verify"_s}).code, 0);
    }

    // What `alerts --json` prints ingests back into another store as the same alerts.
    // Alertmanager sends firing, then resolved for the same alert: one alert, resolved.
    void alertmanagerResolvedIsAnUpdate()
    {
        const QString db = store(u"am.db"_s);
        const QByteArray alert =
            "{\"status\":\"%1\",\"labels\":{\"alertname\":\"PaymentGatewayDown\","
            "\"severity\":\"critical\",\"instance\":\"pgw-1\"},\"annotations\":{\"summary\":"
            "\"Gateway down\"},\"startsAt\":\"2026-11-26T10:00:00Z\",\"endsAt\":\"%2\","
            "\"fingerprint\":\"a1b2c3d4e5f60708\"}";
        const auto payload = [&](const char *status, const char *ends) -> QByteArray {
            return "{\"version\":\"4\",\"status\":\"" + QByteArray(status)
                + "\",\"receiver\":\"lakeguard\",\"alerts\":["
                + QString::fromLatin1(alert).arg(QLatin1StringView(status), QLatin1StringView(ends)).toLatin1()
                + "]}\n";
        };
        const QByteArray firing = payload("firing", "0001-01-01T00:00:00Z");
        const QByteArray resolved = payload("resolved", "2026-11-26T10:07:30Z");
        const QStringList ingest{u"--store"_s, db, u"ingest"_s, u"--format"_s, u"alertmanager"_s, u"-"_s};
        Run r = run(ingest, firing);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"accepted"_s).toInt(), 1);
        r = run(ingest, firing); // Alertmanager's retry
        QCOMPARE(r.json().value(u"duplicates"_s).toInt(), 1);
        r = run(ingest, resolved);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"accepted"_s).toInt(), 0);
        QCOMPARE(r.json().value(u"updated"_s).toInt(), 1);
        QCOMPARE(r.json().value(u"duplicates"_s).toInt(), 0);

        r = run({u"--store"_s, db, u"--json"_s, u"alerts"_s});
        const QList<QJsonObject> alerts = r.lines();
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts[0].value(u"state"_s).toString(), u"resolved"_s);
        QCOMPARE(alerts[0].value(u"severity"_s).toString(), u"critical"_s);
        QCOMPARE(run({u"--store"_s, db, u"verify"_s}).code, 0);
    }

    void ingestWithFieldMap()
    {
        const QString db = store(u"map.db"_s);
        const QString mapPath = store(u"fraud-map.json"_s);
        QFile map(mapPath);
        QVERIFY(map.open(QIODevice::WriteOnly));
        map.write("{\"ts\":\"/at\",\"title\":\"/why\",\"severity\":\"/band\",\"entity\":\"/acct\","
                  "\"id\":\"/case\",\"state\":\"/status\",\"severity_values\":{\"red\":\"high\"},"
                  "\"rule_prefix\":\"fraud\"}");
        map.close();
        const QByteArray records =
            "{\"case\":\"C-1\",\"at\":1764151200,\"why\":\"Mule account pattern\",\"band\":\"RED\","
            "\"acct\":\"DE89 **** 3000\",\"status\":\"open\"}\n"
            "{\"case\":\"C-1\",\"at\":1764151200,\"why\":\"Mule account pattern\",\"band\":\"RED\","
            "\"acct\":\"DE89 **** 3000\",\"status\":\"closed\"}\n"
            "{\"case\":\"C-2\",\"why\":\"no time\"}\n";
        Run r = run({u"--store"_s, db, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"--map"_s, mapPath,
                     u"-"_s},
                    records);
        QCOMPARE(r.code, 0);
        QJsonObject summary = r.json();
        QCOMPARE(summary.value(u"accepted"_s).toInt(), 1);
        QCOMPARE(summary.value(u"updated"_s).toInt(), 1);
        QCOMPARE(summary.value(u"quarantined"_s).toInt(), 1);
        r = run({u"--store"_s, db, u"--json"_s, u"alerts"_s});
        const QList<QJsonObject> alerts = r.lines();
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts[0].value(u"rule"_s).toString(), u"fraud:Mule account pattern"_s);
        QCOMPARE(alerts[0].value(u"severity"_s).toString(), u"high"_s);
        QCOMPARE(alerts[0].value(u"ts"_s).toString(), u"2025-11-26T10:00:00.000Z"_s);
        QCOMPARE(alerts[0].value(u"state"_s).toString(), u"closed"_s);
        r = run({u"--store"_s, db, u"quarantine"_s, u"--json"_s});
        QVERIFY2(r.out.contains("missing field \\\"ts\\\" (at /at)"), r.out.constData());

        // A bad map is refused before anything is read, naming the key.
        QVERIFY(map.open(QIODevice::WriteOnly | QIODevice::Truncate));
        map.write("{\"ts\":\"/at\",\"title\":\"/why\",\"colour\":\"/c\"}");
        map.close();
        r = run({u"--store"_s, db, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"--map"_s, mapPath, u"-"_s},
                records);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("map: unknown key \"colour\""), r.err.constData());
        r = run({u"--store"_s, db, u"ingest"_s, u"--map"_s, mapPath, u"-"_s}, records);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--map needs --format jsonl"), r.err.constData());
    }

    void exportReimport()
    {
        const QString a = store(u"stdin.db"_s);
        const QString b = store(u"reimport.db"_s);
        Run r = run({u"--store"_s, a, u"--json"_s, u"alerts"_s, u"--limit"_s, u"0"_s});
        QCOMPARE(r.code, 0);
        const QByteArray exported = r.out;
        QVERIFY(!exported.isEmpty());
        r = run({u"--store"_s, b, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s}, exported);
        QCOMPARE(r.json().value(u"accepted"_s).toInt(), 2);
        r = run({u"--store"_s, b, u"--json"_s, u"alerts"_s});
        QSet<QString> fingerprints;
        for (const QJsonObject &o : r.lines()) {
            fingerprints << o.value(u"fingerprint"_s).toString();
        }
        Run original = run({u"--store"_s, a, u"--json"_s, u"alerts"_s});
        for (const QJsonObject &o : original.lines()) {
            QVERIFY(fingerprints.contains(o.value(u"fingerprint"_s).toString()));
        }
    }

    void storeFromEnvironment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString db = store(u"from-env.db"_s);
        env.insert(u"LAKEGUARD_STORE"_s, db);
        const Run r = run({u"stats"_s, u"--json"_s}, {}, env);
        // Reading a store that does not exist yet is an error, not a silent new file.
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(db.toUtf8()));
        const Run w = run({u"ingest"_s, u"-"_s}, "{\"ts\":1,\"title\":\"x\"}\n", env);
        QCOMPARE(w.code, 0);
        QVERIFY(QFile::exists(db));
    }

    // An online backup taken while a demo writes into the store: a consistent, verifiable copy.
    void backupWhileWriting()
    {
        const QString db = store(u"live.db"_s);
        QCOMPARE(run({u"--store"_s, db, u"demo"_s, u"--instant"_s, u"--seconds"_s, u"2"_s,
                      u"--speed"_s, u"3600"_s})
                     .code,
                 0);
        // A writer keeps going meanwhile (a real one, in another process).
        QProcess writer;
        writer.start(QStringLiteral(LAKEGUARD_BIN_DIR "/lakeguard-cli"),
                     {u"--store"_s, db, u"demo"_s, u"--seconds"_s, u"4"_s, u"--speed"_s, u"600"_s,
                      u"--seed"_s, u"3"_s});
        QVERIFY(writer.waitForStarted());
        QTest::qWait(500);
        const QString copy = store(u"live-copy.db"_s);
        Run r = run({u"--store"_s, db, u"backup"_s, u"--out"_s, copy, u"--verify"_s});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject result = r.json();
        QCOMPARE(result.value(u"out"_s).toString(), copy);
        QVERIFY(result.value(u"bytes"_s).toInteger() > 0);
        QCOMPARE(result.value(u"verified"_s).toBool(), true);
        QVERIFY(!QFile::exists(copy + u".partial"_s));
        QVERIFY(!QFile::exists(copy + u"-wal"_s));
        QVERIFY(writer.waitForFinished(60000));
        QVERIFY2(writer.exitCode() == 0, writer.readAllStandardError().right(4000).constData());
        // The copy is a store of its own: queries and verify work on it.
        r = run({u"--store"_s, copy, u"--json"_s, u"stats"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.json().value(u"alerts"_s).toInt() > 0);
        QCOMPARE(run({u"--store"_s, copy, u"verify"_s}).code, 0);

        // Never over an existing file.
        r = run({u"--store"_s, db, u"backup"_s, u"--out"_s, copy});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("exists; back up to a new file"), r.err.constData());
        r = run({u"--store"_s, db, u"backup"_s});
        QCOMPARE(r.code, 2);
    }

    // prune: the oldest alerts go, verify still passes and counts them as pruned.
    void pruneKeepsVerifyGreen()
    {
        const QString db = store(u"prune.db"_s);
        QCOMPARE(run({u"--store"_s, db, u"demo"_s, u"--instant"_s, u"--seconds"_s, u"2"_s,
                      u"--speed"_s, u"3600"_s})
                     .code,
                 0);
        Run r = run({u"--store"_s, db, u"--json"_s, u"stats"_s});
        const int before = r.json().value(u"alerts"_s).toInt();
        QVERIFY(before > 5);
        r = run({u"--store"_s, db, u"prune"_s, u"--max-alerts"_s, u"5"_s, u"--json"_s});
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(r.json().value(u"alerts"_s).toInt(), before - 5);
        QCOMPARE(r.json().value(u"prune_record"_s).toInt(), 1);
        r = run({u"--store"_s, db, u"--json"_s, u"stats"_s});
        QCOMPARE(r.json().value(u"alerts"_s).toInt(), 5);
        r = run({u"--store"_s, db, u"verify"_s, u"--json"_s});
        QVERIFY2(r.code == 0, r.out.constData());
        QVERIFY(r.json().value(u"pruned_records"_s).toInt() >= before - 5);
        QCOMPARE(r.json().value(u"prune_records"_s).toInt(), 1);
        // Bad usage: nothing to keep said, or a malformed age.
        QCOMPARE(run({u"--store"_s, db, u"prune"_s}).code, 2);
        QCOMPARE(run({u"--store"_s, db, u"prune"_s, u"--older-than"_s, u"soon"_s}).code, 2);
        r = run({u"--store"_s, db, u"prune"_s, u"--older-than"_s, u"3650d"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"prune_record"_s).toInt(), 0);
    }

    // A prune leaves free pages inside the file; compact gives them back, and the store, its
    // hash chain and its search stay as they were.
    void compactGivesPagesBack()
    {
        const QString db = store(u"compact.db"_s);
        QByteArray input;
        const qint64 t0 = 1'795'000'000'000LL;
        for (int i = 0; i < 3'000; ++i) {
            input += "{\"ts\":\""
                + Lakeguard::Core::formatIsoTimestamp(t0 + qint64(i) * 1000).toLatin1()
                + "\",\"title\":\"wire " + QByteArray::number(i) + "\",\"message\":\""
                + QByteArray(400, 'x') + " from 192.0.2." + QByteArray::number(i % 50) + "\"}\n";
        }
        Run r = run({ u"--store"_s, db, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s }, input);
        QCOMPARE(r.json().value(u"accepted"_s).toInt(), 3'000);
        r = run({ u"--store"_s, db, u"prune"_s, u"--max-alerts"_s, u"100"_s, u"--json"_s });
        QCOMPARE(r.json().value(u"alerts"_s).toInt(), 2'900);
        const QList<QJsonObject> before
            = run({ u"--store"_s, db, u"--json"_s, u"alerts"_s, u"--search"_s, u"192.0.2.1"_s,
                      u"--limit"_s, u"0"_s })
                  .lines();
        r = run({ u"--store"_s, db, u"compact"_s, u"--json"_s });
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject compacted = r.json();
        QVERIFY(compacted.value(u"free_pages_before"_s).toInteger() > 100);
        QVERIFY(compacted.value(u"bytes_after"_s).toInteger()
            < compacted.value(u"bytes_before"_s).toInteger() / 2);
        QVERIFY(compacted.value(u"log_merged"_s).toBool());
        QCOMPARE(QFileInfo(db).size(), compacted.value(u"bytes_after"_s).toInteger());
        r = run({ u"--store"_s, db, u"verify"_s, u"--json"_s });
        QVERIFY2(r.code == 0, r.out.constData());
        r = run({ u"--store"_s, db, u"--json"_s, u"stats"_s });
        QCOMPARE(r.json().value(u"alerts"_s).toInt(), 100);
        QCOMPARE(run({ u"--store"_s, db, u"--json"_s, u"alerts"_s, u"--search"_s, u"192.0.2.1"_s,
                         u"--limit"_s, u"0"_s })
                     .lines(),
            before);
        QCOMPARE(before.size(), 2); // 2951 and 2901, not 192.0.2.10-19
        // Again: nothing left to give back.
        r = run({ u"--store"_s, db, u"compact"_s, u"--json"_s });
        QCOMPARE(r.json().value(u"free_pages_before"_s).toInteger(), 0);
        // A new alert still lands after the compacted ones, and the chain still verifies.
        r = run({ u"--store"_s, db, u"ingest"_s, u"--format"_s, u"jsonl"_s, u"-"_s },
            "{\"ts\":\"2026-11-28T00:00:00Z\",\"title\":\"after compact\"}\n");
        QCOMPARE(r.json().value(u"accepted"_s).toInt(), 1);
        QCOMPARE(run({ u"--store"_s, db, u"verify"_s }).code, 0);
    }

    void demoIsDeterministic()
    {
        const QStringList common{u"demo"_s,  u"--instant"_s, u"--seconds"_s, u"2"_s,
                                 u"--speed"_s, u"3600"_s,   u"--seed"_s,    u"7"_s,
                                 u"--start"_s, u"2026-11-25T00:00:00Z"_s};
        Run r1 = run(QStringList{u"--store"_s, store(u"demo1.db"_s)} + common);
        Run r2 = run(QStringList{u"--store"_s, store(u"demo2.db"_s)} + common);
        QCOMPARE(r1.code, 0);
        QCOMPARE(r2.code, 0);
        QVERIFY(r1.json().value(u"accepted"_s).toInt() > 50);
        QCOMPARE(r1.json().value(u"simulated_to"_s).toString(), u"2026-11-25T02:00:00.000Z"_s);
        auto dump = [this](const QString &db) {
            QStringList rows;
            const Run r = run({u"--store"_s, db, u"--json"_s, u"alerts"_s, u"--limit"_s, u"0"_s});
            for (QJsonObject o : r.lines()) {
                o.remove(u"id"_s);
                o.remove(u"received"_s);
                rows << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
            }
            return rows;
        };
        const QStringList a = dump(store(u"demo1.db"_s));
        QVERIFY(a.size() > 50);
        QCOMPARE(a, dump(store(u"demo2.db"_s)));
        Run r3 = run(QStringList{u"--store"_s, store(u"demo3.db"_s)} + common.mid(0, 7)
                     + QStringList{u"8"_s, u"--start"_s, u"2026-11-25T00:00:00Z"_s});
        QCOMPARE(r3.code, 0);
        QVERIFY(dump(store(u"demo3.db"_s)) != a);
        // The chain panel's data is there too.
        const Run chain = run({u"--store"_s, store(u"demo1.db"_s), u"--json"_s, u"chain-status"_s});
        QCOMPARE(chain.lines().size(), 4);
    }

    void pacedDemoStopsOnTime()
    {
        QElapsedTimer t;
        t.start();
        const Run r = run({u"--store"_s, store(u"paced.db"_s), u"demo"_s, u"--seconds"_s, u"1.5"_s,
                           u"--speed"_s, u"600"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(t.elapsed() < 20'000);
        const qint64 from = *Lakeguard::Core::parseIsoTimestamp(
            r.json().value(u"simulated_from"_s).toString());
        const qint64 to =
            *Lakeguard::Core::parseIsoTimestamp(r.json().value(u"simulated_to"_s).toString());
        // About 1.5 s × 600 = 15 simulated minutes.
        QVERIFY2(to - from >= 10 * 60'000 && to - from <= 20 * 60'000,
                 qPrintable(QString::number(to - from)));
    }

    // verify: a demo store is intact, its newest checkpoint verifies with openssl alone, and a
    // record edited behind Lakeguard's back is named on one line with exit status 1.
    void verifyNamesTamperedRecord()
    {
        const QString db = store(u"verify.db"_s);
        Run r = run({u"--store"_s, db, u"demo"_s, u"--instant"_s, u"--seconds"_s, u"1"_s,
                     u"--speed"_s, u"3600"_s, u"--start"_s, u"2026-11-25T00:00:00Z"_s});
        QCOMPARE(r.code, 0);
        r = run({u"--store"_s, db, u"verify"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        const QJsonObject report = r.json();
        QVERIFY(report.value(u"ok"_s).toBool());
        QVERIFY(report.value(u"tree_size"_s).toInt() > 50);
        QCOMPARE(report.value(u"signed_size"_s), report.value(u"tree_size"_s));
        QVERIFY(report.value(u"public_key_pem"_s).toString().startsWith(u"-----BEGIN PUBLIC KEY"_s));
        QCOMPARE(run({u"--store"_s, db, u"verify"_s, u"--incremental"_s}).code, 0);

        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        if (!openssl.isEmpty()) {
            const QJsonObject cp = report.value(u"latest_checkpoint"_s).toObject();
            const QString pub = m_dir.filePath(u"verify-pub.pem"_s);
            const QString msg = m_dir.filePath(u"verify-msg"_s);
            const QString sig = m_dir.filePath(u"verify-sig"_s);
            for (const auto &[file, bytes] :
                 {std::pair{pub, report.value(u"public_key_pem"_s).toString().toLatin1()},
                  std::pair{msg, cp.value(u"message"_s).toString().toLatin1()},
                  std::pair{sig, QByteArray::fromHex(cp.value(u"signature"_s).toString().toLatin1())}}) {
                QFile f(file);
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(bytes);
            }
            QProcess p;
            p.start(openssl, {u"pkeyutl"_s, u"-verify"_s, u"-pubin"_s, u"-inkey"_s, pub,
                              u"-rawin"_s, u"-in"_s, msg, u"-sigfile"_s, sig});
            QVERIFY(p.waitForFinished(30'000));
            QCOMPARE(p.exitCode(), 0);
        }

        const QString sqlite3 = QStandardPaths::findExecutable(u"sqlite3"_s);
        if (sqlite3.isEmpty()) {
            QSKIP("sqlite3 is not installed: the tampering half is skipped");
        }
        QProcess p;
        p.start(sqlite3, {db, u"UPDATE alerts SET title = 'edited' WHERE id = 5"_s});
        QVERIFY(p.waitForFinished(30'000));
        QCOMPARE(p.exitCode(), 0);
        r = run({u"--store"_s, db, u"verify"_s});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.startsWith("lakeguard-cli: verify: alert 5 (leaf "), r.err.constData());
        QVERIFY(r.err.trimmed().endsWith("was modified"));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
    }

    // serve tails a file, stops cleanly on SIGTERM and resumes where it stopped.
    void serveFileFeedResumes()
    {
        const QString db = store(u"serve.db"_s);
        const QString log = m_dir.filePath(u"serve-eve.json"_s);
        const QString config = m_dir.filePath(u"feeds.json"_s);
        QFile c(config);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write("{\"feeds\":[{\"id\":\"ids\",\"type\":\"file\",\"format\":\"jsonl\",\"poll_ms\":50,"
                "\"path\":\"" + log.toUtf8() + "\"}]}");
        c.close();
        auto write = [&log](int from, int to) {
            QFile f(log);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Append));
            for (int i = from; i < to; ++i) {
                f.write("{\"ts\":" + QByteArray::number(1'767'225'600'000LL + i)
                        + ",\"title\":\"served " + QByteArray::number(i) + "\"}\n");
            }
        };
        write(0, 200);
        QProcess p;
        p.start(m_cli, {u"--store"_s, db, u"serve"_s, u"--config"_s, config});
        QVERIFY(p.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(
            run({u"--store"_s, db, u"--json"_s, u"stats"_s}).json().value(u"alerts"_s).toInt(), 200,
            20000);
        p.terminate();
        QVERIFY(p.waitForFinished(10'000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QJsonDocument::fromJson(p.readAllStandardOutput()).object().value(u"interrupted"_s).toBool(),
                 true);
        write(200, 300);
        const Run again = run({u"--store"_s, db, u"serve"_s, u"--config"_s, config, u"--for"_s, u"3"_s});
        QCOMPARE(again.code, 0);
        const QJsonObject feed = again.json().value(u"feeds"_s).toArray().at(0).toObject();
        QCOMPARE(feed.value(u"accepted"_s).toInt(), 300);
        QCOMPARE(feed.value(u"duplicates"_s).toInt(), 0);
    }

    void serveRejectsBadConfig_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("message");
        QTest::addRow("unknown-key") << QByteArray("{\"feeds\":[{\"id\":\"a\",\"type\":\"file\",\"path\":\"/x\",\"pth\":1}]}")
                                     << QByteArray("feed \"a\": unknown key \"pth\"");
        QTest::addRow("syslog-elsewhere-without-tls") << QByteArray("{\"feeds\":[{\"id\":\"s\",\"type\":\"syslog\",\"listen\":\"0.0.0.0:5514\",\"protocol\":\"udp\"}]}")
                                                      << QByteArray("feed \"s\": \"listen\" on 0.0.0.0 needs \"protocol\": \"tls\"");
    }

    void serveRejectsBadConfig()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, message);
        const QString config = m_dir.filePath(u"bad-feeds.json"_s);
        QFile c(config);
        QVERIFY(c.open(QIODevice::WriteOnly | QIODevice::Truncate));
        c.write(json);
        c.close();
        const Run r = run({u"--store"_s, store(u"bad-serve.db"_s), u"serve"_s, u"--config"_s, config});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }

    void sigtermStopsCleanly()
    {
        QProcess p;
        p.start(m_cli, {u"--store"_s, store(u"term.db"_s), u"demo"_s, u"--seconds"_s, u"60"_s,
                        u"--speed"_s, u"600"_s});
        QVERIFY(p.waitForStarted());
        QTest::qWait(1500);
        p.terminate();
        QVERIFY(p.waitForFinished(10'000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject summary = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(summary.value(u"interrupted"_s).toBool(), true);
        // Everything it reported is in the store.
        const Run r = run({u"--store"_s, store(u"term.db"_s), u"--json"_s, u"stats"_s});
        QCOMPARE(r.json().value(u"alerts"_s).toInt(), summary.value(u"accepted"_s).toInt());
    }

    // serve runs an eth-rpc feed against a real anvil; chain-status shows what it saw, with
    // peers null (anvil does not offer net_peerCount).
    void chainStatusFromServe()
    {
        if (!AnvilTest::anvilAvailable()) {
            QSKIP("anvil is not installed (scripts/install-peers.sh build/peers; needs npm)");
        }
        AnvilTest::AnvilNode node;
        QVERIFY(node.start(31337, 1'700'000'000, {u"--no-mining"_s}));
        QVERIFY(node.mine(1'700'000'010, 2));
        const QString config = m_dir.filePath(u"chain-feeds.json"_s);
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject{{u"feeds"_s, QJsonArray{QJsonObject{
                                  {u"id"_s, u"eth"_s}, {u"type"_s, u"eth-rpc"_s},
                                  {u"chain"_s, u"devnet"_s}, {u"interval_s"_s, 0.5},
                                  {u"nodes"_s, QJsonArray{node.url()}}}}}})
                    .toJson());
        f.close();
        const Run serve = run({u"--store"_s, store(u"chain.db"_s), u"serve"_s, u"--config"_s, config,
                               u"--for"_s, u"2"_s});
        QCOMPARE(serve.code, 0);
        const Run status = run({u"--store"_s, store(u"chain.db"_s), u"--json"_s, u"chain-status"_s});
        QCOMPARE(status.code, 0);
        QCOMPARE(status.lines().size(), 1);
        const QJsonObject o = status.lines().first();
        QCOMPARE(o.value(u"chain"_s).toString(), u"devnet"_s);
        QCOMPARE(o.value(u"node"_s).toString(), node.url());
        QCOMPARE(o.value(u"height"_s).toInteger(), 2);
        QCOMPARE(o.value(u"peers"_s).type(), QJsonValue::Null);
        QCOMPARE(o.value(u"state"_s).toString(), u"healthy"_s);
        QCOMPARE(o.value(u"chain_id"_s).toString(), u"31337"_s);
        QCOMPARE(o.value(u"kind"_s).toString(), u"eth"_s);
        QVERIFY(o.value(u"latency_ms"_s).toInt() >= 0);
        const Run text = run({u"--store"_s, store(u"chain.db"_s), u"chain-status"_s});
        QVERIFY2(text.out.contains("peers n/a"), text.out.constData());
    }
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
