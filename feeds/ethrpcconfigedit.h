// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Lakeguard::Feeds {

// Adds a node URL to the chain feed `feedId` of a FEEDS.json text (creating an eth-rpc feed of
// `kind` when there is none with that id) and returns the new text, validated as a whole by
// parseFeedsConfig. Empty or missing input starts a new file. What the GUI's "Add node…" uses.
Storage::Result<QByteArray> addChainNode(const QByteArray &feedsJson, const QString &feedId,
    const QString &kind, const QString &nodeUrl);

// The chain feed object `existing` (empty: a new one of `kind` named `feedId`) with `nodeUrl`
// added; for FeedManager::save(). Fails when the feed is no chain feed or already has the node.
Storage::Result<QJsonObject> withChainNode(const QJsonObject &existing, const QString &feedId,
    const QString &kind, const QString &nodeUrl);

} // namespace Lakeguard::Feeds
