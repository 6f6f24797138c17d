// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "packrecords.h"

#include "alert.h"
#include "timeutil.h"

#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace Lakeguard::Evidence {

namespace {

QJsonValue nullable(const QVariant &v)
{
    return v.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(v.toString());
}

QString iso(const QVariant &v)
{
    return Core::formatIsoTimestamp(v.toLongLong());
}

} // namespace

QString packRecordType(Storage::LeafKind kind)
{
    switch (kind) {
    case Storage::LeafKind::Alert:
        return u"alert"_s;
    case Storage::LeafKind::AlertEvent:
        return u"alert_event"_s;
    case Storage::LeafKind::IncidentAudit:
        return u"audit"_s;
    case Storage::LeafKind::ChainObservation:
        return u"chain_observation"_s;
    case Storage::LeafKind::Prune:
        return u"prune"_s;
    }
    return u"unknown"_s;
}

QJsonObject leafRecordJson(Storage::LeafKind kind, const QVariantList &v)
{
    QJsonObject o;
    switch (kind) {
    case Storage::LeafKind::Alert: {
        // id, ts, received, feed, source, severity, category, rule, title, message, entity,
        // src_ip, dst_ip, fingerprint, raw
        Core::Alert a;
        a.raw = v.value(14).toByteArray();
        o = a.toJson(); // only for the readable `raw`: the same rule as `alerts --json`
        const QJsonValue raw = o.value(u"raw"_s);
        o = QJsonObject();
        o.insert(u"id"_s, v.value(0).toLongLong());
        o.insert(u"ts"_s, iso(v.value(1)));
        o.insert(u"received"_s, iso(v.value(2)));
        o.insert(u"feed"_s, v.value(3).toString());
        o.insert(u"source"_s, v.value(4).toString());
        o.insert(u"severity"_s, Core::severityName(Core::severityFromInt(v.value(5).toInt())));
        o.insert(u"severity_level"_s, v.value(5).toLongLong());
        o.insert(u"category"_s, v.value(6).toString());
        o.insert(u"rule"_s, v.value(7).toString());
        o.insert(u"title"_s, v.value(8).toString());
        o.insert(u"message"_s, v.value(9).toString());
        o.insert(u"entity"_s, v.value(10).toString());
        o.insert(u"src_ip"_s, nullable(v.value(11)));
        o.insert(u"dst_ip"_s, nullable(v.value(12)));
        o.insert(u"fingerprint"_s, QString::fromLatin1(v.value(13).toByteArray().toHex()));
        o.insert(u"raw"_s, raw);
        o.insert(u"raw_base64"_s, QString::fromLatin1(a.raw.toBase64()));
        break;
    }
    case Storage::LeafKind::AlertEvent: {
        // id, alert_id, ts, received, feed, state, message, raw
        Core::AlertEvent e;
        e.raw = v.value(7).toByteArray();
        const QJsonValue raw = e.toJson().value(u"raw"_s);
        o.insert(u"id"_s, v.value(0).toLongLong());
        o.insert(u"alert"_s, v.value(1).toLongLong());
        o.insert(u"ts"_s, iso(v.value(2)));
        o.insert(u"received"_s, iso(v.value(3)));
        o.insert(u"feed"_s, v.value(4).toString());
        o.insert(u"state"_s, v.value(5).toString());
        o.insert(u"message"_s, v.value(6).toString());
        o.insert(u"raw"_s, raw);
        o.insert(u"raw_base64"_s, QString::fromLatin1(e.raw.toBase64()));
        break;
    }
    case Storage::LeafKind::IncidentAudit:
        // id, incident, ts, actor, action, old_value, new_value, reason
        o.insert(u"id"_s, v.value(0).toLongLong());
        o.insert(u"incident"_s,
            v.value(1).isNull() ? QJsonValue(QJsonValue::Null)
                                : QJsonValue(v.value(1).toLongLong()));
        o.insert(u"ts"_s, iso(v.value(2)));
        o.insert(u"actor"_s, v.value(3).toString());
        o.insert(u"action"_s, v.value(4).toString());
        o.insert(u"old_value"_s, v.value(5).toString());
        o.insert(u"new_value"_s, v.value(6).toString());
        o.insert(u"reason"_s, v.value(7).toString());
        break;
    case Storage::LeafKind::ChainObservation:
        o.insert(u"id"_s, v.value(0).toLongLong());
        break;
    case Storage::LeafKind::Prune:
        // id, ts, reason, ranges, tree_size (a retention record; docs/tamper-evidence.md)
        o.insert(u"id"_s, v.value(0).toLongLong());
        o.insert(u"ts"_s, iso(v.value(1)));
        o.insert(u"reason"_s, v.value(2).toString());
        o.insert(u"ranges"_s, v.value(3).toString());
        o.insert(u"tree_size"_s, v.value(4).toLongLong());
        break;
    }
    return o;
}

} // namespace Lakeguard::Evidence
