// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scriptedscenario.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

constexpr qint64 kStart = 1'795'651'200'000LL; // 2026-11-26T00:00:00Z

// A small valid scenario, one key a line, so tests can name the line a broken key is on.
QByteArray minimal(const QByteArray &alertExtra = {}, const QByteArray &stepExtra = {})
{
    return "{\n" // 1
           "  \"format\": \"lakeguard-scenario/1\",\n" // 2
           "  \"name\": \"tiny\",\n" // 3
           "  \"title\": {\"en\": \"Tiny\", \"zh_CN\": \"小\"},\n" // 4
           "  \"summary\": {\"en\": \"S\", \"zh_CN\": \"摘要\"},\n" // 5
           "  \"duration_s\": 600,\n" // 6
           "  \"feeds\": {\"demo-x\": \"test\"},\n" // 7
           "  \"steps\": [\n" // 8
           "    {\n" // 9
           "      \"at_s\": 0,\n" // 10
           "      \"caption\": {\"en\": \"One\", \"zh_CN\": \"一\"},\n" // 11
           "      \"alerts\": [\n" // 12
           "        {\n" // 13
           "          \"feed\": \"demo-x\",\n" // 14
           "          \"severity\": \"high\",\n" // 15
           "          \"category\": \"fraud\",\n" // 16
           "          \"rule\": \"t.rule\",\n" // 17
           "          \"title\": \"Card {digits:4} from {ip}\",\n" // 18
           "          \"count\": 5, \"every_s\": 10, \"jitter_s\": 5" // 19
        + alertExtra
        + "\n"
          "        }\n"
          "      ]"
        + stepExtra
        + "\n"
          "    },\n"
          "    {\"at_s\": 300, \"caption\": {\"en\": \"Two\", \"zh_CN\": \"二\"}}\n"
          "  ]\n"
          "}\n";
}

QByteArray replaced(QByteArray text, const QByteArray &from, const QByteArray &to)
{
    return text.replace(from, to);
}

QList<QByteArray> fingerprints(const Feeds::ScenarioSource &s)
{
    QList<QByteArray> out;
    for (const Feeds::DemoEvent &e : s.eventsBetween(s.start(), s.end())) {
        if (const auto *a = std::get_if<Core::Alert>(&e.payload)) {
            out.append(a->fingerprint + a->raw);
        } else {
            const auto &o = std::get<Core::ChainObservation>(e.payload);
            out.append(o.node.toUtf8() + o.headHash.toUtf8() + QByteArray::number(o.observed));
        }
    }
    return out;
}

} // namespace

class tst_ScriptedScenario : public QObject
{
    Q_OBJECT

private slots:
    void shipsThreeScenarios()
    {
        const QStringList names = Feeds::ScriptedScenario::builtInNames();
        QVERIFY2(names.contains(u"payment-gateway"_s), qPrintable(names.join(u' ')));
        QVERIFY(names.contains(u"consortium-chain"_s));
        QVERIFY(names.contains(u"insider-exfiltration"_s));
    }

    void shippedScenarioLoads_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &name : Feeds::ScriptedScenario::builtInNames()) {
            QTest::addRow("%s", qPrintable(name)) << name;
        }
    }

    // Every shipped file loads, is named after its file, has bilingual captions on every step,
    // alerts only on declared feeds and events inside its span.
    void shippedScenarioLoads()
    {
        QFETCH(QString, name);
        Feeds::ScenarioError error;
        const auto s = Feeds::ScriptedScenario::load(name, 7, kStart, &error);
        QVERIFY2(s, qPrintable(error.toString()));
        QCOMPARE(s->name(), name);
        QVERIFY(!s->title().en.isEmpty() && !s->title().zh.isEmpty());
        QVERIFY(s->steps().size() >= 5);
        for (const Feeds::ScenarioStep &step : s->steps()) {
            QVERIFY(!step.captionEn.isEmpty());
            QVERIFY(!step.captionZh.isEmpty());
            QVERIFY(step.captionZh != step.captionEn);
            QVERIFY(step.at >= s->start() && step.at < s->end());
        }
        QSet<QString> feeds;
        for (const auto &[id, type] : s->feedTypes()) {
            feeds.insert(id);
        }
        const QList<Feeds::DemoEvent> events = s->eventsBetween(s->start(), s->end());
        QVERIFY(events.size() > 20);
        int alerts = 0;
        QSet<QByteArray> seen;
        for (const Feeds::DemoEvent &e : events) {
            QVERIFY(e.at >= s->start() && e.at < s->end());
            if (const auto *a = std::get_if<Core::Alert>(&e.payload)) {
                ++alerts;
                QVERIFY2(feeds.contains(a->feed), qPrintable(a->feed));
                QVERIFY2(!a->title.contains(u'{'), qPrintable(a->title)); // placeholders expanded
                QVERIFY(!seen.contains(a->fingerprint));
                seen.insert(a->fingerprint);
                QVERIFY(QJsonDocument::fromJson(a->raw).isObject());
            }
        }
        QVERIFY(alerts > 5);
    }

    void consortiumChainHasTheStory()
    {
        const auto s = Feeds::ScriptedScenario::load(u"consortium-chain"_s, 1, kStart, nullptr);
        QVERIFY(s);
        QSet<QString> rules;
        QSet<QString> states;
        for (const Feeds::DemoEvent &e : s->eventsBetween(s->start(), s->end())) {
            if (const auto *a = std::get_if<Core::Alert>(&e.payload)) {
                rules.insert(a->rule);
            } else {
                states.insert(std::get<Core::ChainObservation>(e.payload).state);
            }
        }
        for (const QString &rule :
            { u"chain.lag"_s, u"chain.fork"_s, u"chain.reorg"_s, u"chain.large_transfer"_s }) {
            QVERIFY2(rules.contains(rule), qPrintable(rule));
        }
        QVERIFY(states.contains(u"lagging"_s));
        QVERIFY(states.contains(u"forked"_s));
    }

    // Same seed and start: the same events; another seed: other placeholder values.
    void sameSeedSameEvents()
    {
        for (const QString &name : Feeds::ScriptedScenario::builtInNames()) {
            const auto a = Feeds::ScriptedScenario::load(name, 42, kStart, nullptr);
            const auto b = Feeds::ScriptedScenario::load(name, 42, kStart, nullptr);
            const auto c = Feeds::ScriptedScenario::load(name, 43, kStart, nullptr);
            QVERIFY(a && b && c);
            QCOMPARE(fingerprints(*a), fingerprints(*b));
            QVERIFY(fingerprints(*a) != fingerprints(*c));
        }
    }

    void windowsAddUp()
    {
        const auto s = Feeds::ScriptedScenario::load(u"payment-gateway"_s, 3, kStart, nullptr);
        QVERIFY(s);
        const qint64 mid = kStart + 777'777;
        const int whole = static_cast<int>(s->eventsBetween(kStart, s->end()).size());
        const int split = static_cast<int>(
            s->eventsBetween(kStart, mid).size() + s->eventsBetween(mid, s->end()).size());
        QCOMPARE(split, whole);
    }

    void placeholdersExpandFromTheSeed()
    {
        Feeds::ScenarioError error;
        const auto s = Feeds::ScriptedScenario::parse(minimal(), u"tiny.json"_s, 1, kStart, &error);
        QVERIFY2(s, qPrintable(error.toString()));
        const auto events = s->eventsBetween(kStart, s->end());
        QCOMPARE(events.size(), 5);
        const auto &first = std::get<Core::Alert>(events.first().payload);
        static const QRegularExpression shape(
            u"^Card \\d{4} from (198\\.51\\.100|203\\.0\\.113)\\.\\d+$"_s);
        QVERIFY2(shape.match(first.title).hasMatch(), qPrintable(first.title));
        QCOMPARE(first.feed, u"demo-x"_s);
        QCOMPARE(first.source, u"demo"_s);
        QCOMPARE(first.severity, Core::Severity::High);
        QCOMPARE(s->steps().size(), 2);
        QCOMPARE(s->steps().at(1).at, kStart + 300'000);
        QCOMPARE(s->steps().at(1).captionZh, u"二"_s);
    }

    // Each broken file names the file, the line and the key at fault.
    void badFileNamesTheProblem_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("message");

        QTest::addRow("not json") << QByteArray("{\n  \"format\": \"x\",\n  oops\n}") << 3
                                  << QString() << u"not valid JSON"_s;
        QTest::addRow("unknown severity")
            << replaced(minimal(), "\"high\"", "\"severe\"") << 15
            << u"steps[0].alerts[0].severity"_s << u"unknown severity \"severe\""_s;
        QTest::addRow("unknown key") << minimal(",\n          \"colour\": \"red\"") << 20
                                     << u"steps[0].alerts[0].colour"_s << u"unknown key"_s;
        QTest::addRow("undeclared feed")
            << replaced(minimal(), "\"feed\": \"demo-x\"", "\"feed\": \"demo-y\"") << 14
            << u"steps[0].alerts[0].feed"_s << u"not declared"_s;
        QTest::addRow("missing caption language")
            << replaced(minimal(), ", \"zh_CN\": \"一\"", "") << 11 << u"steps[0].caption.zh_CN"_s
            << u"missing"_s;
        QTest::addRow("bad placeholder")
            << replaced(minimal(), "{digits:4}", "{card}") << 18 << u"steps[0].alerts[0].title"_s
            << u"unknown placeholder {card}"_s;
        QTest::addRow("wrong format") << replaced(minimal(), "lakeguard-scenario/1", "other/2") << 2
                                      << u"format"_s << u"unsupported format"_s;
        QTest::addRow("unknown step key")
            << replaced(minimal(), "{\"at_s\": 300", "{\"at_s\": 300, \"x\": 1") << 23
            << u"steps[1].x"_s << u"unknown key"_s;
        QTest::addRow("negative count")
            << replaced(minimal(), "\"count\": 5", "\"count\": -5") << 19
            << u"steps[0].alerts[0].count"_s << u"must be a number"_s;
        QTest::addRow("step after the end")
            << replaced(minimal(), "{\"at_s\": 300", "{\"at_s\": 900") << 23 << u"steps[1].at_s"_s
            << u"from 0 to 600"_s;
        QTest::addRow("bad chain state")
            << minimal({},
                   ",\n      \"chain\": [{\"chain\": \"c\", \"node\": \"n\", "
                   "\"height\": 1, \"state\": \"sleepy\"}]")
            << 22 << u"steps[0].chain[0].state"_s << u"unknown state \"sleepy\""_s;
    }

    void badFileNamesTheProblem()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, line);
        QFETCH(QString, key);
        QFETCH(QString, message);
        Feeds::ScenarioError error;
        QVERIFY(!Feeds::ScriptedScenario::parse(json, u"bad.json"_s, 1, kStart, &error));
        QCOMPARE(error.file, u"bad.json"_s);
        QCOMPARE(error.key, key);
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QCOMPARE(error.line, line);
        QVERIFY(error.toString().startsWith(u"bad.json:%1: "_s.arg(line)));
    }

    void stepsOutOfOrderAreRefused()
    {
        Feeds::ScenarioError error;
        const QByteArray json = replaced(replaced(minimal(), "\"at_s\": 0,", "\"at_s\": 400,"),
            "\"duration_s\": 600", "\"duration_s\": 600");
        QVERIFY(!Feeds::ScriptedScenario::parse(json, u"order.json"_s, 1, kStart, &error));
        QCOMPARE(error.key, u"steps[1].at_s"_s);
        QVERIFY(error.message.contains(u"time order"_s));
        QCOMPARE(error.line, 23);
    }

    void unknownNameAndMissingFile()
    {
        Feeds::ScenarioError error;
        QVERIFY(!Feeds::ScriptedScenario::load(u"no-such"_s, 1, kStart, &error));
        QVERIFY(error.message.contains(u"payment-gateway"_s)); // lists what exists
        QTemporaryDir dir;
        const QString missing = dir.filePath(u"gone.json"_s);
        QVERIFY(!Feeds::ScriptedScenario::load(missing, 1, kStart, &error));
        QCOMPARE(error.file, missing);
        QVERIFY(error.message.startsWith(u"cannot read"_s));
    }
};

QTEST_GUILESS_MAIN(tst_ScriptedScenario)
#include "tst_scriptedscenario.moc"
