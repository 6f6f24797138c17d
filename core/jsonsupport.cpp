// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonsupport.h"

#include <QCoreApplication>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {
} // namespace

std::optional<QJsonObject> parseJsonObject(const QByteArray &bytes, QString *error)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError) {
        if (error) {
            *error = QString::fromUtf8("invalid JSON: %1 at byte %2").arg(err.errorString()).arg(err.offset);
        }
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (error) {
            *error = QString::fromUtf8("invalid record: JSON value is not an object");
        }
        return std::nullopt;
    }
    return doc.object();
}

QByteArray canonicalJson(const QJsonObject &object)
{
    // QJsonObject keeps its keys sorted, so the compact form is canonical for equal objects.
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString jsonText(const QJsonValue &value)
{
    if (value.isString()) {
        return value.toString();
    }
    if (value.isDouble()) {
        const double d = value.toDouble();
        // Whole numbers print without a fraction. The range check comes first: casting a double
        // outside qint64 (1e300) is undefined behaviour (found by fuzz_eve, docs/fuzzing.md).
        constexpr double kLimit = 9'223'372'036'854'775'808.0; // 2^63
        if (d >= -kLimit && d < kLimit && d == static_cast<double>(static_cast<qint64>(d))) {
            return QString::number(static_cast<qint64>(d));
        }
        return QString::number(d, 'g', 17);
    }
    if (value.isBool()) {
        return value.toBool() ? u"true"_s : u"false"_s;
    }
    return {};
}

} // namespace Lakeguard::Core
