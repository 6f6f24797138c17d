// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QBarCategoryAxis;
class QBarSet;
class QFrame;
class QLabel;
class QPushButton;
class QTableView;
class QValueAxis;

namespace Lakeguard::Storage {
class QueryService;
}

namespace Lakeguard::Feeds {
class FeedManager;
class FeedProbe;
} // namespace Lakeguard::Feeds

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

    // Turns on the feed manager's actions (add, edit, pause, resume, test, remove) for the feeds
    // of its FEEDS.json. Without one (read-only review, or no configuration) the view only shows.
    void setFeedManager(Feeds::FeedManager *manager);
    // The id of the selected feed, or empty.
    QString selectedFeed() const;
    void selectFeed(const QString &id);
    QPushButton *actionButton(const QString &name) const;
    QString lastActionMessage() const { return m_actionMessage; }
    QString summaryText() const;
    // Under review of an evidence pack: the pack carries records, not the feeds' statistics, and
    // the empty page says so instead of "no feed yet".
    void setEvidencePack(bool pack);

public slots:
    void addFeed();
    void editFeed();
    void pauseFeed();
    void resumeFeed();
    void testFeed();
    void removeFeed();
public slots:
    void scheduleRefresh();
    void refreshNow();

signals:
    void refreshed();
    // A manager action finished: what it did or why it failed (also in the status line).
    void actionFinished(bool ok, const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateActions();
    void reportAction(bool ok, const QString &message);
    void updateSummary();
    void fitColumnWidths();
    void updateChart();
    void fitTableHeight();

    Storage::QueryService *m_queries;
    Feeds::FeedManager *m_manager = nullptr;
    Feeds::FeedProbe *m_probe = nullptr;
    QList<QPushButton *> m_actions; // add, edit, pause, resume, test, remove
    QStringList m_actionTips; // what each action does, in the UI language
    QLabel *m_actionLabel = nullptr;
    QString m_actionMessage;
    bool m_testing = false;
    RefreshThrottle *m_throttle;
    quint64 m_generation = 0;
    FeedTableModel *m_model;
    QTableView *m_table;
    QLabel *m_title;
    QLabel *m_chartTitle = nullptr;
    QFrame *m_chartPanel = nullptr; // hidden while there is no feed to chart
    bool m_pack = false;
    QLabel *m_summary;
    bool m_loaded = false; // a feeds() read succeeded: the summary describes m_model's rows
    QList<QBarSet *> m_sets; // accepted, duplicates, quarantined, skipped
    QBarCategoryAxis *m_feedAxis;
    QValueAxis *m_countAxis;
};

} // namespace Lakeguard::Widgets
