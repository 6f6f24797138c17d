// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timelinetypes.h"

#include <QWidget>

#include <optional>

class QDateTimeEdit;
class QLabel;
class QPushButton;
class QSlider;
class QTableView;
class QTableWidget;
class QTimer;
class QToolButton;

namespace Lakeguard::Storage {
class QueryService;
}

namespace Lakeguard::Widgets {

class AsOfIncidentModel;
class RefreshThrottle;

// As-of replay (issue 7; docs/timeline.md): pick a past moment with a scrubber, a date-time
// field or step buttons, and see the Dashboard's counts, the incident list and the chain nodes
// as they were then, rebuilt by the store from alerts, the audit trail and chain history.
// Live updates only widen the scrubber's range; they never replace the replayed state.
class ReplayView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayView)

public:
    explicit ReplayView(Storage::QueryService *queries, QWidget *parent = nullptr);

    // Replays the store at `at` (UTC ms); the banner shows it.
    void setMoment(Core::TimestampMs at);
    std::optional<Core::TimestampMs> moment() const { return m_at; }
    bool isReplaying() const { return m_at.has_value(); }
    // Leaves the replay (the banner hides) and asks the window to show the live views.
    void backToLive();
    void stepBy(qint64 ms);

    const std::optional<Storage::AsOfSnapshot> &snapshot() const { return m_snapshot; }
    AsOfIncidentModel *incidentModel() const { return m_incidentModel; }
    QTableView *incidentTable() const { return m_incidents; }
    QTableWidget *chainTable() const { return m_chains; }
    QSlider *scrubber() const { return m_slider; }
    QDateTimeEdit *dateTimeEdit() const { return m_edit; }
    QString bannerText() const;
    bool isBannerVisible() const;
    QString kpiText(int index) const; // 0 alerts, 1 high+critical in 24 h, 2 open incidents, 3 risk

public slots:
    // The store changed: only the scrubber's range follows.
    void scheduleRefresh();

signals:
    void snapshotLoaded();
    void liveRequested();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void refreshRange();
    void query();
    void applySnapshot(const Storage::AsOfSnapshot &s);
    void syncControls();

    Storage::QueryService *m_queries;
    RefreshThrottle *m_throttle;
    QTimer *m_debounce;
    QLabel *m_banner;
    QPushButton *m_live;
    QLabel *m_hint;
    QLabel *m_momentLabel;
    QSlider *m_slider;
    QDateTimeEdit *m_edit;
    QList<QToolButton *> m_steps;
    QList<QLabel *> m_kpiNames;
    QList<QLabel *> m_kpiValues;
    QLabel *m_incidentsLabel;
    QTableView *m_incidents;
    AsOfIncidentModel *m_incidentModel;
    QLabel *m_chainsLabel;
    QTableWidget *m_chains;
    Core::TimestampMs m_oldest = 0;
    Core::TimestampMs m_newest = 0;
    std::optional<Core::TimestampMs> m_at;
    std::optional<Storage::AsOfSnapshot> m_snapshot;
    quint64 m_generation = 0;
    bool m_syncing = false;
    bool m_shownOnce = false;
};

} // namespace Lakeguard::Widgets
