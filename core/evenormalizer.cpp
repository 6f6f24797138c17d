// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "evenormalizer.h"

#include "jsonsupport.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {


QString endpoint(const QJsonObject &o, const QString &ipKey, const QString &portKey)
{
    const QString ip = o.value(ipKey).toString();
    if (ip.isEmpty()) {
        return {};
    }
    const QJsonValue port = o.value(portKey);
    if (!port.isDouble()) {
        return ip;
    }
    const QString p = jsonText(port);
    if (ip.contains(u':')) {
        return QString(u'[' + ip + u"]:"_s + p);
    }
    return QString(ip + u':' + p);
}

} // namespace

QString EveNormalizer::format() const
{
    return u"eve"_s;
}

Severity EveNormalizer::severityFor(int eveSeverity)
{
    if (eveSeverity <= 1) {
        return Severity::High;
    }
    if (eveSeverity == 2) {
        return Severity::Medium;
    }
    if (eveSeverity == 3) {
        return Severity::Low;
    }
    return Severity::Info;
}

Category EveNormalizer::categoryFor(const QString &classtype, const QString &signature)
{
    // The ruleset prefix (Emerging Threats / GPL) is the most specific signal.
    struct Prefix
    {
        QStringView prefix;
        Category category;
    };
    static constexpr Prefix prefixes[] = {
        {u"ET MALWARE", Category::Malware},   {u"ET TROJAN", Category::Malware},
        {u"ET CNC", Category::Malware},       {u"ET JA3 Hash", Category::Malware},
        {u"ET PHISHING", Category::Phishing}, {u"ET DOS", Category::Ddos},
        {u"GPL DOS", Category::Ddos},         {u"ET POLICY", Category::Policy},
        {u"ET P2P", Category::Policy},        {u"ET CHAT", Category::Policy},
        {u"ET GAMES", Category::Policy},      {u"ET SCAN", Category::Intrusion},
        {u"ET EXPLOIT", Category::Intrusion}, {u"GPL EXPLOIT", Category::Intrusion},
        {u"ET WEB_", Category::Intrusion},    {u"GPL WEB_", Category::Intrusion},
        {u"GPL SHELLCODE", Category::Intrusion}, {u"ET SHELLCODE", Category::Intrusion},
    };
    for (const Prefix &p : prefixes) {
        if (signature.startsWith(p.prefix)) {
            return p.category;
        }
    }
    // Then the classtype descriptions of Suricata's classification.config.
    struct Pattern
    {
        QStringView needle;
        Category category;
    };
    static constexpr Pattern patterns[] = {
        {u"Denial of Service", Category::Ddos},
        {u"Trojan", Category::Malware},
        {u"Malware", Category::Malware},
        {u"Executable code", Category::Malware},
        {u"Command and Control", Category::Malware},
        {u"Phishing", Category::Phishing},
        {u"Social Engineering", Category::Phishing},
        {u"Successful Information Leak", Category::DataLeak},
        {u"Large Scale Information Leak", Category::DataLeak},
        {u"Privacy Violation", Category::Policy},
        {u"Policy", Category::Policy},
        {u"Privilege Gain", Category::Intrusion},
        {u"Web Application Attack", Category::Intrusion},
        {u"Attempted", Category::Intrusion},
        {u"Exploit", Category::Intrusion},
        {u"Scan", Category::Intrusion},
        {u"Information Leak", Category::Intrusion},
        {u"Suspicious Login", Category::Intrusion},
        {u"Credential Theft", Category::Phishing},
    };
    for (const Pattern &p : patterns) {
        if (classtype.contains(p.needle, Qt::CaseInsensitive)) {
            return p.category;
        }
    }
    return Category::Other;
}

NormalizeResult EveNormalizer::normalize(const QByteArray &record, const NormalizeContext &ctx) const
{
    QString error;
    const std::optional<QJsonObject> parsed = parseJsonObject(record, &error);
    if (!parsed) {
        return quarantine(ctx, u"eve", error, record);
    }
    const QJsonObject &o = *parsed;
    const QJsonValue typeValue = o.value(u"event_type"_s);
    if (!typeValue.isString() || typeValue.toString().isEmpty()) {
        return quarantine(ctx, u"eve", QString::fromUtf8("EVE record without an event_type"), record);
    }
    const QString eventType = typeValue.toString();
    if (eventType != u"alert"_s && eventType != u"anomaly"_s) {
        return Skipped{QString::fromUtf8("EVE event_type %1 is not an alert").arg(eventType)};
    }
    const QJsonValue tsValue = o.value(u"timestamp"_s);
    const std::optional<TimestampMs> ts = parseIsoTimestamp(tsValue.toString());
    if (!ts) {
        return quarantine(ctx, u"eve",
                          tsValue.isUndefined()
                              ? QString::fromUtf8("EVE record without a timestamp")
                              : QString::fromUtf8("invalid EVE timestamp \"%1\"").arg(jsonText(tsValue).left(64)),
                          record);
    }

    Alert a;
    a.ts = *ts;
    a.received = ctx.received;
    a.feed = ctx.feed;
    a.source = u"eve"_s;
    a.srcIp = o.value(u"src_ip"_s).toString();
    a.dstIp = o.value(u"dest_ip"_s).toString();
    a.raw = record;
    a.fingerprint = fingerprintOf(u"eve", canonicalJson(o));
    a.fingerprintCoversTime = true; // the timestamp is in `o`, with its year
    const QString proto = o.value(u"proto"_s).toString();
    const QString src = endpoint(o, u"src_ip"_s, u"src_port"_s);
    const QString dst = endpoint(o, u"dest_ip"_s, u"dest_port"_s);
    const QString flow = src.isEmpty() && dst.isEmpty()
        ? QString()
        : QString::fromUtf8("%1 %2 → %3").arg(proto.isEmpty() ? u"IP"_s : proto, src, dst);
    a.entity = !a.dstIp.isEmpty() ? a.dstIp : a.srcIp;

    if (eventType == u"alert"_s) {
        const QJsonValue alertValue = o.value(u"alert"_s);
        if (!alertValue.isObject()) {
            return quarantine(ctx, u"eve", QString::fromUtf8("EVE alert event without an alert object"),
                              record);
        }
        const QJsonObject alert = alertValue.toObject();
        const QJsonValue sid = alert.value(u"signature_id"_s);
        if (!sid.isDouble()) {
            return quarantine(ctx, u"eve", QString::fromUtf8("EVE alert without a numeric signature_id"),
                              record);
        }
        const QString signature = alert.value(u"signature"_s).toString();
        const QString classtype = alert.value(u"category"_s).toString();
        a.rule = u"eve:"_s + jsonText(sid);
        a.title = signature.isEmpty() ? QString::fromUtf8("Suricata signature %1").arg(jsonText(sid))
                                      : signature;
        a.severity = severityFor(alert.value(u"severity"_s).toInt(3));
        a.category = categoryFor(classtype, signature);
        QStringList parts;
        if (!classtype.isEmpty()) {
            parts << classtype;
        }
        if (!flow.isEmpty()) {
            parts << flow;
        }
        const QString action = alert.value(u"action"_s).toString();
        if (!action.isEmpty()) {
            parts << QString::fromUtf8("action: %1").arg(action);
        }
        a.message = parts.join(u" · "_s);
    } else {
        const QJsonObject anomaly = o.value(u"anomaly"_s).toObject();
        const QString kind = anomaly.value(u"type"_s).toString();
        const QString event = anomaly.value(u"event"_s).toString();
        const QString layer = anomaly.value(u"layer"_s).toString();
        a.rule = u"eve:anomaly:"_s + (event.isEmpty() ? kind : event);
        a.title = QString::fromUtf8("Protocol anomaly: %1").arg(event.isEmpty() ? kind : event);
        a.severity = Severity::Low;
        a.category = Category::Other;
        QStringList parts;
        if (!kind.isEmpty()) {
            parts << QString::fromUtf8("type: %1").arg(kind);
        }
        if (!layer.isEmpty()) {
            parts << QString::fromUtf8("layer: %1").arg(layer);
        }
        if (!flow.isEmpty()) {
            parts << flow;
        }
        a.message = parts.join(u" · "_s);
    }
    return a;
}

} // namespace Lakeguard::Core
