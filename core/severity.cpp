// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "severity.h"

#include <QCoreApplication>

#include <array>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

constexpr std::array<QStringView, kSeverityCount> kSeverityNames{u"info", u"low", u"medium",
                                                                  u"high", u"critical"};

constexpr std::array<QStringView, kCategoryCount> kCategoryNames{
    u"fraud", u"intrusion", u"malware", u"phishing", u"ddos", u"data-leak",
    u"insider", u"availability", u"chain", u"policy", u"other"};

} // namespace

QString severityName(Severity s)
{
    return kSeverityNames.at(static_cast<size_t>(s)).toString();
}

std::optional<Severity> severityFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    for (size_t i = 0; i < kSeverityNames.size(); ++i) {
        if (kSeverityNames[i] == n) {
            return static_cast<Severity>(i);
        }
    }
    return std::nullopt;
}

Severity severityFromInt(int value)
{
    return static_cast<Severity>(std::clamp(value, 0, kSeverityCount - 1));
}

QString severityDisplayName(Severity s)
{
    switch (s) {
    case Severity::Info:
        return Tr::tr("Info", "severity");
    case Severity::Low:
        return Tr::tr("Low", "severity");
    case Severity::Medium:
        return Tr::tr("Medium", "severity");
    case Severity::High:
        return Tr::tr("High", "severity");
    case Severity::Critical:
        return Tr::tr("Critical", "severity");
    }
    return {};
}

QString categoryName(Category c)
{
    return kCategoryNames.at(static_cast<size_t>(c)).toString();
}

std::optional<Category> categoryFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    for (size_t i = 0; i < kCategoryNames.size(); ++i) {
        if (kCategoryNames[i] == n) {
            return static_cast<Category>(i);
        }
    }
    return std::nullopt;
}

QStringList allCategoryNames()
{
    QStringList names;
    for (const QStringView n : kCategoryNames) {
        names << n.toString();
    }
    return names;
}

QString categoryDisplayName(Category c)
{
    switch (c) {
    case Category::Fraud:
        return Tr::tr("Fraud", "category");
    case Category::Intrusion:
        return Tr::tr("Intrusion", "category");
    case Category::Malware:
        return Tr::tr("Malware", "category");
    case Category::Phishing:
        return Tr::tr("Phishing", "category");
    case Category::Ddos:
        return Tr::tr("DDoS", "category");
    case Category::DataLeak:
        return Tr::tr("Data leak", "category");
    case Category::Insider:
        return Tr::tr("Insider", "category");
    case Category::Availability:
        return Tr::tr("Availability", "category");
    case Category::Chain:
        return Tr::tr("Chain", "category");
    case Category::Policy:
        return Tr::tr("Policy", "category");
    case Category::Other:
        return Tr::tr("Other", "category");
    }
    return {};
}

} // namespace Lakeguard::Core
