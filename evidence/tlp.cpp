// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlp.h"

using namespace Qt::StringLiterals;

namespace Lakeguard::Evidence {

QString tlpName(Tlp tlp)
{
    switch (tlp) {
    case Tlp::Clear:
        return u"CLEAR"_s;
    case Tlp::Green:
        return u"GREEN"_s;
    case Tlp::Amber:
        return u"AMBER"_s;
    case Tlp::AmberStrict:
        return u"AMBER+STRICT"_s;
    case Tlp::Red:
        return u"RED"_s;
    }
    return u"RED"_s;
}

std::optional<Tlp> tlpFromName(const QString &name)
{
    QString n = name.trimmed().toUpper();
    if (n.startsWith(u"TLP:"_s)) {
        n = n.mid(4);
    }
    for (const Tlp t : { Tlp::Clear, Tlp::Green, Tlp::Amber, Tlp::AmberStrict, Tlp::Red }) {
        if (n == tlpName(t)) {
            return t;
        }
    }
    return std::nullopt;
}

Tlp alertTlp(Core::Severity severity, const QString &category)
{
    if (category == u"insider"_s || category == u"data-leak"_s) {
        return Tlp::Red;
    }
    const bool low = severity == Core::Severity::Info || severity == Core::Severity::Low;
    if (low && (category == u"chain"_s || category == u"availability"_s)) {
        return Tlp::Clear;
    }
    switch (severity) {
    case Core::Severity::Info:
    case Core::Severity::Low:
        return Tlp::Green;
    case Core::Severity::Medium:
    case Core::Severity::High:
        return Tlp::Amber;
    case Core::Severity::Critical:
        return Tlp::AmberStrict;
    }
    return Tlp::Red;
}

} // namespace Lakeguard::Evidence
