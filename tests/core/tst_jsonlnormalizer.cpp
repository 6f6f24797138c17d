// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlnormalizer.h"
#include "jsonsupport.h"
#include "normalizer.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Core;

class tst_JsonlNormalizer : public QObject
{
    Q_OBJECT

private slots:
    // Numbers beyond qint64 print as doubles: the whole-number check used to cast them to
    // qint64 first, which is undefined behaviour (found by fuzz_eve, fuzz_wazuh and fuzz_jsonl;
    // UBSan aborts here in the sanitizer build).
    void numbersBeyondInt64()
    {
        QCOMPARE(jsonText(QJsonValue(42.0)), u"42"_s);
        QCOMPARE(jsonText(QJsonValue(-9'007'199'254'740'992.0)), u"-9007199254740992"_s);
        QCOMPARE(jsonText(QJsonValue(1e300)), u"1.0000000000000001e+300"_s);
        QCOMPARE(jsonText(QJsonValue(-1e300)), u"-1.0000000000000001e+300"_s);
        QCOMPARE(jsonText(QJsonValue(9'223'372'036'854'775'808.0)), u"9.2233720368547758e+18"_s);
        // The records the fuzzers found, through every normaliser that reads JSON.
        const QByteArray jsonl
            = "{\"ts\":\"2026-03-01T10:00:00Z\",\"title\":33333333330000000000000000000000000}";
        const NormalizeResult r = JsonlNormalizer().normalize(jsonl, { u"f"_s, 1 });
        const auto *a = std::get_if<Alert>(&r);
        QVERIFY(a);
        QVERIFY2(a->title.contains(u"e+34"_s), qPrintable(a->title));
        // A numeric ts beyond qint64 milliseconds is an invalid timestamp (fuzz_jsonl).
        const NormalizeResult farTs = JsonlNormalizer().normalize(
            "{\"ts\":33333333333333333333333333333333333333333333330000000000000000,"
            "\"title\":\"x\"}",
            { u"f"_s, 1 });
        const auto *q = std::get_if<Quarantined>(&farTs);
        QVERIFY(q);
        QVERIFY2(q->reason.contains(u"invalid timestamp"_s), qPrintable(q->reason));
        // A Wazuh rule.level of "nan" is no level (the cast to int is checked first).
        const QByteArray nanLevel = "{\"timestamp\":\"2026-03-01T10:00:00.000+0000\","
                                    "\"rule\":{\"level\":\"nan\",\"id\":\"1\","
                                    "\"description\":\"d\"},\"agent\":{\"name\":\"a\"}}";
        QVERIFY(!std::holds_alternative<Alert>(
            makeNormalizer(u"wazuh"_s)->normalize(nanLevel, { u"f"_s, 1 })));
        for (const QString &format : { u"eve"_s, u"wazuh"_s, u"auto"_s }) {
            const QByteArray record = "{\"timestamp\":\"2026-03-01T10:00:00.000+0000\","
                                      "\"event_type\":\"alert\",\"src_port\":1e300,"
                                      "\"rule\":{\"level\":1e300,\"id\":1e300,"
                                      "\"description\":1e300},\"alert\":{\"signature_id\":1e300,"
                                      "\"severity\":1e300,\"signature\":-1e300}}";
            (void)makeNormalizer(format)->normalizeAll(record, { u"f"_s, 1 });
        }
    }

    void valid_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<Severity>("severity");
        QTest::addColumn<Category>("category");
        QTest::addColumn<QString>("rule");
        QTest::addRow("words")
            << QByteArray("{\"ts\":\"2026-01-02T03:04:05Z\",\"title\":\"Card testing\",\"severity\":\"high\",\"category\":\"fraud\",\"rule\":\"fraud.ct\",\"entity\":\"acct ****1234\"}")
            << Severity::High << Category::Fraud << u"fraud.ct"_s;
        QTest::addRow("numeric-severity")
            << QByteArray("{\"ts\":1767323045000,\"title\":\"x\",\"severity\":4}") << Severity::Critical
            << Category::Other << u"jsonl:x"_s;
        QTest::addRow("default-severity") << QByteArray("{\"ts\":\"2026-01-02T03:04:05Z\",\"title\":\"y\"}")
                                          << Severity::Medium << Category::Other << u"jsonl:y"_s;
        QTest::addRow("unknown-category-is-other")
            << QByteArray("{\"ts\":\"2026-01-02T03:04:05Z\",\"title\":\"z\",\"category\":\"weird\"}")
            << Severity::Medium << Category::Other << u"jsonl:z"_s;
    }

    void valid()
    {
        QFETCH(QByteArray, record);
        QFETCH(Severity, severity);
        QFETCH(Category, category);
        QFETCH(QString, rule);
        const NormalizeResult r = JsonlNormalizer().normalize(record, {u"f"_s, 1});
        const auto *a = std::get_if<Alert>(&r);
        QVERIFY(a);
        QCOMPARE(a->severity, severity);
        QCOMPARE(a->category, category);
        QCOMPARE(a->rule, rule);
        QCOMPARE(a->source, u"jsonl"_s);
        QCOMPARE(a->fingerprint.size(), 32);
        QVERIFY(a->fingerprintCoversTime); // over the record, its time included
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("reasonPart");
        QTest::addRow("no-ts") << QByteArray("{\"title\":\"x\"}") << u"\"ts\""_s;
        QTest::addRow("bad-ts") << QByteArray("{\"ts\":\"yesterday\",\"title\":\"x\"}") << u"timestamp"_s;
        QTest::addRow("no-title") << QByteArray("{\"ts\":\"2026-01-02T03:04:05Z\"}") << u"\"title\""_s;
        QTest::addRow("blank-title") << QByteArray("{\"ts\":\"2026-01-02T03:04:05Z\",\"title\":\"  \"}")
                                     << u"\"title\""_s;
        QTest::addRow("severity-out-of-range")
            << QByteArray("{\"ts\":\"2026-01-02T03:04:05Z\",\"title\":\"x\",\"severity\":7}") << u"0–4"_s;
        QTest::addRow("severity-word")
            << QByteArray("{\"ts\":\"2026-01-02T03:04:05Z\",\"title\":\"x\",\"severity\":\"urgent\"}")
            << u"unknown severity"_s;
        QTest::addRow("not-json") << QByteArray("ts=1 title=x") << u"invalid JSON"_s;
        QTest::addRow("truncated") << QByteArray("{\"ts\":\"2026-01-02T03:04:05Z\",\"ti")
                                   << u"invalid JSON"_s;
    }

    void invalid()
    {
        QFETCH(QByteArray, record);
        QFETCH(QString, reasonPart);
        const NormalizeResult r = JsonlNormalizer().normalize(record, {u"f"_s, 1});
        const auto *q = std::get_if<Quarantined>(&r);
        QVERIFY(q);
        QVERIFY2(q->reason.contains(reasonPart), qPrintable(q->reason));
        QCOMPARE(q->raw, record);
    }

    // What `alerts --json` prints comes back as the same alert (same fingerprint and source).
    void exportRoundTrip()
    {
        Alert a;
        a.ts = 1767323045123;
        a.received = 1767323046000;
        a.feed = u"ids"_s;
        a.source = u"eve"_s;
        a.severity = Severity::High;
        a.category = Category::Malware;
        a.rule = u"eve:1"_s;
        a.title = u"t"_s;
        a.fingerprint = QByteArray(32, '\x07');
        a.raw = "{\"event_type\":\"alert\"}";
        const QByteArray line = QJsonDocument(a.toJson()).toJson(QJsonDocument::Compact);
        const NormalizeResult r = JsonlNormalizer().normalize(line, {u"other"_s, 2});
        const auto *b = std::get_if<Alert>(&r);
        QVERIFY(b);
        QCOMPARE(b->fingerprint, a.fingerprint);
        QCOMPARE(b->source, a.source);
        QCOMPARE(b->ts, a.ts); // so (ts, fingerprint) finds the original
        QVERIFY(b->fingerprintCoversTime);
        QCOMPARE(b->ts, a.ts);
        QCOMPARE(b->raw, a.raw);
        QCOMPARE(b->severity, a.severity);
        QCOMPARE(b->category, a.category);
    }
};

QTEST_GUILESS_MAIN(tst_JsonlNormalizer)
#include "tst_jsonlnormalizer.moc"
