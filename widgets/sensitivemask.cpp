// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sensitivemask.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets::SensitiveMask {

namespace {

bool s_enabled = false;
constexpr QChar kDot = u'•';

// Replaces every digit and letter but the last `keep` of them (separators stay).
QString maskKeepingLast(const QString &s, int keep)
{
    QString out = s;
    int seen = 0;
    for (qsizetype i = out.size() - 1; i >= 0; --i) {
        if (!out.at(i).isLetterOrNumber() && out.at(i) != u'*') {
            continue;
        }
        if (seen++ >= keep) {
            out[i] = kDot;
        }
    }
    return out;
}

QString maskSecret(const QString &s)
{
    const qsizetype keep = s.size() > 8 ? 4 : 0;
    return s.left(keep) + QString(8, kDot);
}

template<typename F>
QString replaceAll(const QString &text, const QRegularExpression &re, F replace)
{
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += replace(m);
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

} // namespace

QString mask(const QString &text)
{
    if (text.isEmpty()) {
        return text;
    }
    // PEM private keys: the whole block.
    static const QRegularExpression pem(
        u"-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"_s);
    QString out = replaceAll(text, pem, [](const QRegularExpressionMatch &) -> QString {
        return u"-----PRIVATE KEY " + QString(8, kDot) + u"-----";
    });
    // A value after a word that says it is secret: "key 0x…", "token=…", "password: …".
    static const QRegularExpression labelled(
        u"(?i)\\b((?:api[_ -]?)?key|token|secret|password|passwd|pwd)(\\s*[=:]\\s*|\\s+)"
        "(?!(?:id|ids|of|for|to|the|a|an|was|is|in|on|and|rotation|used)\\b)"
        "(?!•)([^\\s,;\"'()]{6,})"_s);
    out = replaceAll(out, labelled, [](const QRegularExpressionMatch &m) -> QString {
        return m.captured(1) + m.captured(2) + maskSecret(m.captured(3));
    });
    // Well-known token shapes wherever they stand.
    static const QRegularExpression tokens(
        u"\\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}|\\bAKIA[0-9A-Z]{16}\\b"
        "|\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}(?:\\.[A-Za-z0-9_-]+)?"
        "|\\bya29\\.[A-Za-z0-9_-]{8,}|\\bgh[pousr]_[A-Za-z0-9]{20,}"_s);
    out = replaceAll(out, tokens,
        [](const QRegularExpressionMatch &m) -> QString { return maskSecret(m.captured(0)); });
    // IBAN: two letters, two check digits, 11–30 more (grouped by spaces or not).
    static const QRegularExpression iban(
        u"\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b"_s);
    out = replaceAll(out, iban, [](const QRegularExpressionMatch &m) -> QString {
        return maskKeepingLast(m.captured(0), 4);
    });
    // Card and account numbers: 12–19 digits (or '*') in groups of 1–6 split by single spaces or
    // dashes; not part of a longer word, an IP address or a hex string.
    static const QRegularExpression number(
        u"(?<![\\w.•])(?:[\\d*]{1,19}(?:[ -](?=[\\d*]))?){2,19}(?![\\w.]\\w)"_s);
    out = replaceAll(out, number, [](const QRegularExpressionMatch &m) -> QString {
        const QString s = m.captured(0);
        int digits = 0;
        for (const QChar c : s) {
            digits += (c.isDigit() || c == u'*') ? 1 : 0;
        }
        if (digits < 12 || digits > 19) {
            return s;
        }
        return maskKeepingLast(s, 4);
    });
    return out;
}

bool isEnabled()
{
    return s_enabled;
}

void setEnabled(bool enabled)
{
    s_enabled = enabled;
}

QString apply(const QString &text)
{
    return s_enabled ? mask(text) : text;
}

} // namespace Lakeguard::Widgets::SensitiveMask
