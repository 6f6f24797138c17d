// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"
#include "storetypes.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QTableView;

namespace Lakeguard::Storage {
class QueryService;
}
namespace Lakeguard::Feeds {
class FeedManager;
}

namespace Lakeguard::Widgets {

class AlertTableModel;
class AlertTableView;
class ChainChart;
class ChainNodeCard;
class ForkView;
class RefreshThrottle;

// A card per monitored chain node (ChainObservation from chainStatus()), a one-line summary of
// how many nodes are healthy, and the chain alerts (the same paged model as the Alerts view).
class ChainsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChainsView)

public:
    static constexpr int kColumns = 3;

    explicit ChainsView(Storage::QueryService *queries, QWidget *parent = nullptr);
    ~ChainsView() override;

    int cardCount() const { return int(m_cards.size()); }
    ChainNodeCard *card(int index) const { return m_cards.value(index); }
    QString summaryText() const;
    // Alerts of category "chain" (forks, stalls, lag, large transfers), newest first.
    AlertTableModel *chainAlertsModel() const { return m_alertsModel; }
    ChainChart *chart() const { return m_chart; }
    ForkView *forkView() const { return m_forkView; }

    // "Add node…" edits the console's FEEDS.json through its feed manager, which validates,
    // saves atomically and restarts the chain feed with the new node. Without a manager (a
    // read-only review, a screenshot run) adding is disabled.
    void setFeedManager(Feeds::FeedManager *manager);
    // Adds `url` to chain feed `feedId` (a new eth-rpc feed of `kind` when there is none);
    // the error, or empty.
    QString addNode(const QString &feedId, const QString &kind, const QString &url);
    QPushButton *addNodeButton() const { return m_addNode; }
    // Under review of an evidence pack: the pack carries no node status, and the empty page says
    // so instead of "no nodes monitored". Its chain alerts, if any, are listed as usual.
    void setEvidencePack(bool pack);
    QString emptyText() const;

    // As-of mode (issue 7): the cards show each node's last chain_history row at or before
    // `at` (height, lag, latency; the state from its chain alerts still active then), the chart
    // and the chain alerts end at `at`; adding nodes is disabled and live updates are ignored
    // until set back to nullopt.
    void setAsOf(std::optional<Core::TimestampMs> at);
    std::optional<Core::TimestampMs> asOf() const { return m_asOf; }

public slots:
    void scheduleRefresh();
    void refreshNow();

signals:
    void refreshed();
    void historyLoaded();
    void forkLoaded();

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void updateSummary();
    void updateCardAreaHeight();
    void applyObservations(QList<Core::ChainObservation> observations);
    void loadHistory(
        const QList<Core::ChainObservation> &observations, Core::TimestampMs reference);
    void loadFork(const QList<Core::ChainObservation> &observations);
    void openAddNodeDialog();
    void refreshAsOf();
    void updateAddNode();
    Storage::AlertFilter chainAlertFilter() const;

    Storage::QueryService *m_queries;
    RefreshThrottle *m_throttle;
    quint64 m_generation = 0;
    QLabel *m_title;
    QLabel *m_alertsTitle;
    QLabel *m_summary;
    QLabel *m_empty;
    bool m_pack = false;
    QWidget *m_cardArea;
    QGridLayout *m_grid;
    QScrollArea *m_cardScroll;
    AlertTableModel *m_alertsModel;
    AlertTableView *m_alertsTable;
    QList<ChainNodeCard *> m_cards;
    ChainChart *m_chart;
    ForkView *m_forkView;
    QPushButton *m_addNode;
    QPointer<Feeds::FeedManager> m_manager;
    int m_columns = kColumns;
    // What the summary line says (kept to re-render it in another language).
    int m_nodeCount = 0;
    int m_healthyCount = 0;
    Core::TimestampMs m_observedAt = 0;
    std::optional<Core::TimestampMs> m_asOf;
};

} // namespace Lakeguard::Widgets
