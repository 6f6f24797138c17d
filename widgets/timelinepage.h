// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timelinetypes.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimer;
class QToolButton;
class QAction;

namespace Lakeguard::Storage {
class QueryService;
}

namespace Lakeguard::Widgets {

class RefreshThrottle;
class TimelineView;

// The Timeline page (issue 7; docs/timeline.md): filters and zoom buttons over a TimelineView,
// the selected item's details as plain text, and buttons that open its alert or incident.
// Queries run on the QueryService; a newer query makes older answers stale (generations).
class TimelinePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelinePage)

public:
    enum Period { WholeStore, LastDay, LastWeek, OneIncident };

    explicit TimelinePage(Storage::QueryService *queries, QWidget *parent = nullptr);

    TimelineView *view() const { return m_view; }
    QComboBox *periodBox() const { return m_period; }
    QComboBox *lanesBox() const { return m_lanes; }
    QComboBox *severityBox() const { return m_severity; }
    QLineEdit *searchEdit() const { return m_search; }
    QSpinBox *incidentBox() const { return m_incident; }
    QPushButton *openAlertButton() const { return m_openAlert; }
    QPushButton *openIncidentButton() const { return m_openIncident; }
    QAction *kindAction(Storage::TimelineKind kind) const;
    QString detailsText() const;
    QString summaryText() const;
    // Queries asked for and not answered yet.
    bool isLoading() const;

    // Shows one incident's timeline.
    void showIncident(Core::IncidentId id);

public slots:
    void scheduleRefresh();
    void refreshNow();

signals:
    void loaded();
    void openAlertRequested(Core::AlertId id);
    void openIncidentRequested(Core::IncidentId id);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void requestData();
    void runQuery();
    void applyPeriod(Core::TimestampMs from, Core::TimestampMs to);
    void updateDetails();
    void activateSelection();

    Storage::QueryService *m_queries;
    RefreshThrottle *m_throttle;
    QTimer *m_debounce;
    QLabel *m_periodLabel;
    QComboBox *m_period;
    QSpinBox *m_incident;
    QLabel *m_lanesLabel;
    QComboBox *m_lanes;
    QLabel *m_severityLabel;
    QComboBox *m_severity;
    QPushButton *m_kinds; // a menu of item kinds, with its arrow beside the text
    QList<QAction *> m_kindActions;
    QLineEdit *m_search;
    QToolButton *m_zoomIn;
    QToolButton *m_zoomOut;
    QToolButton *m_fit;
    QLabel *m_summary;
    TimelineView *m_view;
    QPlainTextEdit *m_details;
    QPushButton *m_openAlert;
    QPushButton *m_openIncident;
    quint64 m_generation = 0;
    int m_inFlight = 0;
    bool m_shownOnce = false;
    bool m_followPeriod = true; // the view shows the whole period (fit): follow it as it grows
};

} // namespace Lakeguard::Widgets
