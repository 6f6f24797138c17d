// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <compare>
#include <optional>

namespace Lakeguard::Feeds {

// An unsigned 256-bit integer: Ethereum quantities (wei) are uint256, so amounts are never
// doubles. Only what the chain monitor needs: parse hex and decimal, compare, print.
class Uint256
{
public:
    Uint256() = default;
    explicit Uint256(quint64 v)
    {
        m_limbs[0] = quint32(v);
        m_limbs[1] = quint32(v >> 32);
    }

    // "0x…" (JSON-RPC QUANTITY, at most 64 hex digits); nullopt when malformed or too large.
    static std::optional<Uint256> fromHex(QStringView text);
    // Decimal digits only.
    static std::optional<Uint256> fromDecimal(QStringView text);
    // A decimal amount of ether ("100", "0.5", "1e3" is refused) → wei (× 10^18); at most 18
    // fraction digits.
    static std::optional<Uint256> fromEther(QStringView text);

    QString toDecimal() const;
    // Wei as ether with the fraction trimmed: 1500000000000000000 → "1.5".
    QString toEther() const;
    bool isZero() const;

    friend bool operator==(const Uint256 &, const Uint256 &) = default;
    friend std::strong_ordering operator<=>(const Uint256 &a, const Uint256 &b);

private:
    bool mulAdd(quint32 factor, quint32 addend); // false on overflow
    quint32 divMod(quint32 divisor); // in place; returns the remainder

    std::array<quint32, 8> m_limbs {}; // little-endian 32-bit limbs
};

// A JSON-RPC QUANTITY that fits in 63 bits (block numbers, counts): -1 when malformed.
qint64 hexQuantity(QStringView text);

} // namespace Lakeguard::Feeds
