// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeutil.h"

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

// Reads exactly `count` digits at `pos`; -1 on failure.
int readDigits(QStringView s, qsizetype pos, int count)
{
    if (pos + count > s.size()) {
        return -1;
    }
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = s[pos + i];
        if (!c.isDigit() || c.unicode() > 127) {
            return -1;
        }
        v = v * 10 + (c.unicode() - '0');
    }
    return v;
}

} // namespace

std::optional<TimestampMs> parseIsoTimestamp(QStringView s)
{
    s = s.trimmed();
    // YYYY-MM-DDTHH:MM:SS
    if (s.size() < 19 || s[4] != u'-' || s[7] != u'-' || (s[10] != u'T' && s[10] != u' ')
        || s[13] != u':' || s[16] != u':') {
        return std::nullopt;
    }
    const int year = readDigits(s, 0, 4);
    const int month = readDigits(s, 5, 2);
    const int day = readDigits(s, 8, 2);
    const int hour = readDigits(s, 11, 2);
    const int minute = readDigits(s, 14, 2);
    const int second = readDigits(s, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
        return std::nullopt;
    }
    const QDate date(year, month, day);
    if (!date.isValid() || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    qsizetype pos = 19;
    int millis = 0;
    if (pos < s.size() && (s[pos] == u'.' || s[pos] == u',')) {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos].isDigit() && s[pos].unicode() < 128) {
            if (digits < 3) {
                millis = millis * 10 + (s[pos].unicode() - '0');
            }
            ++digits;
            ++pos;
        }
        if (digits == 0) {
            return std::nullopt;
        }
        for (int d = digits; d < 3; ++d) {
            millis *= 10;
        }
    }
    int offsetSeconds = 0;
    if (pos < s.size()) {
        const QChar sign = s[pos];
        if (sign == u'Z' || sign == u'z') {
            ++pos;
        } else if (sign == u'+' || sign == u'-') {
            const int oh = readDigits(s, pos + 1, 2);
            qsizetype mpos = pos + 3;
            if (mpos < s.size() && s[mpos] == u':') {
                ++mpos;
            }
            const int om = readDigits(s, mpos, 2);
            if (oh < 0 || om < 0 || oh > 23 || om > 59) {
                return std::nullopt;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (sign == u'-' ? -1 : 1);
            pos = mpos + 2;
        } else {
            return std::nullopt;
        }
    }
    if (pos != s.size()) {
        return std::nullopt;
    }
    const QDateTime dt(date, QTime(hour, minute, std::min(second, 59)), QTimeZone::utc());
    return dt.toMSecsSinceEpoch() + millis - qint64(offsetSeconds) * 1000;
}

QString formatIsoTimestamp(TimestampMs ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s)
        + u'Z';
}

TimestampMs nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace Lakeguard::Core
