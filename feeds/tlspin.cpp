// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlspin.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSslKey>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

std::optional<QByteArray> parseOnePin(QString text)
{
    text.remove(u':');
    static const QRegularExpression hex(u"^[0-9A-Fa-f]{64}$"_s);
    if (hex.match(text).hasMatch()) {
        return QByteArray::fromHex(text.toLatin1());
    }
    if (text.startsWith(u"sha256/"_s)) {
        text = text.mid(7);
    }
    const auto decoded
        = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (decoded && decoded.decoded.size() == 32) {
        return decoded.decoded;
    }
    return std::nullopt;
}
} // namespace

std::optional<QList<QByteArray>> parseTlsPins(const QJsonValue &value, QString *error)
{
    QStringList texts;
    if (value.isArray()) {
        for (const QJsonValue v : value.toArray()) {
            if (!v.isString()) {
                *error = Tr::tr("a pin list holds strings only");
                return std::nullopt;
            }
            texts.append(v.toString());
        }
    } else if (value.isString()) {
        // One string may hold several pins; brackets and quotes are what the editor shows of a
        // JSON array, so they separate too.
        static const QRegularExpression separators(u"[\\s,\\[\\]\"]+"_s);
        texts = value.toString().split(separators, Qt::SkipEmptyParts);
    } else {
        *error = Tr::tr("must be a string or an array of strings");
        return std::nullopt;
    }
    if (texts.isEmpty()) {
        *error = Tr::tr("no pin given");
        return std::nullopt;
    }
    QList<QByteArray> pins;
    for (const QString &t : std::as_const(texts)) {
        const std::optional<QByteArray> pin = parseOnePin(t.trimmed());
        if (!pin) {
            *error = Tr::tr("\"%1\" is not a SHA-256 in hex or base64").arg(t);
            return std::nullopt;
        }
        pins.append(*pin);
    }
    return pins;
}

std::optional<QList<QByteArray>> feedTlsPins(const FeedConfig &config, QString *error)
{
    for (const QString &key : { u"tls_pin_sha256"_s, u"pin_sha256"_s }) {
        if (config.settings.contains(key)) {
            auto pins = parseTlsPins(config.settings.value(key), error);
            if (!pins) {
                *error = Tr::tr("%1: %2").arg(key, *error);
            }
            return pins;
        }
    }
    return QList<QByteArray>();
}

QByteArray spkiSha256(const QSslCertificate &certificate)
{
    return QCryptographicHash::hash(certificate.publicKey().toDer(), QCryptographicHash::Sha256);
}

QString checkTlsPin(const QList<QByteArray> &pins, const QSslCertificate &peer, const QString &host)
{
    if (pins.isEmpty()) {
        return {};
    }
    const QByteArray actual = peer.isNull() ? QByteArray() : spkiSha256(peer);
    if (!actual.isEmpty() && pins.contains(actual)) {
        return {};
    }
    QStringList expected;
    for (const QByteArray &p : pins) {
        expected.append(QString::fromLatin1(p.toBase64()));
    }
    return Tr::tr("TLS pin mismatch for %1: expected tls_pin_sha256 %2, the server's key is %3")
        .arg(host, expected.join(Tr::tr(" or ")),
            actual.isEmpty() ? Tr::tr("unknown (no certificate)")
                             : QString::fromLatin1(actual.toBase64()));
}

bool feedSslConfiguration(const QString &caFile, QSslConfiguration *configuration)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setProtocol(QSsl::TlsV1_2OrLater);
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!caFile.isEmpty() && !ssl.addCaCertificates(caFile)) {
        return false;
    }
    *configuration = ssl;
    return true;
}

} // namespace Lakeguard::Feeds
