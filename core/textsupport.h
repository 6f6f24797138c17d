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

// Untrusted `text` made harmless for display in a plain-text widget: control characters become
// their visible Control Pictures (U+2400…, "␊" for LF; LF and TAB kept when `keepLineBreaks`),
// DEL and C1 controls become U+FFFD, and bidirectional formatting characters (U+061C, U+200E/F,
// U+202A–U+202E, U+2066–U+2069) become a visible "<U+202E>" so they cannot reorder the text
// around them (a file name "invoice\u202Efdp.exe" shows as "invoice<U+202E>fdp.exe").
QString displayText(QStringView text, bool keepLineBreaks = false);

} // namespace Lakeguard::Core
