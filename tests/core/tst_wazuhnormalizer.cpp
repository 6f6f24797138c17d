// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "normalizer.h"
#include "wazuhnormalizer.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <array>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Core;

namespace {

// Shaped after the alerts.json example of the Wazuh documentation (written for this test).
const QByteArray kAlert =
    "{\"timestamp\":\"2022-01-21T10:00:00.123+0000\",\"rule\":{\"level\":10,\"description\":\"sshd: brute force trying to get access to the system.\",\"id\":\"5712\",\"firedtimes\":1,\"mail\":false,\"groups\":[\"syslog\",\"sshd\",\"authentication_failures\"]},\"agent\":{\"id\":\"001\",\"name\":\"web-01\",\"ip\":\"192.0.2.7\"},\"manager\":{\"name\":\"wazuh-manager\"},\"id\":\"1642759200.12345\",\"full_log\":\"Jan 21 10:00:00 web-01 sshd[1234]: Failed password for invalid user admin from 198.51.100.23 port 52311 ssh2\",\"decoder\":{\"name\":\"sshd\"},\"data\":{\"srcip\":\"198.51.100.23\",\"srcport\":\"52311\",\"dstuser\":\"admin\"},\"location\":\"/var/log/auth.log\"}";

QByteArray withReplaced(const QByteArray &from, const QByteArray &to)
{
    QByteArray r = kAlert;
    r.replace(from, to);
    return r;
}

} // namespace

class tst_WazuhNormalizer : public QObject
{
    Q_OBJECT

private slots:
    void alertFields()
    {
        const NormalizeResult r = WazuhNormalizer().normalize(kAlert, {u"hids"_s, 1000});
        const auto *a = std::get_if<Alert>(&r);
        QVERIFY(a);
        QCOMPARE(a->source, u"wazuh"_s);
        QCOMPARE(a->feed, u"hids"_s);
        QCOMPARE(a->rule, u"wazuh:5712"_s);
        QCOMPARE(a->title, u"sshd: brute force trying to get access to the system."_s);
        QCOMPARE(a->severity, Severity::Medium);
        QCOMPARE(a->category, Category::Intrusion);
        QCOMPARE(a->entity, u"admin"_s);
        QCOMPARE(a->srcIp, u"198.51.100.23"_s);
        QCOMPARE(a->dstIp, QString());
        QCOMPARE(formatIsoTimestamp(a->ts), u"2022-01-21T10:00:00.123Z"_s);
        QCOMPARE(a->received, 1000);
        QCOMPARE(a->raw, kAlert);
        QCOMPARE(a->fingerprint.size(), 32);
        QVERIFY(a->fingerprintCoversTime);
        QVERIFY(a->message.startsWith(u"Jan 21 10:00:00 web-01 sshd[1234]: Failed password"_s));
        QVERIFY(a->message.contains(u"agent: web-01 (192.0.2.7)"_s));
    }

    void entityAndAddresses_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("entity");
        QTest::addColumn<QString>("dstIp");
        QTest::addRow("dstuser") << kAlert << u"admin"_s << QString();
        QTest::addRow("srcuser") << withReplaced("\"dstuser\"", "\"srcuser\"") << u"admin"_s
                                 << QString();
        QTest::addRow("agent-name") << withReplaced("\"dstuser\":\"admin\"", "\"x\":\"y\"")
                                    << u"web-01"_s << QString();
        QTest::addRow("agent-ip")
            << withReplaced("\"dstuser\":\"admin\"", "\"x\":\"y\"").replace("\"name\":\"web-01\",", "")
            << u"192.0.2.7"_s << QString();
        // Wazuh writes ip:port into dstip for snort fast.log alerts.
        QTest::addRow("dstip-with-port")
            << withReplaced("\"srcport\"", "\"dstip\":\"203.0.113.5:80\",\"srcport\"")
            << u"admin"_s << u"203.0.113.5"_s;
        QTest::addRow("dstip-ipv6")
            << withReplaced("\"srcport\"", "\"dstip\":\"2001:db8::1\",\"srcport\"") << u"admin"_s
            << u"2001:db8::1"_s;
    }

    void entityAndAddresses()
    {
        QFETCH(QByteArray, record);
        QFETCH(QString, entity);
        QFETCH(QString, dstIp);
        const NormalizeResult r = WazuhNormalizer().normalize(record, {});
        const auto *a = std::get_if<Alert>(&r);
        QVERIFY(a);
        QCOMPARE(a->entity, entity);
        QCOMPARE(a->dstIp, dstIp);
    }

    void severityMapping_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<Severity>("expected");
        QTest::addRow("0-info") << 0 << Severity::Info;
        QTest::addRow("3-info") << 3 << Severity::Info;
        QTest::addRow("4-low") << 4 << Severity::Low;
        QTest::addRow("6-low") << 6 << Severity::Low;
        QTest::addRow("7-medium") << 7 << Severity::Medium;
        QTest::addRow("11-medium") << 11 << Severity::Medium;
        QTest::addRow("12-high") << 12 << Severity::High;
        QTest::addRow("14-high") << 14 << Severity::High;
        QTest::addRow("15-critical") << 15 << Severity::Critical;
        QTest::addRow("16-critical") << 16 << Severity::Critical;
    }

    void severityMapping()
    {
        QFETCH(int, level);
        QFETCH(Severity, expected);
        QCOMPARE(WazuhNormalizer::severityFor(level), expected);
        const QByteArray rec = withReplaced("\"level\":10", "\"level\":" + QByteArray::number(level));
        const auto a = std::get<Alert>(WazuhNormalizer().normalize(rec, {}));
        QCOMPARE(a.severity, expected);
    }

    void categoryMapping_data()
    {
        QTest::addColumn<QStringList>("groups");
        QTest::addColumn<Category>("expected");
        QTest::addRow("auth-failed") << QStringList{u"syslog"_s, u"access_control"_s,
                                                    u"authentication_failed"_s}
                                     << Category::Intrusion;
        QTest::addRow("sshd") << QStringList{u"syslog"_s, u"sshd"_s} << Category::Intrusion;
        QTest::addRow("invalid-login") << QStringList{u"dovecot"_s, u"invalid_login"_s}
                                       << Category::Intrusion;
        QTest::addRow("web-attack") << QStringList{u"web"_s, u"accesslog"_s, u"attack"_s}
                                    << Category::Intrusion;
        QTest::addRow("sqli") << QStringList{u"web"_s, u"sql_injection"_s} << Category::Intrusion;
        QTest::addRow("ids") << QStringList{u"ids"_s} << Category::Intrusion;
        QTest::addRow("rootcheck") << QStringList{u"ossec"_s, u"rootcheck"_s} << Category::Malware;
        QTest::addRow("virus") << QStringList{u"clamd"_s, u"virus"_s} << Category::Malware;
        QTest::addRow("freshclam-update") << QStringList{u"clamd"_s, u"freshclam"_s, u"virus"_s}
                                          << Category::Other;
        QTest::addRow("syscheck") << QStringList{u"ossec"_s, u"syscheck"_s} << Category::Policy;
        QTest::addRow("case-insensitive") << QStringList{u"SYSCHECK"_s} << Category::Policy;
        QTest::addRow("none") << QStringList{} << Category::Other;
        QTest::addRow("unknown") << QStringList{u"pam"_s, u"syslog"_s} << Category::Other;
    }

    void categoryMapping()
    {
        QFETCH(QStringList, groups);
        QFETCH(Category, expected);
        QCOMPARE(WazuhNormalizer::categoryFor(groups), expected);
    }

    // A Suricata alert relayed by Wazuh takes its category from the EVE signature.
    void suricataRelayUsesEveCategory()
    {
        const QByteArray rec = withReplaced(
            "\"groups\":[\"syslog\",\"sshd\",\"authentication_failures\"]",
            "\"groups\":[\"ids\",\"suricata\"]")
                                   .replace("\"dstuser\":\"admin\"",
                                            "\"alert\":{\"signature\":\"ET MALWARE Zbot POST\","
                                            "\"category\":\"A Network Trojan was detected\"}");
        const auto a = std::get<Alert>(WazuhNormalizer().normalize(rec, {}));
        QCOMPARE(a.category, Category::Malware);
    }

    void badRecords_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("reasonPart");
        QTest::addRow("truncated") << kAlert.left(120) << u"invalid JSON"_s;
        QTest::addRow("invalid-utf8") << withReplaced("web-01\",\"ip", "web-\xff\xfe\",\"ip")
                                      << u"invalid JSON"_s;
        QTest::addRow("not-object") << QByteArray("[1,2]") << u"not an object"_s;
        QTest::addRow("no-rule") << QByteArray("{\"timestamp\":\"2022-01-21T10:00:00Z\",\"agent\":{}}")
                                 << u"rule object"_s;
        QTest::addRow("no-rule-id") << withReplaced("\"id\":\"5712\",", "") << u"rule.id"_s;
        QTest::addRow("no-level") << withReplaced("\"level\":10,", "") << u"rule.level"_s;
        QTest::addRow("level-17") << withReplaced("\"level\":10", "\"level\":17") << u"0-16"_s;
        QTest::addRow("level-negative") << withReplaced("\"level\":10", "\"level\":-1") << u"0-16"_s;
        QTest::addRow("level-text") << withReplaced("\"level\":10", "\"level\":\"high\"")
                                    << u"0-16"_s;
        QTest::addRow("no-timestamp")
            << withReplaced("\"timestamp\":\"2022-01-21T10:00:00.123+0000\",", "")
            << u"without a timestamp"_s;
        QTest::addRow("bad-timestamp")
            << withReplaced("2022-01-21T10:00:00.123+0000", "21/01/2022 10:00") << u"timestamp"_s;
    }

    void badRecords()
    {
        QFETCH(QByteArray, record);
        QFETCH(QString, reasonPart);
        const NormalizeResult r = WazuhNormalizer().normalize(record, {u"hids"_s, 5});
        const auto *q = std::get_if<Quarantined>(&r);
        QVERIFY2(q, "a malformed record must be quarantined");
        QVERIFY2(q->reason.contains(reasonPart, Qt::CaseInsensitive), qPrintable(q->reason));
        QCOMPARE(q->raw, record);
        QCOMPARE(q->source, u"wazuh"_s);
        QCOMPARE(q->feed, u"hids"_s);
        QCOMPARE(q->received, 5);
    }

    void levelAsNumericString()
    {
        const auto a = std::get<Alert>(
            WazuhNormalizer().normalize(withReplaced("\"level\":10", "\"level\":\"12\""), {}));
        QCOMPARE(a.severity, Severity::High);
    }

    // A 1 MB full_log is data, not an error: kept whole, raw intact.
    void megabyteField()
    {
        const QByteArray big(1024 * 1024, 'a');
        const QByteArray rec = withReplaced("\"full_log\":\"Jan", "\"full_log\":\"" + big + " Jan");
        const auto a = std::get<Alert>(WazuhNormalizer().normalize(rec, {}));
        QCOMPARE(a.raw, rec);
        QVERIFY(a.message.size() > big.size());
        const NormalizeResult cut = WazuhNormalizer().normalize(rec.left(rec.size() / 2), {});
        QVERIFY(std::holds_alternative<Quarantined>(cut));
    }

    // The whole record (with Wazuh's id) is the canonical form: whitespace does not matter, the
    // id does.
    void fingerprint()
    {
        QByteArray spaced = kAlert;
        spaced.replace(",\"", ", \"");
        const auto a = std::get<Alert>(WazuhNormalizer().normalize(kAlert, {}));
        const auto b = std::get<Alert>(WazuhNormalizer().normalize(spaced, {}));
        QCOMPARE(a.fingerprint, b.fingerprint);
        const auto c = std::get<Alert>(
            WazuhNormalizer().normalize(withReplaced("1642759200.12345", "1642759200.12346"), {}));
        QVERIFY(a.fingerprint != c.fingerprint);
    }

    void realFixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("records");
        QTest::addColumn<int>("info");
        QTest::addColumn<int>("low");
        QTest::addColumn<int>("medium");
        // PROVENANCE.md: spiral levels 3:138 5:554 6:120 8:6 10:47; insect 3:89 5:310 6:69 8:5 10:24.
        QTest::addRow("spiral") << u"ait_aecid-alert-aggregation_ossec_spiral.alerts.json"_s << 865
                                << 138 << 674 << 53;
        QTest::addRow("insect") << u"ait_aecid-alert-aggregation_ossec_insect.alerts.json"_s << 497
                                << 89 << 379 << 29;
    }

    // Every line of the real Wazuh fixtures becomes an alert with the documented level spread;
    // no two lines share a fingerprint.
    void realFixtures()
    {
        QFETCH(QString, file);
        QFETCH(int, records);
        QFETCH(int, info);
        QFETCH(int, low);
        QFETCH(int, medium);
        QFile f(QStringLiteral(LAKEGUARD_FIXTURES "/wazuh/") + file);
        if (!f.exists()) {
            QSKIP("../shared/fixtures/wazuh is absent; real-data checks skipped");
        }
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto normalizer = makeNormalizer(u"wazuh"_s);
        int lines = 0;
        std::array<int, kSeverityCount> bySeverity{};
        QSet<QByteArray> fingerprints;
        int freshclam = 0;
        while (!f.atEnd()) {
            const QByteArray line = f.readLine().trimmed();
            if (line.isEmpty()) {
                continue;
            }
            ++lines;
            const NormalizeResult r = normalizer->normalize(line, {u"w"_s, 1});
            if (const auto *q = std::get_if<Quarantined>(&r)) {
                QFAIL(qPrintable(q->reason));
            }
            const Alert &a = std::get<Alert>(r);
            QVERIFY(a.rule.startsWith(u"wazuh:"_s));
            QVERIFY(!a.title.isEmpty());
            QVERIFY(!a.entity.isEmpty());
            ++bySeverity[static_cast<size_t>(a.severity)];
            fingerprints.insert(a.fingerprint);
            if (a.rule == u"wazuh:52507"_s) {
                ++freshclam;
                QCOMPARE(a.category, Category::Other);
            }
        }
        QCOMPARE(lines, records);
        QCOMPARE(fingerprints.size(), records);
        QCOMPARE(bySeverity[static_cast<size_t>(Severity::Info)], info);
        QCOMPARE(bySeverity[static_cast<size_t>(Severity::Low)], low);
        QCOMPARE(bySeverity[static_cast<size_t>(Severity::Medium)], medium);
        QCOMPARE(bySeverity[static_cast<size_t>(Severity::High)]
                     + bySeverity[static_cast<size_t>(Severity::Critical)],
                 0);
        QCOMPARE(freshclam, file.contains(u"insect"_s) ? 2 : 0);
    }
};

QTEST_GUILESS_MAIN(tst_WazuhNormalizer)
#include "tst_wazuhnormalizer.moc"
