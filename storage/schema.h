// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Lakeguard::Storage {

// Migrations of the SQLite schema. Migration i takes the store from version i to i+1; each runs in
// one transaction with the version bump, statement by statement (QSqlQuery runs one at a time).
struct Migration
{
    int toVersion;
    QStringList statements;
    // Work SQL alone cannot do (hashing), run after the statements in the same transaction;
    // returns an error text, empty on success.
    QString (*code)(QSqlDatabase db) = nullptr;
};

const QList<Migration> &sqliteMigrations();
// Fill the hourly roll-ups from the minute ones, the running totals from the alerts and the hour
// totals from the hourly roll-ups (all three tables empty before, filled in this order):
// migrations 8 and 10, a store rebuilt from an evidence pack, a `migrate` into SQLite.
const QStringList &derivedCountStatements();
// Migration 9's tables (running risk sums, openrisk.h) with the backend's column types.
QStringList openRiskStatements(const QString &real, const QString &integer);
int sqliteSchemaVersion();
// Fill alert_identities (schema v14) from the alerts stored: those of every source whose
// fingerprint may leave the time out. A migration to v14, a `migrate` into SQLite.
const QString &alertIdentityFillStatement();

} // namespace Lakeguard::Storage
