// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedsview.h"

#include "chartlabels.h"
#include "chipdelegate.h"
#include "feededitdialog.h"
#include "feedmanager.h"
#include "feedprobe.h"
#include "feedtablemodel.h"
#include "futurecallback.h"
#include "queryservice.h"
#include "refreshthrottle.h"
#include "textsupport.h"
#include "theme.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
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
    m_table->setTabKeyNavigation(false); // Tab leaves, arrows move
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
    chart->setLocalizeNumbers(true); // 1,000, as the table writes counts
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
    m_countAxis->setLabelFormat(u"%.0f"_s);
    m_countAxis->setLabelsColor(Theme::mutedTextColor());
    m_countAxis->setGridLineColor(Theme::panelBorderColor());
    m_feedAxis->setLabelsColor(Theme::chartTextColor());
    m_feedAxis->setGridLineVisible(false);
    m_feedAxis->setTruncateLabels(false);
    chart->addAxis(m_feedAxis, Qt::AlignLeft);
    chart->addAxis(m_countAxis, Qt::AlignBottom);
    series->attachAxis(m_feedAxis);
    series->attachAxis(m_countAxis);
    chart->legend()->setAlignment(Qt::AlignTop);
    auto *chartView = new QChartView(chart, this);
    chartView->setObjectName(u"feedChart"_s);
    chartView->setRenderHint(QPainter::Antialiasing);
    chartView->setFrameShape(QFrame::NoFrame);
    chartView->setMinimumHeight(200);
    keepAxisLabels(chartView);

    auto *chartPanel = new QFrame(this);
    m_chartPanel = chartPanel;
    chartPanel->setObjectName(u"feedChartPanel"_s);
    chartPanel->setStyleSheet(u"QFrame#feedChartPanel { background: palette(base); border: 1px solid %1;"
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

    // The feed manager's actions; hidden until a manager is attached.
    auto *actions = new QHBoxLayout;
    actions->setSpacing(6);
    const QList<std::pair<const char *, void (FeedsView::*)()>> handlers
        = { { "addFeed", &FeedsView::addFeed }, { "editFeed", &FeedsView::editFeed },
              { "pauseFeed", &FeedsView::pauseFeed }, { "resumeFeed", &FeedsView::resumeFeed },
              { "testFeed", &FeedsView::testFeed }, { "removeFeed", &FeedsView::removeFeed } };
    for (const auto &[name, handler] : handlers) {
        auto *button = new QPushButton(this);
        button->setObjectName(QString::fromLatin1(name));
        button->setVisible(false);
        connect(button, &QPushButton::clicked, this, handler);
        actions->addWidget(button);
        m_actions.append(button);
    }
    m_actionLabel = new QLabel(this);
    m_actionLabel->setTextFormat(Qt::PlainText);
    m_actionLabel->setObjectName(u"feedActionMessage"_s);
    actions->addSpacing(8);
    actions->addWidget(m_actionLabel, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(12);
    layout->addLayout(header2);
    layout->addLayout(actions);
    layout->addWidget(m_table);
    layout->addWidget(chartPanel, 1);
    layout->addStretch(); // takes the room while the chart is hidden
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
    const QStringList actionTexts = { tr("&Add feed…"), tr("&Edit…"), tr("&Pause"), tr("&Resume"),
        tr("&Test connection"), tr("Re&move") };
    m_actionTips = { tr("Add a feed to FEEDS.json and start it"),
        tr("Change the selected feed's settings; it restarts with them"),
        tr("Stop the selected feed; it stays paused after a restart"),
        tr("Start the selected paused feed again from where it stopped"),
        tr("Check that the selected feed's source can be reached"),
        tr("Stop the selected feed and remove it from FEEDS.json (its alerts stay)") };
    for (int i = 0; i < m_actions.size(); ++i) {
        m_actions[i]->setText(actionTexts.value(i));
        m_actions[i]->setAccessibleName(QString(actionTexts.value(i)).remove(u'&'));
    }
    const QStringList labels
        = { tr("Accepted"), tr("Duplicates"), tr("Quarantined"), tr("Skipped") };
    for (int i = 0; i < m_sets.size(); ++i) {
        m_sets[i]->setLabel(labels.value(i));
    }
    m_table->setAccessibleName(tr("Feeds"));
    if (auto *chart = findChild<QChartView *>(u"feedChart"_s)) {
        chart->setAccessibleName(tr("Records by feed"));
        chart->setAccessibleDescription(tr("Stacked bars per feed: records accepted, duplicates, "
                                           "quarantined and skipped; the same counts are in the "
                                           "table's columns."));
    }
    updateActions();
}

void FeedsView::setFeedManager(Feeds::FeedManager *manager)
{
    m_manager = manager;
    for (QPushButton *b : std::as_const(m_actions)) {
        b->setVisible(manager != nullptr);
    }
    if (manager) {
        connect(manager, &Feeds::FeedManager::changed, this, [this] {
            scheduleRefresh();
            updateActions();
        });
        connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FeedsView::updateActions);
        if (!m_probe) {
            m_probe = new Feeds::FeedProbe(this);
            connect(
                m_probe, &Feeds::FeedProbe::finished, this, [this](bool ok, const QString &report) {
                    m_testing = false;
                    reportAction(ok,
                        ok ? tr("Connection test passed: %1").arg(report)
                           : tr("Connection test failed: %1").arg(report));
                    updateActions();
                });
        }
    }
    updateActions();
}

QPushButton *FeedsView::actionButton(const QString &name) const
{
    for (QPushButton *b : m_actions) {
        if (b->objectName() == name) {
            return b;
        }
    }
    return nullptr;
}

QString FeedsView::selectedFeed() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() || rows.first().row() >= m_model->feeds().size()) {
        return {};
    }
    return m_model->feeds().at(rows.first().row()).id;
}

void FeedsView::selectFeed(const QString &id)
{
    const QList<Storage::FeedStatus> &feeds = m_model->feeds();
    for (int row = 0; row < feeds.size(); ++row) {
        if (feeds.at(row).id == id) {
            m_table->selectRow(row);
            return;
        }
    }
}

void FeedsView::updateActions()
{
    if (!m_manager) {
        return;
    }
    const QString id = selectedFeed();
    const std::optional<Feeds::FeedConfig> config = m_manager->config(id);
    const bool configured = config.has_value();
    const bool paused = configured && !config->settings.value(u"enabled"_s).toBool(true);
    m_actions[0]->setEnabled(true);
    m_actions[1]->setEnabled(configured);
    m_actions[2]->setEnabled(configured && !paused);
    m_actions[3]->setEnabled(configured && paused);
    m_actions[4]->setEnabled(configured && !m_testing);
    m_actions[5]->setEnabled(configured);
    // A disabled action says why; an enabled one what it does.
    const QString why = configured ? QString()
        : id.isEmpty()             ? tr("Select a feed first")
                                   : tr("Feed %1 is not in %2 (it was ingested or is the demo)")
                             .arg(Core::displayText(id), Core::displayText(m_manager->path()));
    for (int i = 0; i < m_actions.size(); ++i) {
        // Tool tips guess rich text: the feed id is escaped by plainToolTip.
        m_actions[i]->setToolTip(
            i > 0 && !configured ? Theme::plainToolTip(why) : m_actionTips.value(i));
    }
}

void FeedsView::reportAction(bool ok, const QString &message)
{
    // The message may quote a feed id or a feed's error: untrusted, shown as plain text.
    m_actionMessage = Core::displayText(message);
    m_actionLabel->setText(m_actionMessage);
    QPalette palette = m_actionLabel->palette();
    palette.setColor(QPalette::WindowText,
        ok ? Theme::mutedTextColor() : Theme::severityColor(Core::Severity::Critical));
    m_actionLabel->setPalette(palette);
    emit actionFinished(ok, message);
}

void FeedsView::addFeed()
{
    if (!m_manager) {
        return;
    }
    FeedEditDialog dialog(m_manager->configs(), {}, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const QJsonObject feed = dialog.feed();
    const Storage::Status s = m_manager->save(feed);
    reportAction(s.ok(),
        s ? tr("Feed %1 added to %2").arg(feed.value(u"id"_s).toString(), m_manager->path())
          : s.error());
    refreshNow();
}

void FeedsView::editFeed()
{
    const QString id = selectedFeed();
    const std::optional<Feeds::FeedConfig> config
        = m_manager ? m_manager->config(id) : std::nullopt;
    if (!config) {
        return;
    }
    QList<Feeds::FeedConfig> others = m_manager->configs();
    others.removeIf([&](const Feeds::FeedConfig &c) { return c.id == id; });
    FeedEditDialog dialog(others, config->settings, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const Storage::Status s = m_manager->save(dialog.feed(), id);
    reportAction(s.ok(), s ? tr("Feed %1 saved and restarted").arg(id) : s.error());
    refreshNow();
}

void FeedsView::pauseFeed()
{
    const QString id = selectedFeed();
    if (!m_manager || id.isEmpty()) {
        return;
    }
    const Storage::Status s = m_manager->pause(id);
    reportAction(s.ok(), s ? tr("Feed %1 paused").arg(id) : s.error());
}

void FeedsView::resumeFeed()
{
    const QString id = selectedFeed();
    if (!m_manager || id.isEmpty()) {
        return;
    }
    const Storage::Status s = m_manager->resume(id);
    reportAction(s.ok(), s ? tr("Feed %1 resumed").arg(id) : s.error());
}

void FeedsView::testFeed()
{
    const QString id = selectedFeed();
    const std::optional<Feeds::FeedConfig> config
        = m_manager ? m_manager->config(id) : std::nullopt;
    if (!config || !m_probe) {
        return;
    }
    m_testing = true;
    m_actions[4]->setEnabled(false);
    reportAction(true, tr("Testing %1…").arg(id));
    m_probe->run(m_manager->withVault(*config), m_manager->isRunning(id));
}

void FeedsView::removeFeed()
{
    const QString id = selectedFeed();
    if (!m_manager || !m_manager->config(id)) {
        return;
    }
    const auto answer = QMessageBox::question(this, tr("Remove feed"),
        tr("Stop feed %1 and remove it from %2? Its alerts stay in the store.")
            .arg(id, m_manager->path()));
    if (answer != QMessageBox::Yes) {
        return;
    }
    const Storage::Status s = m_manager->remove(id);
    reportAction(s.ok(), s ? tr("Feed %1 removed").arg(id) : s.error());
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
    const QString none = m_pack
        ? tr("An evidence pack carries the records it was cut for and their proofs, not the "
             "feeds' statistics.")
        : tr("No feed has delivered anything to this store yet.");
    m_summary->setText(feeds.isEmpty()
            ? none
            : tr("%1 of %2 feeds healthy · %3 records received")
                  .arg(locale.toString(healthy), locale.toString(feeds.size()),
                      locale.toString(received)));
    // Axes around nothing look like a broken chart.
    m_chartPanel->setVisible(!feeds.isEmpty());
}

QString FeedsView::summaryText() const
{
    return m_summary->text();
}

void FeedsView::setEvidencePack(bool pack)
{
    m_pack = pack;
    if (m_loaded) { // before the first read there is nothing to describe yet
        updateSummary();
    }
}

void FeedsView::scheduleRefresh()
{
    m_throttle->request();
}

void FeedsView::refreshNow()
{
    const quint64 generation = ++m_generation;
    Core::whenFinished(m_queries->feeds(), this,
        [this, generation](const Storage::Result<QList<Storage::FeedStatus>> &r) {
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
        // Chart axis labels are rendered as rich text: escaped after controls are made visible.
        names.append(Core::displayText(it->id).toHtmlEscaped());
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
