// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Lakeguard::Widgets::SensitiveMask {

// Hides what a room must not read off a projector: card and account numbers (12–19 digits,
// grouped or not, already partly masked or not; the last four stay), IBANs (the last four stay),
// and secrets: API keys (sk_live_…, AKIA…), bearer tokens and JWTs, Google tokens (ya29.…), PEM
// private keys, and any value after "key", "token", "secret" or "password" (a prefix of at most
// four characters stays). IP addresses, dates, amounts, block heights and hashes are left alone.
QString mask(const QString &text);

// Whether the views mask alert text (presentation mode turns it on). GUI thread only.
bool isEnabled();
void setEnabled(bool enabled);
// mask(text) when enabled, else text.
QString apply(const QString &text);

} // namespace Lakeguard::Widgets::SensitiveMask
