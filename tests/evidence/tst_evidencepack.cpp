// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidencepack.h"
#include "incidentpolicy.h"
#include "merklelog.h"
#include "packverifier.h"
#include "signing.h"
#include "sqlitestore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace Lakeguard::Evidence;
using namespace Lakeguard::Storage;

namespace {

constexpr qint64 kBase = 1'767'225'600'000LL; // 2026-01-01T00:00:00Z

// Given alerts of every TLP: i % 10 == 0 insider (RED), i % 10 == 1 critical malware
// (AMBER+STRICT), i % 10 == 2 info chain (CLEAR), else fraud of severity i % 4 (GREEN/AMBER).
Alert makeAlert(int i)
{
    Alert a;
    a.ts = kBase + qint64(i) * 60'000;
    a.received = a.ts + 5;
    a.feed = u"t"_s;
    a.source = u"jsonl"_s;
    a.rule = u"rule.%1"_s.arg(i % 3);
    a.category = Core::Category::Fraud;
    a.severity = Core::severityFromInt(i % 4);
    if (i % 10 == 0) {
        a.category = Core::Category::Insider;
    } else if (i % 10 == 1) {
        a.category = Core::Category::Malware;
        a.severity = Core::Severity::Critical;
    } else if (i % 10 == 2) {
        a.category = Core::Category::Chain;
        a.severity = Core::Severity::Info;
    }
    // Spreadsheet formulas and text a CSV must keep in one cell.
    a.title = i == 5 ? u"=HYPERLINK(\"http://evil.example\",\"open\")"_s
                     : u"Alert %1, \"quoted\" 可疑"_s.arg(i);
    a.message = i == 6 ? u"@SUM(1+1)\nsecond line"_s : u"message %1"_s.arg(i);
    a.entity = i == 7 ? u"-2+3"_s : u"acct-%1"_s.arg(i % 4);
    a.srcIp = i % 2 ? u"192.0.2.%1"_s.arg(i % 250) : QString();
    a.fingerprint = Core::fingerprintOf(u"t", QByteArray::number(i));
    a.raw = i == 8 ? QByteArray("\xff\x00 not utf-8", 13) : "{\"i\":" + QByteArray::number(i) + '}';
    return a;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QList<QJsonObject> jsonLines(const QString &path)
{
    QList<QJsonObject> out;
    for (const QByteArray &line : readFile(path).split('\n')) {
        if (!line.isEmpty()) {
            out << QJsonDocument::fromJson(line).object();
        }
    }
    return out;
}

bool anyProblemNames(const PackReport &r, const QString &file)
{
    for (const QString &p : r.problems) {
        if (p.startsWith(file + u':')) {
            return true;
        }
    }
    return false;
}

} // namespace

class tst_EvidencePack : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_store;
    qint64 m_incident = 0;

    ExportOptions options(const QString &name) const
    {
        ExportOptions o;
        o.storeLocation = m_store;
        o.outDir = m_dir.filePath(name);
        o.generator = u"Lakeguard test"_s;
        return o;
    }

    // Exports the whole store into a fresh folder; fails the test on error.
    QString exportAll(const QString &name)
    {
        const ExportOutcome r = exportPack(options(name));
        if (r.status != ExportOutcome::Status::Ok) {
            qWarning() << r.error;
            return {};
        }
        return r.summary.outDir;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(u"store.db"_s);
        SqliteStore store(m_store);
        QVERIFY(store.open(AlertStore::Mode::ReadWrite));
        IngestBatch b;
        b.feed = u"t"_s;
        b.feedType = u"test"_s;
        for (int i = 0; i < 60; ++i) {
            b.alerts << makeAlert(i);
        }
        QVERIFY(store.writeBatch(b).ok);
        QSqlQuery q(store.database());
        QVERIFY(q.exec(u"SELECT incident FROM alerts WHERE incident IS NOT NULL"
                       " GROUP BY incident ORDER BY count(*) DESC LIMIT 1"_s));
        QVERIFY2(q.next(), "the correlator made no incident from the test alerts");
        m_incident = q.value(0).toLongLong();
        q.finish();
        IncidentCommand note;
        note.kind = IncidentCommand::Kind::Note;
        note.id = Core::IncidentId { m_incident };
        note.text = u"=cmd|' /C calc'!A0 called the bank"_s;
        note.actor = u"officer"_s;
        QVERIFY(store.changeIncident(note));
    }

    void roundTrip()
    {
        ExportOptions o = options(u"round"_s);
        o.zipFile = m_dir.filePath(u"round.zip"_s);
        const ExportOutcome r = exportPack(o);
        QVERIFY2(r.status == ExportOutcome::Status::Ok, qPrintable(r.error));
        QCOMPARE(r.summary.alerts, 60);
        QVERIFY(r.summary.audit >= 1);
        QCOMPARE(r.summary.tlp, Tlp::Red); // the highest record, as nothing was capped
        const QDir dir(r.summary.outDir);
        QStringList expected { u"SHA256SUMS"_s, u"VERIFY.txt"_s, u"alerts.csv"_s, u"alerts.jsonl"_s,
            u"audit.jsonl"_s, u"incidents.jsonl"_s, u"manifest.json"_s, u"manifest.sig"_s,
            u"policy.json"_s, u"report.pdf"_s, u"signing-pub.pem"_s };
        QCOMPARE(dir.entryList(QDir::Files, QDir::Name), expected);
        // The incident policy the store applies (here the built-in one), under the signature.
        QCOMPARE(readFile(dir.filePath(u"policy.json"_s)), Core::IncidentPolicy::builtInJson());
        QVERIFY(readFile(dir.filePath(u"SHA256SUMS"_s)).contains("  policy.json\n"));
        QVERIFY(readFile(dir.filePath(u"report.pdf"_s)).startsWith("%PDF-"));

        const auto report = verifyPack(dir.path());
        QVERIFY(report);
        QVERIFY2(report->ok, qPrintable(report->problems.join(u'\n')));
        QCOMPARE(report->records, 60 + r.summary.audit + r.summary.alertEvents);
        QCOMPARE(report->checkpoint.root, r.summary.checkpoint.root);
        // The zip holds the same pack and verifies too.
        const auto zipped = verifyPack(o.zipFile);
        QVERIFY(zipped);
        QVERIFY2(zipped->ok, qPrintable(zipped->problems.join(u'\n')));

        // The pack is cut from the newest checkpoint, which covers every record, and signed
        // with the store's own key.
        SqliteStore store(m_store);
        QVERIFY(store.open(AlertStore::Mode::ReadOnly));
        const auto verified = store.verify(false);
        QVERIFY(verified && verified->ok);
        QCOMPARE(verified->latest->root, report->checkpoint.root);
        QCOMPARE(report->keyId, verified->keyId);
        // A pinned key id that differs is a failure naming the key file.
        const auto pinned = verifyPack(dir.path(), QString(64, u'0'));
        QVERIFY(pinned && !pinned->ok);
        QVERIFY(anyProblemNames(*pinned, u"signing-pub.pem"_s));

        // Exact bytes survive: the non-UTF-8 raw record of alert 9 (i == 8).
        bool found = false;
        for (const QJsonObject &a : jsonLines(dir.filePath(u"alerts.jsonl"_s))) {
            if (a.value(u"title"_s).toString() == u"Alert 8, \"quoted\" 可疑"_s) {
                QCOMPARE(QByteArray::fromBase64(a.value(u"raw_base64"_s).toString().toLatin1()),
                    QByteArray("\xff\x00 not utf-8", 13));
                found = true;
            }
        }
        QVERIFY(found);
    }

    // verify-pack's checks on bytes (what fuzz/fuzz_packmanifest drives): the same verdict as
    // on the folder, and a manifest that is not JSON, or JSON of the wrong shape, is a problem
    // naming manifest.json, never a crash.
    void checksOnBytes()
    {
        const ExportOutcome r = exportPack(options(u"bytes"_s));
        QVERIFY2(r.status == ExportOutcome::Status::Ok, qPrintable(r.error));
        const QDir dir(r.summary.outDir);
        QHash<QString, QByteArray> files;
        for (const QString &name : dir.entryList(QDir::Files)) {
            files.insert(name, readFile(dir.filePath(name)));
        }
        auto check = [&files](const QByteArray &manifest) {
            QHash<QString, QByteArray> f = files;
            if (!manifest.isNull()) {
                f.insert(u"manifest.json"_s, manifest);
            }
            return checkPackFiles(f.keys(), [&f](const QString &name) -> std::optional<QByteArray> {
                const auto it = f.constFind(name);
                return it == f.cend() ? std::nullopt : std::optional<QByteArray>(*it);
            });
        };
        const PackReport whole = check({});
        QVERIFY2(whole.ok, qPrintable(whole.problems.join(u'\n')));
        QCOMPARE(whole.records, verifyPack(dir.path())->records);
        for (const QByteArray &bad : { QByteArray("\0\xff{", 3), QByteArray("[]"),
                 QByteArray("{\"format\":\"lakeguard-evidence-pack/1\",\"files\":7,"
                            "\"checkpoint\":[],\"records\":[1,{\"proof\":{}}]}") }) {
            const PackReport report = check(bad);
            QVERIFY(!report.ok);
            QVERIFY(anyProblemNames(report, u"manifest.json"_s));
        }
    }

    void flippedByteIsNamed_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &f : { u"SHA256SUMS"_s, u"VERIFY.txt"_s, u"alerts.csv"_s,
                 u"alerts.jsonl"_s, u"audit.jsonl"_s, u"incidents.jsonl"_s, u"manifest.json"_s,
                 u"manifest.sig"_s, u"report.pdf"_s, u"signing-pub.pem"_s }) {
            QTest::addRow("%s", qPrintable(f)) << f;
        }
    }

    void flippedByteIsNamed()
    {
        QFETCH(QString, file);
        const QString dir = exportAll(u"flip-"_s + file);
        QVERIFY(!dir.isEmpty());
        const QString path = QDir(dir).filePath(file);
        QByteArray bytes = readFile(path);
        QVERIFY(!bytes.isEmpty());
        // A byte in the middle, where it changes content rather than a trailing newline.
        const qsizetype at = file == u"signing-pub.pem"_s ? 40 : bytes.size() / 2;
        bytes[at] = char(bytes[at] ^ 0x01);
        QVERIFY(writeFile(path, bytes));
        const auto report = verifyPack(dir);
        QVERIFY(report);
        QVERIFY(!report->ok);
        QVERIFY2(anyProblemNames(*report, file), qPrintable(report->problems.join(u'\n')));
    }

    void missingAndUnlistedFiles()
    {
        const QString dir = exportAll(u"files"_s);
        QVERIFY(!dir.isEmpty());
        QVERIFY(QFile::remove(QDir(dir).filePath(u"audit.jsonl"_s)));
        QVERIFY(writeFile(QDir(dir).filePath(u"notes.txt"_s), "extra"));
        const auto report = verifyPack(dir);
        QVERIFY(report && !report->ok);
        QVERIFY(anyProblemNames(*report, u"audit.jsonl"_s));
        QVERIFY(anyProblemNames(*report, u"notes.txt"_s));
        // Not a pack at all: an error, not a report.
        QVERIFY(!verifyPack(m_dir.filePath(u"nothing-here"_s)));
    }

    // Someone holding the store's key rewrites a record and re-signs the manifest: the record
    // no longer matches its encoding, or (if the encoding is rewritten too) its proof.
    void resignedForgeryIsCaught()
    {
        const QString dir = exportAll(u"forged"_s);
        QVERIFY(!dir.isEmpty());
        const auto key = Ed25519Key::load(MerkleLog::privateKeyPath(m_store));
        QVERIFY(key);
        auto resign = [&] {
            const QByteArray manifest = readFile(QDir(dir).filePath(u"manifest.json"_s));
            QVERIFY(writeFile(QDir(dir).filePath(u"manifest.sig"_s), key->sign(manifest).value()));
        };
        auto rehash = [&](const QString &name) {
            QJsonObject m
                = QJsonDocument::fromJson(readFile(QDir(dir).filePath(u"manifest.json"_s)))
                      .object();
            QJsonArray files = m.value(u"files"_s).toArray();
            for (qsizetype i = 0; i < files.size(); ++i) {
                QJsonObject f = files.at(i).toObject();
                if (f.value(u"name"_s).toString() == name) {
                    f.insert(u"sha256"_s,
                        QString::fromLatin1(
                            sha256({ readFile(QDir(dir).filePath(name)) }).toHex()));
                    files[i] = f;
                }
            }
            m.insert(u"files"_s, files);
            QVERIFY(writeFile(QDir(dir).filePath(u"manifest.json"_s), QJsonDocument(m).toJson()));
        };
        // 1. The title of the first alert changes in alerts.jsonl; hashes and signature redone.
        QList<QJsonObject> alerts = jsonLines(QDir(dir).filePath(u"alerts.jsonl"_s));
        const qint64 id = alerts.first().value(u"id"_s).toInteger();
        alerts.first().insert(u"title"_s, u"nothing happened"_s);
        QByteArray jsonl;
        for (const QJsonObject &a : alerts) {
            jsonl += QJsonDocument(a).toJson(QJsonDocument::Compact) + '\n';
        }
        QVERIFY(writeFile(QDir(dir).filePath(u"alerts.jsonl"_s), jsonl));
        rehash(u"alerts.jsonl"_s);
        resign();
        auto report = verifyPack(dir);
        QVERIFY(report && !report->ok);
        QVERIFY2(report->problems.join(u'\n').contains(u"alerts.jsonl: alert %1"_s.arg(id)),
            qPrintable(report->problems.join(u'\n')));
        QVERIFY(report->problems.join(u'\n').contains(u"\"title\""_s));

        // 2. The encoding in the manifest is rewritten to match the forged title: now the leaf
        // hash and the proof no longer lead to the signed root.
        QJsonObject m
            = QJsonDocument::fromJson(readFile(QDir(dir).filePath(u"manifest.json"_s))).object();
        QJsonArray records = m.value(u"records"_s).toArray();
        QJsonObject r0 = records.first().toObject();
        QByteArray enc = QByteArray::fromBase64(r0.value(u"encoding"_s).toString().toLatin1());
        const auto decoded = LeafEncoding::decode(enc);
        QVERIFY(decoded);
        QVariantList values = decoded->values;
        values[8] = u"nothing happened"_s;
        enc = LeafEncoding::encode(LeafKind::Alert, values);
        r0.insert(u"encoding"_s, QString::fromLatin1(enc.toBase64()));
        r0.insert(u"leaf_hash"_s, QString::fromLatin1(merkleLeafHash(enc).toHex()));
        records[0] = r0;
        m.insert(u"records"_s, records);
        QVERIFY(writeFile(QDir(dir).filePath(u"manifest.json"_s), QJsonDocument(m).toJson()));
        resign();
        report = verifyPack(dir);
        QVERIFY(report && !report->ok);
        QVERIFY2(report->problems.join(u'\n').contains(u"inclusion proof"_s),
            qPrintable(report->problems.join(u'\n')));
    }

    void tlpCapLeavesRecordsOut()
    {
        ExportOptions o = options(u"capped"_s);
        o.cap = Tlp::Amber;
        const ExportOutcome r = exportPack(o);
        QVERIFY2(r.status == ExportOutcome::Status::Ok, qPrintable(r.error));
        // 6 insider (RED) and 6 critical (AMBER+STRICT) of 60 are above AMBER.
        QCOMPARE(r.summary.withheldAlerts, 12);
        QCOMPARE(r.summary.alerts, 48);
        QCOMPARE(r.summary.tlp, Tlp::Amber);
        for (const QJsonObject &a : jsonLines(QDir(r.summary.outDir).filePath(u"alerts.jsonl"_s))) {
            QVERIFY(a.value(u"category"_s).toString() != u"insider"_s);
            QVERIFY(a.value(u"severity"_s).toString() != u"critical"_s);
            const auto tlp = tlpFromName(a.value(u"tlp"_s).toString());
            QVERIFY(tlp && *tlp <= Tlp::Amber);
        }
        const QJsonObject m
            = QJsonDocument::fromJson(readFile(QDir(r.summary.outDir).filePath(u"manifest.json"_s)))
                  .object();
        QCOMPARE(m.value(u"tlp_cap"_s).toString(), u"AMBER"_s);
        QCOMPARE(m.value(u"withheld"_s).toObject().value(u"alerts"_s).toInteger(), 12);
        const auto report = verifyPack(r.summary.outDir);
        QVERIFY(report && report->ok);
        QCOMPARE(report->tlp, u"AMBER"_s);

        // A marking below the records kept is refused, not silently applied.
        ExportOptions low = options(u"too-low"_s);
        low.cap = Tlp::Amber;
        low.tlp = Tlp::Green;
        const ExportOutcome refused = exportPack(low);
        QCOMPARE(refused.status, ExportOutcome::Status::BadInput);
        QVERIFY(refused.error.contains(u"TLP:AMBER"_s));
        QVERIFY(!QFileInfo::exists(low.outDir));

        // CLEAR keeps only the chain alerts at info.
        ExportOptions clear = options(u"clear"_s);
        clear.cap = Tlp::Clear;
        const ExportOutcome c = exportPack(clear);
        QVERIFY2(c.status == ExportOutcome::Status::Ok, qPrintable(c.error));
        QCOMPARE(c.summary.alerts, 6);
        QCOMPARE(c.summary.tlp, Tlp::Clear);
    }

    void incidentScope()
    {
        ExportOptions o = options(u"incident"_s);
        o.incidents = { m_incident };
        const ExportOutcome r = exportPack(o);
        QVERIFY2(r.status == ExportOutcome::Status::Ok, qPrintable(r.error));
        QVERIFY(r.summary.alerts > 0);
        for (const QJsonObject &a : jsonLines(QDir(r.summary.outDir).filePath(u"alerts.jsonl"_s))) {
            QCOMPARE(a.value(u"incident"_s).toInteger(), m_incident);
        }
        bool note = false;
        for (const QJsonObject &e : jsonLines(QDir(r.summary.outDir).filePath(u"audit.jsonl"_s))) {
            if (e.value(u"type"_s).toString() == u"audit"_s
                && e.value(u"action"_s).toString() == u"note"_s) {
                note = true;
                QCOMPARE(e.value(u"incident"_s).toInteger(), m_incident);
            }
        }
        QVERIFY(note);
        QVERIFY(verifyPack(r.summary.outDir)->ok);
        ExportOptions missing = options(u"no-incident"_s);
        missing.incidents = { 999'999 };
        QCOMPARE(exportPack(missing).status, ExportOutcome::Status::BadInput);
    }

    void csvIsSafeForSpreadsheets()
    {
        const QString dir = exportAll(u"csv"_s);
        QVERIFY(!dir.isEmpty());
        const QString csv = QString::fromUtf8(readFile(QDir(dir).filePath(u"alerts.csv"_s)));
        QVERIFY(csv.contains(u"\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\""_s));
        QVERIFY(csv.contains(u"\"'@SUM(1+1)\nsecond line\""_s));
        QVERIFY(csv.contains(u"\"'-2+3\""_s));
        QVERIFY(!csv.contains(u",\"=HYPERLINK"_s));
        QVERIFY(csv.endsWith(u"\r\n"_s));
        // 60 records and a header: every record starts with its quoted id after CRLF.
        QCOMPARE(csv.count(u"\r\n\""_s), 60);
    }

    void verifyTxtStepsRunWithOpenssl()
    {
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        const QString sha256sum = QStandardPaths::findExecutable(u"sha256sum"_s);
        if (openssl.isEmpty() || sha256sum.isEmpty()) {
            QSKIP("the openssl and sha256sum commands are not installed (scripts/bootstrap.sh "
                  "installs openssl)");
        }
        const QString dir = exportAll(u"openssl"_s);
        QVERIFY(!dir.isEmpty());
        QTemporaryDir tmp;
        // Runs every "$" line of VERIFY.txt as written, in the pack folder; the exit statuses.
        auto runSteps = [&](QStringList *outputs) {
            QList<int> codes;
            const QString text = QString::fromUtf8(readFile(QDir(dir).filePath(u"VERIFY.txt"_s)));
            for (const QString &line : text.split(u'\n')) {
                if (!line.startsWith(QLatin1String(kVerifyCommandPrefix))) {
                    continue;
                }
                QProcess sh;
                sh.setWorkingDirectory(dir);
                QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
                env.insert(u"TMPDIR"_s, tmp.path());
                sh.setProcessEnvironment(env);
                sh.start(u"sh"_s, { u"-c"_s, line.mid(qstrlen(kVerifyCommandPrefix)) });
                sh.waitForFinished(60'000);
                codes << (sh.exitStatus() == QProcess::NormalExit ? sh.exitCode() : -1);
                if (outputs) {
                    *outputs << QString::fromUtf8(sh.readAllStandardOutput());
                }
            }
            return codes;
        };
        QStringList outputs;
        const QList<int> codes = runSteps(&outputs);
        QVERIFY(codes.size() >= 8);
        QCOMPARE(codes, QList<int>(codes.size(), 0));
        QVERIFY(outputs.at(0).contains(u"Signature Verified Successfully"_s));
        const QByteArray manifest = readFile(QDir(dir).filePath(u"manifest.json"_s));
        const QJsonObject m = QJsonDocument::fromJson(manifest).object();
        // Step 2 prints the key id the manifest names; the checkpoint in VERIFY.txt is the
        // manifest's.
        QVERIFY(outputs.at(1).startsWith(
            m.value(u"signing_key"_s).toObject().value(u"key_id"_s).toString()));
        const QString verifyTxt = QString::fromUtf8(readFile(QDir(dir).filePath(u"VERIFY.txt"_s)));
        QVERIFY(
            verifyTxt.contains(m.value(u"checkpoint"_s).toObject().value(u"root"_s).toString()));
        // Nothing was written into the pack: it still verifies.
        QVERIFY(verifyPack(dir)->ok);

        // A changed data file fails the sha256sum step; a changed manifest the signature step.
        QByteArray csv = readFile(QDir(dir).filePath(u"alerts.csv"_s));
        csv[10] = char(csv[10] ^ 1);
        QVERIFY(writeFile(QDir(dir).filePath(u"alerts.csv"_s), csv));
        QVERIFY(runSteps(nullptr).contains(1));
        csv[10] = char(csv[10] ^ 1);
        QVERIFY(writeFile(QDir(dir).filePath(u"alerts.csv"_s), csv));
        QCOMPARE(runSteps(nullptr).count(0), codes.size());
        QByteArray changed = manifest;
        changed[changed.size() / 2] = char(changed[changed.size() / 2] ^ 1);
        QVERIFY(writeFile(QDir(dir).filePath(u"manifest.json"_s), changed));
        QVERIFY(runSteps(nullptr).first() != 0);
    }

    // Runs last: it damages the store.
    void recordEditedAfterCheckpointIsCaught()
    {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
            db.setDatabaseName(m_store);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"UPDATE alerts SET title = 'nothing to see' WHERE id = 3"_s));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"tamper"_s);
        const ExportOutcome r = exportPack(options(u"tampered"_s));
        QCOMPARE(r.status, ExportOutcome::Status::Problem);
        QVERIFY2(r.error.startsWith(u"alert 3 (leaf "_s), qPrintable(r.error));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"tampered/manifest.json"_s)));
    }
};

QTEST_MAIN(tst_EvidencePack)
#include "tst_evidencepack.moc"
