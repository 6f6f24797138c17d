// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QString>
#include <QVariant>

#include <sqlite3.h>

namespace Lakeguard::Storage {

// The writer's hot statements run through the SQLite C API on QSQLITE's own handle (same
// connection, same transaction): QtSql costs a QVariant, a placeholder lookup and several
// allocations per bound value, which dominated ingest (docs/store.md, Performance). Internal to
// storage; include only from .cpp files.
inline sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        return nullptr;
    }
    return *static_cast<sqlite3 *const *>(handle.constData());
}

// One prepared statement, reset and rebound per row. Finalised before the connection closes
// (owners are destroyed before SqliteStore closes its QSqlDatabase).
class SqliteStatement final
{
public:
    SqliteStatement() = default;
    ~SqliteStatement() { sqlite3_finalize(m_stmt); }
    Q_DISABLE_COPY_MOVE(SqliteStatement)

    // False with error() set when the SQL does not compile.
    bool prepare(sqlite3 *db, const char *sql)
    {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        m_db = db;
        return db
            && sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr)
            == SQLITE_OK;
    }
    bool isPrepared() const { return m_stmt != nullptr; }

    // Parameters are 1-based, as in SQLite. Text is UTF-8; bytes are copied only when `copy`
    // (SQLITE_STATIC otherwise: the caller keeps them alive until step() and reset()).
    void bindInt(int i, qint64 v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bindDouble(int i, double v) { sqlite3_bind_double(m_stmt, i, v); }
    void bindNull(int i) { sqlite3_bind_null(m_stmt, i); }
    void bindText(int i, QByteArrayView utf8)
    {
        sqlite3_bind_text(
            m_stmt, i, utf8.data() ? utf8.data() : "", int(utf8.size()), SQLITE_STATIC);
    }
    void bindBlob(int i, QByteArrayView bytes)
    {
        // A zero-length blob still binds as a blob, never as NULL.
        sqlite3_bind_blob(
            m_stmt, i, bytes.data() ? bytes.data() : "", int(bytes.size()), SQLITE_STATIC);
    }

    // Binds as QSQLITE (Qt 6.4) does: a null or invalid value (a null QString or QByteArray too)
    // as NULL; int and bool as integers, unsigned int and qint64 as 64-bit integers, double as
    // real, QByteArray as a blob, anything else (quint64 and float included) as its text.
    // Text and blobs are copied, so `v` need not outlive the step.
    void bindVariant(int i, const QVariant &v)
    {
        if (!v.isValid() || v.isNull()) {
            sqlite3_bind_null(m_stmt, i);
            return;
        }
        switch (v.typeId()) {
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
            sqlite3_bind_int64(m_stmt, i, v.toLongLong());
            return;
        case QMetaType::Double:
            sqlite3_bind_double(m_stmt, i, v.toDouble());
            return;
        case QMetaType::QByteArray: {
            const QByteArray b = v.toByteArray();
            if (b.isNull()) {
                sqlite3_bind_null(m_stmt, i);
            } else {
                sqlite3_bind_blob64(m_stmt, i, b.constData(), quint64(b.size()), SQLITE_TRANSIENT);
            }
            return;
        }
        default: {
            const QString s = v.toString();
            if (s.isNull()) {
                sqlite3_bind_null(m_stmt, i);
                return;
            }
            const QByteArray utf8 = s.toUtf8();
            sqlite3_bind_text64(
                m_stmt, i, utf8.constData(), quint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
            return;
        }
        }
    }
    // One step: SQLITE_ROW (read the row with columnValue), SQLITE_DONE or an error code.
    int step() { return sqlite3_step(m_stmt); }
    // Ready for the next bindings.
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    // The current row's column as an integer (SQLite's conversion; NULL is 0).
    qint64 columnInt(int i) const { return sqlite3_column_int64(m_stmt, i); }
    // The current row's column as QSQLITE gives it (NULL as an invalid QVariant).
    QVariant columnValue(int i) const
    {
        switch (sqlite3_column_type(m_stmt, i)) {
        case SQLITE_INTEGER:
            return QVariant(qint64(sqlite3_column_int64(m_stmt, i)));
        case SQLITE_FLOAT:
            return QVariant(sqlite3_column_double(m_stmt, i));
        case SQLITE_TEXT:
            return QVariant(
                QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, i)),
                    sqlite3_column_bytes(m_stmt, i)));
        case SQLITE_BLOB: {
            const void *data = sqlite3_column_blob(m_stmt, i);
            return QVariant(QByteArray(
                static_cast<const char *>(data), data ? sqlite3_column_bytes(m_stmt, i) : 0));
        }
        default:
            return QVariant();
        }
    }

    // Runs to completion (no rows expected); resets and clears bindings either way.
    bool exec()
    {
        const int rc = sqlite3_step(m_stmt);
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        return rc == SQLITE_DONE || rc == SQLITE_ROW;
    }
    QString error() const
    {
        return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("no connection");
    }
    int changes() const { return sqlite3_changes(m_db); }
    qint64 lastInsertRowId() const { return sqlite3_last_insert_rowid(m_db); }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace Lakeguard::Storage
