// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QByteArray>
#include <QString>

namespace Lakeguard::Feeds {

// Adds a node URL to the chain feed `feedId` of a FEEDS.json text (creating an eth-rpc feed of
// `kind` when there is none with that id) and returns the new text, validated as a whole by
// parseFeedsConfig. Empty or missing input starts a new file. What the GUI's "Add node…" uses.
Storage::Result<QByteArray> addChainNode(const QByteArray &feedsJson, const QString &feedId,
    const QString &kind, const QString &nodeUrl);

// The FEEDS.json the GUI edits: $LAKEGUARD_FEEDS, else FEEDS.json in the application's config
// folder.
QString guiFeedsConfigPath();

} // namespace Lakeguard::Feeds
