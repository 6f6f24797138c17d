// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Keyset pages of the Incidents list against the list read whole, for any store (SQLite and
// PostgreSQL tests share it).

#include "alertstore.h"

#include <QString>

#include <algorithm>

namespace Lakeguard::Test {

// Empty when pages read forward by keyset (IncidentPageAt::after), backward by keyset from the
// last page (before), and every page by offset from the nearer end (total) all give the list
// read whole, row for row; else the first way that differs and how.
inline QString keysetPagesMatch(Storage::AlertStore &s, const Storage::IncidentFilter &filter,
    Storage::IncidentSort sort, int pageSize, Core::TimestampMs now)
{
    using Storage::IncidentPageAt;
    using Storage::IncidentRow;
    const auto ids = [](const QList<IncidentRow> &rows) {
        QList<qint64> out;
        for (const IncidentRow &r : rows) {
            out << r.id.value;
        }
        return out;
    };
    const auto text = [](const QList<qint64> &list) {
        QStringList parts;
        for (const qint64 id : list) {
            parts << QString::number(id);
        }
        return parts.join(u' ');
    };
    const auto whole = s.incidents(filter, sort, -1, 0, now);
    if (!whole) {
        return whole.error();
    }
    const QList<qint64> expected = ids(*whole);
    const qint64 total = expected.size();
    if (total <= pageSize) {
        return QStringLiteral("only %1 rows: no page boundary to cross").arg(total);
    }

    QList<qint64> forward;
    IncidentPageAt at;
    for (qint64 guard = 0; guard <= total; ++guard) {
        const auto page = s.incidentPage(filter, sort, at, pageSize, now);
        if (!page) {
            return page.error();
        }
        forward << ids(*page);
        if (page->size() < pageSize) {
            break;
        }
        at.after = page->last();
    }
    if (forward != expected) {
        return QStringLiteral("forward: %1, whole: %2").arg(text(forward), text(expected));
    }

    QList<qint64> backward;
    at = {};
    at.offset = (total - 1) / pageSize * pageSize;
    at.total = total;
    for (qint64 guard = 0; guard <= total; ++guard) {
        const auto page = s.incidentPage(filter, sort, at, pageSize, now);
        if (!page) {
            return page.error();
        }
        if (page->isEmpty()) {
            break;
        }
        backward = ids(*page) + backward;
        if (at.offset == 0) {
            break;
        }
        at = {};
        at.offset = std::max<qint64>(0, total - backward.size() - pageSize);
        at.before = page->first();
    }
    if (backward != expected) {
        return QStringLiteral("backward: %1, whole: %2").arg(text(backward), text(expected));
    }

    for (qint64 offset = 0; offset < total + pageSize; offset += pageSize) {
        at = {};
        at.offset = offset;
        at.total = total;
        const auto page = s.incidentPage(filter, sort, at, pageSize, now);
        if (!page) {
            return page.error();
        }
        if (ids(*page) != expected.mid(offset, pageSize)) {
            return QStringLiteral("offset %1: %2, whole: %3")
                .arg(offset)
                .arg(text(ids(*page)), text(expected.mid(offset, pageSize)));
        }
    }
    return {};
}

} // namespace Lakeguard::Test
