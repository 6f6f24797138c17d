// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertmanagernormalizer.h"

#include "jsonsupport.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

// Quarantine reasons are stored data read by people and scripts: plain English, not translated.
Quarantined reject(const NormalizeContext &ctx, const QString &reason, const QByteArray &raw)
{
    return quarantine(ctx, u"alertmanager", reason, raw);
}

// Why a parsed payload is not an Alertmanager v4 one, or empty when it is.
QString payloadProblem(const QJsonObject &o)
{
    const QJsonValue version = o.value(u"version"_s);
    const QJsonValue alerts = o.value(u"alerts"_s);
    if (o.contains(u"orgId"_s) || (o.contains(u"state"_s) && o.contains(u"title"_s))) {
        return u"Grafana-managed alerting payload (version %1), not an Alertmanager v4 webhook"_s
            .arg(version.isString() ? u"\"%1\""_s.arg(version.toString()) : jsonText(version));
    }
    if (!alerts.isArray()) {
        return alerts.isUndefined() ? u"Alertmanager payload without an alerts array"_s
                                    : u"Alertmanager payload whose alerts is not an array"_s;
    }
    if (!version.isString() || version.toString() != u"4"_s) {
        return u"unsupported Alertmanager payload version %1 (expected the string \"4\")"_s.arg(
            version.isUndefined() ? u"(none)"_s
            : version.isString()  ? u"\"%1\""_s.arg(version.toString().left(16))
                                  : jsonText(version).left(16));
    }
    return {};
}

QString labelsText(const QJsonObject &labels)
{
    QStringList parts;
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        if (it.key() == u"alertname"_s || it.key() == u"severity"_s) {
            continue;
        }
        parts << u"%1=%2"_s.arg(it.key(), jsonText(it.value()));
    }
    return parts.join(u", "_s);
}

} // namespace

QString AlertmanagerNormalizer::format() const
{
    return u"alertmanager"_s;
}

std::optional<Severity> AlertmanagerNormalizer::severityFor(const QString &label)
{
    const QString s = label.trimmed().toLower();
    if (s.isEmpty() || s == u"warning"_s || s == u"warn"_s) {
        return Severity::Medium;
    }
    if (s == u"info"_s || s == u"informational"_s || s == u"none"_s) {
        return Severity::Info;
    }
    if (s == u"low"_s) {
        return Severity::Low;
    }
    if (s == u"error"_s || s == u"high"_s || s == u"major"_s) {
        return Severity::High;
    }
    if (s == u"critical"_s || s == u"page"_s) {
        return Severity::Critical;
    }
    return std::nullopt;
}

Category AlertmanagerNormalizer::categoryFor(const QString &alertname, const QString &summary,
                                             const QString &categoryLabel)
{
    if (const auto c = categoryFromName(categoryLabel.trimmed().toLower())) {
        return *c;
    }
    // Checked in order over "alertname summary", case-insensitive; the first hit wins.
    // Prometheus alerts are mostly about service health: availability is the default.
    struct Keyword
    {
        QStringView needle;
        Category category;
    };
    static constexpr Keyword table[] = {
        {u"fraud", Category::Fraud},        {u"malware", Category::Malware},
        {u"phish", Category::Phishing},     {u"ddos", Category::Ddos},
        {u"flood", Category::Ddos},         {u"exfiltration", Category::DataLeak},
        {u"intrusion", Category::Intrusion}, {u"attack", Category::Intrusion},
        {u"waf", Category::Intrusion},      {u"brute", Category::Intrusion},
        {u"certificate", Category::Policy}, {u"compliance", Category::Policy},
        {u"blockchain", Category::Chain},
    };
    const QString text = alertname + u' ' + summary;
    for (const Keyword &k : table) {
        if (text.contains(k.needle, Qt::CaseInsensitive)) {
            return k.category;
        }
    }
    return Category::Availability;
}

NormalizeResult AlertmanagerNormalizer::normalize(const QByteArray &record,
                                                  const NormalizeContext &ctx) const
{
    QList<NormalizeResult> all = normalizeAll(record, ctx);
    for (NormalizeResult &r : all) {
        if (std::holds_alternative<Alert>(r)) {
            return std::move(r);
        }
    }
    if (all.isEmpty()) {
        return reject(ctx, u"Alertmanager payload with no alerts"_s, record);
    }
    return std::move(all.first());
}

QList<NormalizeResult> AlertmanagerNormalizer::normalizeAll(const QByteArray &record,
                                                            const NormalizeContext &ctx) const
{
    QString error;
    const std::optional<QJsonObject> parsed = parseJsonObject(record, &error);
    if (!parsed) {
        return {reject(ctx, error, record)};
    }
    const QJsonObject &payload = *parsed;
    if (const QString problem = payloadProblem(payload); !problem.isEmpty()) {
        return {reject(ctx, problem, record)};
    }
    const QJsonArray alerts = payload.value(u"alerts"_s).toArray();
    if (alerts.isEmpty()) {
        return {reject(ctx, u"Alertmanager payload with an empty alerts array"_s, record)};
    }
    const QString payloadStatus = payload.value(u"status"_s).toString();
    const QString receiver = payload.value(u"receiver"_s).toString();

    QList<NormalizeResult> results;
    results.reserve(alerts.size());
    for (qsizetype i = 0; i < alerts.size(); ++i) {
        const QJsonValue value = alerts.at(i);
        // Each alert keeps its own object as `raw`: the payload's other alerts are not its
        // source, and a quarantined alert is re-ingestable on its own.
        const QByteArray raw = value.isObject()
            ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
            : record;
        if (!value.isObject()) {
            results << reject(ctx, u"alerts[%1] is not an object"_s.arg(i), raw);
            continue;
        }
        const QJsonObject alert = value.toObject();
        const QJsonObject labels = alert.value(u"labels"_s).toObject();
        const QJsonObject annotations = alert.value(u"annotations"_s).toObject();
        const QString alertname = labels.value(u"alertname"_s).toString().trimmed();
        if (alertname.isEmpty()) {
            results << reject(ctx, u"alerts[%1] has no labels.alertname"_s.arg(i), raw);
            continue;
        }
        const QString startsAt = alert.value(u"startsAt"_s).toString();
        const std::optional<TimestampMs> ts = parseIsoTimestamp(startsAt);
        if (!ts) {
            results << reject(ctx,
                              startsAt.isEmpty()
                                  ? u"alerts[%1] has no startsAt"_s.arg(i)
                                  : u"alerts[%1] has an invalid startsAt \"%2\""_s.arg(i).arg(
                                      startsAt.left(64)),
                              raw);
            continue;
        }

        Alert a;
        a.ts = *ts;
        a.received = ctx.received;
        a.feed = ctx.feed;
        a.source = u"alertmanager"_s;
        a.raw = raw;
        // Older Alertmanagers send no per-alert status: the payload's status applies.
        a.state = alert.value(u"status"_s).toString(payloadStatus).toLower();
        // A resolved alert ended at endsAt (Alertmanager's zero time "0001-…" means not yet).
        if (a.state == u"resolved"_s) {
            const auto ended = parseIsoTimestamp(alert.value(u"endsAt"_s).toString());
            if (ended && *ended > 0) {
                a.stateSince = *ended;
            }
        }
        // Alertmanager's fingerprint identifies the label set; with startsAt it names one
        // occurrence, so a re-delivery and the resolved notification dedup against the first.
        // The label set itself is hashed too: senders that are not Alertmanager (vmalert test
        // data, hand-made payloads) repeat one fingerprint across different alerts, and old
        // Alertmanagers send none.
        const QString fingerprint = alert.value(u"fingerprint"_s).toString();
        a.fingerprint = fingerprintOf(u"alertmanager", fingerprint.toUtf8() + '\n'
                                                           + canonicalJson(labels) + '\n'
                                                           + startsAt.toUtf8());
        a.fingerprintCoversTime = true; // startsAt is the time
        a.rule = u"am:"_s + alertname;
        const QString summary = annotations.value(u"summary"_s).toString().trimmed();
        a.title = summary.isEmpty() ? alertname : summary;
        const QString severityLabel = labels.value(u"severity"_s).toString();
        const std::optional<Severity> severity = severityFor(severityLabel);
        a.severity = severity.value_or(Severity::Medium);
        a.category = categoryFor(alertname, summary, labels.value(u"category"_s).toString());
        for (const QString &key : {u"instance"_s, u"job"_s, u"service"_s}) {
            const QString v = labels.value(key).toString().trimmed();
            if (!v.isEmpty()) {
                a.entity = v;
                break;
            }
        }
        QStringList parts;
        QString description = annotations.value(u"description"_s).toString().trimmed();
        if (description.isEmpty()) {
            description = annotations.value(u"message"_s).toString().trimmed();
        }
        if (!description.isEmpty()) {
            parts << description;
        }
        parts << u"status: %1"_s.arg(a.state.isEmpty() ? u"unknown"_s : a.state);
        if (!severity) {
            parts << u"severity label \"%1\" is not in the mapping; shown as medium"_s.arg(
                severityLabel.left(32));
        }
        if (const QString l = labelsText(labels); !l.isEmpty()) {
            parts << u"labels: %1"_s.arg(l);
        }
        if (!receiver.isEmpty()) {
            parts << u"receiver: %1"_s.arg(receiver);
        }
        const QString url = alert.value(u"generatorURL"_s).toString();
        if (!url.isEmpty()) {
            parts << url;
        }
        a.message = parts.join(u" · "_s);
        results << std::move(a);
    }
    return results;
}

} // namespace Lakeguard::Core
