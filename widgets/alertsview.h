// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;

namespace Lakeguard::Storage {
class QueryService;
}

namespace Lakeguard::Widgets {

class AlertDetailPanel;
class AlertTableModel;
class AlertTableView;
class ColumnChooser;
class RefreshThrottle;

// The alert list: a filter bar, the paged table and the selected alert's details.
class AlertsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsView)

public:
    static constexpr int kSearchDebounceMs = 300;

    explicit AlertsView(Storage::QueryService *queries, QWidget *parent = nullptr);
    ~AlertsView() override;

    AlertTableModel *model() const { return m_model; }
    QTableView *tableView() const;
    AlertTableView *alertTable() const { return m_table; }
    // The header's menu of columns to show (the time and the title stay).
    ColumnChooser *columnChooser() const { return m_columns; }
    AlertDetailPanel *detailPanel() const { return m_detail; }
    QComboBox *severityFilter() const { return m_severity; }
    QComboBox *categoryFilter() const { return m_category; }
    QComboBox *feedFilter() const { return m_feed; }
    QLineEdit *searchEdit() const { return m_search; }
    QString countText() const;

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

public slots:
    // Throttled by the model and the feed list: call on every store change.
    void scheduleRefresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    // Filter texts in the current language; item data (the filter values) never changes.
    void retranslateUi();
    void applyFilter();
    void refreshFeeds();
    void updateCountLabel();
    void showCurrentAlert();
    void onSortIndicatorChanged(int column, Qt::SortOrder order);

    Storage::QueryService *m_queries;
    AlertTableModel *m_model;
    RefreshThrottle *m_feedThrottle;
    QComboBox *m_severity;
    QComboBox *m_category;
    QComboBox *m_feed;
    QLineEdit *m_search;
    QTimer *m_searchTimer;
    QLabel *m_filterLabel;
    QLabel *m_countLabel;
    AlertTableView *m_table;
    AlertDetailPanel *m_detail;
    QSplitter *m_splitter;
    ColumnChooser *m_columns = nullptr;
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QString m_error;
};

} // namespace Lakeguard::Widgets
