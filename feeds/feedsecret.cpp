// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedsecret.h"

#include "vault.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};
} // namespace

QStringList feedSecretBases()
{
    return { u"token"_s, u"hmac_secret"_s };
}

bool feedNeedsVault(const FeedConfig &config)
{
    for (const QString &base : feedSecretBases()) {
        if (config.settings.contains(base + u"_vault"_s)) {
            return true;
        }
    }
    return false;
}

Storage::Result<std::optional<QByteArray>> feedSecret(const FeedConfig &config, const QString &base)
{
    using R = Storage::Result<std::optional<QByteArray>>;
    const QString envKey = base + u"_env"_s;
    const QString vaultKey = base + u"_vault"_s;
    if (const QString var = config.settings.value(envKey).toString(); !var.isEmpty()) {
        QByteArray value = qgetenv(var.toLocal8Bit().constData());
        if (value.isEmpty()) {
            return R::failure(Tr::tr("environment variable %1 (%2) is not set").arg(var, envKey));
        }
        return std::optional<QByteArray>(std::move(value));
    }
    const QString entry = config.settings.value(vaultKey).toString();
    if (entry.isEmpty()) {
        return std::optional<QByteArray>();
    }
    if (!config.vault) {
        return R::failure(Tr::tr("vault entry %1 (%2) cannot be read: %3")
                              .arg(entry, vaultKey,
                                  config.vaultProblem.isEmpty() ? Tr::tr(
                                      "the vault is locked (set LAKEGUARD_VAULT_PASSPHRASE "
                                      "or unlock it in the console)")
                                                                : config.vaultProblem));
    }
    auto secret = config.vault->secret(entry);
    if (!secret) {
        return R::failure(Tr::tr("vault entry %1 (%2): %3").arg(entry, vaultKey, secret.error()));
    }
    if (secret->isEmpty()) {
        return R::failure(Tr::tr("vault entry %1 (%2) is empty").arg(entry, vaultKey));
    }
    return std::optional<QByteArray>(std::move(secret).value());
}

} // namespace Lakeguard::Feeds
