// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "chainsview.h"

#include "alerttablemodel.h"
#include "alerttableview.h"
#include "chainchart.h"
#include "chainnodecard.h"
#include "chipdelegate.h"
#include "ethrpcconfigedit.h"
#include "feedmanager.h"
#include "forkview.h"
#include "futurecallback.h"
#include "queryservice.h"
#include "refreshthrottle.h"
#include "theme.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {
constexpr int kRefreshIntervalMs = 500;
constexpr qint64 kHistoryWindowMs = 6LL * 3600 * 1000;
constexpr int kHistoryLimit = 4000;
constexpr int kChartedNodes = 8;
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
    , m_alertsTable(new AlertTableView(this))
    , m_chart(new ChainChart(this))
    , m_forkView(new ForkView(this))
    , m_addNode(new QPushButton(this))
{
    m_addNode->setEnabled(false);
    connect(m_addNode, &QPushButton::clicked, this, &ChainsView::openAddNodeDialog);
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

    m_alertsModel->setFilter(chainAlertFilter());
    m_alertsTable->setModel(m_alertsModel);
    m_alertsTable->setItemDelegateForColumn(
        AlertTableModel::SeverityColumn, new ChipDelegate(m_alertsTable));
    m_alertsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_alertsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_alertsTable->setTabKeyNavigation(false); // Tab leaves, arrows move
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
    alertsPanel->setStyleSheet(
        u"QFrame#chainAlertsPanel { background: palette(base); border: 1px solid %1;"
        " border-radius: 6px; }"_s.arg(Theme::panelBorderColor().name()));
    m_alertsTitle = new QLabel(alertsPanel);
    m_alertsTitle->setTextFormat(Qt::PlainText);
    QFont panelFont = m_alertsTitle->font();
    panelFont.setWeight(QFont::DemiBold);
    m_alertsTitle->setFont(panelFont);
    auto *alertsLayout = new QVBoxLayout(alertsPanel);
    alertsLayout->setContentsMargins(12, 10, 12, 8);
    alertsLayout->addWidget(m_alertsTitle);
    alertsLayout->addWidget(m_alertsTable->wrapInFrame(), 1);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addSpacing(12);
    header->addWidget(m_summary, 1, Qt::AlignBottom);
    header->addWidget(m_addNode, 0, Qt::AlignBottom);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(12);
    layout->addLayout(header);
    layout->addWidget(m_empty);
    layout->addWidget(m_cardScroll);
    layout->addWidget(m_forkView);
    layout->addWidget(m_chart, 3); // room for both axes and the legend; taller on taller screens
    layout->addWidget(alertsPanel, 2);
    m_empty->hide();

    retranslateUi();
    refreshNow();
}

ChainsView::~ChainsView() = default;

void ChainsView::retranslateUi()
{
    m_title->setText(tr("Chain nodes"));
    m_alertsTitle->setText(tr("Chain alerts"));
    m_empty->setText(m_pack ? tr("An evidence pack carries the records it was cut for and their "
                                 "proofs, not the status of chain nodes.")
                            : tr("No chain nodes are monitored in this store."));
    m_addNode->setText(tr("Add node…"));
    m_cardScroll->setAccessibleName(tr("Chain nodes"));
    m_cardScroll->setAccessibleDescription(
        tr("One card per monitored node: state, height, lag, peers and latency."));
    m_alertsTable->setAccessibleName(tr("Chain alerts"));
    m_addNode->setToolTip(m_manager
            ? tr("Adds a node to the chain feeds in %1").arg(m_manager->path())
            : tr("Nodes can be added when the console runs its feeds."));
}

void ChainsView::setEvidencePack(bool pack)
{
    m_pack = pack;
    m_addNode->setVisible(!pack); // nothing in a pack runs feeds
    retranslateUi();
}

QString ChainsView::emptyText() const
{
    return m_empty->text();
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
    if (m_asOf) {
        return; // a past moment does not change with new data
    }
    m_throttle->request();
    m_alertsModel->refresh();
}

Storage::AlertFilter ChainsView::chainAlertFilter() const
{
    Storage::AlertFilter f;
    f.categories = { Core::categoryName(Core::Category::Chain) };
    if (m_asOf) {
        f.until = *m_asOf + 1; // exclusive bound: alerts at the moment itself count
    }
    return f;
}

void ChainsView::setAsOf(std::optional<Core::TimestampMs> at)
{
    if (at == m_asOf) {
        return;
    }
    m_asOf = at;
    m_alertsModel->setFilter(chainAlertFilter());
    updateAddNode();
    refreshNow();
}

void ChainsView::updateAddNode()
{
    m_addNode->setEnabled(m_manager != nullptr && !m_asOf);
}

void ChainsView::refreshAsOf()
{
    const quint64 generation = ++m_generation;
    Core::whenFinished(m_queries->asOf(*m_asOf, Storage::AsOfChains), this,
        [this, generation](const Storage::Result<Storage::AsOfSnapshot> &r) {
            if (generation != m_generation) {
                return;
            }
            m_throttle->done();
            if (!r.ok()) {
                m_summary->setText(tr("Could not read the store: %1").arg(r.error()));
                return;
            }
            QList<Core::ChainObservation> observations;
            for (const Storage::AsOfChainNode &n : r->chains) {
                Core::ChainObservation o;
                o.chain = n.chain;
                o.node = n.node;
                o.height = n.height;
                o.blockTime = n.blockTime;
                o.observed = n.observed;
                o.lag = n.lag;
                o.latencyMs = n.latencyMs;
                o.state = n.state;
                observations.append(o);
            }
            applyObservations(observations);
            emit refreshed();
        });
}

void ChainsView::refreshNow()
{
    if (m_asOf) {
        refreshAsOf();
        return;
    }
    const quint64 generation = ++m_generation;
    Core::whenFinished(m_queries->chainStatus(), this,
        [this, generation](const Storage::Result<QList<Core::ChainObservation>> &r) {
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
    m_chart->setVisible(!observations.isEmpty());
    loadHistory(observations, reference);
    loadFork(observations);
}

void ChainsView::loadHistory(
    const QList<Core::ChainObservation> &observations, Core::TimestampMs reference)
{
    struct Gather
    {
        QMap<QString, QList<Storage::ChainHistoryPoint>> byNode;
        int left = 0;
    };
    auto g = std::make_shared<Gather>();
    const quint64 generation = m_generation;
    QList<Core::ChainObservation> charted = observations.mid(0, kChartedNodes);
    g->left = int(charted.size());
    if (charted.isEmpty()) {
        m_chart->setHistory({});
        return;
    }
    const bool severalChains = charted.first().chain != charted.last().chain;
    for (const Core::ChainObservation &o : std::as_const(charted)) {
        const QString label = severalChains ? o.chain + u" · "_s + o.node : o.node;
        Core::whenFinished(
            m_queries->chainHistory(o.chain, o.node, reference - kHistoryWindowMs, kHistoryLimit,
                m_asOf.value_or(std::numeric_limits<Core::TimestampMs>::max())),
            this,
            [this, g, label, generation](
                const Storage::Result<QList<Storage::ChainHistoryPoint>> &r) {
                if (r.ok()) {
                    g->byNode.insert(label, r.value());
                }
                if (--g->left == 0 && generation == m_generation) {
                    m_chart->setHistory(g->byNode);
                    emit historyLoaded();
                }
            });
    }
}

void ChainsView::loadFork(const QList<Core::ChainObservation> &observations)
{
    const auto forked = std::find_if(observations.begin(), observations.end(),
        [](const Core::ChainObservation &o) { return o.state == u"forked"; });
    if (forked == observations.end()) {
        m_forkView->clearFork();
        return;
    }
    const QString chain = forked->chain;
    QList<Core::ChainObservation> sameChain;
    for (const Core::ChainObservation &o : observations) {
        if (o.chain == chain) {
            sameChain.append(o);
        }
    }
    Storage::AlertFilter filter;
    filter.rule = u"chain.fork"_s;
    if (m_asOf) {
        filter.until = *m_asOf + 1;
    }
    Core::whenFinished(m_queries->alerts(filter, Storage::AlertSort::TimeDesc, 1, std::nullopt),
        this, [this, chain, sameChain](const Storage::Result<Storage::AlertPage> &r) {
            qint64 height = -1;
            QList<ForkBranch> branches;
            if (!r.ok() || r->alerts.isEmpty()
                || !ForkView::branchesFromAlert(r->alerts.first(), &height, &branches)) {
                branches = ForkView::branchesFromObservations(sameChain, &height);
            }
            if (branches.isEmpty()) {
                m_forkView->clearFork();
            } else {
                m_forkView->setFork(chain, height, branches);
            }
            emit forkLoaded();
        });
}

void ChainsView::setFeedManager(Feeds::FeedManager *manager)
{
    m_manager = manager;
    updateAddNode();
    retranslateUi();
}

QString ChainsView::addNode(const QString &feedId, const QString &kind, const QString &url)
{
    if (!m_manager) {
        return tr("Nodes can be added when the console runs its feeds.");
    }
    const std::optional<Feeds::FeedConfig> existing = m_manager->config(feedId);
    const auto feed
        = Feeds::withChainNode(existing ? existing->settings : QJsonObject(), feedId, kind, url);
    if (!feed) {
        return feed.error();
    }
    if (const Storage::Status saved = m_manager->save(feed.value(), feedId); !saved) {
        return saved.error();
    }
    return {};
}

void ChainsView::openAddNodeDialog()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add chain node"));
    auto *feed = new QComboBox(&dialog);
    feed->setEditable(true);
    QStringList chains;
    if (m_manager) {
        for (const Feeds::FeedConfig &c : m_manager->configs()) {
            if (c.type == u"eth-rpc"_s) {
                chains.append(c.id);
            }
        }
    }
    feed->addItems(chains);
    auto *kind = new QComboBox(&dialog);
    kind->addItem(tr("Ethereum JSON-RPC"), u"eth"_s);
    kind->addItem(tr("FISCO BCOS"), u"fisco"_s);
    kind->addItem(tr("Hyperledger Fabric (operations service)"), u"fabric"_s);
    auto *url = new QLineEdit(&dialog);
    url->setPlaceholderText(u"http://127.0.0.1:8545"_s);
    auto *note = new QLabel(tr("The node is saved in %1 and watched from now on; a new id adds "
                               "a chain feed.")
                                .arg(m_manager ? m_manager->path() : QString()),
        &dialog);
    note->setTextFormat(Qt::PlainText);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("Chain feed id"), feed);
    form->addRow(tr("Kind"), kind);
    form->addRow(tr("Node URL"), url);
    form->addRow(note);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const QString error = addNode(
        feed->currentText().trimmed(), kind->currentData().toString(), url->text().trimmed());
    if (!error.isEmpty()) {
        QMessageBox box(QMessageBox::Warning, tr("Add chain node"), error, QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    }
}

} // namespace Lakeguard::Widgets
