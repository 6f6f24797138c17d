// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "correlation.h"
#include "incident.h"
#include "incidentpolicy.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Lakeguard::Core;
using namespace Qt::StringLiterals;

namespace {

Alert alert(const QString &rule, const QString &entity, Severity sev = Severity::High,
    Category cat = Category::Intrusion, const QString &source = u"eve"_s)
{
    Alert a;
    a.rule = rule;
    a.entity = entity;
    a.severity = sev;
    a.category = cat;
    a.source = source;
    a.feed = u"f"_s;
    a.title = u"T %1"_s.arg(rule);
    return a;
}

CorrelationRule rule(const QString &json)
{
    QString error;
    const auto r
        = CorrelationRule::fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), &error);
    if (!r) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    return *r;
}

} // namespace

class tst_Correlation : public QObject
{
    Q_OBJECT

private slots:
    // Which alerts a rule matches and the key it groups them by.
    void keys_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<Alert>("alert");
        QTest::addColumn<bool>("matches");
        QTest::addColumn<QString>("key");
        const QString sameRuleEntity
            = u"{\"id\":\"r\",\"key\":[\"rule\",\"entity\"],\"match\":{\"min_severity\":\"medium\"}}"_s;
        const QString chain = u"{\"id\":\"c\",\"key\":[\"chain\",\"rule\"],"
                              "\"match\":{\"categories\":[\"chain\"]}}"_s;
        const QString sources = u"{\"id\":\"s\",\"key\":[\"entity\"],"
                                "\"match\":{\"sources\":[\"eve\",\"wazuh\"],"
                                "\"rule_prefix\":\"eve:\"}}"_s;
        const QChar sep(0x1f);
        QTest::addRow("rule+entity") << sameRuleEntity << alert(u"eve:1"_s, u"h1"_s) << true
                                     << (u"r"_s + sep + u"eve:1" + sep + u"h1");
        QTest::addRow("below min severity")
            << sameRuleEntity << alert(u"eve:1"_s, u"h1"_s, Severity::Low) << false << QString();
        QTest::addRow("empty entity: no key")
            << sameRuleEntity << alert(u"eve:1"_s, QString()) << true << QString();
        Alert c
            = alert(u"chain.fork"_s, u"node-1"_s, Severity::Critical, Category::Chain, u"chain"_s);
        c.raw = "{\"chain\":\"fincons\",\"node\":\"node-1\"}";
        QTest::addRow("chain from raw")
            << chain << c << true << (u"c"_s + sep + u"fincons" + sep + u"chain.fork");
        Alert c2 = c;
        c2.raw = "not json";
        QTest::addRow("chain falls back to entity")
            << chain << c2 << true << (u"c"_s + sep + u"node-1" + sep + u"chain.fork");
        QTest::addRow("chain rule skips other categories")
            << chain << alert(u"eve:1"_s, u"h1"_s) << false << QString();
        QTest::addRow("source and prefix match")
            << sources << alert(u"eve:9"_s, u"h2"_s) << true << (u"s"_s + sep + u"h2");
        QTest::addRow("source mismatch")
            << sources << alert(u"eve:9"_s, u"h2"_s, Severity::High, Category::Intrusion, u"cef"_s)
            << false << QString();
        QTest::addRow("prefix mismatch")
            << sources << alert(u"wazuh:9"_s, u"h2"_s) << false << QString();
    }
    void keys()
    {
        QFETCH(QString, rule);
        QFETCH(Alert, alert);
        QFETCH(bool, matches);
        QFETCH(QString, key);
        const CorrelationRule r = ::rule(rule);
        QVERIFY(!r.id.isEmpty());
        QCOMPARE(r.matches(alert), matches);
        if (matches) {
            QCOMPARE(r.keyFor(alert), key);
        }
    }

    void titleTemplate()
    {
        const CorrelationRule r = rule(
            u"{\"id\":\"t\",\"key\":[\"entity\"],\"title\":\"{rule} on {entity}: {title}\"}"_s);
        Alert a = alert(u"eve:1"_s, u"{entity}"_s);
        // A value that looks like a placeholder stays literal.
        QCOMPARE(r.titleFor(a), u"eve:1 on {entity}: T eve:1"_s);
    }

    void badRules_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("error");
        QTest::addRow("no id") << u"{\"key\":[\"rule\"]}"_s << u"no \"id\""_s;
        QTest::addRow("no key") << u"{\"id\":\"x\"}"_s << u"names no field"_s;
        QTest::addRow("unknown field")
            << u"{\"id\":\"x\",\"key\":[\"colour\"]}"_s << u"unknown key field \"colour\""_s;
        QTest::addRow("unknown key")
            << u"{\"id\":\"x\",\"key\":[\"rule\"],\"windw\":3}"_s << u"unknown key \"windw\""_s;
        QTest::addRow("bad category")
            << u"{\"id\":\"x\",\"key\":[\"rule\"],\"match\":{\"categories\":[\"nope\"]}}"_s
            << u"unknown category"_s;
        QTest::addRow("bad window")
            << u"{\"id\":\"x\",\"key\":[\"rule\"],\"window_minutes\":0}"_s << u"window_minutes"_s;
    }
    void badRules()
    {
        QFETCH(QString, json);
        QFETCH(QString, error);
        QString message;
        QVERIFY(
            !CorrelationRule::fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), &message));
        QVERIFY2(message.contains(error), qPrintable(message));
    }

    void builtInPolicy()
    {
        const QByteArray json = IncidentPolicy::builtInJson();
        QVERIFY(!json.isEmpty());
        QString error;
        const auto p = IncidentPolicy::fromJson(json, &error);
        QVERIFY2(p, qPrintable(error));
        QVERIFY(p->rules.size() >= 3);
        QCOMPARE(p->rules.first().id, u"chain-condition"_s);
        QCOMPARE(p->deadlineMs(Category::Fraud), 24LL * 3'600'000);
        QCOMPARE(p->deadlineMs(Category::Policy), 72LL * 3'600'000); // the default
        QVERIFY(p->needsApproval(Severity::Critical));
        QVERIFY(!p->needsApproval(Severity::High));
        QCOMPARE(p->risk.halfLifeMs, 6LL * 3'600'000);
        QCOMPARE(p->risk.criticality(u"swift-gw-01.pci.bank.example"_s), 3.0);
        QCOMPARE(p->risk.criticality(u"someone@else.example"_s), 1.0);
    }

    void policyErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::addRow("not json") << QByteArray("[") << u"not a JSON object"_s;
        QTest::addRow("unknown top key") << QByteArray("{\"rules\":[]}") << u"\"rules\""_s;
        QTest::addRow("bad deadline category")
            << QByteArray("{\"deadlines_hours\":{\"fruit\":3}}") << u"fruit"_s;
        QTest::addRow("bad deadline")
            << QByteArray("{\"deadlines_hours\":{\"fraud\":0}}") << u"positive"_s;
        QTest::addRow("bad severity")
            << QByteArray("{\"approval_severities\":[\"huge\"]}") << u"huge"_s;
        QTest::addRow("bad half-life")
            << QByteArray("{\"risk\":{\"half_life_hours\":0}}") << u"positive"_s;
        QTest::addRow("bad asset")
            << QByteArray("{\"risk\":{\"assets\":[{\"weight\":2}]}}") << u"pattern"_s;
    }
    void policyErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        QString message;
        QVERIFY(!IncidentPolicy::fromJson(json, &message));
        QVERIFY2(message.contains(error), qPrintable(message));
    }

    // Every (status, transition) pair: allowed ones lead where docs/incidents.md says, the
    // others are refused.
    void lifecycle_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("transition");
        QTest::addColumn<int>("to"); // -1: refused
        using S = IncidentStatus;
        using T = IncidentTransition;
        const QList<std::tuple<S, T, int>> table {
            { S::New, T::Acknowledge, int(S::Acknowledged) },
            { S::New, T::Investigate, int(S::Investigating) },
            { S::New, T::Resolve, int(S::Resolved) },
            { S::New, T::FalsePositive, int(S::FalsePositive) },
            { S::New, T::Reopen, -1 },
            { S::Acknowledged, T::Acknowledge, -1 },
            { S::Acknowledged, T::Investigate, int(S::Investigating) },
            { S::Acknowledged, T::Resolve, int(S::Resolved) },
            { S::Acknowledged, T::FalsePositive, int(S::FalsePositive) },
            { S::Acknowledged, T::Reopen, -1 },
            { S::Investigating, T::Acknowledge, -1 },
            { S::Investigating, T::Investigate, -1 },
            { S::Investigating, T::Resolve, int(S::Resolved) },
            { S::Investigating, T::FalsePositive, int(S::FalsePositive) },
            { S::Investigating, T::Reopen, -1 },
            { S::Resolved, T::Acknowledge, -1 },
            { S::Resolved, T::Investigate, -1 },
            { S::Resolved, T::Resolve, -1 },
            { S::Resolved, T::FalsePositive, -1 },
            { S::Resolved, T::Reopen, int(S::Investigating) },
            { S::FalsePositive, T::Acknowledge, -1 },
            { S::FalsePositive, T::Investigate, -1 },
            { S::FalsePositive, T::Resolve, -1 },
            { S::FalsePositive, T::FalsePositive, -1 },
            { S::FalsePositive, T::Reopen, int(S::Investigating) },
        };
        QCOMPARE(table.size(), kIncidentStatusCount * 5);
        for (const auto &[from, t, to] : table) {
            QTest::addRow("%s %s", qPrintable(incidentStatusName(from)),
                qPrintable(incidentTransitionName(t)))
                << int(from) << int(t) << to;
        }
    }
    void lifecycle()
    {
        QFETCH(int, from);
        QFETCH(int, transition);
        QFETCH(int, to);
        const auto next = applyTransition(
            static_cast<IncidentStatus>(from), static_cast<IncidentTransition>(transition));
        QCOMPARE(next ? int(*next) : -1, to);
    }

    void statusNamesRoundTrip()
    {
        QCOMPARE(allIncidentStatusNames(),
            (QStringList { u"new"_s, u"acknowledged"_s, u"investigating"_s, u"resolved"_s,
                u"false_positive"_s }));
        for (const QString &n : allIncidentStatusNames()) {
            QCOMPARE(incidentStatusName(*incidentStatusFromName(n)), n);
        }
        QVERIFY(!incidentStatusFromName(u"closed"_s));
    }

    void identity()
    {
        qputenv("LAKEGUARD_IDENTITY", " officer-7 ");
        QCOMPARE(currentIdentity(), u"officer-7"_s);
        qunsetenv("LAKEGUARD_IDENTITY");
        QVERIFY(!currentIdentity().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_Correlation)
#include "tst_correlation.moc"
