// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "logsupport.h"

#include <QByteArray>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

bool isBidiControl(char16_t c)
{
    return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
}

void logHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray line = formatLogLine(type, context, message).toUtf8() + '\n';
    (void)std::fwrite(line.constData(), 1, size_t(line.size()), stderr); // nowhere to report to
    (void)std::fflush(stderr);
}

} // namespace

QString escapeLogText(QStringView text)
{
    QString out;
    out.reserve(text.size());
    // Every character escaped here is in the BMP: surrogate pairs pass through unchanged.
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        switch (c) {
        case u'\\':
            out += u"\\\\"_s;
            continue;
        case u'\n':
            out += u"\\n"_s;
            continue;
        case u'\r':
            out += u"\\r"_s;
            continue;
        case u'\t':
            out += u"\\t"_s;
            continue;
        default:
            break;
        }
        if (c < 0x20 || (c >= 0x7F && c < 0xA0) || isBidiControl(c)) {
            out += u"\\u{"_s + QString::number(uint(c), 16).toUpper().rightJustified(4, u'0')
                + u'}';
        } else {
            out += ch;
        }
    }
    return out;
}

QString formatLogLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    return escapeLogText(qFormatLogMessage(type, context, message));
}

void installLogHandler()
{
    qInstallMessageHandler(logHandler);
}

} // namespace Lakeguard::Core
