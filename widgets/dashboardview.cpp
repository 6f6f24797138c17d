// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboardview.h"

#include "chartlabels.h"
#include "chipdelegate.h"
#include "futurecallback.h"
#include "kpitile.h"
#include "queryservice.h"
#include "refreshthrottle.h"
#include "riskgauge.h"
#include "textsupport.h"
#include "theme.h"
#include "topentitiesmodel.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QGridLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QLoggingCategory>
#include <QTableView>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDashboard, "lakeguard.widgets.dashboard")

namespace Lakeguard::Widgets {

namespace {

constexpr int kRefreshIntervalMs = 250;

void styleChart(QChart *chart)
{
    chart->setBackgroundRoundness(0);
    chart->setBackgroundBrush(Qt::white);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setLocalizeNumbers(true); // counts grouped as in the tiles: 1,000
}

// The view a chart is shown in (to name and describe it for screen readers).
QChartView *viewOf(QChart *chart)
{
    const auto views = chart->scene() ? chart->scene()->views() : QList<QGraphicsView *>();
    return views.isEmpty() ? nullptr : qobject_cast<QChartView *>(views.first());
}

void styleAxis(QAbstractAxis *axis)
{
    axis->setGridLineColor(Theme::panelBorderColor());
    axis->setLinePenColor(Theme::panelBorderColor());
    axis->setLabelsColor(Theme::mutedTextColor());
}

// Sets a count axis to 0…a round ceiling above `maxValue` with ticks on round numbers.
void setNiceRange(QValueAxis *axis, qreal maxValue)
{
    const qreal rough = std::max<qreal>(maxValue, 4) / 4;
    const qreal magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    qreal step = 10 * magnitude;
    for (qreal candidate : { 1.0, 2.0, 2.5, 5.0, 10.0 }) {
        if (rough <= candidate * magnitude) {
            step = candidate * magnitude;
            break;
        }
    }
    step = std::max<qreal>(step, 1);
    const int intervals = int(std::ceil(maxValue / step - 1e-9));
    axis->setRange(0, std::max(1, intervals) * step);
    axis->setTickCount(std::max(1, intervals) + 1);
}

} // namespace

DashboardView::DashboardView(Storage::QueryService *queries, QWidget *parent)
    : QWidget(parent)
    , m_queries(queries)
    , m_throttle(new RefreshThrottle(
          kRefreshIntervalMs, [this] { refreshNow(); }, this))
    , m_risk(new RiskGauge(this))
    , m_windowLabel(new QLabel(this))
    , m_title(new QLabel(this))
    , m_severityChart(new QChart)
    , m_severityTimeAxis(new QDateTimeAxis)
    , m_severityCountAxis(new QValueAxis)
    , m_categoryChart(new QChart)
    , m_categorySet(new QBarSet(QString()))
    , m_categoryAxis(new QBarCategoryAxis)
    , m_categoryValueAxis(new QValueAxis)
    , m_riskChart(new QChart)
    , m_riskSeries(new QLineSeries)
    , m_riskTimeAxis(new QDateTimeAxis)
    , m_entitiesModel(new TopEntitiesModel(this))
    , m_entitiesView(new QTableView(this))
    , m_noEntities(new QLabel(m_entitiesView->viewport()))
{
    // KPI tiles
    for (int i = 0; i < 4; ++i) {
        m_tiles.append(new KpiTile(QString(), this));
    }
    m_tiles[1]->setAccent(Theme::severityColor(Core::Severity::Critical));
    m_tiles[2]->setAccent(Theme::severityColor(Core::Severity::Medium));
    m_tiles[3]->setAccent(Theme::severityColor(Core::Severity::High));

    // Alerts by severity over time: one stacked area per severity, critical at the bottom.
    styleChart(m_severityChart);
    m_severityTimeAxis->setFormat(u"HH:mm"_s);
    m_severityTimeAxis->setTickCount(9);
    m_severityCountAxis->setLabelFormat(u"%.0f"_s);
    m_severityCountAxis->setMin(0);
    styleAxis(m_severityTimeAxis);
    styleAxis(m_severityCountAxis);
    m_severityChart->addAxis(m_severityTimeAxis, Qt::AlignBottom);
    m_severityChart->addAxis(m_severityCountAxis, Qt::AlignLeft);
    for (int s = Core::kSeverityCount - 1; s >= 0; --s) {
        const auto severity = static_cast<Core::Severity>(s);
        auto *upper = new QLineSeries(m_severityChart);
        auto *lower = new QLineSeries(m_severityChart);
        auto *area = new QAreaSeries(upper, lower);
        QColor fill = Theme::severityColor(severity);
        area->setPen(QPen(fill.darker(115), 1));
        fill.setAlpha(215);
        area->setBrush(fill);
        m_severityChart->addSeries(area);
        area->attachAxis(m_severityTimeAxis);
        area->attachAxis(m_severityCountAxis);
        m_severityUpper.append(upper);
        m_severityLower.append(lower);
        m_severityAreas.append(area);
    }
    m_severityChart->legend()->setAlignment(Qt::AlignTop);
    m_severityChart->legend()->setLabelColor(Theme::chartTextColor());

    // Category breakdown: horizontal bars, largest on top.
    styleChart(m_categoryChart);
    auto *categorySeries = new QHorizontalBarSeries(m_categoryChart);
    m_categorySet->setColor(Theme::accentColor());
    m_categorySet->setBorderColor(Theme::accentColor());
    m_categorySet->setLabelColor(Theme::chartTextColor());
    categorySeries->append(m_categorySet);
    categorySeries->setLabelsVisible(true);
    categorySeries->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    categorySeries->setLabelsFormat(u"@value"_s);
    categorySeries->setBarWidth(0.7);
    m_categoryChart->addSeries(categorySeries);
    m_categoryValueAxis->setLabelFormat(u"%.0f"_s);
    m_categoryValueAxis->setMin(0);
    styleAxis(m_categoryAxis);
    styleAxis(m_categoryValueAxis);
    m_categoryAxis->setGridLineVisible(false);
    // Names are short; QtCharts 6.4 otherwise keeps labels it once laid out tight as "…".
    m_categoryAxis->setTruncateLabels(false);
    m_categoryChart->addAxis(m_categoryAxis, Qt::AlignLeft);
    m_categoryChart->addAxis(m_categoryValueAxis, Qt::AlignBottom);
    categorySeries->attachAxis(m_categoryAxis);
    categorySeries->attachAxis(m_categoryValueAxis);
    m_categoryChart->legend()->hide();

    // Risk over time.
    styleChart(m_riskChart);
    m_riskSeries->setPen(QPen(Theme::accentColor(), 2));
    m_riskChart->addSeries(m_riskSeries);
    auto *riskAxis = new QValueAxis;
    riskAxis->setRange(0, 100);
    riskAxis->setTickCount(6);
    riskAxis->setLabelFormat(u"%.0f"_s);
    styleAxis(riskAxis);
    m_riskTimeAxis->setFormat(u"HH:mm"_s);
    m_riskTimeAxis->setTickCount(7);
    styleAxis(m_riskTimeAxis);
    m_riskChart->addAxis(m_riskTimeAxis, Qt::AlignBottom);
    m_riskChart->addAxis(riskAxis, Qt::AlignLeft);
    m_riskSeries->attachAxis(m_riskTimeAxis);
    m_riskSeries->attachAxis(riskAxis);
    m_riskChart->legend()->hide();

    // Top entities.
    m_entitiesView->setModel(m_entitiesModel);
    m_entitiesView->setItemDelegateForColumn(
        TopEntitiesModel::WorstColumn, new ChipDelegate(m_entitiesView));
    m_entitiesView->verticalHeader()->hide();
    m_entitiesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_entitiesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_entitiesView->setTabKeyNavigation(false); // Tab leaves, arrows move
    m_entitiesView->setAlternatingRowColors(true);
    // An empty table would read as "not loaded": say why it is empty.
    m_noEntities->setTextFormat(Qt::PlainText);
    m_noEntities->setAlignment(Qt::AlignCenter);
    m_noEntities->setWordWrap(true);
    m_noEntities->setForegroundRole(QPalette::PlaceholderText);
    m_noEntities->hide();
    auto *noEntitiesLayout = new QVBoxLayout(m_entitiesView->viewport());
    noEntitiesLayout->addWidget(m_noEntities);
    m_entitiesView->setShowGrid(false);
    m_entitiesView->setFrameShape(QFrame::NoFrame);
    m_entitiesView->setWordWrap(false);
    m_entitiesView->verticalHeader()->setDefaultSectionSize(
        m_entitiesView->fontMetrics().height() + 6);
    m_entitiesView->horizontalHeader()->setSectionResizeMode(
        TopEntitiesModel::EntityColumn, QHeaderView::Stretch);
    m_entitiesView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    for (int c : { int(TopEntitiesModel::AlertsColumn), int(TopEntitiesModel::WorstColumn),
             int(TopEntitiesModel::RiskColumn) }) {
        m_entitiesView->horizontalHeader()->setSectionResizeMode(c, QHeaderView::Fixed);
        m_entitiesView->setColumnWidth(c, c == TopEntitiesModel::WorstColumn ? 110 : 80);
    }

    // Layout
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_windowLabel->setTextFormat(Qt::PlainText);
    QPalette muted = m_windowLabel->palette();
    muted.setColor(QPalette::WindowText, Theme::mutedTextColor());
    m_windowLabel->setPalette(muted);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(16, 12, 16, 12);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(12);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addSpacing(12);
    header->addWidget(m_windowLabel, 1, Qt::AlignBottom);
    grid->addLayout(header, 0, 0, 1, 2);

    auto *kpis = new QHBoxLayout;
    kpis->setSpacing(12);
    kpis->addWidget(m_risk, 3);
    for (KpiTile *tile : std::as_const(m_tiles)) {
        kpis->addWidget(tile, 2);
    }
    grid->addLayout(kpis, 1, 0, 1, 2);

    for (int i = 0; i < 4; ++i) {
        m_panelTitles.append(new QLabel(this));
    }
    grid->addWidget(makePanel(m_panelTitles[0], makeChartView(m_severityChart)), 2, 0);
    grid->addWidget(makePanel(m_panelTitles[1], makeChartView(m_categoryChart)), 2, 1);
    grid->addWidget(makePanel(m_panelTitles[2], m_entitiesView), 3, 0);
    grid->addWidget(makePanel(m_panelTitles[3], makeChartView(m_riskChart)), 3, 1);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    grid->setRowStretch(2, 5);
    grid->setRowStretch(3, 4);

    retranslateUi();
    m_windowLabel->setText(tr("Waiting for data…"));
    refreshNow();
}

DashboardView::~DashboardView() = default;

void DashboardView::retranslateUi()
{
    m_title->setText(tr("Overview"));
    m_noEntities->setText(tr("No entity is at risk: no open incident names one."));
    const QStringList captions = { tr("Alerts (all time)"), tr("Critical + high (24 h)"),
        tr("Quarantined records"), tr("Open incidents") };
    for (int i = 0; i < m_tiles.size(); ++i) {
        m_tiles[i]->setCaption(captions.value(i));
    }
    const QStringList panels = { tr("Alerts by severity over time"),
        tr("Alerts by category (24 h)"), tr("Top entities by risk"), tr("Risk over time") };
    for (int i = 0; i < m_panelTitles.size(); ++i) {
        m_panelTitles[i]->setText(panels.value(i));
    }
    // m_severityAreas runs from critical down to info (see the constructor).
    for (int i = 0; i < m_severityAreas.size(); ++i) {
        m_severityAreas[i]->setName(
            Core::severityDisplayName(static_cast<Core::Severity>(Core::kSeverityCount - 1 - i)));
    }
    m_categorySet->setLabel(tr("Alerts"));
    m_riskSeries->setName(tr("Risk"));
    const std::array charts { m_severityChart, m_categoryChart, m_riskChart };
    const std::array names { panels.value(0), panels.value(1), panels.value(3) };
    for (size_t i = 0; i < charts.size(); ++i) {
        if (QChartView *view = viewOf(charts[i])) {
            view->setAccessibleName(names[i]);
        }
    }
    m_entitiesView->setAccessibleName(panels.value(2));
    describeCharts();
}

void DashboardView::describeCharts()
{
    // What a sighted user reads off each chart, for screen readers.
    const QLocale locale;
    QString severity = tr("Stacked areas: alerts per time bucket by severity.");
    QString category = tr("Horizontal bars: alerts per category in the last 24 hours.");
    QString risk = tr("A line: the global risk score (0–100) over time.");
    if (m_hasData) {
        qint64 peak = 0;
        for (const Storage::SeverityBucket &bucket : std::as_const(m_data.series)) {
            qint64 sum = 0;
            for (const qint64 c : bucket.counts) {
                sum += c;
            }
            peak = std::max(peak, sum);
        }
        severity += u' ' + tr("The busiest bucket has %1 alerts.").arg(locale.toString(peak));
        QStringList parts;
        for (qsizetype i = m_categorySet->count() - 1; i >= 0; --i) {
            parts << tr("%1: %2").arg(m_categoryAxis->categories().value(i),
                locale.toString(qint64(m_categorySet->at(i))));
        }
        if (!parts.isEmpty()) {
            category += u' ' + parts.join(tr(", "));
        }
        risk += u' '
            + tr("Now %1 (%2).")
                  .arg(locale.toString(m_data.risk, 'f', 0), Theme::riskBandName(m_data.risk));
    }
    if (QChartView *view = viewOf(m_severityChart)) {
        view->setAccessibleDescription(severity);
    }
    if (QChartView *view = viewOf(m_categoryChart)) {
        view->setAccessibleDescription(category);
    }
    if (QChartView *view = viewOf(m_riskChart)) {
        view->setAccessibleDescription(risk);
    }
}

void DashboardView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        // Captions, category names and dates: re-render what is shown in the new language.
        if (m_snapshot && m_hasData) {
            applyAsOf(*m_snapshot, m_data);
        } else if (m_hasData) {
            applyStats(m_stats);
            applyDashboard(m_data);
        } else {
            m_windowLabel->setText(tr("Waiting for data…"));
            scheduleRefresh();
        }
    }
    QWidget::changeEvent(event);
}

QChartView *DashboardView::makeChartView(QChart *chart)
{
    auto *view = new QChartView(chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setFrameShape(QFrame::NoFrame);
    view->setMinimumHeight(180);
    keepAxisLabels(view);
    return view;
}

QWidget *DashboardView::makePanel(QLabel *label, QWidget *content)
{
    auto *panel = new QFrame(this);
    panel->setObjectName(u"dashboardPanel"_s);
    panel->setStyleSheet(u"QFrame#dashboardPanel { background: palette(base); border: 1px solid %1;"
                         " border-radius: 6px; }"_s.arg(Theme::panelBorderColor().name()));
    label->setParent(panel);
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(12, 10, 12, 8);
    layout->setSpacing(6);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return panel;
}

QString DashboardView::riskText() const
{
    return m_risk->text();
}

QString DashboardView::kpiValue(int tile) const
{
    return m_tiles.value(tile) ? m_tiles.at(tile)->value() : QString();
}

QString DashboardView::windowText() const
{
    return m_windowLabel->text();
}

void DashboardView::scheduleRefresh()
{
    if (m_asOf) {
        return; // a past moment does not change with new data
    }
    m_throttle->request();
}

void DashboardView::setAsOf(std::optional<Core::TimestampMs> at)
{
    if (at == m_asOf) {
        return;
    }
    m_asOf = at;
    m_snapshot.reset();
    m_hasData = false;
    refreshNow();
}

void DashboardView::refreshNow()
{
    if (m_asOf) {
        refreshAsOf();
        return;
    }
    const quint64 generation = ++m_generation;
    Core::whenFinished(m_queries->stats(), this,
        [this, generation](const Storage::Result<Storage::StoreStats> &r) {
            if (generation != m_generation) {
                return;
            }
            if (!r.ok()) {
                qCWarning(lcDashboard) << "stats failed:" << r.error();
                m_windowLabel->setText(tr("Could not read the store: %1").arg(r.error()));
                m_throttle->done();
                return;
            }
            applyStats(r.value());
            if (r->alerts == 0 || r->newest == 0) {
                m_windowLabel->setText(tr("No alerts yet."));
                m_noEntities->show();
                m_throttle->done();
                emit refreshed();
                return;
            }
            // The window ends with the bucket that holds the newest alert.
            const Core::TimestampMs to = (r->newest / kBucketMs + 1) * kBucketMs;
            const Core::TimestampMs from = to - kWindowMs;
            Core::whenFinished(m_queries->dashboard(from, to, kBucketMs, kTopEntities), this,
                [this, generation](const Storage::Result<Storage::DashboardData> &result) {
                    if (generation != m_generation) {
                        return;
                    }
                    m_throttle->done();
                    if (!result.ok()) {
                        qCWarning(lcDashboard) << "dashboard failed:" << result.error();
                        m_windowLabel->setText(
                            tr("Could not read the store: %1").arg(result.error()));
                        return;
                    }
                    applyDashboard(result.value());
                    emit refreshed();
                });
        });
}

// As of a moment: the snapshot (counts, replayed incidents, risk, top entities) first, then the
// charts over the 24 h ending at the minute that holds the moment.
void DashboardView::refreshAsOf()
{
    const quint64 generation = ++m_generation;
    const Core::TimestampMs at = *m_asOf;
    Core::whenFinished(m_queries->asOf(at, Storage::AsOfCounts | Storage::AsOfIncidents), this,
        [this, generation, at](const Storage::Result<Storage::AsOfSnapshot> &r) {
            if (generation != m_generation) {
                return;
            }
            if (!r.ok()) {
                m_windowLabel->setText(tr("Could not read the store: %1").arg(r.error()));
                m_throttle->done();
                return;
            }
            constexpr qint64 kMinuteMs = 60'000;
            const Core::TimestampMs to = at - at % kMinuteMs + kMinuteMs;
            const Storage::AsOfSnapshot &snapshot = r.value(); // copied into the callback
            Core::whenFinished(m_queries->dashboard(to - kWindowMs, to, kBucketMs, kTopEntities),
                this,
                [this, generation, snapshot](
                    const Storage::Result<Storage::DashboardData> &result) {
                    if (generation != m_generation) {
                        return;
                    }
                    m_throttle->done();
                    if (!result.ok()) {
                        m_windowLabel->setText(
                            tr("Could not read the store: %1").arg(result.error()));
                        return;
                    }
                    applyAsOf(snapshot, result.value());
                    emit refreshed();
                });
        });
}

void DashboardView::applyAsOf(const Storage::AsOfSnapshot &s, Storage::DashboardData d)
{
    m_snapshot = s;
    Storage::StoreStats stats;
    stats.alerts = s.alerts;
    for (int i = 0; i < Core::kSeverityCount; ++i) {
        stats.bySeverity.insert(
            Core::severityName(static_cast<Core::Severity>(i)), s.bySeverity[size_t(i)]);
    }
    stats.byCategory = s.byCategory;
    stats.incidents = s.incidentsByStatus;
    stats.quarantined = s.quarantined;
    stats.newest = s.at;
    applyStats(stats);
    // What the live store computes from the present (risk, top entities, the window's counts)
    // comes from the snapshot; the charts are already bounded by the window.
    d.risk = s.risk;
    d.topEntities = s.topEntities;
    d.total = s.windowAlerts;
    d.openCritical = s.windowHighPlus;
    if (!d.riskSeries.isEmpty()) {
        d.riskSeries.last() = { d.to, s.risk };
    }
    applyDashboard(d);
    const QLocale locale;
    m_windowLabel->setText(
        tr("As of %1: the 24 hours before — %2 – %3")
            .arg(Theme::formatLocalTime(s.at, locale), Theme::formatLocalTime(d.from, locale),
                Theme::formatLocalTime(d.to, locale)));
}

void DashboardView::applyStats(const Storage::StoreStats &stats)
{
    m_stats = stats;
    const QLocale locale;
    m_tiles[0]->setValue(locale.toString(stats.alerts));
    m_tiles[2]->setValue(locale.toString(stats.quarantined));
    m_tiles[3]->setValue(locale.toString(stats.incidents.value(u"open"_s)));
    const qint64 criticalAll = stats.bySeverity.value(u"critical"_s);
    const qint64 highAll = stats.bySeverity.value(u"high"_s);
    m_tiles[0]->setDetail(
        tr("%1 critical, %2 high").arg(locale.toString(criticalAll), locale.toString(highAll)));
}

void DashboardView::applyDashboard(const Storage::DashboardData &dashboard)
{
    m_data = dashboard;
    m_hasData = true;
    const QLocale locale;

    m_windowLabel->setText(tr("24 hours ending at the newest alert: %1 – %2")
                               .arg(Theme::formatLocalTime(dashboard.from, locale),
                                   Theme::formatLocalTime(dashboard.to, locale)));
    m_risk->setRisk(dashboard.risk);
    m_tiles[1]->setValue(locale.toString(dashboard.openCritical));
    // stats() ran a moment before dashboard(); alerts only grow, so the larger count is newer.
    if (dashboard.total > m_stats.alerts) {
        m_tiles[0]->setValue(locale.toString(dashboard.total));
    }
    m_tiles[1]->setDetail(tr("of %1 alerts in the window").arg(locale.toString(dashboard.total)));

    // Severity stack: cumulative from critical (index 0 in m_severityUpper) upwards.
    QList<QList<QPointF>> upper(Core::kSeverityCount);
    QList<QList<QPointF>> lower(Core::kSeverityCount);
    qreal maxStack = 0;
    for (const Storage::SeverityBucket &bucket : dashboard.series) {
        const qreal x = qreal(bucket.start) + qreal(dashboard.bucketMs) / 2;
        qreal base = 0;
        for (int i = 0; i < Core::kSeverityCount; ++i) {
            const int severity = Core::kSeverityCount - 1 - i;
            const qreal top = base + qreal(bucket.counts[size_t(severity)]);
            lower[i].append(QPointF(x, base));
            upper[i].append(QPointF(x, top));
            base = top;
        }
        maxStack = std::max(maxStack, base);
    }
    for (int i = 0; i < Core::kSeverityCount; ++i) {
        m_severityLower[i]->replace(lower[i]);
        m_severityUpper[i]->replace(upper[i]);
    }
    m_severityTimeAxis->setRange(QDateTime::fromMSecsSinceEpoch(dashboard.from),
        QDateTime::fromMSecsSinceEpoch(dashboard.to));
    setNiceRange(m_severityCountAxis, maxStack * 1.05);

    // Categories: present ones, largest at the top (a horizontal bar axis lists bottom-up).
    QList<std::pair<QString, qint64>> categories;
    for (auto it = dashboard.byCategory.cbegin(); it != dashboard.byCategory.cend(); ++it) {
        if (it.value() > 0) {
            categories.append({ it.key(), it.value() });
        }
    }
    std::sort(categories.begin(), categories.end(),
        [](const auto &a, const auto &b) { return a.second < b.second; });
    QStringList names;
    QList<qreal> values;
    qreal maxCategory = 0;
    for (const auto &[name, count] : std::as_const(categories)) {
        const auto category = Core::categoryFromName(name);
        // Qt Charts renders axis labels as rich text; a category the store does not know came
        // from outside.
        names.append(category ? Core::categoryDisplayName(*category)
                              : Core::displayText(name).toHtmlEscaped());
        values.append(qreal(count));
        maxCategory = std::max(maxCategory, qreal(count));
    }
    m_categorySet->remove(0, m_categorySet->count());
    m_categoryAxis->setCategories(names);
    m_categorySet->append(values);
    setNiceRange(m_categoryValueAxis, maxCategory * 1.15);

    // Risk line.
    QList<QPointF> riskPoints;
    riskPoints.reserve(dashboard.riskSeries.size());
    for (const auto &[at, risk] : dashboard.riskSeries) {
        riskPoints.append(QPointF(qreal(at), risk));
    }
    m_riskSeries->replace(riskPoints);
    m_riskTimeAxis->setRange(QDateTime::fromMSecsSinceEpoch(dashboard.from),
        QDateTime::fromMSecsSinceEpoch(dashboard.to));

    m_entitiesModel->setEntities(dashboard.topEntities);
    m_noEntities->setVisible(dashboard.topEntities.isEmpty());
    describeCharts();
}

QString DashboardView::noEntitiesText() const
{
    return m_noEntities->text();
}

bool DashboardView::showsNoEntities() const
{
    return !m_noEntities->isHidden();
}

} // namespace Lakeguard::Widgets
