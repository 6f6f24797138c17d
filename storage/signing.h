// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QByteArray>
#include <QString>

#include <QByteArrayView>

#include <initializer_list>
#include <memory>

namespace Lakeguard::Storage {

// An Ed25519 key pair (or a public key alone) — the one place Lakeguard touches OpenSSL
// (STYLE.md 2: OpenSSL stays behind this wrapper, Qt types only here). Immutable once made;
// copies share the key. Thread-safe for sign/verify on const instances.
class Ed25519Key final
{
public:
    static Result<Ed25519Key> generate();
    // PKCS#8 "PRIVATE KEY" PEM (the key pair) or SubjectPublicKeyInfo "PUBLIC KEY" PEM.
    static Result<Ed25519Key> fromPem(const QByteArray &pem);
    static Result<Ed25519Key> load(const QString &path);

    // Writes the private key as PKCS#8 PEM, mode 0600 from the first byte (a temporary file made
    // by mkstemp, then linked into place). Fails with AlreadyExists-like text when `path` exists,
    // so two processes racing to create a key keep the first one.
    Status savePrivate(const QString &path) const;
    // Writes the public key PEM atomically (QSaveFile), world-readable on purpose.
    Status savePublic(const QString &path) const;

    bool hasPrivateKey() const;
    QByteArray publicKeyPem() const;
    QByteArray rawPublicKey() const;   // the 32 raw bytes
    QString keyId() const;             // lowercase hex SHA-256 of the raw public key

    // Ed25519 (pure, no pre-hash) over the bytes: a 64-byte signature.
    Result<QByteArray> sign(const QByteArray &message) const;
    bool verify(const QByteArray &message, const QByteArray &signature) const;

    ~Ed25519Key();
    Ed25519Key(const Ed25519Key &);
    Ed25519Key &operator=(const Ed25519Key &);

private:
    struct Private;
    explicit Ed25519Key(std::shared_ptr<Private> d);
    std::shared_ptr<Private> d;
};

// SHA-256 over the concatenation of `parts`, through OpenSSL's accelerated implementation (Qt 6.4's
// QCryptographicHash uses portable C, about five times slower: it would dominate the cost a leaf
// adds to ingest). Thread-safe.
QByteArray sha256(std::initializer_list<QByteArrayView> parts);

// Frees OpenSSL's state for the calling thread (its error queue and random generator). OpenSSL
// also frees it from a thread-exit handler, but that runs after QThread::wait() has returned, so a
// process that exits right after its threads finished can lose the race and leak it. Call it at
// the end of signing or hashing work on a thread that is about to end or is not ours (a pool's).
void releaseThreadCrypto();

} // namespace Lakeguard::Storage
