// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QMap>

namespace Lakeguard::Storage {

// What `lakeguard-cli migrate` did: rows per table in both stores, and both Merkle roots.
struct MigrationReport
{
    QString from;
    QString to;
    QMap<QString, qint64> rows; // table → rows copied (equal in both)
    qint64 alerts = 0;
    qint64 treeSize = 0;
    QByteArray sourceRoot;
    QByteArray targetRoot;
    bool verified = false; // counts equal, roots equal, target verify ok
    QString problem; // the first difference found, when not verified
};

// Copies every record of the store at `from` into the empty store at `to` (created and migrated
// when new): rows with their ids, leaves, checkpoints and signing keys, so the copy verifies
// on its own with the same root. One transaction on the target: a failed copy leaves it empty.
// Both must be at the same schema version. Then checks: counts per table, the Merkle root at the
// same tree size, and a full verify of the copy. A failure to run is an error; a copy that does
// not check out is a report with verified == false.
Result<MigrationReport> migrateStore(const QString &from, const QString &to);

} // namespace Lakeguard::Storage
