// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertmanagernormalizer.h"
#include "normalizer.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Core;

namespace {

// A version 4 webhook payload as the Alertmanager documentation describes it (written for this
// test): one firing alert with a fingerprint, one resolved alert without a severity label.
const QByteArray kPayload =
    "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"HighErrorRate\\\"}\",\"truncatedAlerts\":0,"
    "\"status\":\"firing\",\"receiver\":\"lakeguard\",\"groupLabels\":{\"alertname\":\"HighErrorRate\"},"
    "\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"http://am.example:9093\",\"alerts\":["
    "{\"status\":\"firing\",\"labels\":{\"alertname\":\"HighErrorRate\",\"severity\":\"critical\","
    "\"instance\":\"api-1:9100\",\"job\":\"api\"},\"annotations\":{\"summary\":\"High error rate on api-1\","
    "\"description\":\"5xx above 5% for 10m\"},\"startsAt\":\"2024-05-01T10:00:00.123456789Z\","
    "\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prom.example/graph\","
    "\"fingerprint\":\"a1b2c3d4e5f60718\"},"
    "{\"status\":\"resolved\",\"labels\":{\"alertname\":\"DiskFull\",\"service\":\"db\"},"
    "\"annotations\":{\"summary\":\"Disk full\"},\"startsAt\":\"2024-05-01T09:00:00+02:00\","
    "\"endsAt\":\"2024-05-01T09:30:00+02:00\",\"fingerprint\":\"0f0e0d0c0b0a0908\"}]}";

QList<NormalizeResult> all(const QByteArray &record)
{
    return AlertmanagerNormalizer().normalizeAll(record, {u"am"_s, 42});
}

QByteArray replaced(const QByteArray &from, const QByteArray &to)
{
    QByteArray r = kPayload;
    r.replace(from, to);
    return r;
}

} // namespace

class tst_AlertmanagerNormalizer : public QObject
{
    Q_OBJECT

private slots:
    void payloadFields()
    {
        const QList<NormalizeResult> results = all(kPayload);
        QCOMPARE(results.size(), 2);
        const auto *first = std::get_if<Alert>(&results[0]);
        const auto *second = std::get_if<Alert>(&results[1]);
        QVERIFY(first && second);

        QCOMPARE(first->source, u"alertmanager"_s);
        QCOMPARE(first->feed, u"am"_s);
        QCOMPARE(first->rule, u"am:HighErrorRate"_s);
        QCOMPARE(first->title, u"High error rate on api-1"_s);
        QCOMPARE(first->severity, Severity::Critical);
        QCOMPARE(first->entity, u"api-1:9100"_s);
        QCOMPARE(first->state, u"firing"_s);
        QCOMPARE(formatIsoTimestamp(first->ts), u"2024-05-01T10:00:00.123Z"_s);
        QCOMPARE(first->received, 42);
        QVERIFY(first->message.startsWith(u"5xx above 5% for 10m · status: firing"_s));
        QVERIFY(first->message.contains(u"instance=api-1:9100"_s));
        QCOMPARE(first->category, Category::Availability);
        QVERIFY(first->raw.startsWith("{\"annotations\""));   // the alert's own object
        QVERIFY(!first->raw.contains("DiskFull"));

        QCOMPARE(second->rule, u"am:DiskFull"_s);
        QCOMPARE(second->severity, Severity::Medium); // no severity label
        QCOMPARE(second->entity, u"db"_s);
        QCOMPARE(second->state, u"resolved"_s);
        QCOMPARE(second->title, u"Disk full"_s);
        QVERIFY(second->message.contains(u"status: resolved"_s));
        QCOMPARE(formatIsoTimestamp(second->ts), u"2024-05-01T07:00:00.000Z"_s);
        QVERIFY(first->fingerprint != second->fingerprint);
        QVERIFY(first->fingerprintCoversTime && second->fingerprintCoversTime); // startsAt

        // normalize() is the first alert.
        const NormalizeResult one = AlertmanagerNormalizer().normalize(kPayload, {u"am"_s, 42});
        QCOMPARE(std::get<Alert>(one).fingerprint, first->fingerprint);
    }

    void severityMapping_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<int>("expected"); // -1: not in the table (shown as medium)
        const QList<std::pair<const char *, Severity>> rows = {
            {"info", Severity::Info},         {"informational", Severity::Info},
            {"none", Severity::Info},         {"low", Severity::Low},
            {"warning", Severity::Medium},    {"", Severity::Medium},
            {"error", Severity::High},        {"high", Severity::High},
            {"major", Severity::High},        {"critical", Severity::Critical},
            {"page", Severity::Critical},     {"Critical", Severity::Critical},
            {" WARNING ", Severity::Medium}};
        for (const auto &[label, severity] : rows) {
            QTest::addRow("%s", *label ? label : "missing") << QString::fromLatin1(label)
                                                            << static_cast<int>(severity);
        }
        QTest::addRow("disaster") << u"disaster"_s << -1;
    }

    void severityMapping()
    {
        QFETCH(QString, label);
        QFETCH(int, expected);
        const std::optional<Severity> s = AlertmanagerNormalizer::severityFor(label);
        QCOMPARE(s ? static_cast<int>(*s) : -1, expected);
        if (expected < 0) {
            const QByteArray rec = replaced("\"severity\":\"critical\"",
                                            "\"severity\":\"" + label.toUtf8() + "\"");
            const auto a = std::get<Alert>(all(rec).first());
            QCOMPARE(a.severity, Severity::Medium);
            QVERIFY(a.message.contains(u"not in the mapping"_s));
        }
    }

    // A re-delivery and the resolved notification of the same alert (same fingerprint and
    // startsAt) carry the same fingerprint: the store dedups them until it learns updates.
    void resolvedDedupsAgainstFiring()
    {
        const QByteArray resolved = replaced("{\"status\":\"firing\",\"labels\"",
                                             "{\"status\":\"resolved\",\"labels\"")
                                        .replace("\"endsAt\":\"0001-01-01T00:00:00Z\"",
                                                 "\"endsAt\":\"2024-05-01T10:30:00Z\"");
        const auto firing = std::get<Alert>(all(kPayload).first());
        const auto done = std::get<Alert>(all(resolved).first());
        QCOMPARE(done.state, u"resolved"_s);
        QCOMPARE(done.fingerprint, firing.fingerprint);
        const auto again = std::get<Alert>(all(replaced("2024-05-01T10:00:00.123456789Z",
                                                        "2024-05-02T10:00:00Z")).first());
        QVERIFY(again.fingerprint != firing.fingerprint); // a new occurrence
    }

    // Old Alertmanagers send no fingerprint and no per-alert status.
    void withoutFingerprintOrStatus()
    {
        const QByteArray old =
            "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"labels\":{\"alertname\":\"A\",\"b\":\"1\",\"c\":\"2\"},\"annotations\":{},\"startsAt\":\"2018-03-07T06:33:21.873077559-05:00\"}]}";
        const QByteArray reordered =
            "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"labels\":{\"c\":\"2\",\"b\":\"1\",\"alertname\":\"A\"},\"startsAt\":\"2018-03-07T06:33:21.873077559-05:00\"}]}";
        const auto a = std::get<Alert>(all(old).first());
        const auto b = std::get<Alert>(all(reordered).first());
        QCOMPARE(a.state, u"firing"_s);
        QCOMPARE(a.title, u"A"_s);
        QCOMPARE(a.fingerprint, b.fingerprint);
        QCOMPARE(formatIsoTimestamp(a.ts), u"2018-03-07T11:33:21.873Z"_s);
    }

    void badPayloads_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("reasonPart");
        QTest::addRow("truncated") << kPayload.left(200) << u"invalid JSON"_s;
        QTest::addRow("invalid-utf8") << replaced("Disk full", "Disk \xff\xfe") << u"invalid JSON"_s;
        QTest::addRow("array") << QByteArray("[{\"alerts\":[]}]") << u"not an object"_s;
        QTest::addRow("no-alerts") << QByteArray("{\"version\":\"4\",\"status\":\"firing\"}")
                                   << u"without an alerts array"_s;
        QTest::addRow("alerts-not-array") << QByteArray("{\"version\":\"4\",\"alerts\":{}}")
                                          << u"not an array"_s;
        QTest::addRow("empty-alerts") << QByteArray("{\"version\":\"4\",\"alerts\":[]}")
                                      << u"empty alerts"_s;
        QTest::addRow("legacy-version-0")
            << QByteArray("{\"version\":0,\"groupKey\":0,\"alerts\":[{\"labels\":{\"alertname\":\"X\"},\"startsAt\":\"2017-01-01T00:00:00Z\"}]}")
            << u"unsupported Alertmanager payload version 0"_s;
        QTest::addRow("no-version")
            << QByteArray("{\"alerts\":[{\"labels\":{\"alertname\":\"X\"},\"startsAt\":\"2017-01-01T00:00:00Z\"}]}")
            << u"version (none)"_s;
        QTest::addRow("grafana")
            << QByteArray("{\"version\":\"1\",\"orgId\":1,\"title\":\"t\",\"state\":\"alerting\",\"alerts\":[{\"labels\":{\"alertname\":\"X\"},\"startsAt\":\"2017-01-01T00:00:00Z\"}]}")
            << u"Grafana-managed"_s;
    }

    void badPayloads()
    {
        QFETCH(QByteArray, record);
        QFETCH(QString, reasonPart);
        const QList<NormalizeResult> results = all(record);
        QCOMPARE(results.size(), 1);
        const auto *q = std::get_if<Quarantined>(&results[0]);
        QVERIFY2(q, "a malformed payload must be quarantined");
        QVERIFY2(q->reason.contains(reasonPart, Qt::CaseInsensitive), qPrintable(q->reason));
        QCOMPARE(q->raw, record);
        QCOMPARE(q->source, u"alertmanager"_s);
        QCOMPARE(q->feed, u"am"_s);
        // normalize() gives the same quarantine.
        QVERIFY(std::holds_alternative<Quarantined>(
            AlertmanagerNormalizer().normalize(record, {u"am"_s, 42})));
    }

    // One bad alert does not take the payload's other alerts with it.
    void badAlertAmongGood_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("reasonPart");
        QTest::addRow("no-alertname") << replaced("\"alertname\":\"HighErrorRate\",\"severity\"",
                                                  "\"severity\"")
                                      << u"alerts[0] has no labels.alertname"_s;
        QTest::addRow("no-startsAt") << replaced("\"startsAt\":\"2024-05-01T10:00:00.123456789Z\",", "")
                                     << u"alerts[0] has no startsAt"_s;
        QTest::addRow("bad-startsAt") << replaced("2024-05-01T10:00:00.123456789Z", "yesterday")
                                      << u"invalid startsAt \"yesterday\""_s;
        QTest::addRow("not-object") << replaced("\"alerts\":[", "\"alerts\":[17,")
                                    << u"alerts[0] is not an object"_s;
    }

    void badAlertAmongGood()
    {
        QFETCH(QByteArray, record);
        QFETCH(QString, reasonPart);
        const QList<NormalizeResult> results = all(record);
        int alerts = 0;
        int quarantined = 0;
        for (const NormalizeResult &r : results) {
            if (const auto *q = std::get_if<Quarantined>(&r)) {
                ++quarantined;
                QVERIFY2(q->reason.contains(reasonPart), qPrintable(q->reason));
                QVERIFY(!q->raw.isEmpty());
            } else {
                ++alerts;
            }
        }
        QCOMPARE(quarantined, 1);
        QVERIFY(alerts >= 1);
        // normalize() skips to the first good alert.
        QVERIFY(std::holds_alternative<Alert>(AlertmanagerNormalizer().normalize(record, {})));
    }

    void megabyteAnnotation()
    {
        const QByteArray big(1024 * 1024, 'd');
        const QByteArray rec = replaced("5xx above 5% for 10m", big);
        const auto a = std::get<Alert>(all(rec).first());
        QVERIFY(a.message.contains(QString::fromLatin1(big)));
    }

    void realFixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("alerts");
        QTest::addColumn<int>("resolved");
        QTest::addColumn<QString>("reasonPart"); // non-empty: the payload is quarantined
        // PROVENANCE.md, section 4.
        QTest::addRow("bougou-v4") << u"bougou_webhook-adapter_alert.v4.json"_s << 4 << 1 << QString();
        QTest::addRow("prom2teams") << u"prom2teams_with_common_items.v4.json"_s << 1 << 1 << QString();
        QTest::addRow("msteams-old") << u"prometheus-msteams_prom_post_request.v4.json"_s << 1 << 0
                                     << QString();
        QTest::addRow("msteams-card")
            << u"prometheus-msteams_card-grafana-inspired-payload.v4.json"_s << 3 << 0 << QString();
        QTest::addRow("legacy") << u"prometheus_bot_production_example.legacy.json"_s << 0 << 0
                                << u"version 0"_s;
        QTest::addRow("grafana") << u"bougou_webhook-adapter_grafana-alert.grafana-v1.json"_s << 0
                                 << 0 << u"Grafana-managed"_s;
    }

    void realFixtures()
    {
        QFETCH(QString, file);
        QFETCH(int, alerts);
        QFETCH(int, resolved);
        QFETCH(QString, reasonPart);
        QFile f(QStringLiteral(LAKEGUARD_FIXTURES "/alertmanager/") + file);
        if (!f.exists()) {
            QSKIP("../shared/fixtures/alertmanager is absent; real-data checks skipped");
        }
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray payload = f.readAll();
        const QList<NormalizeResult> results =
            makeNormalizer(u"alertmanager"_s)->normalizeAll(payload, {u"am"_s, 1});
        if (!reasonPart.isEmpty()) {
            QCOMPARE(results.size(), 1);
            const auto *q = std::get_if<Quarantined>(&results[0]);
            QVERIFY(q);
            QVERIFY2(q->reason.contains(reasonPart), qPrintable(q->reason));
            QCOMPARE(q->raw, payload);
            return;
        }
        QCOMPARE(results.size(), alerts);
        int resolvedSeen = 0;
        QSet<QByteArray> fingerprints;
        for (const NormalizeResult &r : results) {
            if (const auto *q = std::get_if<Quarantined>(&r)) {
                QFAIL(qPrintable(q->reason));
            }
            const Alert &a = std::get<Alert>(r);
            QVERIFY(a.rule.startsWith(u"am:"_s));
            QVERIFY(a.state == u"firing"_s || a.state == u"resolved"_s);
            resolvedSeen += a.state == u"resolved"_s ? 1 : 0;
            fingerprints.insert(a.fingerprint);
        }
        QCOMPARE(resolvedSeen, resolved);
        QCOMPARE(fingerprints.size(), alerts);
    }
};

QTEST_GUILESS_MAIN(tst_AlertmanagerNormalizer)
#include "tst_alertmanagernormalizer.moc"
