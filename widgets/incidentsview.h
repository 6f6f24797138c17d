// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "incidenttypes.h"
#include "storetypes.h"

#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QBoxLayout;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;
class QTableWidget;
class QTimer;
class QToolButton;

namespace Lakeguard::Storage {
class QueryService;
class StoreWriter;
} // namespace Lakeguard::Storage

namespace Lakeguard::Widgets {

class AlertTableModel;
class AlertTableView;
class ColumnChooser;
class IncidentTableModel;
class RefreshThrottle;

// The officer's incident page (docs/incidents.md): filters, the paged list (riskiest first),
// keyboard triage on the list (arrows move; A acknowledge, I investigate, R resolve,
// F false positive, E reopen, P approve, O assign, N note) applied to every selected incident,
// and the selected incident's alerts, timeline, notes and audit trail. Changes go through the
// store writer; without one (read-only review) every action is disabled.
class IncidentsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentsView)

public:
    enum Action {
        AcknowledgeAction,
        InvestigateAction,
        ResolveAction,
        FalsePositiveAction,
        ReopenAction,
        ApproveAction,
        AssignAction,
        NoteAction,
        ActionCount
    };

    IncidentsView(Storage::QueryService *queries, QWidget *parent = nullptr);
    ~IncidentsView() override;

    // The writer changes go to; null (the default) makes the page read-only.
    void setWriter(Storage::StoreWriter *writer);
    bool isReadOnly() const { return m_writer == nullptr; }

    // As-of mode (issue 7): the list and the detail show the incidents as they were at `at`
    // (UTC ms; state, owner, tags and severity replayed from the audit trail; alerts and trail
    // entries up to `at`), every action is disabled and live updates are ignored until set back
    // to nullopt.
    void setAsOf(std::optional<Core::TimestampMs> at);
    std::optional<Core::TimestampMs> asOf() const { return m_asOf; }
    QString factsText() const;

    // Asks for an owner or a note's text (a dialog by default; tests replace it).
    using TextPrompt
        = std::function<std::optional<QString>(const QString &title, const QString &label)>;
    void setTextPrompt(TextPrompt prompt) { m_prompt = std::move(prompt); }

    IncidentTableModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    // The header's menu of columns to show (the id and the title stay).
    ColumnChooser *columnChooser() const { return m_columns; }
    QAction *action(Action a) const { return m_actions.value(a); }
    // "Export evidence pack…" for the selected incidents: emits exportRequested (works
    // read-only too: exporting changes nothing an officer sees).
    QAction *exportAction() const { return m_exportAction; }
    QComboBox *statusFilter() const { return m_status; }
    QLineEdit *searchEdit() const { return m_search; }
    QString messageText() const;
    // The incident shown in the detail pane, when one is.
    std::optional<Core::IncidentId> shownIncident() const { return m_shown; }
    QTabWidget *detailTabs() const { return m_tabs; }
    QListWidget *timelineList() const { return m_timeline; }
    QTableWidget *auditTable() const { return m_audit; }
    // Change requests still waiting for the writer.
    int pendingChanges() const { return m_pending; }

    // Where the selected incident's detail goes: below the list (the default: the list gets the
    // window's width, the detail lays its facts beside its tabs) or beside it, as an e-mail
    // client's reading pane. Each placement keeps its own splitter sizes.
    enum class DetailPlacement { Below, Beside };
    void setDetailPlacement(DetailPlacement placement);
    DetailPlacement detailPlacement() const { return m_placement; }
    // View ▸ "Incident details beside the list", checked when beside.
    QAction *detailBesideAction() const { return m_besideAction; }

    // The placement and each placement's splitter sizes (restoreState ignores what it cannot
    // read, such as the bare splitter state saved before the placement existed).
    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

public slots:
    void scheduleRefresh();

signals:
    // After a batch of changes was applied (or refused).
    void changesApplied();
    // The officer asked for an evidence pack of these incidents (docs/evidence-packs.md).
    void exportRequested(const QList<qint64> &incidents);

protected:
    void changeEvent(QEvent *event) override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Widths of the fixed columns for the current language; the title takes the rest.
    void fitColumns();
    void fitTitleColumn();
    // Lays the detail out for `placement` with its kept sizes (or the defaults).
    void applyPlacement(DetailPlacement placement);
    void retranslateUi();
    void applyFilter();
    void updateActions();
    void showCurrent();
    void loadDetail();
    void trigger(Action a);
    void apply(const QList<Storage::IncidentCommand> &commands);
    QList<Storage::IncidentRow> selectedIncidents() const;

    Storage::QueryService *m_queries;
    Storage::StoreWriter *m_writer = nullptr;
    IncidentTableModel *m_model;
    AlertTableModel *m_alertsModel;
    RefreshThrottle *m_throttle;
    TextPrompt m_prompt;
    QList<QAction *> m_actions;
    QAction *m_exportAction = nullptr;
    QList<QToolButton *> m_buttons;
    QComboBox *m_status;
    QComboBox *m_severity;
    QLineEdit *m_search;
    QTimer *m_searchTimer;
    QLabel *m_countLabel;
    QLabel *m_message;
    QTableView *m_table;
    QSplitter *m_splitter;
    QBoxLayout *m_detailLayout = nullptr;
    QWidget *m_detailHeader = nullptr;
    QAction *m_besideAction = nullptr;
    DetailPlacement m_placement = DetailPlacement::Below;
    QList<int> m_placementSizes[2]; // by DetailPlacement: sizes the splitter had there
    ColumnChooser *m_columns = nullptr;
    QLabel *m_title;
    QLabel *m_facts;
    QTabWidget *m_tabs;
    AlertTableView *m_alertsTable;
    QListWidget *m_timeline;
    QListWidget *m_notes;
    QLineEdit *m_noteEdit;
    QPushButton *m_addNote;
    QTableWidget *m_audit;
    std::optional<Core::IncidentId> m_shown;
    std::optional<Core::TimestampMs> m_asOf;
    Storage::AlertFilter alertFilterFor(Core::IncidentId id) const;
    quint64 m_detailGeneration = 0;
    int m_pending = 0;
    QStringList m_results;
    // The selection across a reload of the list (by incident id, rows move with risk).
    QList<Core::IncidentId> m_restoreSelection;
    std::optional<Core::IncidentId> m_restoreCurrent;
    bool m_restorePending = false;
    void restoreSelection();
};

} // namespace Lakeguard::Widgets
