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

int monthFromAbbreviation(QStringView text)
{
    static constexpr QStringView months[] = {u"jan", u"feb", u"mar", u"apr", u"may", u"jun",
                                             u"jul", u"aug", u"sep", u"oct", u"nov", u"dec"};
    if (text.size() != 3) {
        return 0;
    }
    for (int i = 0; i < 12; ++i) {
        if (text.compare(months[i], Qt::CaseInsensitive) == 0) {
            return i + 1;
        }
    }
    return 0;
}

std::optional<TimestampMs> parseBsdTimestamp(QStringView s, TimestampMs reference,
                                             qsizetype *length)
{
    // Mmm SP (SP d | dd) SP hh:mm:ss
    if (s.size() < 14 || s[3] != u' ') {
        return std::nullopt;
    }
    const int month = monthFromAbbreviation(s.first(3));
    if (month == 0) {
        return std::nullopt;
    }
    qsizetype pos = 4;
    if (s[pos] == u' ') {
        ++pos;
    }
    int day = readDigits(s, pos, 2);
    if (day >= 0) {
        pos += 2;
    } else if ((day = readDigits(s, pos, 1)) >= 0) {
        pos += 1;
    } else {
        return std::nullopt;
    }
    if (pos + 9 > s.size() || s[pos] != u' ' || s[pos + 3] != u':' || s[pos + 6] != u':') {
        return std::nullopt;
    }
    const int hour = readDigits(s, pos + 1, 2);
    const int minute = readDigits(s, pos + 4, 2);
    const int second = readDigits(s, pos + 7, 2);
    if (hour < 0 || minute < 0 || second < 0 || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    pos += 9;
    int millis = 0;
    if (pos + 1 < s.size() && s[pos] == u'.' && s[pos + 1].isDigit()) {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos].isDigit() && s[pos].unicode() < 128) {
            if (digits < 3) {
                millis = millis * 10 + (s[pos].unicode() - '0');
            }
            ++digits;
            ++pos;
        }
        for (int d = digits; d < 3; ++d) {
            millis *= 10;
        }
    }
    // The newest year that does not put the event more than a day after the reference; Feb 29
    // steps back to the last leap year.
    const TimestampMs slack = 24 * 3600 * 1000;
    const int refYear = QDateTime::fromMSecsSinceEpoch(reference, QTimeZone::utc()).date().year();
    for (int year = refYear + 1; year >= refYear - 8; --year) {
        const QDate date(year, month, day);
        if (!date.isValid()) {
            continue;
        }
        const TimestampMs ms =
            QDateTime(date, QTime(hour, minute, std::min(second, 59)), QTimeZone::utc())
                .toMSecsSinceEpoch()
            + millis;
        if (ms <= reference + slack) {
            if (length) {
                *length = pos;
            }
            return ms;
        }
    }
    return std::nullopt;
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
