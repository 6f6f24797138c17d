// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "correlation.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

const QStringList kFields { u"rule"_s, u"entity"_s, u"source"_s, u"feed"_s, u"category"_s,
    u"chain"_s };

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue item : v.toArray()) {
        out << item.toString();
    }
    return out;
}

QJsonArray toArray(const QStringList &list)
{
    QJsonArray out;
    for (const QString &s : list) {
        out.append(s);
    }
    return out;
}

} // namespace

bool isCorrelationField(QStringView field)
{
    return kFields.contains(field);
}

QString correlationField(const Alert &a, QStringView field)
{
    if (field == u"rule") {
        return a.rule;
    }
    if (field == u"entity") {
        return a.entity;
    }
    if (field == u"source") {
        return a.source;
    }
    if (field == u"feed") {
        return a.feed;
    }
    if (field == u"category") {
        return categoryName(a.category);
    }
    if (field == u"chain") {
        // Chain monitors put the chain in the raw record; only parse what looks like JSON.
        if (a.raw.startsWith('{')) {
            const QJsonObject raw = QJsonDocument::fromJson(a.raw).object();
            const QJsonValue chain = raw.value(u"chain"_s);
            if (chain.isString() && !chain.toString().isEmpty()) {
                return chain.toString();
            }
            if (chain.isDouble()) {
                return QString::number(chain.toInteger());
            }
        }
        return a.entity;
    }
    return {};
}

bool CorrelationRule::matches(const Alert &a) const
{
    if (a.severity < minSeverity) {
        return false;
    }
    if (!categories.isEmpty() && !categories.contains(categoryName(a.category))) {
        return false;
    }
    if (!sources.isEmpty() && !sources.contains(a.source)) {
        return false;
    }
    return rulePrefix.isEmpty() || a.rule.startsWith(rulePrefix);
}

QString CorrelationRule::keyFor(const Alert &a) const
{
    QString out = id;
    for (const QString &field : key) {
        const QString value = correlationField(a, field);
        if (value.isEmpty()) {
            return {};
        }
        out += QChar(0x1f) + value;
    }
    return out;
}

QString CorrelationRule::titleFor(const Alert &a) const
{
    QString out = title.isEmpty() ? u"{title}"_s : title;
    // Placeholders are replaced in one pass so a value containing "{entity}" stays literal.
    QString result;
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (out.at(i) == u'{') {
            const qsizetype end = out.indexOf(u'}', i);
            if (end > i) {
                const QStringView name = QStringView(out).mid(i + 1, end - i - 1);
                if (name == u"title") {
                    result += a.title;
                    i = end;
                    continue;
                }
                if (isCorrelationField(name)) {
                    result += correlationField(a, name);
                    i = end;
                    continue;
                }
            }
        }
        result += out.at(i);
    }
    return result.simplified().left(300);
}

std::optional<CorrelationRule> CorrelationRule::fromJson(const QJsonObject &o, QString *error)
{
    CorrelationRule r;
    r.id = o.value(u"id"_s).toString();
    if (r.id.isEmpty()) {
        *error = u"a correlation rule has no \"id\""_s;
        return std::nullopt;
    }
    static const QStringList known { u"id"_s, u"title"_s, u"match"_s, u"key"_s,
        u"window_minutes"_s };
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = u"correlation rule \"%1\": unknown key \"%2\""_s.arg(r.id, it.key());
            return std::nullopt;
        }
    }
    r.title = o.value(u"title"_s).toString();
    const QJsonObject match = o.value(u"match"_s).toObject();
    static const QStringList knownMatch { u"categories"_s, u"sources"_s, u"rule_prefix"_s,
        u"min_severity"_s };
    for (auto it = match.begin(); it != match.end(); ++it) {
        if (!knownMatch.contains(it.key())) {
            *error = u"correlation rule \"%1\": unknown match key \"%2\""_s.arg(r.id, it.key());
            return std::nullopt;
        }
    }
    r.categories = stringList(match.value(u"categories"_s));
    for (const QString &c : std::as_const(r.categories)) {
        if (!categoryFromName(c)) {
            *error = u"correlation rule \"%1\": unknown category \"%2\""_s.arg(r.id, c);
            return std::nullopt;
        }
    }
    r.sources = stringList(match.value(u"sources"_s));
    r.rulePrefix = match.value(u"rule_prefix"_s).toString();
    if (match.contains(u"min_severity"_s)) {
        const auto s = severityFromName(match.value(u"min_severity"_s).toString());
        if (!s) {
            *error = u"correlation rule \"%1\": unknown min_severity"_s.arg(r.id);
            return std::nullopt;
        }
        r.minSeverity = *s;
    }
    r.key = stringList(o.value(u"key"_s));
    if (r.key.isEmpty()) {
        *error = u"correlation rule \"%1\": \"key\" names no field"_s.arg(r.id);
        return std::nullopt;
    }
    for (const QString &k : std::as_const(r.key)) {
        if (!isCorrelationField(k)) {
            *error = u"correlation rule \"%1\": unknown key field \"%2\" (known: %3)"_s.arg(
                r.id, k, kFields.join(u", "_s));
            return std::nullopt;
        }
    }
    const double minutes = o.value(u"window_minutes"_s).toDouble(60);
    if (minutes <= 0) {
        *error = u"correlation rule \"%1\": window_minutes must be positive"_s.arg(r.id);
        return std::nullopt;
    }
    r.windowMs = qint64(minutes * 60'000.0);
    return r;
}

QJsonObject CorrelationRule::toJson() const
{
    QJsonObject match;
    if (!categories.isEmpty()) {
        match.insert(u"categories"_s, toArray(categories));
    }
    if (!sources.isEmpty()) {
        match.insert(u"sources"_s, toArray(sources));
    }
    if (!rulePrefix.isEmpty()) {
        match.insert(u"rule_prefix"_s, rulePrefix);
    }
    match.insert(u"min_severity"_s, severityName(minSeverity));
    return { { u"id"_s, id }, { u"title"_s, title }, { u"match"_s, match },
        { u"key"_s, toArray(key) }, { u"window_minutes"_s, double(windowMs) / 60'000.0 } };
}

} // namespace Lakeguard::Core
