// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlnormalizer.h"

#include "jsonsupport.h"

#include <QCoreApplication>
#include <QJsonDocument>

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

    Alert a;
    a.received = ctx.received;
    a.feed = ctx.feed;
    a.source = u"jsonl"_s;
    a.raw = record;

    const QJsonValue ts = o.value(u"ts"_s);
    if (ts.isDouble()) {
        a.ts = static_cast<TimestampMs>(ts.toDouble());
    } else if (const auto parsedTs = parseIsoTimestamp(ts.toString())) {
        a.ts = *parsedTs;
    } else {
        return quarantine(ctx, u"jsonl",
                          ts.isUndefined() ? QString::fromUtf8("missing field \"ts\"")
                                           : QString::fromUtf8("invalid timestamp in \"ts\": %1")
                                                 .arg(jsonText(ts).left(64)),
                          record);
    }

    a.title = o.value(u"title"_s).toString().trimmed();
    if (a.title.isEmpty()) {
        return quarantine(ctx, u"jsonl", QString::fromUtf8("missing field \"title\""), record);
    }

    const QJsonValue sev = o.value(u"severity"_s);
    if (sev.isUndefined() || sev.isNull()) {
        a.severity = Severity::Medium;
    } else if (sev.isDouble()) {
        const double d = sev.toDouble();
        if (d < 0 || d > 4 || d != static_cast<int>(d)) {
            return quarantine(ctx, u"jsonl",
                              QString::fromUtf8("severity %1 is outside 0–4").arg(jsonText(sev)), record);
        }
        a.severity = severityFromInt(static_cast<int>(d));
    } else if (const auto s = severityFromName(sev.toString())) {
        a.severity = *s;
    } else {
        return quarantine(ctx, u"jsonl",
                          QString::fromUtf8("unknown severity \"%1\"").arg(jsonText(sev).left(32)), record);
    }

    a.category = categoryFromName(o.value(u"category"_s).toString()).value_or(Category::Other);
    a.rule = o.value(u"rule"_s).toString().trimmed();
    if (a.rule.isEmpty()) {
        a.rule = u"jsonl:"_s + a.title.left(64);
    }
    a.message = o.value(u"message"_s).toString();
    a.entity = o.value(u"entity"_s).toString();
    a.srcIp = o.value(u"src_ip"_s).toString();
    a.dstIp = o.value(u"dst_ip"_s).toString();

    // A record that Lakeguard exported carries its own source and fingerprint: keep them so the
    // round trip is an identity and re-ingest dedups against the original.
    const QString source = o.value(u"source"_s).toString();
    const QByteArray fp = QByteArray::fromHex(o.value(u"fingerprint"_s).toString().toLatin1());
    if (fp.size() == 32 && !source.isEmpty()) {
        a.source = source;
        a.fingerprint = fp;
        const QJsonValue raw = o.value(u"raw"_s);
        if (raw.isObject()) {
            a.raw = QJsonDocument(raw.toObject()).toJson(QJsonDocument::Compact);
        } else if (raw.isString()) {
            a.raw = raw.toString().toUtf8();
        }
    } else {
        a.fingerprint = fingerprintOf(u"jsonl", canonicalJson(o));
    }
    return a;
}

} // namespace Lakeguard::Core
