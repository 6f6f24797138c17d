// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "merklelog.h"
#include "pgrows.h"
#include "pgschema.h"
#include "sqlitestatement.h"
#include "testhooks.h"
#include "transactionguard.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>

#include <algorithm>
#include <limits>
#include <map>
#include <vector>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Lakeguard::Storage {

namespace {

// meta.verified_checkpoint: "<checkpoint id> <frontier> refs=<kind>:<ref>,…". The refs are the
// last record id of each leaf kind in the verified tree, so an incremental run need not search
// the leaves backwards for them: for a kind no leaf has, that search read every leaf (4 s at
// 10 M). States saved without them (by earlier versions) still parse.
struct VerifiedState
{
    qint64 checkpoint = 0;
    MerkleFrontier frontier;
    std::optional<std::map<int, qint64>> lastRefs;

    QString format() const
    {
        QString text = QString::number(checkpoint) + u' ' + frontier.serialize();
        if (lastRefs) {
            QStringList refs;
            for (const auto &[kind, ref] : *lastRefs) {
                refs << QString::number(kind) + u':' + QString::number(ref);
            }
            text += u" refs="_s + refs.join(u',');
        }
        return text;
    }

    static std::optional<VerifiedState> parse(const QString &text)
    {
        VerifiedState state;
        bool numeric = false;
        state.checkpoint = text.section(u' ', 0, 0).toLongLong(&numeric);
        QString rest = text.section(u' ', 1);
        const qsizetype refsAt = rest.lastIndexOf(u" refs="_s);
        if (refsAt >= 0) {
            std::map<int, qint64> refs;
            const QStringList items = rest.mid(refsAt + 6).split(u',', Qt::SkipEmptyParts);
            for (const QString &item : items) {
                bool kindOk = false;
                bool refOk = false;
                const int kind = item.section(u':', 0, 0).toInt(&kindOk);
                const qint64 ref = item.section(u':', 1).toLongLong(&refOk);
                if (!kindOk || !refOk || ref < 0) {
                    return std::nullopt;
                }
                refs[kind] = ref;
            }
            state.lastRefs = refs;
            rest.truncate(refsAt);
        }
        const auto frontier = MerkleFrontier::deserialize(rest);
        if (!numeric || !frontier) {
            return std::nullopt;
        }
        state.frontier = *frontier;
        return state;
    }
};

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

constexpr int kMaxProblems = 100;
constexpr qsizetype kLeafChunk = 1024; // leaves held before they are inserted

QVariantList rowValues(const QSqlQuery &q, int first, int count)
{
    QVariantList values;
    values.reserve(count);
    for (int i = 0; i < count; ++i) {
        values.append(q.value(first + i));
    }
    return values;
}

Checkpoint checkpointFrom(const QSqlQuery &q)
{
    Checkpoint c;
    c.id = q.value(0).toLongLong();
    c.treeSize = q.value(1).toLongLong();
    c.root = q.value(2).toByteArray();
    c.ts = q.value(3).toLongLong();
    c.signature = q.value(4).toByteArray();
    c.keyId = q.value(5).toString();
    return c;
}

// Collects problems in the order found; the first one is what the CLI prints.
class Problems
{
public:
    explicit Problems(VerifyReport &r)
        : m_report(r)
    {}
    void add(const QString &text)
    {
        if (m_report.problemCount == 0) {
            m_report.firstProblem = text;
        }
        if (m_report.problems.size() < kMaxProblems) {
            m_report.problems.append(text);
        }
        ++m_report.problemCount;
    }

private:
    VerifyReport &m_report;
};

// What one prune record says it removed: rows FIRST…LAST (ids, inclusive) of one kind, ROWS of them.
struct PrunedRange
{
    qint64 prune = 0;
    int kind = 0;
    qint64 first = 0;
    qint64 last = 0;
    qint64 rows = 0;
    qint64 seen = 0; // leaves found without their row in this range
    bool late = false; // found by a later step of a check in steps: some leaves came before it
};

// "KIND:FIRST-LAST:ROWS;…" (schema version 6); malformed items are skipped (the record's own
// leaf then fails if it was edited).
QList<PrunedRange> parseRanges(qint64 prune, const QString &text)
{
    QList<PrunedRange> out;
    for (const QString &item : text.split(u';', Qt::SkipEmptyParts)) {
        const QStringList parts = item.split(u':');
        const QStringList span = parts.value(1).split(u'-');
        if (parts.size() != 3 || span.size() != 2
            || !LeafEncoding::allKinds().contains(static_cast<LeafKind>(parts.at(0).toInt()))) {
            continue;
        }
        PrunedRange r;
        r.prune = prune;
        r.kind = parts.at(0).toInt();
        r.first = span.at(0).toLongLong();
        r.last = span.at(1).toLongLong();
        r.rows = parts.at(2).toLongLong();
        out.append(r);
    }
    return out;
}

} // namespace

MerkleLog::MerkleLog(QSqlDatabase db, QString storePath, StoreOptions options)
    : m_db(db) // QSqlDatabase has no move constructor in Qt 6.4
    , m_path(std::move(storePath))
    , m_options(options)
{}

MerkleLog::~MerkleLog() = default;

QString MerkleLog::privateKeyPath(const QString &storePath)
{
    return storePath + u".signing-key.pem"_s;
}

QString MerkleLog::publicKeyPath(const QString &storePath)
{
    return storePath + u".signing-pub.pem"_s;
}

Status MerkleLog::openForWriting()
{
    const QString keyPath = privateKeyPath(m_path);
    if (!QFile::exists(keyPath)) {
        auto made = Ed25519Key::generate();
        if (!made) {
            return Status::failure(made.error());
        }
        if (const Status s = made->savePrivate(keyPath); s) {
            m_key = made.value();
            qCDebug(lcStore) << "created signing key" << m_key->keyId() << "for" << m_path;
        } else if (!QFile::exists(keyPath)) {
            return Status::failure(Tr::tr("cannot create the signing key: %1").arg(s.error()));
        }
    }
    if (!m_key) {
        auto loaded = Ed25519Key::load(keyPath);
        if (!loaded) {
            return Status::failure(Tr::tr("cannot read the signing key: %1").arg(loaded.error()));
        }
        if (!loaded->hasPrivateKey()) {
            return Status::failure(Tr::tr("%1 holds no private key").arg(keyPath));
        }
        m_key = loaded.value();
    }
    const QByteArray pem = m_key->publicKeyPem();
    QFile pub(publicKeyPath(m_path));
    const bool samePub = pub.open(QIODevice::ReadOnly) && pub.readAll() == pem;
    pub.close();
    if (!samePub) {
        if (const Status s = m_key->savePublic(pub.fileName()); !s) {
            qCWarning(lcStore) << "cannot write the public key:" << s.error();
        }
    }
    // The public key travels inside the store, so a copy verifies on its own.
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO signing_keys (key_id, public_pem, created) VALUES (?, ?, ?)"
              " ON CONFLICT (key_id) DO NOTHING"_s);
    q.addBindValue(m_key->keyId());
    q.addBindValue(QString::fromLatin1(pem));
    q.addBindValue(Core::nowMs());
    if (!q.exec()) {
        return Status::failure(Tr::tr("cannot record the public key: %1").arg(q.lastError().text()));
    }

    // SQLite: the leaf insert through the C API on QSQLITE's handle (the hot path); another
    // engine (PostgreSQL) through QtSql, many leaves per statement (one round trip per chunk).
    sqlite3 *handle = sqliteHandle(m_db);
    m_insertLeaf = std::make_unique<SqliteStatement>();
    m_insertLeafRows.reset();
    if (!handle) {
        m_insertLeafRows = std::make_unique<PgRows>(
            u"INSERT INTO leaves (seq, kind, ref_id, hash) VALUES "_s, u"(?, ?, ?, ?)"_s, 4,
            QString(), int(kLeafChunk));
    }
    m_loadFrontier.emplace(m_db);
    m_lastCheckpoint.emplace(m_db);
    m_saveFrontier.emplace(m_db);
    m_insertCheckpoint.emplace(m_db);
    const bool ok =
        (handle ? m_insertLeaf->prepare(
                      handle, "INSERT INTO leaves (seq, kind, ref_id, hash) VALUES (?, ?, ?, ?)")
                : true)
        && m_loadFrontier->prepare(u"SELECT value FROM meta WHERE key = 'merkle_frontier'"_s)
        && m_lastCheckpoint->prepare(
            u"SELECT tree_size, ts FROM checkpoints ORDER BY id DESC LIMIT 1"_s)
        && m_saveFrontier->prepare(u"INSERT INTO meta (key, value) VALUES ('merkle_frontier', ?)"
                                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s)
        && m_insertCheckpoint->prepare(
            u"INSERT INTO checkpoints (tree_size, root, ts, signature, key_id)"
            " VALUES (?, ?, ?, ?, ?)"_s);
    if (!ok) {
        return Status::failure(m_db.lastError().text());
    }
    return checkpoint(false);
}

Status MerkleLog::begin()
{
    if (!m_loadFrontier) {
        return Status::failure(Tr::tr("the store is not open for writing"));
    }
    m_pending.clear(); // left over only by a batch that was rolled back
    // A shared PostgreSQL store has several writers: appends queue on one advisory lock held
    // until the transaction ends (storage/pgstore.cpp), so each starts from the last frontier.
    if (m_db.driverName() == u"QPSQL"_s) {
        QSqlQuery lock(m_db);
        if (!lock.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(kPgWriterLock))) {
            return Status::failure(lock.lastError().text());
        }
    }
    // Reloaded per transaction: another process may have written since.
    QSqlQuery &f = *m_loadFrontier;
    if (!f.exec()) {
        return Status::failure(f.lastError().text());
    }
    if (f.next()) {
        const auto frontier = MerkleFrontier::deserialize(f.value(0).toString());
        if (!frontier) {
            f.finish();
            return Status::failure(Tr::tr("the store's Merkle frontier is damaged; run "
                                          "'lakeguard-cli verify'"));
        }
        m_frontier = *frontier;
    } else {
        m_frontier = MerkleFrontier();
    }
    f.finish();
    QSqlQuery &c = *m_lastCheckpoint;
    if (!c.exec()) {
        return Status::failure(c.lastError().text());
    }
    m_checkpointSize = c.next() ? c.value(0).toLongLong() : 0;
    m_checkpointTs = c.isValid() ? c.value(1).toLongLong() : 0;
    c.finish();
    return Ok{};
}

Status MerkleLog::append(LeafKind kind, qint64 refId, const QVariantList &values)
{
    return appendEncoded(kind, refId, LeafEncoding::encode(kind, values));
}

Status MerkleLog::appendEncoded(LeafKind kind, qint64 refId, QByteArrayView encoding)
{
    const QByteArray hash = merkleLeafHash(encoding);
    m_pending.append({m_frontier.size(), int(kind), refId, hash});
    m_frontier.append(hash);
    return m_pending.size() >= kLeafChunk ? flushLeaves() : Status(Ok{});
}

Status MerkleLog::flushLeaves()
{
    if (m_insertLeafRows) {
        if (m_pending.isEmpty()) {
            return Ok{};
        }
        QVariantList values;
        values.reserve(m_pending.size() * 4);
        for (const PendingLeaf &l : std::as_const(m_pending)) {
            values << l.seq << l.kind << l.refId << l.hash;
        }
        if (const Status s = m_insertLeafRows->run(m_db, values); !s) {
            return s;
        }
        m_pending.clear();
        return Ok{};
    }
    if (!m_insertLeaf || !m_insertLeaf->isPrepared()) {
        return Status::failure(Tr::tr("the store is not open for writing"));
    }
    SqliteStatement &q = *m_insertLeaf;
    for (const PendingLeaf &l : std::as_const(m_pending)) {
        q.bindInt(1, l.seq);
        q.bindInt(2, l.kind);
        q.bindInt(3, l.refId);
        q.bindBlob(4, l.hash);
        if (!q.exec()) {
            return Status::failure(q.error());
        }
    }
    m_pending.clear();
    return Ok{};
}

QString MerkleLog::saveFrontier()
{
    QSqlQuery &q = *m_saveFrontier;
    q.addBindValue(m_frontier.serialize());
    return q.exec() ? QString() : q.lastError().text();
}

Status MerkleLog::finish(bool force)
{
    if (const Status s = flushLeaves(); !s) {
        return s;
    }
    if (const QString err = saveFrontier(); !err.isEmpty()) {
        return Status::failure(err);
    }
    const qint64 uncovered = m_frontier.size() - m_checkpointSize;
    const TimestampMs now = Core::nowMs();
    const bool due = uncovered > 0
        && (force || uncovered >= m_options.checkpointLeaves
            || now - m_checkpointTs >= m_options.checkpointIntervalMs);
    if (!due) {
        return Ok{};
    }
    Checkpoint c;
    c.treeSize = m_frontier.size();
    c.root = m_frontier.root();
    c.ts = now;
    c.keyId = m_key->keyId();
    const auto sig = m_key->sign(c.message());
    if (!sig) {
        return Status::failure(Tr::tr("cannot sign a checkpoint: %1").arg(sig.error()));
    }
    testPausePoint("checkpoint-signed");
    QSqlQuery &q = *m_insertCheckpoint;
    q.addBindValue(c.treeSize);
    q.addBindValue(c.root);
    q.addBindValue(c.ts);
    q.addBindValue(sig.value());
    q.addBindValue(c.keyId);
    if (!q.exec()) {
        return Status::failure(q.lastError().text());
    }
    testPausePoint("checkpoint-written");
    m_checkpointSize = c.treeSize;
    m_checkpointTs = c.ts;
    return Ok{};
}

Status MerkleLog::checkpoint(bool force)
{
    if (!m_key) {
        return Status::failure(Tr::tr("the store is not open for writing"));
    }
    if (!m_db.transaction()) {
        return Status::failure(m_db.lastError().text());
    }
    Status s = begin();
    if (s) {
        s = finish(force);
    }
    if (!s || !m_db.commit()) {
        const QString err = s ? m_db.lastError().text() : s.error();
        m_db.rollback();
        return Status::failure(Tr::tr("checkpoint failed: %1").arg(err));
    }
    return Ok{};
}

Result<QList<Checkpoint>> MerkleLog::loadCheckpoints(qint64 afterId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT id, tree_size, root, ts, signature, key_id FROM checkpoints"
              " WHERE id > ? ORDER BY id"_s);
    q.addBindValue(afterId);
    if (!q.exec()) {
        return Result<QList<Checkpoint>>::failure(q.lastError().text());
    }
    QList<Checkpoint> out;
    while (q.next()) {
        out.append(checkpointFrom(q));
    }
    return out;
}

Result<qint64> MerkleLog::latestCheckpointId()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT COALESCE(MAX(id), 0) FROM checkpoints"_s) || !q.next()) {
        return Result<qint64>::failure(q.lastError().text());
    }
    return q.value(0).toLongLong();
}

Result<VerifyReport> MerkleLog::verify(bool incremental, bool saveState, VerifySteps steps)
{
    using R = Result<VerifyReport>;
    VerifyReport report;
    Problems problems(report);
    // One read transaction sees one snapshot while writers go on (WAL). In steps, each step is
    // one; the log is append-only, so a later step sees the same leaves and more after them.
    if (!m_db.transaction()) {
        return R::failure(m_db.lastError().text());
    }
    report.readTransactions = 1;
    TransactionGuard rollback{m_db};

    // Public keys: those recorded in the store, plus the .pub file beside it (read again by a
    // later step that meets a checkpoint under a key not known yet).
    QHash<QString, Ed25519Key> keys;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QSet<QString> badKeys;
    auto loadKeys = [&]() -> Status {
        if (!q.exec(u"SELECT key_id, public_pem FROM signing_keys ORDER BY created"_s)) {
            return Status::failure(q.lastError().text());
        }
        while (q.next()) {
            const QString id = q.value(0).toString();
            const auto key = Ed25519Key::fromPem(q.value(1).toString().toLatin1());
            if (!key || key->keyId() != id) {
                if (!badKeys.contains(id)) {
                    badKeys.insert(id);
                    problems.add(
                        Tr::tr("the public key recorded as %1 does not match its id").arg(id));
                }
                continue;
            }
            keys.insert(id, key.value());
        }
        q.finish();
        if (const auto file = Ed25519Key::load(publicKeyPath(m_path)); file) {
            keys.insert(file->keyId(), file.value());
        }
        return Ok {};
    };
    if (const Status s = loadKeys(); !s) {
        return R::failure(s.error());
    }

    auto checkpoints = loadCheckpoints();
    if (!checkpoints) {
        return R::failure(checkpoints.error());
    }
    // Checkpoints in id order, after those seen before (report.latest): a later one over a
    // smaller tree means the log was cut back.
    auto checkRollback = [&](const QList<Checkpoint> &list) {
        const Checkpoint *before = report.latest ? &*report.latest : nullptr;
        for (const Checkpoint &c : list) {
            if (before && c.treeSize < before->treeSize) {
                problems.add(Tr::tr("checkpoint %1 (tree size %2) is smaller than checkpoint %3 "
                                    "before it: the log was rolled back")
                                 .arg(c.id)
                                 .arg(c.treeSize)
                                 .arg(before->id));
            }
            before = &c;
        }
    };
    checkRollback(*checkpoints);
    if (!checkpoints->isEmpty()) {
        report.latest = checkpoints->constLast();
    }
    auto checkSignature = [&](const Checkpoint &c) {
        const auto key = keys.constFind(c.keyId);
        if (key == keys.cend()) {
            problems.add(Tr::tr("checkpoint %1 (tree size %2) is signed by unknown key %3")
                             .arg(c.id)
                             .arg(c.treeSize)
                             .arg(c.keyId));
            return false;
        }
        if (!key->verify(c.message(), c.signature)) {
            problems.add(Tr::tr("checkpoint %1 (tree size %2): the signature does not verify")
                             .arg(c.id)
                             .arg(c.treeSize));
            return false;
        }
        return true;
    };

    // Prune records (schema version 6), read before the leaves so a row they removed is known
    // as pruned when its leaf comes up. Each record is also a leaf, checked in its turn. A step
    // reads those added since the step before; a prune's count is checked only when every leaf
    // of its ranges was read after it (below).
    QList<PrunedRange> pruned;
    qint64 lastPrune = 0;
    auto loadPrunes = [&](bool late) {
        q.prepare(u"SELECT id, ranges FROM prunes WHERE id > ? ORDER BY id"_s);
        q.addBindValue(lastPrune);
        if (q.exec()) {
            while (q.next()) {
                ++report.pruneRecords;
                lastPrune = q.value(0).toLongLong();
                QList<PrunedRange> ranges = parseRanges(lastPrune, q.value(1).toString());
                for (PrunedRange &r : ranges) {
                    r.late = late;
                }
                pruned += ranges;
            }
        }
        q.finish();
    };
    loadPrunes(false);
    auto prunedRange = [&](int kind, qint64 ref) -> PrunedRange * {
        for (PrunedRange &r : pruned) {
            if (r.kind == kind && ref >= r.first && ref <= r.last) {
                return &r;
            }
        }
        return nullptr;
    };

    // Where to start: leaf 0, or the checkpoint the last successful verification ended at.
    MerkleFrontier frontier;
    std::optional<Checkpoint> anchor;
    std::optional<std::map<int, qint64>> savedRefs;
    if (incremental) {
        // This connection's own last result first (it is never older than the saved one): a
        // read-only connection cannot save its state, yet checks only what is new each time.
        QString state = m_verifiedState;
        if (state.isEmpty() && q.exec(u"SELECT value FROM meta WHERE key = 'verified_checkpoint'"_s)
            && q.next()) {
            state = q.value(0).toString();
        }
        if (!state.isEmpty()) {
            const qint64 cpId = state.section(u' ', 0, 0).toLongLong();
            const auto parsed = VerifiedState::parse(state);
            const std::optional<MerkleFrontier> saved
                = parsed ? std::optional(parsed->frontier) : std::nullopt;
            savedRefs = parsed ? parsed->lastRefs : std::nullopt;
            for (const Checkpoint &c : *checkpoints) {
                if (c.id == cpId) {
                    anchor = c;
                }
            }
            if (!anchor || !saved || saved->size() != anchor->treeSize
                || saved->root() != anchor->root || !checkSignature(*anchor)) {
                problems.add(Tr::tr("the saved verification state does not match checkpoint %1; "
                                    "run a full verify")
                                 .arg(cpId));
                anchor.reset();
                savedRefs.reset();
            } else {
                frontier = *saved;
                report.incremental = true;
                report.signedSize = anchor->treeSize;
            }
        }
    }
    report.fromLeaf = frontier.size();

    // The last record of each kind before the first leaf checked: row ids rise with leaves.
    const QList<LeafKind> kinds = LeafEncoding::allKinds();
    std::map<int, qint64> lastRef;
    std::map<int, qint64> matched;
    for (const LeafKind kind : kinds) {
        lastRef[int(kind)] = 0;
        matched[int(kind)] = 0;
    }
    if (frontier.size() > 0) {
        for (auto &[kind, ref] : lastRef) {
            if (savedRefs) {
                ref = savedRefs->contains(kind) ? savedRefs->at(kind) : 0;
                continue;
            }
            q.prepare(u"SELECT ref_id FROM leaves WHERE kind = ? AND seq < ?"
                      " ORDER BY seq DESC LIMIT 1"_s);
            q.addBindValue(kind);
            q.addBindValue(frontier.size());
            if (q.exec() && q.next()) {
                ref = q.value(0).toLongLong();
            }
        }
    }
    // Records without a leaf, inserted behind Lakeguard's back: the rows of each kind after the
    // last one checked so far, up to the last one the leaves read name (`to`; every row after
    // it with none), must be the rows those leaves matched. In steps, a step's range is counted
    // on the next step's snapshot. Named after the leaves' own problems, the first ten of each
    // kind, as one read names them.
    std::map<int, qint64> rangeStart = lastRef;
    std::map<int, qint64> rangeMatched = matched;
    std::map<int, QList<qint64>> withoutLeaf;
    auto checkRowsHaveLeaves = [&](const std::map<int, qint64> *to) -> Status {
        for (const LeafKind kind : kinds) {
            const int k = int(kind);
            QList<qint64> &found = withoutLeaf[k];
            if ((to && to->at(k) == rangeStart.at(k)) || found.size() >= 10) {
                continue; // no leaf of this kind in the range, or ten named already
            }
            const QString table = LeafEncoding::table(kind);
            const QString range = to ? u"t.id > ? AND t.id <= ?"_s : u"t.id > ?"_s;
            q.prepare(u"SELECT count(*) FROM "_s + table + u" t WHERE "_s + range);
            q.addBindValue(rangeStart.at(k));
            if (to) {
                q.addBindValue(to->at(k));
            }
            if (!q.exec() || !q.next()) {
                return Status::failure(q.lastError().text());
            }
            const qint64 rows = q.value(0).toLongLong();
            q.finish();
            if (rows == matched.at(k) - rangeMatched.at(k)) {
                continue;
            }
            q.prepare(u"SELECT t.id FROM "_s + table + u" t WHERE "_s + range
                + u" AND NOT EXISTS (SELECT 1 FROM leaves l"
                  " WHERE l.kind = ? AND l.ref_id = t.id) ORDER BY t.id LIMIT 10"_s);
            q.addBindValue(rangeStart.at(k));
            if (to) {
                q.addBindValue(to->at(k));
            }
            q.addBindValue(k);
            if (!q.exec()) {
                return Status::failure(q.lastError().text());
            }
            while (q.next() && found.size() < 10) {
                found.append(q.value(0).toLongLong());
            }
            q.finish();
        }
        if (to) {
            rangeStart = *to;
            rangeMatched = matched;
        }
        return Ok {};
    };

    // Checkpoints in tree order; those before the starting point are not re-checked.
    QList<Checkpoint> pending;
    for (const Checkpoint &c : *checkpoints) {
        if (c.treeSize > frontier.size() || (!anchor && c.treeSize == 0)) {
            pending.append(c);
        }
    }
    auto byTreeSize
        = [](const Checkpoint &a, const Checkpoint &b) { return a.treeSize < b.treeSize; };
    std::stable_sort(pending.begin(), pending.end(), byTreeSize);
    qsizetype nextCp = 0;
    struct Good
    {
        Checkpoint checkpoint;
        MerkleFrontier frontier;
        std::map<int, qint64> lastRefs;
    };
    std::optional<Good> lastGood;
    if (anchor) {
        lastGood = Good { *anchor, frontier, lastRef };
    }
    auto checkCheckpointsAt = [&](qint64 size) {
        while (nextCp < pending.size() && pending.at(nextCp).treeSize == size) {
            const Checkpoint &c = pending.at(nextCp++);
            ++report.checkpointsChecked;
            bool good = true;
            if (frontier.root() != c.root) {
                problems.add(Tr::tr("checkpoint %1 (tree size %2) does not match the records: "
                                    "a record before it was changed, removed or reordered")
                                 .arg(c.id)
                                 .arg(c.treeSize));
                good = false;
            }
            good = checkSignature(c) && good;
            if (good) {
                report.signedSize = c.treeSize;
                lastGood = Good { c, frontier, lastRef };
            }
        }
    };
    checkCheckpointsAt(frontier.size());

    // One pass over the leaves, each joined to its record: columns of kind k start at at[k].
    QString select = u"SELECT l.seq, l.kind, l.ref_id, l.hash"_s;
    QString joins;
    std::map<int, std::pair<int, int>> columnsAt; // kind → (first column, count)
    int at = 4;
    for (const LeafKind kind : kinds) {
        const QString alias = u"t"_s + QString::number(int(kind));
        for (const QString &column : LeafEncoding::columns(kind).split(u", "_s)) {
            select += u", "_s + alias + u'.' + column.trimmed();
        }
        joins += u" LEFT JOIN "_s + LeafEncoding::table(kind) + u' ' + alias + u" ON l.kind = "_s
            + QString::number(int(kind)) + u" AND "_s + alias + u".id = l.ref_id"_s;
        const int cols = LeafEncoding::columnCount(kind);
        columnsAt[int(kind)] = {at, cols};
        at += cols;
    }
    // A leaf as read, with its record's columns (none when the row is gone).
    struct ReadLeaf
    {
        qint64 seq = 0;
        int kind = 0;
        qint64 ref = 0;
        QByteArray stored;
        bool present = false;
        QVariantList values;
    };
    auto checkLeaf = [&](const ReadLeaf &leaf) {
        if (leaf.seq != frontier.size()) {
            problems.add(Tr::tr("leaves %1 to %2 are missing: records were removed")
                             .arg(frontier.size())
                             .arg(leaf.seq - 1));
            // Go on from here so later problems are still named; roots no longer match.
        }
        ++report.leavesChecked;
        QByteArray hash = leaf.stored;
        if (!columnsAt.contains(leaf.kind)) {
            problems.add(Tr::tr("leaf %1 has an unknown kind %2").arg(leaf.seq).arg(leaf.kind));
        } else {
            const auto kind = static_cast<LeafKind>(leaf.kind);
            const QString what = LeafEncoding::recordName(kind);
            if (leaf.ref <= lastRef[leaf.kind]) {
                problems.add(Tr::tr("%1 %2 (leaf %3) is out of order or repeated: leaves were "
                                    "reordered or inserted")
                                 .arg(what)
                                 .arg(leaf.ref)
                                 .arg(leaf.seq));
            } else {
                lastRef[leaf.kind] = leaf.ref;
                if (!leaf.present) {
                    if (PrunedRange *range = prunedRange(leaf.kind, leaf.ref)) {
                        ++range->seen; // removed by a signed prune: the stored hash stands in
                        ++report.prunedRecords;
                    } else {
                        problems.add(Tr::tr("%1 %2 (leaf %3) was deleted")
                                         .arg(what)
                                         .arg(leaf.ref)
                                         .arg(leaf.seq));
                    }
                } else {
                    ++matched[leaf.kind];
                    hash = merkleLeafHash(LeafEncoding::encode(kind, leaf.values));
                    if (hash != leaf.stored) {
                        problems.add(Tr::tr("%1 %2 (leaf %3) was modified")
                                         .arg(what)
                                         .arg(leaf.ref)
                                         .arg(leaf.seq));
                    }
                }
            }
        }
        // The record as it is now goes into the tree, so a checkpoint vouches for the records
        // themselves, not only for the stored leaf hashes.
        frontier.append(hash);
        checkCheckpointsAt(frontier.size());
    };

    // Leaves are read in chunks and checked chunk by chunk. In steps, a step's read transaction
    // ends once its last chunk is read, before that chunk is hashed: the hashing, most of the
    // work, holds no snapshot, and the writer's merge of its log finds the pause it needs.
    constexpr qsizetype kChunk = 5000;
    QSqlQuery leaves(m_db);
    leaves.setForwardOnly(true);
    const QString leavesSql
        = select + u" FROM leaves l"_s + joins + u" WHERE l.seq >= ? ORDER BY l.seq LIMIT ?"_s;
    // No limit: the largest 64-bit integer (PostgreSQL refuses SQLite's -1).
    const qint64 perRead = steps.leaves > 0 ? steps.leaves : std::numeric_limits<qint64>::max();
    qint64 nextSeq = frontier.size(); // after a gap the frontier lags behind the leaves read
    QElapsedTimer stepTime;
    std::vector<ReadLeaf> chunk;
    chunk.reserve(size_t(std::min<qint64>(kChunk, perRead)));
    for (;;) {
        stepTime.start();
        leaves.prepare(leavesSql);
        leaves.addBindValue(nextSeq);
        leaves.addBindValue(perRead);
        if (!leaves.exec()) {
            return R::failure(leaves.lastError().text());
        }
        qint64 read = 0;
        bool timeUp = false;
        bool lastStep = false;
        for (;;) {
            chunk.clear();
            bool more = true;
            while (qsizetype(chunk.size()) < kChunk && (more = leaves.next())) {
                ReadLeaf leaf;
                leaf.seq = leaves.value(0).toLongLong();
                leaf.kind = leaves.value(1).toInt();
                leaf.ref = leaves.value(2).toLongLong();
                leaf.stored = leaves.value(3).toByteArray();
                if (const auto known = columnsAt.find(leaf.kind); known != columnsAt.end()) {
                    const auto [first, cols] = known->second;
                    leaf.present = !leaves.value(first).isNull();
                    if (leaf.present) {
                        leaf.values = rowValues(leaves, first, cols);
                    }
                }
                chunk.push_back(std::move(leaf));
                ++read;
                nextSeq = chunk.back().seq + 1;
                // A step given little CPU (the console's verifier runs at a low priority
                // beside the writer) still ends in time.
                if (steps.milliseconds > 0 && stepTime.elapsed() >= steps.milliseconds) {
                    timeUp = true;
                    break;
                }
            }
            // A full step ends here, not at the next read: its last chunk is hashed after the
            // read transaction ends.
            const bool stepEnds = !more || timeUp || read >= perRead;
            if (stepEnds) {
                leaves.finish();
                lastStep = read < perRead && !timeUp;
                if (!lastStep) {
                    // The next step, in a new read transaction: SQLite may start its log again
                    // meanwhile. The checks after the leaves run on the last step's snapshot.
                    m_db.rollback();
                    if (m_betweenReads) {
                        m_betweenReads();
                    }
                }
            }
            for (const ReadLeaf &leaf : chunk) {
                checkLeaf(leaf);
            }
            if (steps.cancel && steps.cancel->load()) {
                return R::failure(Tr::tr("the check was stopped"));
            }
            if (stepEnds) {
                break;
            }
        }
        if (lastStep) {
            break;
        }
        if (!m_db.transaction()) {
            return R::failure(m_db.lastError().text());
        }
        ++report.readTransactions;
        loadPrunes(true);
        // Checkpoints signed since: checked when the tree reaches their size.
        auto added = loadCheckpoints(report.latest ? report.latest->id : 0);
        if (!added) {
            return R::failure(added.error());
        }
        checkRollback(*added);
        const bool newKey = std::any_of(added->cbegin(), added->cend(),
            [&](const Checkpoint &c) { return !keys.contains(c.keyId); });
        if (newKey) {
            if (const Status s = loadKeys(); !s) {
                return R::failure(s.error());
            }
        }
        pending += *added;
        if (!added->isEmpty()) {
            report.latest = added->constLast();
        }
        std::stable_sort(pending.begin() + nextCp, pending.end(), byTreeSize);
        checkCheckpointsAt(frontier.size());
        // The rows of the range the last step checked, on this newer snapshot: rows only go
        // (a prune) or come behind Lakeguard's back, and either is seen here.
        if (const Status s = checkRowsHaveLeaves(&lastRef); !s) {
            return R::failure(s.error());
        }
    }
    report.treeSize = frontier.size();
    // A prune removed exactly the rows it counted: more missing rows in its range were deleted
    // outside it. Only a full check sees every leaf of a range.
    if (report.fromLeaf == 0) {
        for (const PrunedRange &r : std::as_const(pruned)) {
            if (!r.late && r.seen != r.rows) {
                problems.add(Tr::tr("prune record %1 removed %2 %3 records (ids %4 to %5) but %6 "
                                    "are missing there: records were deleted outside a prune")
                                 .arg(r.prune)
                                 .arg(r.rows)
                                 .arg(LeafEncoding::recordName(static_cast<LeafKind>(r.kind)))
                                 .arg(r.first)
                                 .arg(r.last)
                                 .arg(r.seen));
            }
        }
    }
    report.root = frontier.root();

    if (const Status s = checkRowsHaveLeaves(nullptr); !s) {
        return R::failure(s.error());
    }
    for (const LeafKind kind : kinds) {
        for (const qint64 id : std::as_const(withoutLeaf[int(kind)])) {
            problems.add(Tr::tr("%1 %2 has no leaf: it was added outside Lakeguard")
                             .arg(LeafEncoding::recordName(kind))
                             .arg(id));
        }
    }
    // An alert's current state is outside its leaf (it changes); it must be the state of its
    // last event, which is in the tree.
    if (q.exec(u"SELECT a.id, a.state, (SELECT e.state FROM alert_events e WHERE e.alert_id = a.id"
               " ORDER BY e.id DESC LIMIT 1) FROM alerts a WHERE a.state <> ''"_s
               + (m_db.driverName() == u"QPSQL"_s ? QString() : u" LIMIT -1"_s))) {
        while (q.next()) {
            if (q.value(1).toString() != q.value(2).toString()) {
                problems.add(Tr::tr("alert %1 says its state is \"%2\" but its last recorded "
                                    "event says \"%3\": the state was changed outside Lakeguard")
                                 .arg(q.value(0).toLongLong())
                                 .arg(q.value(1).toString(), q.value(2).toString()));
            }
        }
    }
    for (qsizetype i = nextCp; i < pending.size(); ++i) {
        const Checkpoint &c = pending.at(i);
        problems.add(Tr::tr("checkpoint %1 covers %2 leaves but the store has %3: records were "
                            "removed")
                         .arg(c.id)
                         .arg(c.treeSize)
                         .arg(report.treeSize));
    }
    // The writer appends from the stored frontier: it must be the one the leaves give.
    if (q.exec(u"SELECT value FROM meta WHERE key = 'merkle_frontier'"_s)) {
        const QString stored = q.next() ? q.value(0).toString() : u"0"_s;
        const auto parsed = MerkleFrontier::deserialize(stored);
        if (!parsed || parsed->size() != report.treeSize || parsed->root() != report.root) {
            problems.add(Tr::tr("the stored Merkle frontier does not match the leaves"));
        }
    }
    q.finish();

    const QString latestKey = report.latest ? report.latest->keyId
                                            : (m_key ? m_key->keyId() : QString());
    if (keys.contains(latestKey)) {
        report.keyId = latestKey;
        report.publicKeyPem = keys.constFind(latestKey)->publicKeyPem();
    } else if (m_key) {
        report.keyId = m_key->keyId();
        report.publicKeyPem = m_key->publicKeyPem();
    }
    report.ok = report.problemCount == 0;
    m_db.rollback();
    rollback.armed = false;

    if (report.ok && lastGood) {
        m_verifiedState
            = VerifiedState { lastGood->checkpoint.id, lastGood->frontier, lastGood->lastRefs }
                  .format();
        report.state = m_verifiedState;
    }
    if (report.ok && saveState && lastGood) {
        if (const Status s = saveVerifiedState(m_verifiedState); !s) {
            qCWarning(lcStore) << "cannot save the verification state:" << s.error();
        }
    }
    return report;
}

Status MerkleLog::saveVerifiedState(const QString &state)
{
    const auto parsed = VerifiedState::parse(state);
    if (!parsed) {
        return Status::failure(Tr::tr("not a verification state"));
    }
    const qint64 cpId = parsed->checkpoint;
    const MerkleFrontier *frontier = &parsed->frontier;
    if (!m_db.transaction()) {
        return Status::failure(m_db.lastError().text());
    }
    TransactionGuard rollback { m_db };
    QSqlQuery q(m_db);
    q.prepare(u"SELECT tree_size, root FROM checkpoints WHERE id = ?"_s);
    q.addBindValue(cpId);
    if (!q.exec()) {
        return Status::failure(q.lastError().text());
    }
    if (!q.next() || q.value(0).toLongLong() != frontier->size()
        || q.value(1).toByteArray() != frontier->root()) {
        return Status::failure(
            Tr::tr("the verification state does not match checkpoint %1").arg(cpId));
    }
    q.finish();
    // A newer saved state stays: a slow run that started earlier must not move it back.
    if (q.exec(u"SELECT value FROM meta WHERE key = 'verified_checkpoint'"_s) && q.next()
        && q.value(0).toString().section(u' ', 0, 0).toLongLong() > cpId) {
        return Ok {};
    }
    q.finish();
    q.prepare(u"INSERT INTO meta (key, value) VALUES ('verified_checkpoint', ?)"
              " ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
    q.addBindValue(state);
    if (!q.exec()) {
        return Status::failure(q.lastError().text());
    }
    q.finish();
    if (!m_db.commit()) {
        return Status::failure(m_db.lastError().text());
    }
    rollback.armed = false;
    return Ok {};
}

QString MerkleLog::backfill(QSqlDatabase db)
{
    MerkleFrontier frontier;
    QSqlQuery insert(db);
    if (!insert.prepare(u"INSERT INTO leaves (seq, kind, ref_id, hash) VALUES (?, ?, ?, ?)"_s)) {
        return insert.lastError().text();
    }
    for (const LeafKind kind : {LeafKind::Alert, LeafKind::ChainObservation}) {
        QSqlQuery rows(db);
        rows.setForwardOnly(true);
        if (!rows.exec(u"SELECT "_s + LeafEncoding::columns(kind) + u" FROM "_s
                       + LeafEncoding::table(kind) + u" ORDER BY id"_s)) {
            return rows.lastError().text();
        }
        const int cols = LeafEncoding::columnCount(kind);
        while (rows.next()) {
            const QByteArray hash =
                merkleLeafHash(LeafEncoding::encode(kind, rowValues(rows, 0, cols)));
            insert.addBindValue(frontier.size());
            insert.addBindValue(int(kind));
            insert.addBindValue(rows.value(0).toLongLong());
            insert.addBindValue(hash);
            if (!insert.exec()) {
                return insert.lastError().text();
            }
            frontier.append(hash);
        }
    }
    QSqlQuery meta(db);
    meta.prepare(u"INSERT INTO meta (key, value) VALUES ('merkle_frontier', ?)"
                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
    meta.addBindValue(frontier.serialize());
    return meta.exec() ? QString() : meta.lastError().text();
}

} // namespace Lakeguard::Storage
