// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Lakeguard::Core {

// Ordered from least to most severe; the integer values are stored in the database.
enum class Severity : int { Info = 0, Low = 1, Medium = 2, High = 3, Critical = 4 };

inline constexpr int kSeverityCount = 5;

QString severityName(Severity s);                       // "info" … "critical" (contract words)
std::optional<Severity> severityFromName(const QString &name);
Severity severityFromInt(int value);                    // clamps to the valid range
QString severityDisplayName(Severity s);                // translated, for the GUI

enum class Category : int {
    Fraud,
    Intrusion,
    Malware,
    Phishing,
    Ddos,
    DataLeak,
    Insider,
    Availability,
    Chain,
    Policy,
    Other
};

inline constexpr int kCategoryCount = 11;

QString categoryName(Category c);                       // "fraud", "data-leak", …
std::optional<Category> categoryFromName(const QString &name);
QString categoryDisplayName(Category c);                // translated, for the GUI
QStringList allCategoryNames();

} // namespace Lakeguard::Core
