// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"
#include "timelinetypes.h"

#include <QSqlDatabase>

namespace Lakeguard::Storage {

// Timeline and as-of queries on one SQLite connection (issue 7; docs/timeline.md). Read only;
// run on the connection's own thread (SqliteStore forwards to these).

// Counts per lane and bucket (worst severity) over the range; the items themselves too when at
// most query.maxEvents match.
Result<TimelineData> queryTimeline(QSqlDatabase db, const TimelineQuery &query);

// The Dashboard counts, the incidents (state replayed from the audit trail) and the chain
// heights as they were at `at` (UTC ms, inclusive); only the AsOfPart bits in `parts`.
Result<AsOfSnapshot> queryAsOf(QSqlDatabase db, Core::TimestampMs at, unsigned parts = AsOfAll);

} // namespace Lakeguard::Storage
