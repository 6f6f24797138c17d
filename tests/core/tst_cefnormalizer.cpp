// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cefnormalizer.h"
#include "normalizer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Core;

namespace {

// The example of the ArcSight CEF implementation standard.
const QByteArray kExample =
    "CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232";

// 2024-06-01T00:00:00Z: the reference year for timestamps without one.
constexpr TimestampMs kReceived = 1717200000000;

Alert alertOf(const QByteArray &record)
{
    const NormalizeResult r = CefNormalizer().normalize(record, {u"siem"_s, kReceived});
    if (const auto *q = std::get_if<Quarantined>(&r)) {
        qWarning() << "quarantined:" << q->reason;
        return {};
    }
    return std::get<Alert>(r);
}

} // namespace

class tst_CefNormalizer : public QObject
{
    Q_OBJECT

private slots:
    void standardExample()
    {
        const Alert a = alertOf(kExample);
        QCOMPARE(a.source, u"cef"_s);
        QCOMPARE(a.feed, u"siem"_s);
        QCOMPARE(a.rule, u"cef:security/threatmanager:100"_s);
        QCOMPARE(a.title, u"worm successfully stopped"_s);
        QCOMPARE(a.severity, Severity::Critical);
        QCOMPARE(a.category, Category::Malware);
        QCOMPARE(a.srcIp, u"10.0.0.1"_s);
        QCOMPARE(a.dstIp, u"2.1.2.2"_s);
        QCOMPARE(a.entity, u"2.1.2.2"_s);
        QCOMPARE(a.ts, kReceived); // no rt/end/start and no syslog header
        QCOMPARE(a.raw, kExample);
        QCOMPARE(a.fingerprint.size(), 32);
        QVERIFY(!a.fingerprintCoversTime); // its time is when it was read
        QVERIFY(a.message.contains(u"spt=1232"_s));
        QVERIFY(a.message.contains(u"device: Security threatmanager 1.0"_s));
    }

    void fields_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        // Header escapes: \| and \\ .
        const QByteArray header =
            "CEF:0|Acme\\|Corp|Fire\\\\wall|2.0|sig\\|7|Name with \\| pipe|5|act=blocked";
        QTest::addRow("header-pipe-title") << header << u"title"_s << u"Name with | pipe"_s;
        QTest::addRow("header-pipe-rule") << header << u"rule"_s
                                          << u"cef:acme-corp/fire-wall:sig|7"_s;
        // Extension escapes: \= \\ \n \r, values with spaces, labels for custom fields.
        const QByteArray ext =
            "CEF:0|V|P|1|42|Test|3|cs1Label=Rule Name cs1=allow a\\=b c\\\\d msg=line1\\nline2\\rend suser=John Smith cn1Label=Hits cn1=7";
        QTest::addRow("escaped-equals-and-label") << ext << u"message-has"_s
                                                  << u"Rule Name=allow a=b c\\d"_s;
        QTest::addRow("newline-escape") << ext << u"message-has"_s << u"line1\nline2\rend"_s;
        QTest::addRow("numeric-label") << ext << u"message-has"_s << u"Hits=7"_s;
        QTest::addRow("label-keys-not-repeated") << ext << u"message-lacks"_s << u"cs1Label"_s;
        QTest::addRow("value-with-spaces") << ext << u"entity"_s << u"John Smith"_s;
        QTest::addRow("low") << ext << u"severity"_s << u"low"_s;
        // Windows paths written without doubling keep their backslashes.
        QTest::addRow("unknown-escape-kept") << QByteArray("CEF:0|V|P|1|1|N|1|filePath=C:\\Users\\x.exe")
                                             << u"message-has"_s << u"C:\\Users\\x.exe"_s;
        QTest::addRow("entity-duser-first")
            << QByteArray("CEF:0|V|P|1|1|N|1|dst=192.0.2.9 suser=bob duser=alice")
            << u"entity"_s << u"alice"_s;
        QTest::addRow("long-address-keys")
            << QByteArray("CEF:0|V|P|1|1|N|1|sourceAddress=192.0.2.1 destinationAddress=192.0.2.2")
            << u"src"_s << u"192.0.2.1"_s;
        QTest::addRow("rt-epoch-ms") << QByteArray("CEF:0|V|P|1|1|N|1|rt=1593013776000 end=1")
                                     << u"ts"_s << u"2020-06-24T15:49:36.000Z"_s;
        QTest::addRow("rt-text") << QByteArray("CEF:0|V|P|1|1|N|1|rt=Mar 05 2021 10:11:12")
                                 << u"ts"_s << u"2021-03-05T10:11:12.000Z"_s;
        QTest::addRow("end-when-no-rt") << QByteArray("CEF:0|V|P|1|1|N|1|end=Sep 11 2021 10:11:12 UTC start=1")
                                        << u"ts"_s << u"2021-09-11T10:11:12.000Z"_s;
        QTest::addRow("start-last") << QByteArray("CEF:0|V|P|1|1|N|1|start=1600000000")
                                    << u"ts"_s << u"2020-09-13T12:26:40.000Z"_s;
        QTest::addRow("unparseable-rt-falls-back")
            << QByteArray("CEF:0|V|P|1|1|N|1|rt=nov. 12 2021 10:00:00 GMT start=1600000000")
            << u"ts"_s << u"2020-09-13T12:26:40.000Z"_s;
        // A syslog header supplies time and host when the CEF has none.
        QTest::addRow("rfc5424-header-ts")
            << QByteArray("<134>1 2024-05-01T10:00:00Z fw01 CEF - - - CEF:0|V|P|1|7|Blocked|8|src=192.0.2.1")
            << u"ts"_s << u"2024-05-01T10:00:00.000Z"_s;
        QTest::addRow("rfc5424-header-host")
            << QByteArray("<134>1 2024-05-01T10:00:00Z fw01 CEF - - - CEF:0|V|P|1|7|Blocked|8|src=192.0.2.1")
            << u"entity"_s << u"fw01"_s;
        QTest::addRow("rfc3164-header-ts")
            << QByteArray("<134>May  1 10:00:00 fw01 CEF:0|V|P|1|7|Blocked|8|src=192.0.2.1")
            << u"ts"_s << u"2024-05-01T10:00:00.000Z"_s;
        QTest::addRow("pri-less-header-ts")
            << QByteArray("Jan 18 11:07:53 host CEF:0|V|P|1|7|Blocked|8|src=192.0.2.1")
            << u"ts"_s << u"2024-01-18T11:07:53.000Z"_s;
        QTest::addRow("space-after-colon") << QByteArray("CEF: 0|V|P|1|7|Blocked|8|src=192.0.2.1")
                                           << u"rule"_s << u"cef:v/p:7"_s;
        QTest::addRow("f5-prefix") << QByteArray("ASM:CEF:0|F5|ASM|11.3.0|200021069|Attack|5|src=192.0.2.1")
                                   << u"rule"_s << u"cef:f5/asm:200021069"_s;
        QTest::addRow("quoted-record") << QByteArray("\"CEF:0|V|P|1|7|N|5|act=deleted\"")
                                       << u"message-has"_s << u"act=deleted ·"_s;
        // Check Point Log Exporter's extra empty field after the version.
        QTest::addRow("checkpoint-shift")
            << QByteArray("CEF:0||Check Point|VPN-1 & FireWall-1|Check Point|Log|https|Unknown|act=Accept src=192.0.2.1")
            << u"rule"_s << u"cef:check-point/vpn-1-firewall-1:Log"_s;
        QTest::addRow("checkpoint-shift-title")
            << QByteArray("CEF:0||Check Point|VPN-1 & FireWall-1|Check Point|Log|https|Unknown|act=Accept src=192.0.2.1")
            << u"title"_s << u"https"_s;
        QTest::addRow("nonstandard-severity-word")
            << QByteArray("CEF:0|Imperva Inc|Attack Analytics|0|1|Attack|MAJOR|src=192.0.2.1")
            << u"severity"_s << u"high"_s;
        QTest::addRow("off-scale-severity")
            << QByteArray("CEF:0|Incapsula|SIEMintegration|1|1|Blocked country|-1| src=192.0.2.1")
            << u"message-has"_s << u"is not on the CEF scale"_s;
        QTest::addRow("empty-extension") << QByteArray("CEF:0|V|P|1|7|N|5|") << u"rule"_s
                                         << u"cef:v/p:7"_s;
        QTest::addRow("policy-category") << QByteArray("CEF:0|V|P|1|7|URL Filtering|5|cat=x")
                                         << u"category"_s << u"policy"_s;
        QTest::addRow("cat-keyword") << QByteArray("CEF:0|V|P|1|7|Event|5|cat=SQL Injection")
                                     << u"category"_s << u"intrusion"_s;
    }

    void fields()
    {
        QFETCH(QByteArray, record);
        QFETCH(QString, field);
        QFETCH(QString, expected);
        const NormalizeResult r = CefNormalizer().normalize(record, {u"siem"_s, kReceived});
        const auto *q = std::get_if<Quarantined>(&r);
        QVERIFY2(!q, q ? qPrintable(q->reason) : "");
        const auto &a = std::get<Alert>(r);
        QCOMPARE(a.raw, record);
        QCOMPARE(a.source, u"cef"_s);
        if (field == u"title"_s) {
            QCOMPARE(a.title, expected);
        } else if (field == u"rule"_s) {
            QCOMPARE(a.rule, expected);
        } else if (field == u"entity"_s) {
            QCOMPARE(a.entity, expected);
        } else if (field == u"src"_s) {
            QCOMPARE(a.srcIp, expected);
        } else if (field == u"severity"_s) {
            QCOMPARE(severityName(a.severity), expected);
        } else if (field == u"category"_s) {
            QCOMPARE(categoryName(a.category), expected);
        } else if (field == u"ts"_s) {
            QCOMPARE(formatIsoTimestamp(a.ts), expected);
        } else if (field == u"message-has"_s) {
            QVERIFY2(a.message.contains(expected), qPrintable(a.message));
        } else if (field == u"message-lacks"_s) {
            QVERIFY2(!a.message.contains(expected), qPrintable(a.message));
        } else {
            QFAIL("unknown field");
        }
    }

    // The store finds a duplicate by (ts, fingerprint) only when the line's time is its own: read
    // from the line, with its year (docs/normalisation.md).
    void fingerprintCoversTime_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<bool>("covers");
        QTest::addRow("rt-epoch-ms") << QByteArray("CEF:0|V|P|1|1|N|1|rt=1593013776000") << true;
        QTest::addRow("start-epoch-s") << QByteArray("CEF:0|V|P|1|1|N|1|start=1600000000") << true;
        QTest::addRow("rt-with-year")
            << QByteArray("CEF:0|V|P|1|1|N|1|rt=Mar 05 2021 10:11:12") << true;
        QTest::addRow("rt-iso") << QByteArray("CEF:0|V|P|1|1|N|1|rt=2021-03-05T10:11:12Z") << true;
        QTest::addRow("rt-without-year")
            << QByteArray("CEF:0|V|P|1|1|N|1|rt=Mar 05 10:11:12 UTC") << false;
        QTest::addRow("unparseable-rt-then-epoch")
            << QByteArray("CEF:0|V|P|1|1|N|1|rt=nov. 12 2021 10:00:00 GMT start=1600000000")
            << true;
        // The CEF's own yearless time wins over a header that has a year.
        QTest::addRow("yearless-rt-under-rfc5424") << QByteArray(
            "<134>1 2024-05-01T10:00:00Z fw01 CEF - - - CEF:0|V|P|1|7|B|8|rt=May 01 10:00:00")
                                                   << false;
        QTest::addRow("rfc5424-header") << QByteArray(
            "<134>1 2024-05-01T10:00:00Z fw01 CEF - - - CEF:0|V|P|1|7|B|8|src=192.0.2.1")
                                        << true;
        QTest::addRow("rfc3164-header")
            << QByteArray("<134>May  1 10:00:00 fw01 CEF:0|V|P|1|7|B|8|src=192.0.2.1") << false;
        QTest::addRow("pri-less-bsd-header")
            << QByteArray("Jan 18 11:07:53 host CEF:0|V|P|1|7|B|8|src=192.0.2.1") << false;
        QTest::addRow("iso-prefix")
            << QByteArray("2024-01-18T11:07:53Z host CEF:0|V|P|1|7|B|8|src=192.0.2.1") << true;
        QTest::addRow("no-time") << QByteArray("CEF:0|V|P|1|7|B|8|src=192.0.2.1") << false;
    }

    void fingerprintCoversTime()
    {
        QFETCH(QByteArray, record);
        QFETCH(bool, covers);
        const NormalizeResult r = CefNormalizer().normalize(record, { u"siem"_s, kReceived });
        const auto *q = std::get_if<Quarantined>(&r);
        QVERIFY2(!q, q ? qPrintable(q->reason) : "");
        const auto &a = std::get<Alert>(r);
        QCOMPARE(a.fingerprintCoversTime, covers);
        if (covers) {
            // The same line read a year later has the same time: (ts, fingerprint) is its key.
            const auto later = std::get<Alert>(CefNormalizer().normalize(
                record, { u"siem"_s, kReceived + 366LL * 24 * 3600 * 1000 }));
            QCOMPARE(later.ts, a.ts);
            QCOMPARE(later.fingerprint, a.fingerprint);
        }
    }

    void severityMapping_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("expected"); // -1: not on the scale
        const QList<std::pair<const char *, int>> rows = {
            {"0", 1},  {"3", 1},       {"4", 2},      {"6", 2},         {"7", 3},
            {"8", 3},  {"9", 4},       {"10", 4},     {"Low", 1},       {"Medium", 2},
            {"High", 3}, {"Very-High", 4}, {"very-high", 4}, {"Unknown", 0}, {"11", -1},
            {"-1", -1}, {"Log", -1},   {"", -1}};
        for (const auto &[v, e] : rows) {
            QTest::addRow("%s", *v ? v : "empty") << QString::fromLatin1(v) << e;
        }
    }

    void severityMapping()
    {
        QFETCH(QString, value);
        QFETCH(int, expected);
        const std::optional<Severity> s = CefNormalizer::severityFor(value);
        QCOMPARE(s ? static_cast<int>(*s) : -1, expected);
    }

    void badRecords_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("reasonPart");
        QTest::addRow("trailing-backslash") << QByteArray("CEF:0|V|P|1|7|N|5|msg=foo\\")
                                            << u"lone backslash"_s;
        QTest::addRow("trailing-backslash-header") << QByteArray("CEF:0|V|P|1|7|N\\")
                                                   << u"lone backslash"_s;
        QTest::addRow("escaped-pipe-eats-separator") << QByteArray("CEF:0|V|P|1|7|N|5\\|msg=x")
                                                     << u"6 of the 7"_s;
        QTest::addRow("six-pipes") << QByteArray("CEF:0|V|P|1|7|N|msg=x") << u"6 of the 7"_s;
        QTest::addRow("truncated-citrix")
            << QByteArray("\"2023/07/04:09:03:41  ADC : appfwPolicyHit (appfwLogMsg = \"\"CEF:0|Citrix|NetScaler|NS13.1|APPFW|APPFW_POLI...\"\", x = y)\"")
            << u"of the 7"_s;
        QTest::addRow("no-cef") << QByteArray("hello world") << u"no CEF header"_s;
        QTest::addRow("bad-version") << QByteArray("CEF:x|V|P|1|7|N|5|") << u"no CEF header"_s;
        QTest::addRow("extension-without-pairs") << QByteArray("CEF:0|V|P|1|7|N|5|just text")
                                                 << u"no key=value"_s;
        QTest::addRow("text-before-first-key") << QByteArray("CEF:0|V|P|1|7|N|5|junk a=b")
                                               << u"does not start"_s;
        QTest::addRow("invalid-utf8") << QByteArray("CEF:0|V|P|1|7|N\xc3\x28|5|a=b")
                                      << u"not valid UTF-8 (byte 15)"_s;
        QTest::addRow("bad-syslog-pri") << QByteArray("<999>1 - h a - - - CEF:0|V|P|1|7|N|5|a=b")
                                        << u"PRI"_s;
    }

    void badRecords()
    {
        QFETCH(QByteArray, record);
        QFETCH(QString, reasonPart);
        const NormalizeResult r = CefNormalizer().normalize(record, {u"siem"_s, 9});
        const auto *q = std::get_if<Quarantined>(&r);
        QVERIFY2(q, "a malformed record must be quarantined");
        QVERIFY2(q->reason.contains(reasonPart, Qt::CaseInsensitive), qPrintable(q->reason));
        QCOMPARE(q->raw, record);
        QCOMPARE(q->source, u"cef"_s);
        QCOMPARE(q->received, 9);
    }

    void megabyteValue()
    {
        const QByteArray rec = "CEF:0|V|P|1|7|N|5|msg=" + QByteArray(1024 * 1024, 'x') + " src=192.0.2.1";
        const Alert a = alertOf(rec);
        QCOMPARE(a.raw, rec);
        QCOMPARE(a.srcIp, u"192.0.2.1"_s);
        QVERIFY(a.message.size() > 1024 * 1024);
        const NormalizeResult cut =
            CefNormalizer().normalize(QByteArray(1024 * 1024, 'x') + "CEF:0|V|P", {});
        QVERIFY(std::holds_alternative<Quarantined>(cut));
    }

    void fingerprint()
    {
        const Alert a = alertOf(kExample);
        const Alert b = alertOf(kExample + "\r\n");
        QCOMPARE(a.fingerprint, b.fingerprint);
        QVERIFY(a.fingerprint != alertOf(kExample + "3").fingerprint);
    }

    void realFixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("jsonMessages");
        QTest::addColumn<int>("records");
        QTest::addColumn<int>("quarantined");
        // PROVENANCE.md: 240 messages (the .jsonl), 217 of them without CR/LF (the .cef). The one
        // Citrix SNMP trap holds a CEF header truncated after five fields: quarantined.
        QTest::addRow("jsonl") << u"sekoia_intake-formats_cef_messages.jsonl"_s << true << 240 << 1;
        QTest::addRow("singleline") << u"sekoia_intake-formats_cef_singleline.cef"_s << false << 217
                                    << 1;
    }

    void realFixtures()
    {
        QFETCH(QString, file);
        QFETCH(bool, jsonMessages);
        QFETCH(int, records);
        QFETCH(int, quarantined);
        QFile f(QStringLiteral(LAKEGUARD_FIXTURES "/cef/") + file);
        if (!f.exists()) {
            QSKIP("../shared/fixtures/cef is absent; real-data checks skipped");
        }
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto normalizer = makeNormalizer(u"cef"_s);
        int lines = 0;
        int alerts = 0;
        int rejected = 0;
        while (!f.atEnd()) {
            QByteArray line = f.readLine();
            if (line.endsWith('\n')) {
                line.chop(1);
            }
            if (line.trimmed().isEmpty()) {
                continue;
            }
            ++lines;
            // The .jsonl keeps each message, embedded newlines and all, in its "message" field.
            const QByteArray record = jsonMessages
                ? QJsonDocument::fromJson(line).object().value(u"message"_s).toString().toUtf8()
                : line;
            const NormalizeResult r = normalizer->normalize(record, {u"cef"_s, kReceived});
            if (const auto *a = std::get_if<Alert>(&r)) {
                ++alerts;
                QVERIFY(a->rule.startsWith(u"cef:"_s));
                QVERIFY(!a->title.isEmpty());
                QCOMPARE(a->raw, record);
            } else if (const auto *q = std::get_if<Quarantined>(&r)) {
                ++rejected;
                QVERIFY2(q->reason.contains(u"of the 7"_s), qPrintable(q->reason));
                QVERIFY(record.contains("Citrix"));
            }
        }
        QCOMPARE(lines, records);
        QCOMPARE(rejected, quarantined);
        QCOMPARE(alerts, records - quarantined);
    }
};

QTEST_GUILESS_MAIN(tst_CefNormalizer)
#include "tst_cefnormalizer.moc"
