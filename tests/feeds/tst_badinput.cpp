// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The bad-input corpus (tests/data/bad-input) and generated monsters: every record is stored or
// quarantined with a reason and its bytes; nothing crashes, nothing is dropped, memory stays
// bounded (an over-long record keeps a 64 KiB prefix).
#include "fileingest.h"
#include "sqlitestore.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

class tst_BadInput : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_case = 0;

    struct Outcome
    {
        Feeds::IngestSummary summary;
        QList<Storage::QuarantineEntry> quarantine;
        QString error;
    };

    Outcome ingest(const QByteArray &bytes, const QString &format)
    {
        Outcome o;
        Storage::SqliteStore store(m_dir.filePath(u"case%1.db"_s.arg(++m_case)));
        if (const Storage::Status s = store.open(Storage::AlertStore::Mode::ReadWrite); !s) {
            o.error = s.error();
            return o;
        }
        QByteArray copy = bytes;
        QBuffer input(&copy);
        input.open(QIODevice::ReadOnly);
        Feeds::FileIngest ingest(store, u"bad"_s, format);
        o.summary = ingest.run(input, &o.error);
        o.quarantine = store.quarantine(100).value();
        return o;
    }

    static QString formatOf(const QString &name)
    {
        if (name.endsWith(u".am.json"_s)) {
            return u"alertmanager"_s;
        }
        if (name.endsWith(u".jsonl"_s)) {
            return u"jsonl"_s;
        }
        if (name.endsWith(u".cef"_s)) {
            return u"cef"_s;
        }
        if (name.endsWith(u".syslog"_s)) {
            return u"syslog"_s;
        }
        return u"eve"_s;
    }

private slots:
    void corpus_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("accepted");
        QTest::addColumn<QStringList>("reasons");
        QTest::addRow("truncated") << u"truncated.jsonl"_s << 0
                                   << QStringList{u"unterminated string"_s};
        QTest::addRow("invalid utf-8") << u"invalid-utf8.jsonl"_s << 0
                                       << QStringList{u"invalid UTF8"_s};
        QTest::addRow("not alerts") << u"not-alerts.jsonl"_s << 0
                                    << QStringList{u"unterminated object"_s, u"not an object"_s,
                                                   u"illegal value"_s, u"missing field \"ts\""_s};
        QTest::addRow("broken cef escape") << u"broken-escape.cef"_s << 0
                                           << QStringList{u"lone backslash"_s};
        QTest::addRow("short cef header") << u"short-header.cef"_s << 0
                                          << QStringList{u"separators"_s};
        QTest::addRow("cef severity off the scale") << u"bad-severity.cef"_s << 1 << QStringList{};
        QTest::addRow("bad pri") << u"bad-pri.syslog"_s << 0
                                 << QStringList{u"invalid PRI <999>"_s};
        QTest::addRow("bad time") << u"bad-time.syslog"_s << 0
                                  << QStringList{u"invalid RFC 5424 TIMESTAMP"_s};
        QTest::addRow("bad structured data") << u"bad-sd.syslog"_s << 0
                                             << QStringList{u"not closed with a quote"_s};
        QTest::addRow("alerts not an array") << u"alerts-not-array.am.json"_s << 0
                                             << QStringList{u"alerts is not an array"_s};
        QTest::addRow("bad startsAt") << u"bad-startsat.am.json"_s << 0
                                      << QStringList{u"invalid startsAt"_s};
        QTest::addRow("eve bad signature") << u"eve-bad-alert.json"_s << 0
                                           << QStringList{u"signature_id"_s};
    }

    void corpus()
    {
        QFETCH(QString, file);
        QFETCH(int, accepted);
        QFETCH(QStringList, reasons);
        QFile f(QDir(QStringLiteral(LAKEGUARD_TEST_DATA)).filePath(u"bad-input/"_s + file));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        const QByteArray bytes = f.readAll();
        const Outcome o = ingest(bytes, formatOf(file));
        QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
        QCOMPARE(o.summary.accepted, accepted);
        QCOMPARE(o.summary.quarantined, qint64(reasons.size()));
        // Nothing dropped: every record read is accounted for.
        QCOMPARE(o.summary.read, o.summary.accepted + o.summary.duplicates + o.summary.quarantined
                                     + o.summary.skipped);
        QCOMPARE(o.quarantine.size(), reasons.size());
        for (const QString &reason : reasons) {
            const bool found = std::any_of(
                o.quarantine.cbegin(), o.quarantine.cend(),
                [&](const Storage::QuarantineEntry &q) { return q.record.reason.contains(reason); });
            QVERIFY2(found, qPrintable(u"no quarantine reason with \"%1\""_s.arg(reason)));
        }
        // The bad bytes are kept as they came (each record's own line).
        for (const Storage::QuarantineEntry &q : o.quarantine) {
            QVERIFY2(bytes.contains(q.record.raw), q.record.raw.constData());
        }
    }

    void tenMegabyteLine()
    {
        QByteArray line = "{\"ts\":\"2026-11-26T10:00:00Z\",\"title\":\"";
        line += QByteArray(10 * 1024 * 1024, 'A');
        line += "\"}\n{\"ts\":\"2026-11-26T10:00:01Z\",\"title\":\"after the monster\"}\n";
        const Outcome o = ingest(line, u"jsonl"_s);
        QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
        QCOMPARE(o.summary.quarantined, 1);
        QCOMPARE(o.summary.accepted, 1); // the record after it is not lost
        QCOMPARE(o.quarantine.size(), 1);
        QVERIFY2(o.quarantine[0].record.reason.contains(u"exceeds the limit"_s), qPrintable(o.quarantine[0].record.reason));
        QVERIFY(o.quarantine[0].record.raw.size() <= 64 * 1024); // a prefix, not 10 MB
        QVERIFY(o.quarantine[0].record.raw.startsWith("{\"ts\":"));
    }

    void nestedHundredThousandDeep()
    {
        const int depth = 100'000;
        QByteArray deep = QByteArray(depth, '[') + QByteArray(depth, ']') + '\n';
        QByteArray objects;
        for (int i = 0; i < depth; ++i) {
            objects += "{\"a\":";
        }
        objects += "1" + QByteArray(depth, '}') + '\n';
        // A file that starts with '[' is one JSON array of records; then a line of objects.
        for (const QByteArray &input : {deep, objects}) {
            for (const QString &format : {u"jsonl"_s, u"eve"_s, u"auto"_s}) {
                const Outcome o = ingest(input, format);
                QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
                QCOMPARE(o.summary.read, 1);
                QCOMPARE(o.summary.quarantined, 1);
                QCOMPARE(o.quarantine.size(), 1);
                QVERIFY(!o.quarantine[0].record.reason.isEmpty());
            }
        }
    }

    void binaryNoise()
    {
        QRandomGenerator random(20261127);
        QByteArray noise(256 * 1024, Qt::Uninitialized);
        for (char &c : noise) {
            c = char(random.bounded(256));
        }
        for (const QString &format : {u"auto"_s, u"syslog"_s, u"cef"_s, u"jsonl"_s}) {
            const Outcome o = ingest(noise, format);
            QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
            QVERIFY(o.summary.read > 0);
            QCOMPARE(o.summary.accepted + o.summary.quarantined + o.summary.duplicates
                         + o.summary.skipped,
                     o.summary.read);
        }
    }
};

QTEST_GUILESS_MAIN(tst_BadInput)
#include "tst_badinput.moc"
