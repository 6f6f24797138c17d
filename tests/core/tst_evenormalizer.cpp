// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "evenormalizer.h"
#include "normalizer.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Core;

namespace {

const QByteArray kAlert =
    "{\"timestamp\":\"2025-10-11T20:53:53.495250+0000\",\"flow_id\":437239866708528,\"event_type\":\"alert\",\"src_ip\":\"192.0.2.10\",\"src_port\":1037,\"dest_ip\":\"198.51.100.5\",\"dest_port\":53,\"proto\":\"UDP\",\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":2043238,\"rev\":3,\"signature\":\"ET DYN_DNS External IP Lookup\",\"category\":\"Device Retrieving External IP Address Detected\",\"severity\":2}}";

} // namespace

class tst_EveNormalizer : public QObject
{
    Q_OBJECT

private slots:
    void alertFields()
    {
        const EveNormalizer n;
        const NormalizeResult r = n.normalize(kAlert, {u"ids"_s, 1000});
        const auto *a = std::get_if<Alert>(&r);
        QVERIFY(a);
        QCOMPARE(a->source, u"eve"_s);
        QCOMPARE(a->feed, u"ids"_s);
        QCOMPARE(a->rule, u"eve:2043238"_s);
        QCOMPARE(a->title, u"ET DYN_DNS External IP Lookup"_s);
        QCOMPARE(a->severity, Severity::Medium);
        QCOMPARE(a->srcIp, u"192.0.2.10"_s);
        QCOMPARE(a->dstIp, u"198.51.100.5"_s);
        QCOMPARE(a->entity, u"198.51.100.5"_s);
        QCOMPARE(formatIsoTimestamp(a->ts), u"2025-10-11T20:53:53.495Z"_s);
        QCOMPARE(a->received, 1000);
        QCOMPARE(a->raw, kAlert);
        QCOMPARE(a->fingerprint.size(), 32);
        QVERIFY(a->fingerprintCoversTime); // the store's duplicate check is by (ts, fingerprint)
        QVERIFY(a->message.contains(u"192.0.2.10:1037"_s));
    }

    void severityMapping_data()
    {
        QTest::addColumn<int>("eve");
        QTest::addColumn<Severity>("expected");
        QTest::addRow("1-high") << 1 << Severity::High;
        QTest::addRow("2-medium") << 2 << Severity::Medium;
        QTest::addRow("3-low") << 3 << Severity::Low;
        QTest::addRow("4-info") << 4 << Severity::Info;
        QTest::addRow("255-info") << 255 << Severity::Info;
    }

    void severityMapping()
    {
        QFETCH(int, eve);
        QFETCH(Severity, expected);
        QCOMPARE(EveNormalizer::severityFor(eve), expected);
    }

    void categoryMapping_data()
    {
        QTest::addColumn<QString>("classtype");
        QTest::addColumn<QString>("signature");
        QTest::addColumn<Category>("expected");
        QTest::addRow("et-malware") << u"A Network Trojan was detected"_s
                                    << u"ET MALWARE FormBook CnC Checkin"_s << Category::Malware;
        QTest::addRow("trojan-classtype") << u"A Network Trojan was detected"_s << u"custom"_s
                                          << Category::Malware;
        QTest::addRow("dos") << u"Detection of a Denial of Service Attack"_s << u"x"_s
                             << Category::Ddos;
        QTest::addRow("scan") << u"Attempted Information Leak"_s << u"ET SCAN Potential SSH Scan"_s
                              << Category::Intrusion;
        QTest::addRow("policy") << u"Potential Corporate Privacy Violation"_s
                                << u"ET POLICY FTP Login Successful"_s << Category::Policy;
        QTest::addRow("decode") << u"Generic Protocol Command Decode"_s
                                << u"SURICATA IPv4 invalid checksum"_s << Category::Other;
        QTest::addRow("empty") << QString() << u"UDP Packet Detected"_s << Category::Other;
    }

    void categoryMapping()
    {
        QFETCH(QString, classtype);
        QFETCH(QString, signature);
        QFETCH(Category, expected);
        QCOMPARE(EveNormalizer::categoryFor(classtype, signature), expected);
    }

    void badRecords_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("reasonPart");
        QTest::addRow("garbage") << QByteArray("\t1b32r\xc3\xbc" "e9ope") << u"invalid JSON"_s;
        QTest::addRow("truncated") << kAlert.left(80) << u"invalid JSON"_s;
        QTest::addRow("array") << QByteArray("[1,2]") << u"not an object"_s;
        QTest::addRow("no-event-type") << QByteArray("{\"timestamp\":\"2022-02-23T19:22:24Z\",\"F\":\"stats\"}")
                                       << u"event_type"_s;
        QTest::addRow("bad-timestamp")
            << QByteArray("{\"timestamp\":\"2017-01-30T16:12:26.985026+0100zz\",\"event_type\":\"alert\",\"alert\":{\"signature_id\":1}}")
            << u"timestamp"_s;
        QTest::addRow("unquoted-timestamp") << QByteArray("{\"timestamp\":2017-01-30,\"event_type\":\"alert\"}")
                                            << u"invalid JSON"_s;
        QTest::addRow("alert-without-object")
            << QByteArray("{\"timestamp\":\"2017-01-30T16:12:26Z\",\"event_type\":\"alert\"}")
            << u"alert object"_s;
        QTest::addRow("no-signature-id")
            << QByteArray("{\"timestamp\":\"2017-01-30T16:12:26Z\",\"event_type\":\"alert\",\"alert\":{\"signature\":\"x\"}}")
            << u"signature_id"_s;
        QTest::addRow("invalid-utf8") << QByteArray("{\"event_type\":\"alert\xff\xfe\"}")
                                      << u"invalid JSON"_s;
        QTest::addRow("deep-nesting") << QByteArray(100000, '[') << u"invalid JSON"_s;
    }

    void badRecords()
    {
        QFETCH(QByteArray, record);
        QFETCH(QString, reasonPart);
        const NormalizeResult r = EveNormalizer().normalize(record, {u"ids"_s, 5});
        const auto *q = std::get_if<Quarantined>(&r);
        QVERIFY2(q, "a malformed record must be quarantined");
        QVERIFY2(q->reason.contains(reasonPart, Qt::CaseInsensitive), qPrintable(q->reason));
        QCOMPARE(q->raw, record);
        QCOMPARE(q->feed, u"ids"_s);
    }

    void nonAlertEventsAreSkipped_data()
    {
        QTest::addColumn<QString>("eventType");
        for (const char *t : {"flow", "stats", "dns", "http", "tls", "fileinfo"}) {
            QTest::addRow("%s", t) << QString::fromLatin1(t);
        }
    }

    void nonAlertEventsAreSkipped()
    {
        QFETCH(QString, eventType);
        const QByteArray rec = "{\"timestamp\":\"2022-02-23T19:22:24Z\",\"event_type\":\""
            + eventType.toUtf8() + "\"}";
        const NormalizeResult r = EveNormalizer().normalize(rec, {});
        QVERIFY(std::holds_alternative<Skipped>(r));
    }

    void anomalyBecomesAlert()
    {
        const QByteArray rec =
            "{\"timestamp\":\"2022-02-23T19:22:24.1+0100\",\"event_type\":\"anomaly\",\"src_ip\":\"192.0.2.1\",\"dest_ip\":\"192.0.2.2\",\"anomaly\":{\"type\":\"applayer\",\"event\":\"APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION\",\"layer\":\"proto_detect\"}}";
        const NormalizeResult r = EveNormalizer().normalize(rec, {});
        const auto *a = std::get_if<Alert>(&r);
        QVERIFY(a);
        QCOMPARE(a->rule, u"eve:anomaly:APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION"_s);
        QCOMPARE(a->severity, Severity::Low);
    }

    void fingerprintIgnoresWhitespace()
    {
        QByteArray spaced = kAlert;
        spaced.replace(",", ", ");
        const auto a = std::get<Alert>(EveNormalizer().normalize(kAlert, {}));
        const auto b = std::get<Alert>(EveNormalizer().normalize(spaced, {}));
        QCOMPARE(a.fingerprint, b.fingerprint);
        QByteArray other = kAlert;
        other.replace("1037", "1038");
        const auto c = std::get<Alert>(EveNormalizer().normalize(other, {}));
        QVERIFY(a.fingerprint != c.fingerprint);
    }

    // Every line of the real Suricata fixtures normalises without a crash; alert events become
    // alerts, the rest are skipped, and only malformed lines are quarantined.
    void realFixtures()
    {
        const QDir dir(QStringLiteral(LAKEGUARD_FIXTURES "/suricata"));
        if (!dir.exists()) {
            QSKIP("../shared/fixtures/suricata is absent; real-data checks skipped");
        }
        const auto normalizer = makeNormalizer(u"eve"_s);
        for (const QString &name : dir.entryList({u"*eve*.json"_s}, QDir::Files)) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            int alerts = 0;
            int quarantined = 0;
            int expectedAlerts = 0;
            while (!f.atEnd()) {
                const QByteArray line = f.readLine().trimmed();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.contains("\"event_type\":\"alert\"")
                    || line.contains("\"event_type\":\"anomaly\"")) {
                    ++expectedAlerts;
                }
                const NormalizeResult r = normalizer->normalize(line, {});
                alerts += std::holds_alternative<Alert>(r) ? 1 : 0;
                quarantined += std::holds_alternative<Quarantined>(r) ? 1 : 0;
            }
            if (name.startsWith(u"rhaist"_s)) {
                // Six non-blank lines were corrupted by hand (blank lines are not records);
                // none of them is an alert, so all 68 alert events survive.
                QCOMPARE(quarantined, 6);
                QCOMPARE(alerts, 68);
            } else if (name.startsWith(u"nicoaller"_s)) {
                QCOMPARE(quarantined, 1); // the stats record with "F" instead of "event_type"
                QCOMPARE(alerts, expectedAlerts);
            } else {
                QCOMPARE(quarantined, 0);
                QCOMPARE(alerts, expectedAlerts);
            }
        }
    }
};

QTEST_GUILESS_MAIN(tst_EveNormalizer)
#include "tst_evenormalizer.moc"
