// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "leafencoding.h"

#include <QJsonObject>

namespace Lakeguard::Evidence {

// The JSON an evidence pack shows for a record's leaf-bound fields (those in its canonical
// encoding, docs/tamper-evidence.md). The exporter writes it and verify-pack recomputes it from
// the encoding in the manifest: every key must match. Alerts and alert events also carry
// `raw_base64`, the source bytes exactly (`raw` is the readable form, JSON when it is JSON).
QJsonObject leafRecordJson(Storage::LeafKind kind, const QVariantList &values);

// "alert", "alert_event", "audit": the `type` of a record in the pack.
QString packRecordType(Storage::LeafKind kind);

} // namespace Lakeguard::Evidence
