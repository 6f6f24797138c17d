// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "incidenttitle.h"

#include <QRegularExpression>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {

// The built-in policy's title forms, by the rule that writes them: one table for both ways.
struct Form
{
    const char *rule;
    const char *text; // the English template; tr() gives the shown one
};

constexpr Form kForms[] = {
    //: An incident's title: several alerts on one host, user or account (%1).
    { "same-entity", QT_TRANSLATE_NOOP("IncidentTitle", "Several alerts on %1") },
    //: An incident's title: many alerts of one detection rule (%1) in a short time.
    { "same-rule-wave", QT_TRANSLATE_NOOP("IncidentTitle", "Wave of %1") },
    //: An incident's title: a chain condition (%1, a rule id such as chain.lag) on a
    //: blockchain (%2).
    { "chain-condition", QT_TRANSLATE_NOOP("IncidentTitle", "%1 on chain %2") },
};

const QRegularExpression &placeholder()
{
    static const QRegularExpression re(u"%([12])"_s);
    return re;
}

// The values of `title` when it has the form of `text` (each %n one or more characters),
// in placeholder order; empty when it has not.
QStringList valuesOf(const QString &text, const QString &title)
{
    QString pattern;
    QList<int> order;
    qsizetype at = 0;
    for (auto it = placeholder().globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        pattern += QRegularExpression::escape(text.mid(at, m.capturedStart() - at)) + u"(.+)"_s;
        order << m.captured(1).toInt();
        at = m.capturedEnd();
    }
    pattern += QRegularExpression::escape(text.mid(at));
    const QRegularExpressionMatch whole = QRegularExpression(u'^' + pattern + u'$').match(title);
    if (!whole.hasMatch()) {
        return {};
    }
    // Sized by the highest number, so a catalogue that repeats a placeholder cannot overrun.
    QStringList values(order.isEmpty() ? 0 : *std::max_element(order.cbegin(), order.cend()));
    for (qsizetype i = 0; i < order.size(); ++i) {
        values[order.at(i) - 1] = whole.captured(int(i) + 1);
    }
    return values;
}

QString filled(const QString &text, const QStringList &values)
{
    return values.size() == 2 ? text.arg(values.at(0), values.at(1)) : text.arg(values.value(0));
}

QString shownText(const Form &f)
{
    return QCoreApplication::translate("IncidentTitle", f.text);
}

// `q` (a whole query, or one word of it) in the stored English: a whole title in a translated
// form, with its values put back, or the fixed words of one form alone (or a part of them of two
// characters or more). Nothing when it is neither.
std::optional<QString> storedForm(const QString &q)
{
    QList<const Form *> partial; // forms whose fixed words contain the query
    for (const Form &f : kForms) {
        const QString english = QString::fromLatin1(f.text);
        const QString shown = shownText(f);
        if (shown == english) {
            continue; // English, or not translated: the query is already the stored text
        }
        QStringList values = valuesOf(shown, q);
        if (!values.isEmpty()) {
            for (QString &v : values) {
                v = v.trimmed();
            }
            return filled(english, values);
        }
        const QString words = QString(shown).remove(placeholder()).remove(u'：').trimmed();
        if (q.size() >= 2 && words.contains(q)) {
            partial << &f;
        }
    }
    if (partial.size() == 1) {
        // The English words around the value: "Several alerts on", "Wave of", "on chain".
        return QString::fromLatin1(partial.first()->text).remove(placeholder()).trimmed();
    }
    return std::nullopt;
}

} // namespace

QString IncidentTitle::display(const QString &stored, const QString &rule)
{
    for (const Form &f : kForms) {
        if (rule == QLatin1StringView(f.rule)) {
            const QStringList values = valuesOf(QString::fromLatin1(f.text), stored);
            return values.isEmpty() ? stored : filled(shownText(f), values);
        }
    }
    return stored;
}

QString IncidentTitle::storedSearch(const QString &query)
{
    const QString q = query.trimmed();
    if (q.isEmpty()) {
        return query;
    }
    if (const std::optional<QString> whole = storedForm(q)) {
        return *whole;
    }
    // Word by word: "多条告警 db-01" is one form's fixed words and a word of the user's own.
    static const QRegularExpression space(u"\\s+"_s);
    QStringList words = q.split(space, Qt::SkipEmptyParts);
    bool mapped = false;
    if (words.size() > 1) {
        for (QString &w : words) {
            if (const std::optional<QString> stored = storedForm(w)) {
                w = *stored;
                mapped = true;
            }
        }
    }
    return mapped ? words.join(u' ') : query;
}

} // namespace Lakeguard::Widgets
