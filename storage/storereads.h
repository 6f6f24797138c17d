// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QSqlDatabase>

namespace Lakeguard::Storage {

// Reads whose SQL is the same on every engine (SQLite and PostgreSQL share the schema's column
// names and types for these tables): each backend's AlertStore method forwards here.
Result<QList<Core::AlertEvent>> readAlertEvents(const QSqlDatabase &db, Core::AlertId id);
// `fromTotals`: counts by severity and category come from the running `alert_totals` table
// (SQLite v8) instead of scanning every alert, incidents by status from `incident_totals` (v10).
Result<StoreStats> readStats(const QSqlDatabase &db, bool fromTotals = false);
// The oldest and newest alert times (0, 0 when empty) as readStats reads them. Each aggregate is
// a subquery of its own: SQLite answers min() or max() from one end of the time index only when
// it is alone in its SELECT; `SELECT min(ts), max(ts)` scans the whole index (1 s at 6 M alerts).
QString alertTimeRangeSql();
Result<QList<FeedStatus>> readFeeds(const QSqlDatabase &db);
Result<QList<ChainObservation>> readChainStatus(const QSqlDatabase &db);

} // namespace Lakeguard::Storage
