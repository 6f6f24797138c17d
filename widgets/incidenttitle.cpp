// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "incidenttitle.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

QString IncidentTitle::display(const QString &stored, const QString &rule)
{
    // The value sits after a fixed English prefix, or before a fixed infix: exactly the
    // built-in templates' forms, so nothing else is rewritten.
    const auto after = [&](QStringView prefix) -> QString {
        return stored.size() > prefix.size() && stored.startsWith(prefix)
            ? stored.mid(prefix.size())
            : QString();
    };
    if (rule == u"same-entity") {
        if (const QString entity = after(u"Several alerts on "); !entity.isEmpty()) {
            //: An incident's title: several alerts on one host, user or account (%1).
            return tr("Several alerts on %1").arg(entity);
        }
    } else if (rule == u"same-rule-wave") {
        if (const QString detection = after(u"Wave of "); !detection.isEmpty()) {
            //: An incident's title: many alerts of one detection rule (%1) in a short time.
            return tr("Wave of %1").arg(detection);
        }
    } else if (rule == u"chain-condition") {
        const qsizetype at = stored.indexOf(u" on chain "_s);
        if (at > 0 && at + 10 < stored.size()) {
            //: An incident's title: a chain condition (%1, a rule id such as chain.lag) on a
            //: blockchain (%2).
            return tr("%1 on chain %2").arg(stored.left(at), stored.mid(at + 10));
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
    // The templates display() translates (the same source texts, so the same translations).
    static const char *const kTemplates[]
        = { "Several alerts on %1", "Wave of %1", "%1 on chain %2" };
    static const QRegularExpression placeholder(u"%([12])"_s);
    QList<qsizetype> partial; // templates whose fixed words contain the query
    for (qsizetype t = 0; t < qsizetype(std::size(kTemplates)); ++t) {
        const QString english = QString::fromLatin1(kTemplates[t]);
        // A variable source text: translate() (lupdate takes the literals from display()).
        const QString shown = QCoreApplication::translate("IncidentTitle", kTemplates[t]);
        if (shown == english) {
            continue; // English, or not translated: the query is already the stored text
        }
        // The whole title as shown: its values, put back into the English.
        QString pattern;
        QList<int> order;
        qsizetype at = 0;
        for (auto it = placeholder.globalMatch(shown); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            pattern
                += QRegularExpression::escape(shown.mid(at, m.capturedStart() - at)) + u"(.+)"_s;
            order << m.captured(1).toInt();
            at = m.capturedEnd();
        }
        pattern += QRegularExpression::escape(shown.mid(at));
        const QRegularExpressionMatch whole = QRegularExpression(u'^' + pattern + u'$').match(q);
        if (whole.hasMatch()) {
            QStringList values(order.size());
            for (qsizetype i = 0; i < order.size(); ++i) {
                values[order.at(i) - 1] = whole.captured(int(i) + 1).trimmed();
            }
            return values.size() == 2 ? english.arg(values.at(0), values.at(1))
                                      : english.arg(values.at(0));
        }
        // Only the fixed words (or a part of them of two characters or more).
        const QString words = QString(shown).remove(placeholder).remove(u'：').trimmed();
        if (q.size() >= 2 && words.contains(q)) {
            partial << t;
        }
    }
    if (partial.size() == 1) {
        // The English words around the value: "Several alerts on", "Wave of", "on chain".
        return QString::fromLatin1(kTemplates[partial.first()]).remove(placeholder).trimmed();
    }
    return query;
}

} // namespace Lakeguard::Widgets
