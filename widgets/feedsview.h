// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QBarCategoryAxis;
class QBarSet;
class QLabel;
class QTableView;
class QValueAxis;

namespace Lakeguard::Storage {
class QueryService;
}

namespace Lakeguard::Widgets {

class FeedTableModel;
class RefreshThrottle;

// Feed health: one row per feed with its counters, state and last error, and a chart of what
// each feed's records became (accepted, duplicate, quarantined, skipped).
class FeedsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FeedsView)

public:
    explicit FeedsView(Storage::QueryService *queries, QWidget *parent = nullptr);
    ~FeedsView() override;

    FeedTableModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }

public slots:
    void scheduleRefresh();
    void refreshNow();

signals:
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateSummary();
    void fitColumnWidths();
    void updateChart();
    void fitTableHeight();

    Storage::QueryService *m_queries;
    RefreshThrottle *m_throttle;
    quint64 m_generation = 0;
    FeedTableModel *m_model;
    QTableView *m_table;
    QLabel *m_title;
    QLabel *m_chartTitle = nullptr;
    QLabel *m_summary;
    bool m_loaded = false; // a feeds() read succeeded: the summary describes m_model's rows
    QList<QBarSet *> m_sets; // accepted, duplicates, quarantined, skipped
    QBarCategoryAxis *m_feedAxis;
    QValueAxis *m_countAxis;
};

} // namespace Lakeguard::Widgets
