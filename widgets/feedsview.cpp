// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedsview.h"

#include "chipdelegate.h"
#include "feedtablemodel.h"
#include "queryservice.h"
#include "refreshthrottle.h"
#include "theme.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {
constexpr int kRefreshIntervalMs = 500;
} // namespace

FeedsView::FeedsView(Storage::QueryService *queries, QWidget *parent)
    : QWidget(parent)
    , m_queries(queries)
    , m_throttle(new RefreshThrottle(
          kRefreshIntervalMs, [this] { refreshNow(); }, this))
    , m_model(new FeedTableModel(this))
    , m_table(new QTableView(this))
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_feedAxis(new QBarCategoryAxis)
    , m_countAxis(new QValueAxis)
{
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_summary->setTextFormat(Qt::PlainText);
    QPalette muted = m_summary->palette();
    muted.setColor(QPalette::WindowText, Theme::mutedTextColor());
    m_summary->setPalette(muted);

    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(FeedTableModel::StateColumn, new ChipDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 14);
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(FeedTableModel::LastErrorColumn, QHeaderView::Stretch);
    fitColumnWidths();

    // What each feed's records became.
    auto *chart = new QChart;
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setAnimationOptions(QChart::NoAnimation);
    auto *series = new QHorizontalStackedBarSeries(chart);
    // Accepted, duplicates, quarantined, skipped (labels from retranslateUi()).
    const QList<QColor> colors = { Theme::accentColor(), QColor(0x94, 0xa3, 0xb8),
        Theme::feedStateColor(Storage::FeedState::Degraded), QColor(0xcb, 0xd5, 0xe1) };
    for (const QColor &color : colors) {
        auto *set = new QBarSet(QString());
        set->setColor(color);
        set->setBorderColor(color);
        series->append(set);
        m_sets.append(set);
    }
    series->setBarWidth(0.6);
    chart->addSeries(series);
    m_countAxis->setLabelFormat(u"%d"_s);
    m_countAxis->setLabelsColor(Theme::mutedTextColor());
    m_countAxis->setGridLineColor(QColor(0xe5, 0xe9, 0xef));
    m_feedAxis->setLabelsColor(QColor(0x1f, 0x29, 0x37));
    m_feedAxis->setGridLineVisible(false);
    m_feedAxis->setTruncateLabels(false);
    chart->addAxis(m_feedAxis, Qt::AlignLeft);
    chart->addAxis(m_countAxis, Qt::AlignBottom);
    series->attachAxis(m_feedAxis);
    series->attachAxis(m_countAxis);
    chart->legend()->setAlignment(Qt::AlignTop);
    auto *chartView = new QChartView(chart, this);
    chartView->setRenderHint(QPainter::Antialiasing);
    chartView->setFrameShape(QFrame::NoFrame);
    chartView->setMinimumHeight(200);

    auto *chartPanel = new QFrame(this);
    chartPanel->setObjectName(u"feedChartPanel"_s);
    chartPanel->setStyleSheet(u"QFrame#feedChartPanel { background: white; border: 1px solid %1;"
                              " border-radius: 6px; }"_s.arg(Theme::panelBorderColor().name()));
    m_chartTitle = new QLabel(chartPanel);
    m_chartTitle->setTextFormat(Qt::PlainText);
    QFont panelFont = m_chartTitle->font();
    panelFont.setWeight(QFont::DemiBold);
    m_chartTitle->setFont(panelFont);
    auto *chartLayout = new QVBoxLayout(chartPanel);
    chartLayout->setContentsMargins(12, 10, 12, 8);
    chartLayout->addWidget(m_chartTitle);
    chartLayout->addWidget(chartView, 1);

    auto *header2 = new QHBoxLayout;
    header2->addWidget(m_title);
    header2->addSpacing(12);
    header2->addWidget(m_summary, 1, Qt::AlignBottom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(12);
    layout->addLayout(header2);
    layout->addWidget(m_table);
    layout->addWidget(chartPanel, 1);
    fitTableHeight();

    retranslateUi();
    refreshNow();
}

FeedsView::~FeedsView() = default;

// Column widths for sample values and the headers of the current language (redone on a switch:
// English headers are wider than Chinese ones).
void FeedsView::fitColumnWidths()
{
    const QFontMetrics fm = m_table->fontMetrics();
    const auto widthFor
        = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 28; };
    const auto headerWidth = [this, &widthFor](int column) {
        return widthFor(m_model->headerData(column, Qt::Horizontal).toString());
    };
    m_table->setColumnWidth(FeedTableModel::IdColumn, widthFor(u"payments-gateway"_s));
    m_table->setColumnWidth(FeedTableModel::TypeColumn,
        std::max(widthFor(u"webhook__"_s), headerWidth(FeedTableModel::TypeColumn)));
    int stateWidth = widthFor(u"Degraded____"_s);
    for (auto state :
        { Storage::FeedState::Starting, Storage::FeedState::Healthy, Storage::FeedState::Degraded,
            Storage::FeedState::Down, Storage::FeedState::Paused, Storage::FeedState::Stopped }) {
        stateWidth = std::max(stateWidth, widthFor(Theme::feedStateDisplayName(state)) + 24);
    }
    m_table->setColumnWidth(FeedTableModel::StateColumn, stateWidth);
    m_table->setColumnWidth(FeedTableModel::LastEventColumn,
        std::max(widthFor(Theme::formatLocalTime(Core::nowMs(), QLocale())),
            headerWidth(FeedTableModel::LastEventColumn)));
    for (int c = FeedTableModel::ReceivedColumn; c <= FeedTableModel::BytesColumn; ++c) {
        m_table->setColumnWidth(c, std::max(widthFor(u"1,234,567"_s), headerWidth(c)));
    }
}

void FeedsView::retranslateUi()
{
    m_title->setText(tr("Feeds"));
    m_chartTitle->setText(tr("Records by feed"));
    const QStringList labels
        = { tr("Accepted"), tr("Duplicates"), tr("Quarantined"), tr("Skipped") };
    for (int i = 0; i < m_sets.size(); ++i) {
        m_sets[i]->setLabel(labels.value(i));
    }
}

void FeedsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        fitColumnWidths();
        if (m_loaded) {
            updateSummary(); // the table model retranslates itself
        }
    }
    QWidget::changeEvent(event);
}

void FeedsView::updateSummary()
{
    const QList<Storage::FeedStatus> &feeds = m_model->feeds();
    qint64 received = 0;
    int healthy = 0;
    for (const Storage::FeedStatus &feed : feeds) {
        received += feed.received;
        healthy += feed.state == Storage::FeedState::Healthy ? 1 : 0;
    }
    const QLocale locale;
    m_summary->setText(feeds.isEmpty()
            ? tr("No feed has delivered anything to this store yet.")
            : tr("%1 of %2 feeds healthy · %3 records received")
                  .arg(locale.toString(healthy), locale.toString(feeds.size()),
                      locale.toString(received)));
}

void FeedsView::scheduleRefresh()
{
    m_throttle->request();
}

void FeedsView::refreshNow()
{
    const quint64 generation = ++m_generation;
    m_queries->feeds().then(
        this, [this, generation](const Storage::Result<QList<Storage::FeedStatus>> &r) {
            if (generation != m_generation) {
                return;
            }
            m_throttle->done();
            if (!r.ok()) {
                m_summary->setText(tr("Could not read the store: %1").arg(r.error()));
                return;
            }
            m_model->setFeeds(r.value());
            updateChart();
            fitTableHeight();
            m_loaded = true;
            updateSummary();
            emit refreshed();
        });
}

void FeedsView::fitTableHeight()
{
    // The table is as tall as its rows (feeds are few); the chart takes the rest.
    const int rows = std::max(3, m_model->rowCount());
    const int height = m_table->horizontalHeader()->sizeHint().height()
        + rows * m_table->verticalHeader()->defaultSectionSize() + 2 * m_table->frameWidth() + 2;
    m_table->setFixedHeight(std::min(height, 460));
}

void FeedsView::updateChart()
{
    const QList<Storage::FeedStatus> &feeds = m_model->feeds();
    QStringList names;
    QList<QList<qreal>> values(m_sets.size());
    qreal maxTotal = 0;
    // Bottom-up axis: reverse so the chart lists feeds in the table's order.
    for (auto it = feeds.crbegin(); it != feeds.crend(); ++it) {
        names.append(it->id);
        values[0].append(qreal(it->accepted));
        values[1].append(qreal(it->duplicates));
        values[2].append(qreal(it->quarantined));
        values[3].append(qreal(it->skipped));
        maxTotal = std::max(
            maxTotal, qreal(it->accepted + it->duplicates + it->quarantined + it->skipped));
    }
    for (QBarSet *set : std::as_const(m_sets)) {
        set->remove(0, set->count());
    }
    m_feedAxis->setCategories(names);
    for (int i = 0; i < m_sets.size(); ++i) {
        m_sets[i]->append(values.at(i));
    }
    m_countAxis->setRange(0, std::max<qreal>(10, maxTotal * 1.08));
    m_countAxis->applyNiceNumbers();
}

} // namespace Lakeguard::Widgets
