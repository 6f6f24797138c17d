// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QTimer>

#include <optional>

namespace Lakeguard::Storage {
class QueryService;
}

namespace Lakeguard::Widgets {

// The alert table over a store of any size. The model shows a window of at most windowRows()
// rows of the filter's result, starting at windowStart(): Qt's item views keep state for every
// row (QHeaderView 8 bytes, shifted on each insert at the top), which at 10 M rows costs tens of
// MiB and stalls the GUI on every live insert. AlertTableView moves the window as the user
// scrolls and gives the whole result a scroll bar. "Store rows" below are positions in the
// filter's full result; model rows are positions in the window.
// Rows are fetched in pages of kPageSize off the GUI thread (keyset from the page before when
// cached, else by offset) and kept in a small LRU cache. An uncached row shows a placeholder and
// schedules its page; the page's arrival emits dataChanged. GUI thread only.
class AlertTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertTableModel)

public:
    enum Column {
        TimeColumn,
        SeverityColumn,
        CategoryColumn,
        FeedColumn,
        RuleColumn,
        TitleColumn,
        EntityColumn,
        SourceIpColumn,
        DestIpColumn,
        ColumnCount
    };

    static constexpr int kPageSize = 200;
    static constexpr int kMaxCachedPages = 20;
    static constexpr int kMaxConcurrentFetches = 3;
    static constexpr int kDefaultWindowRows = 100'000;

    explicit AlertTableModel(Storage::QueryService *queries, QObject *parent = nullptr);
    ~AlertTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Headers and cells (display names, dates, numbers) in the current language and locale:
    // announces every header and cell as changed. Called on QEvent::LanguageChange, which
    // reaches the model as a child of its view.
    void retranslate();
    // Only Time and Severity sort (the store has indexes for those); others are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static bool isSortable(int column);

    void setFilter(const Storage::AlertFilter &filter);
    const Storage::AlertFilter &filter() const { return m_filter; }
    void setSortOrder(Storage::AlertSort sort);
    Storage::AlertSort sortOrder() const { return m_sort; }
    // With a reference, Time shows only the time of day for alerts on the reference's local date
    // (Theme::formatCompactTime); without one, the full date and time.
    void setCompactTimeReference(std::optional<Core::TimestampMs> reference);

    // The full count of the filter's result (rowCount is the window's part of it).
    qint64 totalCount() const { return m_count; }

    // The window: model row r is store row windowStart() + r.
    int windowRows() const { return m_windowRows; }
    // Tests use small windows; takes effect at the next reload.
    void setWindowRows(int rows);
    qint64 windowStart() const { return m_base; }
    qint64 maxWindowStart() const;
    // Moves the window to start at `start` (clamped to [0, maxWindowStart()]) and returns where
    // it starts. Rows keep their alerts: persistent indexes (selection, current) follow their
    // row, or become invalid when it leaves the window. Cached pages stay cached.
    qint64 setWindowStart(qint64 start);
    // The model row of a store row, or -1 outside the window.
    int modelRowOf(qint64 storeRow) const;
    // True until the first count of the current filter arrived.
    bool isCounting() const { return m_resetPending || m_countInFlight; }
    // The alert at model row `row` when its page is cached (no fetch is scheduled).
    std::optional<Core::Alert> cachedAlert(int row) const;
    // The model row of a cached alert in the window, or -1.
    int cachedRowOf(Core::AlertId id) const;
    int cachedPageCount() const { return int(m_cache.size()); }
    bool hasPendingFetches() const { return !m_inFlight.isEmpty() || !m_wanted.isEmpty(); }

public slots:
    // Filter or sort changed: count afresh, then reset the model once the count is known.
    void reload();
    // The store changed: count again. New rows of a newest-first view go on top: inserted when
    // the window is at the top (rows pushed out of the window at its end are removed), else the
    // window moves down with its alerts and no row changes. Persistent indexes and the
    // selection follow; the cache is dropped and re-fetched.
    void refresh();

signals:
    void countChanged(qint64 count);
    void pageLoaded(int page);
    void queryFailed(const QString &error);

protected:
    bool event(QEvent *event) override;

private:
    struct Page
    {
        QList<Core::Alert> alerts;
        std::optional<Storage::PageKey> next;
        mutable quint64 lastUse = 0;
    };
    // A page that was cached before rows moved: shown (at its new row) until refetched, so a
    // live update does not flash placeholders.
    struct StaleSegment
    {
        qint64 firstRow = 0; // store row
        QList<Core::Alert> alerts;
    };
    enum class CountPurpose { Reset, Live };

    const Core::Alert *alertForStoreRow(qint64 row) const;
    // The window's rows for m_count and m_base.
    int rowsInWindow() const;
    void requestPage(int page) const;
    void fetchWanted();
    void fetchPage(int page);
    void onPageLoaded(quint64 generation, int page, const Storage::Result<Storage::AlertPage> &r);
    void startCount(CountPurpose purpose);
    void onCounted(quint64 generation, CountPurpose purpose, const Storage::Result<qint64> &r);
    void applyLiveCount(qint64 count);
    void moveCacheToStale(qint64 shift);
    void evictPages();
    // Once the first page is in and after the store grew: readies the store for deep jumps
    // (its hour index) behind the pages on screen, when the window can move at all.
    void prepareJumps();
    QVariant displayValue(const Core::Alert &alert, int column) const;

    Storage::QueryService *m_queries;
    Storage::AlertFilter m_filter;
    Storage::AlertSort m_sort = Storage::AlertSort::TimeDesc;
    std::optional<Core::TimestampMs> m_compactTimeReference;
    qint64 m_count = 0;
    qint64 m_base = 0; // store row of model row 0
    int m_rows = 0; // rowCount(): changed only inside the begin/end brackets
    int m_windowRows = kDefaultWindowRows;
    quint64 m_generation = 0;
    bool m_resetPending = false;
    bool m_countInFlight = false;
    bool m_refreshPending = false;
    bool m_jumpsPrepared = false; // for the current filter and order

    QHash<int, Page> m_cache;
    QList<StaleSegment> m_stale;
    QHash<int, quint64> m_inFlight; // page → generation that asked for it
    mutable QSet<int> m_wanted;
    mutable quint64 m_useClock = 0;
    mutable QTimer m_fetchTimer;
};

} // namespace Lakeguard::Widgets
