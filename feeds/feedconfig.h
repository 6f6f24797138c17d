// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fieldmap.h"
#include "storetypes.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Lakeguard::Feeds {

class Vault;

// One feed of FEEDS.json (CONTRACT.md), validated. Type-specific settings stay in `settings`
// (already checked for unknown keys and value types).
struct FeedConfig
{
    QString id;
    QString type;          // file, http, syslog, webhook, eth-rpc
    QString format;        // normaliser; "auto" when not given (types that have one)
    QJsonObject settings;  // the feed's object as written
    Core::FieldMap map;    // "map": where a jsonl feed finds each field (empty: the contract's names)
    // The unlocked vault for `*_vault` keys, handed over by FeedManager when the feed starts
    // (never saved). Null when locked; `vaultProblem` then says why (feedsecret.h).
    std::shared_ptr<const Vault> vault;
    QString vaultProblem;

    QString path() const { return settings.value(QLatin1StringView("path")).toString(); }
};

// Parses and validates FEEDS.json. Errors name the feed and the key: `feed "ids": unknown key
// "pth"`. Secrets never stand in the file: keys ending in "_env" name environment variables,
// keys ending in "_vault" entries of the encrypted vault (at most one of the two per secret).
Storage::Result<QList<FeedConfig>> parseFeedsConfig(const QByteArray &json);

// A key a feed of some type may have (for editors: FEEDS.json is validated by the same list).
struct FeedKey
{
    enum class Kind { String, Number, Array, Bool, Object };
    QString name;
    Kind kind;
    bool required;
};

// Every feed type FEEDS.json knows, and the keys of one (common keys id, type, enabled first).
QStringList feedTypes();
QList<FeedKey> feedKeys(const QString &type);

// The feed types this build can run (the others parse, and are refused when started).
QStringList runnableFeedTypes();

// "127.0.0.1:5514" → address and port; false with an error message otherwise.
bool parseListenAddress(const QString &text, QHostAddress *address, quint16 *port, QString *error);

} // namespace Lakeguard::Feeds
