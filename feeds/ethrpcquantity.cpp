// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ethrpcquantity.h"

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

namespace {
constexpr int kEtherDecimals = 18;

int hexDigit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9') {
        return u - u'0';
    }
    if (u >= u'a' && u <= u'f') {
        return u - u'a' + 10;
    }
    if (u >= u'A' && u <= u'F') {
        return u - u'A' + 10;
    }
    return -1;
}
} // namespace

std::strong_ordering operator<=>(const Uint256 &a, const Uint256 &b)
{
    for (int i = 7; i >= 0; --i) {
        if (a.m_limbs[i] != b.m_limbs[i]) {
            return a.m_limbs[i] <=> b.m_limbs[i];
        }
    }
    return std::strong_ordering::equal;
}

bool Uint256::mulAdd(quint32 factor, quint32 addend)
{
    quint64 carry = addend;
    for (quint32 &limb : m_limbs) {
        const quint64 v = quint64(limb) * factor + carry;
        limb = quint32(v);
        carry = v >> 32;
    }
    return carry == 0;
}

quint32 Uint256::divMod(quint32 divisor)
{
    quint64 rem = 0;
    for (int i = 7; i >= 0; --i) {
        const quint64 cur = (rem << 32) | m_limbs[i];
        m_limbs[i] = quint32(cur / divisor);
        rem = cur % divisor;
    }
    return quint32(rem);
}

bool Uint256::isZero() const
{
    for (quint32 limb : m_limbs) {
        if (limb != 0) {
            return false;
        }
    }
    return true;
}

std::optional<Uint256> Uint256::fromHex(QStringView text)
{
    if (!text.startsWith(u"0x"_s, Qt::CaseInsensitive)) {
        return std::nullopt;
    }
    text = text.mid(2);
    if (text.isEmpty() || text.size() > 64) {
        return std::nullopt;
    }
    Uint256 v;
    for (QChar c : text) {
        const int d = hexDigit(c);
        if (d < 0 || !v.mulAdd(16, quint32(d))) {
            return std::nullopt;
        }
    }
    return v;
}

std::optional<Uint256> Uint256::fromDecimal(QStringView text)
{
    if (text.isEmpty()) {
        return std::nullopt;
    }
    Uint256 v;
    for (QChar c : text) {
        if (!c.isDigit() || c.unicode() > 127 || !v.mulAdd(10, quint32(c.unicode() - u'0'))) {
            return std::nullopt;
        }
    }
    return v;
}

std::optional<Uint256> Uint256::fromEther(QStringView text)
{
    const qsizetype dot = text.indexOf(u'.');
    const QStringView whole = dot < 0 ? text : text.left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : text.mid(dot + 1);
    if ((whole.isEmpty() && fraction.isEmpty()) || fraction.size() > kEtherDecimals) {
        return std::nullopt;
    }
    QString digits = whole.toString() + fraction.toString();
    digits += QString(kEtherDecimals - fraction.size(), u'0');
    return fromDecimal(digits);
}

QString Uint256::toDecimal() const
{
    Uint256 v = *this;
    QString out;
    do {
        out.prepend(QChar(u'0' + v.divMod(10)));
    } while (!v.isZero());
    return out;
}

QString Uint256::toEther() const
{
    QString d = toDecimal();
    if (d.size() <= kEtherDecimals) {
        d.prepend(QString(kEtherDecimals + 1 - d.size(), u'0'));
    }
    QString whole = d.left(d.size() - kEtherDecimals);
    QString fraction = d.right(kEtherDecimals);
    while (fraction.endsWith(u'0')) {
        fraction.chop(1);
    }
    return fraction.isEmpty() ? whole : whole + u'.' + fraction;
}

qint64 hexQuantity(QStringView text)
{
    const std::optional<Uint256> v = Uint256::fromHex(text);
    if (!v || *v > Uint256(quint64(std::numeric_limits<qint64>::max()))) {
        return -1;
    }
    return qint64(v->toDecimal().toLongLong());
}

} // namespace Lakeguard::Feeds
