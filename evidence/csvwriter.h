// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Lakeguard::Evidence {

// RFC 4180 CSV that a spreadsheet cannot mistake for formulas (OWASP "CSV Injection"): a cell
// that begins with = + - @ TAB or CR gets a leading apostrophe, every cell is quoted with inner
// quotes doubled, and records end in CRLF.
namespace Csv {

QString cell(const QString &text);
// One record: the cells joined with commas, CRLF at the end, as UTF-8.
QByteArray record(const QStringList &cells);

} // namespace Csv

} // namespace Lakeguard::Evidence
