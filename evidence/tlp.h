// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "severity.h"

#include <QString>

#include <optional>

namespace Lakeguard::Evidence {

// FIRST Traffic Light Protocol 2.0 labels, in rising order of restriction.
enum class Tlp : int { Clear = 0, Green = 1, Amber = 2, AmberStrict = 3, Red = 4 };

QString tlpName(Tlp tlp); // "CLEAR" … "AMBER+STRICT", "RED"
std::optional<Tlp> tlpFromName(const QString &name); // case-insensitive; "TLP:" prefix allowed

// The TLP Lakeguard gives a stored alert (docs/evidence-packs.md): categories about people
// (`insider`, `data-leak`) are RED; public-network status (`chain`, `availability`) at info or
// low is CLEAR; otherwise info and low GREEN, medium and high AMBER, critical AMBER+STRICT.
// `category` is the contract word as stored.
Tlp alertTlp(Core::Severity severity, const QString &category);

} // namespace Lakeguard::Evidence
