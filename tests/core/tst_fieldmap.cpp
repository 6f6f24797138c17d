// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// JSON pointers (RFC 6901) and the field map that reads fraud-engine records of any shape.
#include "fieldmap.h"
#include "jsonlnormalizer.h"
#include "jsonsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Core;

namespace {

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// A card-fraud engine's decision record, nothing like the contract's shape.
const QByteArray kDecision =
    "{\"decision\":{\"id\":\"D-9001\",\"at\":1767323045,\"band\":\"BLOCK\",\"status\":\"OPEN\"},"
    "\"model\":{\"name\":\"card-testing-v3\",\"reason\":\"12 declines in 40 s\"},"
    "\"card\":{\"pan_masked\":\"4111 **** **** 1111\"},\"device\":{\"ip\":\"198.51.100.7\"},"
    "\"kind\":\"CARD_TESTING\",\"a/b\":{\"m~n\":[\"zero\",\"one\"]}}";

const QByteArray kMap =
    "{\"ts\":\"/decision/at\",\"title\":\"/model/reason\",\"severity\":\"/decision/band\","
    "\"category\":\"/kind\",\"rule\":\"/model/name\",\"entity\":\"/card/pan_masked\","
    "\"src_ip\":\"/device/ip\",\"id\":\"/decision/id\",\"state\":\"/decision/status\","
    "\"severity_values\":{\"block\":\"critical\",\"review\":\"medium\"},"
    "\"category_values\":{\"CARD_TESTING\":\"fraud\"},\"rule_prefix\":\"fraudengine\"}";

FieldMap parsedMap(const QByteArray &json = kMap)
{
    QString error;
    const auto map = FieldMap::parse(object(json), &error);
    if (!map) {
        qWarning() << error;
        return {};
    }
    return *map;
}

} // namespace

class tst_FieldMap : public QObject
{
    Q_OBJECT

private slots:
    void resolvesPointers_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QJsonValue>("expected");
        QTest::addRow("nested") << u"/decision/id"_s << QJsonValue(u"D-9001"_s);
        QTest::addRow("number") << u"/decision/at"_s << QJsonValue(1767323045);
        QTest::addRow("escaped slash and tilde, array index")
            << u"/a~1b/m~0n/1"_s << QJsonValue(u"one"_s);
        QTest::addRow("array index 0") << u"/a~1b/m~0n/0"_s << QJsonValue(u"zero"_s);
    }

    void resolvesPointers()
    {
        QFETCH(QString, pointer);
        QFETCH(QJsonValue, expected);
        const auto v = resolveJsonPointer(object(kDecision), pointer);
        QVERIFY(v);
        QCOMPARE(*v, expected);
    }

    void missingOrInvalidPointers_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addRow("absent key") << u"/decision/nope"_s;
        QTest::addRow("index past the end") << u"/a~1b/m~0n/2"_s;
        QTest::addRow("leading zero index") << u"/a~1b/m~0n/01"_s;
        QTest::addRow("index into an object") << u"/decision/0"_s;
        QTest::addRow("through a scalar") << u"/kind/x"_s;
        QTest::addRow("bad escape") << u"/a~2b"_s;
        QTest::addRow("no leading slash") << u"decision"_s;
    }

    void missingOrInvalidPointers()
    {
        QFETCH(QString, pointer);
        QVERIFY(!resolveJsonPointer(object(kDecision), pointer));
    }

    void wholeDocument()
    {
        QCOMPARE(resolveJsonPointer(QJsonValue(object(kDecision)), u"")->toObject(),
                 object(kDecision));
        QVERIFY(isValidJsonPointer(u""));
        QVERIFY(!isValidJsonPointer(u"/x~"));
    }

    void rejectsBadMaps_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::addRow("unknown key") << QByteArray("{\"ts\":\"/t\",\"title\":\"/x\",\"sevrity\":\"/s\"}")
                                     << u"map: unknown key \"sevrity\""_s;
        QTest::addRow("not a pointer") << QByteArray("{\"ts\":\"t\",\"title\":\"/x\"}")
                                       << u"map: \"ts\" must be a JSON pointer such as \"/event/ts\""_s;
        QTest::addRow("ts required") << QByteArray("{\"title\":\"/x\"}") << u"map: \"ts\" is required"_s;
        QTest::addRow("bad severity word")
            << QByteArray("{\"ts\":\"/t\",\"title\":\"/x\",\"severity_values\":{\"P1\":\"urgent\"}}")
            << u"map: severity_values: \"P1\" maps to \"urgent\", not one of info, low, medium, "
               "high, critical"_s;
        QTest::addRow("bad category word")
            << QByteArray("{\"ts\":\"/t\",\"title\":\"/x\",\"category_values\":{\"a\":\"b\"}}")
            << u"map: category_values: \"a\" maps to \"b\", not a category"_s;
    }

    void rejectsBadMaps()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        QString actual;
        QVERIFY(!FieldMap::parse(object(json), &actual));
        QCOMPARE(actual, error);
    }

    void normalisesAMappedRecord()
    {
        const JsonlNormalizer n(parsedMap());
        const NormalizeResult r = n.normalize(kDecision, {u"fraud"_s, 5});
        QVERIFY(std::holds_alternative<Alert>(r));
        const Alert &a = std::get<Alert>(r);
        QCOMPARE(a.ts, 1767323045000LL); // epoch seconds taken as such
        QCOMPARE(a.title, u"12 declines in 40 s"_s);
        QCOMPARE(a.severity, Severity::Critical);
        QCOMPARE(a.category, Category::Fraud);
        QCOMPARE(a.rule, u"fraudengine:card-testing-v3"_s);
        QCOMPARE(a.entity, u"4111 **** **** 1111"_s);
        QCOMPARE(a.srcIp, u"198.51.100.7"_s);
        QCOMPARE(a.state, u"open"_s);
        QCOMPARE(a.source, u"jsonl"_s);
        QCOMPARE(a.raw, kDecision);

        // The same decision re-sent with a new status is the same alert (fingerprint over the id).
        QByteArray closed = kDecision;
        closed.replace("\"OPEN\"", "\"CLOSED\"");
        const Alert b = std::get<Alert>(n.normalize(closed, {u"fraud"_s, 6}));
        QCOMPARE(b.fingerprint, a.fingerprint);
        QCOMPARE(b.state, u"closed"_s);
        // The id names the alert whatever its time: the store finds it by the fingerprint alone.
        QVERIFY(!a.fingerprintCoversTime && !b.fingerprintCoversTime);
        QByteArray other = kDecision;
        other.replace("D-9001", "D-9002");
        QVERIFY(std::get<Alert>(n.normalize(other, {u"fraud"_s, 6})).fingerprint != a.fingerprint);
    }

    void mappedRecordsAreQuarantinedWithThePointer_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("reason");
        QByteArray noTitle = kDecision;
        noTitle.replace("\"reason\":", "\"why\":");
        QTest::addRow("no title") << noTitle << u"missing field \"title\" (at /model/reason)"_s;
        QByteArray noId = kDecision;
        noId.replace("\"id\":\"D-9001\",", "");
        QTest::addRow("no id") << noId << u"missing field \"id\" (at /decision/id)"_s;
        QByteArray badBand = kDecision;
        badBand.replace("BLOCK", "PANIC");
        QTest::addRow("unmapped band") << badBand << u"unknown severity \"PANIC\""_s;
        QByteArray badTime = kDecision;
        badTime.replace("1767323045", "\"yesterday\"");
        QTest::addRow("bad time") << badTime
                                  << u"invalid timestamp in \"ts\" (at /decision/at): yesterday"_s;
    }

    void mappedRecordsAreQuarantinedWithThePointer()
    {
        QFETCH(QByteArray, record);
        QFETCH(QString, reason);
        const JsonlNormalizer n(parsedMap());
        const NormalizeResult r = n.normalize(record, {u"fraud"_s, 5});
        QVERIFY(std::holds_alternative<Quarantined>(r));
        QCOMPARE(std::get<Quarantined>(r).reason, reason);
        QCOMPARE(std::get<Quarantined>(r).raw, record);
    }

    void withoutIdTheWholeRecordIsTheFingerprint()
    {
        const FieldMap map = parsedMap("{\"ts\":\"/decision/at\",\"title\":\"/model/reason\"}");
        const JsonlNormalizer n(map);
        const Alert a = std::get<Alert>(n.normalize(kDecision, {u"f"_s, 1}));
        QByteArray changed = kDecision;
        changed.replace("OPEN", "CLOSED");
        QVERIFY(std::get<Alert>(n.normalize(changed, {u"f"_s, 1})).fingerprint != a.fingerprint);
        QCOMPARE(a.rule, u"jsonl:12 declines in 40 s"_s);
        QCOMPARE(a.severity, Severity::Medium);
        QVERIFY(a.state.isEmpty());
    }

    void makeNormalizerUsesTheMapOnlyForJsonl()
    {
        const auto jsonl = makeNormalizer(u"jsonl"_s, parsedMap());
        QVERIFY(std::holds_alternative<Alert>(jsonl->normalize(kDecision, {u"f"_s, 1})));
        const auto plain = makeNormalizer(u"jsonl"_s, FieldMap{});
        QVERIFY(std::holds_alternative<Quarantined>(plain->normalize(kDecision, {u"f"_s, 1})));
    }
};

QTEST_GUILESS_MAIN(tst_FieldMap)
#include "tst_fieldmap.moc"
