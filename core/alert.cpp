// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alert.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

// A source record as JSON when it is a JSON object, else as text.
QJsonValue rawJson(const QByteArray &raw)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &err);
    if (err.error == QJsonParseError::NoError && doc.isObject()) {
        return doc.object();
    }
    return QString::fromUtf8(raw);
}

} // namespace

QJsonObject Alert::toJson() const
{
    QJsonObject o;
    o.insert(u"id"_s, id.value);
    o.insert(u"ts"_s, formatIsoTimestamp(ts));
    o.insert(u"received"_s, formatIsoTimestamp(received));
    o.insert(u"feed"_s, feed);
    o.insert(u"source"_s, source);
    o.insert(u"severity"_s, severityName(severity));
    o.insert(u"category"_s, categoryName(category));
    o.insert(u"rule"_s, rule);
    o.insert(u"title"_s, title);
    o.insert(u"message"_s, message);
    o.insert(u"entity"_s, entity);
    o.insert(u"src_ip"_s, nullable(srcIp));
    o.insert(u"dst_ip"_s, nullable(dstIp));
    o.insert(u"fingerprint"_s, QString::fromLatin1(fingerprint.toHex()));
    o.insert(u"incident"_s, incident ? QJsonValue(incident->value) : QJsonValue(QJsonValue::Null));
    if (!state.isEmpty()) {
        o.insert(u"state"_s, state);
    }
    if (suppressedBy) {
        o.insert(u"suppressed"_s, *suppressedBy);
    }
    o.insert(u"raw"_s, rawJson(raw));
    return o;
}

QJsonObject AlertEvent::toJson() const
{
    QJsonObject o;
    o.insert(u"id"_s, id);
    o.insert(u"alert"_s, alert.value);
    o.insert(u"ts"_s, formatIsoTimestamp(ts));
    o.insert(u"received"_s, formatIsoTimestamp(received));
    o.insert(u"feed"_s, feed);
    o.insert(u"state"_s, state);
    o.insert(u"message"_s, message);
    o.insert(u"raw"_s, rawJson(raw));
    return o;
}

QJsonObject ChainObservation::toJson() const
{
    QJsonObject o;
    o.insert(u"chain"_s, chain);
    o.insert(u"node"_s, node);
    o.insert(u"height"_s, height >= 0 ? QJsonValue(height) : QJsonValue(QJsonValue::Null));
    o.insert(u"head_hash"_s, nullable(headHash));
    o.insert(u"block_time"_s,
             blockTime > 0 ? QJsonValue(formatIsoTimestamp(blockTime)) : QJsonValue(QJsonValue::Null));
    o.insert(u"block_age_s"_s,
             blockTime > 0 ? QJsonValue(double(observed - blockTime) / 1000.0)
                           : QJsonValue(QJsonValue::Null));
    o.insert(u"observed"_s, formatIsoTimestamp(observed));
    o.insert(u"peers"_s, peers >= 0 ? QJsonValue(peers) : QJsonValue(QJsonValue::Null));
    o.insert(u"syncing"_s, syncing);
    o.insert(u"lag"_s, lag);
    o.insert(u"state"_s, state);
    o.insert(u"latency_ms"_s, latencyMs >= 0 ? QJsonValue(latencyMs) : QJsonValue(QJsonValue::Null));
    const QJsonObject details = detailsJson();
    for (auto it = details.begin(); it != details.end(); ++it) {
        o.insert(it.key(), it.value());
    }
    return o;
}

// The fields beyond the original chain_status columns; absent values are null.
QJsonObject ChainObservation::detailsJson() const
{
    const auto count = [](qint64 v) { return v >= 0 ? QJsonValue(v) : QJsonValue(QJsonValue::Null); };
    QJsonObject o;
    o.insert(u"kind"_s, nullable(kind));
    o.insert(u"chain_id"_s, nullable(chainId));
    o.insert(u"client"_s, nullable(clientVersion));
    o.insert(u"parent_hash"_s, nullable(parentHash));
    o.insert(u"tx_count"_s, count(txCount));
    o.insert(u"gas_price_wei"_s, nullable(gasPriceWei));
    o.insert(u"txpool_pending"_s, count(pending));
    o.insert(u"txpool_queued"_s, count(queued));
    o.insert(u"sync_current"_s, count(syncCurrent));
    o.insert(u"sync_highest"_s, count(syncHighest));
    o.insert(u"view"_s, count(view));
    o.insert(u"error"_s, nullable(error));
    return o;
}

void ChainObservation::setDetails(const QJsonObject &d)
{
    const auto count = [&d](const QString &key) { return d.value(key).toInteger(-1); };
    kind = d.value(u"kind"_s).toString();
    chainId = d.value(u"chain_id"_s).toString();
    clientVersion = d.value(u"client"_s).toString();
    parentHash = d.value(u"parent_hash"_s).toString();
    txCount = int(count(u"tx_count"_s));
    gasPriceWei = d.value(u"gas_price_wei"_s).toString();
    pending = count(u"txpool_pending"_s);
    queued = count(u"txpool_queued"_s);
    syncCurrent = count(u"sync_current"_s);
    syncHighest = count(u"sync_highest"_s);
    view = count(u"view"_s);
    error = d.value(u"error"_s).toString();
}

QByteArray fingerprintOf(QStringView source, const QByteArray &canonical)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(source.toUtf8());
    h.addData(QByteArrayView("\x1f", 1));
    h.addData(canonical);
    return h.result();
}

} // namespace Lakeguard::Core
