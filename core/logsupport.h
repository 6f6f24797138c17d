// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>
#include <QtGlobal>

namespace Lakeguard::Core {

// `text` safe for one log line: backslash, CR, LF and TAB become \\, \r, \n, \t; every other
// control character (C0, DEL, C1) and every bidirectional formatting character (U+200E/F,
// U+202A–U+202E, U+2066–U+2069) becomes \u{XXXX}. Untrusted text (alert fields, feed errors,
// peer answers) cannot start a forged log line or reorder what a terminal shows.
QString escapeLogText(QStringView text);

// The line the Lakeguard message handler writes for one message (without the final newline):
// Qt's message pattern (QT_MESSAGE_PATTERN) applied, then escapeLogText().
QString formatLogLine(QtMsgType type, const QMessageLogContext &context, const QString &message);

// Installs the handler that writes formatLogLine() + "\n" to stderr (both executables do).
void installLogHandler();

} // namespace Lakeguard::Core
