// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema.h"

#include "ftstokens.h"
#include "merklelog.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

const QStringList &derivedCountStatements()
{
    static const QStringList statements {
        u"INSERT INTO rollup_hour (bucket, severity, category, feed, n)"
        " SELECT bucket - ((bucket % 3600000) + 3600000) % 3600000, severity, category, feed,"
        " sum(n) FROM rollup_minute GROUP BY 1, 2, 3, 4"_s,
        u"INSERT INTO alert_totals (severity, category, n)"
        " SELECT severity, category, count(*) FROM alerts GROUP BY 1, 2"_s,
        u"INSERT INTO rollup_hour_total (bucket, n)"
        " SELECT bucket, sum(n) FROM rollup_hour GROUP BY bucket"_s,
    };
    return statements;
}

QStringList openRiskStatements(const QString &real, const QString &integer)
{
    return {
        u"CREATE TABLE entity_risk ("
        " entity TEXT PRIMARY KEY,"
        " risk_sum %1 NOT NULL," // Σ the entity's open incident_entities sums, at risk_ref
        " risk_ref %2 NOT NULL," // the newest of their risk_ref
        " risk_rank %1 NOT NULL," // log2(risk_sum) + risk_ref / half-life: orders by risk
        " alerts %2 NOT NULL,"
        " incidents %2 NOT NULL," // open incident × entity rows
        " sev0 %2 NOT NULL, sev1 %2 NOT NULL, sev2 %2 NOT NULL, sev3 %2 NOT NULL,"
        " sev4 %2 NOT NULL)"_s.arg(real, integer), // of them, by incident severity_auto
        u"CREATE INDEX entity_risk_rank ON entity_risk (risk_rank DESC, entity)"_s,
        u"CREATE INDEX entity_risk_ref ON entity_risk (risk_ref)"_s,
        u"CREATE TABLE risk_total ("
        " id %2 PRIMARY KEY CHECK (id = 1),"
        " risk_sum %1 NOT NULL,"
        " risk_ref %2 NOT NULL,"
        " alerts %2 NOT NULL,"
        " incidents %2 NOT NULL,"
        " half_life %2 NOT NULL)"_s.arg(real, integer), // ms; 0: not filled yet
        u"INSERT INTO risk_total (id, risk_sum, risk_ref, alerts, incidents, half_life)"
        " VALUES (1, 0, 0, 0, 0, 0)"_s,
        u"CREATE INDEX incident_entities_entity ON incident_entities (entity)"_s,
    };
}

const QString &alertIdentityFillStatement()
{
    // EVE, Wazuh, Alertmanager and the demo always fingerprint the time with the record
    // (Alert::fingerprintCoversTime); the others may not, or not always.
    static const QString statement
        = u"INSERT OR IGNORE INTO alert_identities (fingerprint, alert)"
          " SELECT fingerprint, id FROM alerts"
          " WHERE source NOT IN ('eve', 'wazuh', 'alertmanager', 'demo') ORDER BY fingerprint"_s;
    return statement;
}

namespace {

// Schema v14: the alerts table again, without UNIQUE on the fingerprint, its rows, ids, indexes
// and full-text index as they were; duplicates are found by (ts, fingerprint) from now on, and
// by the fingerprint alone in alert_identities for the alerts whose fingerprint leaves the time
// out. A store that has the new table already (a test that rolled the version back) only gets
// what is missing.
QString dedupByTime(QSqlDatabase db)
{
    QSqlQuery q(db);
    auto failed = [&q] { return q.lastError().text(); };
    if (!q.exec(u"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'alerts'"_s)
        || !q.next()) {
        return u"no alerts table: "_s + failed();
    }
    QString table = q.value(0).toString();
    q.finish();
    QStringList statements {
        u"CREATE TABLE IF NOT EXISTS alert_identities ("
        " fingerprint BLOB PRIMARY KEY,"
        " alert INTEGER NOT NULL) WITHOUT ROWID"_s,
        alertIdentityFillStatement(),
    };
    const QString unique = u"fingerprint BLOB NOT NULL UNIQUE"_s;
    // As created, or as SQLite writes it after a rename (a table rebuilt before).
    static const QRegularExpression create(u"^CREATE TABLE (alerts|\"alerts\") \\("_s);
    if (table.contains(unique)) {
        const QRegularExpressionMatch head = create.match(table);
        if (!head.hasMatch()) {
            return u"unexpected alerts table: "_s + table.left(40);
        }
        QStringList indexes;
        if (!q.exec(u"SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts'"
                    " AND sql IS NOT NULL"_s)) {
            return failed();
        }
        while (q.next()) {
            indexes << q.value(0).toString();
        }
        q.finish();
        table.replace(unique, u"fingerprint BLOB NOT NULL"_s);
        table.replace(0, head.capturedLength(), u"CREATE TABLE alerts_v14 ("_s);
        statements << table << u"INSERT INTO alerts_v14 SELECT * FROM alerts"_s
                   << u"DROP TABLE alerts"_s << u"ALTER TABLE alerts_v14 RENAME TO alerts"_s
                   << indexes;
    }
    statements << u"CREATE UNIQUE INDEX IF NOT EXISTS alerts_dedup ON alerts (ts, fingerprint)"_s;
    for (const QString &statement : std::as_const(statements)) {
        if (!q.exec(statement)) {
            return failed();
        }
    }
    return {};
}

} // namespace

const QList<Migration> &sqliteMigrations()
{
    static const QList<Migration> migrations{
        {1,
         {
             u"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
             // Times are UTC ms; severity 0 (info) … 4 (critical); fingerprint is a raw SHA-256.
             u"CREATE TABLE alerts ("
             " id INTEGER PRIMARY KEY,"
             " ts INTEGER NOT NULL,"
             " received INTEGER NOT NULL,"
             " feed TEXT NOT NULL,"
             " source TEXT NOT NULL,"
             " severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),"
             " category TEXT NOT NULL,"
             " rule TEXT NOT NULL,"
             " title TEXT NOT NULL,"
             " message TEXT NOT NULL,"
             " entity TEXT NOT NULL,"
             " src_ip TEXT,"
             " dst_ip TEXT,"
             " fingerprint BLOB NOT NULL UNIQUE,"
             " incident INTEGER,"
             " raw BLOB NOT NULL)"_s,
             u"CREATE INDEX alerts_ts ON alerts (ts, id)"_s,
             u"CREATE INDEX alerts_sev_ts ON alerts (severity, ts, id)"_s,
             u"CREATE INDEX alerts_rule_ts ON alerts (rule, ts)"_s,
             // Full-text index fed once per transaction by the writer (not by a trigger).
             u"CREATE VIRTUAL TABLE alerts_fts USING fts5 ("
             " title, message, entity, rule, content='alerts', content_rowid='id',"
             " tokenize = 'unicode61 remove_diacritics 2')"_s,
             // The same bad bytes from the same feed are kept once (re-ingesting a file).
             u"CREATE TABLE quarantine ("
             " id INTEGER PRIMARY KEY,"
             " received INTEGER NOT NULL,"
             " feed TEXT NOT NULL,"
             " source TEXT NOT NULL,"
             " reason TEXT NOT NULL,"
             " fingerprint BLOB NOT NULL UNIQUE,"
             " raw BLOB NOT NULL)"_s,
             u"CREATE TABLE feeds ("
             " id TEXT PRIMARY KEY,"
             " type TEXT NOT NULL,"
             " state TEXT NOT NULL,"
             " received INTEGER NOT NULL DEFAULT 0,"
             " accepted INTEGER NOT NULL DEFAULT 0,"
             " duplicates INTEGER NOT NULL DEFAULT 0,"
             " quarantined INTEGER NOT NULL DEFAULT 0,"
             " skipped INTEGER NOT NULL DEFAULT 0,"
             " bytes INTEGER NOT NULL DEFAULT 0,"
             " last_event INTEGER NOT NULL DEFAULT 0,"
             " updated INTEGER NOT NULL DEFAULT 0,"
             " last_error TEXT NOT NULL DEFAULT '',"
             " cursor BLOB)"_s,
             // Latest observation per chain node, and a compact history for charts.
             u"CREATE TABLE chain_status ("
             " chain TEXT NOT NULL,"
             " node TEXT NOT NULL,"
             " height INTEGER NOT NULL,"
             " head_hash TEXT NOT NULL,"
             " block_time INTEGER NOT NULL,"
             " observed INTEGER NOT NULL,"
             " peers INTEGER NOT NULL,"
             " syncing INTEGER NOT NULL,"
             " lag INTEGER NOT NULL,"
             " state TEXT NOT NULL,"
             " latency_ms INTEGER NOT NULL,"
             " PRIMARY KEY (chain, node))"_s,
             u"CREATE TABLE chain_history ("
             " observed INTEGER NOT NULL,"
             " chain TEXT NOT NULL,"
             " node TEXT NOT NULL,"
             " height INTEGER NOT NULL,"
             " lag INTEGER NOT NULL,"
             " latency_ms INTEGER NOT NULL)"_s,
             u"CREATE INDEX chain_history_node ON chain_history (chain, node, observed)"_s,
             // Roll-ups kept current by the writer so charts never scan raw alerts.
             u"CREATE TABLE rollup_minute ("
             " bucket INTEGER NOT NULL,"
             " severity INTEGER NOT NULL,"
             " category TEXT NOT NULL,"
             " feed TEXT NOT NULL,"
             " n INTEGER NOT NULL,"
             " PRIMARY KEY (bucket, severity, category, feed)) WITHOUT ROWID"_s,
             u"CREATE TABLE rollup_entity_hour ("
             " bucket INTEGER NOT NULL,"
             " entity TEXT NOT NULL,"
             " n INTEGER NOT NULL,"
             " weight REAL NOT NULL,"
             " worst INTEGER NOT NULL,"
             " PRIMARY KEY (bucket, entity)) WITHOUT ROWID"_s,
             // Incidents arrive with their own issue; the table exists so counts are stable.
             u"CREATE TABLE incidents ("
             " id INTEGER PRIMARY KEY,"
             " title TEXT NOT NULL,"
             " severity INTEGER NOT NULL,"
             " status TEXT NOT NULL DEFAULT 'new',"
             " owner TEXT,"
             " first_seen INTEGER NOT NULL,"
             " last_seen INTEGER NOT NULL)"_s,
         }},
        // Tamper evidence (docs/tamper-evidence.md): a leaf per alert and chain observation,
        // the Merkle frontier in meta, signed checkpoints and the public keys that signed them.
        {2,
         {
             // chain_history gets an explicit INTEGER PRIMARY KEY: leaves refer to rows by id,
             // and VACUUM may renumber the implicit rowid of a table without one.
             u"CREATE TABLE chain_history_v2 ("
             " id INTEGER PRIMARY KEY,"
             " observed INTEGER NOT NULL,"
             " chain TEXT NOT NULL,"
             " node TEXT NOT NULL,"
             " height INTEGER NOT NULL,"
             " lag INTEGER NOT NULL,"
             " latency_ms INTEGER NOT NULL)"_s,
             u"INSERT INTO chain_history_v2 (id, observed, chain, node, height, lag, latency_ms)"
             " SELECT rowid, observed, chain, node, height, lag, latency_ms FROM chain_history"
             " ORDER BY rowid"_s,
             u"DROP TABLE chain_history"_s,
             u"ALTER TABLE chain_history_v2 RENAME TO chain_history"_s,
             u"CREATE INDEX chain_history_node ON chain_history (chain, node, observed)"_s,
             // seq is the leaf index, from 0; kind 1 = alert, 2 = chain observation.
             u"CREATE TABLE leaves ("
             " seq INTEGER PRIMARY KEY,"
             " kind INTEGER NOT NULL,"
             " ref_id INTEGER NOT NULL,"
             " hash BLOB NOT NULL)"_s,
             u"CREATE TABLE checkpoints ("
             " id INTEGER PRIMARY KEY,"
             " tree_size INTEGER NOT NULL,"
             " root BLOB NOT NULL,"
             " ts INTEGER NOT NULL,"
             " signature BLOB NOT NULL,"
             " key_id TEXT NOT NULL)"_s,
             u"CREATE TABLE signing_keys ("
             " key_id TEXT PRIMARY KEY,"
             " public_pem TEXT NOT NULL,"
             " created INTEGER NOT NULL)"_s,
         },
         &MerkleLog::backfill},
        // Alert lifecycle (docs/store.md): a source that reports a state (Alertmanager's firing →
        // resolved, a chain condition's active → resolved) changes the stored alert instead of
        // adding one. `alerts.state` is the current state (mutable, outside the alert's leaf);
        // every state it took is an alert_events row with its own leaf (kind 3).
        {3,
         {
             u"ALTER TABLE alerts ADD COLUMN state TEXT NOT NULL DEFAULT ''"_s,
             u"ALTER TABLE alerts ADD COLUMN state_since INTEGER"_s,
             u"CREATE TABLE alert_events ("
             " id INTEGER PRIMARY KEY,"
             " alert_id INTEGER NOT NULL,"
             " ts INTEGER NOT NULL,"
             " received INTEGER NOT NULL,"
             " feed TEXT NOT NULL,"
             " state TEXT NOT NULL,"
             " message TEXT NOT NULL,"
             " raw BLOB NOT NULL)"_s,
             u"CREATE INDEX alert_events_alert ON alert_events (alert_id, id)"_s,
             // Verify compares the state of each alert that has one with its last event.
             u"CREATE INDEX alerts_stateful ON alerts (id) WHERE state <> ''"_s,
          }},
        // ---- Incidents (issue 6; docs/incidents.md) ----
        // Replaces the v1 placeholder (never written to), adds correlation keys, the audit trail
        // (leaf kind 4), suppression rules and the global risk history. Alerts get the
        // suppression that marked them (mutable, like their incident: not in their leaf).
        {4,
         {
             u"DROP TABLE incidents"_s,
             u"CREATE TABLE incidents ("
             " id INTEGER PRIMARY KEY,"
             " title TEXT NOT NULL,"
             " severity INTEGER NOT NULL,"
             " severity_auto INTEGER NOT NULL,"
             " severity_override INTEGER,"
             " category TEXT NOT NULL,"
             " status TEXT NOT NULL DEFAULT 'new',"
             " owner TEXT NOT NULL DEFAULT '',"
             " tags TEXT NOT NULL DEFAULT '',"
             " rule TEXT NOT NULL DEFAULT '',"
             " entity TEXT NOT NULL DEFAULT '',"
             " first_seen INTEGER NOT NULL,"
             " last_seen INTEGER NOT NULL,"
             " alert_count INTEGER NOT NULL DEFAULT 0,"
             " risk_sum REAL NOT NULL DEFAULT 0,"
             " risk_ref INTEGER NOT NULL DEFAULT 0,"
             " risk_rank REAL NOT NULL DEFAULT -1e18,"
             " deadline INTEGER NOT NULL,"
             " created INTEGER NOT NULL,"
             " updated INTEGER NOT NULL,"
             " pending_status TEXT,"
             " pending_by TEXT,"
             " pending_reason TEXT,"
             " merged_into INTEGER)"_s,
             u"CREATE INDEX incidents_risk ON incidents (risk_rank, id)"_s,
             u"CREATE INDEX incidents_last ON incidents (last_seen, id)"_s,
             u"CREATE INDEX incidents_status ON incidents (status, risk_rank)"_s,
             // Every correlation key an incident answers to, with the span it was seen in.
             u"CREATE TABLE incident_keys ("
             " key TEXT PRIMARY KEY,"
             " incident INTEGER NOT NULL,"
             " first_seen INTEGER NOT NULL,"
             " last_seen INTEGER NOT NULL) WITHOUT ROWID"_s,
             // Per incident and entity: the decayed weight (risk per entity from open alerts).
             u"CREATE TABLE incident_entities ("
             " incident INTEGER NOT NULL,"
             " entity TEXT NOT NULL,"
             " risk_sum REAL NOT NULL,"
             " risk_ref INTEGER NOT NULL,"
             " alerts INTEGER NOT NULL,"
             " PRIMARY KEY (incident, entity)) WITHOUT ROWID"_s,
             // Append-only; every column is in the leaf (kind 4).
             u"CREATE TABLE incident_audit ("
             " id INTEGER PRIMARY KEY,"
             " incident INTEGER,"
             " ts INTEGER NOT NULL,"
             " actor TEXT NOT NULL,"
             " action TEXT NOT NULL,"
             " old_value TEXT NOT NULL,"
             " new_value TEXT NOT NULL,"
             " reason TEXT NOT NULL)"_s,
             u"CREATE INDEX incident_audit_incident ON incident_audit (incident, id)"_s,
             u"CREATE TABLE suppressions ("
             " id INTEGER PRIMARY KEY,"
             " rule TEXT NOT NULL,"
             " entity TEXT NOT NULL,"
             " until INTEGER NOT NULL,"
             " reason TEXT NOT NULL,"
             " created INTEGER NOT NULL,"
             " actor TEXT NOT NULL)"_s,
             // Global risk (0–100) per minute of event time, for the Dashboard's line.
             u"CREATE TABLE risk_history ("
             " bucket INTEGER PRIMARY KEY,"
             " risk REAL NOT NULL)"_s,
             u"ALTER TABLE alerts ADD COLUMN suppressed INTEGER"_s,
             u"CREATE INDEX alerts_incident ON alerts (incident, ts) WHERE incident IS NOT NULL"_s,
         }},
        // Chain status (issue 5): the details a chain monitor knows beyond the original columns
        // (chain id, client, tx pool, gas price, …) as JSON, and the head block's time in the
        // history so charts can show block intervals. Not part of the leaf encoding.
        {5,
         {
             u"ALTER TABLE chain_status ADD COLUMN details TEXT NOT NULL DEFAULT '{}'"_s,
             u"ALTER TABLE chain_history ADD COLUMN block_time INTEGER NOT NULL DEFAULT 0"_s,
         }},
        // Retention (issue 4): one row per prune, itself a leaf (kind 5). `ranges` lists what
        // was removed as "KIND:FIRST-LAST:ROWS" items joined by ';' (row ids, inclusive), so
        // verify tells a pruned record from a deleted one (docs/tamper-evidence.md).
        {6,
         {
             u"CREATE TABLE prunes ("
             " id INTEGER PRIMARY KEY,"
             " ts INTEGER NOT NULL,"
             " reason TEXT NOT NULL,"
             " ranges TEXT NOT NULL,"
             " tree_size INTEGER NOT NULL)"_s,
         }},
        // Shared stores (issue 10): optimistic concurrency on officer edits. Every change bumps
        // the incident's version; a command may name the version it saw (docs/incidents.md).
        {7,
         {
             u"ALTER TABLE incidents ADD COLUMN version INTEGER NOT NULL DEFAULT 1"_s,
         }},
        // Scale (issue 4): charts over days read hourly roll-ups (30 days are 720 buckets, not
        // 43,200), and the store's counts by severity and category come from a running total
        // instead of a scan of every alert. Both are kept current by the writer in the alert's
        // own transaction; prune subtracts what it removes from the totals (roll-ups stay).
        // docs/store.md.
        { 8,
            {
                u"CREATE TABLE rollup_hour ("
                " bucket INTEGER NOT NULL,"
                " severity INTEGER NOT NULL,"
                " category TEXT NOT NULL,"
                " feed TEXT NOT NULL,"
                " n INTEGER NOT NULL,"
                " PRIMARY KEY (bucket, severity, category, feed)) WITHOUT ROWID"_s,
                derivedCountStatements().at(0),
                u"CREATE TABLE alert_totals ("
                " severity INTEGER NOT NULL,"
                " category TEXT NOT NULL,"
                " n INTEGER NOT NULL,"
                " PRIMARY KEY (severity, category)) WITHOUT ROWID"_s,
                derivedCountStatements().at(1),
             // Full-text segments merge in groups of 16 instead of 4 while alerts arrive (a
             // third less CPU per alert measured at 100 k); maintain() merges between batches.
             u"INSERT INTO alerts_fts (alerts_fts, rank) VALUES ('automerge', 16)"_s,
            } },
        // Scale (issue 4): the Dashboard's risk overview from running sums over open incidents
        // instead of a scan of every open incident's entities (docs/risk-model.md). Combining
        // sums needs the policy's half-life, which a migration does not know: risk_total starts
        // with half_life 0 and the first read-write open fills both tables (openrisk.h);
        // until then reads scan as before.
        { 9, openRiskStatements(u"REAL"_s, u"INTEGER"_s) },
        // Scale (issue 4): at 10 M alerts two reads still scanned what a running count answers.
        // - The Alerts view's deep jumps index the store by hour. Unfiltered, the hour totals
        //   are 55,706 rows where rollup_hour has 1,340,485 (severity × category × feed); the
        //   writer keeps them with the other roll-ups, and like them prune leaves them.
        // - The store's incident counts by status (every Dashboard refresh) were a scan of the
        //   status index: 80–900 ms over 927,366 incidents. Triggers keep them, whichever code
        //   inserts, changes the status of or deletes an incident.
        { 10,
            {
                u"CREATE TABLE rollup_hour_total ("
                " bucket INTEGER PRIMARY KEY,"
                " n INTEGER NOT NULL)"_s,
                derivedCountStatements().at(2),
                u"CREATE TABLE incident_totals ("
                " status TEXT PRIMARY KEY,"
                " n INTEGER NOT NULL) WITHOUT ROWID"_s,
                u"INSERT INTO incident_totals (status, n)"
                " SELECT status, count(*) FROM incidents GROUP BY status"_s,
                u"CREATE TRIGGER incident_totals_insert AFTER INSERT ON incidents BEGIN"
                " INSERT INTO incident_totals (status, n) VALUES (new.status, 1)"
                " ON CONFLICT (status) DO UPDATE SET n = n + 1; END"_s,
                u"CREATE TRIGGER incident_totals_delete AFTER DELETE ON incidents BEGIN"
                " UPDATE incident_totals SET n = n - 1 WHERE status = old.status; END"_s,
                u"CREATE TRIGGER incident_totals_status AFTER UPDATE OF status ON incidents"
                " WHEN old.status IS NOT new.status BEGIN"
                " UPDATE incident_totals SET n = n - 1 WHERE status = old.status;"
                " INSERT INTO incident_totals (status, n) VALUES (new.status, 1)"
                " ON CONFLICT (status) DO UPDATE SET n = n + 1; END"_s,
            } },
        // Scale (issue 4): the Incidents view's default order (open before closed, then by
        // risk) starts with an expression no index held, so every page sorted every incident:
        // 0.87 s for the first page of 951,646 incidents. The index holds that order, and
        // replaces (risk_rank, id), which no query used. Idempotent: tests roll stores back to
        // older versions and migrate them again.
        { 11,
            {
                u"CREATE INDEX IF NOT EXISTS incidents_open_risk ON incidents"
                " ((status IN ('resolved', 'false_positive')), risk_rank DESC, id DESC)"_s,
                u"DROP INDEX IF EXISTS incidents_risk"_s,
            } },
        // Scale (issue 4): the Incidents view's other orders, by severity and by deadline, had
        // no index either: every page sorted every incident. With these, each is a range of an
        // index, and a keyset page starts anywhere in it (IncidentPageAt).
        { 12,
            {
                u"CREATE INDEX IF NOT EXISTS incidents_severity_risk ON incidents"
                " (severity DESC, risk_rank DESC, id DESC)"_s,
                u"CREATE INDEX IF NOT EXISTS incidents_open_deadline ON incidents"
                " ((status IN ('resolved', 'false_positive')), deadline, id)"_s,
            } },
        // Scale (issue 4): a jump into the middle of the Incidents list walks its order's index
        // with OFFSET, and every row it passed was looked up in the table to test
        // `merged_into IS NULL` (and `status` for the Open and status filters): 145-290 ms at
        // 939,682 incidents. With both columns at the end of each order's index, SQLite tests
        // them on the index entry and reads the table only for the page's own rows
        // (docs/store.md). Same names, so plans and tests still name them.
        { 13,
            {
                u"DROP INDEX IF EXISTS incidents_open_risk"_s,
                u"CREATE INDEX incidents_open_risk ON incidents"
                " ((status IN ('resolved', 'false_positive')), risk_rank DESC, id DESC,"
                " merged_into, status)"_s,
                u"DROP INDEX IF EXISTS incidents_severity_risk"_s,
                u"CREATE INDEX incidents_severity_risk ON incidents"
                " (severity DESC, risk_rank DESC, id DESC, merged_into, status)"_s,
                u"DROP INDEX IF EXISTS incidents_open_deadline"_s,
                u"CREATE INDEX incidents_open_deadline ON incidents"
                " ((status IN ('resolved', 'false_positive')), deadline, id, merged_into, status)"_s,
                u"DROP INDEX IF EXISTS incidents_last"_s,
                u"CREATE INDEX incidents_last ON incidents (last_seen, id, merged_into, status)"_s,
            } },
        // Scale (issue 4): the UNIQUE fingerprint, a random SHA-256, took every new alert to a
        // random page of its index, so each batch rewrote a page per alert: at 1 M alerts the
        // store's tables ran at half to two thirds of their rate without it, and the share grows
        // with the store. Duplicates are now found by (ts, fingerprint), which grows at its end,
        // and by the fingerprint alone only for the alerts whose fingerprint leaves their time
        // out (docs/store.md, "Schema version 14"). The table is rebuilt once.
        { 14, {}, &dedupByTime },
        // Scale (issue 4): token positions were most of the full-text index's cost. At 1 M
        // alerts the store's tables ran 1.08-1.79 times as fast without them (bench_store, the
        // same rows in the same run), the store 1.07-1.12 times. Without positions FTS5
        // has no phrases, so a word of several tokens ("192.0.2.10") matches its tokens and
        // lakeguard_phrase() checks their order (storage/ftstokens.h; docs/store.md, "Schema
        // version 15"). The index is rebuilt once from the alerts.
        { 15,
            {
                u"DROP TABLE alerts_fts"_s,
                // The tokenizer ftsSearch() and lakeguard_phrase() split words with.
                u"CREATE VIRTUAL TABLE alerts_fts USING fts5 ("
                " title, message, entity, rule, content='alerts', content_rowid='id',"
                " tokenize = '%1', detail=column)"_s.arg(QLatin1StringView(kFtsTokenize)),
                u"INSERT INTO alerts_fts (alerts_fts, rank) VALUES ('automerge', 16)"_s,
                u"INSERT INTO alerts_fts (alerts_fts) VALUES ('rebuild')"_s,
            } },
    };
    return migrations;
}

int sqliteSchemaVersion()
{
    return sqliteMigrations().constLast().toVersion;
}

} // namespace Lakeguard::Storage
