// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace Lakeguard::Feeds {

// scrypt cost, stored in the vault file. Reading refuses N below 2^15 and parameters needing more
// than 256 MiB (a damaged header must not make Lakeguard allocate gigabytes).
struct VaultKdfParams
{
    int log2N = 15;
    quint32 r = 8;
    quint32 p = 1;
};

// The encrypted secret vault (`vault.lgv`, docs/vault.md): named secrets, each encrypted with
// AES-256-GCM under a key that scrypt derives from a passphrase. The file never holds a secret or
// the passphrase in plain text; every byte of it is authenticated, so a wrong passphrase and a
// damaged or altered file are both refused ("wrong passphrase or damaged vault").
//
// OpenSSL stays inside vault.cpp (STYLE.md 2). An open Vault holds the derived key (wiped when it
// is destroyed), not the secrets: `secret()` decrypts on demand. Const members may be called from
// several threads at once (feeds share one unlocked vault).
class Vault final
{
public:
    using KdfParams = VaultKdfParams;

    Vault(Vault &&other) noexcept;
    Vault &operator=(Vault &&other) noexcept;
    Vault(const Vault &) = delete;
    Vault &operator=(const Vault &) = delete;
    ~Vault(); // wipes the key

    // `explicitPath` (--vault) if given, else $LAKEGUARD_VAULT, else vault.lgv in the
    // configuration folder (QStandardPaths::AppConfigLocation).
    static QString resolvePath(const QString &explicitPath = {});
    // $LAKEGUARD_VAULT_PASSPHRASE (empty when unset).
    static QByteArray passphraseFromEnvironment();
    // Entry names: 1–128 of letters, digits and . _ - (they stand in FEEDS.json).
    static bool isValidName(const QString &name);

    // Reads and authenticates the vault at `path` (derives the key: about 0.1 s and 32 MiB).
    // The passphrase is wiped before this returns.
    static Storage::Result<Vault> open(const QString &path, QByteArray passphrase);
    // A new, empty vault for `path` with a fresh random salt; nothing is written until save().
    static Storage::Result<Vault> create(
        const QString &path, QByteArray passphrase, KdfParams params = {});

    QString path() const;
    KdfParams kdfParams() const;
    QStringList names() const; // sorted
    bool contains(const QString &name) const;
    // The secret in plain text; the caller wipes it (wipe()) when done.
    Storage::Result<QByteArray> secret(const QString &name) const;
    // Encrypts `secret` under a fresh random nonce (in memory; save() writes it).
    Storage::Status setSecret(const QString &name, const QByteArray &secret);
    bool remove(const QString &name);
    // Writes the whole file atomically (QSaveFile), owner-only (0600). On failure the previous
    // file stays as it was.
    Storage::Status save() const;

private:
    struct Data;
    explicit Vault(std::unique_ptr<Data> data);
    std::unique_ptr<Data> d;
};

// Overwrites the bytes of `bytes` (OPENSSL_cleanse) and empties it. A buffer shared with other
// QByteArrays is detached first (Qt's copy on write), so each holder wipes its own copy.
void wipe(QByteArray &bytes);

} // namespace Lakeguard::Feeds
