// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlnormalizer.h"

#include "jsonsupport.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {
} // namespace

QString JsonlNormalizer::format() const
{
    return u"jsonl"_s;
}

NormalizeResult JsonlNormalizer::normalize(const QByteArray &record,
                                           const NormalizeContext &ctx) const
{
    QString error;
    const std::optional<QJsonObject> parsed = parseJsonObject(record, &error);
    if (!parsed) {
        return quarantine(ctx, u"jsonl", error, record);
    }
    const QJsonObject &o = *parsed;
    const bool mapped = !m_map.isEmpty();
    // A field where the map points, or under its own name without a map; undefined if absent.
    const auto field = [&](const QString &name) -> QJsonValue {
        if (!mapped) {
            return o.value(name);
        }
        const auto pointer = m_map.pointers.constFind(name);
        if (pointer == m_map.pointers.constEnd()) {
            return QJsonValue(QJsonValue::Undefined);
        }
        return resolveJsonPointer(o, *pointer).value_or(QJsonValue(QJsonValue::Undefined));
    };
    // How a quarantine reason names a field: "title", or "title" (at /reason) with a map.
    const auto named = [&](const QString &name) {
        return mapped ? u"\"%1\" (at %2)"_s.arg(name, m_map.pointers.value(name))
                      : u"\"%1\""_s.arg(name);
    };

    Alert a;
    a.received = ctx.received;
    a.feed = ctx.feed;
    a.source = u"jsonl"_s;
    a.raw = record;

    const QJsonValue ts = field(u"ts"_s);
    // A number beyond qint64 milliseconds is no time (and casting it would be undefined
    // behaviour, found by fuzz_jsonl): quarantined like any other invalid timestamp.
    constexpr double kLimit = 9'223'372'036'854'775'808.0; // 2^63
    if (ts.isDouble() && std::abs(ts.toDouble()) < kLimit / 1000.0) {
        double d = ts.toDouble();
        // Mapped sources often count seconds; a number below 10^11 cannot be milliseconds of
        // a real alert (it would be 1973), so it is taken as seconds.
        if (mapped && std::abs(d) < 1e11) {
            d *= 1000.0;
        }
        a.ts = static_cast<TimestampMs>(d);
    } else if (const auto parsedTs = parseIsoTimestamp(ts.toString())) {
        a.ts = *parsedTs;
    } else {
        return quarantine(ctx, u"jsonl",
                          ts.isUndefined() ? u"missing field %1"_s.arg(named(u"ts"_s))
                                           : u"invalid timestamp in %1: %2"_s.arg(
                                               named(u"ts"_s), jsonText(ts).left(64)),
                          record);
    }

    a.title = jsonText(field(u"title"_s)).trimmed();
    if (a.title.isEmpty()) {
        return quarantine(ctx, u"jsonl", u"missing field %1"_s.arg(named(u"title"_s)), record);
    }

    const QJsonValue sev = field(u"severity"_s);
    const auto tableSeverity = m_map.severityValues.constFind(jsonText(sev).toLower());
    if (sev.isUndefined() || sev.isNull()) {
        a.severity = Severity::Medium;
    } else if (tableSeverity != m_map.severityValues.constEnd()) {
        a.severity = *tableSeverity;
    } else if (sev.isDouble()) {
        const double d = sev.toDouble();
        if (d < 0 || d > 4 || d != static_cast<int>(d)) {
            return quarantine(ctx, u"jsonl",
                              QString::fromUtf8("severity %1 is outside 0–4").arg(jsonText(sev)),
                              record);
        }
        a.severity = severityFromInt(static_cast<int>(d));
    } else if (const auto s = severityFromName(sev.toString())) {
        a.severity = *s;
    } else {
        return quarantine(ctx, u"jsonl",
                          QString::fromUtf8("unknown severity \"%1\"").arg(jsonText(sev).left(32)),
                          record);
    }

    const QString category = jsonText(field(u"category"_s));
    a.category = m_map.categoryValues.value(
        category.toLower(), categoryFromName(category).value_or(Category::Other));
    const QString rule = jsonText(field(u"rule"_s)).trimmed();
    if (mapped) {
        const QString prefix = m_map.rulePrefix.isEmpty() ? u"jsonl"_s : m_map.rulePrefix;
        a.rule = prefix + u':' + (rule.isEmpty() ? a.title.left(64) : rule.left(128));
    } else {
        a.rule = rule.isEmpty() ? u"jsonl:"_s + a.title.left(64) : rule;
    }
    a.message = jsonText(field(u"message"_s));
    a.entity = jsonText(field(u"entity"_s));
    a.srcIp = jsonText(field(u"src_ip"_s));
    a.dstIp = jsonText(field(u"dst_ip"_s));
    if (mapped) {
        a.state = jsonText(field(u"state"_s)).trimmed().toLower().left(32);
    }

    if (mapped && m_map.pointers.contains(u"id"_s)) {
        // The source's own id names the record: a re-sent record with changed details (a fraud
        // case whose status moved on) is the same alert, and its state change an update.
        const QString id = jsonText(field(u"id"_s));
        if (id.isEmpty()) {
            return quarantine(ctx, u"jsonl", u"missing field %1"_s.arg(named(u"id"_s)), record);
        }
        a.fingerprint = fingerprintOf(u"jsonl", m_map.rulePrefix.toUtf8() + '\n' + id.toUtf8());
        return a;
    }
    // A record that Lakeguard exported carries its own source and fingerprint: keep them so the
    // round trip is an identity and re-ingest dedups against the original.
    const QString source = o.value(u"source"_s).toString();
    const QByteArray fp = QByteArray::fromHex(o.value(u"fingerprint"_s).toString().toLatin1());
    if (!mapped && fp.size() == 32 && !source.isEmpty()) {
        a.source = source;
        a.fingerprint = fp;
        // The original's time comes back with it: the pair finds the original, whichever way
        // the original was checked.
        a.fingerprintCoversTime = true;
        const QJsonValue raw = o.value(u"raw"_s);
        if (raw.isObject()) {
            a.raw = QJsonDocument(raw.toObject()).toJson(QJsonDocument::Compact);
        } else if (raw.isString()) {
            a.raw = raw.toString().toUtf8();
        }
    } else {
        a.fingerprint = fingerprintOf(u"jsonl", canonicalJson(o));
        a.fingerprintCoversTime = true; // the time was read from `o`
    }
    return a;
}

} // namespace Lakeguard::Core
