// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QStringList>

namespace Lakeguard::Evidence {

// What verify-pack found. Each problem starts with the file it concerns ("alerts.csv: …").
struct PackReport
{
    bool ok = false;
    QStringList problems;
    QString keyId; // of signing-pub.pem (compare with the pinned key)
    QString tlp;
    qint64 records = 0; // records whose proof was checked
    qint64 files = 0; // files whose hash was checked
    Storage::Checkpoint checkpoint;
};

// Checks a pack folder or zip (docs/evidence-packs.md): manifest.sig over manifest.json with
// signing-pub.pem; every listed file's SHA-256; files missing or not listed; the checkpoint's
// signature; every record's encoding, leaf hash and inclusion proof against the checkpoint's
// root, and that the JSON line shows exactly the encoded fields. An error (not a report) when
// the input cannot be read at all. `expectedKeyId`, when given, must be the pack's key.
Storage::Result<PackReport> verifyPack(const QString &path, const QString &expectedKeyId = {});

} // namespace Lakeguard::Evidence
