// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace Lakeguard::Widgets {

// The titles the built-in incident policy writes (core/resources/incident-policy.json) are
// English sentences around a value: "Several alerts on {entity}", "Wave of {rule}",
// "{rule} on chain {chain}". The store keeps them as written (they are signed, exported and
// searched as stored); the console shows them in its language. `rule` is the correlation rule
// that titled the incident (IncidentRow::rule). A title that is not in its rule's built-in form
// (a site's own policy, the first alert's own title, a split) is shown as stored.
class IncidentTitle final
{
    Q_DECLARE_TR_FUNCTIONS(IncidentTitle)

public:
    static QString display(const QString &stored, const QString &rule);
    // The Incidents search runs on the stored titles: a query typed as the console shows them
    // ("db-01 上的多条告警", or just "多条告警") becomes the stored English ("Several alerts
    // on db-01", "Several alerts on"). The search matches word by word, so each word of a longer
    // query is mapped on its own too ("多条告警 db-01" → "Several alerts on db-01"). Anything
    // else, and every query in English, is returned as typed.
    static QString storedSearch(const QString &query);
};

} // namespace Lakeguard::Widgets
