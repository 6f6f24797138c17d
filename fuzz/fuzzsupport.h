// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the fuzz targets: a byte source that splits one input into decisions
// (chunk sizes, flags) and payload, so libFuzzer mutates both.

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

#include <cstddef>
#include <cstdint>

namespace Lakeguard::Fuzz {

class Input
{
public:
    Input(const uint8_t *data, size_t size)
        : m_data(reinterpret_cast<const char *>(data))
        , m_size(qsizetype(size))
    { }

    // One byte of decisions from the front (0 when exhausted).
    quint8 byte()
    {
        if (m_pos >= m_size) {
            return 0;
        }
        return quint8(m_data[m_pos++]);
    }
    QByteArrayView rest() const { return { m_data + m_pos, m_size - m_pos }; }
    QByteArrayView take(qsizetype n)
    {
        n = qMin(n, m_size - m_pos);
        QByteArrayView v(m_data + m_pos, n);
        m_pos += n;
        return v;
    }
    bool atEnd() const { return m_pos >= m_size; }

private:
    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
};

} // namespace Lakeguard::Fuzz
