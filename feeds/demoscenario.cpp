// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demoscenario.h"

#include "jsonsupport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <vector>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

namespace {

using Core::Alert;
using Core::Category;
using Core::ChainObservation;
using Core::Severity;
using Core::TimestampMs;

// How the day is generated (docs/demo-scenario.md): the day is cut into fixed one-minute slots
// counted from `start`. Every event of a slot is made from generators seeded with (seed, slot,
// stream) and lies inside its slot, so any window is the union of whole or cut slots and the
// events of [a,b) + [b,c) are exactly those of [a,c). Nothing is carried from slot to slot: the
// arcs are closed-form functions of simulated time.
constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kSlotMs = kMinute; // generation unit and chain polling interval
constexpr qint64 kBlockMs = 2 * kSecond; // fincons block time
constexpr qint64 kLagThreshold = 5; // blocks behind before a node counts as lagging
constexpr qint64 kArcJitterS = 600; // arcs move up to ±10 min with the seed

constexpr QStringView kChain = u"fincons";
constexpr std::array<QStringView, 4> kNodes { u"validator-1.sh", u"validator-2.hk",
    u"validator-3.gz", u"validator-4.bj" };
constexpr int kLaggingNode = 2; // validator-3.gz
constexpr int kForkingNode = 3; // validator-4.bj
constexpr int kSilentPeersNode = 1; // validator-2.hk does not expose net_peerCount

// One independent generator per stream and slot: a change in one arc never moves the random
// numbers of another.
enum class Stream : quint64 {
    Plan = 1,
    Ids,
    Fraud,
    Waf,
    Mail,
    Edr,
    Chain,
    Insider,
    Phishing,
    Stuffing,
    CardFraud,
    Ddos,
};

constexpr quint64 splitmix64(quint64 &state)
{
    state += 0x9e3779b97f4a7c15ULL;
    quint64 z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

class Rng final
{
public:
    Rng(quint64 seed, qint64 slot, Stream stream)
    {
        quint64 s = seed;
        s = splitmix64(s) ^ static_cast<quint64>(slot);
        s = splitmix64(s) ^ static_cast<quint64>(stream);
        m_state = splitmix64(s);
    }

    quint64 next() { return splitmix64(m_state); }
    // Uniform in [0, n); n > 0. The modulo bias is far below anything a demo can show.
    qint64 below(qint64 n) { return static_cast<qint64>(next() % static_cast<quint64>(n)); }
    qint64 between(qint64 lo, qint64 hi) { return lo + below(hi - lo + 1); }
    bool chance(int percent) { return below(100) < percent; }

    template<typename T>
    const T &pick(const T *items, size_t count)
    {
        return items[below(static_cast<qint64>(count))];
    }
    template<typename T, size_t N>
    const T &pick(const std::array<T, N> &items)
    {
        return pick(items.data(), N);
    }

    // Index drawn with the given integer weights.
    int weighted(std::initializer_list<int> weights)
    {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        qint64 r = below(total);
        int i = 0;
        for (int w : weights) {
            if (r < w) {
                return i;
            }
            r -= w;
            ++i;
        }
        return i - 1;
    }

private:
    quint64 m_state = 0;
};

// Where the arcs sit in this seed's day (absolute UTC ms).
struct Plan
{
    TimestampMs genesis = 0;
    TimestampMs insider = 0; // ~02:10
    TimestampMs chainLag = 0; // ~05:00
    TimestampMs phishing = 0; // ~08:40
    TimestampMs stuffing = 0; // ~10:50
    TimestampMs cardTesting = 0; // ~14:00; DDoS at +70 min, fraud burst at +85 min
    TimestampMs chainFork = 0; // ~19:00
};

Plan makePlan(quint64 seed, TimestampMs start)
{
    Rng rng(seed, -1, Stream::Plan);
    const auto at = [&](qint64 nominal) {
        return start + nominal + rng.between(-kArcJitterS, kArcJitterS) * kSecond;
    };
    Plan p;
    // A fixed genesis (2024-03-01) lets heights advance with real time; days before it get one
    // 180 days before their start.
    constexpr TimestampMs kGenesis = 1709251200000LL;
    p.genesis = start > kGenesis + 30 * 24 * kHour ? kGenesis
                                                   : start - start % kBlockMs - 180 * 24 * kHour;
    p.insider = at(2 * kHour + 10 * kMinute);
    p.chainLag = at(5 * kHour);
    p.phishing = at(8 * kHour + 40 * kMinute);
    p.stuffing = at(10 * kHour + 50 * kMinute);
    p.cardTesting = at(14 * kHour);
    p.chainFork = at(19 * kHour);
    return p;
}

// Share of the daily volume by hour of the bank's day (start = 00:00), in percent of a busy hour.
constexpr std::array<int, 24> kBusinessCurve { 35, 30, 25, 25, 25, 30, 45, 70, 95, 110, 120, 120,
    110, 115, 120, 115, 105, 90, 75, 65, 55, 50, 45, 40 };

// Expected events per minute, in thousandths, for a feed with `baseMilli` in an average hour of
// which `diurnalPercent` follows the business curve and the rest is flat (internet noise).
qint64 diurnalRate(int baseMilli, int diurnalPercent, int hour)
{
    const int curve = kBusinessCurve.at(static_cast<size_t>(std::clamp(hour, 0, 23)));
    return qint64(baseMilli) * ((100 - diurnalPercent) * 70 + diurnalPercent * curve) / 7000;
}

// --- entities -------------------------------------------------------------------------------

struct Host
{
    QStringView name;
    QStringView ip;
};

constexpr Host kOnlineBanking { u"ib-web-01.dmz.bank.example", u"192.0.2.20" };
constexpr Host kMobileApi { u"mapi-gw-01.dmz.bank.example", u"192.0.2.21" };
constexpr Host kMailGateway { u"mail-gw-01.dmz.bank.example", u"192.0.2.25" };
constexpr Host kPaymentGateway { u"pay-gw-01.pci.bank.example", u"192.0.2.30" };
constexpr Host kCoreDb { u"cbs-db-02.core.bank.example", u"192.0.2.52" };
constexpr Host kDbaWorkstation { u"ws-dba-0112.corp.bank.example", u"192.0.2.112" };

constexpr std::array<Host, 6> kDmzHosts { kOnlineBanking, kMobileApi, kMailGateway, kPaymentGateway,
    Host { u"vpn-01.dmz.bank.example", u"192.0.2.5" },
    Host { u"www-02.dmz.bank.example", u"192.0.2.11" } };

constexpr std::array<QStringView, 12> kStaff { u"a.novak", u"l.chen", u"m.garcia", u"s.okafor",
    u"j.kowalski", u"r.tanaka", u"p.muller", u"h.wang", u"e.rossi", u"k.singh", u"y.zhao",
    u"d.murphy" };

constexpr std::array<QStringView, 6> kServers { u"cbs-app-01.core.bank.example",
    u"cbs-db-03.core.bank.example", u"swift-gw-01.pci.bank.example", u"ad-dc-01.corp.bank.example",
    u"hsm-mgmt-01.pci.bank.example", u"etl-02.data.bank.example" };

constexpr QStringView kInsider = u"m.hale";
constexpr QStringView kLookalike = u"bannk.example";
constexpr QStringView kTestedBin = u"453918";
constexpr QStringView kTestingMerchant = u"MRC-40417";
constexpr QStringView kTestingMerchantName = u"donate-now.example";

QString externalIpv4(Rng &rng)
{
    const QStringView net = rng.chance(50) ? u"198.51.100." : u"203.0.113.";
    return net.toString() + QString::number(rng.between(1, 254));
}

QString externalIp(Rng &rng, int ipv6Percent)
{
    if (rng.chance(ipv6Percent)) {
        return u"2001:db8:%1:%2::%3"_s.arg(rng.between(0x10, 0xfff), 0, 16)
            .arg(rng.between(1, 0xffff), 0, 16)
            .arg(rng.between(1, 0xffff), 0, 16);
    }
    return externalIpv4(rng);
}

QString workstation(Rng &rng, QString *ip)
{
    const qint64 n = rng.between(100, 199);
    *ip = u"192.0.2."_s + QString::number(n);
    return u"ws-%1.corp.bank.example"_s.arg(n + 1000, 4, 10, QChar(u'0'));
}

QString digits(Rng &rng, int count)
{
    QString s;
    for (int i = 0; i < count; ++i) {
        s.append(QChar(u'0' + static_cast<char16_t>(rng.below(10))));
    }
    return s;
}

QString maskedAccount(Rng &rng)
{
    return u"****"_s + digits(rng, 4);
}

QString maskedCard(Rng &rng, QStringView bin)
{
    return bin.toString() + u"******"_s + digits(rng, 4);
}

// "EUR 12,400.00" from integer minor units (STYLE.md 11: never double money).
QString formatMoney(qint64 minor)
{
    QString units = QString::number(minor / 100);
    for (qsizetype i = units.size() - 3; i > 0; i -= 3) {
        units.insert(i, u',');
    }
    return u"EUR %1.%2"_s.arg(units).arg(minor % 100, 2, 10, QChar(u'0'));
}

QString hex(Rng &rng, int chars)
{
    QString s;
    for (int i = 0; i < chars; ++i) {
        s.append(QChar(u"0123456789abcdef"[rng.below(16)]));
    }
    return s;
}

// Suricata writes microseconds and a numeric offset.
QString eveTime(TimestampMs t)
{
    QString iso = Core::formatIsoTimestamp(t);
    iso.chop(1);
    return iso + u"000+0000"_s;
}

// --- the slot generator ---------------------------------------------------------------------

struct Draft
{
    TimestampMs at = 0;
    qint64 delayMs = 0;
    QStringView feed;
    Severity severity = Severity::Low;
    Category category = Category::Other;
    QString rule;
    QString title;
    QString message;
    QString entity;
    QString srcIp;
    QString dstIp;
    QJsonObject raw;
    QString captionEn;
    QString captionZh;
};

struct EveSignature
{
    int sid;
    int rev;
    QStringView signature;
    QStringView classtype;
    int eveSeverity; // 1 high … 3 low, 4 info (CONTRACT.md mapping)
    Category category;
    int weight;
    int port;
    QStringView proto;
    bool inbound;
};

// Background IDS signatures. Ids and names follow the ET Open style; they are illustrative.
constexpr std::array<EveSignature, 11> kEveNoise { {
    { 2001219, 20, u"ET SCAN Potential SSH Scan", u"Attempted Information Leak", 3,
        Category::Intrusion, 22, 22, u"TCP", true },
    { 2009358, 6, u"ET SCAN Nmap Scripting Engine User-Agent Detected (Nmap Scripting Engine)",
        u"Web Application Attack", 3, Category::Intrusion, 12, 443, u"TCP", true },
    { 2010937, 3, u"ET SCAN Suspicious inbound to mySQL port 3306", u"Potentially Bad Traffic", 2,
        Category::Intrusion, 8, 3306, u"TCP", true },
    { 2011716, 5, u"ET SCAN Sipvicious User-Agent Detected (friendly-scanner)",
        u"Attempted Information Leak", 3, Category::Intrusion, 8, 5060, u"UDP", true },
    { 2006446, 13, u"ET WEB_SERVER Possible SQL Injection Attempt UNION SELECT",
        u"Web Application Attack", 1, Category::Intrusion, 3, 443, u"TCP", true },
    { 2019401, 2, u"ET POLICY Vulnerable Java Version 1.8.x Detected",
        u"Potential Corporate Privacy Violation", 3, Category::Policy, 10, 80, u"TCP", false },
    { 2013028, 7, u"ET POLICY curl User-Agent Outbound", u"Attempted Information Leak", 4,
        Category::Policy, 12, 443, u"TCP", false },
    { 2027865, 4, u"ET INFO Observed DNS Query to .cloud TLD", u"Potentially Bad Traffic", 4,
        Category::Other, 10, 53, u"UDP", false },
    { 2018959, 4, u"ET POLICY PE EXE or DLL Windows file download HTTP",
        u"Potential Corporate Privacy Violation", 2, Category::Policy, 5, 80, u"TCP", false },
    { 2221010, 1, u"SURICATA HTTP unable to match response to request",
        u"Generic Protocol Command Decode", 3, Category::Other, 8, 80, u"TCP", true },
    { 2035595, 2, u"ET MALWARE Observed Cobalt Strike User-Agent", u"A Network Trojan was detected",
        1, Category::Malware, 1, 443, u"TCP", false },
} };

Severity eveSeverityToLevel(int eveSeverity)
{
    switch (eveSeverity) {
    case 1:
        return Severity::High;
    case 2:
        return Severity::Medium;
    case 3:
        return Severity::Low;
    default:
        return Severity::Info;
    }
}

QString alertmanagerLabel(Severity s)
{
    switch (s) {
    case Severity::Info:
        return u"info"_s;
    case Severity::Low:
        return u"low"_s;
    case Severity::Medium:
        return u"warning"_s;
    case Severity::High:
        return u"error"_s;
    case Severity::Critical:
        return u"critical"_s;
    }
    return u"warning"_s;
}

// Makes every event of one slot, in time order (ties in generation order).
class SlotGenerator final
{
public:
    SlotGenerator(quint64 seed, const Plan &plan, TimestampMs dayStart, qint64 slot)
        : m_seed(seed)
        , m_plan(plan)
        , m_dayStart(dayStart)
        , m_slot(slot)
        , m_slotStart(dayStart + slot * kSlotMs)
        , m_slotEnd(m_slotStart + kSlotMs)
    { }

    std::vector<DemoEvent> run()
    {
        chainRound();
        idsNoise();
        fraudNoise();
        wafNoise();
        mailNoise();
        edrNoise();
        insiderArc();
        phishingArc();
        stuffingArc();
        cardFraudArc();
        ddosArc();
        std::stable_sort(m_events.begin(), m_events.end(),
            [](const DemoEvent &a, const DemoEvent &b) { return a.at < b.at; });
        return std::move(m_events);
    }

private:
    bool inSlot(TimestampMs t) const { return t >= m_slotStart && t < m_slotEnd; }
    int hour() const { return static_cast<int>((m_slotStart - m_dayStart) / kHour); }

    // Arrival times in this slot of a process running at `rateMilli` events per minute (in
    // thousandths) over [from, to): a binomial over 20 trials, integer math only.
    std::vector<TimestampMs> arrivals(Rng &rng, qint64 rateMilli, TimestampMs from, TimestampMs to)
    {
        std::vector<TimestampMs> out;
        const TimestampMs lo = std::max(from, m_slotStart);
        const TimestampMs hi = std::min(to, m_slotEnd);
        if (lo >= hi || rateMilli <= 0) {
            return out;
        }
        constexpr int kTrials = 20;
        const qint64 threshold = rateMilli * (hi - lo) / kSlotMs; // out of kTrials * 1000
        for (int i = 0; i < kTrials; ++i) {
            if (rng.below(kTrials * 1000) < threshold) {
                out.push_back(lo + rng.below(hi - lo));
            }
        }
        return out;
    }

    void emitAlert(Stream stream, Draft &&d);
    void emitEve(Stream stream, Rng &rng, TimestampMs at, const EveSignature &sig,
        const QString &src, const QString &dst, const QString &entity, int dport,
        const QString &extra = {});

    void chainRound();
    void chainAlerts(Rng &rng, TimestampMs at);
    void idsNoise();
    void fraudNoise();
    void wafNoise();
    void mailNoise();
    void edrNoise();
    void insiderArc();
    void phishingArc();
    void stuffingArc();
    void cardFraudArc();
    void ddosArc();

    Draft fraudDraft(Rng &rng, TimestampMs at, QStringView rule, Severity severity,
        Category category, QJsonObject fields);
    Draft amDraft(Rng &rng, TimestampMs at, QStringView alertname, Severity severity,
        Category category, QStringView service, const QString &summary, const QString &description,
        bool resolved = false);
    Draft mailDraft(Rng &rng, TimestampMs at, QStringView rule, Severity severity,
        Category category, QJsonObject fields);
    Draft edrDraft(Rng &rng, TimestampMs at, QStringView rule, Severity severity, Category category,
        const QString &host, const QString &user, QJsonObject fields);

    const quint64 m_seed;
    const Plan &m_plan;
    const TimestampMs m_dayStart;
    const qint64 m_slot;
    const TimestampMs m_slotStart;
    const TimestampMs m_slotEnd;
    std::vector<DemoEvent> m_events;
    int m_ordinal = 0;
};

void SlotGenerator::emitAlert(Stream stream, Draft &&d)
{
    Alert a;
    a.ts = d.at;
    a.received = d.at + d.delayMs;
    a.feed = d.feed.toString();
    a.source = u"demo"_s;
    a.severity = d.severity;
    a.category = d.category;
    a.rule = d.rule;
    a.title = d.title;
    a.message = d.message;
    a.entity = d.entity;
    a.srcIp = d.srcIp;
    a.dstIp = d.dstIp;
    a.raw = Core::canonicalJson(d.raw);
    // Where the event was made, then the record itself: distinct for every event of the day,
    // stable for a seed and start, so replaying a window into the store adds nothing.
    const QByteArray where = "bank-day\x1f" + QByteArray::number(m_seed) + '\x1f'
        + QByteArray::number(m_slot) + '\x1f' + QByteArray::number(static_cast<quint64>(stream))
        + '\x1f' + QByteArray::number(m_ordinal++) + '\x1f' + a.feed.toUtf8() + '\x1f'
        + a.rule.toUtf8() + '\x1f' + a.entity.toUtf8() + '\x1f';
    a.fingerprint = Core::fingerprintOf(u"demo", where + a.raw);
    a.fingerprintCoversTime = true; // the time is in the record
    m_events.push_back(
        DemoEvent { d.at, std::move(a), std::move(d.captionEn), std::move(d.captionZh) });
}

void SlotGenerator::emitEve(Stream stream, Rng &rng, TimestampMs at, const EveSignature &sig,
    const QString &src, const QString &dst, const QString &entity, int dport, const QString &extra)
{
    const int sport = static_cast<int>(rng.between(1024, 65535));
    const QString sensor = sig.inbound ? u"ids-dmz-01"_s : u"ids-core-01"_s;
    QJsonObject alert { { u"action"_s, u"allowed"_s }, { u"gid"_s, 1 },
        { u"signature_id"_s, sig.sid }, { u"rev"_s, sig.rev },
        { u"signature"_s, sig.signature.toString() }, { u"category"_s, sig.classtype.toString() },
        { u"severity"_s, sig.eveSeverity } };
    QJsonObject raw { { u"timestamp"_s, eveTime(at) },
        { u"flow_id"_s, static_cast<qint64>(rng.next() >> 13) },
        { u"in_iface"_s, sig.inbound ? u"ens1f0"_s : u"ens2f1"_s }, { u"event_type"_s, u"alert"_s },
        { u"src_ip"_s, src }, { u"src_port"_s, sport }, { u"dest_ip"_s, dst },
        { u"dest_port"_s, dport }, { u"proto"_s, sig.proto.toString() }, { u"alert"_s, alert },
        { u"host"_s, sensor } };
    Draft d;
    d.at = at;
    d.delayMs = rng.between(200, 1500);
    d.feed = u"demo-ids";
    d.severity = eveSeverityToLevel(sig.eveSeverity);
    d.category = sig.category;
    d.rule = u"eve:"_s + QString::number(sig.sid);
    d.title = sig.signature.toString();
    d.message = u"Suricata %1: %2 from %3 port %4 to %5 (%6 port %7/%8)."_s.arg(sensor,
        sig.classtype.toString(), src, QString::number(sport), entity, dst, QString::number(dport),
        sig.proto.toString());
    if (!extra.isEmpty()) {
        d.message += u' ' + extra;
    }
    d.entity = entity;
    d.srcIp = src;
    d.dstIp = dst;
    d.raw = raw;
    emitAlert(stream, std::move(d));
}

// --- the fincons chain -------------------------------------------------------------------------

// Lag arc of validator-3.gz, by time since the arc started: it drifts 10 blocks behind over
// 20 min while its peers drop, stops importing for 90 s, then syncs back over 23.5 min.
enum class LagPhase { None, Drift, Stall, CatchUp };

constexpr qint64 kDriftMs = 20 * kMinute;
constexpr qint64 kStallMs = 90 * kSecond;
constexpr qint64 kCatchUpEndMs = 45 * kMinute;
constexpr qint64 kDriftBlocks = 10;
constexpr qint64 kPeakLag = kDriftBlocks + kStallMs / kBlockMs; // 55
constexpr qint64 kForkMs = 6 * kMinute;

LagPhase lagPhase(qint64 dt)
{
    if (dt < 0 || dt >= kCatchUpEndMs) {
        return LagPhase::None;
    }
    if (dt < kDriftMs) {
        return LagPhase::Drift;
    }
    if (dt < kDriftMs + kStallMs) {
        return LagPhase::Stall;
    }
    return LagPhase::CatchUp;
}

qint64 bestHeight(const Plan &plan, TimestampMs t)
{
    return (t - plan.genesis) / kBlockMs;
}

// Blocks validator-3.gz is behind the best node at time t (the best node never lags).
qint64 laggingNodeLag(const Plan &plan, TimestampMs t)
{
    const qint64 dt = t - plan.chainLag;
    switch (lagPhase(dt)) {
    case LagPhase::None:
        return 0;
    case LagPhase::Drift:
        return kDriftBlocks * dt / kDriftMs;
    case LagPhase::Stall:
        // Height frozen at the drift's end while the chain moves on.
        return bestHeight(plan, t) - (bestHeight(plan, plan.chainLag + kDriftMs) - kDriftBlocks);
    case LagPhase::CatchUp:
        return kPeakLag * (kCatchUpEndMs - dt) / (kCatchUpEndMs - kDriftMs - kStallMs);
    }
    return 0;
}

bool forked(const Plan &plan, TimestampMs t)
{
    return t >= plan.chainFork && t < plan.chainFork + kForkMs;
}

QString blockHash(quint64 seed, int branch, qint64 height)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(u"fincons:%1:%2:%3"_s.arg(seed).arg(branch).arg(height).toUtf8());
    return u"0x"_s + QString::fromLatin1(h.result().toHex());
}

TimestampMs roundTime(TimestampMs slotStart)
{
    return slotStart + 5 * kSecond;
}

void SlotGenerator::chainRound()
{
    Rng rng(m_seed, m_slot, Stream::Chain);
    const TimestampMs t = roundTime(m_slotStart);
    const qint64 best = bestHeight(m_plan, t);
    const LagPhase phase = lagPhase(t - m_plan.chainLag);
    const bool isForked = forked(m_plan, t);

    for (int i = 0; i < static_cast<int>(kNodes.size()); ++i) {
        ChainObservation o;
        o.chain = kChain.toString();
        o.node = kNodes[static_cast<size_t>(i)].toString();
        o.height = best;
        o.peers = 3;
        o.state = u"healthy"_s;
        int branch = 0;
        qint64 latLo = 15 + 12 * i;
        qint64 latHi = 45 + 30 * i;

        // Followers sometimes have not imported the newest block yet; validator-1.sh is the
        // in-turn sealer nearest the monitor and always has.
        if (i != 0 && rng.chance(15)) {
            o.height = best - 1;
        }
        if (i == kLaggingNode && phase != LagPhase::None) {
            o.height = best - laggingNodeLag(m_plan, t);
            latLo = 300;
            latHi = 1400;
            switch (phase) {
            case LagPhase::Drift:
                o.peers = (t - m_plan.chainLag) < kDriftMs / 2 ? 2 : 1;
                break;
            case LagPhase::Stall:
                o.peers = 0;
                latLo = 1800;
                latHi = 2900;
                o.state = u"stalled"_s;
                break;
            case LagPhase::CatchUp:
                o.peers = 2;
                o.syncing = true;
                break;
            case LagPhase::None:
                break;
            }
        }
        if (isForked) {
            // validator-4.bj is cut off and seals its own branch; the rest lose one peer.
            if (i == kForkingNode) {
                o.height = best;
                o.peers = 0;
                o.state = u"forked"_s;
                branch = 1;
            } else {
                o.peers = 2;
            }
        }
        if (i == kSilentPeersNode) {
            o.peers = -1;
        }
        o.lag = best - o.height;
        if (o.state == u"healthy"_s && o.lag > kLagThreshold) {
            o.state = u"lagging"_s;
        }
        o.headHash = blockHash(m_seed, branch, o.height);
        o.blockTime = m_plan.genesis + o.height * kBlockMs;
        o.latencyMs = static_cast<int>(rng.between(latLo, latHi));
        o.observed = t + i * 40 + o.latencyMs;
        m_events.push_back(DemoEvent { o.observed, std::move(o), {}, {} });
    }
    chainAlerts(rng, t + 3 * kSecond);
}

// Alerts at the onset, escalation and end of the chain arcs, found by comparing this round with
// the previous one through the closed-form arc functions (so no state crosses slots).
void SlotGenerator::chainAlerts(Rng &rng, TimestampMs at)
{
    const TimestampMs t = roundTime(m_slotStart);
    const TimestampMs prev = t - kSlotMs;
    const QString lagNode = kNodes[kLaggingNode].toString();
    const QString forkNode = kNodes[kForkingNode].toString();
    const qint64 best = bestHeight(m_plan, t);

    const auto chainDraft = [&](QStringView rule, Severity severity, const QString &node,
                                const QString &title, const QString &message, QJsonObject raw) {
        Draft d;
        d.at = at;
        d.delayMs = rng.between(50, 400);
        d.feed = u"demo-chain";
        d.severity = severity;
        d.category = Category::Chain;
        d.rule = rule.toString();
        d.title = title;
        d.message = message;
        d.entity = node;
        raw.insert(u"chain"_s, kChain.toString());
        raw.insert(u"node"_s, node);
        raw.insert(u"rpc"_s, u"https://%1.fincons.example:8545"_s.arg(node));
        raw.insert(u"rule"_s, rule.toString());
        raw.insert(u"observed"_s, Core::formatIsoTimestamp(t));
        raw.insert(u"best_height"_s, best);
        d.raw = raw;
        return d;
    };

    const qint64 lagNow = laggingNodeLag(m_plan, t);
    const qint64 lagPrev = laggingNodeLag(m_plan, prev);
    const LagPhase phaseNow = lagPhase(t - m_plan.chainLag);
    const LagPhase phasePrev = lagPhase(prev - m_plan.chainLag);

    if (lagNow > kLagThreshold && lagPrev <= kLagThreshold && phaseNow == LagPhase::Drift) {
        Draft d = chainDraft(u"chain.lag", Severity::Medium, lagNode,
            u"%1 is %2 blocks behind"_s.arg(lagNode).arg(lagNow),
            u"%1 reports height %2 while the best node is at %3 (threshold %4 "
            u"blocks); it has lost peers (1 of 3 connected)."_s.arg(lagNode)
                .arg(best - lagNow)
                .arg(best)
                .arg(kLagThreshold),
            { { u"height"_s, best - lagNow }, { u"lag"_s, lagNow }, { u"peers"_s, 1 } });
        d.captionEn = u"Consortium chain: validator-3.gz starts falling behind"_s;
        d.captionZh = u"联盟链：validator-3.gz 节点开始同步落后"_s;
        emitAlert(Stream::Chain, std::move(d));
    }
    if (phaseNow == LagPhase::Stall && phasePrev != LagPhase::Stall) {
        const qint64 height = best - lagNow;
        const qint64 ageS = (t - (m_plan.genesis + height * kBlockMs)) / kSecond;
        Draft d = chainDraft(u"chain.stall", Severity::High, lagNode,
            u"%1 stopped importing blocks"_s.arg(lagNode),
            u"%1 head is still block %2, %3 s old (expected a block every 2 s); "
            u"no peers connected."_s.arg(lagNode)
                .arg(height)
                .arg(ageS),
            { { u"height"_s, height }, { u"block_age_s"_s, ageS }, { u"peers"_s, 0 } });
        d.captionEn = u"validator-3.gz stalls: no new blocks, no peers"_s;
        d.captionZh = u"validator-3.gz 停止出块同步，已无对等节点"_s;
        emitAlert(Stream::Chain, std::move(d));
    }
    if (lagNow >= 40 && lagPrev < 40) {
        Draft d = chainDraft(u"chain.lag", Severity::High, lagNode,
            u"%1 is %2 blocks behind"_s.arg(lagNode).arg(lagNow),
            u"%1 lag grew to %2 blocks (%3 s of chain time); balances read from "
            u"this node are stale."_s.arg(lagNode)
                .arg(lagNow)
                .arg(lagNow * 2),
            { { u"height"_s, best - lagNow }, { u"lag"_s, lagNow } });
        d.captionEn = u"validator-3.gz is now more than 40 blocks behind"_s;
        d.captionZh = u"validator-3.gz 落后已超过 40 个区块"_s;
        emitAlert(Stream::Chain, std::move(d));
    }
    if (lagNow == 0 && lagPrev > 0 && phasePrev == LagPhase::CatchUp) {
        Draft d = chainDraft(u"chain.lag", Severity::Info, lagNode, u"%1 caught up"_s.arg(lagNode),
            u"%1 is back at the best height %2 with 3 peers; lag cleared."_s.arg(lagNode).arg(best),
            { { u"height"_s, best }, { u"lag"_s, 0 }, { u"peers"_s, 3 } });
        d.captionEn = u"validator-3.gz has caught up; the consortium is in sync again"_s;
        d.captionZh = u"validator-3.gz 已追上最新高度，联盟链恢复同步"_s;
        emitAlert(Stream::Chain, std::move(d));
    }

    const bool forkNow = forked(m_plan, t);
    const bool forkPrev = forked(m_plan, prev);
    if (forkNow && !forkPrev) {
        const QString ours = blockHash(m_seed, 1, best);
        const QString theirs = blockHash(m_seed, 0, best);
        const QString oursShort = ours.left(18) + u"…"_s;
        const QString theirsShort = theirs.left(18) + u"…"_s;
        Draft d = chainDraft(u"chain.fork", Severity::Critical, forkNode,
            u"Fork at height %1: %2 disagrees with the consortium"_s.arg(best).arg(forkNode),
            u"At height %1 %2 reports %3 while validator-1.sh, validator-2.hk and validator-3.gz "
            u"report %4; %2 has no peers (network partition)."_s.arg(best)
                .arg(forkNode, oursShort, theirsShort),
            { { u"height"_s, best }, { u"head_hash"_s, ours }, { u"peer_hash"_s, theirs },
                { u"peer_node"_s, kNodes[0].toString() } });
        d.captionEn = u"Fork: validator-4.bj seals a different block at the same height"_s;
        d.captionZh = u"分叉：validator-4.bj 在同一高度产生了不同的区块"_s;
        emitAlert(Stream::Chain, std::move(d));
    }
    if (!forkNow && forkPrev) {
        // The blocks validator-4.bj sealed on its own branch are the ones it throws away.
        const qint64 depth = bestHeight(m_plan, m_plan.chainFork + kForkMs - 1)
            - bestHeight(m_plan, m_plan.chainFork) + 1;
        const QString head = blockHash(m_seed, 0, best);
        Draft d = chainDraft(u"chain.reorg", Severity::Medium, forkNode,
            u"%1 reorganised %2 blocks"_s.arg(forkNode).arg(depth),
            u"%1 rejoined its peers and replaced %2 blocks of its own branch with the canonical "
            u"chain; head is now %3 at height %4."_s.arg(forkNode)
                .arg(depth)
                .arg(head.left(18) + u"…"_s)
                .arg(best),
            { { u"height"_s, best }, { u"depth"_s, depth }, { u"head_hash"_s, head } });
        d.captionEn = u"validator-4.bj reorgs back to the canonical chain; fork resolved"_s;
        d.captionZh = u"validator-4.bj 发生链重组，回到主链，分叉解除"_s;
        emitAlert(Stream::Chain, std::move(d));
    }
}

// --- background noise ----------------------------------------------------------------------

void SlotGenerator::idsNoise()
{
    Rng rng(m_seed, m_slot, Stream::Ids);
    const qint64 rate = diurnalRate(900, 30, hour());
    for (TimestampMs at : arrivals(rng, rate, m_slotStart, m_slotEnd)) {
        int total = 0;
        for (const EveSignature &s : kEveNoise) {
            total += s.weight;
        }
        qint64 r = rng.below(total);
        const EveSignature *sig = &kEveNoise[0];
        for (const EveSignature &s : kEveNoise) {
            if (r < s.weight) {
                sig = &s;
                break;
            }
            r -= s.weight;
        }
        if (sig->inbound) {
            const Host &host = rng.pick(kDmzHosts);
            emitEve(Stream::Ids, rng, at, *sig, externalIp(rng, 10), host.ip.toString(),
                host.name.toString(), sig->port);
        } else {
            QString wsIp;
            const QString ws = workstation(rng, &wsIp);
            emitEve(Stream::Ids, rng, at, *sig, wsIp, externalIpv4(rng), ws, sig->port);
        }
    }
}

Draft SlotGenerator::fraudDraft(Rng &rng, TimestampMs at, QStringView rule, Severity severity,
    Category category, QJsonObject fields)
{
    Draft d;
    d.at = at;
    d.delayMs = rng.between(80, 900);
    d.feed = u"demo-fraud";
    d.severity = severity;
    d.category = category;
    d.rule = rule.toString();
    fields.insert(u"ts"_s, Core::formatIsoTimestamp(at));
    fields.insert(u"engine"_s, u"fraud-engine/pay-gw"_s);
    fields.insert(u"rule"_s, d.rule);
    fields.insert(u"severity"_s, Core::severityName(severity));
    fields.insert(u"case_id"_s, u"FE-%1"_s.arg(rng.between(1000000, 9999999)));
    d.raw = fields;
    return d;
}

void SlotGenerator::fraudNoise()
{
    Rng rng(m_seed, m_slot, Stream::Fraud);
    static constexpr std::array<QStringView, 9> kCountries { u"PT", u"DE", u"NG", u"BR", u"TH",
        u"US", u"GB", u"SG", u"AE" };
    static constexpr std::array<QStringView, 6> kBins { u"448527", u"520473", u"401288", u"535622",
        u"479851", u"410039" };
    const qint64 rate = diurnalRate(500, 90, hour());
    for (TimestampMs at : arrivals(rng, rate, m_slotStart, m_slotEnd)) {
        const QString account = maskedAccount(rng);
        const QString card = maskedCard(rng, rng.pick(kBins));
        const int score = static_cast<int>(rng.between(55, 92));
        Draft d;
        switch (rng.weighted({ 25, 15, 12, 25, 4, 3, 16 })) {
        case 0: {
            const qint64 n = rng.between(5, 9);
            d = fraudDraft(rng, at, u"fraud.velocity",
                rng.chance(80) ? Severity::Low : Severity::Medium, Category::Fraud,
                { { u"card"_s, card }, { u"count"_s, n }, { u"window_s"_s, 600 },
                    { u"channel"_s, u"card-present"_s }, { u"score"_s, score },
                    { u"decision"_s, u"review"_s } });
            d.title = u"Velocity: %1 card-present transactions in 10 min"_s.arg(n);
            d.message = u"Card %1 made %2 card-present purchases within 10 minutes (profile: 2 "
                        u"a day); score %3, sent to review."_s.arg(card)
                            .arg(n)
                            .arg(score);
            d.entity = u"card "_s + card;
            break;
        }
        case 1: {
            constexpr qint64 n = static_cast<qint64>(kCountries.size());
            const qint64 ia = rng.below(n);
            const qint64 ib = (ia + rng.between(1, n - 1)) % n; // never the same country
            const QStringView a = kCountries[static_cast<size_t>(ia)];
            const QStringView b = kCountries[static_cast<size_t>(ib)];
            const qint64 gap = rng.between(12, 110);
            d = fraudDraft(rng, at, u"fraud.geo_mismatch",
                rng.chance(60) ? Severity::Medium : Severity::Low, Category::Fraud,
                { { u"card"_s, card },
                    { u"countries"_s, QJsonArray { a.toString(), b.toString() } },
                    { u"gap_min"_s, gap }, { u"score"_s, score }, { u"decision"_s, u"review"_s } });
            d.title = u"Card used in two countries %1 min apart"_s.arg(gap);
            d.message = u"Card %1 was used in %2 and then in %3 within %4 minutes; impossible "
                        u"travel, score %5."_s.arg(card, a.toString(), b.toString())
                            .arg(gap)
                            .arg(score);
            d.entity = u"card "_s + card;
            break;
        }
        case 2: {
            const qint64 amount = rng.between(8000, 60000) * 100;
            const qint64 p99 = rng.between(1500, 4000) * 100;
            d = fraudDraft(rng, at, u"fraud.high_value_transfer", Severity::Medium, Category::Fraud,
                { { u"account"_s, account }, { u"amount_minor"_s, amount },
                    { u"currency"_s, u"EUR"_s }, { u"profile_p99_minor"_s, p99 },
                    { u"channel"_s, u"online-banking"_s }, { u"score"_s, score },
                    { u"decision"_s, u"hold"_s } });
            d.title = u"Transfer above customer profile: %1"_s.arg(formatMoney(amount));
            d.message = u"Outgoing SEPA transfer of %1 from acct %2 exceeds the customer's "
                        u"99th percentile (%3); held for call-back."_s.arg(
                            formatMoney(amount), account, formatMoney(p99));
            d.entity = u"acct "_s + account;
            break;
        }
        case 3: {
            const QString ip = externalIp(rng, 35);
            static constexpr std::array<QStringView, 4> kDevices { u"Android 14 / Pixel 8",
                u"iOS 17 / iPhone 15", u"Windows 11 / Edge", u"macOS 14 / Safari" };
            const QStringView device = rng.pick(kDevices);
            d = fraudDraft(rng, at, u"fraud.new_device_login",
                rng.chance(70) ? Severity::Low : Severity::Info, Category::Fraud,
                { { u"account"_s, account }, { u"client_ip"_s, ip },
                    { u"device"_s, device.toString() }, { u"channel"_s, u"online-banking"_s },
                    { u"score"_s, score / 2 }, { u"decision"_s, u"step-up"_s } });
            d.title = u"Online-banking login from a new device"_s;
            d.message = u"acct %1 logged in from a device never seen before (%2) at %3; step-up "
                        u"authentication requested."_s.arg(account, device.toString(), ip);
            d.entity = u"acct "_s + account;
            d.srcIp = ip;
            d.dstIp = kOnlineBanking.ip.toString();
            break;
        }
        case 4: {
            const qint64 in = rng.between(3000, 15000) * 100;
            const qint64 outPct = rng.between(88, 99);
            d = fraudDraft(rng, at, u"fraud.mule_pattern",
                rng.chance(50) ? Severity::High : Severity::Medium, Category::Fraud,
                { { u"account"_s, account }, { u"in_minor"_s, in }, { u"out_percent"_s, outPct },
                    { u"currency"_s, u"EUR"_s }, { u"score"_s, score },
                    { u"decision"_s, u"hold"_s } });
            d.title = u"Possible money-mule account"_s;
            d.message = u"acct %1 received %2 and sent %3% of it on within 40 minutes to 4 new "
                        u"payees."_s.arg(account, formatMoney(in))
                            .arg(outPct);
            d.entity = u"acct "_s + account;
            break;
        }
        case 5: {
            const qint64 match = rng.between(82, 96);
            d = fraudDraft(rng, at, u"aml.sanctions_hit", Severity::Medium, Category::Policy,
                { { u"account"_s, account }, { u"match_score"_s, match },
                    { u"list"_s, u"consolidated-sanctions"_s }, { u"decision"_s, u"hold"_s } });
            d.title = u"Beneficiary name matches a sanctions list entry"_s;
            d.message = u"Payment from acct %1 held: beneficiary name matches a consolidated "
                        u"sanctions entry with score %2; compliance review required."_s.arg(account)
                            .arg(match);
            d.entity = u"acct "_s + account;
            break;
        }
        default: {
            d = fraudDraft(rng, at, u"fraud.3ds_failure", Severity::Low, Category::Fraud,
                { { u"card"_s, card }, { u"attempts"_s, 3 }, { u"channel"_s, u"ecom"_s },
                    { u"score"_s, score }, { u"decision"_s, u"decline"_s } });
            d.title = u"3-D Secure failed three times"_s;
            d.message = u"Card %1 failed 3-D Secure authentication three times in a row on an "
                        u"e-commerce purchase; transaction declined."_s.arg(card);
            d.entity = u"card "_s + card;
            break;
        }
        }
        emitAlert(Stream::Fraud, std::move(d));
    }
}

Draft SlotGenerator::amDraft(Rng &rng, TimestampMs at, QStringView alertname, Severity severity,
    Category category, QStringView service, const QString &summary, const QString &description,
    bool resolved)
{
    Draft d;
    d.at = at;
    d.delayMs = rng.between(5000, 30000); // Alertmanager group_wait
    d.feed = u"demo-waf";
    d.severity = severity;
    d.category = category;
    d.rule = u"am:"_s + alertname.toString();
    d.title = summary;
    d.message = description;
    d.entity = service.toString();
    const QJsonObject labels { { u"alertname"_s, alertname.toString() },
        { u"severity"_s, alertmanagerLabel(severity) }, { u"service"_s, service.toString() },
        { u"env"_s, u"prod"_s }, { u"cluster"_s, u"dc1-k8s"_s } };
    const QString generatorUrl
        = u"https://prometheus.mon.bank.example/graph?g0.expr=ALERTS%7Balertname%3D%22"_s
        + alertname.toString() + u"%22%7D"_s;
    d.raw = QJsonObject { { u"status"_s, resolved ? u"resolved"_s : u"firing"_s },
        { u"labels"_s, labels },
        { u"annotations"_s,
            QJsonObject { { u"summary"_s, summary }, { u"description"_s, description } } },
        { u"startsAt"_s, Core::formatIsoTimestamp(at) },
        { u"endsAt"_s, resolved ? Core::formatIsoTimestamp(at) : u"0001-01-01T00:00:00Z"_s },
        { u"generatorURL"_s, generatorUrl }, { u"fingerprint"_s, hex(rng, 16) } };
    return d;
}

void SlotGenerator::wafNoise()
{
    Rng rng(m_seed, m_slot, Stream::Waf);
    static constexpr std::array<QStringView, 4> kServices { u"mobile-api", u"ib-web",
        u"payments-api", u"card-auth" };
    const qint64 rate = diurnalRate(120, 60, hour());
    for (TimestampMs at : arrivals(rng, rate, m_slotStart, m_slotEnd)) {
        const QStringView service = rng.pick(kServices);
        Draft d;
        switch (rng.weighted({ 20, 5, 6, 20, 8, 2 })) {
        case 0: {
            const qint64 p99 = rng.between(820, 1900);
            d = amDraft(rng, at, u"HighLatencyP99", Severity::Medium, Category::Availability,
                service, u"%1 p99 latency %2 ms"_s.arg(service).arg(p99),
                u"99th percentile latency of %1 has been above 800 ms for 10 minutes "
                u"(now %2 ms)."_s.arg(service)
                    .arg(p99));
            break;
        }
        case 1: {
            const QString pod = service.toString() + u'-' + hex(rng, 10) + u'-' + hex(rng, 5);
            d = amDraft(rng, at, u"KubePodCrashLooping", Severity::High, Category::Availability,
                service, u"Pod %1 is crash looping"_s.arg(pod),
                u"Pod dc1-k8s/prod/%1 restarted %2 times in the last 15 minutes."_s.arg(pod).arg(
                    rng.between(4, 9)));
            break;
        }
        case 2: {
            const qint64 days = rng.between(7, 21);
            d = amDraft(rng, at, u"CertificateExpiringSoon", Severity::Info, Category::Availability,
                service, u"TLS certificate of %1 expires in %2 days"_s.arg(service).arg(days),
                u"The certificate served by %1 (CN %1.bank.example) expires in %2 days; "
                u"renewal is automated but has not run yet."_s.arg(service)
                    .arg(days));
            break;
        }
        case 3: {
            const qint64 n = rng.between(40, 400);
            static constexpr std::array<QStringView, 3> kWafRules { u"942100 SQL injection",
                u"941100 XSS", u"930120 path traversal" };
            const QStringView waf = rng.pick(kWafRules);
            d = amDraft(rng, at, u"WafBlockedRequests", Severity::Medium, Category::Intrusion,
                service, u"WAF blocked %1 requests to %2"_s.arg(n).arg(service),
                u"The WAF blocked %1 requests matching CRS rule %2 to %3 in 5 minutes; "
                u"top source %4."_s.arg(n)
                    .arg(waf)
                    .arg(service)
                    .arg(externalIpv4(rng)));
            break;
        }
        case 4: {
            const qint64 pct = rng.between(85, 94);
            const QStringView server = rng.pick(kServers);
            d = amDraft(rng, at, u"NodeFilesystemAlmostFull", Severity::Medium,
                Category::Availability, server, u"Disk %1% full on %2"_s.arg(pct).arg(server),
                u"/var/lib on %1 is %2% full and will fill within 24 h at the current "
                u"rate."_s.arg(server)
                    .arg(pct));
            break;
        }
        default: {
            d = amDraft(rng, at, u"TargetDown", Severity::High, Category::Availability, service,
                u"%1 scrape target down"_s.arg(service),
                u"1 of 6 %1 targets has been unreachable for 5 minutes."_s.arg(service));
            break;
        }
        }
        emitAlert(Stream::Waf, std::move(d));
    }
}

Draft SlotGenerator::mailDraft(Rng &rng, TimestampMs at, QStringView rule, Severity severity,
    Category category, QJsonObject fields)
{
    Draft d;
    d.at = at;
    d.delayMs = rng.between(1000, 5000);
    d.feed = u"demo-mail";
    d.severity = severity;
    d.category = category;
    d.rule = rule.toString();
    fields.insert(u"ts"_s, Core::formatIsoTimestamp(at));
    fields.insert(u"gateway"_s, kMailGateway.name.toString());
    fields.insert(u"event"_s, rule.mid(5).toString());
    fields.insert(u"message_id"_s,
        u"<%1@%2>"_s.arg(hex(rng, 20), fields.value(u"from"_s).toString().section(u'@', 1)));
    d.raw = fields;
    return d;
}

void SlotGenerator::mailNoise()
{
    Rng rng(m_seed, m_slot, Stream::Mail);
    static constexpr std::array<QStringView, 6> kSpamDomains { u"promo-deals.example",
        u"win-prize.example", u"cheap-meds.example", u"mailer.newsletter.example",
        u"crypto-yield.example", u"parcel-notice.example" };
    const qint64 rate = diurnalRate(450, 90, hour());
    for (TimestampMs at : arrivals(rng, rate, m_slotStart, m_slotEnd)) {
        const QString rcpt = rng.pick(kStaff).toString() + u"@bank.example"_s;
        const QString senderIp = externalIpv4(rng);
        const QString from = u"noreply@"_s + rng.pick(kSpamDomains).toString();
        Draft d;
        switch (rng.weighted({ 30, 18, 8, 12, 3 })) {
        case 0: {
            const qint64 score = rng.between(12, 40);
            d = mailDraft(rng, at, u"mail.spam_bulk", Severity::Info, Category::Other,
                { { u"from"_s, from }, { u"rcpt"_s, rcpt }, { u"sender_ip"_s, senderIp },
                    { u"spam_score"_s, score }, { u"verdict"_s, u"quarantined"_s },
                    { u"subject"_s, u"Limited offer just for you"_s } });
            d.title = u"Bulk spam quarantined"_s;
            d.message
                = u"Message from %1 to %2 quarantined as bulk spam (score %3)."_s.arg(from, rcpt)
                      .arg(score);
            break;
        }
        case 1: {
            static constexpr std::array<QStringView, 3> kSubjects { u"Your mailbox is almost full",
                u"Password expires today", u"Shared document: Q3 bonus" };
            const QStringView subject = rng.pick(kSubjects);
            d = mailDraft(rng, at, u"mail.phish_generic",
                rng.chance(70) ? Severity::Low : Severity::Medium, Category::Phishing,
                { { u"from"_s, from }, { u"rcpt"_s, rcpt }, { u"sender_ip"_s, senderIp },
                    { u"verdict"_s, u"quarantined"_s }, { u"subject"_s, subject.toString() } });
            d.title = u"Credential-phishing message quarantined"_s;
            d.message = u"\"%1\" from %2 to %3 links to a credential-harvesting page; "
                        u"quarantined."_s.arg(subject.toString(), from, rcpt);
            break;
        }
        case 2: {
            const QString file = u"invoice_%1.docm"_s.arg(rng.between(1000, 9999));
            d = mailDraft(rng, at, u"mail.malicious_attachment", Severity::Medium,
                Category::Malware,
                { { u"from"_s, from }, { u"rcpt"_s, rcpt }, { u"sender_ip"_s, senderIp },
                    { u"attachment"_s, file }, { u"sha256"_s, hex(rng, 64) },
                    { u"verdict"_s, u"quarantined"_s }, { u"subject"_s, u"Overdue invoice"_s } });
            d.title = u"Macro attachment quarantined: %1"_s.arg(file);
            d.message = u"Attachment %1 (Office macro downloading a second stage) from %2 to %3 "
                        u"quarantined by the sandbox."_s.arg(file, from, rcpt);
            break;
        }
        case 3: {
            d = mailDraft(rng, at, u"mail.dmarc_fail", Severity::Low, Category::Phishing,
                { { u"from"_s, u"payments@bank.example"_s }, { u"rcpt"_s, rcpt },
                    { u"sender_ip"_s, senderIp }, { u"dmarc"_s, u"fail"_s },
                    { u"verdict"_s, u"rejected"_s }, { u"subject"_s, u"Remittance advice"_s } });
            d.title = u"DMARC failure for a message claiming bank.example"_s;
            d.message = u"Message to %1 claims to be from payments@bank.example but was sent from "
                        u"%2, which is not in the SPF record; rejected."_s.arg(rcpt, senderIp);
            break;
        }
        default: {
            const qint64 cards = rng.between(3, 40);
            d = mailDraft(rng, at, u"mail.dlp_outbound", Severity::Medium, Category::DataLeak,
                { { u"from"_s, rcpt }, { u"rcpt"_s, u"someone@personal-mail.example"_s },
                    { u"dlp_rule"_s, u"PCI-PAN"_s }, { u"matches"_s, cards },
                    { u"verdict"_s, u"blocked"_s }, { u"subject"_s, u"fwd: list"_s } });
            d.title = u"Outbound mail with card numbers blocked"_s;
            d.message = u"Mail from %1 to an external personal address contained %2 card numbers "
                        u"(PCI-PAN rule); blocked and the sender's manager informed."_s.arg(rcpt)
                            .arg(cards);
            d.entity = rcpt;
            d.srcIp = u"192.0.2."_s + QString::number(rng.between(100, 199));
            emitAlert(Stream::Mail, std::move(d));
            continue;
        }
        }
        d.entity = rcpt;
        d.srcIp = senderIp;
        d.dstIp = kMailGateway.ip.toString();
        emitAlert(Stream::Mail, std::move(d));
    }
}

Draft SlotGenerator::edrDraft(Rng &rng, TimestampMs at, QStringView rule, Severity severity,
    Category category, const QString &host, const QString &user, QJsonObject fields)
{
    Draft d;
    d.at = at;
    d.delayMs = rng.between(1000, 10000);
    d.feed = u"demo-edr";
    d.severity = severity;
    d.category = category;
    d.rule = rule.toString();
    d.entity = host;
    fields.insert(u"timestamp"_s, Core::formatIsoTimestamp(at));
    fields.insert(u"sensor"_s, u"edr"_s);
    fields.insert(u"hostname"_s, host);
    fields.insert(u"user"_s, user);
    fields.insert(u"event_type"_s, rule.mid(4).toString());
    fields.insert(u"severity"_s, Core::severityName(severity));
    fields.insert(u"detection_id"_s, QString(u"det-"_s + hex(rng, 12)));
    d.raw = fields;
    return d;
}

void SlotGenerator::edrNoise()
{
    Rng rng(m_seed, m_slot, Stream::Edr);
    const qint64 rate = diurnalRate(300, 80, hour());
    for (TimestampMs at : arrivals(rng, rate, m_slotStart, m_slotEnd)) {
        QString ip;
        const QString ws = workstation(rng, &ip);
        const QString user = rng.pick(kStaff).toString();
        const qint64 pid = rng.between(800, 30000);
        Draft d;
        switch (rng.weighted({ 15, 6, 15, 20, 15, 1 })) {
        case 0: {
            d = edrDraft(rng, at, u"edr.av_detection", Severity::Low, Category::Malware, ws, user,
                { { u"threat"_s, u"PUA:Win32/Bundler"_s }, { u"action"_s, u"quarantined"_s },
                    { u"file"_s, u"C:\\Users\\%1\\Downloads\\setup_free.exe"_s.arg(user) } });
            d.title = u"Potentially unwanted application quarantined"_s;
            d.message = u"Antivirus on %1 quarantined PUA:Win32/Bundler from %2's Downloads "
                        u"folder."_s.arg(ws, user);
            break;
        }
        case 1: {
            d = edrDraft(rng, at, u"edr.encoded_powershell", Severity::Medium, Category::Malware,
                ws, user,
                { { u"process"_s,
                      QJsonObject { { u"name"_s, u"powershell.exe"_s }, { u"pid"_s, pid },
                          { u"cmdline"_s,
                              u"powershell -nop -w hidden "
                              u"-enc SQBFAFgA..."_s } } },
                    { u"parent"_s, u"WINWORD.EXE"_s }, { u"action"_s, u"blocked"_s } });
            d.title = u"Encoded PowerShell started by Word"_s;
            d.message = u"On %1, WINWORD.EXE started powershell.exe (pid %2) with an encoded "
                        u"command; blocked by behaviour protection."_s.arg(ws)
                            .arg(pid);
            break;
        }
        case 2: {
            d = edrDraft(rng, at, u"edr.usb_mass_storage", Severity::Info, Category::Policy, ws,
                user,
                { { u"device"_s, u"Kingston IronKey 32GB (encrypted, approved)"_s },
                    { u"action"_s, u"allowed"_s } });
            d.title = u"Approved USB storage mounted"_s;
            d.message = u"%1 mounted an approved encrypted USB drive on %2."_s.arg(user, ws);
            break;
        }
        case 3: {
            const QString server = rng.pick(kServers).toString();
            d = edrDraft(rng, at, u"edr.privileged_logon",
                rng.chance(75) ? Severity::Info : Severity::Low, Category::Policy, server,
                u"adm."_s + user,
                { { u"logon_type"_s, 10 }, { u"via"_s, u"pam-jump-01.corp.bank.example"_s },
                    { u"ticket"_s, u"CHG-%1"_s.arg(rng.between(10000, 99999)) } });
            d.title = u"Privileged logon to %1"_s.arg(server);
            d.message = u"adm.%1 logged on to %2 through the PAM jump host."_s.arg(user, server);
            break;
        }
        case 4: {
            d = edrDraft(rng, at, u"edr.app_control_block", Severity::Low, Category::Policy, ws,
                user,
                { { u"file"_s, u"C:\\Users\\%1\\Downloads\\tool.exe"_s.arg(user) },
                    { u"signed"_s, false }, { u"action"_s, u"blocked"_s } });
            d.title = u"Unsigned executable blocked"_s;
            d.message = u"Application control on %1 blocked unsigned tool.exe started by %2."_s.arg(
                ws, user);
            break;
        }
        default: {
            d = edrDraft(rng, at, u"edr.lsass_access", Severity::High, Category::Malware, ws, user,
                { { u"process"_s,
                      QJsonObject { { u"name"_s, u"rundll32.exe"_s }, { u"pid"_s, pid } } },
                    { u"target"_s, u"lsass.exe"_s }, { u"action"_s, u"blocked"_s } });
            d.title = u"Suspicious LSASS memory access"_s;
            d.message = u"rundll32.exe (pid %1) on %2 tried to read LSASS memory; blocked, host "
                        u"flagged for triage."_s.arg(pid)
                            .arg(ws);
            break;
        }
        }
        d.srcIp = ip;
        emitAlert(Stream::Edr, std::move(d));
    }
}

// --- story arcs ----------------------------------------------------------------------------

// 5) Insider exfiltration from the core-banking database, off hours.
void SlotGenerator::insiderArc()
{
    const TimestampMs t0 = m_plan.insider;
    if (m_slotEnd <= t0 || m_slotStart >= t0 + 70 * kMinute) {
        return;
    }
    Rng rng(m_seed, m_slot, Stream::Insider);
    const QString db = kCoreDb.name.toString();
    const QString ws = kDbaWorkstation.name.toString();
    const QString user = kInsider.toString();
    const QString home = u"203.0.113.77"_s;

    if (const TimestampMs at = t0; inSlot(at)) {
        Draft d = edrDraft(rng, at, u"edr.off_hours_logon", Severity::Medium, Category::Insider, db,
            user,
            { { u"logon_type"_s, u"ssh"_s }, { u"source_ip"_s, home },
                { u"vpn"_s, u"vpn-01.dmz.bank.example"_s }, { u"ticket"_s, QJsonValue() } });
        d.title = u"Off-hours privileged logon to core-banking database"_s;
        d.message = u"DBA %1 logged on to %2 over VPN from %3 outside working hours, with no "
                    u"change ticket."_s.arg(user, db, home);
        d.srcIp = home;
        d.dstIp = kCoreDb.ip.toString();
        d.captionEn = u"Off hours: a DBA logs on to the core-banking database from home"_s;
        d.captionZh = u"非工作时间：一名 DBA 从家中登录核心银行数据库"_s;
        emitAlert(Stream::Insider, std::move(d));
    }
    if (const TimestampMs at = t0 + 12 * kMinute; inSlot(at)) {
        Draft d = edrDraft(rng, at, u"edr.mass_export", Severity::High, Category::Insider, db, user,
            { { u"process"_s,
                  QJsonObject { { u"name"_s, u"expdp"_s },
                      { u"cmdline"_s,
                          u"expdp system tables="
                          u"CBS.CUSTOMER,CBS.ACCOUNT,"
                          u"CBS.CARD dumpfile=cbs.dmp"_s } } },
                { u"bytes"_s, 4509715660LL }, { u"rows"_s, 18400000 } });
        d.title = u"Bulk export of customer tables"_s;
        d.message = u"%1 ran a Data Pump export of CUSTOMER, ACCOUNT and CARD (18.4 M rows, "
                    u"4.2 GB) on %2."_s.arg(user, db);
        d.srcIp = home;
        d.dstIp = kCoreDb.ip.toString();
        d.captionEn = u"The DBA starts a bulk export of customer, account and card tables"_s;
        d.captionZh = u"该 DBA 开始批量导出客户、账户和卡片数据表"_s;
        emitAlert(Stream::Insider, std::move(d));
    }
    for (TimestampMs at : arrivals(rng, 250, t0 + 13 * kMinute, t0 + 36 * kMinute)) {
        const qint64 rows = rng.between(600, 2400) * 1000;
        Draft d = edrDraft(rng, at, u"edr.db_query_volume", Severity::Medium, Category::Insider, db,
            user, { { u"rows_5min"_s, rows }, { u"baseline_rows_5min"_s, 12000 } });
        d.title = u"Unusual query volume on %1"_s.arg(db);
        d.message = u"%1 read %2 rows in 5 minutes (baseline 12,000)."_s.arg(user).arg(rows);
        d.srcIp = home;
        d.dstIp = kCoreDb.ip.toString();
        emitAlert(Stream::Insider, std::move(d));
    }
    if (const TimestampMs at = t0 + 38 * kMinute; inSlot(at)) {
        Draft d = edrDraft(rng, at, u"edr.usb_mass_storage", Severity::High, Category::DataLeak, ws,
            user,
            { { u"device"_s, u"SanDisk Extreme 128GB (not approved)"_s },
                { u"action"_s, u"allowed-audit"_s }, { u"files_copied"_s, 1 },
                { u"bytes"_s, 4509715660LL } });
        d.title = u"Unapproved USB drive: 4.2 GB copied"_s;
        d.message = u"%1 copied cbs.dmp (4.2 GB) from the database host to an unapproved "
                    u"SanDisk USB drive on %2."_s.arg(user, ws);
        d.srcIp = kDbaWorkstation.ip.toString();
        d.captionEn = u"The export is copied to an unapproved USB drive"_s;
        d.captionZh = u"导出文件被复制到未经批准的 U 盘"_s;
        emitAlert(Stream::Insider, std::move(d));
    }
    if (const TimestampMs at = t0 + 51 * kMinute; inSlot(at)) {
        const QString cloud = u"198.51.100.23"_s;
        Draft d = edrDraft(rng, at, u"edr.cloud_upload", Severity::Critical, Category::DataLeak, ws,
            user,
            { { u"destination"_s, u"files.personal-cloud.example"_s }, { u"dest_ip"_s, cloud },
                { u"bytes"_s, 4187593113LL },
                { u"process"_s, QJsonObject { { u"name"_s, u"chrome.exe"_s } } } });
        d.title = u"3.9 GB uploaded to personal cloud storage"_s;
        d.message = u"%1 uploaded 3.9 GB (compressed cbs.dmp) from %2 to "
                    u"files.personal-cloud.example (%3)."_s.arg(user, ws, cloud);
        d.srcIp = kDbaWorkstation.ip.toString();
        d.dstIp = cloud;
        d.captionEn = u"Exfiltration: 3.9 GB of customer data uploaded to a personal cloud"_s;
        d.captionZh = u"数据外泄：3.9 GB 客户数据被上传至个人云盘"_s;
        emitAlert(Stream::Insider, std::move(d));
    }
    if (const TimestampMs at = t0 + 58 * kMinute; inSlot(at)) {
        Draft d = edrDraft(rng, at, u"edr.host_isolated", Severity::Info, Category::Insider, ws,
            u"soc.oncall"_s, { { u"action"_s, u"isolate"_s }, { u"account_disabled"_s, user } });
        d.title = u"Workstation isolated and account disabled"_s;
        d.message = u"The SOC isolated %1 from the network and disabled %2's accounts; legal "
                    u"hold requested."_s.arg(ws, user);
        d.captionEn = u"SOC isolates the workstation and disables the DBA's accounts"_s;
        d.captionZh = u"安全运营中心隔离该工作站并停用该 DBA 的账号"_s;
        emitAlert(Stream::Insider, std::move(d));
    }
}

// 4) Phishing wave from a look-alike domain.
void SlotGenerator::phishingArc()
{
    const TimestampMs t0 = m_plan.phishing;
    if (m_slotEnd <= t0 || m_slotStart >= t0 + 60 * kMinute) {
        return;
    }
    Rng rng(m_seed, m_slot, Stream::Phishing);
    const QString from = u"security@"_s + kLookalike.toString();
    const QString url = u"https://secure.%1/login/token-verify"_s.arg(kLookalike);
    const QString subject = u"Action required: re-verify your hardware token today"_s;
    static constexpr std::array<QStringView, 3> kSenders { u"203.0.113.45", u"203.0.113.46",
        u"198.51.100.201" };

    const auto detection = [&](TimestampMs at, const QString &rcpt, bool delivered) {
        const QString ip = rng.pick(kSenders).toString();
        Draft d = mailDraft(rng, at, u"mail.lookalike_domain",
            delivered ? Severity::Medium : Severity::Low, Category::Phishing,
            { { u"from"_s, from }, { u"rcpt"_s, rcpt }, { u"sender_ip"_s, ip },
                { u"subject"_s, subject }, { u"url"_s, url },
                { u"lookalike_of"_s, u"bank.example"_s },
                { u"verdict"_s, delivered ? u"delivered-tagged"_s : u"quarantined"_s } });
        d.title = u"Look-alike domain %1 imitates bank.example"_s.arg(kLookalike);
        d.message = u"Message from %1 to %2 %3: sender domain %4 is one letter away from "
                    u"bank.example; subject \"%5\"."_s.arg(from, rcpt,
                        delivered ? u"delivered with a warning banner"_s : u"quarantined"_s,
                        kLookalike.toString(), subject);
        d.entity = rcpt;
        d.srcIp = ip;
        d.dstIp = kMailGateway.ip.toString();
        return d;
    };

    if (const TimestampMs at = t0; inSlot(at)) {
        Draft d = detection(at, u"treasury-desk@bank.example"_s, true);
        d.captionEn = u"Phishing wave from the look-alike domain bannk.example"_s;
        d.captionZh = u"仿冒域名 bannk.example 发起钓鱼邮件攻势"_s;
        emitAlert(Stream::Phishing, std::move(d));
    }
    for (TimestampMs at : arrivals(rng, 2000, t0 + 1, t0 + 45 * kMinute)) {
        Draft d = detection(at, rng.pick(kStaff).toString() + u"@bank.example"_s, rng.chance(45));
        emitAlert(Stream::Phishing, std::move(d));
    }

    const auto click = [&](TimestampMs at, Severity severity) {
        QString ip;
        const QString ws = workstation(rng, &ip);
        const QString user = rng.pick(kStaff).toString();
        const QString site = u"198.51.100.77"_s;
        Draft d = mailDraft(rng, at, u"mail.url_clicked", severity, Category::Phishing,
            { { u"from"_s, from }, { u"rcpt"_s, QString(user + u"@bank.example"_s) },
                { u"url"_s, url }, { u"client_ip"_s, ip }, { u"url_ip"_s, site },
                { u"verdict"_s, u"click-allowed"_s } });
        d.title = u"Phishing link clicked: %1"_s.arg(url);
        d.message = u"%1 opened the link in the bannk.example message from %2 (%3 → %4)."_s.arg(
            user, ws, ip, site);
        d.entity = user + u"@bank.example"_s;
        d.srcIp = ip;
        d.dstIp = site;
        return d;
    };
    if (const TimestampMs at = t0 + 22 * kMinute; inSlot(at)) {
        Draft d = click(at, Severity::High);
        d.captionEn = u"A staff member clicks the phishing link"_s;
        d.captionZh = u"有员工点击了钓鱼链接"_s;
        emitAlert(Stream::Phishing, std::move(d));
    }
    for (TimestampMs at : arrivals(rng, 220, t0 + 23 * kMinute, t0 + 50 * kMinute)) {
        emitAlert(Stream::Phishing, click(at, Severity::High));
    }
    if (const TimestampMs at = t0 + 31 * kMinute; inSlot(at)) {
        Draft d = click(at, Severity::High);
        d.rule = u"mail.credential_submit"_s;
        d.title = u"Credentials posted to %1"_s.arg(kLookalike);
        d.message = u"Proxy saw an HTML form POST with username and password fields from %1 to "
                    u"secure.%2; the user's credentials must be considered compromised."_s.arg(
                        d.srcIp, kLookalike.toString());
        d.raw.insert(u"event"_s, u"credential_submit"_s);
        d.raw.insert(u"http_method"_s, u"POST"_s);
        d.captionEn = u"Credentials entered on the fake login page"_s;
        d.captionZh = u"员工在仿冒登录页输入了账号密码"_s;
        emitAlert(Stream::Phishing, std::move(d));
    }
    if (const TimestampMs at = t0 + 55 * kMinute; inSlot(at)) {
        Draft d = mailDraft(rng, at, u"mail.domain_blocked", Severity::Info, Category::Phishing,
            { { u"from"_s, from }, { u"domain"_s, kLookalike.toString() }, { u"purged"_s, 41 },
                { u"verdict"_s, u"blocked"_s } });
        d.title = u"%1 blocked; 41 messages purged from mailboxes"_s.arg(kLookalike);
        d.message = u"%1 is blocked at the mail gateway and web proxy; 41 delivered copies were "
                    u"purged and the affected users' passwords reset."_s.arg(kLookalike);
        d.entity = kLookalike.toString();
        d.captionEn = u"bannk.example blocked, messages purged, passwords reset"_s;
        d.captionZh = u"已封锁 bannk.example，清除钓鱼邮件并重置相关密码"_s;
        emitAlert(Stream::Phishing, std::move(d));
    }
}

// 2) Credential stuffing on online banking, then account takeovers.
void SlotGenerator::stuffingArc()
{
    const TimestampMs t0 = m_plan.stuffing;
    if (m_slotEnd <= t0 || m_slotStart >= t0 + 75 * kMinute) {
        return;
    }
    Rng rng(m_seed, m_slot, Stream::Stuffing);
    static constexpr EveSignature kStuffing { 1000101, 3,
        u"LG Online banking login failure burst from single "
        u"source",
        u"Attempted User Privilege Gain", 2, Category::Intrusion, 1, 443, u"TCP", true };
    const auto burst = [&](TimestampMs at, bool quiet) {
        EveSignature sig = kStuffing;
        sig.eveSeverity = quiet ? 3 : 2;
        const qint64 fails = rng.between(40, 260);
        const qint64 accounts = fails - rng.between(0, fails / 10);
        emitEve(Stream::Stuffing, rng, at, sig, externalIp(rng, 25), kOnlineBanking.ip.toString(),
            kOnlineBanking.name.toString(), 443,
            u"%1 failed logins for %2 distinct accounts in 60 s (POST /ib/api/v1/login)."_s
                .arg(fails)
                .arg(accounts));
    };
    if (inSlot(t0)) {
        burst(t0, false);
        DemoEvent &e = m_events.back();
        e.captionEn = u"Credential stuffing against online banking from rotating IPs"_s;
        e.captionZh = u"网银遭遇撞库攻击，攻击源 IP 不断轮换"_s;
    }
    for (TimestampMs at : arrivals(rng, 3000, t0 + 1, t0 + 70 * kMinute)) {
        burst(at, rng.chance(70));
    }
    if (const TimestampMs at = t0 + 8 * kMinute; inSlot(at)) {
        emitAlert(Stream::Stuffing,
            amDraft(rng, at, u"LoginFailureRatio", Severity::High, Category::Intrusion, u"ib-web",
                u"ib-web login failure ratio 38%"_s,
                u"38% of online-banking logins failed over 10 minutes (baseline 3%); "
                u"4,120 distinct usernames tried from 310 addresses."_s));
    }

    const auto takeover = [&](TimestampMs at) {
        const QString account = maskedAccount(rng);
        const QString ip = externalIp(rng, 25);
        const qint64 fails = rng.between(2, 6);
        Draft d
            = fraudDraft(rng, at, u"fraud.account_takeover", Severity::High, Category::Intrusion,
                { { u"account"_s, account }, { u"client_ip"_s, ip }, { u"failed_before"_s, fails },
                    { u"device"_s, u"headless Chrome"_s }, { u"channel"_s, u"online-banking"_s },
                    { u"score"_s, 94 }, { u"decision"_s, u"review"_s } });
        d.title = u"Likely account takeover after failed logins"_s;
        d.message = u"acct %1 logged in from %2 (headless browser) after %3 failed attempts "
                    u"from the stuffing campaign; session under review."_s.arg(account, ip)
                        .arg(fails);
        d.entity = u"acct "_s + account;
        d.srcIp = ip;
        d.dstIp = kOnlineBanking.ip.toString();
        return d;
    };
    if (const TimestampMs at = t0 + 34 * kMinute; inSlot(at)) {
        Draft d = takeover(at);
        d.captionEn = u"First accounts taken over: logins succeed after the failures"_s;
        d.captionZh = u"首批账户被盗：多次失败后登录成功"_s;
        emitAlert(Stream::Stuffing, std::move(d));
    }
    for (TimestampMs at : arrivals(rng, 550, t0 + 35 * kMinute, t0 + 62 * kMinute)) {
        emitAlert(Stream::Stuffing, takeover(at));
    }

    const auto transfer = [&](TimestampMs at) {
        const QString account = maskedAccount(rng);
        const qint64 amount = rng.between(1800, 4990) * 100 + 50 * rng.below(2);
        Draft d = fraudDraft(rng, at, u"fraud.new_payee_transfer", Severity::High, Category::Fraud,
            { { u"account"_s, account }, { u"amount_minor"_s, amount }, { u"currency"_s, u"EUR"_s },
                { u"payee_age_min"_s, rng.between(2, 9) }, { u"channel"_s, u"online-banking"_s },
                { u"score"_s, 97 }, { u"decision"_s, u"hold"_s } });
        d.title = u"New payee and %1 transfer right after a suspicious login"_s.arg(
            formatMoney(amount));
        d.message = u"acct %1 added a payee and sent %2 minutes after a takeover-flagged "
                    u"login; transfer held."_s.arg(account, formatMoney(amount));
        d.entity = u"acct "_s + account;
        return d;
    };
    if (const TimestampMs at = t0 + 48 * kMinute; inSlot(at)) {
        Draft d = transfer(at);
        d.captionEn = u"Money moves: new payees and transfers from taken-over accounts"_s;
        d.captionZh = u"被盗账户新增收款人并发起转账"_s;
        emitAlert(Stream::Stuffing, std::move(d));
    }
    for (TimestampMs at : arrivals(rng, 350, t0 + 49 * kMinute, t0 + 66 * kMinute)) {
        emitAlert(Stream::Stuffing, transfer(at));
    }
    if (const TimestampMs at = t0 + 72 * kMinute; inSlot(at)) {
        Draft d = amDraft(rng, at, u"LoginFailureRatio", Severity::Info, Category::Intrusion,
            u"ib-web", u"ib-web login failure ratio back to 2.9%"_s,
            u"Bot challenge enabled on /ib/api/v1/login; 14 taken-over accounts "
            u"locked and their customers called."_s,
            true);
        d.captionEn = u"A bot challenge on the login page ends the stuffing; accounts locked"_s;
        d.captionZh = u"登录页启用人机验证，撞库攻击停止，受影响账户已冻结"_s;
        emitAlert(Stream::Stuffing, std::move(d));
    }
}

// 1) Card testing on the payment gateway, escalating into a fraud burst under DDoS cover.
void SlotGenerator::cardFraudArc()
{
    const TimestampMs t0 = m_plan.cardTesting;
    if (m_slotEnd <= t0 || m_slotStart >= t0 + 130 * kMinute) {
        return;
    }
    Rng rng(m_seed, m_slot, Stream::CardFraud);
    static constexpr std::array<QStringView, 4> kBinRange { u"453918", u"453919", u"453920",
        u"453921" };
    const auto testing = [&](TimestampMs at, Severity severity, bool escalated) {
        const QStringView bin = escalated ? rng.pick(kBinRange) : kTestedBin;
        const qint64 auths = escalated ? rng.between(120, 480) : rng.between(12, 60);
        const qint64 cards = auths - rng.between(0, auths / 8);
        const qint64 amount = rng.between(50, 200);
        const qint64 declinedPct = rng.between(55, 85);
        Draft d = fraudDraft(rng, at, u"fraud.card_testing", severity, Category::Fraud,
            { { u"merchant_id"_s, kTestingMerchant.toString() },
                { u"merchant"_s, kTestingMerchantName.toString() },
                { u"bin"_s, QString(bin.toString() + u"**"_s) }, { u"auths_60s"_s, auths },
                { u"distinct_cards"_s, cards }, { u"max_amount_minor"_s, amount },
                { u"currency"_s, u"EUR"_s }, { u"declined_percent"_s, declinedPct },
                { u"client_ip"_s, externalIpv4(rng) }, { u"score"_s, 90 },
                { u"decision"_s, u"decline"_s } });
        d.title = u"Card testing: %1 tiny authorisations on %2"_s.arg(auths).arg(kTestingMerchant);
        d.message
            = u"%1 authorisations of at most %2 on %3 (%4) in 60 s across %5 cards from "
              u"BIN %6**; %7% declined (CVV/expiry mismatch)."_s.arg(QString::number(auths),
                  formatMoney(amount), kTestingMerchant.toString(), kTestingMerchantName.toString(),
                  QString::number(cards), bin.toString(), QString::number(declinedPct));
        d.entity = u"merchant "_s + kTestingMerchant.toString();
        d.srcIp = d.raw.value(u"client_ip"_s).toString();
        d.dstIp = kPaymentGateway.ip.toString();
        return d;
    };
    if (inSlot(t0)) {
        Draft d = testing(t0, Severity::Medium, false);
        d.captionEn = u"Card testing on the payment gateway: tiny authorisations on one merchant"_s;
        d.captionZh = u"支付网关出现盗卡测试：同一商户出现大量小额授权"_s;
        emitAlert(Stream::CardFraud, std::move(d));
    }
    for (TimestampMs at : arrivals(rng, 2000, t0 + 1, t0 + 40 * kMinute)) {
        emitAlert(Stream::CardFraud,
            testing(at, rng.chance(60) ? Severity::Low : Severity::Medium, false));
    }
    if (const TimestampMs at = t0 + 40 * kMinute; inSlot(at)) {
        Draft d = testing(at, Severity::High, true);
        d.captionEn = u"Card testing escalates: hundreds of cards a minute across BIN 453918–21"_s;
        d.captionZh = u"盗卡测试升级：每分钟数百张卡，涉及 BIN 453918–453921"_s;
        emitAlert(Stream::CardFraud, std::move(d));
    }
    for (TimestampMs at : arrivals(rng, 4500, t0 + 40 * kMinute + 1, t0 + 90 * kMinute)) {
        emitAlert(Stream::CardFraud,
            testing(at, rng.chance(60) ? Severity::Medium : Severity::High, true));
    }

    const TimestampMs burst = t0 + 85 * kMinute;
    static constexpr std::array<QStringView, 4> kCashOut { u"electronics-store.example",
        u"giftcards.example", u"crypto-exchange.example", u"luxury-watches.example" };
    const auto cashOut = [&](TimestampMs at, Severity severity) {
        const QString card = maskedCard(rng, rng.pick(kBinRange));
        const QStringView merchant = rng.pick(kCashOut);
        const qint64 amount = rng.between(600, 4800) * 100 + rng.below(100);
        const qint64 testedMin = rng.between(20, 80);
        const QString ip = externalIp(rng, 20);
        Draft d = fraudDraft(rng, at, u"fraud.cash_out_burst", severity, Category::Fraud,
            { { u"card"_s, card }, { u"merchant"_s, merchant.toString() },
                { u"amount_minor"_s, amount }, { u"currency"_s, u"EUR"_s },
                { u"tested_min_ago"_s, testedMin }, { u"client_ip"_s, ip },
                { u"channel"_s, u"ecom"_s }, { u"score"_s, 98 },
                { u"decision"_s, severity == Severity::Critical ? u"approved"_s : u"decline"_s } });
        d.title = u"Cash-out on a tested card: %1 at %2"_s.arg(
            formatMoney(amount), merchant.toString());
        d.message = u"Card %1, seen in card testing %2 min ago, bought %3 at %4 from %5%6"_s.arg(
            card, QString::number(testedMin), formatMoney(amount), merchant.toString(), ip,
            severity == Severity::Critical ? u"; APPROVED before the rule fired."_s
                                           : u"; declined."_s);
        d.entity = u"card "_s + card;
        d.srcIp = ip;
        d.dstIp = kPaymentGateway.ip.toString();
        return d;
    };
    if (inSlot(burst)) {
        Draft d = cashOut(burst, Severity::Critical);
        d.captionEn = u"Fraud burst under DDoS cover: tested cards are cashed out"_s;
        d.captionZh = u"借 DDoS 掩护，盗刷集中爆发：已测试的卡片被大额套现"_s;
        emitAlert(Stream::CardFraud, std::move(d));
    }
    for (TimestampMs at : arrivals(rng, 4000, burst + 1, burst + 30 * kMinute)) {
        emitAlert(
            Stream::CardFraud, cashOut(at, rng.chance(30) ? Severity::Critical : Severity::High));
    }
    if (const TimestampMs at = t0 + 125 * kMinute; inSlot(at)) {
        Draft d = fraudDraft(rng, at, u"fraud.bin_blocked", Severity::Info, Category::Fraud,
            { { u"bins"_s, QJsonArray { u"453918"_s, u"453919"_s, u"453920"_s, u"453921"_s } },
                { u"merchant_id"_s, kTestingMerchant.toString() }, { u"cards_reissued"_s, 1204 },
                { u"decision"_s, u"block"_s } });
        d.title = u"BIN range 453918–453921 blocked for e-commerce"_s;
        d.message = u"E-commerce authorisations for BIN 453918–453921 blocked, merchant %1 "
                    u"suspended, 1,204 exposed cards queued for reissue."_s.arg(kTestingMerchant);
        d.entity = u"merchant "_s + kTestingMerchant.toString();
        d.captionEn = u"BIN range blocked, merchant suspended, 1,204 cards reissued"_s;
        d.captionZh = u"已封锁该 BIN 段并暂停商户，1,204 张卡片将重新发卡"_s;
        emitAlert(Stream::CardFraud, std::move(d));
    }
}

// 3) DDoS on the mobile API (starts 70 min into the card arc, covers the fraud burst).
void SlotGenerator::ddosArc()
{
    const TimestampMs t0 = m_plan.cardTesting + 70 * kMinute;
    if (m_slotEnd <= t0 || m_slotStart >= t0 + 55 * kMinute) {
        return;
    }
    Rng rng(m_seed, m_slot, Stream::Ddos);
    if (inSlot(t0)) {
        Draft d = amDraft(rng, t0, u"RequestFlood", Severity::High, Category::Ddos, u"mobile-api",
            u"Request flood on mobile-api: 38,000 req/s"_s,
            u"Requests to api.m.bank.example reached 38,000/s (baseline 900/s) "
            u"from about 11,000 addresses, mostly POST /v2/session."_s);
        d.captionEn = u"DDoS on the mobile banking API: request flood"_s;
        d.captionZh = u"手机银行 API 遭受 DDoS 流量攻击"_s;
        emitAlert(Stream::Ddos, std::move(d));
    }
    if (const TimestampMs at = t0 + 4 * kMinute; inSlot(at)) {
        Draft d = amDraft(rng, at, u"HighErrorRate", Severity::Critical, Category::Ddos,
            u"mobile-api", u"mobile-api 5xx ratio 41%"_s,
            u"41% of mobile-api responses are 5xx over 5 minutes (SLO 0.5%); "
            u"customers cannot log in to the app."_s);
        d.captionEn = u"Mobile API errors climb above 40%; customers locked out of the app"_s;
        d.captionZh = u"手机银行 API 错误率升至 40% 以上，客户无法登录 App"_s;
        emitAlert(Stream::Ddos, std::move(d));
    }
    // Alertmanager repeats a firing alert; one reminder every 10 minutes, no spam.
    for (int k = 1; k <= 4; ++k) {
        if (const TimestampMs at = t0 + k * 10 * kMinute; inSlot(at)) {
            const qint64 rps = rng.between(24, 46) * 1000;
            emitAlert(Stream::Ddos,
                amDraft(rng, at, u"RequestFlood", Severity::High, Category::Ddos, u"mobile-api",
                    u"Request flood on mobile-api still firing: %1 req/s"_s.arg(rps),
                    u"Flood continues at %1 req/s; scrubbing at the upstream "
                    u"provider partially effective."_s.arg(rps)));
        }
    }
    static constexpr std::array<EveSignature, 2> kFlood { {
        { 1000201, 2, u"LG DOS HTTP request flood to api.m.bank.example /v2/session",
            u"Attempted Denial of Service", 2, Category::Ddos, 1, 443, u"TCP", true },
        { 1000202, 1, u"LG DOS TCP SYN flood to api.m.bank.example", u"Attempted Denial of Service",
            1, Category::Ddos, 1, 443, u"TCP", true },
    } };
    for (TimestampMs at : arrivals(rng, 3000, t0 + 1, t0 + 50 * kMinute)) {
        const EveSignature &sig = kFlood[rng.chance(70) ? 0 : 1];
        const qint64 pps = rng.between(2, 40) * 1000;
        emitEve(Stream::Ddos, rng, at, sig, externalIp(rng, 30), kMobileApi.ip.toString(),
            kMobileApi.name.toString(), 443,
            u"Source sent about %1 packets/s for 30 s."_s.arg(pps));
    }
    if (const TimestampMs at = t0 + 52 * kMinute; inSlot(at)) {
        Draft d = amDraft(rng, at, u"RequestFlood", Severity::Info, Category::Ddos, u"mobile-api",
            u"Request flood on mobile-api resolved"_s,
            u"Traffic to api.m.bank.example back to 950 req/s; upstream scrubbing "
            u"stays on for 24 h."_s,
            true);
        d.captionEn = u"Scrubbing absorbs the flood; the mobile API recovers"_s;
        d.captionZh = u"流量清洗生效，手机银行 API 恢复正常"_s;
        emitAlert(Stream::Ddos, std::move(d));
    }
}

} // namespace

DemoScenario::DemoScenario(quint64 seed, Core::TimestampMs start)
    : m_seed(seed)
    , m_start(start)
{ }

QString DemoScenario::name() const
{
    return u"bank-day"_s;
}

QList<DemoEvent> DemoScenario::eventsBetween(Core::TimestampMs from, Core::TimestampMs to) const
{
    QList<DemoEvent> out;
    const TimestampMs lo = std::max(from, m_start);
    const TimestampMs hi = std::min(to, end());
    if (lo >= hi) {
        return out;
    }
    const Plan plan = makePlan(m_seed, m_start);
    const qint64 first = (lo - m_start) / kSlotMs;
    const qint64 last = (hi - 1 - m_start) / kSlotMs;
    for (qint64 slot = first; slot <= last; ++slot) {
        for (DemoEvent &e : SlotGenerator(m_seed, plan, m_start, slot).run()) {
            if (e.at >= lo && e.at < hi) {
                out.append(std::move(e));
            }
        }
    }
    return out;
}

QList<ScenarioStep> DemoScenario::steps() const
{
    // The arcs' starts; the captions themselves arrive with the arcs' events.
    const Plan p = makePlan(m_seed, m_start);
    QList<ScenarioStep> out {
        { m_start, u"A day at the bank begins"_s, u"银行的一天开始了"_s },
        { p.insider, u"Off hours: a DBA logs on to the core-banking database from home"_s,
            u"非工作时间：一名 DBA 从家中登录核心银行数据库"_s },
        { p.chainLag, u"Consortium chain: validator-3.gz starts falling behind"_s,
            u"联盟链：validator-3.gz 节点开始同步落后"_s },
        { p.phishing, u"Phishing wave from the look-alike domain bannk.example"_s,
            u"仿冒域名 bannk.example 发起钓鱼邮件攻势"_s },
        { p.stuffing, u"Credential stuffing against online banking from rotating IPs"_s,
            u"网银遭遇撞库攻击，攻击源 IP 不断轮换"_s },
        { p.cardTesting, u"Card testing on the payment gateway"_s, u"支付网关出现盗卡测试"_s },
        { p.cardTesting + 70 * kMinute, u"DDoS on the mobile banking API"_s,
            u"手机银行 API 遭受 DDoS 流量攻击"_s },
        { p.chainFork, u"Fork: validator-4.bj seals a different block at the same height"_s,
            u"分叉：validator-4.bj 在同一高度产生了不同的区块"_s },
    };
    std::stable_sort(out.begin(), out.end(),
        [](const ScenarioStep &a, const ScenarioStep &b) { return a.at < b.at; });
    return out;
}

QList<std::pair<QString, QString>> DemoScenario::feeds()
{
    return { { u"demo-ids"_s, u"suricata"_s }, { u"demo-fraud"_s, u"fraud-engine"_s },
        { u"demo-waf"_s, u"alertmanager"_s }, { u"demo-mail"_s, u"mail-gateway"_s },
        { u"demo-edr"_s, u"edr"_s }, { u"demo-chain"_s, u"eth-rpc"_s } };
}

} // namespace Lakeguard::Feeds
