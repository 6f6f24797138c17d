// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "merkletree.h"

#include "signing.h"

#include <bit>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

QByteArray merkleLeafHash(QByteArrayView data)
{
    return sha256({QByteArrayView("\x00", 1), data});
}

QByteArray merkleNodeHash(const QByteArray &left, const QByteArray &right)
{
    return sha256({QByteArrayView("\x01", 1), left, right});
}

QByteArray merkleEmptyRoot()
{
    return sha256({});
}

void MerkleFrontier::append(const QByteArray &leafHash)
{
    // Like incrementing a binary counter: each trailing 1 bit of the old size is a perfect
    // subtree of the same height as the carry, so they merge.
    QByteArray carry = leafHash;
    for (qint64 s = m_size; s & 1; s >>= 1) {
        carry = merkleNodeHash(m_nodes.takeLast(), carry);
    }
    m_nodes.append(carry);
    ++m_size;
}

QByteArray MerkleFrontier::root() const
{
    if (m_nodes.isEmpty()) {
        return merkleEmptyRoot();
    }
    // RFC 9162 splits at the largest power of two below n, so the left part is always the
    // largest perfect subtree: folding from the right edge reproduces MTH exactly.
    QByteArray acc = m_nodes.constLast();
    for (qsizetype i = m_nodes.size() - 2; i >= 0; --i) {
        acc = merkleNodeHash(m_nodes.at(i), acc);
    }
    return acc;
}

QString MerkleFrontier::serialize() const
{
    QString out = QString::number(m_size);
    for (const QByteArray &n : m_nodes) {
        out += u' ' + QString::fromLatin1(n.toHex());
    }
    return out;
}

std::optional<MerkleFrontier> MerkleFrontier::deserialize(const QString &text)
{
    const QStringList parts = text.split(u' ', Qt::SkipEmptyParts);
    if (parts.isEmpty()) {
        return std::nullopt;
    }
    bool ok = false;
    MerkleFrontier f;
    f.m_size = parts.first().toLongLong(&ok);
    if (!ok || f.m_size < 0 || std::popcount(quint64(f.m_size)) != parts.size() - 1) {
        return std::nullopt;
    }
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray node = QByteArray::fromHex(parts.at(i).toLatin1());
        if (node.size() != 32) {
            return std::nullopt;
        }
        f.m_nodes.append(node);
    }
    return f;
}

} // namespace Lakeguard::Storage
