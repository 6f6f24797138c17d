// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feedconfig.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace Lakeguard::Feeds {

// Public-key pinning for the feeds' outgoing HTTPS (docs/feeds.md, "TLS"): `tls_pin_sha256` is
// the SHA-256 of the server certificate's DER SubjectPublicKeyInfo, hex (64 digits, colons
// allowed) or base64, one pin or several (a JSON array, or one string separated by commas or
// spaces) — several allow a key rollover. Pinning adds to certificate verification; it never
// replaces it.

// The pins as raw 32-byte digests; nullopt with `error` set when one is not a SHA-256.
std::optional<QList<QByteArray>> parseTlsPins(const QJsonValue &value, QString *error);

// The feed's pins (`tls_pin_sha256`, or its older name `pin_sha256`); empty when not pinned.
std::optional<QList<QByteArray>> feedTlsPins(const FeedConfig &config, QString *error);

// SHA-256 of the certificate's DER SubjectPublicKeyInfo.
QByteArray spkiSha256(const QSslCertificate &certificate);

// Empty when `peer` matches one of `pins` (or nothing is pinned); otherwise the error, naming
// the expected pins and the one the server presented (base64, as `openssl … | base64` prints).
QString checkTlsPin(
    const QList<QByteArray> &pins, const QSslCertificate &peer, const QString &host);

// TLS 1.2 or newer with the system CAs plus the PEM file `caFile` (when not empty); certificate
// verification stays on. False when the CA file cannot be read.
bool feedSslConfiguration(const QString &caFile, QSslConfiguration *configuration);

} // namespace Lakeguard::Feeds
