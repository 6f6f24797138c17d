// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema.h"
#include "storetypes.h"

#include <QString>

namespace Lakeguard::Storage {

// Migrations of the PostgreSQL schema (docs/team-deployment.md). Version numbers are the SQLite
// schema's: a PostgreSQL store at version N holds what a SQLite store at N holds. The first one
// creates everything up to SQLite's v5 at once; later ones follow SQLite's one by one.
const QList<Migration> &postgresMigrations();
int postgresSchemaVersion();

// Where a PostgreSQL store lives, parsed from postgresql://user@host:port/db?sslmode=…
// A password in the URL is refused: it would end up in shell history, process lists and
// settings. libpq reads PGPASSWORD or ~/.pgpass itself.
struct PgLocation
{
    QString user;
    QString host;
    int port = 5432;
    QString database;
    QString connectOptions; // libpq keywords for QPSQL, ';'-separated (sslmode=…)
    QString display; // the URL without secrets, for messages and location()

    static bool isPostgres(const QString &location);
    static Result<PgLocation> parse(const QString &location);
};

// The channel every PostgreSQL store notifies after a committed change.
inline constexpr char kPgChangeChannel[] = "lakeguard_changes";
// The advisory lock that serialises writers (Merkle appends, incident ids) across clients.
inline constexpr qint64 kPgWriterLock = 0x4c616b6567756172; // "Lakeguar"

} // namespace Lakeguard::Storage
