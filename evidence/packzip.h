// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

namespace Lakeguard::Evidence {

// A pack folder as a zip (libzip), files at the top level, deflated. Fails if `zipFile` exists.
Storage::Status writeZip(const QString &folder, const QString &zipFile);
// Unpacks a pack zip into an existing empty folder. Only plain names at the top level are
// accepted (no folders, "..", or absolute paths): anything else is an error naming the entry.
// `opened` (optional) tells a zip that could not be read at all from one with a bad entry.
Storage::Status extractZip(const QString &zipFile, const QString &folder, bool *opened = nullptr);

} // namespace Lakeguard::Evidence
