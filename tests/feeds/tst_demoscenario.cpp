// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demoscenario.h"

#include "jsonsupport.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <limits>
#include <random>

using namespace Qt::StringLiterals;
using Lakeguard::Core::Alert;
using Lakeguard::Core::ChainObservation;
using Lakeguard::Core::TimestampMs;
using Lakeguard::Feeds::DemoEvent;
using Lakeguard::Feeds::DemoScenario;

namespace {

constexpr TimestampMs kStart = 1796083200000LL; // 2026-12-01T00:00:00Z
constexpr qint64 kHourMs = 3600 * 1000;

const Alert *alertOf(const DemoEvent &e)
{
    return std::get_if<Alert>(&e.payload);
}

const ChainObservation *observationOf(const DemoEvent &e)
{
    return std::get_if<ChainObservation>(&e.payload);
}

// What identifies an event for comparisons: its time, kind and content fingerprint.
QString keyOf(const DemoEvent &e)
{
    if (const Alert *a = alertOf(e)) {
        return u"%1 A %2 %3"_s.arg(e.at).arg(QString::fromLatin1(a->fingerprint.toHex()), a->title);
    }
    const ChainObservation *o = observationOf(e);
    return u"%1 C %2 %3 %4 %5"_s.arg(e.at).arg(o->node).arg(o->height).arg(o->headHash, o->state);
}

QStringList keysOf(const QList<DemoEvent> &events)
{
    QStringList keys;
    keys.reserve(events.size());
    for (const DemoEvent &e : events) {
        keys.append(keyOf(e));
    }
    return keys;
}

bool inDocumentationRange(const QString &text)
{
    QHostAddress address;
    if (!address.setAddress(text)) {
        return false;
    }
    static const QList<std::pair<QHostAddress, int>> kRanges { QHostAddress::parseSubnet(
                                                                   u"192.0.2.0/24"_s),
        QHostAddress::parseSubnet(u"198.51.100.0/24"_s),
        QHostAddress::parseSubnet(u"203.0.113.0/24"_s),
        QHostAddress::parseSubnet(u"2001:db8::/32"_s) };
    for (const auto &[net, prefix] : kRanges) {
        if (address.isInSubnet(net, prefix)) {
            return true;
        }
    }
    return false;
}

} // namespace

class TestDemoScenario final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void deterministic_data();
    void deterministic();
    void seedsDiffer();
    void windowIndependent_data();
    void windowIndependent();
    void sortedAndInsideWindow_data();
    void sortedAndInsideWindow();
    void outsideTheDayIsEmpty();
    void arcsPresent_data();
    void arcsPresent();
    void alertsWellFormed();
    void addressesInDocumentationRanges();
    void fingerprintsUnique();
    void beatsCaptioned();
    void chainObservations();
    void chainForks();
    void chainLagGrowsAndRecovers();
    void volumeAndDistribution();
    void wholeDayIsFast();

private:
    QList<DemoEvent> m_day; // seed 1, the whole day
};

void TestDemoScenario::initTestCase()
{
    m_day = DemoScenario(1, kStart).eventsBetween(kStart, kStart + DemoScenario::kDurationMs);
    QVERIFY(!m_day.isEmpty());
}

void TestDemoScenario::deterministic_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addRow("seed 1, whole day") << quint64(1) << kStart << kStart + 24 * kHourMs;
    QTest::addRow("seed 42, card arc")
        << quint64(42) << kStart + 13 * kHourMs << kStart + 17 * kHourMs;
    QTest::addRow("seed max, night")
        << std::numeric_limits<quint64>::max() << kStart << kStart + 4 * kHourMs;
}

void TestDemoScenario::deterministic()
{
    QFETCH(quint64, seed);
    QFETCH(qint64, from);
    QFETCH(qint64, to);

    const DemoScenario a(seed, kStart);
    const DemoScenario b(seed, kStart);
    const QList<DemoEvent> ea = a.eventsBetween(from, to);
    const QList<DemoEvent> eb = b.eventsBetween(from, to);
    QVERIFY(!ea.isEmpty());
    QCOMPARE(keysOf(ea), keysOf(eb));
    for (qsizetype i = 0; i < ea.size(); ++i) {
        QCOMPARE(ea[i].captionEn, eb[i].captionEn);
        if (const Alert *x = alertOf(ea[i])) {
            const Alert *y = alertOf(eb[i]);
            QVERIFY(y);
            QCOMPARE(x->raw, y->raw);
            QCOMPARE(x->message, y->message);
        }
    }
}

void TestDemoScenario::seedsDiffer()
{
    const QList<DemoEvent> other
        = DemoScenario(2, kStart).eventsBetween(kStart, kStart + DemoScenario::kDurationMs);
    QVERIFY(keysOf(other) != keysOf(m_day));

    QSet<QByteArray> fingerprints;
    for (const DemoEvent &e : m_day) {
        if (const Alert *a = alertOf(e)) {
            fingerprints.insert(a->fingerprint);
        }
    }
    for (const DemoEvent &e : other) {
        if (const Alert *a = alertOf(e)) {
            QVERIFY2(!fingerprints.contains(a->fingerprint), qPrintable(a->title));
        }
    }
}

void TestDemoScenario::windowIndependent_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<QList<qint64>>("cuts"); // offsets from the start, ms

    QTest::addRow("slot edges") << quint64(1)
                                << QList<qint64> { 0, 60000, 120000, 3600000, 86400000 };
    QTest::addRow("mid-slot") << quint64(1)
                              << QList<qint64> { 0, 1, 59999, 60001, 5 * kHourMs + 7, 86400000 };
    std::mt19937_64 gen(20261201);
    for (quint64 seed : { quint64(1), quint64(7), quint64(123456789) }) {
        QList<qint64> cuts { 0, DemoScenario::kDurationMs };
        std::uniform_int_distribution<qint64> pick(1, DemoScenario::kDurationMs - 1);
        for (int i = 0; i < 12; ++i) {
            cuts.append(pick(gen));
        }
        std::sort(cuts.begin(), cuts.end());
        QTest::addRow("random cuts, seed %llu", seed) << seed << cuts;
    }
}

void TestDemoScenario::windowIndependent()
{
    QFETCH(quint64, seed);
    QFETCH(QList<qint64>, cuts);

    const DemoScenario scenario(seed, kStart);
    const QStringList whole
        = keysOf(scenario.eventsBetween(kStart + cuts.first(), kStart + cuts.last()));
    QStringList pieced;
    for (qsizetype i = 0; i + 1 < cuts.size(); ++i) {
        pieced += keysOf(scenario.eventsBetween(kStart + cuts[i], kStart + cuts[i + 1]));
    }
    QCOMPARE(pieced.size(), whole.size());
    QCOMPARE(pieced, whole);
}

void TestDemoScenario::sortedAndInsideWindow_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addRow("whole day") << kStart << kStart + DemoScenario::kDurationMs;
    QTest::addRow("odd window") << kStart + 14 * kHourMs + 1234 << kStart + 16 * kHourMs + 777;
    QTest::addRow("over both ends") << kStart - kHourMs << kStart + 25 * kHourMs;
    QTest::addRow("one second") << kStart + 15 * kHourMs + 30000 << kStart + 15 * kHourMs + 31000;
}

void TestDemoScenario::sortedAndInsideWindow()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);

    const QList<DemoEvent> events = DemoScenario(3, kStart).eventsBetween(from, to);
    TimestampMs previous = std::numeric_limits<TimestampMs>::min();
    for (const DemoEvent &e : events) {
        QVERIFY(e.at >= from && e.at < to);
        QVERIFY(e.at >= kStart && e.at < kStart + DemoScenario::kDurationMs);
        QVERIFY(e.at >= previous);
        previous = e.at;
        if (const Alert *a = alertOf(e)) {
            QCOMPARE(a->ts, e.at);
            QVERIFY(a->received >= a->ts);
            QVERIFY(a->received - a->ts < 60 * 1000);
        } else {
            QCOMPARE(observationOf(e)->observed, e.at);
        }
    }
}

void TestDemoScenario::outsideTheDayIsEmpty()
{
    const DemoScenario scenario(1, kStart);
    QVERIFY(scenario.eventsBetween(kStart - kHourMs, kStart).isEmpty());
    QVERIFY(scenario.eventsBetween(scenario.end(), scenario.end() + kHourMs).isEmpty());
    QVERIFY(scenario.eventsBetween(kStart + kHourMs, kStart + kHourMs).isEmpty());
    QVERIFY(scenario.eventsBetween(kStart + 2 * kHourMs, kStart + kHourMs).isEmpty());
}

void TestDemoScenario::arcsPresent_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("category");
    QTest::addColumn<int>("fromHour"); // bank hours the arc must fall in
    QTest::addColumn<int>("toHour");

    QTest::addRow("card testing") << u"fraud.card_testing"_s << u"fraud"_s << 13 << 16;
    QTest::addRow("fraud burst") << u"fraud.cash_out_burst"_s << u"fraud"_s << 15 << 16;
    QTest::addRow("stuffing") << u"eve:1000101"_s << u"intrusion"_s << 10 << 12;
    QTest::addRow("takeover") << u"fraud.account_takeover"_s << u"intrusion"_s << 11 << 12;
    QTest::addRow("ddos flood") << u"am:RequestFlood"_s << u"ddos"_s << 15 << 16;
    QTest::addRow("ddos errors") << u"am:HighErrorRate"_s << u"ddos"_s << 15 << 16;
    QTest::addRow("phishing") << u"mail.lookalike_domain"_s << u"phishing"_s << 8 << 9;
    QTest::addRow("phishing click") << u"mail.url_clicked"_s << u"phishing"_s << 8 << 10;
    QTest::addRow("insider export") << u"edr.mass_export"_s << u"insider"_s << 2 << 2;
    QTest::addRow("exfiltration") << u"edr.cloud_upload"_s << u"data-leak"_s << 2 << 3;
    QTest::addRow("chain lag") << u"chain.lag"_s << u"chain"_s << 5 << 5;
    QTest::addRow("chain stall") << u"chain.stall"_s << u"chain"_s << 5 << 5;
    QTest::addRow("chain fork") << u"chain.fork"_s << u"chain"_s << 18 << 19;
    QTest::addRow("chain reorg") << u"chain.reorg"_s << u"chain"_s << 18 << 19;
}

void TestDemoScenario::arcsPresent()
{
    QFETCH(QString, rule);
    QFETCH(QString, category);
    QFETCH(int, fromHour);
    QFETCH(int, toHour);

    for (quint64 seed : { quint64(1), quint64(99) }) {
        const QList<DemoEvent> day = seed == 1
            ? m_day
            : DemoScenario(seed, kStart).eventsBetween(kStart, kStart + 24 * kHourMs);
        int found = 0;
        for (const DemoEvent &e : day) {
            const Alert *a = alertOf(e);
            if (a && a->rule == rule) {
                ++found;
                QCOMPARE(Lakeguard::Core::categoryName(a->category), category);
                const int hour = static_cast<int>((a->ts - kStart) / kHourMs);
                QVERIFY2(hour >= fromHour && hour <= toHour,
                    qPrintable(u"%1 at hour %2"_s.arg(rule).arg(hour)));
            }
        }
        QVERIFY2(found > 0, qPrintable(rule));
    }
}

void TestDemoScenario::alertsWellFormed()
{
    const QSet<QString> feeds = [] {
        QSet<QString> ids;
        for (const auto &[id, type] : DemoScenario::feeds()) {
            ids.insert(id);
        }
        return ids;
    }();
    QCOMPARE(feeds.size(), 6);
    static const QRegularExpression kRule(u"^(eve:\\d+|am:[A-Za-z0-9]+|[a-z]+\\.[a-z0-9_]+)$"_s);

    for (const DemoEvent &e : m_day) {
        const Alert *a = alertOf(e);
        if (!a) {
            continue;
        }
        QCOMPARE(a->source, u"demo"_s);
        QVERIFY2(feeds.contains(a->feed), qPrintable(a->feed));
        QCOMPARE(a->id.value, 0);
        QVERIFY(!a->incident.has_value());
        const int severity = static_cast<int>(a->severity);
        QVERIFY(severity >= 0 && severity < Lakeguard::Core::kSeverityCount);
        const int category = static_cast<int>(a->category);
        QVERIFY(category >= 0 && category < Lakeguard::Core::kCategoryCount);
        QVERIFY2(kRule.match(a->rule).hasMatch(), qPrintable(a->rule));
        QVERIFY(!a->title.isEmpty());
        QVERIFY(!a->message.isEmpty());
        QVERIFY2(!a->entity.isEmpty(), qPrintable(a->rule));
        QCOMPARE(a->fingerprint.size(), 32);

        // raw is compact JSON as the source sent it.
        QString error;
        const auto raw = Lakeguard::Core::parseJsonObject(a->raw, &error);
        QVERIFY2(raw.has_value(), qPrintable(error));
        QCOMPARE(Lakeguard::Core::canonicalJson(*raw), a->raw);
        if (a->category == Lakeguard::Core::Category::Chain) {
            QCOMPARE(a->feed, u"demo-chain"_s);
            QCOMPARE(raw->value(u"chain"_s).toString(), u"fincons"_s);
            QCOMPARE(raw->value(u"node"_s).toString(), a->entity);
        }
        if (a->rule.startsWith(u"eve:"_s)) {
            QCOMPARE(a->feed, u"demo-ids"_s);
            QCOMPARE(u"eve:"_s
                    + QString::number(
                        raw->value(u"alert"_s).toObject().value(u"signature_id"_s).toInteger()),
                a->rule);
        }
    }
}

void TestDemoScenario::addressesInDocumentationRanges()
{
    // Every IPv4-looking token in any field, and every srcIp/dstIp, must be documentation space.
    static const QRegularExpression kIpv4(u"(?<![\\d.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![\\d.])"_s);
    static const QRegularExpression kIpv6(u"\\b[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{0,4}){2,7}\\b"_s);
    int checked = 0;
    for (const DemoEvent &e : m_day) {
        const Alert *a = alertOf(e);
        if (!a) {
            continue;
        }
        for (const QString &ip : { a->srcIp, a->dstIp }) {
            if (!ip.isEmpty()) {
                QVERIFY2(inDocumentationRange(ip), qPrintable(ip));
                ++checked;
            }
        }
        const QString text = QString::fromUtf8(a->raw) + u' ' + a->message + u' ' + a->title;
        for (const QRegularExpression *re : { &kIpv4, &kIpv6 }) {
            auto it = re->globalMatch(text);
            while (it.hasNext()) {
                const QString token = it.next().captured();
                QHostAddress parsed;
                if (parsed.setAddress(token)) { // skips times like 12:30:45
                    QVERIFY2(inDocumentationRange(token), qPrintable(token + u" in "_s + text));
                }
            }
        }
    }
    QVERIFY(checked > 1000);
}

void TestDemoScenario::fingerprintsUnique()
{
    QHash<QByteArray, QString> seen;
    for (const DemoEvent &e : m_day) {
        if (const Alert *a = alertOf(e)) {
            QVERIFY2(!seen.contains(a->fingerprint), qPrintable(a->title));
            seen.insert(a->fingerprint, a->title);
        }
    }
}

void TestDemoScenario::beatsCaptioned()
{
    int beats = 0;
    QSet<QString> beatRules;
    for (const DemoEvent &e : m_day) {
        QCOMPARE(e.captionEn.isEmpty(), e.captionZh.isEmpty());
        if (e.captionEn.isEmpty()) {
            continue;
        }
        ++beats;
        QVERIFY(alertOf(e));
        beatRules.insert(alertOf(e)->rule);
        // The Chinese caption is Chinese, not a copy of the English one.
        const bool hasHan = std::any_of(e.captionZh.cbegin(), e.captionZh.cend(),
            [](QChar c) { return c.script() == QChar::Script_Han; });
        QVERIFY2(hasHan, qPrintable(e.captionZh));
    }
    QVERIFY2(beats >= 25 && beats <= 40, qPrintable(QString::number(beats)));
    // The first alert of every arc is a beat.
    for (const QString &rule : { u"edr.off_hours_logon"_s, u"chain.lag"_s,
             u"mail.lookalike_domain"_s, u"eve:1000101"_s, u"fraud.card_testing"_s,
             u"am:RequestFlood"_s, u"fraud.cash_out_burst"_s, u"chain.fork"_s }) {
        QVERIFY2(beatRules.contains(rule), qPrintable(rule));
        for (const DemoEvent &e : m_day) {
            const Alert *a = alertOf(e);
            if (a && a->rule == rule) {
                QVERIFY2(!e.captionEn.isEmpty(), qPrintable(rule));
                break;
            }
        }
    }
}

void TestDemoScenario::chainObservations()
{
    QHash<QString, int> perNode;
    for (const DemoEvent &e : m_day) {
        const ChainObservation *o = observationOf(e);
        if (!o) {
            continue;
        }
        ++perNode[o->node];
        QCOMPARE(o->chain, u"fincons"_s);
        QVERIFY(o->height > 0);
        QCOMPARE(o->headHash.size(), 66);
        QVERIFY(o->headHash.startsWith(u"0x"_s));
        QVERIFY(o->blockTime <= o->observed);
        QVERIFY(o->lag >= 0);
        QVERIFY(o->latencyMs > 0 && o->latencyMs < 5000);
        QVERIFY(o->peers >= -1 && o->peers <= 3);
        const QStringList states { u"healthy"_s, u"lagging"_s, u"forked"_s, u"stalled"_s };
        QVERIFY2(states.contains(o->state), qPrintable(o->state));
    }
    QCOMPARE(perNode.size(), 4);
    for (auto it = perNode.cbegin(); it != perNode.cend(); ++it) {
        QCOMPARE(it.value(), 24 * 60);
    }
}

void TestDemoScenario::chainForks()
{
    // Given the observations of each polling round
    QMap<qint64, QList<const ChainObservation *>> rounds;
    for (const DemoEvent &e : m_day) {
        if (const ChainObservation *o = observationOf(e)) {
            rounds[(o->observed - kStart) / 60000].append(o);
        }
    }
    // Then some round has two nodes at the same height with different hashes
    int forkedRounds = 0;
    for (const auto &round : std::as_const(rounds)) {
        bool fork = false;
        for (const ChainObservation *x : round) {
            for (const ChainObservation *y : round) {
                if (x->height == y->height && x->headHash != y->headHash) {
                    fork = true;
                }
            }
        }
        if (fork) {
            ++forkedRounds;
            const bool reported = std::any_of(
                round.cbegin(), round.cend(), [](auto *o) { return o->state == u"forked"_s; });
            QVERIFY(reported);
        }
    }
    // for a few minutes only.
    QVERIFY2(forkedRounds >= 3 && forkedRounds <= 10, qPrintable(QString::number(forkedRounds)));

    // And the same height always has the same hash outside the fork.
    QHash<qint64, QString> canonical;
    for (const DemoEvent &e : m_day) {
        const ChainObservation *o = observationOf(e);
        if (o && o->state != u"forked"_s) {
            const QString known = canonical.value(o->height);
            QVERIFY(known.isEmpty() || known == o->headHash);
            canonical.insert(o->height, o->headHash);
        }
    }
}

void TestDemoScenario::chainLagGrowsAndRecovers()
{
    qint64 maxLag = 0;
    qint64 lastLag = 0;
    QString laggard;
    for (const DemoEvent &e : m_day) {
        if (const ChainObservation *o = observationOf(e); o && o->lag > maxLag) {
            maxLag = o->lag;
            laggard = o->node;
        }
    }
    QVERIFY2(maxLag >= 40, qPrintable(QString::number(maxLag)));
    for (const DemoEvent &e : m_day) {
        if (const ChainObservation *o = observationOf(e); o && o->node == laggard) {
            lastLag = o->lag;
        }
    }
    QVERIFY(lastLag <= 1);

    // A lasting condition does not spam: a handful of chain alerts in the whole day.
    int chainAlerts = 0;
    for (const DemoEvent &e : m_day) {
        const Alert *a = alertOf(e);
        if (a && a->category == Lakeguard::Core::Category::Chain) {
            ++chainAlerts;
        }
    }
    QVERIFY2(chainAlerts >= 4 && chainAlerts <= 10, qPrintable(QString::number(chainAlerts)));
}

void TestDemoScenario::volumeAndDistribution()
{
    int alerts = 0;
    std::array<int, Lakeguard::Core::kSeverityCount> bySeverity {};
    std::array<int, 24> byHour {};
    for (const DemoEvent &e : m_day) {
        if (const Alert *a = alertOf(e)) {
            ++alerts;
            ++bySeverity[static_cast<size_t>(a->severity)];
            ++byHour[static_cast<size_t>((a->ts - kStart) / kHourMs)];
        }
    }
    QVERIFY2(
        m_day.size() >= 3000 && m_day.size() <= 15000, qPrintable(QString::number(m_day.size())));
    QVERIFY2(alerts >= 1000, qPrintable(QString::number(alerts)));
    const int lowOrMedium = bySeverity[1] + bySeverity[2];
    QVERIFY(lowOrMedium * 2 > alerts); // mostly low/medium
    QVERIFY(bySeverity[4] > 0 && bySeverity[4] * 20 < alerts); // few critical
    QVERIFY(byHour[10] > byHour[3]); // business hours are busier
}

void TestDemoScenario::wholeDayIsFast()
{
    const DemoScenario scenario(5, kStart);
    QElapsedTimer timer;
    timer.start();
    const QList<DemoEvent> day = scenario.eventsBetween(scenario.start(), scenario.end());
    const qint64 ms = timer.elapsed();
    qInfo("whole day: %lld events in %lld ms", static_cast<long long>(day.size()),
        static_cast<long long>(ms));
    // The budget is for optimised builds; Debug and sanitizer builds only get a sanity bound.
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
    constexpr qint64 kBudgetMs = 1000;
#else
    constexpr qint64 kBudgetMs = 10000;
#endif
    QVERIFY2(ms < kBudgetMs, qPrintable(QString::number(ms)));
}

QTEST_GUILESS_MAIN(TestDemoScenario)
#include "tst_demoscenario.moc"
