// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storemigration.h"

#include "alertstore.h"
#include "pgstore.h"
#include "schema.h"
#include "sqlitestore.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

// Every table of schema v7 with its ordering key. Schema changes that add a table add it here,
// unless it is derived (v8's rollup_hour and alert_totals, v9's entity_risk and risk_total, v10's
// rollup_hour_total and incident_totals).
struct TableInfo
{
    const char *name;
    const char *order;
    bool identity; // an id column the PostgreSQL sequence must continue after
};

constexpr TableInfo kTables[] = {
    { "alerts", "id", true },
    { "alert_events", "id", true },
    { "quarantine", "id", true },
    { "feeds", "id", false },
    { "chain_status", "chain, node", false },
    { "chain_history", "id", true },
    { "rollup_minute", "bucket, severity, category, feed", false },
    { "rollup_entity_hour", "bucket, entity", false },
    { "leaves", "seq", false },
    { "checkpoints", "id", true },
    { "incidents", "id", false },
    { "incident_keys", "key", false },
    { "incident_entities", "incident, entity", false },
    { "incident_audit", "id", true },
    { "suppressions", "id", true },
    { "risk_history", "bucket", false },
    { "prunes", "id", true },
};
constexpr int kChunk = 200;

QSqlDatabase databaseOf(AlertStore *store)
{
    if (auto *s = dynamic_cast<SqliteStore *>(store)) {
        return s->database();
    }
    if (auto *p = dynamic_cast<PgStore *>(store)) {
        return p->database();
    }
    return {};
}

bool isPg(const QSqlDatabase &db)
{
    return db.driverName() == u"QPSQL"_s;
}

Result<qint64> countRows(QSqlDatabase db, const QString &table)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT count(*) FROM "_s + table) || !q.next()) {
        return Result<qint64>::failure(q.lastError().text());
    }
    return q.value(0).toLongLong();
}

// Columns both sides have (a generated search column exists on one side only).
QStringList commonColumns(
    const QSqlDatabase &source, const QSqlDatabase &target, const QString &table)
{
    const QSqlRecord s = source.record(table);
    const QSqlRecord t = target.record(table);
    QStringList columns;
    for (int i = 0; i < s.count(); ++i) {
        const QString name = s.fieldName(i);
        if (name != u"search"_s && t.contains(name)) {
            columns << name;
        }
    }
    return columns;
}

QString insertSql(const QString &table, const QStringList &columns, int rows, bool upsertMeta)
{
    QString marks = u"("_s + QStringList(columns.size(), u"?"_s).join(u", "_s) + u')';
    QStringList all(rows, marks);
    QString sql = u"INSERT INTO "_s + table + u" ("_s + columns.join(u", "_s) + u") VALUES "_s
        + all.join(u", "_s);
    if (upsertMeta) {
        sql += u" ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s;
    }
    return sql;
}

Status copyTable(QSqlDatabase source, QSqlDatabase target, const QString &table,
    const QString &order, const QString &where, bool upsert, qint64 *copied)
{
    const QStringList columns = commonColumns(source, target, table);
    if (columns.isEmpty()) {
        return Status::failure(Tr::tr("table %1 is missing").arg(table));
    }
    QSqlQuery read(source);
    read.setForwardOnly(true);
    if (!read.exec(u"SELECT "_s + columns.join(u", "_s) + u" FROM "_s + table + where
            + u" ORDER BY "_s + order)) {
        return Status::failure(Tr::tr("reading %1: %2").arg(table, read.lastError().text()));
    }
    QSqlQuery full(target);
    if (!full.prepare(insertSql(table, columns, kChunk, upsert))) {
        return Status::failure(Tr::tr("writing %1: %2").arg(table, full.lastError().text()));
    }
    QVariantList pending;
    int rows = 0;
    auto flush = [&]() -> Status {
        if (rows == 0) {
            return Ok {};
        }
        std::optional<QSqlQuery> partial;
        QSqlQuery *q = &full;
        if (rows != kChunk) {
            partial.emplace(target);
            if (!partial->prepare(insertSql(table, columns, rows, upsert))) {
                return Status::failure(partial->lastError().text());
            }
            q = &*partial;
        }
        for (const QVariant &v : pending) {
            q->addBindValue(v);
        }
        if (!q->exec()) {
            return Status::failure(Tr::tr("writing %1: %2").arg(table, q->lastError().text()));
        }
        *copied += rows;
        pending.clear();
        rows = 0;
        return Ok {};
    };
    while (read.next()) {
        for (int i = 0; i < columns.size(); ++i) {
            pending << read.value(i);
        }
        if (++rows == kChunk) {
            if (const Status s = flush(); !s) {
                return s;
            }
        }
    }
    if (read.lastError().isValid()) {
        return Status::failure(Tr::tr("reading %1: %2").arg(table, read.lastError().text()));
    }
    return flush();
}

} // namespace

Result<MigrationReport> migrateStore(const QString &from, const QString &to)
{
    using R = Result<MigrationReport>;
    auto sourceStore = createStore(from);
    if (!sourceStore) {
        return R::failure(sourceStore.error());
    }
    if (const Status s = sourceStore.value()->open(AlertStore::Mode::ReadOnly); !s) {
        return R::failure(s.error());
    }
    MigrationReport report;
    report.from = sourceStore.value()->location();
    {
        auto targetStore = createStore(to);
        if (!targetStore) {
            return R::failure(targetStore.error());
        }
        if (const Status s = targetStore.value()->open(AlertStore::Mode::ReadWrite); !s) {
            return R::failure(s.error());
        }
        report.to = targetStore.value()->location();
        if (sourceStore.value()->schemaVersion() != targetStore.value()->schemaVersion()) {
            return R::failure(Tr::tr("%1 has schema version %2 but %3 has %4")
                                  .arg(report.from)
                                  .arg(sourceStore.value()->schemaVersion())
                                  .arg(report.to)
                                  .arg(targetStore.value()->schemaVersion()));
        }
        QSqlDatabase source = databaseOf(sourceStore.value().get());
        QSqlDatabase target = databaseOf(targetStore.value().get());
        if (!source.isValid() || !target.isValid()) {
            return R::failure(Tr::tr("migrate copies between SQLite and PostgreSQL stores only"));
        }
        if (!target.transaction()) {
            return R::failure(target.lastError().text());
        }
        auto fail = [&](const QString &message) {
            target.rollback();
            return R::failure(message);
        };
        if (isPg(target)) {
            QSqlQuery lock(target);
            if (!lock.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(kPgWriterLock))) {
                return fail(lock.lastError().text());
            }
        }
        for (const char *t : { "alerts", "leaves", "incidents", "quarantine" }) {
            auto n = countRows(target, QLatin1StringView(t));
            if (!n) {
                return fail(n.error());
            }
            if (n.value() > 0) {
                return fail(Tr::tr("%1 is not empty (table %2 holds %3 rows); migrate into a "
                                   "new store")
                                .arg(report.to, QLatin1StringView(t))
                                .arg(n.value()));
            }
        }
        for (const TableInfo &t : kTables) {
            qint64 copied = 0;
            if (const Status s = copyTable(source, target, QLatin1StringView(t.name),
                    QLatin1StringView(t.order), QString(), false, &copied);
                !s) {
                return fail(s.error());
            }
            report.rows.insert(QLatin1StringView(t.name), copied);
        }
        // The running risk sums (schema v9) are derived: the target refills them from the copied
        // incidents when it next opens read-write, and scans until then.
        {
            QSqlQuery stale(target);
            if (!stale.exec(u"UPDATE risk_total SET half_life = 0"_s)) {
                return fail(stale.lastError().text());
            }
        }
        // Keys: the target already knows its own; meta: the frontier and verification state,
        // not the schema version (the target's own).
        qint64 copied = 0;
        if (const Status s = copyTable(source, target, u"meta"_s, u"key"_s,
                u" WHERE key <> 'schema_version'"_s, true, &copied);
            !s) {
            return fail(s.error());
        }
        QSqlQuery q(target);
        {
            QSqlQuery keys(source);
            if (!keys.exec(u"SELECT key_id, public_pem, created FROM signing_keys"_s)) {
                return fail(keys.lastError().text());
            }
            q.prepare(u"INSERT INTO signing_keys (key_id, public_pem, created) VALUES (?, ?, ?)"
                      " ON CONFLICT (key_id) DO NOTHING"_s);
            while (keys.next()) {
                q.addBindValue(keys.value(0));
                q.addBindValue(keys.value(1));
                q.addBindValue(keys.value(2));
                if (!q.exec()) {
                    return fail(q.lastError().text());
                }
            }
        }
        if (isPg(target)) {
            for (const TableInfo &t : kTables) {
                if (!t.identity) {
                    continue;
                }
                const QString table = QLatin1StringView(t.name);
                if (!q.exec(u"SELECT setval(pg_get_serial_sequence('%1', 'id'),"
                            " coalesce(max(id), 0) + 1, false) FROM %1"_s.arg(table))) {
                    return fail(q.lastError().text());
                }
            }
        } else {
            // SQLite's derived counts (schema v8 and v10): the copy brought the minute roll-ups
            // and the alerts, not what the writer keeps beside them. (Incident counts by status
            // followed the copied rows through their triggers.)
            QStringList statements { u"DELETE FROM rollup_hour"_s, u"DELETE FROM alert_totals"_s,
                u"DELETE FROM rollup_hour_total"_s };
            statements << derivedCountStatements() << alertIdentityFillStatement()
                       << u"INSERT INTO alerts_fts (alerts_fts) VALUES ('rebuild')"_s;
            for (const QString &statement : std::as_const(statements)) {
                if (!q.exec(statement)) {
                    return fail(q.lastError().text());
                }
            }
        }
        if (!target.commit()) {
            return fail(target.lastError().text());
        }
    }

    // Checks on a fresh connection to the copy.
    auto targetStore = createStore(to);
    if (!targetStore) {
        return R::failure(targetStore.error());
    }
    if (const Status s = targetStore.value()->open(AlertStore::Mode::ReadWrite); !s) {
        return R::failure(s.error());
    }
    QSqlDatabase source = databaseOf(sourceStore.value().get());
    QSqlDatabase target = databaseOf(targetStore.value().get());
    for (const TableInfo &t : kTables) {
        const QString table = QLatin1StringView(t.name);
        auto a = countRows(source, table);
        auto b = countRows(target, table);
        if (!a || !b) {
            return R::failure(a ? b.error() : a.error());
        }
        if (a.value() != b.value() && report.problem.isEmpty()) {
            report.problem = Tr::tr("table %1: %2 rows in the source, %3 in the copy")
                                 .arg(table)
                                 .arg(a.value())
                                 .arg(b.value());
        }
    }
    report.alerts = report.rows.value(u"alerts"_s);
    const auto sourceReport = sourceStore.value()->verify(false);
    if (!sourceReport) {
        return R::failure(sourceReport.error());
    }
    const auto targetReport = targetStore.value()->verify(false);
    if (!targetReport) {
        return R::failure(targetReport.error());
    }
    report.treeSize = targetReport->treeSize;
    report.sourceRoot = sourceReport->root;
    report.targetRoot = targetReport->root;
    if (report.problem.isEmpty() && sourceReport->treeSize != targetReport->treeSize) {
        report.problem = Tr::tr("the source has %1 leaves, the copy %2")
                             .arg(sourceReport->treeSize)
                             .arg(targetReport->treeSize);
    }
    if (report.problem.isEmpty() && sourceReport->root != targetReport->root) {
        report.problem = Tr::tr("the Merkle root of the copy differs from the source's at %1 "
                                "leaves")
                             .arg(targetReport->treeSize);
    }
    if (report.problem.isEmpty() && !targetReport->ok) {
        report.problem = Tr::tr("the copy does not verify: %1").arg(targetReport->firstProblem);
    }
    report.verified = report.problem.isEmpty();
    return report;
}

} // namespace Lakeguard::Storage
