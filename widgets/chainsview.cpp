// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "chainsview.h"

#include "alerttablemodel.h"
#include "chainnodecard.h"
#include "chipdelegate.h"
#include "queryservice.h"
#include "refreshthrottle.h"
#include "theme.h"

#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {
constexpr int kRefreshIntervalMs = 500;
} // namespace

ChainsView::ChainsView(Storage::QueryService *queries, QWidget *parent)
    : QWidget(parent)
    , m_queries(queries)
    , m_throttle(new RefreshThrottle(
          kRefreshIntervalMs, [this] { refreshNow(); }, this))
    , m_title(new QLabel(this))
    , m_alertsTitle(nullptr)
    , m_summary(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_cardArea(new QWidget)
    , m_grid(new QGridLayout(m_cardArea))
    , m_cardScroll(new QScrollArea(this))
    , m_alertsModel(new AlertTableModel(queries, this))
    , m_alertsTable(new QTableView(this))
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
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setPalette(muted);

    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(12);
    m_grid->setAlignment(Qt::AlignTop);
    m_cardScroll->setWidget(m_cardArea);
    m_cardScroll->setWidgetResizable(true);
    m_cardScroll->setFrameShape(QFrame::NoFrame);
    m_cardScroll->setBackgroundRole(QPalette::Window);
    m_cardArea->setBackgroundRole(QPalette::Window);

    Storage::AlertFilter chainOnly;
    chainOnly.categories = { Core::categoryName(Core::Category::Chain) };
    m_alertsModel->setFilter(chainOnly);
    m_alertsTable->setModel(m_alertsModel);
    m_alertsTable->setItemDelegateForColumn(
        AlertTableModel::SeverityColumn, new ChipDelegate(m_alertsTable));
    m_alertsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_alertsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_alertsTable->setAlternatingRowColors(true);
    m_alertsTable->setShowGrid(false);
    m_alertsTable->setWordWrap(false);
    m_alertsTable->setFrameShape(QFrame::NoFrame);
    m_alertsTable->verticalHeader()->hide();
    m_alertsTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_alertsTable->verticalHeader()->setDefaultSectionSize(
        m_alertsTable->fontMetrics().height() + 10);
    QHeaderView *columns = m_alertsTable->horizontalHeader();
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setHighlightSections(false);
    columns->setSectionResizeMode(AlertTableModel::TitleColumn, QHeaderView::Stretch);
    for (int column : { int(AlertTableModel::CategoryColumn), int(AlertTableModel::SourceIpColumn),
             int(AlertTableModel::DestIpColumn) }) {
        m_alertsTable->hideColumn(column);
    }
    const QFontMetrics fm = m_alertsTable->fontMetrics();
    m_alertsTable->setColumnWidth(AlertTableModel::TimeColumn,
        fm.horizontalAdvance(Theme::formatLocalTime(Core::nowMs(), QLocale())) + 24);
    int severityWidth = fm.horizontalAdvance(u"Critical"_s);
    for (int s = 0; s < Core::kSeverityCount; ++s) {
        severityWidth = std::max(severityWidth,
            fm.horizontalAdvance(Core::severityDisplayName(static_cast<Core::Severity>(s))));
    }
    m_alertsTable->setColumnWidth(AlertTableModel::SeverityColumn, severityWidth + 40);
    m_alertsTable->setColumnWidth(
        AlertTableModel::RuleColumn, fm.horizontalAdvance(u"chain.large_transfer"_s) + 24);
    m_alertsTable->setColumnWidth(
        AlertTableModel::EntityColumn, fm.horizontalAdvance(u"validator-1.example"_s) + 24);

    auto *alertsPanel = new QFrame(this);
    alertsPanel->setObjectName(u"chainAlertsPanel"_s);
    alertsPanel->setStyleSheet(u"QFrame#chainAlertsPanel { background: white; border: 1px solid %1;"
                               " border-radius: 6px; }"_s.arg(Theme::panelBorderColor().name()));
    m_alertsTitle = new QLabel(alertsPanel);
    m_alertsTitle->setTextFormat(Qt::PlainText);
    QFont panelFont = m_alertsTitle->font();
    panelFont.setWeight(QFont::DemiBold);
    m_alertsTitle->setFont(panelFont);
    auto *alertsLayout = new QVBoxLayout(alertsPanel);
    alertsLayout->setContentsMargins(12, 10, 12, 8);
    alertsLayout->addWidget(m_alertsTitle);
    alertsLayout->addWidget(m_alertsTable, 1);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addSpacing(12);
    header->addWidget(m_summary, 1, Qt::AlignBottom);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(12);
    layout->addLayout(header);
    layout->addWidget(m_empty);
    layout->addWidget(m_cardScroll);
    layout->addWidget(alertsPanel, 1);
    m_empty->hide();

    retranslateUi();
    refreshNow();
}

ChainsView::~ChainsView() = default;

void ChainsView::retranslateUi()
{
    m_title->setText(tr("Chain nodes"));
    m_alertsTitle->setText(tr("Chain alerts"));
    m_empty->setText(tr("No chain nodes are monitored in this store."));
}

void ChainsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        updateSummary(); // the cards and the alerts model retranslate themselves
    }
    QWidget::changeEvent(event);
}

void ChainsView::updateSummary()
{
    if (m_nodeCount == 0) {
        m_summary->clear();
        return;
    }
    const QLocale locale;
    m_summary->setText(tr("%1 of %2 nodes healthy · observed %3")
                           .arg(locale.toString(m_healthyCount), locale.toString(m_nodeCount),
                               Theme::formatLocalTime(m_observedAt, locale)));
}

void ChainsView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateCardAreaHeight();
}

void ChainsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateCardAreaHeight();
}

// Cards take the room they need, up to about half the view; the alert list takes the rest.
void ChainsView::updateCardAreaHeight()
{
    if (m_cards.isEmpty()) {
        m_cardScroll->setFixedHeight(0);
        return;
    }
    m_cards.first()->ensurePolished();
    const int rows = int((m_cards.size() + m_columns - 1) / m_columns);
    const int needed = rows * m_cards.first()->sizeHint().height() + (rows - 1) * m_grid->spacing();
    m_cardScroll->setFixedHeight(std::min(needed + 2, std::max(220, height() / 2)));
}

QString ChainsView::summaryText() const
{
    return m_summary->text();
}

void ChainsView::scheduleRefresh()
{
    m_throttle->request();
    m_alertsModel->refresh();
}

void ChainsView::refreshNow()
{
    const quint64 generation = ++m_generation;
    m_queries->chainStatus().then(
        this, [this, generation](const Storage::Result<QList<Core::ChainObservation>> &r) {
            if (generation != m_generation) {
                return;
            }
            m_throttle->done();
            if (!r.ok()) {
                m_summary->setText(tr("Could not read the store: %1").arg(r.error()));
                return;
            }
            applyObservations(r.value());
            emit refreshed();
        });
}

void ChainsView::applyObservations(QList<Core::ChainObservation> observations)
{
    std::sort(observations.begin(), observations.end(),
        [](const Core::ChainObservation &a, const Core::ChainObservation &b) {
            return std::tie(a.chain, a.node) < std::tie(b.chain, b.node);
        });
    // Cards are reused; only their count changes with the node list.
    while (m_cards.size() > observations.size()) {
        delete m_cards.takeLast();
    }
    while (m_cards.size() < observations.size()) {
        m_cards.append(new ChainNodeCard(m_cardArea));
    }
    // Four nodes read best as a square; more flow in rows of kColumns.
    const int columns = observations.size() <= 4 ? 2 : kColumns;
    for (int i = 0; i < m_cards.size(); ++i) {
        m_grid->addWidget(m_cards.at(i), i / columns, i % columns);
    }
    Core::TimestampMs reference = 0;
    for (const Core::ChainObservation &o : std::as_const(observations)) {
        reference = std::max(reference, o.observed);
    }
    int healthy = 0;
    for (int i = 0; i < observations.size(); ++i) {
        m_cards[i]->setObservation(observations.at(i), reference);
        healthy += observations.at(i).state == u"healthy" ? 1 : 0;
    }
    for (int c = 0; c < kColumns; ++c) {
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
    }
    m_empty->setVisible(observations.isEmpty());
    m_columns = columns;
    updateCardAreaHeight();
    m_nodeCount = int(observations.size());
    m_healthyCount = healthy;
    m_observedAt = reference;
    updateSummary();
}

} // namespace Lakeguard::Widgets
