// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgrows.h"

#include "sqlitestatement.h"

#include <QSqlError>

#include <bit>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

namespace {

class QueryRow final : public RowValues
{
public:
    explicit QueryRow(const QSqlQuery &q)
        : m_q(q)
    { }
    QVariant value(int column) const override { return m_q.value(column); }

private:
    const QSqlQuery &m_q;
};

class StatementRow final : public RowValues
{
public:
    explicit StatementRow(const SqliteStatement &st)
        : m_st(st)
    { }
    QVariant value(int column) const override { return m_st.columnValue(column); }

private:
    const SqliteStatement &m_st;
};

} // namespace

PgRows::PgRows(QString head, QString row, int columns, QString tail, int maxRows)
    : m_head(std::move(head))
    , m_row(std::move(row))
    , m_columns(columns)
    , m_tail(std::move(tail))
    , m_maxRows(int(std::bit_floor(unsigned(std::max(1, maxRows)))))
{ }

PgRows::~PgRows() = default;

QString PgRows::sql(int rows) const
{
    QString sql = m_head;
    sql.reserve(m_head.size() + rows * (m_row.size() + 2) + m_tail.size());
    for (int i = 0; i < rows; ++i) {
        if (i > 0) {
            sql += u", "_s;
        }
        sql += m_row;
    }
    sql += m_tail;
    return sql;
}

Result<QSqlQuery *> PgRows::statement(const QSqlDatabase &db, int rows)
{
    auto &slot = m_prepared[rows];
    if (!slot) {
        auto q = std::make_unique<QSqlQuery>(db);
        q->setForwardOnly(true);
        if (!q->prepare(sql(rows))) {
            const QString err = q->lastError().text();
            m_prepared.erase(rows);
            return Result<QSqlQuery *>::failure(err);
        }
        slot = std::move(q);
    }
    return slot.get();
}

Status PgRows::run(const QSqlDatabase &db, const QVariantList &values,
    const std::function<void(const RowValues &)> &onRow)
{
    if (m_columns <= 0 || values.size() % m_columns != 0) {
        return Status::failure(
            u"multi-row statement: %1 values for %2 columns"_s.arg(values.size()).arg(m_columns));
    }
    if (sqlite3 *handle = sqliteHandle(db)) {
        return runSqlite(handle, values, onRow);
    }
    const qsizetype total = values.size() / m_columns;
    qsizetype done = 0;
    while (done < total) {
        const qsizetype left = total - done;
        const int rows = left >= m_maxRows ? m_maxRows : int(std::bit_floor(quint64(left)));
        auto q = statement(db, rows);
        if (!q) {
            return Status::failure(q.error());
        }
        QSqlQuery &query = **q;
        const qsizetype first = done * m_columns;
        for (qsizetype i = 0; i < qsizetype(rows) * m_columns; ++i) {
            query.addBindValue(values.at(first + i));
        }
        if (!query.exec()) {
            return Status::failure(query.lastError().text());
        }
        if (onRow) {
            const QueryRow row(query);
            while (query.next()) {
                onRow(row);
            }
        }
        query.finish();
        done += rows;
    }
    return Ok {};
}

Status PgRows::runSqlite(
    sqlite3 *db, const QVariantList &values, const std::function<void(const RowValues &)> &onRow)
{
    if (db != m_sqliteDb) {
        // Statements belong to the connection that prepared them.
        m_sqlitePrepared.clear();
        m_sqliteDb = db;
    }
    const qsizetype total = values.size() / m_columns;
    qsizetype done = 0;
    while (done < total) {
        const qsizetype left = total - done;
        const int rows = left >= m_maxRows ? m_maxRows : int(std::bit_floor(quint64(left)));
        auto &slot = m_sqlitePrepared[rows];
        if (!slot) {
            slot = std::make_unique<SqliteStatement>();
            if (!slot->prepare(db, sql(rows).toUtf8().constData())) {
                const QString err = slot->error();
                m_sqlitePrepared.erase(rows);
                return Status::failure(err);
            }
        }
        SqliteStatement &st = *slot;
        const qsizetype first = done * m_columns;
        for (qsizetype i = 0; i < qsizetype(rows) * m_columns; ++i) {
            st.bindVariant(int(i) + 1, values.at(first + i));
        }
        const StatementRow row(st);
        int rc = st.step();
        while (rc == SQLITE_ROW) {
            if (onRow) {
                onRow(row);
            }
            rc = st.step();
        }
        if (rc != SQLITE_DONE) {
            const QString err = st.error();
            st.reset();
            return Status::failure(err);
        }
        st.reset();
        done += rows;
    }
    return Ok {};
}

} // namespace Lakeguard::Storage
