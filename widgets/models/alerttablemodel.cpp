// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerttablemodel.h"

#include "futurecallback.h"
#include "sensitivemask.h"

#include "modelroles.h"
#include "queryservice.h"
#include "textsupport.h"
#include "theme.h"

#include <QEvent>
#include <QLocale>
#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAlertModel, "lakeguard.widgets.alertmodel")

namespace Lakeguard::Widgets {

namespace {

constexpr int kMaxStaleSegments = 2 * AlertTableModel::kMaxCachedPages;

bool isNewestFirst(Storage::AlertSort sort)
{
    return sort == Storage::AlertSort::TimeDesc;
}

} // namespace

AlertTableModel::AlertTableModel(Storage::QueryService *queries, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queries(queries)
{
    m_fetchTimer.setSingleShot(true);
    m_fetchTimer.setInterval(0);
    connect(&m_fetchTimer, &QTimer::timeout, this, &AlertTableModel::fetchWanted);
    reload();
}

AlertTableModel::~AlertTableModel() = default;

int AlertTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int AlertTableModel::rowsInWindow() const
{
    return int(std::clamp<qint64>(m_count - m_base, 0, m_windowRows));
}

void AlertTableModel::setWindowRows(int rows)
{
    m_windowRows = std::max(rows, 1);
}

qint64 AlertTableModel::maxWindowStart() const
{
    return std::max<qint64>(m_count - m_windowRows, 0);
}

int AlertTableModel::modelRowOf(qint64 storeRow) const
{
    const qint64 row = storeRow - m_base;
    return row >= 0 && row < m_rows ? int(row) : -1;
}

qint64 AlertTableModel::setWindowStart(qint64 start)
{
    start = std::clamp<qint64>(start, 0, maxWindowStart());
    if (start == m_base || m_resetPending) {
        return m_base;
    }
    // Only rows move, so the horizontal header can skip its bookkeeping (VerticalSortHint).
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const qint64 shift = m_base - start;
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before) {
        const qint64 row = index.row() + shift;
        after.append(
            row >= 0 && row < m_rows ? createIndex(int(row), index.column()) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    m_base = start;
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    return m_base;
}

int AlertTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Core::Alert *AlertTableModel::alertForStoreRow(qint64 row) const
{
    const auto it = m_cache.constFind(int(row / kPageSize));
    if (it != m_cache.cend()) {
        const int offset = int(row % kPageSize);
        if (offset < it->alerts.size()) {
            it->lastUse = ++m_useClock;
            return &it->alerts.at(offset);
        }
        return nullptr;
    }
    return nullptr;
}

std::optional<Core::Alert> AlertTableModel::cachedAlert(int row) const
{
    if (row < 0 || row >= m_rows) {
        return std::nullopt;
    }
    if (const Core::Alert *a = alertForStoreRow(m_base + row)) {
        return *a;
    }
    return std::nullopt;
}

int AlertTableModel::cachedRowOf(Core::AlertId id) const
{
    for (auto it = m_cache.cbegin(); it != m_cache.cend(); ++it) {
        for (int i = 0; i < it->alerts.size(); ++i) {
            if (it->alerts.at(i).id == id) {
                return modelRowOf(qint64(it.key()) * kPageSize + i);
            }
        }
    }
    return -1;
}

QVariant AlertTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const qint64 row = m_base + index.row();
    const Core::Alert *alert = alertForStoreRow(row);
    if (!alert) {
        requestPage(int(row / kPageSize));
        for (const StaleSegment &segment : m_stale) {
            const qint64 offset = row - segment.firstRow;
            if (offset >= 0 && offset < segment.alerts.size()) {
                alert = &segment.alerts.at(int(offset));
                break;
            }
        }
    }
    if (role == LoadedRole) {
        return alert != nullptr;
    }
    if (!alert) {
        if (role == Qt::DisplayRole) {
            return u"…"_s;
        }
        if (role == Qt::ForegroundRole) {
            return Theme::mutedTextColor();
        }
        return {};
    }

    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(*alert, column);
    case Qt::ToolTipRole:
        if (column == TimeColumn) {
            return Core::formatIsoTimestamp(alert->ts);
        }
        if (column == TitleColumn) {
            return Theme::plainToolTip(alert->title);
        }
        return {};
    case ChipColorRole:
        if (column == SeverityColumn) {
            return Theme::severityColor(alert->severity);
        }
        return {};
    case RawValueRole:
        switch (column) {
        case TimeColumn:
            return alert->ts;
        case SeverityColumn:
            return int(alert->severity);
        case CategoryColumn:
            return Core::categoryName(alert->category);
        default:
            return displayValue(*alert, column);
        }
    case AlertIdRole:
        return alert->id.value;
    case TimestampRole:
        return alert->ts;
    case SeverityRole:
        return int(alert->severity);
    case AlertRole:
        return QVariant::fromValue(*alert);
    default:
        return {};
    }
}

// Alert text is untrusted: control and bidi formatting characters are shown, not obeyed.
QVariant AlertTableModel::displayValue(const Core::Alert &alert, int column) const
{
    switch (column) {
    case TimeColumn:
        return m_compactTimeReference
            ? Theme::formatCompactTime(alert.ts, *m_compactTimeReference, QLocale())
            : Theme::formatLocalTime(alert.ts, QLocale());
    case SeverityColumn:
        return Core::severityDisplayName(alert.severity);
    case CategoryColumn:
        return Core::categoryDisplayName(alert.category);
    case FeedColumn:
        return Core::displayText(alert.feed);
    case RuleColumn:
        return Core::displayText(alert.rule);
    case TitleColumn:
        return Core::displayText(SensitiveMask::apply(alert.title));
    case EntityColumn:
        return Core::displayText(SensitiveMask::apply(alert.entity));
    case SourceIpColumn:
        return Core::displayText(alert.srcIp);
    case DestIpColumn:
        return Core::displayText(alert.dstIp);
    default:
        return {};
    }
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TimeColumn:
            return tr("Time");
        case SeverityColumn:
            return tr("Severity");
        case CategoryColumn:
            return tr("Category");
        case FeedColumn:
            return tr("Feed");
        case RuleColumn:
            return tr("Rule");
        case TitleColumn:
            return tr("Title");
        case EntityColumn:
            return tr("Entity");
        case SourceIpColumn:
            return tr("Source IP");
        case DestIpColumn:
            return tr("Dest IP", "destination IP address");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (section == TimeColumn) {
            return tr("Event time in your local time zone; click to sort by time.");
        }
        if (section == SeverityColumn) {
            return tr("Click to sort by severity, then time.");
        }
        return tr("This column is not sortable: sort by Time or Severity.");
    }
    return {};
}

bool AlertTableModel::isSortable(int column)
{
    return column == TimeColumn || column == SeverityColumn;
}

void AlertTableModel::sort(int column, Qt::SortOrder order)
{
    const bool descending = order == Qt::DescendingOrder;
    if (column == TimeColumn) {
        setSortOrder(descending ? Storage::AlertSort::TimeDesc : Storage::AlertSort::TimeAsc);
    } else if (column == SeverityColumn) {
        setSortOrder(
            descending ? Storage::AlertSort::SeverityDesc : Storage::AlertSort::SeverityAsc);
    }
}

void AlertTableModel::setFilter(const Storage::AlertFilter &filter)
{
    if (filter == m_filter) {
        return;
    }
    m_filter = filter;
    reload();
}

void AlertTableModel::setSortOrder(Storage::AlertSort sort)
{
    if (sort == m_sort) {
        return;
    }
    m_sort = sort;
    reload();
}

void AlertTableModel::reload()
{
    // Pages of the previous filter still arriving are dropped by the generation check.
    ++m_generation;
    m_resetPending = true;
    m_jumpsPrepared = false;
    m_inFlight.clear();
    m_wanted.clear();
    startCount(CountPurpose::Reset);
}

void AlertTableModel::refresh()
{
    if (m_resetPending || m_countInFlight) {
        m_refreshPending = true;
        return;
    }
    startCount(CountPurpose::Live);
}

void AlertTableModel::startCount(CountPurpose purpose)
{
    m_countInFlight = true;
    const quint64 generation = m_generation;
    Core::whenFinished(m_queries->countAlerts(m_filter), this,
        [this, generation, purpose](
            const Storage::Result<qint64> &r) { onCounted(generation, purpose, r); });
}

void AlertTableModel::onCounted(
    quint64 generation, CountPurpose purpose, const Storage::Result<qint64> &r)
{
    if (generation != m_generation) {
        return; // a reload superseded this count; its own count is on the way
    }
    m_countInFlight = false;
    if (!r.ok()) {
        qCWarning(lcAlertModel) << "count failed:" << r.error();
        m_resetPending = false;
        emit queryFailed(r.error());
        return;
    }

    if (purpose == CountPurpose::Reset) {
        beginResetModel();
        m_count = r.value();
        m_base = 0;
        m_rows = rowsInWindow();
        m_cache.clear();
        m_stale.clear();
        m_wanted.clear();
        m_resetPending = false;
        endResetModel();
        emit countChanged(m_count);
        if (m_count > 0) {
            requestPage(0);
        }
    } else {
        applyLiveCount(r.value());
    }

    if (m_refreshPending) {
        m_refreshPending = false;
        refresh();
    }
}

void AlertTableModel::applyLiveCount(qint64 count)
{
    if (count == m_count) {
        return; // alerts are immutable: same count, same rows
    }
    if (count < m_count) {
        // Rows vanished (retention, another writer): nothing to keep in place.
        ++m_generation;
        m_inFlight.clear();
        beginResetModel();
        m_count = count;
        m_base = std::min(m_base, maxWindowStart());
        m_rows = rowsInWindow();
        m_cache.clear();
        m_stale.clear();
        m_wanted.clear();
        endResetModel();
        emit countChanged(m_count);
        return;
    }

    const qint64 added = count - m_count;
    // Every cached page may now sit at other rows: refetch what is visible, keep the old
    // contents as a fallback so the view does not flash placeholders.
    ++m_generation;
    m_inFlight.clear();
    m_wanted.clear();
    if (isNewestFirst(m_sort)) {
        if (m_base > 0) {
            // The window moves down with its alerts: the same rows, no signal but the count.
            m_base += added;
            moveCacheToStale(added);
            m_count = count;
        } else {
            // At the top: the new rows are inserted, and as many leave at the window's end.
            const int inserted = int(std::min<qint64>(added, m_windowRows));
            const int overflow = m_rows + inserted - m_windowRows;
            if (overflow > 0) {
                beginRemoveRows({}, m_rows - overflow, m_rows - 1);
                m_rows -= overflow;
                endRemoveRows();
            }
            // The rows move inside the insert bracket, so observers see the old layout before.
            beginInsertRows({}, 0, inserted - 1);
            moveCacheToStale(added);
            m_count = count;
            m_rows += inserted;
            endInsertRows();
        }
    } else {
        // Oldest-first or by severity: new rows land at the end or anywhere; add them at the
        // end of a window that reaches the end and repaint everything (the selection keeps its
        // row, not necessarily its alert).
        const int oldRows = m_rows;
        moveCacheToStale(0);
        m_count = count;
        const int grown = rowsInWindow() - oldRows;
        if (grown > 0) {
            beginInsertRows({}, oldRows, oldRows + grown - 1);
            m_rows += grown;
            endInsertRows();
        }
        if (oldRows > 0) {
            emit dataChanged(index(0, 0), index(oldRows - 1, ColumnCount - 1));
        }
    }
    emit countChanged(m_count);
    if (m_jumpsPrepared) {
        prepareJumps(); // brought up to date: the newest hours only
    }
}

void AlertTableModel::moveCacheToStale(qint64 shift)
{
    for (StaleSegment &segment : m_stale) {
        segment.firstRow += shift;
    }
    // Newest cached pages first so the lookup in data() prefers them.
    QList<StaleSegment> fresh;
    for (auto it = m_cache.cbegin(); it != m_cache.cend(); ++it) {
        fresh.append({ qint64(it.key()) * kPageSize + shift, it->alerts });
    }
    m_cache.clear();
    m_stale = fresh + m_stale;
    if (m_stale.size() > kMaxStaleSegments) {
        m_stale.resize(kMaxStaleSegments);
    }
}

void AlertTableModel::requestPage(int page) const
{
    if (m_resetPending || m_cache.contains(page) || m_inFlight.contains(page)
        || m_wanted.contains(page)) {
        return;
    }
    m_wanted.insert(page);
    if (!m_fetchTimer.isActive()) {
        m_fetchTimer.start();
    }
}

void AlertTableModel::fetchWanted()
{
    if (m_wanted.isEmpty()) {
        return;
    }
    // Lowest pages first: a keyset continuation from page p helps page p+1.
    QList<int> pages(m_wanted.cbegin(), m_wanted.cend());
    std::sort(pages.begin(), pages.end());
    for (int page : std::as_const(pages)) {
        if (m_inFlight.size() >= kMaxConcurrentFetches) {
            break;
        }
        m_wanted.remove(page);
        fetchPage(page);
    }
}

void AlertTableModel::fetchPage(int page)
{
    const quint64 generation = m_generation;
    m_inFlight.insert(page, generation);
    const auto previous = m_cache.constFind(page - 1);
    QFuture<Storage::Result<Storage::AlertPage>> future;
    if (previous != m_cache.cend() && previous->next && previous->alerts.size() == kPageSize) {
        future = m_queries->alerts(m_filter, m_sort, kPageSize, previous->next);
    } else {
        future = m_queries->alertsAt(m_filter, m_sort, qint64(page) * kPageSize, kPageSize);
    }
    Core::whenFinished(
        future, this, [this, generation, page](const Storage::Result<Storage::AlertPage> &r) {
            onPageLoaded(generation, page, r);
        });
}

void AlertTableModel::onPageLoaded(
    quint64 generation, int page, const Storage::Result<Storage::AlertPage> &r)
{
    const auto flight = m_inFlight.constFind(page);
    if (flight != m_inFlight.cend() && flight.value() == generation) {
        m_inFlight.erase(flight);
    }
    if (!m_wanted.isEmpty() && !m_fetchTimer.isActive()) {
        m_fetchTimer.start();
    }
    if (generation != m_generation) {
        return;
    }
    if (!r.ok()) {
        qCWarning(lcAlertModel) << "page" << page << "failed:" << r.error();
        emit queryFailed(r.error());
        return;
    }

    Page entry;
    entry.alerts = r->alerts;
    entry.next = r->next;
    entry.lastUse = ++m_useClock;
    m_cache.insert(page, entry);
    evictPages();

    const qint64 firstRow = qint64(page) * kPageSize - m_base;
    const int first = int(std::max<qint64>(firstRow, 0));
    const int last = int(std::min<qint64>(firstRow + entry.alerts.size(), m_rows)) - 1;
    if (last >= first) {
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
    emit pageLoaded(page);
    if (!m_jumpsPrepared) {
        m_jumpsPrepared = true;
        prepareJumps();
    }
}

void AlertTableModel::prepareJumps()
{
    if (m_count <= m_windowRows) {
        return;
    }
    Core::whenFinished(
        m_queries->prepareJumps(m_filter, m_sort), this, [](const Storage::Result<bool> &r) {
            if (!r.ok()) {
                qCDebug(lcAlertModel) << "could not ready deep jumps:" << r.error();
            }
        });
}

void AlertTableModel::evictPages()
{
    while (m_cache.size() > kMaxCachedPages) {
        auto oldest = m_cache.begin();
        for (auto it = m_cache.begin(); it != m_cache.end(); ++it) {
            if (it->lastUse < oldest->lastUse) {
                oldest = it;
            }
        }
        m_cache.erase(oldest);
    }
}

void AlertTableModel::setCompactTimeReference(std::optional<Core::TimestampMs> reference)
{
    if (reference == m_compactTimeReference) {
        return;
    }
    m_compactTimeReference = reference;
    if (rowCount() > 0) {
        emit dataChanged(
            index(0, TimeColumn), index(rowCount() - 1, TimeColumn), { Qt::DisplayRole });
    }
}

void AlertTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
            { Qt::DisplayRole, Qt::ToolTipRole });
    }
}

bool AlertTableModel::event(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    return QAbstractTableModel::event(event);
}

} // namespace Lakeguard::Widgets
