// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QStringList>

#include <functional>
#include <optional>

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

// The contents of one pack file by name; nullopt when it cannot be read (absent, a folder).
using PackFileReader = std::function<std::optional<QByteArray>(const QString &name)>;

// verifyPack's checks on bytes, without a file system (evidence/packcheck.cpp; fuzz/ feeds it
// arbitrary manifests): `entries` are the names present in the pack, `read` gives a file's
// bytes. Only listed files and the manifest, its signature and the key are read.
PackReport checkPackFiles(
    const QStringList &entries, const PackFileReader &read, const QString &expectedKeyId = {});

} // namespace Lakeguard::Evidence
