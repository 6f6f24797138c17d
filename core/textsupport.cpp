// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "textsupport.h"

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

// Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), or -1.
qsizetype firstInvalidUtf8(QByteArrayView b)
{
    qsizetype i = 0;
    const qsizetype n = b.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(b[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return i;
        }
        if (i + extra >= n) {
            return i;
        }
        const auto c1 = static_cast<unsigned char>(b[i + 1]);
        if (c1 < lo || c1 > hi) {
            return i;
        }
        for (int k = 2; k <= extra; ++k) {
            const auto ck = static_cast<unsigned char>(b[i + k]);
            if (ck < 0x80 || ck > 0xBF) {
                return i;
            }
        }
        i += extra + 1;
    }
    return -1;
}

} // namespace

std::optional<QString> decodeTextRecord(const QByteArray &bytes, qsizetype *badOffset)
{
    qsizetype begin = 0;
    qsizetype end = bytes.size();
    while (begin < end && (bytes[begin] == ' ' || bytes[begin] == '\t' || bytes[begin] == '\r'
                           || bytes[begin] == '\n')) {
        ++begin;
    }
    while (end > begin && (bytes[end - 1] == '\r' || bytes[end - 1] == '\n'
                           || bytes[end - 1] == '\0')) {
        --end;
    }
    const QByteArrayView view(bytes.constData() + begin, end - begin);
    const qsizetype bad = firstInvalidUtf8(view);
    if (bad >= 0) {
        if (badOffset) {
            *badOffset = begin + bad;
        }
        return std::nullopt;
    }
    return QString::fromUtf8(view);
}

QString oneLine(QStringView text, qsizetype maxChars)
{
    QString out;
    out.reserve(std::min(text.size(), maxChars + 1));
    bool pendingSpace = false;
    for (const QChar c : text) {
        if (c.isSpace()) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace) {
            out += u' ';
            pendingSpace = false;
        }
        out += c;
        if (out.size() > maxChars) {
            break;
        }
    }
    if (out.size() > maxChars) {
        out.truncate(maxChars - 1);
        if (!out.isEmpty() && out.back().isHighSurrogate()) {
            out.chop(1);
        }
        out += QChar(0x2026);
    }
    return out;
}

QString displayText(QStringView text, bool keepLineBreaks)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (keepLineBreaks && (u == u'\n' || u == u'\t')) {
            out += c;
        } else if (u < 0x20) {
            out += QChar(char16_t(0x2400 + u));
        } else if (u >= 0x7F && u < 0xA0) {
            out += QChar(char16_t(0xFFFD));
        } else if (u == 0x061C || u == 0x200E || u == 0x200F || (u >= 0x202A && u <= 0x202E)
            || (u >= 0x2066 && u <= 0x2069)) {
            out += u"<U+"_s + QString::number(u, 16).toUpper() + u'>';
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace Lakeguard::Core
