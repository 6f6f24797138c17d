// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"

#include <QWidget>

class QGridLayout;
class QLabel;
class QScrollArea;
class QTableView;

namespace Lakeguard::Storage {
class QueryService;
}

namespace Lakeguard::Widgets {

class AlertTableModel;
class ChainNodeCard;
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

public slots:
    void scheduleRefresh();
    void refreshNow();

signals:
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void updateSummary();
    void updateCardAreaHeight();
    void applyObservations(QList<Core::ChainObservation> observations);

    Storage::QueryService *m_queries;
    RefreshThrottle *m_throttle;
    quint64 m_generation = 0;
    QLabel *m_title;
    QLabel *m_alertsTitle;
    QLabel *m_summary;
    QLabel *m_empty;
    QWidget *m_cardArea;
    QGridLayout *m_grid;
    QScrollArea *m_cardScroll;
    AlertTableModel *m_alertsModel;
    QTableView *m_alertsTable;
    QList<ChainNodeCard *> m_cards;
    int m_columns = kColumns;
    // What the summary line says (kept to re-render it in another language).
    int m_nodeCount = 0;
    int m_healthyCount = 0;
    Core::TimestampMs m_observedAt = 0;
};

} // namespace Lakeguard::Widgets
