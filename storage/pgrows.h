// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

struct sqlite3;

#include <functional>
#include <map>
#include <memory>

namespace Lakeguard::Storage {

class SqliteStatement;

// One result row of PgRows::run, whichever way the statement ran.
class RowValues
{
public:
    virtual ~RowValues() = default;
    virtual QVariant value(int column) const = 0;
};

// A multi-row statement for PostgreSQL: `head` + "(?, …), (?, …)" + `tail`, so one round trip
// carries many rows. Statements are prepared for power-of-two row counts up to `maxRows` and
// kept, so a batch of any size costs about log2(n) + n / maxRows round trips and the server
// holds a bounded number of prepared statements. Every value is bound: the SQL text depends only
// on the row count, never on the data. Used on the thread that owns the connection.
class PgRows final
{
public:
    // `row`: one row's placeholders, e.g. "(?, ?::bigint, ?)"; `columns` its number of '?'.
    PgRows(QString head, QString row, int columns, QString tail = {}, int maxRows = 512);
    ~PgRows();
    Q_DISABLE_COPY_MOVE(PgRows)

    // Runs the statement over `values` (row-major, a multiple of `columns`); `onRow`, when
    // given, sees every result row (RETURNING or SELECT) in the order the server sends them.
    // On a QSQLITE connection the statements run through the SQLite C API on the same handle
    // (same transaction), which saves QtSql's per-value costs on the writer's path.
    Status run(const QSqlDatabase &db, const QVariantList &values,
        const std::function<void(const RowValues &)> &onRow = {});

private:
    QString sql(int rows) const;
    Result<QSqlQuery *> statement(const QSqlDatabase &db, int rows);
    Status runSqlite(sqlite3 *db, const QVariantList &values,
        const std::function<void(const RowValues &)> &onRow);

    QString m_head;
    QString m_row;
    int m_columns;
    QString m_tail;
    int m_maxRows;
    std::map<int, std::unique_ptr<QSqlQuery>> m_prepared;
    std::map<int, std::unique_ptr<SqliteStatement>> m_sqlitePrepared;
    sqlite3 *m_sqliteDb = nullptr; // the handle m_sqlitePrepared belongs to
};

} // namespace Lakeguard::Storage
