// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "incidenttablemodel.h"

#include "displayclock.h"
#include "futurecallback.h"
#include "incidenttitle.h"
#include "modelroles.h"
#include "queryservice.h"
#include "sensitivemask.h"
#include "textsupport.h"
#include "theme.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFont>
#include <QLocale>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {
constexpr int kTickMs = 30'000;
}

IncidentTableModel::IncidentTableModel(Storage::QueryService *queries, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queries(queries)
{
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (rowCount() > 0) {
            emit dataChanged(index(0, DeadlineColumn), index(rowCount() - 1, DeadlineColumn));
        }
    });
    m_tick.start();
}

IncidentTableModel::~IncidentTableModel() = default;

int IncidentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(std::min<qint64>(m_count, std::numeric_limits<int>::max()));
}

int IncidentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool IncidentTableModel::isSortable(int column)
{
    return column == IdColumn || column == SeverityColumn || column == RiskColumn
        || column == DeadlineColumn || column == LastSeenColumn;
}

void IncidentTableModel::sort(int column, Qt::SortOrder)
{
    // One direction per column: the one an officer triages by. Every case assigns or returns;
    // the initial value keeps -Wmaybe-uninitialized quiet.
    // NOLINTNEXTLINE(clang-analyzer-deadcode.DeadStores)
    Storage::IncidentSort next = m_sort;
    switch (column) {
    case IdColumn:
        next = Storage::IncidentSort::IdDesc;
        break;
    case SeverityColumn:
        next = Storage::IncidentSort::SeverityDesc;
        break;
    case RiskColumn:
        next = Storage::IncidentSort::RiskDesc;
        break;
    case DeadlineColumn:
        next = Storage::IncidentSort::DeadlineAsc;
        break;
    case LastSeenColumn:
        next = Storage::IncidentSort::LastSeenDesc;
        break;
    default:
        return;
    }
    if (next != m_sort) {
        m_sort = next;
        reload();
    }
}

void IncidentTableModel::setFilter(const Storage::IncidentFilter &filter)
{
    if (filter == m_filter) {
        return;
    }
    m_filter = filter;
    reload();
}

Core::TimestampMs IncidentTableModel::referenceTime() const
{
    return m_asOf.value_or(DisplayClock::now());
}

void IncidentTableModel::setAsOf(std::optional<Core::TimestampMs> at)
{
    if (at == m_asOf) {
        return;
    }
    m_asOf = at;
    // Rows of the other time never show under this one's label while the new rows load.
    ++m_generation;
    beginResetModel();
    m_count = 0;
    m_cache.clear();
    m_inFlight.clear();
    endResetModel();
    reload();
}

QList<Storage::IncidentRow> IncidentTableModel::filteredAndSorted(
    QList<Storage::IncidentRow> rows) const
{
    const Storage::IncidentFilter &f = m_filter;
    const QStringList words = Storage::incidentSearchWords(f.search);
    rows.removeIf([&f, &words](const Storage::IncidentRow &r) {
        if (f.openOnly && !r.isOpen()) {
            return true;
        }
        if (!f.statuses.isEmpty() && !f.statuses.contains(r.status)) {
            return true;
        }
        if (f.minSeverity && r.severity < *f.minSeverity) {
            return true;
        }
        if (!f.owner.isEmpty() && r.owner != f.owner) {
            return true;
        }
        return !Storage::matchesIncidentSearch(r, words);
    });
    using S = Storage::IncidentSort;
    const S sort = m_sort;
    std::stable_sort(rows.begin(), rows.end(),
        [sort](const Storage::IncidentRow &a, const Storage::IncidentRow &b) {
            switch (sort) {
            case S::IdDesc:
                return a.id > b.id;
            case S::DeadlineAsc:
                return a.deadline != b.deadline ? a.deadline < b.deadline : a.id > b.id;
            case S::LastSeenDesc:
                return a.lastSeen != b.lastSeen ? a.lastSeen > b.lastSeen : a.id > b.id;
            case S::SeverityDesc:
            case S::RiskDesc:
                break;
            }
            // Risk is not replayed: severity, then the latest activity (the store's order).
            if (a.severity != b.severity) {
                return a.severity > b.severity;
            }
            return a.lastSeen != b.lastSeen ? a.lastSeen > b.lastSeen : a.id > b.id;
        });
    return rows;
}

void IncidentTableModel::reloadAsOf()
{
    const quint64 generation = ++m_generation;
    Core::whenFinished(m_queries->asOf(*m_asOf, Storage::AsOfIncidents), this,
        [this, generation](const Storage::Result<Storage::AsOfSnapshot> &r) {
            if (generation != m_generation) {
                return;
            }
            if (!r) {
                emit queryFailed(r.error());
                return;
            }
            const QList<Storage::IncidentRow> rows = filteredAndSorted(r->incidents);
            beginResetModel();
            m_count = rows.size();
            m_cache.clear();
            m_inFlight.clear();
            for (qsizetype first = 0; first < rows.size(); first += kPageSize) {
                m_cache.insert(int(first / kPageSize), rows.mid(first, kPageSize));
            }
            endResetModel();
            emit countChanged(m_count);
            if (m_count > 0) {
                emit pageLoaded(0);
            }
        });
}

void IncidentTableModel::reload()
{
    if (m_asOf) {
        reloadAsOf();
        return;
    }
    const quint64 generation = ++m_generation;
    Core::whenFinished(m_queries->countIncidents(m_filter), this,
        [this, generation](const Storage::Result<qint64> &r) {
            if (generation != m_generation) {
                return;
            }
            if (!r) {
                emit queryFailed(r.error());
                return;
            }
            beginResetModel();
            m_count = *r;
            m_cache.clear();
            m_inFlight.clear();
            endResetModel();
            emit countChanged(m_count);
        });
}

void IncidentTableModel::fetchPage(int page) const
{
    if (m_asOf || m_inFlight.contains(page)) { // as of a moment every row is cached
        return;
    }
    m_inFlight.insert(page);
    auto *self = const_cast<IncidentTableModel *>(this);
    const quint64 generation = m_generation;
    // Keyset from a cached neighbour: scrolling reads each page from the index at the place
    // where the one before (or after) it ended, at any depth. Jumps go by offset, from whichever
    // end of the list is nearer.
    Storage::IncidentPageAt at;
    at.offset = qint64(page) * kPageSize;
    at.total = m_count;
    if (const auto prev = m_cache.constFind(page - 1);
        prev != m_cache.cend() && prev->size() == kPageSize) {
        at.after = prev->last();
    } else if (const auto next = m_cache.constFind(page + 1);
               next != m_cache.cend() && !next->isEmpty()) {
        at.before = next->first();
    }
    Core::whenFinished(m_queries->incidents(m_filter, m_sort, at, kPageSize, referenceTime()), self,
        [self, page, generation](const Storage::Result<QList<Storage::IncidentRow>> &r) {
            if (generation != self->m_generation) {
                return;
            }
            self->m_inFlight.remove(page);
            if (!r) {
                emit self->queryFailed(r.error());
                return;
            }
            // Full: drop the page farthest from this one, so that neighbours stay for keysets.
            while (self->m_cache.size() >= kMaxCachedPages) {
                auto farthest = self->m_cache.begin();
                for (auto it = self->m_cache.begin(); it != self->m_cache.end(); ++it) {
                    if (std::abs(it.key() - page) > std::abs(farthest.key() - page)) {
                        farthest = it;
                    }
                }
                self->m_cache.erase(farthest);
            }
            self->m_cache.insert(page, *r);
            const int first = page * kPageSize;
            const int last = std::min(self->rowCount() - 1, first + int(r->size()) - 1);
            if (last >= first) {
                emit self->dataChanged(self->index(first, 0), self->index(last, ColumnCount - 1));
            }
            emit self->pageLoaded(page);
        });
}

std::optional<Storage::IncidentRow> IncidentTableModel::cachedIncident(int row) const
{
    const auto it = m_cache.constFind(row / kPageSize);
    if (it == m_cache.cend() || row % kPageSize >= it->size()) {
        return std::nullopt;
    }
    return it->at(row % kPageSize);
}

int IncidentTableModel::cachedRowOf(Core::IncidentId id) const
{
    for (auto it = m_cache.cbegin(); it != m_cache.cend(); ++it) {
        for (qsizetype i = 0; i < it->size(); ++i) {
            if (it->at(i).id == id) {
                return it.key() * kPageSize + int(i);
            }
        }
    }
    return -1;
}

void IncidentTableModel::noteVersion(Core::IncidentId id, qint64 version)
{
    for (auto it = m_cache.begin(); it != m_cache.end(); ++it) {
        for (Storage::IncidentRow &r : *it) {
            if (r.id == id && r.version < version) {
                r.version = version;
            }
        }
    }
}

QString IncidentTableModel::countdownText(Core::TimestampMs deadline, Core::TimestampMs now)
{
    const qint64 minutes = std::abs(deadline - now) / 60'000;
    const qint64 days = minutes / (24 * 60);
    const qint64 hours = (minutes / 60) % 24;
    const qint64 mins = minutes % 60;
    QString span;
    if (days > 0) {
        span = tr("%1 d %2 h").arg(days).arg(hours);
    } else if (hours > 0) {
        span = tr("%1 h %2 min").arg(hours).arg(mins);
    } else {
        span = tr("%1 min").arg(mins);
    }
    return deadline >= now ? tr("in %1", "deadline countdown").arg(span)
                           : tr("%1 overdue", "deadline passed").arg(span);
}

QString IncidentTableModel::statusName(Core::IncidentStatus s)
{
    switch (s) {
    case Core::IncidentStatus::New:
        return IncidentTableModel::tr("New", "incident status");
    case Core::IncidentStatus::Acknowledged:
        return IncidentTableModel::tr("Acknowledged");
    case Core::IncidentStatus::Investigating:
        return IncidentTableModel::tr("Investigating");
    case Core::IncidentStatus::Resolved:
        return IncidentTableModel::tr("Resolved");
    case Core::IncidentStatus::FalsePositive:
        return IncidentTableModel::tr("False positive");
    }
    return {};
}

QVariant IncidentTableModel::displayValue(const Storage::IncidentRow &r, int column) const
{
    const QLocale locale;
    switch (column) {
    case IdColumn:
        return QString(u'#' + QString::number(r.id.value));
    case SeverityColumn:
        return Core::severityDisplayName(r.severity);
    case StatusColumn: {
        QString s = statusName(r.status);
        if (r.pendingStatus) {
            s = tr("%1 (awaiting approval: %2)").arg(s, statusName(*r.pendingStatus));
        }
        return s;
    }
    case TitleColumn:
        return Core::displayText(SensitiveMask::apply(IncidentTitle::display(r.title, r.rule)));
    case OwnerColumn:
        return r.owner.isEmpty() ? tr("unassigned") : Core::displayText(r.owner);
    case AlertsColumn:
        return locale.toString(r.alerts);
    case RiskColumn:
        return locale.toString(r.risk, 'f', 1);
    case DeadlineColumn:
        return r.isOpen() ? countdownText(r.deadline, referenceTime())
                          : Theme::formatLocalTime(r.deadline, locale);
    case LastSeenColumn:
        return Theme::formatCompactTime(r.lastSeen, referenceTime(), locale);
    }
    return {};
}

QVariant IncidentTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const auto row = cachedIncident(index.row());
    if (!row) {
        fetchPage(index.row() / kPageSize);
        if (role == Qt::DisplayRole && index.column() == TitleColumn) {
            return tr("Loading…");
        }
        if (role == LoadedRole) {
            return false;
        }
        return {};
    }
    const Storage::IncidentRow &r = *row;
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(r, index.column());
    case Qt::ToolTipRole:
        if (index.column() == TitleColumn) {
            // A translated title names the stored one, which is what the search field finds.
            const QString shown = displayValue(r, index.column()).toString();
            const QString stored = Core::displayText(SensitiveMask::apply(r.title));
            return Theme::plainToolTip(
                shown == stored ? shown : tr("%1\nStored as: %2").arg(shown, stored));
        }
        if (index.column() == OwnerColumn) {
            return Theme::plainToolTip(displayValue(r, index.column()).toString());
        }
        if (index.column() == DeadlineColumn) {
            return Theme::plainToolTip(Theme::formatLocalTime(r.deadline, QLocale()));
        }
        if (index.column() == LastSeenColumn) {
            return Theme::plainToolTip(Theme::formatLocalTime(r.lastSeen, QLocale()));
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == AlertsColumn || index.column() == RiskColumn) {
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == DeadlineColumn && r.overdue(referenceTime())) {
            return Theme::failureTextColor(); // the dark mode's red is lighter
        }
        if (!r.isOpen()) {
            return Theme::mutedTextColor();
        }
        return {};
    case Qt::FontRole:
        if (index.column() == DeadlineColumn && r.overdue(referenceTime())) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case ChipColorRole:
        if (index.column() == SeverityColumn) {
            return Theme::severityColor(r.severity);
        }
        return {};
    case RawValueRole:
        switch (index.column()) {
        case IdColumn:
            return r.id.value;
        case SeverityColumn:
            return int(r.severity);
        case StatusColumn:
            return Core::incidentStatusName(r.status);
        case AlertsColumn:
            return r.alerts;
        case RiskColumn:
            return r.risk;
        case DeadlineColumn:
            return r.deadline;
        case LastSeenColumn:
            return r.lastSeen;
        default:
            return displayValue(r, index.column());
        }
    case SeverityRole:
        return int(r.severity);
    case IncidentIdRole:
        return r.id.value;
    case IncidentRole:
        return QVariant::fromValue(r);
    case OverdueRole:
        return r.overdue(referenceTime());
    case LoadedRole:
        return true;
    }
    return {};
}

QVariant IncidentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case IdColumn:
        return tr("Id");
    case SeverityColumn:
        return tr("Severity");
    case StatusColumn:
        return tr("Status");
    case TitleColumn:
        return tr("Title");
    case OwnerColumn:
        return tr("Owner");
    case AlertsColumn:
        return tr("Alerts");
    case RiskColumn:
        return tr("Risk");
    case DeadlineColumn:
        return tr("Deadline");
    case LastSeenColumn:
        return tr("Last seen");
    }
    return {};
}

void IncidentTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

bool IncidentTableModel::event(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    return QAbstractTableModel::event(event);
}

} // namespace Lakeguard::Widgets
