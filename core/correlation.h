// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Lakeguard::Core {

// One correlation rule (docs/incidents.md): alerts it matches that share the values of its `key`
// fields and arrive within `windowMs` of the incident's alerts with that key join one incident.
// Key fields: rule, entity, source, feed, category, chain (the raw record's "chain", else the
// entity). An alert with an empty key field is not grouped by the rule.
struct CorrelationRule
{
    QString id; // stable: "same-rule-entity"
    QString title; // template: {title} {entity} {rule} {chain} {source} {category}
    QStringList categories; // match: any of these (empty: any)
    QStringList sources; // match: any of these (empty: any)
    QString rulePrefix; // match: alert rule starts with it (empty: any)
    Severity minSeverity = Severity::Low;
    QStringList key;
    qint64 windowMs = 3'600'000;

    bool matches(const Alert &a) const;
    // "id\x1fvalue\x1fvalue…", or empty when a key field is empty for this alert.
    QString keyFor(const Alert &a) const;
    QString titleFor(const Alert &a) const;

    static std::optional<CorrelationRule> fromJson(const QJsonObject &o, QString *error);
    QJsonObject toJson() const;
};

// The value of one key field of an alert (see CorrelationRule).
QString correlationField(const Alert &a, QStringView field);
bool isCorrelationField(QStringView field);

} // namespace Lakeguard::Core
