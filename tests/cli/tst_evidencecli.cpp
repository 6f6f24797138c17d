// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// `lakeguard-cli export` and `verify-pack` end to end: the real binary, the contract's exit codes.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_EvidenceCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_store;

    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };

    Run cli(const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(QStringLiteral(LAKEGUARD_BIN_DIR) + u"/lakeguard-cli"_s, args);
        p.waitForFinished(120'000);
        return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError()) };
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(u"s.db"_s);
        QFile in(m_dir.filePath(u"in.jsonl"_s));
        QVERIFY(in.open(QIODevice::WriteOnly));
        for (int i = 0; i < 30; ++i) {
            in.write(QJsonDocument(QJsonObject {
                                       { u"ts"_s,
                                           u"2026-11-26T10:%1:00Z"_s.arg(
                                               QString::number(i).rightJustified(2, u'0')) },
                                       { u"severity"_s, i % 5 },
                                       { u"category"_s, i % 3 ? u"fraud"_s : u"insider"_s },
                                       { u"rule"_s, u"r.%1"_s.arg(i % 2) },
                                       { u"title"_s, i == 4 ? u"=1+1"_s : u"alert %1"_s.arg(i) },
                                       { u"entity"_s, u"acct-1"_s },
                                   })
                         .toJson(QJsonDocument::Compact)
                + '\n');
        }
        in.close();
        const Run r
            = cli({ u"--store"_s, m_store, u"ingest"_s, u"--format"_s, u"jsonl"_s, in.fileName() });
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"\"accepted\":30"_s),
            qPrintable(r.out + cli({ u"--store"_s, m_store, u"quarantine"_s }).out));
    }

    void exportThenVerify()
    {
        Run r = cli({ u"--store"_s, m_store, u"--json"_s, u"export"_s, u"--out"_s, u"p"_s,
            u"--zip"_s, u"p.zip"_s, u"--tlp-cap"_s, u"AMBER"_s, u"--lang"_s, u"zh_CN"_s });
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        // Above AMBER: 10 insider alerts (RED) and 4 critical fraud alerts (AMBER+STRICT).
        QCOMPARE(o.value(u"alerts"_s).toInteger(), 16);
        QCOMPARE(o.value(u"withheld"_s).toObject().value(u"alerts"_s).toInteger(), 14);
        r = cli({ u"verify-pack"_s, u"p"_s });
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith(u"ok: "_s));
        QCOMPARE(cli({ u"verify-pack"_s, u"p.zip"_s }).code, 0);
        // A non-empty folder is bad usage; nothing is overwritten.
        r = cli({ u"--store"_s, m_store, u"export"_s, u"--out"_s, u"p"_s });
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(u"not empty"_s));

        // A flipped byte: exit 1, one line on stderr naming the file.
        QFile csv(m_dir.filePath(u"p/alerts.csv"_s));
        QVERIFY(csv.open(QIODevice::ReadWrite));
        QByteArray bytes = csv.readAll();
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 1);
        csv.seek(0);
        csv.write(bytes);
        csv.close();
        r = cli({ u"verify-pack"_s, u"p"_s });
        QCOMPARE(r.code, 1);
        QVERIFY2(
            r.err.startsWith(u"lakeguard-cli: verify-pack: alerts.csv: "_s), qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 1);
        r = cli({ u"--json"_s, u"verify-pack"_s, u"p"_s });
        QCOMPARE(r.code, 1);
        QCOMPARE(
            QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"ok"_s).toBool(true), false);

        // A damaged zip entry is a failed pack (1); a file that is no zip, unreadable input (2).
        QFile zip(m_dir.filePath(u"p.zip"_s));
        QVERIFY(zip.open(QIODevice::ReadWrite));
        bytes = zip.readAll();
        bytes[bytes.size() / 3] = char(bytes[bytes.size() / 3] ^ 0x55);
        zip.seek(0);
        zip.write(bytes);
        zip.close();
        QCOMPARE(cli({ u"verify-pack"_s, u"p.zip"_s }).code, 1);
        QCOMPARE(cli({ u"verify-pack"_s, m_store }).code, 2);
        QCOMPARE(cli({ u"verify-pack"_s, u"no-such-pack"_s }).code, 2);
    }

    void usageErrors()
    {
        QCOMPARE(cli({ u"--store"_s, m_store, u"export"_s }).code, 2); // no --out
        QCOMPARE(
            cli({ u"--store"_s, m_store, u"export"_s, u"--out"_s, u"x"_s, u"--tlp"_s, u"WHITE"_s })
                .code,
            2);
        QCOMPARE(cli({ u"--store"_s, m_store, u"export"_s, u"--out"_s, u"x"_s, u"--incident"_s,
                         u"1"_s, u"--since"_s, u"2026-01-01T00:00:00Z"_s })
                     .code,
            2);
        // Marked GREEN but holding RED records: refused.
        const Run r = cli(
            { u"--store"_s, m_store, u"export"_s, u"--out"_s, u"x"_s, u"--tlp"_s, u"GREEN"_s });
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(u"--tlp-cap"_s));
        QVERIFY(!QDir(m_dir.filePath(u"x"_s)).exists());
        QCOMPARE(cli({ u"verify-pack"_s }).code, 2);
    }
};

QTEST_GUILESS_MAIN(tst_EvidenceCli)
#include "tst_evidencecli.moc"
