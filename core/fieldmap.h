// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "severity.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace Lakeguard::Core {

// Where the alert's fields are in JSON records of another shape (fraud engines, in-house APIs):
// a JSON pointer (RFC 6901) per field, and tables that turn the source's own severity and
// category words into ours. Written in a feed's "map" (FEEDS.json) or a file for
// `lakeguard-cli ingest --map`; docs/normalisation.md has the shape.
struct FieldMap
{
    // The alert fields a pointer can be given for; "id" names the source's own record id (the
    // fingerprint is taken over it instead of the whole record), "state" its lifecycle word.
    static QStringList fields();

    QHash<QString, QString> pointers;           // field → pointer, e.g. "entity" → "/account/iban"
    QHash<QString, Severity> severityValues;    // source value, lower-cased → severity
    QHash<QString, Category> categoryValues;    // source value, lower-cased → category
    QString rulePrefix;                          // rules become "PREFIX:value" ("jsonl" when empty)

    bool isEmpty() const { return pointers.isEmpty(); }

    // Validates a "map" object; on failure returns nullopt and `error` names the key.
    static std::optional<FieldMap> parse(const QJsonObject &object, QString *error);
};

// RFC 6901: the value `pointer` points at inside `root`, or nullopt when it points at nothing.
// "" is the whole document; "~1" stands for "/" and "~0" for "~" inside a reference token.
std::optional<QJsonValue> resolveJsonPointer(const QJsonValue &root, QStringView pointer);

// True when `pointer` is syntactically a JSON pointer ("" or starting with "/", escapes valid).
bool isValidJsonPointer(QStringView pointer);

} // namespace Lakeguard::Core
