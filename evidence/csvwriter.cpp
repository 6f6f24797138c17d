// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvwriter.h"

using namespace Qt::StringLiterals;

namespace Lakeguard::Evidence::Csv {

QString cell(const QString &text)
{
    QString value = text;
    if (!value.isEmpty()) {
        const QChar first = value.front();
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t'
            || first == u'\r') {
            value.prepend(u'\'');
        }
    }
    value.replace(u"\""_s, u"\"\""_s);
    return u'"' + value + u'"';
}

QByteArray record(const QStringList &cells)
{
    QString line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0) {
            line += u',';
        }
        line += cell(cells.at(i));
    }
    line += u"\r\n"_s;
    return line.toUtf8();
}

} // namespace Lakeguard::Evidence::Csv
