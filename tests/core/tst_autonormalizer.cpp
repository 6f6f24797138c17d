// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "normalizer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Core;

namespace {

QString sourceOf(const NormalizeResult &r)
{
    if (const auto *a = std::get_if<Alert>(&r)) {
        return a->source;
    }
    if (const auto *q = std::get_if<Quarantined>(&r)) {
        return u"quarantined:"_s + q->source;
    }
    return u"skipped"_s;
}

} // namespace

// `auto` picks the normaliser per record from its shape (docs/normalisation.md).
class tst_AutoNormalizer : public QObject
{
    Q_OBJECT

private slots:
    void detection_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("expected"); // the alert's source, or quarantined:<source>
        QTest::addColumn<int>("results");
        QTest::addRow("eve") << QByteArray("{\"timestamp\":\"2025-10-11T20:53:53.495250+0000\",\"event_type\":\"alert\",\"src_ip\":\"192.0.2.10\",\"dest_ip\":\"198.51.100.5\",\"alert\":{\"signature_id\":2043238,\"signature\":\"ET X\",\"severity\":2}}")
                             << u"eve"_s << 1;
        QTest::addRow("eve-flow") << QByteArray("{\"timestamp\":\"2025-10-11T20:53:53Z\",\"event_type\":\"flow\"}")
                                  << u"skipped"_s << 1;
        QTest::addRow("wazuh") << QByteArray("{\"timestamp\":\"2022-01-21T10:00:00.123+0000\",\"rule\":{\"level\":5,\"description\":\"PAM: User login failed.\",\"id\":\"5503\",\"groups\":[\"pam\",\"authentication_failed\"]},\"agent\":{\"id\":\"000\",\"name\":\"m\"},\"id\":\"1.2\",\"full_log\":\"x\"}")
                               << u"wazuh"_s << 1;
        QTest::addRow("alertmanager") << QByteArray("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2024-05-01T10:00:00Z\"},{\"labels\":{\"alertname\":\"B\"},\"startsAt\":\"2024-05-01T10:00:00Z\"}]}")
                                      << u"alertmanager"_s << 2;
        QTest::addRow("grafana") << QByteArray("{\"version\":\"1\",\"orgId\":1,\"title\":\"t\",\"state\":\"alerting\",\"alerts\":[]}")
                                 << u"quarantined:alertmanager"_s << 1;
        QTest::addRow("jsonl") << QByteArray("{\"ts\":\"2024-05-01T10:00:00Z\",\"title\":\"Card velocity\",\"severity\":\"high\"}")
                               << u"jsonl"_s << 1;
        QTest::addRow("cef") << QByteArray("CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1")
                             << u"cef"_s << 1;
        QTest::addRow("cef-vendor-prefix") << QByteArray("ASM:CEF:0|F5|ASM|11.3.0|200021069|Attack|5|src=192.0.2.1")
                                           << u"cef"_s << 1;
        QTest::addRow("cef-pri-less-syslog") << QByteArray("Jan 18 11:07:53 host CEF:0|V|P|1|7|N|8|src=192.0.2.1")
                                             << u"cef"_s << 1;
        QTest::addRow("cef-in-5424") << QByteArray("<134>1 2024-05-01T10:00:00Z fw01 CEF - - - CEF:0|V|P|1|7|N|8|src=192.0.2.1")
                                     << u"cef"_s << 1;
        QTest::addRow("cef-broken") << QByteArray("CEF:0|V|P|1|7|N|5|msg=x\\")
                                    << u"quarantined:cef"_s << 1;
        QTest::addRow("syslog-5424") << QByteArray("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - 'su root' failed")
                                     << u"syslog"_s << 1;
        QTest::addRow("syslog-3164") << QByteArray("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick")
                                     << u"syslog"_s << 1;
        QTest::addRow("syslog-bad-pri") << QByteArray("<200>Oct 11 22:14:15 mymachine su: x")
                                        << u"quarantined:syslog"_s << 1;
        QTest::addRow("syslog-no-pri") << QByteArray("Oct 11 22:14:15 mymachine su: x")
                                       << u"quarantined:syslog"_s << 1;
        QTest::addRow("broken-json") << QByteArray("{\"timestamp\":\"2025-10-11") << u"quarantined:auto"_s
                                     << 1;
        QTest::addRow("unknown-json") << QByteArray("{\"hello\":1}") << u"quarantined:auto"_s << 1;
        QTest::addRow("garbage") << QByteArray("\t1b32r\xc3\xbc" "e9ope") << u"quarantined:auto"_s
                                 << 1;
    }

    void detection()
    {
        QFETCH(QByteArray, record);
        QFETCH(QString, expected);
        QFETCH(int, results);
        const auto n = makeNormalizer(u"auto"_s);
        const NormalizeContext ctx{u"f"_s, 1717200000000};
        const QList<NormalizeResult> all = n->normalizeAll(record, ctx);
        QCOMPARE(all.size(), results);
        for (const NormalizeResult &r : all) {
            QCOMPARE(sourceOf(r), expected);
            if (const auto *q = std::get_if<Quarantined>(&r)) {
                QVERIFY(!q->reason.isEmpty());
                QCOMPARE(q->raw, record);
            }
        }
        QCOMPARE(sourceOf(n->normalize(record, ctx)), expected);
    }

    void knownFormats()
    {
        for (const QString &f : {u"auto"_s, u"eve"_s, u"wazuh"_s, u"cef"_s, u"syslog"_s,
                                 u"alertmanager"_s, u"jsonl"_s}) {
            QVERIFY2(isKnownFormat(f), qPrintable(f));
            const auto n = makeNormalizer(f);
            QVERIFY(n);
            QCOMPARE(n->format(), f);
        }
        QVERIFY(!isKnownFormat(u"jsonmap"_s));
        QVERIFY(!makeNormalizer(u"xml"_s));
    }

    void fixtures_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("jsonMessages");
        QTest::addRow("wazuh") << u"wazuh/ait_aecid-alert-aggregation_ossec_insect.alerts.json"_s
                               << u"wazuh"_s << false;
        QTest::addRow("cef") << u"cef/sekoia_intake-formats_cef_singleline.cef"_s << u"cef"_s
                             << false;
        QTest::addRow("cef-messages") << u"cef/sekoia_intake-formats_cef_messages.jsonl"_s
                                      << u"cef"_s << true;
        QTest::addRow("syslog") << u"syslog/sekoia_intake-formats_rfc3164_messages.jsonl"_s
                                << u"syslog"_s << true;
        QTest::addRow("eve") << u"suricata/kvnlxu_cs4990_samples_eve.json"_s << u"eve"_s << false;
    }

    // On real records `auto` gives what the explicit format gives, except where a record is not
    // recognisable as that format at all (PRI-less text that is not syslog-shaped).
    void fixtures()
    {
        QFETCH(QString, path);
        QFETCH(QString, format);
        QFETCH(bool, jsonMessages);
        QFile f(QStringLiteral(LAKEGUARD_FIXTURES "/") + path);
        if (!f.exists()) {
            QSKIP("../shared/fixtures is absent; real-data checks skipped");
        }
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto automatic = makeNormalizer(u"auto"_s);
        const auto explicitFormat = makeNormalizer(format);
        const NormalizeContext ctx{u"f"_s, 1717200000000};
        int alerts = 0;
        while (!f.atEnd()) {
            QByteArray line = f.readLine();
            if (line.endsWith('\n')) {
                line.chop(1);
            }
            if (line.trimmed().isEmpty()) {
                continue;
            }
            const QByteArray record = jsonMessages
                ? QJsonDocument::fromJson(line).object().value(u"message"_s).toString().toUtf8()
                : line;
            const NormalizeResult a = automatic->normalize(record, ctx);
            const NormalizeResult e = explicitFormat->normalize(record, ctx);
            if (std::holds_alternative<Alert>(e)) {
                ++alerts;
                QCOMPARE(sourceOf(a), sourceOf(e));
                QCOMPARE(std::get<Alert>(a).fingerprint, std::get<Alert>(e).fingerprint);
            } else {
                QCOMPARE(a.index(), e.index());
            }
        }
        QVERIFY(alerts > 0);
    }
};

QTEST_GUILESS_MAIN(tst_AutoNormalizer)
#include "tst_autonormalizer.moc"
