// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"
#include "timelinetypes.h"

#include <QWidget>

#include <optional>

class QAreaSeries;
class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QTableView;
class QValueAxis;

namespace Lakeguard::Storage {
class QueryService;
}

namespace Lakeguard::Widgets {

class KpiTile;
class RefreshThrottle;
class RiskGauge;
class TopEntitiesModel;

// The risk overview over the 24 hours that end at the newest alert (the window follows the data,
// not the wall clock: demo and fixture stores are not "now"). Two reads per refresh, both off the
// GUI thread: stats() for the window's end and the KPI tiles, then dashboard() for the charts.
class DashboardView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardView)

public:
    static constexpr qint64 kWindowMs = 24LL * 3600 * 1000;
    static constexpr qint64 kBucketMs = 15LL * 60 * 1000;
    static constexpr int kTopEntities = 10;

    explicit DashboardView(Storage::QueryService *queries, QWidget *parent = nullptr);
    ~DashboardView() override;

    bool hasData() const { return m_hasData; }
    const Storage::DashboardData &lastData() const { return m_data; }
    const Storage::StoreStats &lastStats() const { return m_stats; }
    TopEntitiesModel *topEntitiesModel() const { return m_entitiesModel; }
    // What the empty top-entities table says (shown only when it is empty).
    QString noEntitiesText() const;
    bool showsNoEntities() const;
    QString riskText() const;
    QString kpiValue(int tile) const; // 0 total, 1 critical+high, 2 quarantined, 3 open incidents
    QString windowText() const;

    // As-of mode (issue 7): shows the store as it was at `at` (UTC ms) — counts of the alerts
    // with ts <= at, open incidents replayed from the audit trail, the 24 h ending at `at` —
    // and ignores live updates until set back to nullopt (live).
    void setAsOf(std::optional<Core::TimestampMs> at);
    std::optional<Core::TimestampMs> asOf() const { return m_asOf; }
    // The snapshot the view shows in as-of mode.
    const std::optional<Storage::AsOfSnapshot> &asOfSnapshot() const { return m_snapshot; }

public slots:
    // Throttled: call on every store change.
    void scheduleRefresh();
    void refreshNow();

signals:
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;

private:
    // Sets every fixed text (titles, tile captions, series names) in the current language.
    void retranslateUi();
    void describeCharts(); // accessible descriptions from the data shown
    void applyStats(const Storage::StoreStats &stats);
    void applyDashboard(const Storage::DashboardData &dashboard);
    void refreshAsOf();
    void applyAsOf(const Storage::AsOfSnapshot &snapshot, Storage::DashboardData dashboard);
    QChartView *makeChartView(QChart *chart);
    QWidget *makePanel(QLabel *title, QWidget *content);

    Storage::QueryService *m_queries;
    RefreshThrottle *m_throttle;
    quint64 m_generation = 0;
    bool m_hasData = false;
    Storage::StoreStats m_stats;
    Storage::DashboardData m_data;
    std::optional<Core::TimestampMs> m_asOf;
    std::optional<Storage::AsOfSnapshot> m_snapshot;

    RiskGauge *m_risk;
    QList<KpiTile *> m_tiles;
    QLabel *m_windowLabel;
    QLabel *m_title;
    QList<QLabel *> m_panelTitles; // severity, category, entities, risk

    QChart *m_severityChart;
    QList<QLineSeries *> m_severityUpper;
    QList<QLineSeries *> m_severityLower;
    QList<QAreaSeries *> m_severityAreas;
    QDateTimeAxis *m_severityTimeAxis;
    QValueAxis *m_severityCountAxis;

    QChart *m_categoryChart;
    QBarSet *m_categorySet;
    QBarCategoryAxis *m_categoryAxis;
    QValueAxis *m_categoryValueAxis;

    QChart *m_riskChart;
    QLineSeries *m_riskSeries;
    QDateTimeAxis *m_riskTimeAxis;

    TopEntitiesModel *m_entitiesModel;
    QTableView *m_entitiesView;
    QLabel *m_noEntities; // over the empty table, once the data is in
};

} // namespace Lakeguard::Widgets
