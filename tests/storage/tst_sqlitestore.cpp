// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ftstokens.h"
#include "schema.h"
#include "sqlitestore.h"
#include "storereads.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace Lakeguard::Storage;
using Core::Severity;

namespace {

Alert makeAlert(int i, Severity sev = Severity::Medium, Core::Category cat = Core::Category::Fraud)
{
    Alert a;
    a.ts = 1'767'225'600'000LL + qint64(i) * 60'000; // 2026-01-01, one a minute
    a.received = a.ts + 5;
    a.feed = u"test"_s;
    a.source = u"jsonl"_s;
    a.severity = sev;
    a.category = cat;
    a.rule = u"rule.%1"_s.arg(i % 3);
    a.title = u"Alert number %1"_s.arg(i);
    a.message = i % 2 ? u"odd payment gateway"_s : u"even mobile api"_s;
    a.entity = u"host-%1"_s.arg(i % 4);
    a.srcIp = u"192.0.2.%1"_s.arg(i % 250);
    a.fingerprint = Core::fingerprintOf(u"test", QByteArray::number(i));
    a.raw = "{\"i\":" + QByteArray::number(i) + '}';
    return a;
}

} // namespace

class tst_SqliteStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_filters;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Alerts at minutes [from, to), severities cycling, in one batch of feed "a".
    static bool writeMinutes(SqliteStore &s, int from, int to)
    {
        IngestBatch b;
        b.feed = u"a"_s;
        for (int i = from; i < to; ++i) {
            b.alerts << makeAlert(i, Core::severityFromInt(i % 5));
        }
        return s.writeBatch(b).ok;
    }

    // Every row of the order, a page of 500 at a time (keyset pagination).
    static QList<qint64> keysetOrder(SqliteStore &s, const AlertFilter &filter, AlertSort sort)
    {
        QList<qint64> ids;
        std::optional<PageKey> after;
        for (;;) {
            const auto page = s.alerts(filter, sort, 500, after);
            if (!page) {
                return QList<qint64> {};
            }
            for (const Alert &a : page->alerts) {
                ids << a.id.value;
            }
            if (!page->next) {
                return ids;
            }
            after = page->next;
        }
    }

    // Every row of the order in one page: one query, where keysetOrder's pages each gather a
    // search's matches again when ids are out of time order.
    static QList<qint64> wholeOrder(SqliteStore &s, const AlertFilter &filter, AlertSort sort)
    {
        QList<qint64> ids;
        const auto page = s.alerts(filter, sort, 1'000'000, std::nullopt);
        if (page) {
            for (const Alert &a : page->alerts) {
                ids << a.id.value;
            }
        }
        return ids;
    }

    // alertsAt at depths from the top to past the end gives exactly the rows of `expected`
    // there; the first difference otherwise.
    static QString checkJumps(
        SqliteStore &s, const AlertFilter &filter, AlertSort sort, const QList<qint64> &expected)
    {
        const qint64 n = expected.size();
        for (const qint64 offset :
            { qint64(0), qint64(1999), n / 3, n / 2, n / 2 + 1, n * 3 / 4, n - 150, n - 1, n }) {
            const auto page = s.alertsAt(filter, sort, offset, 100);
            if (!page) {
                return u"offset %1: %2"_s.arg(offset).arg(page.error());
            }
            QList<qint64> got;
            for (const Alert &a : page->alerts) {
                got << a.id.value;
            }
            if (got != expected.mid(offset, 100)) {
                return u"offset %1 of %2: rows differ"_s.arg(offset).arg(n);
            }
        }
        return QString();
    }

    // What schema v10 added, as a v9 store has none of it.
    static bool dropVersionTen(QSqlQuery &q)
    {
        for (const QString &sql : { u"DROP TABLE rollup_hour_total"_s,
                 u"DROP TRIGGER incident_totals_insert"_s, u"DROP TRIGGER incident_totals_delete"_s,
                 u"DROP TRIGGER incident_totals_status"_s, u"DROP TABLE incident_totals"_s }) {
            if (!q.exec(sql)) {
                qWarning() << sql << q.lastError().text();
                return false;
            }
        }
        return true;
    }

    // The hour totals (schema v10) equal the hourly roll-ups summed by hour.
    static QString hourTotalsMismatch(SqliteStore &s)
    {
        QSqlQuery q(s.database());
        if (!q.exec(u"SELECT (SELECT count(*) FROM (SELECT bucket, sum(n) FROM rollup_hour"
                    " GROUP BY bucket EXCEPT SELECT bucket, n FROM rollup_hour_total)),"
                    " (SELECT count(*) FROM rollup_hour_total),"
                    " (SELECT count(DISTINCT bucket) FROM rollup_hour)"_s)
            || !q.next()) {
            return q.lastError().text();
        }
        if (q.value(0).toInt() != 0 || q.value(1) != q.value(2)) {
            return u"%1 hours differ; %2 hour totals for %3 hours"_s.arg(
                q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
        }
        return q.value(1).toInt() > 0 ? QString() : u"no hours"_s;
    }

    std::unique_ptr<SqliteStore> openRw(const QString &name)
    {
        auto s = std::make_unique<SqliteStore>(path(name));
        const Status st = s->open(AlertStore::Mode::ReadWrite);
        if (!st) {
            qWarning() << st.error();
            return nullptr;
        }
        return s;
    }

    // 100 alerts, severities cycling, two categories.
    std::unique_ptr<SqliteStore> filled(const QString &name)
    {
        auto s = openRw(name);
        IngestBatch b;
        b.feed = u"test"_s;
        b.feedType = u"file"_s;
        for (int i = 0; i < 100; ++i) {
            b.alerts << makeAlert(i, Core::severityFromInt(i % 5),
                i < 30 ? Core::Category::Malware : Core::Category::Fraud);
        }
        const BatchResult r = s->writeBatch(b);
        if (!r.ok || r.accepted != 100) {
            qWarning() << r.error;
            return nullptr;
        }
        return s;
    }

private slots:
    void initTestCase()
    {
        // As main() does in the programs, before SQLite starts.
        QVERIFY(configureSqliteLibrary());
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    // SQLite keeps no memory statistics, so its allocations take no process-wide mutex. Once it
    // has started, the setting can no longer change.
    void sqliteKeepsNoMemoryStatistics()
    {
        auto s = filled(u"memstatus.db"_s);
        QVERIFY(s);
        QCOMPARE(sqlite3_memory_used(), sqlite3_int64(0));
        QVERIFY(!configureSqliteLibrary());
    }

    void cleanupTestCase() { m_filters.reset(); }

    void createsAndMigrates()
    {
        auto s = openRw(u"new.db"_s);
        QVERIFY(s);
        QCOMPARE(s->schemaVersion(), sqliteSchemaVersion());
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
        // FULL (2): a committed batch is acknowledged to its source, so it must survive a power
        // loss, not only a crash of the process (docs/durability.md).
        QVERIFY(q.exec(u"PRAGMA synchronous"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        // The log file is cut back after checkpoints: a big one makes recovery at open slow.
        QVERIFY(q.exec(u"PRAGMA journal_size_limit"_s) && q.next());
        QCOMPARE(q.value(0).toLongLong(), 64LL * 1024 * 1024);
        // The migrations sort into temporary files; the writer's own sorts stay in memory (2).
        QVERIFY(q.exec(u"PRAGMA temp_store"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QVERIFY(q.exec(u"SELECT value FROM meta WHERE key = 'schema_version'"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), sqliteSchemaVersion());
        q.finish(); // no read left open while the store closes
        s.reset();
        // The version can be read without opening the store (the console's "Upgrading" note).
        QCOMPARE(SqliteStore::storedSchemaVersion(path(u"new.db"_s)), sqliteSchemaVersion());
        QCOMPARE(SqliteStore::storedSchemaVersion(path(u"none.db"_s)), 0);
        // Re-opening migrates nothing and keeps the version.
        auto again = openRw(u"new.db"_s);
        QVERIFY(again);
        QCOMPARE(again->schemaVersion(), sqliteSchemaVersion());
    }

    void rejectsNewerSchema()
    {
        {
            auto s = openRw(u"future.db"_s);
            QVERIFY(s);
            QSqlQuery q(s->database());
            QVERIFY(q.exec(u"UPDATE meta SET value = '99' WHERE key = 'schema_version'"_s));
        }
        SqliteStore s(path(u"future.db"_s));
        const Status st = s.open(AlertStore::Mode::ReadWrite);
        QVERIFY(!st);
        QVERIFY2(st.error().contains(u"99"_s), qPrintable(st.error()));
    }

    void rejectsForeignFile()
    {
        QFile f(path(u"not-a-store.db"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'z'));
        f.close();
        QCOMPARE(SqliteStore::storedSchemaVersion(f.fileName()), std::nullopt);
        SqliteStore s(f.fileName());
        const Status st = s.open(AlertStore::Mode::ReadWrite);
        QVERIFY(!st);
        QVERIFY(!st.error().isEmpty());
    }

    void readOnlyMissingStore()
    {
        SqliteStore s(path(u"missing.db"_s));
        const Status st = s.open(AlertStore::Mode::ReadOnly);
        QVERIFY(!st);
        QVERIFY(st.error().contains(u"no store"_s));
        QVERIFY(!QFile::exists(path(u"missing.db"_s)));
    }

    void readOnlyCannotWrite()
    {
        QVERIFY(filled(u"ro.db"_s));
        SqliteStore s(path(u"ro.db"_s));
        QVERIFY(s.open(AlertStore::Mode::ReadOnly));
        IngestBatch b;
        b.alerts << makeAlert(1000);
        QVERIFY(!s.writeBatch(b).ok);
        QSqlQuery q(s.database());
        QVERIFY(!q.exec(u"DELETE FROM alerts"_s));
        QCOMPARE(s.countAlerts({}).value(), 100);
    }

    void dedupByFingerprint()
    {
        auto s = openRw(u"dedup.db"_s);
        IngestBatch b;
        b.feed = u"f"_s;
        b.alerts << makeAlert(1) << makeAlert(2) << makeAlert(1); // a duplicate inside the batch
        BatchResult r = s->writeBatch(b);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.accepted, 2);
        QCOMPARE(r.duplicates, 1);
        r = s->writeBatch(b); // the same batch again adds nothing
        QCOMPARE(r.accepted, 0);
        QCOMPARE(r.duplicates, 3);
        QCOMPARE(s->countAlerts({}).value(), 2);
        const auto feeds = s->feeds().value();
        QCOMPARE(feeds.size(), 1);
        QCOMPARE(feeds[0].accepted, 2);
        QCOMPARE(feeds[0].duplicates, 4);
        QCOMPARE(feeds[0].received, 6);
    }

    // Schema v14: a fingerprint that covers the time is a duplicate with its time; one that
    // leaves the time out (a source's own id, a time taken from when it was read) is a duplicate
    // by the fingerprint alone, whatever its time. A pruned alert's fingerprint is free again.
    void dedupByTimeOrIdentity()
    {
        auto s = openRw(u"dedup-rules.db"_s);
        Alert covered = makeAlert(11);
        covered.fingerprintCoversTime = true;
        Alert coveredOtherTime = covered; // cannot come from a source; shows the rule
        coveredOtherTime.ts += 60'000;
        const Alert byId = makeAlert(12);
        Alert byIdLater = byId; // the same id re-sent later with another time
        byIdLater.ts += 3'600'000;
        byIdLater.received += 3'600'000;
        IngestBatch b;
        b.feed = u"f"_s;
        b.alerts << covered << covered << coveredOtherTime << byId << byIdLater;
        BatchResult r = s->writeBatch(b);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.accepted, 3);
        QCOMPARE(r.duplicates, 2);
        const qint64 byIdStored = r.lastAlertId;
        r = s->writeBatch(b);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.accepted, 0);
        QCOMPARE(r.duplicates, 5);
        // Exported and imported back, an alert keeps its time and fingerprint: it is the stored
        // one, whichever rule stored it.
        Alert back = byId;
        back.fingerprintCoversTime = true;
        back.received += 86'400'000;
        b.alerts = { back };
        r = s->writeBatch(b);
        QCOMPARE(r.accepted, 0);
        QCOMPARE(r.duplicates, 1);
        QCOMPARE(s->countAlerts({}).value(), 3);
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"SELECT alert FROM alert_identities"_s) && q.next());
        QCOMPARE(q.value(0).toLongLong(), byIdStored);
        QVERIFY(!q.next());
        q.finish();

        // Pruned, the alerts are gone with their identities: a re-delivery is new again.
        RetentionPolicy none;
        none.maxAlerts = 0;
        const auto pruned = s->prune(none, Core::nowMs());
        QVERIFY2(pruned, qPrintable(pruned.error()));
        QCOMPARE(pruned->alerts, 3);
        QVERIFY(q.exec(u"SELECT count(*) FROM alert_identities"_s) && q.next());
        QCOMPARE(q.value(0).toLongLong(), 0);
        q.finish();
        b.alerts = { byIdLater };
        r = s->writeBatch(b);
        QCOMPARE(r.accepted, 1);
    }

    // The writer's look-ups are index searches: a duplicate with its time by the (ts,
    // fingerprint) index, one by the fingerprint alone by alert_identities' key.
    void dedupLookupsUseIndexes()
    {
        auto s = openRw(u"dedup-plans.db"_s);
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"SELECT sql FROM sqlite_master WHERE name = 'alerts'"_s) && q.next());
        QVERIFY2(!q.value(0).toString().contains(u"UNIQUE"_s), qPrintable(q.value(0).toString()));
        q.finish();
        const QList<std::pair<QString, QString>> lookups {
            { u"SELECT id, state FROM alerts WHERE ts = 1 AND fingerprint = x'00'"_s,
                u"alerts_dedup"_s },
            { u"SELECT a.id, a.state FROM alert_identities i JOIN alerts a ON a.id = i.alert"
              " WHERE i.fingerprint = x'00'"_s,
                u"PRIMARY KEY"_s },
        };
        for (const auto &[sql, index] : lookups) {
            QVERIFY(q.exec(u"EXPLAIN QUERY PLAN "_s + sql));
            QStringList plan;
            while (q.next()) {
                plan << q.value(3).toString();
            }
            const QString text = plan.join(u'\n');
            QVERIFY2(text.contains(index), qPrintable(text));
            QVERIFY2(!text.contains(u"SCAN"_s), qPrintable(text));
        }
    }

    // A store of schema v13 (a UNIQUE fingerprint) is rebuilt once: the same alerts with the
    // same ids, searchable, and a fingerprint stored before is still a duplicate afterwards.
    void migrationFourteenRebuildsTheAlertsTable()
    {
        {
            auto s = filled(u"v13.db"_s);
            QVERIFY(s);
            QSqlQuery q(s->database());
            QVERIFY(q.exec(u"SELECT sql FROM sqlite_master WHERE name = 'alerts'"_s) && q.next());
            QString table = q.value(0).toString();
            q.finish();
            QStringList indexes;
            QVERIFY(q.exec(u"SELECT sql FROM sqlite_master WHERE type = 'index'"
                           " AND tbl_name = 'alerts' AND sql IS NOT NULL"
                           " AND name <> 'alerts_dedup'"_s));
            while (q.next()) {
                indexes << q.value(0).toString();
            }
            q.finish();
            table.replace(u"fingerprint BLOB NOT NULL,"_s, u"fingerprint BLOB NOT NULL UNIQUE,"_s);
            QVERIFY(table.startsWith(u"CREATE TABLE \"alerts\" ("_s)); // renamed by v14
            table.replace(u"CREATE TABLE \"alerts\" ("_s, u"CREATE TABLE alerts_v13 ("_s);
            QStringList back { table, u"INSERT INTO alerts_v13 SELECT * FROM alerts"_s,
                u"DROP TABLE alerts"_s, u"ALTER TABLE alerts_v13 RENAME TO alerts"_s };
            back << indexes << u"DROP TABLE alert_identities"_s
                 << u"UPDATE meta SET value = '13' WHERE key = 'schema_version'"_s;
            for (const QString &statement : std::as_const(back)) {
                QVERIFY2(q.exec(statement), qPrintable(statement + u": "_s + q.lastError().text()));
            }
        }
        QList<Alert> before;
        {
            auto old = openRw(u"v13.db"_s); // migrates
            QVERIFY(old);
            QCOMPARE(old->schemaVersion(), sqliteSchemaVersion());
            before = old->alerts({}, AlertSort::TimeAsc, 1000, std::nullopt).value().alerts;
        }
        auto s = openRw(u"v13.db"_s);
        QVERIFY(s);
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"PRAGMA integrity_check"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"ok"_s);
        q.finish();
        QVERIFY(q.exec(u"SELECT sql FROM sqlite_master WHERE name = 'alerts'"_s) && q.next());
        QVERIFY(!q.value(0).toString().contains(u"UNIQUE"_s));
        q.finish();
        QCOMPARE(before.size(), 100);
        // Every alert of the test's source (jsonl) keeps its fingerprint as its identity.
        QVERIFY(q.exec(u"SELECT count(*) FROM alert_identities"_s) && q.next());
        QCOMPARE(q.value(0).toLongLong(), 100);
        q.finish();
        const auto after = s->alerts({}, AlertSort::TimeAsc, 1000, std::nullopt).value().alerts;
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            QCOMPARE(after.at(i).id, before.at(i).id);
            QCOMPARE(after.at(i).fingerprint, before.at(i).fingerprint);
        }
        AlertFilter search;
        search.search = u"gateway"_s;
        QCOMPARE(s->countAlerts(search).value(), 50);
        // A stored alert re-sent with another time is still the stored one.
        Alert again = makeAlert(3, Core::severityFromInt(3));
        again.ts += 7'200'000;
        IngestBatch b;
        b.feed = u"test"_s;
        b.alerts = { again };
        const BatchResult r = s->writeBatch(b);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.accepted, 0);
        QCOMPARE(r.duplicates, 1);
        QVERIFY(s->verify(false).value().ok);
    }

    // A source with a lifecycle (Alertmanager, chain conditions) re-sends an alert with a new
    // state: the stored alert changes, once per real change, and each state is an event. Both
    // ways of finding the stored alert (schema v14) lead to it.
    void stateChangeUpdatesTheStoredAlert_data()
    {
        QTest::addColumn<bool>("coversTime");
        QTest::newRow("by time and fingerprint") << true;
        QTest::newRow("by fingerprint alone") << false;
    }
    void stateChangeUpdatesTheStoredAlert()
    {
        QFETCH(bool, coversTime);
        auto s = openRw(u"lifecycle-%1.db"_s.arg(coversTime));
        Alert firing = makeAlert(7);
        firing.fingerprintCoversTime = coversTime;
        firing.state = u"firing"_s;
        IngestBatch b;
        b.feed = u"am"_s;
        b.alerts << firing << firing; // a retry inside the batch
        BatchResult r = s->writeBatch(b);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.accepted, 1);
        QCOMPARE(r.duplicates, 1);
        QCOMPARE(r.updated, 0);
        const Core::AlertId id { r.lastAlertId };
        QCOMPARE(s->alert(id).value().state, u"firing"_s);

        Alert resolved = firing;
        resolved.state = u"resolved"_s;
        resolved.stateSince = firing.ts + 90'000;
        resolved.received = firing.received + 100'000;
        resolved.message = u"all clear"_s;
        b.alerts = { resolved, resolved, firing }; // resolved, its retry, then a late firing retry
        r = s->writeBatch(b);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.accepted, 0);
        QCOMPARE(r.updated, 1);
        QCOMPARE(r.duplicates, 2);

        QCOMPARE(s->countAlerts({}).value(), 1);
        const Alert stored = s->alert(id).value();
        QCOMPARE(stored.state, u"resolved"_s);
        QCOMPARE(stored.stateSince, firing.ts + 90'000);
        QCOMPARE(stored.message, firing.message); // the alert itself is never rewritten
        const QList<Core::AlertEvent> events = s->alertEvents(id).value();
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].state, u"firing"_s);
        QCOMPARE(events[0].ts, firing.received);
        QCOMPARE(events[1].state, u"resolved"_s);
        QCOMPARE(events[1].ts, firing.ts + 90'000);
        QCOMPARE(events[1].message, u"all clear"_s);
        QCOMPARE(events[1].feed, u"test"_s);
        QCOMPARE(stored.toJson().value(u"state"_s).toString(), u"resolved"_s);
        // Sources without a lifecycle still dedup as before and have no events.
        QCOMPARE(s->alertEvents(Core::AlertId { id.value + 1000 }).value().size(), 0);
        QVERIFY(!makeAlert(1).toJson().contains(u"state"_s));
    }

    void roundTripsEveryField()
    {
        auto s = openRw(u"fields.db"_s);
        Alert a = makeAlert(7, Severity::Critical, Core::Category::DataLeak);
        a.dstIp = u"2001:db8::1"_s;
        a.message = u"<b>not html</b> 中文"_s;
        a.raw = QByteArray("\x00\x01raw\xff", 6);
        IngestBatch b;
        b.alerts << a;
        QVERIFY(s->writeBatch(b).ok);
        const auto page = s->alerts({}, AlertSort::TimeDesc, 10, std::nullopt);
        QVERIFY(page);
        QCOMPARE(page->alerts.size(), 1);
        const Alert &g = page->alerts[0];
        QVERIFY(g.id.value > 0);
        QCOMPARE(g.ts, a.ts);
        QCOMPARE(g.received, a.received);
        QCOMPARE(g.severity, a.severity);
        QCOMPARE(g.category, a.category);
        QCOMPARE(g.rule, a.rule);
        QCOMPARE(g.title, a.title);
        QCOMPARE(g.message, a.message);
        QCOMPARE(g.entity, a.entity);
        QCOMPARE(g.srcIp, a.srcIp);
        QCOMPARE(g.dstIp, a.dstIp);
        QCOMPARE(g.fingerprint, a.fingerprint);
        QCOMPARE(g.raw, a.raw);
        QVERIFY(g.incident); // a critical alert opens an incident (docs/incidents.md)
        QVERIFY(!g.suppressedBy);
        QCOMPARE(s->alert(g.id).value().title, a.title);
    }

    void keysetPagingMatchesOffset_data()
    {
        QTest::addColumn<AlertSort>("sort");
        QTest::addColumn<int>("pageSize");
        QTest::addRow("time-desc-7") << AlertSort::TimeDesc << 7;
        QTest::addRow("time-asc-10") << AlertSort::TimeAsc << 10;
        QTest::addRow("sev-desc-9") << AlertSort::SeverityDesc << 9;
        QTest::addRow("sev-asc-33") << AlertSort::SeverityAsc << 33;
    }

    void keysetPagingMatchesOffset()
    {
        QFETCH(AlertSort, sort);
        QFETCH(int, pageSize);
        auto s = filled(u"paging-%1.db"_s.arg(QString::fromLatin1(QTest::currentDataTag())));
        QVERIFY(s);
        QList<qint64> keyset;
        std::optional<PageKey> after;
        for (int guard = 0; guard < 100; ++guard) {
            const auto page = s->alerts({}, sort, pageSize, after);
            QVERIFY(page);
            for (const Alert &a : page->alerts) {
                keyset << a.id.value;
            }
            if (!page->next) {
                break;
            }
            after = page->next;
        }
        QCOMPARE(keyset.size(), 100);
        QList<qint64> offsets;
        for (qint64 off = 0; off < 100; off += pageSize) {
            for (const Alert &a : s->alertsAt({}, sort, off, pageSize).value().alerts) {
                offsets << a.id.value;
            }
        }
        QCOMPARE(keyset, offsets);
        // And the order is the one asked for.
        const auto all = s->alertsAt({}, sort, 0, 100).value().alerts;
        for (int i = 1; i < all.size(); ++i) {
            const Alert &p = all[i - 1];
            const Alert &c = all[i];
            switch (sort) {
            case AlertSort::TimeDesc:
                QVERIFY(p.ts >= c.ts);
                break;
            case AlertSort::TimeAsc:
                QVERIFY(p.ts <= c.ts);
                break;
            case AlertSort::SeverityDesc:
                QVERIFY(p.severity > c.severity || (p.severity == c.severity && p.ts >= c.ts));
                break;
            case AlertSort::SeverityAsc:
                QVERIFY(p.severity < c.severity || (p.severity == c.severity && p.ts <= c.ts));
                break;
            }
        }
    }

    // Jumps deep into the table (alertsAt past the first rows) find the hour from the hourly
    // roll-up instead of walking every row before it; the rows must be exactly OFFSET's: every
    // time sort, the filters the roll-up has and those it has not, ties in time, duplicates,
    // and after a prune (roll-ups then count removed alerts, and OFFSET is used).
    void deepJumpsMatchKeysetOrder_data()
    {
        QTest::addColumn<AlertSort>("sort");
        QTest::addColumn<AlertFilter>("filter");
        AlertFilter high;
        high.minSeverity = Severity::High;
        AlertFilter feedB;
        feedB.feed = u"b"_s;
        AlertFilter mixed = high;
        mixed.categories = QStringList { u"fraud"_s, u"malware"_s };
        AlertFilter rule; // not in the roll-up: OFFSET
        rule.rule = u"rule.1"_s;
        for (const AlertSort sort : { AlertSort::TimeDesc, AlertSort::TimeAsc }) {
            const char *name = sort == AlertSort::TimeDesc ? "desc" : "asc";
            QTest::addRow("%s-all", name) << sort << AlertFilter {};
            QTest::addRow("%s-high", name) << sort << high;
            QTest::addRow("%s-feed", name) << sort << feedB;
            QTest::addRow("%s-mixed", name) << sort << mixed;
            QTest::addRow("%s-rule", name) << sort << rule;
        }
        QTest::addRow("severity-desc") << AlertSort::SeverityDesc << AlertFilter {};
    }

    void deepJumpsMatchKeysetOrder()
    {
        QFETCH(AlertSort, sort);
        QFETCH(AlertFilter, filter);
        auto s = openRw(u"jumps-%1.db"_s.arg(QString::fromLatin1(QTest::currentDataTag())));
        QVERIFY(s);
        // 11,000 alerts over 200 hours, two feeds; the second batch lands all over the range
        // with times equal to the first batch's (ties broken by id) and 1,000 duplicates.
        for (int round = 0; round < 2; ++round) {
            IngestBatch b;
            b.feed = u"a"_s;
            for (int i = 0; i < 6000; ++i) {
                Alert a
                    = makeAlert(round == 0 ? i : (i * 7919) % 12000, Core::severityFromInt(i % 5),
                        i % 3 ? Core::Category::Fraud : Core::Category::Malware);
                if (round == 1) {
                    a.fingerprint = Core::fingerprintOf(u"again", QByteArray::number(i % 5000));
                }
                a.feed = i % 2 ? u"a"_s : u"b"_s;
                a.rule = u"rule.%1"_s.arg(i % 3);
                b.alerts << a;
            }
            const BatchResult r = s->writeBatch(b);
            QVERIFY2(r.ok, qPrintable(r.error));
        }
        const QList<qint64> expected = keysetOrder(*s, filter, sort);
        QVERIFY(expected.size() > 2200); // deeper than where alertsAt starts to seek
        QCOMPARE(s->countAlerts(filter).value(), expected.size());
        QString problem = checkJumps(*s, filter, sort, expected);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // Again (the hour index is cached per connection).
        problem = checkJumps(*s, filter, sort, expected);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const bool indexed = filter.rule.isEmpty() && sort != AlertSort::SeverityDesc;
        QCOMPARE(s->jumpStats().seeks > 0, indexed);
        QCOMPARE(s->jumpStats().indexBuilds, indexed ? 1 : 0);
        // Live ingest: alerts in the newest hour and after it only bring the index up to date;
        // one backdated into an old hour makes it read everything again.
        for (const bool backdated : { false, true }) {
            IngestBatch more;
            more.feed = u"a"_s;
            for (int i = 0; i < 400; ++i) {
                // Minutes 11,990 to 12,189: the newest hour and three new ones.
                Alert a = makeAlert(11'990 + i / 2, Core::severityFromInt(i % 5),
                    i % 4 ? Core::Category::Fraud : Core::Category::Malware);
                a.fingerprint
                    = Core::fingerprintOf(u"live", QByteArray::number((backdated ? 1000 : 0) + i));
                a.feed = i % 2 ? u"a"_s : u"b"_s;
                more.alerts << a;
            }
            if (backdated) {
                more.alerts[0].ts = makeAlert(61).ts;
            }
            QVERIFY(s->writeBatch(more).ok);
            const SqliteStore::JumpStats seen = s->jumpStats();
            const QList<qint64> grown = keysetOrder(*s, filter, sort);
            problem = checkJumps(*s, filter, sort, grown);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            if (indexed) {
                QCOMPARE(s->jumpStats().indexUpdates - seen.indexUpdates, backdated ? 0 : 1);
                QCOMPARE(s->jumpStats().indexBuilds - seen.indexBuilds, backdated ? 1 : 0);
            }
        }
        // A prune out of time order (the second batch spread over every hour): the oldest
        // hours' roll-ups count removed alerts, so OFFSET is used, and the rows stay right.
        RetentionPolicy keep;
        keep.maxAlerts = 8000;
        QVERIFY(s->prune(keep, Core::nowMs()));
        const QList<qint64> afterPrune = keysetOrder(*s, filter, sort);
        QVERIFY(afterPrune.size() < expected.size());
        problem = checkJumps(*s, filter, sort, afterPrune);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // Retention removes the oldest alerts; the roll-ups keep them (charts still show the past).
    // The oldest stored hour is then counted from the alerts, so deep jumps still seek.
    void deepJumpsSeekAfterAnInOrderPrune()
    {
        auto s = openRw(u"jumps-pruned.db"_s);
        QVERIFY(s);
        QVERIFY(writeMinutes(*s, 0, 9000));
        RetentionPolicy keep;
        keep.maxAlerts = 6010; // cuts an hour in two
        QVERIFY(s->prune(keep, Core::nowMs()));
        AlertFilter high;
        high.minSeverity = Severity::High;
        for (const AlertFilter &filter : { AlertFilter {}, high }) {
            for (const AlertSort sort : { AlertSort::TimeDesc, AlertSort::TimeAsc }) {
                const QList<qint64> rows = keysetOrder(*s, filter, sort);
                const QString problem = checkJumps(*s, filter, sort, rows);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
            }
        }
        QCOMPARE(s->jumpStats().offsets, 0);
        QVERIFY(s->jumpStats().seeks > 0);
    }

    // The console readies deep jumps behind its first page: the hour index is built then, and a
    // jump afterwards only reads it.
    void prepareJumpsBuildsTheHourIndex()
    {
        auto s = openRw(u"jumps-prepared.db"_s);
        QVERIFY(s);
        QVERIFY(writeMinutes(*s, 0, 5000));
        QCOMPARE(s->jumpStats().indexBuilds, 0);

        QVERIFY(s->prepareJumps({}, AlertSort::TimeDesc));
        QCOMPARE(s->jumpStats().indexBuilds, 1);
        const qint64 seeks = s->jumpStats().seeks;
        const QList<qint64> rows = keysetOrder(*s, {}, AlertSort::TimeDesc);
        const Result<AlertPage> deep = s->alertsAt({}, AlertSort::TimeDesc, 4000, 10);
        QVERIFY(deep);
        QCOMPARE(deep->alerts.first().id.value, rows.at(4000));
        QCOMPARE(s->jumpStats().indexBuilds, 1);
        QCOMPARE(s->jumpStats().seeks, seeks + 1);
        QCOMPARE(s->jumpStats().offsets, 0);

        // More alerts: readying again only reads the newest hours.
        QVERIFY(writeMinutes(*s, 5000, 5100));
        QVERIFY(s->prepareJumps({}, AlertSort::TimeDesc));
        QCOMPARE(s->jumpStats().indexBuilds, 1);
        QCOMPARE(s->jumpStats().indexUpdates, 1);

        // A filter the roll-up cannot answer (by rule) has nothing to ready.
        AlertFilter byRule;
        byRule.rule = u"rule.1"_s;
        QVERIFY(s->prepareJumps(byRule, AlertSort::TimeDesc));
        QCOMPARE(s->jumpStats().indexBuilds, 1);
        // Nor does it count that filter's rows: counting waits for a jump that deep.
        QCOMPARE(s->jumpStats().countBuilds, 0);
    }

    // The filters the roll-up has not (a search, a rule, a time range) count their rows per
    // minute once a jump goes past what the search's window reaches (32,768 rows), newest
    // first and as deep as the jump; from then on every jump of that filter within the counted
    // rows seeks, in both time orders. The rows must be exactly OFFSET's: ids out of time
    // order, ties in time, a word of two tokens, new alerts in any minute, a prune.
    void deepJumpsCountByMinute()
    {
        auto s = openRw(u"jumps-counted.db"_s);
        QVERIFY(s);
        constexpr int kAlerts = 48'000;
        constexpr qint64 kCountFrom = 32'768; // kCountFromOffset in sqlitestore.cpp
        const TimestampMs base = makeAlert(0).ts;
        // Alert i lands at 20 s steps in a shuffled order, two alerts at each time.
        const auto at = [&](int slot) { return base + qint64(slot / 2) * 20'000; };
        for (int from = 0; from < kAlerts; from += 8'000) {
            IngestBatch b;
            b.feed = u"a"_s;
            for (int i = from; i < from + 8'000; ++i) {
                Alert a = makeAlert(i, Core::severityFromInt(i % 5));
                a.ts = at(int((qint64(i) * 7919) % kAlerts));
                a.received = a.ts;
                a.fingerprint = Core::fingerprintOf(u"counted", QByteArray::number(i));
                a.fingerprintCoversTime = true;
                a.message = i % 4 ? u"payment gateway declined"_s : u"gateway mobile payment"_s;
                a.rule = i % 4 ? u"rule.0"_s : u"rule.1"_s;
                a.feed = i % 4 == 3 ? u"b"_s : u"a"_s;
                b.alerts << a;
            }
            const BatchResult r = s->writeBatch(b);
            QVERIFY2(r.ok, qPrintable(r.error));
        }
        AlertFilter word;
        word.search = u"number"_s; // every alert
        AlertFilter wordLow = word;
        wordLow.minSeverity = Severity::Low;
        AlertFilter wordFeed = word;
        wordFeed.feed = u"a"_s;
        AlertFilter phrase;
        phrase.search = u"payment gateway"_s; // as two words: every alert; in order: 3 of 4
        AlertFilter rule;
        rule.rule = u"rule.0"_s;
        AlertFilter range = word;
        range.since = at(4'000);
        range.until = at(44'001);
        const QList<std::pair<const char *, AlertFilter>> filters { { "word", word },
            { "word-low", wordLow }, { "word-feed", wordFeed }, { "phrase", phrase },
            { "rule", rule }, { "range", range } };
        for (const auto &[name, filter] : filters) {
            const qint64 builds = s->jumpStats().countBuilds;
            for (const AlertSort sort : { AlertSort::TimeDesc, AlertSort::TimeAsc }) {
                const QList<qint64> expected = wholeOrder(*s, filter, sort);
                QVERIFY2(expected.size() > kCountFrom + 150, name);
                QCOMPARE(s->countAlerts(filter).value(), expected.size());
                const qint64 seeks = s->jumpStats().seeks;
                QString problem = checkJumps(*s, filter, sort, expected);
                QVERIFY2(problem.isEmpty(),
                    qPrintable(u"%1: %2"_s.arg(QLatin1StringView(name), problem)));
                // Again: now every jump from 2,000 rows deep seeks (six of the nine).
                const qint64 seeksBefore = s->jumpStats().seeks;
                problem = checkJumps(*s, filter, sort, expected);
                QVERIFY2(problem.isEmpty(),
                    qPrintable(u"%1: %2"_s.arg(QLatin1StringView(name), problem)));
                QVERIFY2(s->jumpStats().seeks - seeksBefore == 6, name);
                QVERIFY2(s->jumpStats().seeks > seeks, name);
            }
            // Counted once for both orders.
            QVERIFY2(s->jumpStats().countBuilds == builds + 1, name);
        }
        QCOMPARE(s->jumpStats().indexBuilds, 0);

        // A rare word is read whole and sorted: nothing to count, however deep the jump.
        AlertFilter rare;
        rare.search = u"4711"_s;
        QVERIFY(s->alertsAt(rare, AlertSort::TimeDesc, 40'000, 100).value().alerts.isEmpty());
        QCOMPARE(s->jumpStats().countBuilds, qint64(filters.size()));

        // Newest first, only as deep as the jumps went: 40,001 of 48,000 rows; less deep is
        // then a seek, with no count.
        QVERIFY(s->alertsAt(word, AlertSort::TimeDesc, 40'000, 1));
        const qint64 walks = s->jumpStats().countWalks;
        const qint64 seeks = s->jumpStats().seeks;
        QVERIFY(s->alertsAt(word, AlertSort::TimeDesc, 20'000, 1));
        QCOMPARE(s->jumpStats().countWalks, walks);
        QCOMPARE(s->jumpStats().seeks, seeks + 1);

        // New alerts in the newest minutes, one backdated into the counted minutes and one
        // below them: only they are read, and the one below is left for the walk down.
        const SqliteStore::JumpStats before = s->jumpStats();
        IngestBatch more;
        more.feed = u"a"_s;
        for (int i = 0; i < 300; ++i) {
            Alert a = makeAlert(kAlerts + i, Core::severityFromInt(i % 5));
            a.ts = at(kAlerts + i);
            a.fingerprint = Core::fingerprintOf(u"counted-live", QByteArray::number(i));
            more.alerts << a;
        }
        more.alerts[0].ts = at(1'001);
        more.alerts[1].ts = at(40'001);
        QVERIFY(s->writeBatch(more).ok);
        for (const AlertSort sort : { AlertSort::TimeDesc, AlertSort::TimeAsc }) {
            const QString problem = checkJumps(*s, word, sort, wholeOrder(*s, word, sort));
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        QCOMPARE(s->jumpStats().countBuilds, before.countBuilds);
        QCOMPARE(s->jumpStats().countUpdates, before.countUpdates + 1);
        QVERIFY(s->jumpStats().countWalks > before.countWalks);

        // A prune (ids out of time order: it removes alerts from every minute) counts again.
        RetentionPolicy keep;
        keep.maxAlerts = 40'000;
        QVERIFY(s->prune(keep, Core::nowMs()));
        for (const AlertSort sort : { AlertSort::TimeDesc, AlertSort::TimeAsc }) {
            const QList<qint64> rows = wholeOrder(*s, word, sort);
            QCOMPARE(rows.size(), 40'000);
            const QString problem = checkJumps(*s, word, sort, rows);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        QCOMPARE(s->jumpStats().countBuilds, before.countBuilds + 1);
    }

    void filters_data()
    {
        QTest::addColumn<AlertFilter>("filter");
        QTest::addColumn<qint64>("expected");
        const qint64 t0 = 1'767'225'600'000LL;
        QTest::addRow("all") << AlertFilter {} << 100LL;
        AlertFilter f;
        f.minSeverity = Severity::High; // i % 5 in {3, 4}
        QTest::addRow("min-high") << f << 40LL;
        f = {};
        f.categories = { u"malware"_s };
        QTest::addRow("malware") << f << 30LL;
        f = {};
        f.since = t0 + 10 * 60'000;
        f.until = t0 + 20 * 60'000;
        QTest::addRow("time-window") << f << 10LL;
        f = {};
        f.rule = u"rule.0"_s;
        QTest::addRow("rule") << f << 34LL;
        f = {};
        f.search = u"gateway"_s;
        QTest::addRow("fts-word") << f << 50LL;
        f.search = u"odd gateway"_s;
        QTest::addRow("fts-and") << f << 50LL;
        f.search = u"gate*"_s;
        QTest::addRow("fts-prefix") << f << 50LL;
        f.search = u"host-3"_s;
        QTest::addRow("fts-entity") << f << 25LL;
        f.search = u"\"unbalanced AND ( OR"_s;
        QTest::addRow("fts-hostile-syntax") << f << 0LL;
        f.search = u"!!!"_s;
        QTest::addRow("fts-punctuation-only") << f << 0LL;
        f = {};
        f.search = u"payment"_s;
        f.minSeverity = Severity::Critical;
        QTest::addRow("fts-and-severity") << f << 10LL;
    }

    void filters()
    {
        QFETCH(AlertFilter, filter);
        QFETCH(qint64, expected);
        if (!m_filters) {
            m_filters = filled(u"filters.db"_s);
        }
        SqliteStore *s = m_filters.get();
        QVERIFY(s);
        const auto n = s->countAlerts(filter);
        QVERIFY2(n, qPrintable(n.error()));
        QCOMPARE(*n, expected);
        const auto page = s->alerts(filter, AlertSort::TimeDesc, 1000, std::nullopt);
        QVERIFY(page);
        QCOMPARE(page->alerts.size(), expected);
    }

    void quarantineKeepsReasonAndBytes()
    {
        auto s = openRw(u"quarantine.db"_s);
        IngestBatch b;
        b.feed = u"ids"_s;
        b.quarantined << Quarantined { u"ids"_s, u"eve"_s, u"invalid JSON: x"_s,
            QByteArray("\xff\x00garbage", 9), 123 };
        b.skipped = 4;
        QVERIFY(s->writeBatch(b).ok);
        const auto q = s->quarantine(0).value();
        QCOMPARE(q.size(), 1);
        QCOMPARE(q[0].record.reason, u"invalid JSON: x"_s);
        QCOMPARE(q[0].record.raw, QByteArray("\xff\x00garbage", 9));
        QCOMPARE(q[0].record.feed, u"ids"_s);
        const auto st = s->stats().value();
        QCOMPARE(st.quarantined, 1);
        QCOMPARE(s->feeds().value().at(0).skipped, 4);
    }

    // A writer that closes while a reader is still open merges and empties the write-ahead log
    // itself: SQLite does that only at the last connection's close, a read-only close cannot,
    // and the next open would read the whole log to index it.
    void writerClosesBesideAReaderWithAnEmptyLog()
    {
        const QString name = u"close-beside-reader.db"_s;
        auto writer = filled(name);
        QVERIFY(writer);
        SqliteStore reader(path(name));
        QVERIFY(reader.open(AlertStore::Mode::ReadOnly));
        QCOMPARE(reader.countAlerts({}).value(), 100);
        const QFileInfo wal(path(name) + u"-wal"_s);
        QVERIFY(wal.exists());
        QCOMPARE_GT(wal.size(), 0);
        writer.reset();
        QCOMPARE(QFileInfo(wal.filePath()).size(), 0);
        QCOMPARE(reader.countAlerts({}).value(), 100); // the rows are in the database file now
    }

    // The quarantine pages by key: each page starts below the last id of the one before, and
    // the pages together are the whole list, newest first.
    void quarantinePagesByKey()
    {
        auto s = openRw(u"quarantine-pages.db"_s);
        QVERIFY(s);
        IngestBatch b;
        b.feed = u"ids"_s;
        for (int i = 0; i < 25; ++i) {
            b.quarantined << Quarantined { u"ids"_s, u"eve"_s, u"invalid JSON"_s,
                QByteArray::number(i), 100 + i };
        }
        QVERIFY(s->writeBatch(b).ok);
        const QList<QuarantineEntry> all = s->quarantine(0).value();
        QCOMPARE(all.size(), 25);
        QList<qint64> paged;
        qint64 before = 0;
        for (int guard = 0; guard < 10; ++guard) {
            const QList<QuarantineEntry> page = s->quarantinePage(10, before).value();
            for (const QuarantineEntry &e : page) {
                paged << e.id;
            }
            if (page.size() < 10) {
                break;
            }
            before = page.last().id;
        }
        QList<qint64> expected;
        for (const QuarantineEntry &e : all) {
            expected << e.id;
        }
        QCOMPARE(paged, expected);
        QVERIFY(std::is_sorted(expected.rbegin(), expected.rend()));
        QCOMPARE(all.first().record.raw, QByteArray("24"));
    }

    void cursorCommitsWithBatch()
    {
        auto s = openRw(u"cursor.db"_s);
        IngestBatch b;
        b.feed = u"file-a"_s;
        b.alerts << makeAlert(1);
        b.cursor = QByteArray("offset=100");
        QVERIFY(s->writeBatch(b).ok);
        IngestBatch c;
        c.feed = u"file-a"_s; // no cursor: keeps the last one
        c.alerts << makeAlert(2);
        QVERIFY(s->writeBatch(c).ok);
        QCOMPARE(s->feeds().value().at(0).cursor, QByteArray("offset=100"));
        QVERIFY(s->setFeedState(u"file-a"_s, u"file"_s, FeedState::Degraded, u"disk"_s));
        const FeedStatus f = s->feeds().value().at(0);
        QCOMPARE(f.state, FeedState::Degraded);
        QCOMPARE(f.lastError, u"disk"_s);
        QCOMPARE(f.accepted, 2);
    }

    // A feed with two batches in flight: the second names the cursor the first commits; if the
    // first failed, the second is refused instead of skipping the first one's records.
    void expectedCursorGuardsPipelinedBatches()
    {
        auto s = openRw(u"pipeline.db"_s);
        IngestBatch first;
        first.feed = u"tail"_s;
        first.alerts << makeAlert(1);
        first.cursor = QByteArray("offset=100");
        QVERIFY(s->writeBatch(first).ok);

        IngestBatch second;
        second.feed = u"tail"_s;
        second.alerts << makeAlert(2);
        second.cursor = QByteArray("offset=200");
        second.expectedCursor = QByteArray("offset=150"); // a batch that never committed
        const BatchResult refused = s->writeBatch(second);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.error.contains(u"was not stored"_s), qPrintable(refused.error));
        QCOMPARE(s->countAlerts({}).value(), 1);
        QCOMPARE(s->feeds().value().first().cursor, QByteArray("offset=100"));

        second.expectedCursor = QByteArray("offset=100");
        QVERIFY(s->writeBatch(second).ok);
        QCOMPARE(s->countAlerts({}).value(), 2);
        QCOMPARE(s->feeds().value().first().cursor, QByteArray("offset=200"));
    }

    void chainStatusKeepsLatest()
    {
        auto s = openRw(u"chain.db"_s);
        ChainObservation o;
        o.chain = u"fincons"_s;
        o.node = u"n1"_s;
        o.height = 10;
        o.headHash = u"0xaa"_s;
        o.observed = 2000;
        IngestBatch b;
        b.chain << o;
        o.height = 9; // an older observation arriving late does not win
        o.observed = 1000;
        b.chain << o;
        QVERIFY(s->writeBatch(b).ok);
        const auto nodes = s->chainStatus().value();
        QCOMPARE(nodes.size(), 1);
        QCOMPARE(nodes[0].height, 10);
        QCOMPARE(nodes[0].peers, -1);
    }

    void statsShape()
    {
        auto s = filled(u"stats.db"_s);
        const StoreStats st = s->stats().value();
        QCOMPARE(st.alerts, 100);
        QCOMPARE(st.bySeverity.size(), 5);
        QCOMPARE(st.bySeverity.value(u"critical"_s), 20);
        QCOMPARE(st.byCategory.size(), Core::kCategoryCount);
        QCOMPARE(st.byCategory.value(u"malware"_s), 30);
        // Medium and above are grouped into incidents by the built-in policy; all still open.
        QVERIFY(st.incidents.value(u"open"_s) > 0);
        QCOMPARE(st.incidents.value(u"open"_s), s->countIncidents({}).value());
        QCOMPARE(st.incidents.value(u"new"_s), st.incidents.value(u"open"_s));
        QCOMPARE(st.newest - st.oldest, 99 * 60'000LL);
    }

    // The dashboard's roll-ups agree with the raw alerts.
    void dashboardFromRollups()
    {
        auto s = filled(u"dash.db"_s);
        const qint64 t0 = 1'767'225'600'000LL;
        const auto d = s->dashboard(t0, t0 + 100 * 60'000, 15 * 60'000, 3);
        QVERIFY2(d, qPrintable(d.error()));
        QCOMPARE(d->total, 100);
        QCOMPARE(d->series.size(), 7); // 100 minutes in 15-minute buckets
        qint64 sum = 0;
        for (const SeverityBucket &b : d->series) {
            for (qint64 n : b.counts) {
                sum += n;
            }
        }
        QCOMPARE(sum, 100);
        QCOMPARE(d->series[0].counts[4], 3); // minutes 4, 9, 14 are critical
        QCOMPARE(d->byCategory.value(u"fraud"_s), 70);
        QCOMPARE(d->topEntities.size(), 3);
        QVERIFY(d->topEntities[0].risk >= d->topEntities[1].risk);
        QVERIFY(d->risk > 0 && d->risk <= 100);
        QVERIFY(!d->riskSeries.isEmpty());
    }

    // Counts by severity and category come from running totals (schema v8); they must equal a
    // count of the alerts after new alerts, duplicates and a prune.
    void totalsFollowIngestDuplicatesAndPrune()
    {
        auto s = filled(u"totals.db"_s);
        QVERIFY(s);
        auto counted = [&] {
            QMap<QString, qint64> out;
            QSqlQuery q(s->database());
            q.exec(u"SELECT severity, category, count(*) FROM alerts GROUP BY 1, 2"_s);
            while (q.next()) {
                out[u"%1/%2"_s.arg(q.value(0).toInt()).arg(q.value(1).toString())]
                    = q.value(2).toLongLong();
            }
            return out;
        };
        auto totals = [&] {
            QMap<QString, qint64> out;
            QSqlQuery q(s->database());
            q.exec(u"SELECT severity, category, n FROM alert_totals WHERE n <> 0"_s);
            while (q.next()) {
                out[u"%1/%2"_s.arg(q.value(0).toInt()).arg(q.value(1).toString())]
                    = q.value(2).toLongLong();
            }
            return out;
        };
        QCOMPARE(totals(), counted());
        IngestBatch again;
        again.feed = u"test"_s;
        for (int i = 50; i < 150; ++i) { // 50 duplicates, 50 new
            again.alerts << makeAlert(i, Core::severityFromInt(i % 5), Core::Category::Fraud);
        }
        const BatchResult r = s->writeBatch(again);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.accepted, 50);
        QCOMPARE(totals(), counted());
        QCOMPARE(s->stats().value().alerts, 150);
        RetentionPolicy keep40;
        keep40.maxAlerts = 40;
        const auto before = totals();
        const auto pruned = s->prune(keep40, Core::nowMs());
        QVERIFY2(pruned, qPrintable(pruned.error()));
        QCOMPARE(pruned->alerts, 110);
        QCOMPARE(totals(), counted());
        QCOMPARE(hourTotalsMismatch(*s), QString()); // both keep what a prune removed
        // The pruned range spans every severity of both categories: each key lost its own count.
        const auto after = totals();
        int changedKeys = 0;
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            changedKeys += after.value(it.key()) != it.value() ? 1 : 0;
        }
        QCOMPARE(changedKeys, 10);
        const StoreStats st = s->stats().value();
        QCOMPARE(st.alerts, 40);
        // Counts the Alerts view asks for with severity and category only use the totals too.
        AlertFilter high;
        high.minSeverity = Severity::High;
        high.categories = QStringList { u"fraud"_s, u"malware"_s };
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"SELECT count(*) FROM alerts WHERE severity >= 3"_s) && q.next());
        QCOMPARE(s->countAlerts(high).value(), q.value(0).toLongLong());
        QCOMPARE(s->countAlerts({}).value(), 40);
        QCOMPARE(st.bySeverity.value(u"critical"_s), counted().value(u"4/fraud"_s));
    }

    // Whole-hour buckets read the hourly roll-ups up to the last full hour and minutes after it;
    // the result equals the minute roll-ups' and the raw alerts' counts.
    void dashboardHourlyMatchesMinutes()
    {
        auto s = openRw(u"hourly.db"_s);
        IngestBatch b;
        b.feed = u"test"_s;
        for (int i = 0; i < 400; ++i) { // one a minute from 00:00: 6 h 40 min
            b.alerts << makeAlert(i, Core::severityFromInt(i % 5));
        }
        QVERIFY(s->writeBatch(b).ok);
        const qint64 t0 = 1'767'225'600'000LL;
        const qint64 to = t0 + 385 * 60'000; // 6 h 25 min: a partial last hour
        const auto hourly = s->dashboard(t0, to, 3'600'000, 3);
        const auto minutes = s->dashboard(t0, to, 60 * 60'000 - 60'000 + 60'000, 3);
        QVERIFY(hourly && minutes);
        QCOMPARE(hourly->total, 385);
        QCOMPARE(hourly->series.size(), 7);
        QCOMPARE(hourly->series.last().counts[0] + hourly->series.last().counts[1]
                + hourly->series.last().counts[2] + hourly->series.last().counts[3]
                + hourly->series.last().counts[4],
            25);
        // The same range in 5-minute buckets goes through the minute roll-ups only.
        const auto fine = s->dashboard(t0, to, 5 * 60'000, 3);
        QVERIFY(fine);
        QCOMPARE(fine->total, hourly->total);
        QCOMPARE(fine->byCategory, hourly->byCategory);
        for (int h = 0; h < 7; ++h) {
            for (int sev = 0; sev < 5; ++sev) {
                qint64 n = 0;
                for (int k = h * 12; k < std::min<int>((h + 1) * 12, fine->series.size()); ++k) {
                    n += fine->series[k].counts[size_t(sev)];
                }
                QCOMPARE(hourly->series[h].counts[size_t(sev)], n);
            }
        }
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"SELECT sum(n) FROM rollup_hour"_s) && q.next());
        QCOMPARE(q.value(0).toLongLong(), 400);
    }

    // A rare word is read from the full-text index first and sorted; a common one walks the
    // time index. Both give the newest matches in order.
    void rareAndCommonSearches()
    {
        auto s = openRw(u"search.db"_s);
        IngestBatch b;
        b.feed = u"test"_s;
        for (int i = 0; i < 10'200; ++i) {
            Alert a = makeAlert(i);
            a.message = i % 3400 == 7 ? u"zebrafish transfer"_s : u"common transfer"_s;
            b.alerts << a;
        }
        const BatchResult r = s->writeBatch(b);
        QVERIFY2(r.ok, qPrintable(r.error));
        AlertFilter rare;
        rare.search = u"zebrafish"_s;
        const auto page = s->alerts(rare, AlertSort::TimeDesc, 100, std::nullopt);
        QVERIFY2(page, qPrintable(page.error()));
        QCOMPARE(page->alerts.size(), 3);
        QCOMPARE(page->alerts[0].title, u"Alert number 6807"_s);
        QCOMPARE(page->alerts[2].title, u"Alert number 7"_s);
        const QString rarePlan = s->explainAlerts(rare, AlertSort::TimeDesc).value().join(u'\n');
        QVERIFY2(rarePlan.contains(u"SCAN alerts_fts VIRTUAL TABLE"_s), qPrintable(rarePlan));
        QVERIFY2(rarePlan.contains(u"INTEGER PRIMARY KEY"_s), qPrintable(rarePlan));

        AlertFilter common;
        common.search = u"transfer"_s;
        const auto newest = s->alerts(common, AlertSort::TimeDesc, 100, std::nullopt);
        QVERIFY(newest);
        QCOMPARE(newest->alerts.size(), 100);
        QCOMPARE(newest->alerts[0].title, u"Alert number 10199"_s);
        QCOMPARE(newest->alerts[99].title, u"Alert number 10100"_s);
        QVERIFY(newest->next);
        const auto second = s->alerts(common, AlertSort::TimeDesc, 100, newest->next);
        QVERIFY(second);
        QCOMPARE(second->alerts[0].title, u"Alert number 10099"_s);
        const QString commonPlan
            = s->explainAlerts(common, AlertSort::TimeDesc).value().join(u'\n');
        QVERIFY2(commonPlan.contains(u"alerts_ts"_s), qPrintable(commonPlan));
        QVERIFY2(!commonPlan.contains(u"TEMP B-TREE"_s), qPrintable(commonPlan));
    }

    // A search with many matches looks for its page among the rows beside it first. Whether
    // it finds it there or not, the page is the one the whole match set gives: in both
    // directions, with a filter, across keyset pages, at an offset, for a word of several
    // tokens, and with ids that do not follow the alerts' times.
    void searchPagesFromTheirWindow()
    {
        auto s = openRw(u"window.db"_s);
        QVERIFY(s);
        constexpr int n = 15'000;
        struct Row
        {
            qint64 ts = 0;
            qint64 id = 0;
            int severity = 0;
            QString message;
        };
        QList<Row> rows;
        IngestBatch b;
        b.feed = u"test"_s;
        for (int i = 0; i < n; ++i) {
            Alert a = makeAlert(i, Core::severityFromInt(i % 5));
            // Times in another order than the ids: stored alert i + 1 may be older than i.
            a.ts = 1'767'225'600'000LL + qint64((i * 7'919) % n) * 60'000;
            a.received = a.ts;
            // "common": every alert but each 10th. "early": only the 10,050 oldest, so the
            // 4,950 newest hold none. "acct-3" in every other alert, "3 acct" in the rest: all
            // hold the tokens.
            const qint64 minute = (i * 7'919) % n;
            a.message = (i % 10 ? u"common "_s : u"other "_s)
                + (minute < 10'050 ? u"early "_s : QString())
                + (i % 2 == 0 ? u"acct-3"_s : u"3 acct"_s);
            b.alerts << a;
            rows.append({ a.ts, i + 1, i % 5, a.message });
        }
        const BatchResult r = s->writeBatch(b);
        QVERIFY2(r.ok && r.accepted == n, qPrintable(r.error));

        const auto expected = [&](const std::function<bool(const Row &)> &keep, bool desc) {
            QList<qint64> ids;
            QList<Row> kept;
            for (const Row &row : rows) {
                if (keep(row)) {
                    kept.append(row);
                }
            }
            std::sort(kept.begin(), kept.end(), [desc](const Row &x, const Row &y) {
                return desc ? std::tie(x.ts, x.id) > std::tie(y.ts, y.id)
                            : std::tie(x.ts, x.id) < std::tie(y.ts, y.id);
            });
            for (const Row &row : kept) {
                ids << row.id;
            }
            return ids;
        };
        // Three keyset pages of 100, then the 100 rows from position 1,000 (alertsAt).
        const auto pages = [&](const AlertFilter &f, AlertSort sort) {
            QList<qint64> ids;
            std::optional<PageKey> after;
            for (int page = 0; page < 3; ++page) {
                const auto p = s->alerts(f, sort, 100, after);
                if (!p) {
                    qWarning() << p.error();
                    return QList<qint64>();
                }
                for (const Alert &a : p->alerts) {
                    ids << a.id.value;
                }
                after = p->next;
            }
            const auto at = s->alertsAt(f, sort, 1'000, 100);
            for (const Alert &a : at.value().alerts) {
                ids << a.id.value;
            }
            return ids;
        };
        const auto firstPages
            = [](const QList<qint64> &all) { return all.mid(0, 300) + all.mid(1'000, 100); };
        const auto check = [&](const QString &search, std::optional<Severity> minSeverity,
                               const std::function<bool(const Row &)> &keep,
                               std::optional<qint64> found, qint64 tried) {
            AlertFilter f;
            f.search = search;
            f.minSeverity = minSeverity;
            const auto keepAll = [&](const Row &row) {
                return keep(row) && (!minSeverity || row.severity >= int(*minSeverity));
            };
            const SqliteStore::SearchWindows before = s->searchWindows();
            for (const AlertSort sort : { AlertSort::TimeDesc, AlertSort::TimeAsc }) {
                const QList<qint64> want
                    = firstPages(expected(keepAll, sort == AlertSort::TimeDesc));
                QCOMPARE(pages(f, sort), want);
            }
            QCOMPARE(s->countAlerts(f).value(), expected(keepAll, true).size());
            const qint64 windows = s->searchWindows().found - before.found
                + s->searchWindows().missed - before.missed;
            QCOMPARE(windows, tried);
            if (found) {
                QCOMPARE(s->searchWindows().found - before.found, *found);
            }
        };
        const auto has = [](const QString &word) {
            return [word](const Row &row) { return row.message.split(u' ').contains(word); };
        };
        // 13,500 matches, dense everywhere: every page from its window (4 pages, 2 ways).
        check(u"common"_s, std::nullopt, has(u"common"_s), 8, 8);
        {
            // The last page: the window (108,400 rows) holds the 15,000 there are, so its 50
            // matches are the page, and there is no next one.
            AlertFilter f;
            f.search = u"common"_s;
            const SqliteStore::SearchWindows before = s->searchWindows();
            const auto last = s->alertsAt(f, AlertSort::TimeDesc, 13'450, 100);
            QCOMPARE(last.value().alerts.size(), 50);
            QCOMPARE(last.value().alerts.constLast().id.value,
                expected(has(u"common"_s), true).constLast());
            QVERIFY(!last.value().next);
            QCOMPARE(s->searchWindows().found, before.found + 1);
            // A page deeper than the largest window (262,144 rows) is not looked for in one.
            QVERIFY(s->alertsAt(f, AlertSort::TimeDesc, 33'000, 100).value().alerts.isEmpty());
            QCOMPARE(s->searchWindows().found, before.found + 1);
            QCOMPARE(s->searchWindows().missed, before.missed);
        }
        // 10,050 matches, none among the 4,950 newest. Newest first, the first window (4,096
        // rows) holds none, so the first page is taken from the whole match set. The pages
        // after it, and the 100 from row 1,000 (a window of 8,800), are in their windows;
        // oldest first, all are.
        check(u"early"_s, std::nullopt, has(u"early"_s), 7, 8);
        // With a filter the window is of the filtered rows; the probe counted the word alone,
        // so a window is tried for every page.
        check(u"common"_s, Severity::High, has(u"common"_s), std::nullopt, 8);
        check(u"early"_s, Severity::High, has(u"early"_s), std::nullopt, 8);
        // A word of several tokens: only their order counts ("acct-3", not "3 acct"). All
        // 15,000 alerts hold the tokens, 7,500 the word.
        check(
            u"acct-3"_s, std::nullopt,
            [](const Row &row) { return row.message.endsWith(u"acct-3"_s); }, 8, 8);
        // 1,500 matches: read from the index and sorted, no window.
        check(u"other"_s, std::nullopt, has(u"other"_s), 0, 0);
        // After a prune the full-text index lost the same alerts: the counts from it alone
        // and the pages still agree with what is stored.
        RetentionPolicy keep;
        keep.maxAlerts = 3'000; // the 12,000 first stored go
        QVERIFY(s->prune(keep, Core::nowMs()));
        rows.remove(0, n - 3'000);
        QCOMPARE(s->countAlerts({}).value(), 3'000);
        check(u"common"_s, std::nullopt, has(u"common"_s), 0, 0); // 2,700 matches now
        check(
            u"acct-3"_s, std::nullopt,
            [](const Row &row) { return row.message.endsWith(u"acct-3"_s); }, 0, 0);
    }

    // The indexes are the ones the views' queries need: EXPLAIN QUERY PLAN names them, and no
    // list query sorts in a temporary B-tree or scans the alerts table.
    void queryPlansUseIndexes_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("index");
        QTest::newRow("newest first") << int(AlertSort::TimeDesc) << QString() << u"alerts_ts"_s;
        QTest::newRow("oldest first") << int(AlertSort::TimeAsc) << QString() << u"alerts_ts"_s;
        QTest::newRow("by severity")
            << int(AlertSort::SeverityDesc) << QString() << u"alerts_sev_ts"_s;
        QTest::newRow("critical only")
            << int(AlertSort::SeverityDesc) << u"critical"_s << u"alerts_sev_ts"_s;
        QTest::newRow("one rule") << int(AlertSort::TimeDesc) << u"rule"_s << u"alerts_rule_ts"_s;
        QTest::newRow("one incident")
            << int(AlertSort::TimeDesc) << u"incident"_s << u"alerts_incident"_s;
    }
    // stats reads the time range of the alerts from the two ends of the time index, never by
    // scanning it (min and max in one SELECT did: 1 s at 6 M alerts).
    void timeRangeReadsTheIndexEnds()
    {
        auto s = filled(u"range.db"_s);
        QVERIFY(s);
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"EXPLAIN QUERY PLAN "_s + alertTimeRangeSql()));
        QStringList plan;
        while (q.next()) {
            plan << q.value(3).toString();
        }
        QCOMPARE(plan.filter(u"SEARCH alerts USING COVERING INDEX alerts_ts"_s).size(), 2);
        QVERIFY2(plan.filter(u"SCAN alerts"_s).isEmpty(), qPrintable(plan.join(u'\n')));
        const auto stats = s->stats();
        QVERIFY(stats.ok());
        QVERIFY(stats->oldest > 0 && stats->oldest <= stats->newest);
    }

    // The count per minute behind a deep jump in a search, by rule or in a time range walks an
    // index newest first, as a deep page does; bringing it up to date reads only the alerts
    // stored since, by id.
    void minuteCountsUseIndexes()
    {
        auto s = filled(u"minute-plans.db"_s);
        QVERIFY(s);
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"ANALYZE"_s));
        AlertFilter word;
        word.search = u"number"_s;
        AlertFilter wordHigh = word;
        wordHigh.minSeverity = Severity::High;
        AlertFilter rule;
        rule.rule = u"rule.1"_s;
        AlertFilter range = word;
        range.since = makeAlert(10).ts;
        range.until = makeAlert(90).ts;
        // Newest first, in an index in time order, never a sort of every row; with a severity
        // its own index, whole (the time index would read every alert's row for its severity).
        const QList<std::pair<AlertFilter, QString>> cases { { word, u"alerts_ts"_s },
            { wordHigh, u"alerts_sev_ts"_s }, { rule, u"alerts_rule_ts"_s },
            { range, u"alerts_ts"_s } };
        for (const auto &[filter, index] : cases) {
            const auto all = s->explainMinuteCount(filter);
            QVERIFY2(all, qPrintable(all.error()));
            const QString text = all->join(u'\n');
            QVERIFY2(text.contains(u"INDEX "_s + index), qPrintable(text));
            QVERIFY2(!all->contains(u"SCAN alerts"_s), qPrintable(text));
            QVERIFY2(!text.contains(u"TEMP B-TREE"_s), qPrintable(text));
            const auto since = s->explainMinuteCount(filter, 50);
            QVERIFY2(since, qPrintable(since.error()));
            const QString sinceText = since->join(u'\n');
            QVERIFY2(sinceText.contains(u"SEARCH alerts USING INTEGER PRIMARY KEY (rowid>?)"_s),
                qPrintable(sinceText));
            QVERIFY2(!sinceText.contains(u"INDEX alerts_"_s), qPrintable(sinceText));
        }
    }

    void queryPlansUseIndexes()
    {
        QFETCH(int, sort);
        QFETCH(QString, filter);
        QFETCH(QString, index);
        auto s = filled(
            u"plans-%1.db"_s.arg(QString::fromLatin1(QTest::currentDataTag())).replace(u' ', u'-'));
        QVERIFY(s);
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"ANALYZE"_s));
        AlertFilter f;
        if (filter == u"critical"_s) {
            f.minSeverity = Severity::Critical;
        } else if (filter == u"rule"_s) {
            f.rule = u"rule.1"_s;
        } else if (filter == u"incident"_s) {
            f.incident = Core::IncidentId { 1 };
        }
        for (const bool keyset : { false, true }) {
            const std::optional<PageKey> after = keyset
                ? std::optional<PageKey>(PageKey { 1'767'225'600'000LL + 50 * 60'000, 2, 50 })
                : std::nullopt;
            const auto plan = s->explainAlerts(f, AlertSort(sort), after);
            QVERIFY2(plan, qPrintable(plan.error()));
            const QString text = plan->join(u'\n');
            QVERIFY2(text.contains(index), qPrintable(text));
            QVERIFY2(!text.contains(u"TEMP B-TREE"_s), qPrintable(text));
            QVERIFY2(!text.contains(QRegularExpression(
                         u"SCAN alerts$"_s, QRegularExpression::MultilineOption)),
                qPrintable(text));
        }
    }

    // The Incidents view's page query reads its order from an index (schema v11, v12) instead of
    // sorting every incident in a temporary B-tree (0.87 s for 951,646 incidents). Open only
    // is the view's default filter. Every order has its index, and a page that starts after or
    // before a row (keyset) is a range of it: SEARCH, never a SCAN from the start.
    // Schema v13: the list indexes end with the columns every list filters on (merged_into,
    // and status for the Open and status filters), so that a jump by OFFSET tests them on the
    // index entry instead of reading each row it passes from the table (docs/store.md).
    void incidentListIndexesCoverTheirFilters()
    {
        auto s = filled(u"incident-index-columns.db"_s);
        QVERIFY(s);
        QSqlQuery q(s->database());
        for (const QString &index : { u"incidents_open_risk"_s, u"incidents_severity_risk"_s,
                 u"incidents_open_deadline"_s, u"incidents_last"_s }) {
            QVERIFY(
                q.exec(u"SELECT name FROM pragma_index_info('%1') ORDER BY seqno"_s.arg(index)));
            QStringList columns;
            while (q.next()) {
                columns << q.value(0).toString(); // empty for an expression
            }
            QVERIFY2(columns.size() >= 4
                    && columns.mid(columns.size() - 2)
                        == QStringList({ u"merged_into"_s, u"status"_s }),
                qPrintable(index + u": "_s + columns.join(u", "_s)));
        }
    }

    void incidentPlansUseIndexes_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("openOnly");
        QTest::addColumn<QString>("start"); // "" offset, "after", "before", "end"
        QTest::addColumn<QString>("index");
        const int risk = int(IncidentSort::RiskDesc);
        const int last = int(IncidentSort::LastSeenDesc);
        const int id = int(IncidentSort::IdDesc);
        QTest::newRow("by risk") << risk << false << QString() << u"incidents_open_risk"_s;
        QTest::newRow("open, by risk") << risk << true << QString() << u"incidents_open_risk"_s;
        QTest::newRow("by last seen") << last << false << QString() << u"incidents_last"_s;
        QTest::newRow("by risk, after a row")
            << risk << false << u"after"_s << u"incidents_open_risk (<expr>=? AND"_s;
        QTest::newRow("open, by risk, after a row")
            << risk << true << u"after"_s << u"incidents_open_risk (<expr>=? AND"_s;
        QTest::newRow("by risk, before a row")
            << risk << false << u"before"_s << u"incidents_open_risk (<expr>=? AND"_s;
        QTest::newRow("by risk, from the end")
            << risk << false << u"end"_s << u"incidents_open_risk"_s;
        QTest::newRow("by last seen, after a row")
            << last << false << u"after"_s << u"incidents_last (last_seen<"_s;
        QTest::newRow("by last seen, before a row")
            << last << false << u"before"_s << u"incidents_last (last_seen>"_s;
        QTest::newRow("by id, after a row")
            << id << false << u"after"_s << u"INTEGER PRIMARY KEY (rowid<"_s;
        // Schema v12.
        const int severity = int(IncidentSort::SeverityDesc);
        const int deadline = int(IncidentSort::DeadlineAsc);
        QTest::newRow("by severity")
            << severity << false << QString() << u"incidents_severity_risk"_s;
        QTest::newRow("by severity, after a row")
            << severity << false << u"after"_s
            << u"incidents_severity_risk ((severity,risk_rank)<"_s;
        QTest::newRow("by severity, before a row")
            << severity << false << u"before"_s
            << u"incidents_severity_risk ((severity,risk_rank)>"_s;
        QTest::newRow("by deadline")
            << deadline << false << QString() << u"incidents_open_deadline"_s;
        QTest::newRow("open, by deadline")
            << deadline << true << QString() << u"incidents_open_deadline"_s;
        QTest::newRow("by deadline, after a row")
            << deadline << false << u"after"_s
            << u"incidents_open_deadline (<expr>=? AND deadline>"_s;
        QTest::newRow("by deadline, before a row")
            << deadline << false << u"before"_s
            << u"incidents_open_deadline (<expr>=? AND deadline<"_s;
    }
    void incidentPlansUseIndexes()
    {
        QFETCH(int, sort);
        QFETCH(bool, openOnly);
        QFETCH(QString, start);
        QFETCH(QString, index);
        auto s = filled(u"incident-plans-%1.db"_s.arg(QString::fromLatin1(QTest::currentDataTag()))
                            .replace(u' ', u'-')
                            .remove(u','));
        QVERIFY(s);
        const qint64 total = s->countIncidents({}).value();
        QVERIFY(total > 2);
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"ANALYZE"_s));
        // One closed incident, so that a keyset crosses from open to closed rows. (This store's
        // incidents are all critical: closing one through the store awaits an approval.)
        QVERIFY(q.exec(u"UPDATE incidents SET status = 'false_positive'"
                       " WHERE id = (SELECT min(id) FROM incidents)"_s));
        IncidentFilter f;
        f.openOnly = openOnly;
        const auto rows = s->incidents(f, IncidentSort(sort), -1, 0, 0);
        QVERIFY(rows.ok());
        QVERIFY(rows->size() > 2);
        IncidentPageAt at;
        if (start == u"after"_s) {
            at.after = rows->at(1); // an open row: the keyset reads on into the closed ones
        } else if (start == u"before"_s) {
            at.before = rows->last(); // a closed row, when there is one
        } else if (start == u"end"_s) {
            at.offset = rows->size() - 1;
            at.total = rows->size();
        }
        const auto plan = s->explainIncidents(f, IncidentSort(sort), at);
        QVERIFY2(plan, qPrintable(plan.error()));
        const QString text = plan->join(u'\n');
        QVERIFY2(text.contains(index), qPrintable(text));
        QVERIFY2(!text.contains(u"TEMP B-TREE"_s), qPrintable(text));
        QVERIFY2(!text.contains(u"SCAN incidents\n"_s) && !text.endsWith(u"SCAN incidents"_s),
            qPrintable(text));
    }

    // A v9 store gets its hour totals and incident counts by status from what it holds, and
    // the triggers keep the counts from then on.
    void migrationTenFillsHourTotalsAndIncidentCounts()
    {
        {
            auto s = filled(u"v9.db"_s);
            QVERIFY(s);
            QSqlQuery q(s->database());
            QVERIFY(dropVersionTen(q));
            QVERIFY(q.exec(u"UPDATE meta SET value = '9' WHERE key = 'schema_version'"_s));
        }
        auto s = openRw(u"v9.db"_s);
        QVERIFY(s);
        QCOMPARE(s->schemaVersion(), sqliteSchemaVersion());
        QCOMPARE(hourTotalsMismatch(*s), QString());
        const StoreStats st = s->stats().value();
        QVERIFY(st.incidents.value(u"new"_s) > 0);
        QCOMPARE(st.incidents.value(u"open"_s), s->countIncidents({}).value());
        // New alerts after the migration: both still follow.
        IngestBatch more;
        more.feed = u"test"_s;
        for (int i = 200; i < 400; ++i) {
            more.alerts << makeAlert(i, Core::severityFromInt(i % 5), Core::Category::Intrusion);
        }
        QVERIFY(s->writeBatch(more).ok);
        QCOMPARE(hourTotalsMismatch(*s), QString());
        QCOMPARE(s->stats().value().incidents.value(u"open"_s), s->countIncidents({}).value());
        QVERIFY(s->countIncidents({}).value() > st.incidents.value(u"open"_s));
    }

    // A v7 store gets its hourly roll-ups and totals from what it already holds.
    void migrationEightFillsDerivedCounts()
    {
        {
            auto s = filled(u"v7.db"_s);
            QVERIFY(s);
            QSqlQuery q(s->database());
            QVERIFY(q.exec(u"DROP TABLE rollup_hour"_s));
            QVERIFY(q.exec(u"DROP TABLE alert_totals"_s));
            // Nor has it what later versions add (v9: running risk sums).
            QVERIFY(q.exec(u"DROP TABLE entity_risk"_s));
            QVERIFY(q.exec(u"DROP TABLE risk_total"_s));
            QVERIFY(q.exec(u"DROP INDEX incident_entities_entity"_s));
            QVERIFY(dropVersionTen(q));
            QVERIFY(q.exec(u"UPDATE meta SET value = '7' WHERE key = 'schema_version'"_s));
        }
        auto s = openRw(u"v7.db"_s);
        QVERIFY(s);
        QCOMPARE(s->schemaVersion(), sqliteSchemaVersion());
        const StoreStats st = s->stats().value();
        QCOMPARE(st.alerts, 100);
        QCOMPARE(st.byCategory.value(u"malware"_s), 30);
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"SELECT count(*), sum(n) FROM rollup_hour"_s) && q.next());
        QCOMPARE(q.value(1).toLongLong(), 100);
        QVERIFY(q.value(0).toLongLong() > 0);
    }

    // Version 15 rebuilds the full-text index without positions, from the stored alerts.
    void migrationFifteenDropsTokenPositions()
    {
        {
            auto s = filled(u"v14.db"_s);
            QVERIFY(s);
            QSqlQuery q(s->database());
            const QStringList back { u"DROP TABLE alerts_fts"_s,
                u"CREATE VIRTUAL TABLE alerts_fts USING fts5 ("
                " title, message, entity, rule, content='alerts', content_rowid='id',"
                " tokenize = 'unicode61 remove_diacritics 2')"_s,
                u"INSERT INTO alerts_fts (alerts_fts) VALUES ('rebuild')"_s,
                u"UPDATE meta SET value = '14' WHERE key = 'schema_version'"_s };
            for (const QString &statement : back) {
                QVERIFY2(q.exec(statement), qPrintable(statement + u": "_s + q.lastError().text()));
            }
        }
        auto s = openRw(u"v14.db"_s); // migrates
        QVERIFY(s);
        QCOMPARE(s->schemaVersion(), 15);
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"SELECT sql FROM sqlite_master WHERE name = 'alerts_fts'"_s) && q.next());
        QVERIFY(q.value(0).toString().contains(u"detail=column"_s));
        q.finish();
        QVERIFY2(
            q.exec(u"INSERT INTO alerts_fts (alerts_fts, rank) VALUES ('integrity-check', 1)"_s),
            qPrintable(q.lastError().text()));
        QVERIFY(q.exec(u"SELECT v FROM alerts_fts_config WHERE k = 'automerge'"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 16);
        q.finish();
        AlertFilter f;
        f.search = u"gateway"_s;
        QCOMPARE(s->countAlerts(f).value(), 50);
        f.search = u"host-3"_s;
        QCOMPARE(s->countAlerts(f).value(), 25);
        f.search = u"number 7*"_s; // 7 and 70–79
        QCOMPARE(s->countAlerts(f).value(), 11);
    }

    // The words of a search are split and folded by the index's own tokenizer.
    void ftsSearchSplitsLikeTheIndex()
    {
        const FtsSearch search = ftsSearch(u"a \"b\" c* \u00dcn\u00efcode-Word 192.0.2.1*"_s);
        QCOMPARE(
            search.match, u"\"a\" \"b\" \"c\"* \"unicode\" \"word\" \"192\" \"0\" \"2\" \"1\"*"_s);
        QCOMPARE(search.phrases, QStringList({ u"unicode word"_s, u"192 0 2 1*"_s }));
        QCOMPARE(ftsSearch(u"  ( ) "_s).match, QString());
        QVERIFY(ftsSearch(u"  ( ) "_s).phrases.isEmpty());
        QCOMPARE(ftsTokens(u"Caf\u00e9-BAR 10.0.0.1"_s),
            QList<QByteArray>({ "cafe", "bar", "10", "0", "0", "1" }));
    }

    // The index keeps no positions (schema v15): a word the tokenizer splits (an address, a
    // hyphenated name) matches only where its tokens stand in its order, in one column, as a
    // phrase did before; whichever plan the search takes.
    void searchWordsOfSeveralTokens()
    {
        auto s = openRw(u"tokens.db"_s);
        QVERIFY(s);
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"SELECT sql FROM sqlite_master WHERE name = 'alerts_fts'"_s) && q.next());
        QVERIFY2(
            q.value(0).toString().contains(u"detail=column"_s), qPrintable(q.value(0).toString()));
        q.finish();
        const QList<QPair<QString, QString>> rows {
            { u"Blocked"_s, u"blocked 192.0.2.10 on port 443"_s }, // 1
            { u"Blocked"_s, u"blocked 192.0.2.100"_s }, // 2
            { u"Connection"_s, u"from 10.2.0.192"_s }, // 3: the same tokens, another order
            { u"Login"_s, u"user ACCT-3 signed in"_s }, // 4
            { u"Caf\u00e9 Bar"_s, u"opened"_s }, // 5
            { u"Login"_s, u"acct 3 failed"_s }, // 6: the tokens of acct-3, in order
            { u"192.0"_s, u"2.10"_s }, // 7: in order, but across two columns
        };
        auto write = [&](const QList<QPair<QString, QString>> &texts, int first) {
            IngestBatch b;
            b.feed = u"test"_s;
            b.feedType = u"file"_s;
            for (qsizetype i = 0; i < texts.size(); ++i) {
                Alert a = makeAlert(first + int(i));
                a.title = texts[i].first;
                a.message = texts[i].second;
                a.entity = u"e"_s;
                a.rule = u"r"_s;
                b.alerts << a;
            }
            const BatchResult r = s->writeBatch(b);
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(r.accepted, texts.size());
        };
        write(rows, 0);
        auto found = [&](const QString &text) {
            AlertFilter f;
            f.search = text;
            QList<qint64> ids;
            const auto page = s->alerts(f, AlertSort::TimeAsc, 100, std::nullopt);
            if (!page) {
                qWarning() << page.error();
                return QList<qint64> { -1 };
            }
            for (const Alert &a : page->alerts) {
                ids << a.id.value;
            }
            if (s->countAlerts(f).value() != ids.size()) {
                return QList<qint64> { -2 };
            }
            return ids;
        };
        auto check = [&] {
            QCOMPARE(found(u"192.0.2.10"_s), QList<qint64>({ 1 }));
            QCOMPARE(found(u"192.0.2.10*"_s), QList<qint64>({ 1, 2 }));
            QCOMPARE(found(u"acct-3"_s), QList<qint64>({ 4, 6 }));
            QCOMPARE(found(u"CAFE-bar"_s), QList<qint64>({ 5 }));
            QCOMPARE(found(u"blocked 192.0.2.10"_s), QList<qint64>({ 1 }));
            QCOMPARE(found(u"192.0.2.10 acct-3"_s), QList<qint64>());
            QCOMPARE(found(u"192.0 2.10"_s), QList<qint64>({ 1, 7 }));
        };
        check();
        QCOMPARE(found(u"10.2.0.192"_s), QList<qint64>({ 3 }));
        // Enough rows with the tokens of 192.0.2.10 out of order that the time index drives.
        write(QList<QPair<QString, QString>>(10'050, { u"Connection"_s, u"from 10.2.0.192"_s }),
            int(rows.size()));
        AlertFilter f;
        f.search = u"192.0.2.10"_s;
        const QString plan = s->explainAlerts(f, AlertSort::TimeAsc).value().join(u'\n');
        QVERIFY2(plan.contains(u"alerts_ts"_s), qPrintable(plan));
        check();
    }
};

QTEST_GUILESS_MAIN(tst_SqliteStore)
#include "tst_sqlitestore.moc"
