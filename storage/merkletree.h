// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Lakeguard::Storage {

// RFC 9162 §2.1.1 hashing with SHA-256: leaf = H(0x00 || data), node = H(0x01 || left || right).
QByteArray merkleLeafHash(QByteArrayView data);
QByteArray merkleNodeHash(const QByteArray &left, const QByteArray &right);
QByteArray merkleEmptyRoot();   // MTH({}) = SHA-256 of the empty string

// The right edge of an append-only Merkle tree: the roots of its perfect subtrees, largest
// (leftmost) first — one per set bit of the size. Appending is O(log n) and the root of the
// whole tree (RFC 9162 MTH) follows from the frontier alone, without rereading leaves.
class MerkleFrontier final
{
public:
    void append(const QByteArray &leafHash);
    QByteArray root() const;
    qint64 size() const { return m_size; }
    const QList<QByteArray> &nodes() const { return m_nodes; }

    // "SIZE HEX HEX …": what the store keeps in meta. nullopt when the text is malformed
    // (wrong count of nodes for the size, a node that is not 32 bytes).
    QString serialize() const;
    static std::optional<MerkleFrontier> deserialize(const QString &text);

    friend bool operator==(const MerkleFrontier &, const MerkleFrontier &) = default;

private:
    QList<QByteArray> m_nodes;
    qint64 m_size = 0;
};

} // namespace Lakeguard::Storage
