// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packverifier.h"

namespace Lakeguard::Evidence {

// An evidence pack made browsable: its records rebuilt into a store the console opens read-only
// (`lakeguard --review PACK`, docs/evidence-packs.md "Reviewing a pack").
struct PackReview
{
    PackReport report; // verify-pack's verdict; the console's banner shows it
    QString storePath; // the rebuilt store (in the caller's work folder)
    qint64 alerts = 0;
    qint64 alertEvents = 0;
    qint64 audit = 0;
    qint64 incidents = 0;
    qint64 skipped = 0; // manifest records that could not be rebuilt (named in `problems`)
    // Whose incident policy weighs risk and deadlines: the pack's policy.json, or the built-in
    // one (a pack cut before packs carried their policy, or whose policy.json does not parse).
    enum class Policy { Pack, BuiltIn };
    Policy policy = Policy::BuiltIn;
    QStringList problems; // what the rebuild could not do
};

// True for a folder holding manifest.json, or a file that looks like a zip.
bool isEvidencePack(const QString &path);

// Verifies the pack (folder or zip), then rebuilds its records into `workDir`/review.db: every
// record from its signed encoding in manifest.json (so the console shows exactly what the
// proofs cover, with the store's own ids), an alert's incident and state from alerts.jsonl, the
// incidents from incidents.jsonl, and the full-text index, roll-ups and open risk recomputed.
// The pack's policy.json is written beside the store (`storePath` + ".policy.json"); a caller
// that opens the store must unset $LAKEGUARD_POLICY first, which would override it. A pack that
// fails verification is still rebuilt (a reviewer needs to see what is wrong); `report.ok` says
// so. An error only when the pack cannot be read at all.
Storage::Result<PackReview> buildReviewStore(const QString &packPath, const QString &workDir);

} // namespace Lakeguard::Evidence
