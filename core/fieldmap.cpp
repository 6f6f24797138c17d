// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fieldmap.h"

#include "jsonsupport.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

// One reference token with its escapes undone; nullopt when an escape is invalid.
std::optional<QString> unescapeToken(QStringView token)
{
    QString out;
    out.reserve(token.size());
    for (qsizetype i = 0; i < token.size(); ++i) {
        const QChar c = token.at(i);
        if (c != u'~') {
            out.append(c);
            continue;
        }
        if (i + 1 >= token.size()) {
            return std::nullopt;
        }
        const QChar next = token.at(++i);
        if (next == u'0') {
            out.append(u'~');
        } else if (next == u'1') {
            out.append(u'/');
        } else {
            return std::nullopt;
        }
    }
    return out;
}

// An array index per RFC 6901: "0" or digits without a leading zero.
std::optional<qsizetype> arrayIndex(const QString &token)
{
    if (token.isEmpty() || token.size() > 9 || (token.size() > 1 && token.front() == u'0')) {
        return std::nullopt;
    }
    for (const QChar c : token) {
        if (!c.isDigit() || c.unicode() > '9') {
            return std::nullopt;
        }
    }
    return token.toLongLong();
}

} // namespace

QStringList FieldMap::fields()
{
    return {u"ts"_s,     u"title"_s,  u"severity"_s, u"category"_s, u"rule"_s, u"message"_s,
            u"entity"_s, u"src_ip"_s, u"dst_ip"_s,   u"id"_s,       u"state"_s};
}

bool isValidJsonPointer(QStringView pointer)
{
    if (pointer.isEmpty()) {
        return true;
    }
    if (pointer.front() != u'/') {
        return false;
    }
    for (const QStringView token : pointer.mid(1).split(u'/')) {
        if (!unescapeToken(token)) {
            return false;
        }
    }
    return true;
}

std::optional<QJsonValue> resolveJsonPointer(const QJsonValue &root, QStringView pointer)
{
    if (pointer.isEmpty()) {
        return root;
    }
    if (pointer.front() != u'/') {
        return std::nullopt;
    }
    QJsonValue at = root;
    for (const QStringView raw : pointer.mid(1).split(u'/')) {
        const std::optional<QString> token = unescapeToken(raw);
        if (!token) {
            return std::nullopt;
        }
        if (at.isObject()) {
            const QJsonObject o = at.toObject();
            const auto it = o.constFind(*token);
            if (it == o.constEnd()) {
                return std::nullopt;
            }
            at = it.value();
        } else if (at.isArray()) {
            const QJsonArray a = at.toArray();
            const std::optional<qsizetype> index = arrayIndex(*token);
            if (!index || *index >= a.size()) {
                return std::nullopt;
            }
            at = a.at(*index);
        } else {
            return std::nullopt;
        }
    }
    return at;
}

std::optional<FieldMap> FieldMap::parse(const QJsonObject &object, QString *error)
{
    FieldMap map;
    const QStringList fields = FieldMap::fields();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString &key = it.key();
        const QJsonValue &value = it.value();
        if (fields.contains(key)) {
            if (!value.isString() || !isValidJsonPointer(value.toString())) {
                *error = u"map: \"%1\" must be a JSON pointer such as \"/event/%1\""_s.arg(key);
                return std::nullopt;
            }
            map.pointers.insert(key, value.toString());
        } else if (key == u"severity_values"_s || key == u"category_values"_s) {
            if (!value.isObject()) {
                *error = u"map: \"%1\" must be an object of source value → word"_s.arg(key);
                return std::nullopt;
            }
            const QJsonObject table = value.toObject();
            for (auto v = table.constBegin(); v != table.constEnd(); ++v) {
                const QString word = v.value().toString();
                if (key == u"severity_values"_s) {
                    const std::optional<Severity> s = severityFromName(word);
                    if (!s) {
                        *error = u"map: severity_values: \"%1\" maps to \"%2\", not one of info, "
                                 "low, medium, high, critical"_s.arg(v.key(), word);
                        return std::nullopt;
                    }
                    map.severityValues.insert(v.key().toLower(), *s);
                } else {
                    const std::optional<Category> c = categoryFromName(word);
                    if (!c) {
                        *error = u"map: category_values: \"%1\" maps to \"%2\", not a category"_s
                                     .arg(v.key(), word);
                        return std::nullopt;
                    }
                    map.categoryValues.insert(v.key().toLower(), *c);
                }
            }
        } else if (key == u"rule_prefix"_s) {
            if (!value.isString() || value.toString().contains(u':')) {
                *error = u"map: \"rule_prefix\" must be a word without ':'"_s;
                return std::nullopt;
            }
            map.rulePrefix = value.toString();
        } else {
            *error = u"map: unknown key \"%1\""_s.arg(key);
            return std::nullopt;
        }
    }
    for (const QString &required : {u"ts"_s, u"title"_s}) {
        if (!map.pointers.contains(required)) {
            *error = u"map: \"%1\" is required"_s.arg(required);
            return std::nullopt;
        }
    }
    return map;
}

} // namespace Lakeguard::Core
