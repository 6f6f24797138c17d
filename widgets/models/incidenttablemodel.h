// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "incidenttypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QTimer>

#include <optional>

namespace Lakeguard::Storage {
class QueryService;
}

namespace Lakeguard::Widgets {

// The incident list: rowCount is the filter's count; rows come in pages of kPageSize fetched off
// the GUI thread (keyset from a cached neighbouring page, else by offset) and kept in a small
// cache. The deadline column counts down: every 30 s its cells are announced changed.
// GUI thread only.
class IncidentTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentTableModel)

public:
    enum Column {
        IdColumn,
        SeverityColumn,
        StatusColumn,
        TitleColumn,
        OwnerColumn,
        AlertsColumn,
        RiskColumn,
        DeadlineColumn,
        LastSeenColumn,
        ColumnCount
    };
    // The incident id (qint64) of a row, and the whole IncidentRow.
    static constexpr int IncidentIdRole = Qt::UserRole + 40;
    static constexpr int IncidentRole = Qt::UserRole + 41;
    static constexpr int OverdueRole = Qt::UserRole + 42;
    static constexpr int kPageSize = 100;
    static constexpr int kMaxCachedPages = 10;

    explicit IncidentTableModel(Storage::QueryService *queries, QObject *parent = nullptr);
    ~IncidentTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Id, severity, risk, deadline and last seen sort (store indexes); others are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static bool isSortable(int column);

    // As-of mode (issue 7): the rows are the incidents as they were at `at` (replayed from the
    // audit trail by the store, in one read), filtered and sorted here; deadlines count down
    // to `at`. nullopt: live (paged from the store).
    void setAsOf(std::optional<Core::TimestampMs> at);
    std::optional<Core::TimestampMs> asOf() const { return m_asOf; }
    // "Now" for deadlines: the as-of moment, else the wall clock.
    Core::TimestampMs referenceTime() const;

    void setFilter(const Storage::IncidentFilter &filter);
    const Storage::IncidentFilter &filter() const { return m_filter; }
    Storage::IncidentSort sortOrder() const { return m_sort; }

    qint64 totalCount() const { return m_count; }
    std::optional<Storage::IncidentRow> cachedIncident(int row) const;
    int cachedRowOf(Core::IncidentId id) const;
    // A change this console made succeeded: the cached row carries the incident's new version
    // until the reload brings it, so the next action is not refused as a conflict.
    void noteVersion(Core::IncidentId id, qint64 version);
    bool hasPendingFetches() const { return !m_inFlight.isEmpty(); }
    void retranslate();

    // The translated name of a status.
    static QString statusName(Core::IncidentStatus s);
    // "in 3 h 20 min", "45 min overdue" (the deadline relative to `now`).
    static QString countdownText(Core::TimestampMs deadline, Core::TimestampMs now);

public slots:
    // Count again and drop the cache (filter, sort or store changed).
    void reload();

signals:
    void countChanged(qint64 count);
    void pageLoaded(int page);
    void queryFailed(const QString &error);

protected:
    bool event(QEvent *event) override;

private:
    void fetchPage(int page) const;
    void reloadAsOf();
    QList<Storage::IncidentRow> filteredAndSorted(QList<Storage::IncidentRow> rows) const;
    QVariant displayValue(const Storage::IncidentRow &r, int column) const;

    Storage::QueryService *m_queries;
    Storage::IncidentFilter m_filter;
    Storage::IncidentSort m_sort = Storage::IncidentSort::RiskDesc;
    qint64 m_count = 0;
    quint64 m_generation = 0;
    mutable QHash<int, QList<Storage::IncidentRow>> m_cache;
    mutable QSet<int> m_inFlight;
    QTimer m_tick;
    std::optional<Core::TimestampMs> m_asOf;
};

} // namespace Lakeguard::Widgets
