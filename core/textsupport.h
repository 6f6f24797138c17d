// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Lakeguard::Core {

// Decodes a text record (syslog, CEF) as strict UTF-8 after dropping the framing bytes around
// it (leading blanks, trailing CR, LF, NUL). On invalid UTF-8 returns nullopt and sets
// `badOffset` to the byte offset of the first invalid sequence in `bytes`.
std::optional<QString> decodeTextRecord(const QByteArray &bytes, qsizetype *badOffset);

// `text` on one line: runs of whitespace (newlines included) become one space, trimmed, cut to
// at most `maxChars` characters (with "…" when cut).
QString oneLine(QStringView text, qsizetype maxChars);

} // namespace Lakeguard::Core
