// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "incidentsview.h"

#include "alerttablemodel.h"
#include "alerttableview.h"
#include "chipdelegate.h"
#include "columnchooser.h"
#include "displayclock.h"
#include "futurecallback.h"
#include "incidenttablemodel.h"
#include "incidenttitle.h"
#include "modelroles.h"
#include "queryservice.h"
#include "refreshthrottle.h"
#include "sensitivemask.h"
#include "storewriter.h"
#include "textsupport.h"
#include "theme.h"

#include <QAction>
#include <QComboBox>
#include <QDataStream>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {

constexpr int kRefreshMs = 1000;
constexpr int kSearchDebounceMs = 300;
constexpr int kDetailAlerts = 200;
// saveState(): this, the detail's placement, then the splitter's sizes for each placement.
constexpr quint32 kStateMagic = 0x4c474931; // "LGI1"

// Status filter entries: -2 open, -1 any, else an IncidentStatus.
constexpr int kOpen = -2;
constexpr int kAny = -1;

QString actionText(IncidentsView::Action a)
{
    switch (a) {
    case IncidentsView::AcknowledgeAction:
        return IncidentsView::tr("&Acknowledge");
    case IncidentsView::InvestigateAction:
        return IncidentsView::tr("&Investigate");
    case IncidentsView::ResolveAction:
        return IncidentsView::tr("&Resolve");
    case IncidentsView::FalsePositiveAction:
        return IncidentsView::tr("&False positive");
    case IncidentsView::ReopenAction:
        return IncidentsView::tr("R&eopen");
    case IncidentsView::ApproveAction:
        return IncidentsView::tr("A&pprove close");
    case IncidentsView::AssignAction:
        return IncidentsView::tr("Assign &owner…");
    case IncidentsView::NoteAction:
        return IncidentsView::tr("Add &note…");
    case IncidentsView::ActionCount:
        break;
    }
    return {};
}

QKeySequence actionKey(IncidentsView::Action a)
{
    switch (a) {
    case IncidentsView::AcknowledgeAction:
        return QKeySequence(Qt::Key_A);
    case IncidentsView::InvestigateAction:
        return QKeySequence(Qt::Key_I);
    case IncidentsView::ResolveAction:
        return QKeySequence(Qt::Key_R);
    case IncidentsView::FalsePositiveAction:
        return QKeySequence(Qt::Key_F);
    case IncidentsView::ReopenAction:
        return QKeySequence(Qt::Key_E);
    case IncidentsView::ApproveAction:
        return QKeySequence(Qt::Key_P);
    case IncidentsView::AssignAction:
        return QKeySequence(Qt::Key_O);
    case IncidentsView::NoteAction:
        return QKeySequence(Qt::Key_N);
    case IncidentsView::ActionCount:
        break;
    }
    return {};
}

QString auditActionName(const QString &action)
{
    if (action == u"status"_s) {
        return IncidentsView::tr("Status");
    }
    if (action == u"approve"_s) {
        return IncidentsView::tr("Approval");
    }
    if (action == u"assign"_s) {
        return IncidentsView::tr("Owner");
    }
    if (action == u"note"_s) {
        return IncidentsView::tr("Note");
    }
    if (action == u"severity"_s) {
        return IncidentsView::tr("Severity");
    }
    if (action == u"tag"_s) {
        return IncidentsView::tr("Tags");
    }
    if (action == u"merge"_s) {
        return IncidentsView::tr("Merge");
    }
    if (action == u"split"_s) {
        return IncidentsView::tr("Split");
    }
    if (action == u"suppress"_s) {
        return IncidentsView::tr("Suppression");
    }
    return action;
}

// A table cell for untrusted text (an officer's or an alert's words): controls and bidi
// overrides made visible; item views paint DisplayRole as plain text.
QTableWidgetItem *plainItem(const QString &raw)
{
    const QString text = Core::displayText(raw);
    auto *item = new QTableWidgetItem(text);
    item->setToolTip(Theme::plainToolTip(text));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

} // namespace

IncidentsView::IncidentsView(Storage::QueryService *queries, QWidget *parent)
    : QWidget(parent)
    , m_queries(queries)
    , m_model(new IncidentTableModel(queries, this))
    , m_alertsModel(new AlertTableModel(queries, this))
    , m_throttle(new RefreshThrottle(
          kRefreshMs,
          [this] {
              m_model->reload();
              loadDetail();
              m_throttle->done();
          },
          this))
    , m_status(new QComboBox(this))
    , m_severity(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_searchTimer(new QTimer(this))
    , m_countLabel(new QLabel(this))
    , m_message(new QLabel(this))
    , m_table(new QTableView(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_title(new QLabel(this))
    , m_facts(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_alertsTable(new AlertTableView(this))
    , m_timeline(new QListWidget(this))
    , m_notes(new QListWidget(this))
    , m_noteEdit(new QLineEdit(this))
    , m_addNote(new QPushButton(this))
    , m_audit(new QTableWidget(0, 5, this))
{
    m_prompt = [this](const QString &title, const QString &label) -> std::optional<QString> {
        bool ok = false;
        const QString text = QInputDialog::getText(this, title, label, QLineEdit::Normal, {}, &ok);
        return ok ? std::optional<QString>(text) : std::nullopt;
    };

    // Filters: texts from retranslateUi(), data are the values.
    m_status->addItem(QString(), kOpen);
    m_status->addItem(QString(), kAny);
    for (int s = 0; s < Core::kIncidentStatusCount; ++s) {
        m_status->addItem(QString(), s);
    }
    m_severity->addItem(QString(), -1);
    for (int s = int(Core::Severity::Low); s < Core::kSeverityCount; ++s) {
        m_severity->addItem(QString(), s);
    }
    for (QComboBox *combo : { m_status, m_severity }) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(combo, &QComboBox::currentIndexChanged, this, &IncidentsView::applyFilter);
    }
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(220);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(kSearchDebounceMs);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &IncidentsView::applyFilter);
    m_countLabel->setTextFormat(Qt::PlainText);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setObjectName(u"incidentMessage"_s);
    m_message->setForegroundRole(QPalette::Link); // the theme's accent, light or dark
    m_message->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(8);
    bar->addWidget(m_status);
    bar->addWidget(m_severity);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_countLabel);

    // Actions: single keys on the list only (typing in the search field stays typing).
    auto *actionsBar = new QHBoxLayout;
    actionsBar->setSpacing(4);
    for (int i = 0; i < ActionCount; ++i) {
        auto *a = new QAction(this);
        a->setShortcut(actionKey(Action(i)));
        a->setShortcutContext(Qt::WidgetShortcut);
        connect(a, &QAction::triggered, this, [this, i] { trigger(Action(i)); });
        m_table->addAction(a);
        m_actions.append(a);
        auto *button = new QToolButton(this);
        button->setDefaultAction(a);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setAutoRaise(false);
        actionsBar->addWidget(button);
        m_buttons.append(button);
    }
    // Evidence pack of the selection (issue 7): not one of the writer-gated actions.
    m_exportAction = new QAction(this);
    connect(m_exportAction, &QAction::triggered, this, [this] {
        QList<qint64> ids;
        for (const Storage::IncidentRow &r : selectedIncidents()) {
            ids << r.id.value;
        }
        if (!ids.isEmpty()) {
            emit exportRequested(ids);
        }
    });
    {
        auto *button = new QToolButton(this);
        button->setDefaultAction(m_exportAction);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setObjectName(u"exportEvidenceButton"_s);
        actionsBar->addWidget(button);
    }
    actionsBar->addWidget(m_message, 1);

    // The list
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(
        IncidentTableModel::SeverityColumn, new ChipDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves, arrows move
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView *vertical = m_table->verticalHeader();
    vertical->hide();
    vertical->setSectionResizeMode(QHeaderView::Fixed);
    vertical->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    fitColumns();
    // The title takes what is left, so the deadline and the last activity stay in view at any
    // window width and in either language (long titles elide; the detail pane has them whole).
    header->setStretchLastSection(false);
    m_table->viewport()->installEventFilter(this);
    m_columns = new ColumnChooser(
        m_table, { IncidentTableModel::IdColumn, IncidentTableModel::TitleColumn });
    connect(m_columns, &ColumnChooser::columnsChanged, this, &IncidentsView::fitTitleColumn);
    header->setSortIndicator(IncidentTableModel::RiskColumn, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        QMenu menu(this);
        for (QAction *a : std::as_const(m_actions)) {
            menu.addAction(a);
        }
        menu.addSeparator();
        menu.addAction(m_exportAction);
        menu.exec(m_table->viewport()->mapToGlobal(at));
    });

    // The filters and the actions span the whole view, above the list and the detail: the row of
    // action buttons no longer sets the list's minimum width, so the detail pane keeps room for
    // its tabs on a 1440 px screen.
    auto *top = new QVBoxLayout;
    top->setContentsMargins(16, 12, 8, 0);
    top->setSpacing(8);
    top->addLayout(bar);
    top->addLayout(actionsBar);
    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(16, 0, 8, 6);
    listLayout->setSpacing(8);
    listLayout->addWidget(m_table, 1);

    // The detail
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setObjectName(u"incidentTitle"_s);
    m_title->setStyleSheet(u"QLabel#incidentTitle { font-size: 15px; font-weight: 600; }"_s);
    m_facts->setTextFormat(Qt::PlainText);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_alertsModel->setFilter([] {
        Storage::AlertFilter f;
        f.incident = Core::IncidentId { -1 }; // nothing until an incident is shown
        return f;
    }());
    m_alertsTable->setModel(m_alertsModel);
    m_alertsTable->setItemDelegateForColumn(
        AlertTableModel::SeverityColumn, new ChipDelegate(m_alertsTable));
    m_alertsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_alertsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_alertsTable->setTabKeyNavigation(false); // Tab leaves, arrows move
    m_alertsTable->verticalHeader()->hide();
    m_alertsTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_alertsTable->verticalHeader()->setDefaultSectionSize(
        m_alertsTable->fontMetrics().height() + 8);
    m_alertsTable->horizontalHeader()->setSectionResizeMode(
        AlertTableModel::TitleColumn, QHeaderView::Stretch);
    m_alertsTable->setWordWrap(false);
    const auto widthFor = [this](const QString &sample) {
        return m_alertsTable->fontMetrics().horizontalAdvance(sample) + 24;
    };
    m_alertsTable->setColumnWidth(
        AlertTableModel::TimeColumn, widthFor(Theme::formatLocalTime(Core::nowMs(), QLocale())));
    m_alertsTable->setColumnWidth(AlertTableModel::SeverityColumn, widthFor(u"Critical"_s) + 16);
    for (int c : { int(AlertTableModel::FeedColumn), int(AlertTableModel::SourceIpColumn),
             int(AlertTableModel::DestIpColumn), int(AlertTableModel::CategoryColumn),
             int(AlertTableModel::RuleColumn) }) {
        m_alertsTable->hideColumn(c);
    }
    m_timeline->setWordWrap(true);
    m_notes->setWordWrap(true);
    auto *notesPane = new QWidget(this);
    auto *notesLayout = new QVBoxLayout(notesPane);
    notesLayout->setContentsMargins(0, 6, 0, 0);
    notesLayout->addWidget(m_notes, 1);
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_noteEdit, 1);
    noteRow->addWidget(m_addNote);
    notesLayout->addLayout(noteRow);
    connect(m_addNote, &QPushButton::clicked, this, [this] {
        const QString text = m_noteEdit->text().trimmed();
        if (text.isEmpty() || !m_shown || isReadOnly() || m_asOf) {
            return;
        }
        Storage::IncidentCommand c;
        c.kind = Storage::IncidentCommand::Kind::Note;
        c.id = *m_shown;
        c.text = text;
        c.actor = Core::currentIdentity();
        m_noteEdit->clear();
        apply({ c });
    });
    connect(m_noteEdit, &QLineEdit::returnPressed, m_addNote, &QPushButton::click);
    m_audit->verticalHeader()->hide();
    m_audit->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_audit->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_audit->setTabKeyNavigation(false); // Tab leaves, arrows move
    m_audit->setWordWrap(false);
    m_tabs->addTab(m_alertsTable->wrapInFrame(), QString());
    m_tabs->addTab(m_timeline, QString());
    m_tabs->addTab(notesPane, QString());
    m_tabs->addTab(m_audit, QString());

    // The title and the facts: above the tabs beside the list, left of them below it.
    m_detailHeader = new QWidget(this);
    auto *headerLayout = new QVBoxLayout(m_detailHeader);
    headerLayout->setContentsMargins(0, 0, 0, 0);
    headerLayout->setSpacing(6);
    headerLayout->addWidget(m_title);
    headerLayout->addWidget(m_facts);
    headerLayout->addStretch(1);
    auto *detailPane = new QWidget(this);
    m_detailLayout = new QBoxLayout(QBoxLayout::TopToBottom, detailPane);
    m_detailLayout->addWidget(m_detailHeader, 0);
    m_detailLayout->addWidget(m_tabs, 1);

    m_splitter->addWidget(listPane);
    m_splitter->addWidget(detailPane);
    m_splitter->setChildrenCollapsible(false);
    m_besideAction = new QAction(this);
    m_besideAction->setCheckable(true);
    m_besideAction->setObjectName(u"detailBesideAction"_s);
    connect(m_besideAction, &QAction::toggled, this, [this](bool beside) {
        setDetailPlacement(beside ? DetailPlacement::Beside : DetailPlacement::Below);
    });
    applyPlacement(DetailPlacement::Below);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);

    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_restoreSelection.clear();
        for (const Storage::IncidentRow &r : selectedIncidents()) {
            m_restoreSelection << r.id;
        }
        m_restoreCurrent.reset();
        if (m_restoreSelection.isEmpty() && m_shown) {
            m_restoreCurrent = m_shown;
        }
        if (const QModelIndex c = m_table->currentIndex(); c.isValid()) {
            if (const auto r = m_model->cachedIncident(c.row())) {
                m_restoreCurrent = r->id;
            }
        }
        m_restorePending = true;
    });
    connect(m_model, &IncidentTableModel::countChanged, this, [this](qint64 n) {
        m_countLabel->setText(tr("%n incident(s)", nullptr, int(std::min<qint64>(n, INT_MAX))));
        if (n > 0) {
            m_model->index(0, 0).data(); // fetch the first page; the selection follows it
        } else {
            m_restorePending = false;
            showCurrent();
        }
    });
    connect(m_model, &IncidentTableModel::pageLoaded, this, [this] {
        if (m_restorePending) {
            restoreSelection();
        } else if (!m_shown) {
            showCurrent();
        }
        updateActions();
    });
    connect(m_model, &IncidentTableModel::queryFailed, this,
        [this](const QString &error) { m_message->setText(error); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &IncidentsView::showCurrent);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &IncidentsView::updateActions);

    retranslateUi();
    applyFilter();
    updateActions();
}

IncidentsView::~IncidentsView() = default;

void IncidentsView::setWriter(Storage::StoreWriter *writer)
{
    m_writer = writer;
    updateActions();
}

void IncidentsView::retranslateUi()
{
    fitColumns();
    const QStringList statuses { tr("Open incidents"), tr("All incidents") };
    for (int i = 0; i < m_status->count(); ++i) {
        m_status->setItemText(i,
            i < 2 ? statuses.at(i)
                  : IncidentTableModel::statusName(
                      Core::IncidentStatus(m_status->itemData(i).toInt())));
    }
    m_severity->setItemText(0, tr("Any severity"));
    m_exportAction->setText(tr("Export evidence pack…"));
    m_exportAction->setToolTip(
        tr("A signed evidence pack of the selected incidents: report, alerts, audit trail"));
    for (int i = 1; i < m_severity->count(); ++i) {
        m_severity->setItemText(i,
            tr("%1 and above")
                .arg(Core::severityDisplayName(Core::Severity(m_severity->itemData(i).toInt()))));
    }
    m_search->setPlaceholderText(tr("Search title or entity"));
    for (int i = 0; i < ActionCount; ++i) {
        QAction *a = m_actions.at(i);
        a->setText(actionText(Action(i)));
        const QString plain = QString(actionText(Action(i))).remove(u'&');
        a->setToolTip(tr("%1 (key %2) — applies to every selected incident")
                          .arg(plain, a->shortcut().toString(QKeySequence::NativeText)));
    }
    m_tabs->setTabText(0, tr("Alerts"));
    m_tabs->setTabText(1, tr("Timeline"));
    m_tabs->setTabText(2, tr("Notes"));
    m_tabs->setTabText(3, tr("Audit trail"));
    m_besideAction->setText(tr("Incident details &beside the list"));
    m_besideAction->setToolTip(
        tr("Show the selected incident beside the list instead of below it"));
    m_noteEdit->setPlaceholderText(tr("Add a note (plain text; links are shown, never opened)"));
    m_addNote->setText(tr("Add note"));
    m_status->setAccessibleName(tr("Incidents shown"));
    m_severity->setAccessibleName(tr("Minimum severity"));
    m_search->setAccessibleName(tr("Search title or entity"));
    m_table->setAccessibleName(tr("Incidents"));
    m_table->setAccessibleDescription(tr("Select one or more incidents; the action keys apply "
                                         "to every selected incident."));
    m_tabs->tabBar()->setAccessibleName(tr("Incident details"));
    m_alertsTable->setAccessibleName(tr("Alerts of the incident"));
    m_timeline->setAccessibleName(tr("Incident timeline"));
    m_notes->setAccessibleName(tr("Notes"));
    m_noteEdit->setAccessibleName(tr("New note"));
    m_audit->setAccessibleName(tr("Audit trail"));
    m_audit->setHorizontalHeaderLabels(
        { tr("Time"), tr("Who"), tr("Change"), tr("From → to"), tr("Reason") });
    m_model->setObjectName(QString());
    if (m_model->totalCount() >= 0) {
        m_countLabel->setText(
            tr("%n incident(s)", nullptr, int(std::min<qint64>(m_model->totalCount(), INT_MAX))));
    }
    if (!m_shown) {
        m_title->setText(tr("No incident selected"));
        m_facts->clear();
    } else {
        loadDetail();
    }
}

void IncidentsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void IncidentsView::applyFilter()
{
    Storage::IncidentFilter f;
    const int status = m_status->currentData().toInt();
    if (status == kOpen) {
        f.openOnly = true;
    } else if (status >= 0) {
        f.statuses = { Core::IncidentStatus(status) };
    }
    const int severity = m_severity->currentData().toInt();
    if (severity >= 0) {
        f.minSeverity = Core::Severity(severity);
    }
    // Titles the console shows translated are searched as stored.
    f.search = IncidentTitle::storedSearch(m_search->text()).trimmed();
    m_model->setFilter(f);
}

void IncidentsView::scheduleRefresh()
{
    if (m_asOf) {
        return; // a past moment does not change with new data
    }
    m_throttle->request();
}

void IncidentsView::setAsOf(std::optional<Core::TimestampMs> at)
{
    if (at == m_asOf) {
        return;
    }
    m_asOf = at;
    m_message->setText(at ? tr("Read-only: the incidents as they were at %1.")
                                .arg(Theme::formatLocalTime(*at, QLocale()))
                          : QString());
    m_message->setToolTip(QString());
    if (m_shown) {
        m_alertsModel->setFilter(alertFilterFor(*m_shown));
    }
    m_model->setAsOf(at);
    updateActions();
}

QString IncidentsView::factsText() const
{
    return m_facts->text();
}

Storage::AlertFilter IncidentsView::alertFilterFor(Core::IncidentId id) const
{
    Storage::AlertFilter f;
    f.incident = id;
    if (m_asOf) {
        f.until = *m_asOf + 1; // exclusive bound: alerts at the moment itself count
    }
    return f;
}

QString IncidentsView::messageText() const
{
    return m_message->text();
}

QList<Storage::IncidentRow> IncidentsView::selectedIncidents() const
{
    QList<Storage::IncidentRow> out;
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows()) {
        rows << i.row();
    }
    if (rows.isEmpty() && m_table->currentIndex().isValid()) {
        rows << m_table->currentIndex().row();
    }
    std::sort(rows.begin(), rows.end());
    for (const int row : std::as_const(rows)) {
        if (const auto r = m_model->cachedIncident(row)) {
            out << *r;
        }
    }
    return out;
}

void IncidentsView::updateActions()
{
    const QList<Storage::IncidentRow> selected = selectedIncidents();
    const bool writable = !isReadOnly() && !m_asOf; // the past cannot be changed
    const auto any
        = [&](auto pred) { return std::any_of(selected.cbegin(), selected.cend(), pred); };
    const auto can = [&](Core::IncidentTransition t) {
        return any([t](const Storage::IncidentRow &r) {
            return Core::applyTransition(r.status, t).has_value();
        });
    };
    using T = Core::IncidentTransition;
    const QList<bool> enabled {
        can(T::Acknowledge),
        can(T::Investigate),
        can(T::Resolve),
        can(T::FalsePositive),
        can(T::Reopen),
        any([](const Storage::IncidentRow &r) { return r.pendingStatus.has_value(); }),
        !selected.isEmpty(),
        !selected.isEmpty(),
    };
    for (int i = 0; i < ActionCount; ++i) {
        m_actions.at(i)->setEnabled(writable && enabled.at(i));
    }
    m_noteEdit->setEnabled(writable && m_shown.has_value());
    m_addNote->setEnabled(writable && m_shown.has_value());
    m_noteEdit->setReadOnly(!writable);
}

bool IncidentsView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        fitTitleColumn();
    }
    return QWidget::eventFilter(watched, event);
}

void IncidentsView::fitColumns()
{
    // Fixed columns fit their longest text in the current language (Chinese words are shorter)
    // and their header with room for the sort arrow; the title gets what is left.
    const QFontMetrics fm = m_table->fontMetrics();
    QFont bold = m_table->font();
    bold.setBold(true);
    const QFontMetrics boldFm(bold); // overdue deadlines are bold
    const QFontMetrics headerFm(m_table->horizontalHeader()->font());
    const auto fitColumn = [&](int column, const QStringList &texts, int extra = 0,
                               const QFontMetrics *metrics = nullptr) {
        int widest = 0;
        for (const QString &t : texts) {
            widest = std::max(widest, (metrics ? *metrics : fm).horizontalAdvance(t));
        }
        const int headerWidth
            = headerFm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString());
        m_table->setColumnWidth(column, std::max(widest + 14 + extra, headerWidth + 30));
    };
    QStringList severities;
    for (int s = 0; s < Core::kSeverityCount; ++s) {
        severities << Core::severityDisplayName(Core::severityFromInt(s));
    }
    QStringList statuses;
    for (const Core::IncidentStatus s : { Core::IncidentStatus::New,
             Core::IncidentStatus::Acknowledged, Core::IncidentStatus::Investigating,
             Core::IncidentStatus::Resolved, Core::IncidentStatus::FalsePositive }) {
        statuses << IncidentTableModel::statusName(s);
    }
    const QLocale locale;
    fitColumn(IncidentTableModel::IdColumn, { u"#00000"_s });
    fitColumn(IncidentTableModel::SeverityColumn, severities, 24); // the chip's padding
    fitColumn(IncidentTableModel::StatusColumn, statuses);
    fitColumn(IncidentTableModel::OwnerColumn, { IncidentTableModel::tr("unassigned") });
    fitColumn(IncidentTableModel::AlertsColumn, { locale.toString(9'999) });
    fitColumn(IncidentTableModel::RiskColumn, { locale.toString(100.0, 'f', 1) });
    // The widest countdown: 23 h 59 min past the deadline, in bold.
    fitColumn(IncidentTableModel::DeadlineColumn,
        { IncidentTableModel::countdownText(0, 86'340'000) }, 0, &boldFm);
    // Today's times to the second, older ones to the minute with their date (full in the tooltip).
    fitColumn(
        IncidentTableModel::LastSeenColumn, { Theme::formatCompactTime(Core::nowMs(), 0, locale) });
    fitTitleColumn();
}

void IncidentsView::fitTitleColumn()
{
    const QHeaderView *header = m_table->horizontalHeader();
    int others = 0;
    for (int c = 0; c < header->count(); ++c) {
        if (c != IncidentTableModel::TitleColumn && !header->isSectionHidden(c)) {
            others += header->sectionSize(c);
        }
    }
    const int minimum = m_table->fontMetrics().horizontalAdvance(u"Wave of fraud"_s) + 24;
    m_table->setColumnWidth(
        IncidentTableModel::TitleColumn, std::max(minimum, m_table->viewport()->width() - others));
}

void IncidentsView::trigger(Action a)
{
    if (isReadOnly() || m_asOf) {
        return;
    }
    QList<Core::IncidentId> selected;
    // The version each incident had when shown: a change another console made meanwhile makes
    // this one fail as a conflict instead of overwriting it (shared stores, issue 10).
    QHash<qint64, qint64> versions;
    for (const Storage::IncidentRow &r : selectedIncidents()) {
        selected << r.id;
        versions.insert(r.id.value, r.version);
    }
    if (selected.isEmpty() && m_restorePending) {
        // The list is reloading after the last change: act on what was selected.
        selected = m_restoreSelection;
        if (selected.isEmpty() && m_restoreCurrent) {
            selected << *m_restoreCurrent;
        }
    }
    if (selected.isEmpty()) {
        return;
    }
    Storage::IncidentCommand base;
    base.actor = Core::currentIdentity();
    switch (a) {
    case AcknowledgeAction:
    case InvestigateAction:
    case ResolveAction:
    case FalsePositiveAction:
    case ReopenAction:
        base.kind = Storage::IncidentCommand::Kind::Transition;
        base.transition = Core::IncidentTransition(int(a) - int(AcknowledgeAction));
        break;
    case ApproveAction:
        base.kind = Storage::IncidentCommand::Kind::Approve;
        break;
    case AssignAction: {
        const auto owner = m_prompt(tr("Assign owner"),
            tr("Owner of %n incident(s) (empty: unassign):", nullptr, int(selected.size())));
        if (!owner) {
            return;
        }
        base.kind = Storage::IncidentCommand::Kind::Assign;
        base.text = owner->trimmed();
        break;
    }
    case NoteAction: {
        const auto text = m_prompt(
            tr("Add note"), tr("Note for %n incident(s):", nullptr, int(selected.size())));
        if (!text || text->trimmed().isEmpty()) {
            return;
        }
        base.kind = Storage::IncidentCommand::Kind::Note;
        base.text = *text;
        break;
    }
    case ActionCount:
        return;
    }
    QList<Storage::IncidentCommand> commands;
    for (const Core::IncidentId id : std::as_const(selected)) {
        Storage::IncidentCommand c = base;
        c.id = id;
        if (versions.contains(id.value) && c.kind != Storage::IncidentCommand::Kind::Note) {
            c.expectedVersion = versions.value(id.value);
        }
        commands << c;
    }
    apply(commands);
}

void IncidentsView::apply(const QList<Storage::IncidentCommand> &commands)
{
    if (!m_writer || m_asOf || commands.isEmpty()) {
        return;
    }
    m_results.clear();
    m_pending += int(commands.size());
    for (const Storage::IncidentCommand &c : commands) {
        Core::whenFinished(m_writer->changeIncident(c), this,
            [this, id = c.id](const Storage::Result<Storage::IncidentChange> &r) {
                --m_pending;
                QString line;
                if (!r) {
                    line = tr("#%1: %2").arg(id.value).arg(r.error());
                } else if (r->refused) {
                    line = tr("#%1 refused: %2").arg(id.value).arg(r->message);
                } else if (r->pendingApproval) {
                    line = tr("#%1 waits for approval by a second officer").arg(id.value);
                } else {
                    line = tr("#%1 done").arg(id.value);
                }
                if (r && !r->refused && r->version > 0) {
                    m_model->noteVersion(id, r->version);
                }
                m_results << line;
                if (m_pending == 0) {
                    m_message->setText(m_results.join(u"; "_s));
                    m_message->setToolTip(Theme::plainToolTip(m_results.join(u'\n')));
                    m_model->reload();
                    loadDetail();
                    emit changesApplied();
                }
            });
    }
}

void IncidentsView::showCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    const auto row = current.isValid() ? m_model->cachedIncident(current.row()) : std::nullopt;
    if (!row) {
        if (!current.isValid()) {
            m_shown.reset();
            m_title->setText(tr("No incident selected"));
            m_facts->clear();
        }
        updateActions();
        return;
    }
    if (m_shown != row->id) {
        m_shown = row->id;
        // The incident's alerts show the time of day when they fall on its last day, which the
        // facts above name; the column narrows when the whole incident falls on that day.
        m_alertsModel->setCompactTimeReference(row->lastSeen);
        const auto dayOf = [](Core::TimestampMs ms) {
            return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().date();
        };
        const QFontMetrics fm = m_alertsTable->fontMetrics();
        const QString widest = dayOf(row->firstSeen) == dayOf(row->lastSeen)
            ? Theme::formatCompactTime(row->lastSeen, row->lastSeen, QLocale())
            : Theme::formatCompactTime(row->lastSeen, 0, QLocale());
        m_alertsTable->setColumnWidth(
            AlertTableModel::TimeColumn, fm.horizontalAdvance(widest) + 24);
        m_alertsModel->setFilter(alertFilterFor(row->id));
    }
    loadDetail();
    updateActions();
}

void IncidentsView::loadDetail()
{
    if (!m_shown) {
        return;
    }
    const quint64 generation = ++m_detailGeneration;
    m_alertsModel->refresh();
    const std::optional<Core::TimestampMs> asOf = m_asOf;
    Core::
        whenFinished(
            m_queries->incident(*m_shown, kDetailAlerts, asOf.value_or(DisplayClock::now())), this,
            [this, generation, asOf](const Storage::Result<Storage::IncidentDetail> &result) {
                if (generation != m_detailGeneration) {
                    return;
                }
                if (!result) {
                    m_facts->setText(result.error());
                    return;
                }
                Storage::IncidentDetail detail = result.value();
                Storage::IncidentDetail *r = &detail;
                if (asOf) {
                    // The past: the incident's state from the replayed list, and only what had
                    // happened by then.
                    const int row = m_model->cachedRowOf(r->incident.id);
                    if (row >= 0) {
                        if (const auto then = m_model->cachedIncident(row)) {
                            r->incident = *then;
                        }
                    }
                    const auto later = [at = *asOf](const auto &x) { return x.ts > at; };
                    r->alerts.removeIf(later);
                    r->audit.removeIf(later);
                    r->notes.removeIf(later);
                }
                const Storage::IncidentRow &i = r->incident;
                const QLocale locale;
                const Core::TimestampMs now = asOf.value_or(DisplayClock::now());
                m_title->setText(
                    u"#%1  %2"_s.arg(i.id.value)
                        .arg(Core::displayText(IncidentTitle::display(i.title, i.rule))));
                QStringList facts;
                facts << tr("Severity: %1%2")
                             .arg(Core::severityDisplayName(i.severity),
                                 i.severityOverride ? tr(" (set by an officer)") : QString());
                QString status = IncidentTableModel::statusName(i.status);
                if (i.pendingStatus) {
                    status = tr("%1, awaiting approval of “%2” asked by %3")
                                 .arg(status, IncidentTableModel::statusName(*i.pendingStatus),
                                     Core::displayText(i.pendingBy));
                }
                facts << tr("Status: %1").arg(status);
                facts << tr("Owner: %1")
                             .arg(i.owner.isEmpty() ? tr("unassigned") : Core::displayText(i.owner));
                facts << tr("Category: %1").arg(Core::categoryDisplayName(i.category));
                facts << tr("Alerts: %1, first %2, last %3")
                             .arg(locale.toString(i.alerts),
                                 Theme::formatLocalTime(i.firstSeen, locale),
                                 Theme::formatLocalTime(i.lastSeen, locale));
                if (!asOf) { // risk is not replayed (docs/timeline.md)
                    facts << tr("Risk: %1").arg(locale.toString(i.risk, 'f', 1));
                }
                facts << tr("Reporting deadline: %1 (%2)")
                             .arg(Theme::formatLocalTime(i.deadline, locale),
                                 i.isOpen() ? IncidentTableModel::countdownText(i.deadline, now)
                                            : tr("closed"));
                if (!i.tags.isEmpty()) {
                    facts << tr("Tags: %1").arg(Core::displayText(i.tags.join(u", "_s)));
                }
                m_facts->setText(facts.join(u'\n'));
                m_facts->setStyleSheet(i.overdue(now)
                        ? u"color: %1;"_s.arg(Theme::failureTextColor().name())
                        : QString());

                // Timeline: its alerts and its audit entries in time order.
                struct Event
                {
                    Core::TimestampMs ts;
                    QString text;
                    QColor color;
                };
                QList<Event> events;
                for (const Core::Alert &a : r->alerts) {
                    events.append({ a.ts,
                        tr("%1  alert · %2 · %3")
                            .arg(Theme::formatLocalTime(a.ts, locale),
                                Core::severityDisplayName(a.severity),
                                Core::displayText(SensitiveMask::apply(a.title))),
                        Theme::severityColor(a.severity) });
                }
                for (const Storage::AuditEntry &e : r->audit) {
                    events.append({ e.ts,
                        tr("%1  %2 · %3: %4 → %5")
                            .arg(Theme::formatLocalTime(e.ts, locale), Core::displayText(e.actor),
                                auditActionName(e.action), Core::displayText(e.oldValue),
                                Core::displayText(e.newValue)),
                        Theme::accentColor() });
                }
                std::stable_sort(events.begin(), events.end(),
                    [](const Event &a, const Event &b) { return a.ts < b.ts; });
                m_timeline->clear();
                for (const Event &e : std::as_const(events)) {
                    auto *item = new QListWidgetItem(e.text, m_timeline);
                    item->setForeground(e.color.darker(130));
                    item->setToolTip(Theme::plainToolTip(e.text));
                }
                m_notes->clear();
                for (const Storage::AuditEntry &n : r->notes) {
                    const QString note = Core::displayText(n.newValue, true);
                    auto *item = new QListWidgetItem(
                        tr("%1 — %2:\n%3")
                            .arg(Theme::formatLocalTime(n.ts, locale), Core::displayText(n.actor),
                                note),
                        m_notes);
                    item->setToolTip(Theme::plainToolTip(note));
                }
                m_audit->setRowCount(int(r->audit.size()));
                for (int row = 0; row < r->audit.size(); ++row) {
                    const Storage::AuditEntry &e = r->audit.at(row);
                    m_audit->setItem(row, 0, plainItem(Theme::formatLocalTime(e.ts, locale)));
                    m_audit->setItem(row, 1, plainItem(e.actor));
                    m_audit->setItem(row, 2, plainItem(auditActionName(e.action)));
                    m_audit->setItem(row, 3, plainItem(e.oldValue + u" → "_s + e.newValue));
                    m_audit->setItem(row, 4, plainItem(e.reason));
                }
                m_audit->resizeColumnsToContents();
                updateActions();
            });
}

void IncidentsView::restoreSelection()
{
    m_restorePending = false;
    QItemSelectionModel *selection = m_table->selectionModel();
    int currentRow = m_restoreCurrent ? m_model->cachedRowOf(*m_restoreCurrent) : -1;
    if (currentRow < 0 && m_model->rowCount() > 0) {
        currentRow = 0;
    }
    if (currentRow >= 0) {
        selection->setCurrentIndex(m_model->index(currentRow, 0),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    for (const Core::IncidentId id : std::as_const(m_restoreSelection)) {
        const int row = m_model->cachedRowOf(id);
        if (row >= 0 && row != currentRow) {
            selection->select(
                m_model->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }
    showCurrent();
}

void IncidentsView::setDetailPlacement(DetailPlacement placement)
{
    if (placement != m_placement) {
        m_placementSizes[int(m_placement)] = m_splitter->sizes();
        applyPlacement(placement);
    }
}

void IncidentsView::applyPlacement(DetailPlacement placement)
{
    m_placement = placement;
    const bool below = placement == DetailPlacement::Below;
    {
        const QSignalBlocker blocker(m_besideAction);
        m_besideAction->setChecked(!below);
    }
    m_splitter->setOrientation(below ? Qt::Vertical : Qt::Horizontal);
    m_detailLayout->setDirection(below ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    m_detailLayout->setContentsMargins(below ? QMargins(16, 4, 8, 6) : QMargins(8, 12, 16, 6));
    m_detailLayout->setSpacing(below ? 16 : 6);
    // Below, the facts take a column about forty characters wide and the tabs the rest.
    const int column = m_facts->fontMetrics().averageCharWidth() * 40;
    m_detailHeader->setMinimumWidth(below ? column * 3 / 4 : 0);
    m_detailHeader->setMaximumWidth(below ? column : QWIDGETSIZE_MAX);
    // The alerts' entity: whole host names below, where the tabs span the view.
    m_alertsTable->setColumnWidth(AlertTableModel::EntityColumn,
        m_alertsTable->fontMetrics().horizontalAdvance(
            below ? u"mapi-gw-01.dmz.bank.example"_s : u"ib-web-01.dmz"_s)
            + 24);
    // Beside, the list takes three quarters of any extra width; below, the list takes any extra
    // height and the detail keeps about a dozen alert rows.
    m_splitter->setStretchFactor(0, below ? 1 : 3);
    m_splitter->setStretchFactor(1, below ? 0 : 1);
    const QList<int> &kept = m_placementSizes[int(placement)];
    if (!kept.isEmpty()) {
        m_splitter->setSizes(kept);
    } else if (below) {
        const int rows = m_alertsTable->verticalHeader()->defaultSectionSize();
        m_splitter->setSizes({ std::max(m_splitter->height(), 800), rows * 13 + 40 });
    } else {
        m_splitter->setSizes({ 1000, 330 });
    }
    fitTitleColumn();
}

QByteArray IncidentsView::saveState() const
{
    QList<int> sizes[2] = { m_placementSizes[0], m_placementSizes[1] };
    sizes[int(m_placement)] = m_splitter->sizes();
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << kStateMagic << qint32(m_placement) << sizes[0] << sizes[1];
    return out;
}

void IncidentsView::restoreState(const QByteArray &state)
{
    QDataStream stream(state);
    stream.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    qint32 placement = -1;
    QList<int> sizes[2];
    stream >> magic >> placement >> sizes[0] >> sizes[1];
    if (stream.status() != QDataStream::Ok || magic != kStateMagic || placement < 0
        || placement > 1) {
        return; // none saved, or the splitter's own state from before placements: defaults
    }
    for (int p = 0; p < 2; ++p) {
        const bool usable = sizes[p].size() == 2
            && std::all_of(sizes[p].cbegin(), sizes[p].cend(), [](int v) { return v > 0; });
        m_placementSizes[p] = usable ? sizes[p] : QList<int>();
    }
    applyPlacement(DetailPlacement(placement));
}

} // namespace Lakeguard::Widgets
