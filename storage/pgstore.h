// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alertstore.h"
#include "pgschema.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>

namespace Lakeguard::Storage {

class MerkleLog;
class IncidentCorrelator;
class IncidentStore;

// The shared team store on PostgreSQL through QPSQL (docs/team-deployment.md). Same semantics as
// SqliteStore: dedup by the fingerprint's unique constraint (INSERT … ON CONFLICT), full-text
// search on a generated tsvector, roll-ups in the batch's transaction, keyset paging, and the
// same leaves and checkpoints (storage/merklelog.cpp runs unchanged on this connection). Several
// clients write at once: every write transaction first takes pg_advisory_xact_lock, so Merkle
// appends and incident ids are serialised; each committed change sends NOTIFY lakeguard_changes.
class PgStore final : public AlertStore
{
public:
    explicit PgStore(PgLocation location, StoreOptions options = {});
    ~PgStore() override;
    Q_DISABLE_COPY_MOVE(PgStore)

    Status open(Mode mode) override;
    QString location() const override { return m_location.display; }
    int schemaVersion() const override { return m_schemaVersion; }

    BatchResult writeBatch(const IngestBatch &batch) override;
    Status setFeedState(const QString &feed, const QString &type, FeedState state,
        const QString &lastError) override;
    Status checkpoint(bool force) override;
    // PostgreSQL's own tools back up a shared store (docs/team-deployment.md): refused here.
    Status backup(const QString &target) override;
    Result<VerifyReport> verifyInSteps(bool incremental, VerifySteps steps) override;
    Status saveVerifiedState(const QString &state) override;
    Result<qint64> latestCheckpointId() override;

    Result<AlertPage> alerts(const AlertFilter &filter, AlertSort sort, int limit,
        const std::optional<PageKey> &after) override;
    Result<AlertPage> alertsAt(
        const AlertFilter &filter, AlertSort sort, qint64 offset, int limit) override;
    Result<qint64> countAlerts(const AlertFilter &filter) override;
    Result<Alert> alert(Core::AlertId id) override;
    Status maintain() override;
    Result<QList<Core::AlertEvent>> alertEvents(Core::AlertId id) override;
    Result<StoreStats> stats() override;
    Result<QList<QuarantineEntry>> quarantinePage(int limit, qint64 beforeId) override;
    Result<QList<FeedStatus>> feeds() override;
    Result<QList<ChainObservation>> chainStatus() override;
    Result<QList<ChainHistoryPoint>> chainHistory(
        const QString &chain, const QString &node, TimestampMs since, TimestampMs until,
        int limit) override;
    Result<DashboardData> dashboard(
        TimestampMs from, TimestampMs to, qint64 bucketMs, int topN) override;

    Result<QList<IncidentRow>> incidentPage(const IncidentFilter &filter, IncidentSort sort,
        const IncidentPageAt &at, int limit, TimestampMs now) override;
    Result<qint64> countIncidents(const IncidentFilter &filter) override;
    Result<IncidentDetail> incident(Core::IncidentId id, int alertLimit, TimestampMs now) override;
    Result<QList<Suppression>> suppressions() override;
    Result<IncidentChange> changeIncident(const IncidentCommand &command) override;
    const Core::IncidentPolicy &incidentPolicy() const override { return m_policy; }

    // A tsquery (for to_tsquery('simple', …)) matching all words of `text`; a trailing '*'
    // keeps prefix search. Empty when there is nothing to search.
    static QString tsQuery(const QString &text);
    // Where this workstation keeps its checkpoint signing key for a PostgreSQL store
    // ($LAKEGUARD_KEY_DIR, else the data folder): <dir>/pg-<host>-<port>-<db>.signing-key.pem.
    static QString keyBasePath(const PgLocation &location);

    QSqlDatabase database() const override { return m_db; }
    QString signingKeyBase() const override { return keyBasePath(m_location); }

private:
    Status migrate();
    Status lockWriters();
    Status notifyChange(const QString &payload);
    Result<AlertPage> runPageQuery(const AlertFilter &filter, AlertSort sort, int limit,
        const std::optional<PageKey> &after, std::optional<qint64> offset);

    PgLocation m_location;
    StoreOptions m_options;
    std::unique_ptr<MerkleLog> m_log;
    Core::IncidentPolicy m_policy;
    std::unique_ptr<IncidentCorrelator> m_correlator;
    std::unique_ptr<IncidentStore> m_incidents;
    QString m_connection;
    QSqlDatabase m_db;
    Mode m_mode = Mode::ReadOnly;
    int m_schemaVersion = 0;
    struct Prepared;
    std::unique_ptr<Prepared> m_prepared;
};

// Opens a QPSQL connection named `connection` to `location` (no password: libpq reads
// PGPASSWORD or ~/.pgpass). The caller removes the connection.
Result<QSqlDatabase> openPgConnection(const PgLocation &location, const QString &connection);

// Why Lakeguard does not back up a shared store, and what does (one line, for the CLI).
QString pgBackupMessage(const QString &location);

} // namespace Lakeguard::Storage
