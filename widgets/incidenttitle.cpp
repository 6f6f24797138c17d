// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "incidenttitle.h"

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

} // namespace Lakeguard::Widgets
