// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the file-feed tests share: numbered JSON lines and appending them to a log.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace Lakeguard::Test {

// Lines `from` … `to - 1` in the contract's JSON-lines shape, titled "line N", one ms apart.
inline QByteArray jsonLines(int from, int to)
{
    QByteArray out;
    for (int i = from; i < to; ++i) {
        out += "{\"ts\":" + QByteArray::number(1'767'225'600'000LL + i) + ",\"title\":\"line "
            + QByteArray::number(i) + "\"}\n";
    }
    return out;
}

inline bool appendTo(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Append) && f.write(data) == data.size();
}

} // namespace Lakeguard::Test
