// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedconfig.h"

#include "feedsecret.h"
#include "normalizer.h"
#include "tlspin.h"
#include "vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

namespace {

using R = Storage::Result<QList<FeedConfig>>;

enum class Kind { String, Number, Array, Bool, Object };

struct Key
{
    QString name;
    Kind kind;
    bool required;
};

QList<Key> keysFor(const QString &type)
{
    const QList<Key> common{{u"id"_s, Kind::String, true}, {u"type"_s, Kind::String, true},
                            {u"enabled"_s, Kind::Bool, false}};
    QList<Key> own;
    if (type == u"file"_s) {
        own = {{u"path"_s, Kind::String, true}, {u"format"_s, Kind::String, false},
               {u"poll_ms"_s, Kind::Number, false}, {u"map"_s, Kind::Object, false}};
    } else if (type == u"http"_s) {
        own = {{u"url"_s, Kind::String, true},          {u"format"_s, Kind::String, false},
               {u"interval_s"_s, Kind::Number, false},  {u"token_env"_s, Kind::String, false},
               {u"timeout_s"_s, Kind::Number, false},   {u"cursor_param"_s, Kind::String, false},
               {u"pin_sha256"_s, Kind::String, false}, {u"ca_file"_s, Kind::String, false},
               {u"map"_s, Kind::Object, false},        {u"token_vault"_s, Kind::String, false},
               {u"tls_pin_sha256"_s, Kind::String, false}};
    } else if (type == u"syslog"_s) {
        own = {{u"listen"_s, Kind::String, true},   {u"protocol"_s, Kind::String, true},
               {u"format"_s, Kind::String, false},  {u"cert"_s, Kind::String, false},
               {u"key"_s, Kind::String, false},     {u"max_message_bytes"_s, Kind::Number, false},
               {u"max_connections"_s, Kind::Number, false},
               {u"idle_timeout_s"_s, Kind::Number, false}, {u"client_ca"_s, Kind::String, false}};
    } else if (type == u"webhook"_s) {
        own = {{u"listen"_s, Kind::String, true},        {u"path"_s, Kind::String, false},
               {u"format"_s, Kind::String, false},       {u"token_env"_s, Kind::String, false},
               {u"hmac_secret_env"_s, Kind::String, false}, {u"max_body_bytes"_s, Kind::Number, false},
               {u"timeout_s"_s, Kind::Number, false},   {u"max_connections"_s, Kind::Number, false},
               {u"max_queued_requests"_s, Kind::Number, false},
               {u"max_queued_bytes"_s, Kind::Number, false}, {u"map"_s, Kind::Object, false},
               {u"token_vault"_s, Kind::String, false}, {u"hmac_secret_vault"_s, Kind::String, false}};
    } else if (type == u"eth-rpc"_s) {
        own = {{u"nodes"_s, Kind::Array, true},           {u"interval_s"_s, Kind::Number, false},
               {u"expected_block_s"_s, Kind::Number, false}, {u"watch"_s, Kind::Array, false},
               {u"chain"_s, Kind::String, false},          {u"lag_blocks"_s, Kind::Number, false},
               {u"stall_factor"_s, Kind::Number, false},   {u"kind"_s, Kind::String, false},
               {u"chain_id"_s, Kind::Number, false},       {u"ws"_s, Kind::Bool, false},
               {u"timeout_s"_s, Kind::Number, false},      {u"group"_s, Kind::Number, false},
               {u"channel"_s, Kind::String, false},
               {u"ca_file"_s, Kind::String, false},        {u"tls_pin_sha256"_s, Kind::String, false}};
    }
    return common + own;
}

bool hasKind(const QJsonValue &v, Kind k)
{
    switch (k) {
    case Kind::String:
        return v.isString();
    case Kind::Number:
        return v.isDouble();
    case Kind::Array:
        return v.isArray();
    case Kind::Bool:
        return v.isBool();
    case Kind::Object:
        return v.isObject();
    }
    return false;
}

QString kindName(Kind k)
{
    switch (k) {
    case Kind::String:
        return u"a string"_s;
    case Kind::Number:
        return u"a number"_s;
    case Kind::Array:
        return u"an array"_s;
    case Kind::Bool:
        return u"true or false"_s;
    case Kind::Object:
        return u"an object"_s;
    }
    return {};
}

} // namespace

QStringList feedTypes()
{
    return {u"file"_s, u"http"_s, u"syslog"_s, u"webhook"_s, u"eth-rpc"_s};
}

QList<FeedKey> feedKeys(const QString &type)
{
    QList<FeedKey> keys;
    for (const Key &k : keysFor(type)) {
        keys.append({k.name, static_cast<FeedKey::Kind>(k.kind), k.required});
    }
    return keys;
}

bool parseListenAddress(const QString &text, QHostAddress *address, quint16 *port, QString *error)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0) {
        *error = u"\"%1\" is not HOST:PORT"_s.arg(text);
        return false;
    }
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']')) {
        host = host.mid(1, host.size() - 2);
    }
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p == 0 || p > 65535) {
        *error = u"\"%1\" has no valid port"_s.arg(text);
        return false;
    }
    QHostAddress a;
    if (host == u"localhost"_s) {
        a = QHostAddress::LocalHost;
    } else if (!a.setAddress(host)) {
        *error = u"\"%1\" is not an IP address"_s.arg(host);
        return false;
    }
    *address = a;
    *port = static_cast<quint16>(p);
    return true;
}

Storage::Result<QList<FeedConfig>> parseFeedsConfig(const QByteArray &json)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        return R::failure(u"invalid JSON at byte %1: %2"_s.arg(err.offset).arg(err.errorString()));
    }
    if (!doc.isObject()) {
        return R::failure(u"the top level must be an object with a \"feeds\" array"_s);
    }
    const QJsonObject top = doc.object();
    for (auto it = top.begin(); it != top.end(); ++it) {
        if (it.key() != u"feeds"_s) {
            return R::failure(u"unknown top-level key \"%1\""_s.arg(it.key()));
        }
    }
    if (!top.value(u"feeds"_s).isArray()) {
        return R::failure(u"\"feeds\" must be an array"_s);
    }
    static const QRegularExpression idPattern(u"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"_s);
    QList<FeedConfig> feeds;
    QSet<QString> ids;
    int index = 0;
    for (const QJsonValue v : top.value(u"feeds"_s).toArray()) {
        const QString where = u"feed #%1"_s.arg(index++);
        if (!v.isObject()) {
            return R::failure(u"%1: must be an object"_s.arg(where));
        }
        const QJsonObject o = v.toObject();
        const QString id = o.value(u"id"_s).toString();
        if (id.isEmpty()) {
            return R::failure(u"%1: missing key \"id\""_s.arg(where));
        }
        const QString name = u"feed \"%1\""_s.arg(id);
        if (!idPattern.match(id).hasMatch()) {
            return R::failure(u"%1: the id may hold letters, digits and . _ : - (at most 64)"_s.arg(name));
        }
        if (ids.contains(id)) {
            return R::failure(u"%1: the id is used twice"_s.arg(name));
        }
        ids.insert(id);
        const QString type = o.value(u"type"_s).toString();
        const QList<Key> keys = keysFor(type);
        if (type.isEmpty() || keys.size() <= 3) {
            return R::failure(u"%1: unknown type \"%2\" (file, http, syslog, webhook, eth-rpc)"_s
                                  .arg(name, type));
        }
        for (auto it = o.begin(); it != o.end(); ++it) {
            const auto known = std::find_if(keys.cbegin(), keys.cend(),
                                            [&](const Key &k) { return k.name == it.key(); });
            if (known == keys.cend()) {
                return R::failure(u"%1: unknown key \"%2\" for type %3"_s.arg(name, it.key(), type));
            }
            // A pin list may also be a JSON array (the editor shows it as one line of text).
            const bool pinList = it.key() == u"tls_pin_sha256"_s && it.value().isArray();
            if (!pinList && !hasKind(it.value(), known->kind)) {
                return R::failure(u"%1: \"%2\" must be %3"_s.arg(name, it.key(), kindName(known->kind)));
            }
        }
        for (const Key &k : keys) {
            if (k.required && !o.contains(k.name)) {
                return R::failure(u"%1: missing key \"%2\""_s.arg(name, k.name));
            }
        }
        for (const QString &numeric : {u"interval_s"_s, u"poll_ms"_s, u"timeout_s"_s,
                                       u"expected_block_s"_s, u"max_message_bytes"_s,
                                       u"max_connections"_s, u"max_body_bytes"_s,
                                       u"max_queued_requests"_s, u"max_queued_bytes"_s,
                                       u"lag_blocks"_s, u"stall_factor"_s, u"idle_timeout_s"_s}) {
            if (o.contains(numeric) && o.value(numeric).toDouble() <= 0) {
                return R::failure(u"%1: \"%2\" must be greater than 0"_s.arg(name, numeric));
            }
        }
        FeedConfig f;
        f.id = id;
        f.type = type;
        f.format = o.value(u"format"_s).toString(u"auto"_s);
        f.settings = o;
        if (o.contains(u"format"_s) && !Core::isKnownFormat(f.format)) {
            return R::failure(u"%1: unknown format \"%2\" (%3)"_s.arg(
                name, f.format, Core::knownFormats().join(u", "_s)));
        }
        // Records of another JSON shape: a field map, for the jsonl format only.
        if (o.contains(u"map"_s)) {
            if (f.format != u"jsonl"_s) {
                return R::failure(u"%1: \"map\" needs \"format\": \"jsonl\""_s.arg(name));
            }
            QString error;
            const std::optional<Core::FieldMap> map =
                Core::FieldMap::parse(o.value(u"map"_s).toObject(), &error);
            if (!map) {
                return R::failure(u"%1: %2"_s.arg(name, error));
            }
            f.map = *map;
        }
        // Secrets: only the name of an environment variable or of a vault entry may stand in
        // the file, and one of the two per secret.
        for (const QString &base : feedSecretBases()) {
            const QString envKey = base + u"_env"_s;
            const QString vaultKey = base + u"_vault"_s;
            const QString var = o.value(envKey).toString();
            static const QRegularExpression envName(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
            if (o.contains(envKey) && !envName.match(var).hasMatch()) {
                return R::failure(u"%1: \"%2\" must name an environment variable, not hold a secret"_s
                                      .arg(name, envKey));
            }
            if (o.contains(vaultKey) && !Vault::isValidName(o.value(vaultKey).toString())) {
                return R::failure(u"%1: \"%2\" must name a vault entry (letters, digits and . _ -), "
                                  "not hold a secret"_s.arg(name, vaultKey));
            }
            if (o.contains(envKey) && o.contains(vaultKey)) {
                return R::failure(u"%1: give \"%2\" or \"%3\", not both"_s.arg(name, envKey, vaultKey));
            }
        }
        if (o.contains(u"pin_sha256"_s) && o.contains(u"tls_pin_sha256"_s)) {
            return R::failure(u"%1: give \"tls_pin_sha256\" or its older name \"pin_sha256\", not both"_s
                                  .arg(name));
        }
        for (const QString &pinKey : {u"tls_pin_sha256"_s, u"pin_sha256"_s}) {
            QString error;
            if (o.contains(pinKey) && !parseTlsPins(o.value(pinKey), &error)) {
                return R::failure(u"%1: \"%2\": %3"_s.arg(name, pinKey, error));
            }
        }
        if (o.contains(u"listen"_s)) {
            QHostAddress address;
            quint16 port = 0;
            QString error;
            if (!parseListenAddress(o.value(u"listen"_s).toString(), &address, &port, &error)) {
                return R::failure(u"%1: \"listen\": %2"_s.arg(name, error));
            }
            // Receivers bind loopback unless told otherwise, and then must authenticate.
            if (!address.isLoopback() && type == u"webhook"_s && !o.contains(u"token_env"_s)
                && !o.contains(u"hmac_secret_env"_s) && !o.contains(u"token_vault"_s)
                && !o.contains(u"hmac_secret_vault"_s)) {
                return R::failure(u"%1: listening on %2 needs \"token_env\" or \"hmac_secret_env\" "
                                  "(or their _vault forms)"_s.arg(name, address.toString()));
            }
        }
        if (type == u"syslog"_s) {
            const QString protocol = o.value(u"protocol"_s).toString();
            if (protocol != u"udp"_s && protocol != u"tcp"_s && protocol != u"tls"_s) {
                return R::failure(u"%1: \"protocol\" must be udp, tcp or tls"_s.arg(name));
            }
            if (protocol == u"tls"_s && (!o.contains(u"cert"_s) || !o.contains(u"key"_s))) {
                return R::failure(u"%1: protocol tls needs \"cert\" and \"key\""_s.arg(name));
            }
            if (o.contains(u"format"_s) && f.format != u"syslog"_s && f.format != u"cef"_s
                && f.format != u"auto"_s) {
                return R::failure(u"%1: \"format\" must be syslog, cef or auto"_s.arg(name));
            }
            for (const QString &tlsKey : {u"cert"_s, u"key"_s, u"client_ca"_s}) {
                if (protocol != u"tls"_s && o.contains(tlsKey)) {
                    return R::failure(u"%1: \"%2\" is only used with protocol tls"_s.arg(name, tlsKey));
                }
            }
            // Receivers bind loopback unless told otherwise, and then must authenticate: for
            // syslog that is TLS (the server's certificate; client certificates with client_ca).
            QHostAddress address;
            quint16 port = 0;
            QString error;
            if (parseListenAddress(o.value(u"listen"_s).toString(), &address, &port, &error)
                && !address.isLoopback() && protocol != u"tls"_s) {
                return R::failure(u"%1: \"listen\" on %2 needs \"protocol\": \"tls\""_s.arg(
                    name, address.toString()));
            }
            if (o.contains(u"max_message_bytes"_s)
                && o.value(u"max_message_bytes"_s).toDouble() > 64 * 1024 * 1024) {
                return R::failure(u"%1: \"max_message_bytes\" must be at most 67108864"_s.arg(name));
            }
        }
        if (type == u"http"_s) {
            const QUrl url(o.value(u"url"_s).toString(), QUrl::StrictMode);
            if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s)
                || url.host().isEmpty()) {
                return R::failure(u"%1: \"url\" must be an http or https URL"_s.arg(name));
            }
        }
        if (type == u"eth-rpc"_s) {
            const QJsonArray nodes = o.value(u"nodes"_s).toArray();
            if (nodes.isEmpty()) {
                return R::failure(u"%1: \"nodes\" must name at least one node URL"_s.arg(name));
            }
            for (const QJsonValue n : nodes) {
                const QUrl url(n.toString(), QUrl::StrictMode);
                if (!n.isString() || !url.isValid() || url.host().isEmpty()
                    || (url.scheme() != u"http"_s && url.scheme() != u"https"_s)) {
                    return R::failure(u"%1: \"nodes\" holds an invalid URL"_s.arg(name));
                }
            }
            const QString kind = o.value(u"kind"_s).toString(u"eth"_s);
            if (kind != u"eth"_s && kind != u"fisco"_s && kind != u"fabric"_s) {
                return R::failure(u"%1: \"kind\" must be eth, fisco or fabric"_s.arg(name));
            }
            static const QRegularExpression address(u"^0x[0-9a-fA-F]{40}$"_s);
            for (const QJsonValue w : o.value(u"watch"_s).toArray()) {
                const QJsonObject entry = w.toObject();
                const QJsonValue min = entry.value(u"min_value_eth"_s);
                if (!w.isObject() || !address.match(entry.value(u"address"_s).toString()).hasMatch()) {
                    return R::failure(u"%1: \"watch\" entries need an \"address\" 0x and 40 hex digits"_s.arg(name));
                }
                if (!(min.isDouble() && min.toDouble() >= 0) && !min.isString()) {
                    return R::failure(u"%1: \"watch\" entries need \"min_value_eth\" (a number of ether)"_s.arg(name));
                }
                for (auto it = entry.begin(); it != entry.end(); ++it) {
                    if (it.key() != u"address"_s && it.key() != u"min_value_eth"_s) {
                        return R::failure(u"%1: unknown key \"%2\" in \"watch\""_s.arg(name, it.key()));
                    }
                }
                if (kind != u"eth"_s) {
                    return R::failure(u"%1: \"watch\" needs kind eth"_s.arg(name));
                }
            }
        }
        if (type == u"webhook"_s && o.contains(u"path"_s) && !f.path().startsWith(u'/')) {
            return R::failure(u"%1: \"path\" must start with \"/\""_s.arg(name));
        }
        if (type == u"file"_s && f.path().isEmpty()) {
            return R::failure(u"%1: \"path\" must not be empty"_s.arg(name));
        }
        feeds.append(f);
    }
    return feeds;
}

} // namespace Lakeguard::Feeds
