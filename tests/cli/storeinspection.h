// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Test support for the kill harnesses in tests/cli: what a store looks like after a SIGKILL, read
// on a separate connection that is closed again before returning. The connection may write: a
// kill inside a rollback-journal transaction (a store before WAL mode: the first migration) leaves
// a hot journal that only a writer can roll back, as the next run does; a read-only connection
// fails there with "attempt to write a readonly database". Only reads are run.
#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

namespace Lakeguard::TestSupport {

struct StoreState
{
    QString integrity; // PRAGMA integrity_check's first row ("ok"), empty when unreadable
    int version = -1; // meta's schema_version
    qint64 alerts = -1; // rows in alerts
    qint64 checkpoints = -1; // rows in checkpoints (-1 before the table exists)
    QString error; // why integrity is empty
};

inline StoreState inspectStore(const QString &path)
{
    using namespace Qt::StringLiterals;
    StoreState s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inspect"_s);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (!db.open()) {
            s.error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (q.exec(u"PRAGMA integrity_check"_s) && q.next()) {
                s.integrity = q.value(0).toString();
            } else {
                s.error = q.lastError().text();
            }
            if (q.exec(u"SELECT value FROM meta WHERE key = 'schema_version'"_s) && q.next()) {
                s.version = q.value(0).toInt();
            }
            if (q.exec(u"SELECT count(*) FROM alerts"_s) && q.next()) {
                s.alerts = q.value(0).toLongLong();
            }
            if (q.exec(u"SELECT count(*) FROM checkpoints"_s) && q.next()) {
                s.checkpoints = q.value(0).toLongLong();
            }
        }
    }
    QSqlDatabase::removeDatabase(u"inspect"_s);
    return s;
}

} // namespace Lakeguard::TestSupport
