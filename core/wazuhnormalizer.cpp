// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "wazuhnormalizer.h"

#include "evenormalizer.h"
#include "jsonsupport.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

// Quarantine reasons are stored data read by people and scripts: plain English, not translated.
NormalizeResult reject(const NormalizeContext &ctx, const QString &reason, const QByteArray &raw)
{
    return quarantine(ctx, u"wazuh", reason, raw);
}

// Wazuh decoders write "ip:port" into data.dstip for some sources (snort fast.log): keep the
// address. A bare IPv6 address (several colons) or a bracketed one is left as is / unwrapped.
QString addressOnly(QString text)
{
    text = text.trimmed();
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        return close > 0 ? text.mid(1, close - 1) : text;
    }
    if (text.count(u':') == 1) {
        return text.left(text.indexOf(u':'));
    }
    return text;
}

} // namespace

QString WazuhNormalizer::format() const
{
    return u"wazuh"_s;
}

Severity WazuhNormalizer::severityFor(int level)
{
    if (level <= 3) {
        return Severity::Info;
    }
    if (level <= 6) {
        return Severity::Low;
    }
    if (level <= 11) {
        return Severity::Medium;
    }
    if (level <= 14) {
        return Severity::High;
    }
    return Severity::Critical;
}

Category WazuhNormalizer::categoryFor(const QStringList &groups)
{
    // Wazuh ruleset group names, most specific first: the first entry any group matches wins.
    struct Entry
    {
        QStringView group;
        Category category;
    };
    static constexpr Entry table[] = {
        // freshclam is ClamAV updating its signatures: housekeeping, not a malware sighting.
        {u"freshclam", Category::Other},
        {u"malware", Category::Malware},
        {u"virus", Category::Malware},
        {u"trojan", Category::Malware},
        {u"rootcheck", Category::Malware},
        {u"virustotal", Category::Malware},
        {u"ransomware", Category::Malware},
        {u"phishing", Category::Phishing},
        {u"spam", Category::Phishing},
        {u"dos", Category::Ddos},
        {u"ddos", Category::Ddos},
        {u"exfiltration", Category::DataLeak},
        {u"data_leak", Category::DataLeak},
        {u"authentication_failed", Category::Intrusion},
        {u"authentication_failures", Category::Intrusion},
        {u"invalid_login", Category::Intrusion},
        {u"brute_force", Category::Intrusion},
        {u"sshd", Category::Intrusion},
        {u"web", Category::Intrusion},
        {u"attack", Category::Intrusion},
        {u"sql_injection", Category::Intrusion},
        {u"xss", Category::Intrusion},
        {u"exploit_attempt", Category::Intrusion},
        {u"recon", Category::Intrusion},
        {u"web_scan", Category::Intrusion},
        {u"ids", Category::Intrusion},
        {u"syscheck", Category::Policy},
        {u"integrity", Category::Policy},
        {u"sca", Category::Policy},
        {u"policy_violation", Category::Policy},
        {u"vulnerability-detector", Category::Policy},
        {u"service_availability", Category::Availability},
        {u"system_shutdown", Category::Availability},
        {u"low_diskspace", Category::Availability},
    };
    for (const Entry &e : table) {
        for (const QString &g : groups) {
            if (g.compare(e.group, Qt::CaseInsensitive) == 0) {
                return e.category;
            }
        }
    }
    return Category::Other;
}

NormalizeResult WazuhNormalizer::normalize(const QByteArray &record,
                                           const NormalizeContext &ctx) const
{
    QString error;
    const std::optional<QJsonObject> parsed = parseJsonObject(record, &error);
    if (!parsed) {
        return reject(ctx, error, record);
    }
    const QJsonObject &o = *parsed;
    const QJsonValue ruleValue = o.value(u"rule"_s);
    if (!ruleValue.isObject()) {
        return reject(ctx, u"Wazuh alert without a rule object"_s, record);
    }
    const QJsonObject rule = ruleValue.toObject();
    const QString ruleId = jsonText(rule.value(u"id"_s)).trimmed();
    if (ruleId.isEmpty()) {
        return reject(ctx, u"Wazuh alert without rule.id"_s, record);
    }
    // rule.level is a number in alerts.json; accept a numeric string as well.
    const QJsonValue levelValue = rule.value(u"level"_s);
    bool levelOk = false;
    const double level = levelValue.isDouble() ? (levelOk = true, levelValue.toDouble())
                                               : levelValue.toString().toDouble(&levelOk);
    // Range first (NaN included: "nan" parses as a double): the cast is only defined inside.
    if (!levelOk || !(level >= 0 && level <= 16) || level != static_cast<int>(level)) {
        return reject(ctx,
                      levelValue.isUndefined()
                          ? u"Wazuh alert without rule.level"_s
                          : u"Wazuh rule.level \"%1\" is not an integer in 0-16"_s.arg(
                              jsonText(levelValue).left(32)),
                      record);
    }
    const QJsonValue tsValue = o.value(u"timestamp"_s);
    const std::optional<TimestampMs> ts = parseIsoTimestamp(tsValue.toString());
    if (!ts) {
        return reject(ctx,
                      tsValue.isUndefined()
                          ? u"Wazuh alert without a timestamp"_s
                          : u"invalid Wazuh timestamp \"%1\""_s.arg(jsonText(tsValue).left(64)),
                      record);
    }

    const QJsonObject data = o.value(u"data"_s).toObject();
    const QJsonObject agent = o.value(u"agent"_s).toObject();
    QStringList groups;
    for (const QJsonValue g : rule.value(u"groups"_s).toArray()) {
        groups << g.toString();
    }

    Alert a;
    a.ts = *ts;
    a.received = ctx.received;
    a.feed = ctx.feed;
    a.source = u"wazuh"_s;
    a.raw = record;
    // The whole record, `id` included, is the canonical form: Wazuh's `id` is unique per manager
    // but not across managers, so it is never used alone.
    a.fingerprint = fingerprintOf(u"wazuh", canonicalJson(o));
    a.fingerprintCoversTime = true; // the timestamp is in `o`, with its year
    a.rule = u"wazuh:"_s + ruleId;
    a.severity = severityFor(static_cast<int>(level));
    a.title = rule.value(u"description"_s).toString().trimmed();
    if (a.title.isEmpty()) {
        a.title = u"Wazuh rule %1"_s.arg(ruleId);
    }
    a.category = categoryFor(groups);
    // Suricata alerts relayed by Wazuh (group "suricata") carry the EVE alert in `data`: its
    // signature and classtype say more than the generic "ids" group.
    if (groups.contains(u"suricata"_s, Qt::CaseInsensitive)) {
        const QJsonObject eve = data.value(u"alert"_s).toObject();
        const Category c = EveNormalizer::categoryFor(eve.value(u"category"_s).toString(),
                                                      eve.value(u"signature"_s).toString());
        if (c != Category::Other) {
            a.category = c;
        }
    }

    a.srcIp = addressOnly(data.value(u"srcip"_s).toString());
    if (a.srcIp.isEmpty()) {
        a.srcIp = data.value(u"src_ip"_s).toString();
    }
    a.dstIp = addressOnly(data.value(u"dstip"_s).toString());
    if (a.dstIp.isEmpty()) {
        a.dstIp = data.value(u"dest_ip"_s).toString();
    }

    // The account an alert is about says more than the agent: on a single manager every alert
    // comes from the same agent. The agent is the fallback and always stands in the message.
    const QString agentName = agent.value(u"name"_s).toString();
    const QString agentIp = agent.value(u"ip"_s).toString();
    for (const QString &candidate : {data.value(u"dstuser"_s).toString(),
                                     data.value(u"srcuser"_s).toString(), agentName, agentIp}) {
        if (!candidate.trimmed().isEmpty()) {
            a.entity = candidate.trimmed();
            break;
        }
    }

    QString log = o.value(u"full_log"_s).toString();
    if (log.isEmpty() && !data.isEmpty()) {
        log = QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact));
    }
    QStringList parts;
    if (!log.isEmpty()) {
        parts << log;
    }
    if (!agentName.isEmpty() || !agentIp.isEmpty()) {
        parts << u"agent: %1"_s.arg(
            agentIp.isEmpty() || agentName.isEmpty() ? agentName + agentIp
                                                     : u"%1 (%2)"_s.arg(agentName, agentIp));
    }
    const QString location = o.value(u"location"_s).toString();
    if (!location.isEmpty()) {
        parts << u"location: %1"_s.arg(location);
    }
    a.message = parts.join(u" · "_s);
    return a;
}

} // namespace Lakeguard::Core
