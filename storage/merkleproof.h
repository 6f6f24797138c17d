// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>

namespace Lakeguard::Storage {

// Every node of an RFC 9162 Merkle tree over a fixed number of leaves, level by level (level 0
// the leaf hashes; a level with an odd count carries its last node up unchanged, which gives
// exactly MTH's split at the largest power of two). Built once, it answers any number of
// inclusion proofs in O(log n) each. Memory: about 64 bytes per leaf.
class MerkleTreeLevels final
{
public:
    MerkleTreeLevels() = default;
    // `leafHashes`: n × 32 bytes, leaf 0 first.
    explicit MerkleTreeLevels(QByteArray leafHashes);

    qint64 size() const { return m_levels.isEmpty() ? 0 : m_levels.first().size() / 32; }
    QByteArray leafHash(qint64 index) const;
    QByteArray root() const;
    // RFC 9162 §2.1.3.1 PATH(m, D[n]): the audit path of leaf `index`, nearest sibling first.
    // Empty for a one-leaf tree; an out-of-range index gives an empty list too.
    QList<QByteArray> inclusionProof(qint64 index) const;

private:
    QList<QByteArray> m_levels; // each a run of 32-byte hashes
};

// RFC 9162 §2.1.3.2: true when `path` proves that `leafHash` is leaf `index` of the tree of
// `treeSize` leaves whose root is `root`.
bool verifyInclusion(const QByteArray &leafHash, qint64 index, qint64 treeSize,
    const QList<QByteArray> &path, const QByteArray &root);

// The first `treeSize` leaves of a store's `leaves` table (docs/tamper-evidence.md), read on the
// caller's connection (inside its read transaction for a consistent snapshot). `visit` (may be
// empty) sees every leaf's seq, kind and row id as it is read. Fails when a leaf is missing.
Result<MerkleTreeLevels> loadMerkleTree(QSqlDatabase db, qint64 treeSize,
    const std::function<void(qint64 seq, int kind, qint64 refId)> &visit = {});

} // namespace Lakeguard::Storage
