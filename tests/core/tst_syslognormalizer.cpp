// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "normalizer.h"
#include "syslognormalizer.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Core;

namespace {

// 2003-11-01T00:00:00Z: the reference year for the RFC 3164 examples.
constexpr TimestampMs kReceived2003 = 1067644800000;
// 2024-06-01T00:00:00Z
constexpr TimestampMs kReceived2024 = 1717200000000;

#define BOM "\xef\xbb\xbf"

// RFC 5424 section 6.5, examples 1 to 4 (BOM written as its bytes).
const QByteArray kRfc5424Ex1 = "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - " BOM
                               "'su root' failed for lonvick on /dev/pts/8";
const QByteArray kRfc5424Ex2 = "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - "
                               "%% It's time to make the do-nuts.";
const QByteArray kRfc5424Ex3 =
    "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 "
    "iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] " BOM "An application event log entry...";
const QByteArray kRfc5424Ex4 =
    "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 "
    "iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"]";
// RFC 3164 section 5.4, examples 1 and 2.
const QByteArray kRfc3164Ex1 = "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8";
const QByteArray kRfc3164Ex2 = "<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!";

} // namespace

class tst_SyslogNormalizer : public QObject
{
    Q_OBJECT

private slots:
    void rfc5424Example1()
    {
        const NormalizeResult r = SyslogNormalizer().normalize(kRfc5424Ex1, {u"sys"_s, 7});
        const auto *a = std::get_if<Alert>(&r);
        QVERIFY(a);
        QCOMPARE(a->source, u"syslog"_s);
        QCOMPARE(a->feed, u"sys"_s);
        QCOMPARE(a->rule, u"syslog:su"_s);
        QCOMPARE(a->severity, Severity::Critical); // 34 = auth (4) * 8 + critical (2)
        QCOMPARE(a->entity, u"mymachine.example.com"_s);
        QCOMPARE(formatIsoTimestamp(a->ts), u"2003-10-11T22:14:15.003Z"_s);
        QCOMPARE(a->title, u"'su root' failed for lonvick on /dev/pts/8"_s); // BOM removed
        QVERIFY(a->message.contains(u"msgid: ID47"_s));
        QVERIFY(a->message.contains(u"facility: auth"_s));
        QCOMPARE(a->raw, kRfc5424Ex1);
        QCOMPARE(a->received, 7);
        QCOMPARE(a->fingerprint.size(), 32);
        // The fingerprint is the line, and its timestamp has a year: the store may check
        // duplicates by (ts, fingerprint).
        QVERIFY(a->fingerprintCoversTime);
    }

    void fields_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<TimestampMs>("received");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("ts");
        QTest::addColumn<QString>("entity");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("messagePart");
        QTest::addRow("5424-ex2-offset") << kRfc5424Ex2 << kReceived2024 << u"syslog:myproc"_s
                                         << u"2003-08-24T12:14:15.000Z"_s << u"192.0.2.1"_s
                                         << u"%% It's time to make the do-nuts."_s
                                         << u"app: myproc[8710]"_s;
        QTest::addRow("5424-ex3-sd") << kRfc5424Ex3 << kReceived2024 << u"syslog:evntslog"_s
                                     << u"2003-10-11T22:14:15.003Z"_s
                                     << u"mymachine.example.com"_s
                                     << u"An application event log entry..."_s
                                     << u"[exampleSDID@32473 iut=3 eventSource=Application eventID=1011]"_s;
        QTest::addRow("5424-ex4-no-msg") << kRfc5424Ex4 << kReceived2024 << u"syslog:evntslog"_s
                                         << u"2003-10-11T22:14:15.003Z"_s
                                         << u"mymachine.example.com"_s
                                         << u"empty syslog message from mymachine.example.com"_s
                                         << u"[examplePriority@32473 class=high]"_s;
        QTest::addRow("5424-nil-timestamp-and-escapes")
            << QByteArray("<13>1 - host app - - [x@1 a=\"q\\\"uote\" b=\"back\\\\slash\" c=\"br\\]acket\" d=\"keep\\n\"] msg")
            << kReceived2024 << u"syslog:app"_s << u"2024-06-01T00:00:00.000Z"_s << u"host"_s
            << u"msg"_s << u"[x@1 a=q\"uote b=back\\slash c=br]acket d=keep\\n]"_s;
        QTest::addRow("5424-all-nil") << QByteArray("<14>1 - - - - - -") << kReceived2024
                                      << u"syslog:user"_s << u"2024-06-01T00:00:00.000Z"_s
                                      << QString() << u"empty syslog message"_s
                                      << u"facility: user"_s;
        QTest::addRow("3164-ex1") << kRfc3164Ex1 << kReceived2003 << u"syslog:su"_s
                                  << u"2003-10-11T22:14:15.000Z"_s << u"mymachine"_s
                                  << u"'su root' failed for lonvick on /dev/pts/8"_s
                                  << u"app: su"_s;
        QTest::addRow("3164-ex2-no-tag") << kRfc3164Ex2 << kReceived2003 << u"syslog:user"_s
                                         << u"2003-02-05T17:32:18.000Z"_s << u"10.0.0.99"_s
                                         << u"Use the BFG!"_s << u"Use the BFG!"_s;
        // Read on 1 January: a line stamped 31 December is from the year before.
        QTest::addRow("3164-year-rollover")
            << QByteArray("<38>Dec 31 23:59:00 gw sshd[77]: Failed password for root from 192.0.2.9")
            << TimestampMs(1704067800000) << u"syslog:sshd"_s << u"2023-12-31T23:59:00.000Z"_s
            << u"gw"_s << u"Failed password for root from 192.0.2.9"_s << u"app: sshd[77]"_s;
        QTest::addRow("3164-device-severity-word")
            << QByteArray("<133>Sep 11 07:54:59 bigip notice apmd[14311]: 01490005:5: Following rule")
            << kReceived2024 << u"syslog:apmd"_s << u"2023-09-11T07:54:59.000Z"_s << u"bigip"_s
            << u"01490005:5: Following rule"_s << u"facility: local0"_s;
        QTest::addRow("3164-rfc3339-time")
            << QByteArray("<30>2024-05-01T10:00:00.5+02:00 web nginx: upstream unreachable")
            << kReceived2024 << u"syslog:nginx"_s << u"2024-05-01T08:00:00.500Z"_s << u"web"_s
            << u"upstream unreachable"_s << u"facility: daemon"_s;
        QTest::addRow("3164-no-timestamp") << QByteArray("<13>just a message") << kReceived2024
                                           << u"syslog:user"_s << u"2024-06-01T00:00:00.000Z"_s
                                           << QString() << u"just a message"_s
                                           << u"just a message"_s;
        QTest::addRow("title-cut-at-120")
            << QByteArray("<13>1 - h a - - - ") + QByteArray(300, 'z') << kReceived2024
            << u"syslog:a"_s << u"2024-06-01T00:00:00.000Z"_s << u"h"_s
            << QString(119, u'z') + QChar(0x2026) << QString(300, u'z');
    }

    void fields()
    {
        QFETCH(QByteArray, record);
        QFETCH(TimestampMs, received);
        QFETCH(QString, rule);
        QFETCH(QString, ts);
        QFETCH(QString, entity);
        QFETCH(QString, title);
        QFETCH(QString, messagePart);
        const NormalizeResult r = SyslogNormalizer().normalize(record, {u"sys"_s, received});
        const auto *q = std::get_if<Quarantined>(&r);
        QVERIFY2(!q, q ? qPrintable(q->reason) : "");
        const auto &a = std::get<Alert>(r);
        QCOMPARE(a.rule, rule);
        QCOMPARE(formatIsoTimestamp(a.ts), ts);
        QCOMPARE(a.entity, entity);
        QCOMPARE(a.title, title);
        QVERIFY2(a.message.contains(messagePart), qPrintable(a.message));
        QCOMPARE(a.raw, record);
    }

    void severityMapping_data()
    {
        QTest::addColumn<int>("pri");
        QTest::addColumn<Severity>("expected");
        const Severity table[] = {Severity::Critical, Severity::Critical, Severity::Critical,
                                  Severity::High,     Severity::Medium,   Severity::Low,
                                  Severity::Info,     Severity::Info};
        for (int s = 0; s < 8; ++s) {
            QTest::addRow("sev-%d", s) << (8 + s) << table[s];
        }
        QTest::addRow("pri-0") << 0 << Severity::Critical;
        QTest::addRow("pri-191") << 191 << Severity::Info;
    }

    void severityMapping()
    {
        QFETCH(int, pri);
        QFETCH(Severity, expected);
        QCOMPARE(SyslogNormalizer::severityFor(pri % 8), expected);
        const QByteArray rec = "<" + QByteArray::number(pri) + ">1 - h app - - - m";
        const auto a = std::get<Alert>(SyslogNormalizer().normalize(rec, {}));
        QCOMPARE(a.severity, expected);
    }

    void categoryMapping_data()
    {
        QTest::addColumn<QString>("msg");
        QTest::addColumn<Category>("expected");
        QTest::addRow("ssh-failed") << u"Failed password for root from 192.0.2.1"_s
                                    << Category::Intrusion;
        QTest::addRow("login-failure") << u"#WARN# LOGIN_FAILURE for VTY user 'admin'"_s
                                       << Category::Intrusion;
        QTest::addRow("virus") << u"Virus found: Eicar-Test-Signature"_s << Category::Malware;
        QTest::addRow("oom") << u"Out of memory: Killed process 123"_s << Category::Availability;
        QTest::addRow("acl-deny") << u"list ACL-WAN-IN denied udp"_s << Category::Policy;
        QTest::addRow("plain") << u"session opened for user root"_s << Category::Other;
    }

    void categoryMapping()
    {
        QFETCH(QString, msg);
        QFETCH(Category, expected);
        QCOMPARE(SyslogNormalizer::categoryFor(QString(), msg), expected);
    }

    // A MSG holding CEF goes to the CEF normaliser; the syslog header still supplies the time.
    void cefIsDelegated_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<bool>("coversTime"); // the header's time has its year
        QTest::addRow("5424") << QByteArray(
            "<134>1 2024-05-01T10:00:00Z fw01 CEF - - - CEF:0|V|P|1|7|Blocked|8|src=192.0.2.1")
                              << true;
        QTest::addRow("3164") << QByteArray(
            "<134>May  1 10:00:00 fw01 CEF:0|V|P|1|7|Blocked|8|src=192.0.2.1")
                              << false;
        QTest::addRow("3164-space-after-colon")
            << QByteArray("<134>May  1 10:00:00 fw01 CEF: 0|V|P|1|7|Blocked|8|src=192.0.2.1")
            << false;
    }

    void cefIsDelegated()
    {
        QFETCH(QByteArray, record);
        QFETCH(bool, coversTime);
        const NormalizeResult r = SyslogNormalizer().normalize(record, {u"sys"_s, kReceived2024});
        const auto *a = std::get_if<Alert>(&r);
        QVERIFY(a);
        QCOMPARE(a->source, u"cef"_s);
        QCOMPARE(a->fingerprintCoversTime, coversTime);
        QCOMPARE(a->rule, u"cef:v/p:7"_s);
        QCOMPARE(a->severity, Severity::High);
        QCOMPARE(a->entity, u"fw01"_s);
        QCOMPARE(formatIsoTimestamp(a->ts), u"2024-05-01T10:00:00.000Z"_s);
        QCOMPARE(a->raw, record);
    }

    void badRecords_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("reasonPart");
        QTest::addRow("missing-pri") << QByteArray("Mar 11 11:26:54 foobar sshd[3296336]: Bye")
                                     << u"missing PRI"_s;
        QTest::addRow("empty-pri") << QByteArray("<>1 - - - - - -") << u"invalid PRI"_s;
        QTest::addRow("letters-pri") << QByteArray("<ab>1 - - - - - -") << u"invalid PRI"_s;
        QTest::addRow("unclosed-pri") << QByteArray("<34 hello") << u"invalid PRI"_s;
        QTest::addRow("long-pri") << QByteArray("<0034>1 - - - - - -") << u"invalid PRI"_s;
        QTest::addRow("pri-192") << QByteArray("<192>1 - - - - - -") << u"191"_s;
        QTest::addRow("pri-999") << QByteArray("<999>Oct 11 22:14:15 h m") << u"191"_s;
        QTest::addRow("version-2") << QByteArray("<34>2 - - - - - -") << u"VERSION"_s;
        QTest::addRow("bad-timestamp") << QByteArray("<34>1 2003-13-11T22:14:15Z h a - - - m")
                                       << u"TIMESTAMP"_s;
        QTest::addRow("truncated-header") << QByteArray("<34>1 2003-10-11T22:14:15Z host")
                                          << u"truncated"_s;
        QTest::addRow("no-sd") << QByteArray("<34>1 - h a p m") << u"truncated"_s;
        QTest::addRow("double-space") << QByteArray("<34>1 -  h a p m -") << u"empty field"_s;
        QTest::addRow("sd-unclosed") << QByteArray("<34>1 - h a - - [x@1 a=\"b\"") << u"not closed"_s;
        QTest::addRow("sd-value-unclosed") << QByteArray("<34>1 - h a - - [x@1 a=\"b] m")
                                           << u"not closed with a quote"_s;
        QTest::addRow("sd-garbage") << QByteArray("<34>1 - h a - - {x} m") << u"STRUCTURED-DATA"_s;
        QTest::addRow("sd-no-space") << QByteArray("<34>1 - h a - - [x@1]m") << u"no space"_s;
        QTest::addRow("invalid-utf8") << QByteArray("<34>1 - h a - - - caf\xe9") << u"UTF-8 (byte 21)"_s;
        QTest::addRow("overlong-utf8") << QByteArray("<34>1 - h a - - - \xc0\xaf") << u"UTF-8"_s;
        QTest::addRow("empty") << QByteArray("\r\n") << u"empty"_s;
    }

    void badRecords()
    {
        QFETCH(QByteArray, record);
        QFETCH(QString, reasonPart);
        const NormalizeResult r = SyslogNormalizer().normalize(record, {u"sys"_s, 3});
        const auto *q = std::get_if<Quarantined>(&r);
        QVERIFY2(q, "a malformed record must be quarantined");
        QVERIFY2(q->reason.contains(reasonPart, Qt::CaseInsensitive), qPrintable(q->reason));
        QCOMPARE(q->raw, record);
        QCOMPARE(q->source, u"syslog"_s);
        QCOMPARE(q->feed, u"sys"_s);
    }

    void megabyteMessage()
    {
        const QByteArray rec = "<13>1 - h a - - - " + QByteArray(1024 * 1024, 'm');
        const auto a = std::get<Alert>(SyslogNormalizer().normalize(rec, {}));
        QCOMPARE(a.raw, rec);
        QCOMPARE(a.title.size(), 120);
        const QByteArray sd = "<13>1 - h a - - [x@1 a=\"" + QByteArray(1024 * 1024, 'v');
        QVERIFY(std::holds_alternative<Quarantined>(SyslogNormalizer().normalize(sd, {})));
    }

    void fingerprintIgnoresFraming()
    {
        const auto a = std::get<Alert>(SyslogNormalizer().normalize(kRfc3164Ex1, {}));
        const auto b = std::get<Alert>(SyslogNormalizer().normalize(kRfc3164Ex1 + "\r\n", {}));
        QCOMPARE(a.fingerprint, b.fingerprint);
        const auto c = std::get<Alert>(SyslogNormalizer().normalize(kRfc3164Ex2, {}));
        QVERIFY(a.fingerprint != c.fingerprint);
        // A BSD timestamp has no year (the same line read in another year gets another), and
        // a line without one takes the time it was read: both leave the time out.
        QVERIFY(!a.fingerprintCoversTime);
        const auto noTime = std::get<Alert>(SyslogNormalizer().normalize("<13>no time here", {}));
        QVERIFY(!noTime.fingerprintCoversTime);
        const auto rsyslog = std::get<Alert>(
            SyslogNormalizer().normalize("<13>2024-05-01T10:00:00Z host app: text", {}));
        QVERIFY(rsyslog.fingerprintCoversTime);
        const auto nil = std::get<Alert>(SyslogNormalizer().normalize("<13>1 - h a - - - text", {}));
        QVERIFY(!nil.fingerprintCoversTime);
    }

    // PROVENANCE.md: 28 messages; only the 6 Palo Alto ones carry a <PRI> (<14>: user.info).
    // The other 22 (Ekinops 14, F5 4, Cisco ISE 3, OpenSSH 1) are PRI-less as written to files:
    // quarantined with "missing PRI".
    void realFixtures()
    {
        QFile f(QStringLiteral(LAKEGUARD_FIXTURES "/syslog/sekoia_intake-formats_rfc3164_messages.jsonl"));
        if (!f.exists()) {
            QSKIP("../shared/fixtures/syslog is absent; real-data checks skipped");
        }
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto normalizer = makeNormalizer(u"syslog"_s);
        int lines = 0;
        int alerts = 0;
        int quarantined = 0;
        QSet<QByteArray> fingerprints;
        while (!f.atEnd()) {
            const QByteArray line = f.readLine().trimmed();
            if (line.isEmpty()) {
                continue;
            }
            ++lines;
            const QByteArray record =
                QJsonDocument::fromJson(line).object().value(u"message"_s).toString().toUtf8();
            const NormalizeResult r = normalizer->normalize(record, {u"sys"_s, kReceived2024});
            if (const auto *a = std::get_if<Alert>(&r)) {
                ++alerts;
                QCOMPARE(a->severity, Severity::Info);
                QCOMPARE(a->rule, u"syslog:user"_s);
                QVERIFY(a->title.startsWith(u"1,9/16/19 10:00,"_s));
                QCOMPARE(formatIsoTimestamp(a->ts).left(10), u"2023-09-16"_s);
                fingerprints.insert(a->fingerprint);
            } else {
                ++quarantined;
                QVERIFY(std::get<Quarantined>(r).reason.contains(u"missing PRI"_s));
            }
        }
        QCOMPARE(lines, 28);
        QCOMPARE(alerts, 6);
        QCOMPARE(fingerprints.size(), 3); // each Palo Alto sample appears twice
        QCOMPARE(quarantined, 22);
    }
};

QTEST_GUILESS_MAIN(tst_SyslogNormalizer)
#include "tst_syslognormalizer.moc"
