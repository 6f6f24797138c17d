// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feedconfig.h"
#include "storetypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Lakeguard::Feeds {

// Secrets a feed may name (docs/vault.md): `<base>_env` names an environment variable,
// `<base>_vault` an entry of the encrypted vault; a feed gives at most one of the two.
QStringList feedSecretBases(); // "token", "hmac_secret"

// True when the feed (enabled or not) names a vault entry.
bool feedNeedsVault(const FeedConfig &config);

// The secret named by `<base>_env` or `<base>_vault`: nullopt when neither is set; an error that
// names the key and the variable or entry, never the secret, when it cannot be had (unset or
// empty variable, locked vault, missing entry). The caller wipes the value when done with it.
Storage::Result<std::optional<QByteArray>> feedSecret(
    const FeedConfig &config, const QString &base);

} // namespace Lakeguard::Feeds
