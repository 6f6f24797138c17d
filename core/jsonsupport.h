// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace Lakeguard::Core {

// Parses one JSON object. On failure returns nullopt and sets `error` to a readable reason.
std::optional<QJsonObject> parseJsonObject(const QByteArray &bytes, QString *error);

// Compact serialisation with sorted keys: the canonical form fingerprints are taken over.
QByteArray canonicalJson(const QJsonObject &object);

// A string field, a number printed without exponent, or empty.
QString jsonText(const QJsonValue &value);

} // namespace Lakeguard::Core
