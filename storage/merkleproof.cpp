// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "merkleproof.h"

#include "merkletree.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

constexpr qsizetype kHash = 32;

QByteArray hashAt(const QByteArray &level, qint64 i)
{
    return level.mid(i * kHash, kHash);
}

} // namespace

MerkleTreeLevels::MerkleTreeLevels(QByteArray leafHashes)
{
    if (leafHashes.isEmpty() || leafHashes.size() % kHash != 0) {
        return;
    }
    m_levels.append(std::move(leafHashes));
    while (m_levels.constLast().size() > kHash) {
        const QByteArray &below = m_levels.constLast();
        const qint64 n = below.size() / kHash;
        QByteArray up;
        up.reserve(((n + 1) / 2) * kHash);
        for (qint64 i = 0; i + 1 < n; i += 2) {
            up.append(merkleNodeHash(hashAt(below, i), hashAt(below, i + 1)));
        }
        if (n % 2 == 1) {
            up.append(hashAt(below, n - 1));
        }
        m_levels.append(up);
    }
}

QByteArray MerkleTreeLevels::leafHash(qint64 index) const
{
    if (index < 0 || index >= size()) {
        return {};
    }
    return hashAt(m_levels.first(), index);
}

QByteArray MerkleTreeLevels::root() const
{
    return m_levels.isEmpty() ? merkleEmptyRoot() : m_levels.constLast();
}

QList<QByteArray> MerkleTreeLevels::inclusionProof(qint64 index) const
{
    QList<QByteArray> path;
    if (index < 0 || index >= size()) {
        return path;
    }
    for (qsizetype l = 0; l + 1 < m_levels.size(); ++l) {
        const qint64 count = m_levels.at(l).size() / kHash;
        const qint64 sibling = index ^ 1;
        // A node without a right sibling is carried up: it adds nothing to the path.
        if (sibling < count) {
            path.append(hashAt(m_levels.at(l), sibling));
        }
        index >>= 1;
    }
    return path;
}

bool verifyInclusion(const QByteArray &leafHash, qint64 index, qint64 treeSize,
    const QList<QByteArray> &path, const QByteArray &root)
{
    if (index < 0 || index >= treeSize || leafHash.size() != kHash || root.size() != kHash) {
        return false;
    }
    qint64 fn = index;
    qint64 sn = treeSize - 1;
    QByteArray r = leafHash;
    for (const QByteArray &p : path) {
        if (sn == 0 || p.size() != kHash) {
            return false;
        }
        if ((fn & 1) == 1 || fn == sn) {
            r = merkleNodeHash(p, r);
            if ((fn & 1) == 0) {
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            r = merkleNodeHash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && r == root;
}

Result<MerkleTreeLevels> loadMerkleTree(QSqlDatabase db, qint64 treeSize,
    const std::function<void(qint64 seq, int kind, qint64 refId)> &visit)
{
    using R = Result<MerkleTreeLevels>;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT seq, kind, ref_id, hash FROM leaves WHERE seq < ? ORDER BY seq"_s);
    q.addBindValue(treeSize);
    if (!q.exec()) {
        return R::failure(q.lastError().text());
    }
    QByteArray hashes;
    hashes.reserve(treeSize * kHash);
    qint64 expected = 0;
    while (q.next()) {
        const qint64 seq = q.value(0).toLongLong();
        const QByteArray hash = q.value(3).toByteArray();
        if (seq != expected || hash.size() != kHash) {
            return R::failure(
                Tr::tr("leaf %1 is missing or damaged; run 'lakeguard-cli verify'").arg(expected));
        }
        if (visit) {
            visit(seq, q.value(1).toInt(), q.value(2).toLongLong());
        }
        hashes.append(hash);
        ++expected;
    }
    if (expected != treeSize) {
        return R::failure(Tr::tr("the store has %1 leaves but the checkpoint covers %2; run "
                                 "'lakeguard-cli verify'")
                              .arg(expected)
                              .arg(treeSize));
    }
    return MerkleTreeLevels(std::move(hashes));
}

} // namespace Lakeguard::Storage
