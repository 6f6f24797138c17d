// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertsview.h"

#include "alertdetailpanel.h"
#include "alerttablemodel.h"
#include "alerttableview.h"
#include "chipdelegate.h"
#include "columnchooser.h"
#include "futurecallback.h"
#include "modelroles.h"
#include "queryservice.h"
#include "refreshthrottle.h"
#include "textcelldelegate.h"
#include "theme.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {
constexpr int kFeedRefreshMs = 2000;
} // namespace

AlertsView::AlertsView(Storage::QueryService *queries, QWidget *parent)
    : QWidget(parent)
    , m_queries(queries)
    , m_model(new AlertTableModel(queries, this))
    , m_feedThrottle(new RefreshThrottle(
          kFeedRefreshMs, [this] { refreshFeeds(); }, this))
    , m_severity(new QComboBox(this))
    , m_category(new QComboBox(this))
    , m_feed(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_searchTimer(new QTimer(this))
    , m_filterLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_table(new AlertTableView(this))
    , m_detail(new AlertDetailPanel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    // Filter bar
    // Texts come from retranslateUi(); the data are the filter values.
    m_severity->addItem(QString(), -1);
    for (int s = 0; s < Core::kSeverityCount; ++s) {
        m_severity->addItem(QString(), s);
    }
    m_category->addItem(QString(), QString());
    for (int c = 0; c < Core::kCategoryCount; ++c) {
        m_category->addItem(QString(), Core::categoryName(static_cast<Core::Category>(c)));
    }
    m_feed->addItem(QString(), QString());
    for (QComboBox *combo : { m_severity, m_category, m_feed }) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    }
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(kSearchDebounceMs);
    m_countLabel->setTextFormat(Qt::PlainText);
    m_countLabel->setMinimumWidth(140);
    m_countLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_filterLabel->setTextFormat(Qt::PlainText);
    auto *bar = new QHBoxLayout;
    bar->setSpacing(8);
    bar->addWidget(m_filterLabel);
    bar->addWidget(m_severity);
    bar->addWidget(m_category);
    bar->addWidget(m_feed);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_countLabel);

    // Table
    m_table->setModel(m_model);
    m_table->setItemDelegate(new TextCellDelegate(m_table));
    m_table->setItemDelegateForColumn(AlertTableModel::SeverityColumn, new ChipDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves, arrows move
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Uniform rows: a fixed section size and no vertical header (never ResizeToContents).
    QHeaderView *vertical = m_table->verticalHeader();
    vertical->hide();
    vertical->setSectionResizeMode(QHeaderView::Fixed);
    vertical->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(AlertTableModel::TitleColumn, QHeaderView::Stretch);
    const QFontMetrics fm = m_table->fontMetrics();
    const auto widthFor
        = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 24; };
    m_table->setColumnWidth(
        AlertTableModel::TimeColumn, widthFor(Theme::formatLocalTime(Core::nowMs(), QLocale())));
    // Wide enough for the English names and the current language's (switching keeps widths).
    int severityWidth = widthFor(u"Critical"_s);
    for (int s = 0; s < Core::kSeverityCount; ++s) {
        severityWidth = std::max(
            severityWidth, widthFor(Core::severityDisplayName(static_cast<Core::Severity>(s))));
    }
    int categoryWidth = widthFor(u"Availability"_s);
    for (int c = 0; c < Core::kCategoryCount; ++c) {
        categoryWidth = std::max(
            categoryWidth, widthFor(Core::categoryDisplayName(static_cast<Core::Category>(c))));
    }
    m_table->setColumnWidth(AlertTableModel::SeverityColumn, severityWidth + 24);
    m_table->setColumnWidth(AlertTableModel::CategoryColumn, categoryWidth);
    m_table->setColumnWidth(AlertTableModel::FeedColumn, widthFor(u"demo-fraud"_s));
    m_table->setColumnWidth(AlertTableModel::RuleColumn, widthFor(u"fraud.3ds_fail"_s));
    m_table->setColumnWidth(AlertTableModel::EntityColumn, widthFor(u"ib-web-01.dmz.bank"_s));
    m_table->setColumnWidth(AlertTableModel::SourceIpColumn, widthFor(u"203.0.113.25"_s));
    m_table->setColumnWidth(AlertTableModel::DestIpColumn, widthFor(u"203.0.113.25"_s));
    header->setSortIndicator(AlertTableModel::TimeColumn, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    m_columns
        = new ColumnChooser(m_table, { AlertTableModel::TimeColumn, AlertTableModel::TitleColumn });

    auto *tablePane = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(16, 12, 16, 6);
    tableLayout->setSpacing(8);
    tableLayout->addLayout(bar);
    tableLayout->addWidget(m_table->wrapInFrame(), 1);

    m_splitter->addWidget(tablePane);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    // Wiring
    connect(m_severity, &QComboBox::currentIndexChanged, this, &AlertsView::applyFilter);
    connect(m_category, &QComboBox::currentIndexChanged, this, &AlertsView::applyFilter);
    connect(m_feed, &QComboBox::currentIndexChanged, this, &AlertsView::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &AlertsView::applyFilter);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &AlertsView::onSortIndicatorChanged);
    connect(m_model, &AlertTableModel::countChanged, this, [this] {
        m_error.clear();
        updateCountLabel();
    });
    connect(m_model, &AlertTableModel::queryFailed, this, [this](const QString &error) {
        m_error = error;
        updateCountLabel();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &AlertsView::showCurrentAlert);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            const QModelIndex current = m_table->currentIndex();
            if (current.isValid() && current.row() >= topLeft.row()
                && current.row() <= bottomRight.row()) {
                showCurrentAlert();
            }
        });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &AlertsView::showCurrentAlert);

    retranslateUi();
    updateCountLabel();
    refreshFeeds();
}

AlertsView::~AlertsView() = default;

QTableView *AlertsView::tableView() const
{
    return m_table;
}

void AlertsView::retranslateUi()
{
    m_filterLabel->setText(tr("Filter:"));
    m_severity->setItemText(0, tr("Any severity"));
    for (int s = 0; s < Core::kSeverityCount; ++s) {
        m_severity->setItemText(s + 1,
            tr("%1 or worse", "minimum severity")
                .arg(Core::severityDisplayName(static_cast<Core::Severity>(s))));
    }
    m_severity->setToolTip(tr("Minimum severity"));
    m_category->setItemText(0, tr("Any category"));
    for (int c = 0; c < Core::kCategoryCount; ++c) {
        m_category->setItemText(c + 1, Core::categoryDisplayName(static_cast<Core::Category>(c)));
    }
    m_category->setToolTip(tr("Category"));
    m_feed->setItemText(0, tr("All feeds"));
    m_feed->setToolTip(tr("Feed"));
    m_search->setPlaceholderText(tr("Search alerts (all words must match)…"));
    m_severity->setAccessibleName(tr("Minimum severity"));
    m_category->setAccessibleName(tr("Category"));
    m_feed->setAccessibleName(tr("Feed"));
    m_search->setAccessibleName(tr("Search alerts"));
    m_table->setAccessibleName(tr("Alerts"));
    m_table->setAccessibleDescription(
        tr("Newest first; arrows move between alerts, the details show beside the list."));
}

void AlertsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        updateCountLabel();
    }
    QWidget::changeEvent(event);
}

QString AlertsView::countText() const
{
    return m_countLabel->text();
}

QByteArray AlertsView::saveState() const
{
    return m_splitter->saveState();
}

void AlertsView::restoreState(const QByteArray &state)
{
    if (!state.isEmpty()) {
        m_splitter->restoreState(state);
    }
}

void AlertsView::scheduleRefresh()
{
    m_model->refresh();
    m_feedThrottle->request();
}

void AlertsView::applyFilter()
{
    m_searchTimer->stop();
    Storage::AlertFilter filter;
    const int severity = m_severity->currentData().toInt();
    if (severity >= 0) {
        filter.minSeverity = Core::severityFromInt(severity);
    }
    const QString category = m_category->currentData().toString();
    if (!category.isEmpty()) {
        filter.categories = { category };
    }
    filter.feed = m_feed->currentData().toString();
    filter.search = m_search->text().simplified();
    m_model->setFilter(filter);
    updateCountLabel();
}

void AlertsView::refreshFeeds()
{
    Core::whenFinished(
        m_queries->feeds(), this, [this](const Storage::Result<QList<Storage::FeedStatus>> &r) {
            m_feedThrottle->done();
            if (!r.ok()) {
                return;
            }
            QStringList ids;
            for (const Storage::FeedStatus &feed : r.value()) {
                ids.append(feed.id);
            }
            ids.sort();
            QStringList known;
            for (int i = 1; i < m_feed->count(); ++i) {
                known.append(m_feed->itemData(i).toString());
            }
            if (ids == known) {
                return;
            }
            const QString selected = m_feed->currentData().toString();
            const QSignalBlocker blocker(m_feed);
            while (m_feed->count() > 1) {
                m_feed->removeItem(1);
            }
            for (const QString &id : std::as_const(ids)) {
                m_feed->addItem(id, id);
            }
            const int index = m_feed->findData(selected);
            m_feed->setCurrentIndex(index < 0 ? 0 : index);
            if (index < 0 && !selected.isEmpty()) {
                applyFilter();
            }
        });
}

void AlertsView::updateCountLabel()
{
    if (!m_error.isEmpty()) {
        m_countLabel->setText(tr("Query failed: %1").arg(m_error));
        m_countLabel->setToolTip(Theme::plainToolTip(m_error));
        return;
    }
    m_countLabel->setToolTip({});
    if (m_model->isCounting() && m_model->totalCount() == 0) {
        m_countLabel->setText(tr("Counting…"));
        return;
    }
    m_countLabel->setText(tr("%1 alerts").arg(QLocale().toString(m_model->totalCount())));
}

void AlertsView::showCurrentAlert()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->setAlert(std::nullopt);
        return;
    }
    const QVariant value = current.siblingAtColumn(0).data(AlertRole);
    if (!value.isValid()) {
        return; // placeholder: the page is on its way and dataChanged brings us back here
    }
    const auto alert = value.value<Core::Alert>();
    if (m_detail->alertId() == alert.id) {
        return;
    }
    m_detail->setAlert(alert);
}

void AlertsView::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    if (!AlertTableModel::isSortable(column)) {
        // The model ignored it; put the indicator back where the data is sorted.
        const QSignalBlocker blocker(m_table->horizontalHeader());
        m_table->horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
}

} // namespace Lakeguard::Widgets
