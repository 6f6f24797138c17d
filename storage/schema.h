// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Lakeguard::Storage {

// Migrations of the SQLite schema. Migration i takes the store from version i to i+1; each runs in
// one transaction with the version bump, statement by statement (QSqlQuery runs one at a time).
struct Migration
{
    int toVersion;
    QStringList statements;
};

const QList<Migration> &sqliteMigrations();
int sqliteSchemaVersion();

} // namespace Lakeguard::Storage
