// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "leafencoding.h"
#include "merkletree.h"
#include "signing.h"
#include "storetypes.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <memory>
#include <optional>

namespace Lakeguard::Storage {

class PgRows;
class SqliteStatement;

// The store's tamper evidence on one SQLite connection (docs/tamper-evidence.md): the `leaves`
// table, the Merkle frontier in `meta`, signed `checkpoints` and their verification. Used by
// SqliteStore on the thread that owns the connection; appends happen inside the caller's
// transaction so a record and its leaf commit together.
class MerkleLog final
{
public:
    MerkleLog(QSqlDatabase db, QString storePath, StoreOptions options);
    ~MerkleLog();
    Q_DISABLE_COPY_MOVE(MerkleLog)

    static QString privateKeyPath(const QString &storePath);  // <store>.signing-key.pem
    static QString publicKeyPath(const QString &storePath);   // <store>.signing-pub.pem

    // Read-write only: loads the signing key beside the store or creates it (0600), writes the
    // public key file, records the public key in the store, and checkpoints if one is due.
    Status openForWriting();
    std::optional<Ed25519Key> signingKey() const { return m_key; }

    // Inside the caller's transaction, in this order: begin, append per record, finish.
    Status begin();
    Status append(LeafKind kind, qint64 refId, const QVariantList &values);
    // The same with the record already encoded (LeafEncoding::Encoder).
    Status appendEncoded(LeafKind kind, qint64 refId, QByteArrayView encoding);
    // Saves the frontier; writes a checkpoint when one is due (or `force` and leaves are new).
    Status finish(bool force);
    qint64 uncoveredLeaves() const { return m_frontier.size() - m_checkpointSize; }
    qint64 treeSize() const { return m_frontier.size(); }   // after begin()

    // In its own transaction: a checkpoint over every leaf when any is not yet covered and one
    // is due (always, with `force`).
    Status checkpoint(bool force);

    // Full (every leaf, every checkpoint) or incremental (leaves after the last verified
    // checkpoint). `saveState` records the newest verified checkpoint for the next incremental.
    // This connection also remembers the newest verified checkpoint itself, so an incremental
    // run on a read-only connection (the console's indicator) starts where its last one ended.
    // `steps` bounds each read transaction of the pass over the leaves (AlertStore::
    // verifyInSteps); the checks after the leaves run on the last one's snapshot.
    Result<VerifyReport> verify(bool incremental, bool saveState, VerifySteps steps = {});
    // For tests: runs between two read transactions of a check in steps, when none is open.
    void setBetweenReads(std::function<void()> hook) { m_betweenReads = std::move(hook); }
    // Records `state` (VerifyReport::state of a successful run, on any connection) as where the
    // next incremental verification starts, unless the store already starts at a newer
    // checkpoint. Refused when it does not name a stored checkpoint with its tree size and root.
    // An incremental run still checks the saved frontier against the checkpoint's signature.
    Status saveVerifiedState(const QString &state);
    // The newest checkpoint's id (0 when none): a cheap "is there something new to verify".
    Result<qint64> latestCheckpointId();

    // Migration 2: leaves for every existing alert (id order) then chain observation, and the
    // frontier. Runs inside the migration's transaction; returns an error text or empty.
    static QString backfill(QSqlDatabase db);

private:
    Result<QList<Checkpoint>> loadCheckpoints(qint64 afterId = 0); // in id order
    QString saveFrontier();
    Status flushLeaves();

    struct PendingLeaf
    {
        qint64 seq;
        int kind;
        qint64 refId;
        QByteArray hash;
    };

    QSqlDatabase m_db;
    QString m_path;
    StoreOptions m_options;
    std::optional<Ed25519Key> m_key;
    MerkleFrontier m_frontier;
    QList<PendingLeaf> m_pending;    // appended, not yet inserted (flushed in chunks)
    qint64 m_checkpointSize = 0;
    QString m_verifiedState; // "<checkpoint id> <frontier>" of this connection's last good verify
    std::function<void()> m_betweenReads;
    TimestampMs m_checkpointTs = 0;
    std::unique_ptr<SqliteStatement> m_insertLeaf;   // C API: one row per step (SQLite)
    std::unique_ptr<PgRows> m_insertLeafRows;         // the same, many rows a statement (PostgreSQL)
    std::optional<QSqlQuery> m_loadFrontier;
    std::optional<QSqlQuery> m_lastCheckpoint;
    std::optional<QSqlQuery> m_saveFrontier;
    std::optional<QSqlQuery> m_insertCheckpoint;
};

} // namespace Lakeguard::Storage
