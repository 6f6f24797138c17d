// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinepage.h"

#include "displayclock.h"
#include "futurecallback.h"
#include "icons.h"

#include "queryservice.h"
#include "refreshthrottle.h"
#include "sensitivemask.h"
#include "textsupport.h"
#include "theme.h"
#include "timelineview.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

using Core::TimestampMs;
using Storage::TimelineKind;

namespace {

constexpr int kRefreshMs = 1000;
constexpr int kDebounceMs = 120;
// Items come back one by one up to this many in the visible range; beyond, buckets only.
constexpr int kMaxEvents = 3000;
constexpr qint64 kDayMs = 86'400'000;

// "5 min", "1 h", "30 s" for the summary line.
QString formatStep(qint64 ms)
{
    if (ms % 3'600'000 == 0) {
        return TimelinePage::tr("%1 h", "time step").arg(ms / 3'600'000);
    }
    if (ms % 60'000 == 0) {
        return TimelinePage::tr("%1 min", "time step").arg(ms / 60'000);
    }
    return TimelinePage::tr("%1 s", "time step").arg(ms / 1000);
}

// Round a bucket to a step people read easily (1 s … 1 day).
qint64 niceStep(qint64 ms)
{
    constexpr qint64 steps[]
        = { 1000, 2000, 5000, 10'000, 15'000, 30'000, 60'000, 120'000, 300'000, 600'000, 900'000,
              1'800'000, 3'600'000, 7'200'000, 10'800'000, 21'600'000, 43'200'000, 86'400'000 };
    for (const qint64 s : steps) {
        if (s >= ms) {
            return s;
        }
    }
    return (ms + 86'400'000 - 1) / 86'400'000 * 86'400'000;
}

} // namespace

TimelinePage::TimelinePage(Storage::QueryService *queries, QWidget *parent)
    : QWidget(parent)
    , m_queries(queries)
    , m_throttle(new RefreshThrottle(
          kRefreshMs, [this] { refreshNow(); }, this))
    , m_debounce(new QTimer(this))
    , m_periodLabel(new QLabel(this))
    , m_period(new QComboBox(this))
    , m_incident(new QSpinBox(this))
    , m_lanesLabel(new QLabel(this))
    , m_lanes(new QComboBox(this))
    , m_severityLabel(new QLabel(this))
    , m_severity(new QComboBox(this))
    , m_kinds(new QPushButton(this))
    , m_search(new QLineEdit(this))
    , m_zoomIn(new QToolButton(this))
    , m_zoomOut(new QToolButton(this))
    , m_fit(new QToolButton(this))
    , m_summary(new QLabel(this))
    , m_view(new TimelineView(this))
    , m_details(new QPlainTextEdit(this))
    , m_openAlert(new QPushButton(this))
    , m_openIncident(new QPushButton(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &TimelinePage::runQuery);

    for (int i = 0; i < 4; ++i) {
        m_period->addItem(QString());
    }
    m_lanes->addItem(QString());
    m_lanes->addItem(QString());
    for (int i = 0; i < 5; ++i) {
        m_severity->addItem(QString());
    }
    m_incident->setRange(1, std::numeric_limits<int>::max());
    m_incident->setVisible(false);
    m_search->setClearButtonEnabled(true);
    m_zoomIn->setIcon(Icons::icon(Icons::Icon::ZoomIn));
    m_zoomOut->setIcon(Icons::icon(Icons::Icon::ZoomOut));
    m_fit->setIcon(Icons::icon(Icons::Icon::ZoomFit));
    for (QToolButton *b : { m_zoomIn, m_zoomOut, m_fit }) {
        b->setToolButtonStyle(Qt::ToolButtonIconOnly);
        b->setAutoRaise(true);
    }
    auto *kindMenu = new QMenu(m_kinds);
    for (int i = 0; i < Storage::kTimelineKindCount; ++i) {
        QAction *a = kindMenu->addAction(QString());
        a->setCheckable(true);
        a->setChecked(true);
        connect(a, &QAction::toggled, this, &TimelinePage::requestData);
        m_kindActions.append(a);
    }
    m_kinds->setMenu(kindMenu);
    m_summary->setTextFormat(Qt::PlainText);
    m_details->setReadOnly(true);
    m_details->setObjectName(u"timelineDetails"_s);
    m_details->setMaximumBlockCount(200);
    m_openAlert->setEnabled(false);
    m_openIncident->setEnabled(false);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_periodLabel);
    filters->addWidget(m_period);
    filters->addWidget(m_incident);
    filters->addSpacing(8);
    filters->addWidget(m_lanesLabel);
    filters->addWidget(m_lanes);
    filters->addSpacing(8);
    filters->addWidget(m_severityLabel);
    filters->addWidget(m_severity);
    filters->addWidget(m_kinds);
    filters->addWidget(m_search, 1);
    filters->addSpacing(8);
    filters->addWidget(m_zoomOut);
    filters->addWidget(m_zoomIn);
    filters->addWidget(m_fit);

    auto *detailBox = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detailBox);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_details, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openAlert);
    buttons->addWidget(m_openIncident);
    buttons->addStretch(1);
    detailLayout->addLayout(buttons);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(detailBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addLayout(filters);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(m_period, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_incident->setVisible(index == OneIncident);
        m_followPeriod = true;
        scheduleRefresh();
    });
    connect(m_incident, &QSpinBox::valueChanged, this, [this] {
        if (m_period->currentIndex() == OneIncident) {
            m_followPeriod = true;
            scheduleRefresh();
        }
    });
    connect(m_lanes, &QComboBox::currentIndexChanged, this, &TimelinePage::requestData);
    connect(m_severity, &QComboBox::currentIndexChanged, this, &TimelinePage::requestData);
    connect(m_search, &QLineEdit::textChanged, this, &TimelinePage::requestData);
    connect(m_zoomIn, &QToolButton::clicked, m_view, &TimelineView::zoomIn);
    connect(m_zoomOut, &QToolButton::clicked, m_view, &TimelineView::zoomOut);
    connect(m_fit, &QToolButton::clicked, m_view, &TimelineView::fit);
    connect(m_view, &TimelineView::visibleRangeChanged, this, [this] {
        m_followPeriod = m_view->visibleFrom() <= m_view->periodFrom()
            && m_view->visibleTo() >= m_view->periodTo();
        requestData();
    });
    connect(m_view, &TimelineView::selectionChanged, this, &TimelinePage::updateDetails);
    connect(m_view, &TimelineView::activated, this, &TimelinePage::activateSelection);
    connect(m_openAlert, &QPushButton::clicked, this, [this] {
        const int i = m_view->selectedEvent();
        if (i >= 0 && m_view->data().events.at(i).alert) {
            emit openAlertRequested(*m_view->data().events.at(i).alert);
        }
    });
    connect(m_openIncident, &QPushButton::clicked, this, [this] {
        const int i = m_view->selectedEvent();
        if (i >= 0 && m_view->data().events.at(i).incident) {
            emit openIncidentRequested(*m_view->data().events.at(i).incident);
        }
    });
    retranslateUi();
}

QAction *TimelinePage::kindAction(TimelineKind kind) const
{
    return m_kindActions.value(int(kind));
}

QString TimelinePage::detailsText() const
{
    return m_details->toPlainText();
}

bool TimelinePage::isLoading() const
{
    return m_inFlight > 0 || m_debounce->isActive() || m_throttle->isBusy();
}

QString TimelinePage::summaryText() const
{
    return m_summary->text();
}

void TimelinePage::showIncident(Core::IncidentId id)
{
    m_incident->setValue(int(std::min<qint64>(id.value, std::numeric_limits<int>::max())));
    m_period->setCurrentIndex(OneIncident);
    m_followPeriod = true;
    refreshNow();
}

void TimelinePage::retranslateUi()
{
    m_periodLabel->setText(tr("Period:"));
    m_period->setItemText(WholeStore, tr("Whole store"));
    m_period->setItemText(LastDay, tr("Last 24 hours of data"));
    m_period->setItemText(LastWeek, tr("Last 7 days of data"));
    m_period->setItemText(OneIncident, tr("One incident"));
    m_period->setAccessibleName(tr("Period"));
    m_incident->setPrefix(tr("#"));
    m_incident->setAccessibleName(tr("Incident number"));
    m_lanesLabel->setText(tr("Lanes:"));
    m_lanes->setItemText(0, tr("By feed"));
    m_lanes->setItemText(1, tr("By entity"));
    m_lanes->setAccessibleName(tr("Lanes"));
    m_severityLabel->setText(tr("Severity:"));
    m_severity->setItemText(0, tr("Any"));
    m_severity->setItemText(1, tr("Low and above"));
    m_severity->setItemText(2, tr("Medium and above"));
    m_severity->setItemText(3, tr("High and above"));
    m_severity->setItemText(4, tr("Critical"));
    m_severity->setAccessibleName(tr("Minimum severity"));
    m_kinds->setText(tr("Kinds"));
    m_kinds->setAccessibleName(tr("Kinds of items shown"));
    for (int i = 0; i < m_kindActions.size(); ++i) {
        m_kindActions.at(i)->setText(TimelineView::kindDisplayName(static_cast<TimelineKind>(i)));
    }
    m_search->setPlaceholderText(tr("Filter text"));
    m_search->setAccessibleName(tr("Filter text"));
    m_zoomIn->setText(tr("+"));
    m_zoomIn->setToolTip(tr("Zoom in (+)"));
    m_zoomIn->setAccessibleName(tr("Zoom in"));
    m_zoomOut->setText(tr("−"));
    m_zoomOut->setToolTip(tr("Zoom out (−)"));
    m_zoomOut->setAccessibleName(tr("Zoom out"));
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(tr("Show the whole period (0)"));
    m_fit->setAccessibleName(tr("Show the whole period"));
    m_view->setAccessibleName(tr("Timeline"));
    m_view->setAccessibleDescription(
        tr("Wheel or +/− zoom, Left/Right pan, 0 fits, Up/Down select items, Enter opens."));
    m_details->setAccessibleName(tr("Selected item"));
    m_details->setPlaceholderText(tr("Click an item or a bar to see it here."));
    m_openAlert->setText(tr("Open alert"));
    m_openIncident->setText(tr("Open incident"));
    updateDetails();
}

void TimelinePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        m_view->update();
    }
    QWidget::changeEvent(event);
}

void TimelinePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_shownOnce) {
        m_shownOnce = true;
        scheduleRefresh();
    }
}

void TimelinePage::scheduleRefresh()
{
    m_throttle->request();
}

// Finds the period (the store's range, or one incident's), then asks for the visible range.
void TimelinePage::refreshNow()
{
    const quint64 generation = ++m_generation;
    ++m_inFlight;
    if (m_period->currentIndex() == OneIncident) {
        const Core::IncidentId id { m_incident->value() };
        Core::whenFinished(m_queries->incident(id, 0, DisplayClock::now()), this,
            [this, generation](const Storage::Result<Storage::IncidentDetail> &r) {
                --m_inFlight;
                m_throttle->done();
                if (generation != m_generation) {
                    return;
                }
                if (!r.ok()) {
                    m_summary->setText(tr("No incident with this number."));
                    m_view->setData({});
                    emit loaded();
                    return;
                }
                TimestampMs from = r->incident.firstSeen;
                TimestampMs to = std::max(r->incident.lastSeen, r->incident.firstSeen) + 1;
                for (const Storage::AuditEntry &e : r->audit) {
                    from = std::min(from, e.ts);
                    to = std::max(to, e.ts + 1);
                }
                applyPeriod(from, to);
            });
        return;
    }
    Core::whenFinished(m_queries->stats(), this,
        [this, generation](const Storage::Result<Storage::StoreStats> &r) {
            --m_inFlight;
            m_throttle->done();
            if (generation != m_generation) {
                return;
            }
            if (!r.ok()) {
                m_summary->setText(tr("Could not read the store: %1").arg(r.error()));
                return;
            }
            if (r->alerts == 0 && r->newest == 0) {
                // Chain history or audit entries may exist without alerts: a day up to now.
                const TimestampMs now = Core::nowMs();
                applyPeriod(now - kDayMs, now);
                return;
            }
            const TimestampMs to = r->newest + 1;
            switch (m_period->currentIndex()) {
            case LastDay:
                applyPeriod(to - kDayMs, to);
                break;
            case LastWeek:
                applyPeriod(to - 7 * kDayMs, to);
                break;
            default:
                applyPeriod(r->oldest, to);
                break;
            }
        });
}

void TimelinePage::applyPeriod(TimestampMs from, TimestampMs to)
{
    // A little room on both sides so the first and last items are not on the edge.
    const qint64 margin = std::max<qint64>(1000, (to - from) / 50);
    m_view->setPeriod(from - margin, to + margin);
    if (m_followPeriod || m_view->visibleTo() <= m_view->visibleFrom()) {
        m_view->blockSignals(true);
        m_view->fit();
        m_view->blockSignals(false);
        m_followPeriod = true;
    }
    runQuery();
}

void TimelinePage::requestData()
{
    m_debounce->start();
}

void TimelinePage::runQuery()
{
    m_debounce->stop();
    if (m_view->visibleTo() <= m_view->visibleFrom()) {
        return;
    }
    Storage::TimelineQuery q;
    q.from = m_view->visibleFrom();
    q.to = m_view->visibleTo();
    q.bucketMs = niceStep(m_view->suggestedBucketMs());
    // Buckets aligned to the step (and so stable while panning).
    q.from = q.from - ((q.from % q.bucketMs) + q.bucketMs) % q.bucketMs;
    q.maxEvents = kMaxEvents;
    q.lanes = m_lanes->currentIndex() == 1 ? Storage::TimelineLanes::ByEntity
                                           : Storage::TimelineLanes::ByFeed;
    if (m_severity->currentIndex() > 0) {
        q.minSeverity = Core::severityFromInt(m_severity->currentIndex());
    }
    q.kinds = 0;
    for (int i = 0; i < m_kindActions.size(); ++i) {
        if (m_kindActions.at(i)->isChecked()) {
            q.kinds |= 1u << i;
        }
    }
    q.text = m_search->text();
    if (m_period->currentIndex() == OneIncident) {
        q.incident = Core::IncidentId { m_incident->value() };
    }
    const quint64 generation = ++m_generation;
    ++m_inFlight;
    Core::whenFinished(m_queries->timeline(q), this,
        [this, generation](const Storage::Result<Storage::TimelineData> &r) {
            --m_inFlight;
            if (generation != m_generation) {
                return;
            }
            if (!r.ok()) {
                m_summary->setText(tr("Could not read the store: %1").arg(r.error()));
                emit loaded();
                return;
            }
            const QLocale locale;
            const Storage::TimelineData &d = r.value();
            if (d.aggregated) {
                m_summary->setText(
                    tr("%1 items in view, counted per %2; zoom in to see them one "
                       "by one.")
                        .arg(locale.toString(d.total), formatStep(d.query.bucketMs)));
            } else {
                m_summary->setText(tr("%1 items in view.").arg(locale.toString(d.total)));
            }
            m_view->setData(r.value());
            emit loaded();
        });
}

void TimelinePage::updateDetails()
{
    const QLocale locale;
    const Storage::TimelineData &d = m_view->data();
    // Titles, messages, entities and notes come from outside: control and bidi characters made
    // visible, and masked in presentation mode.
    const auto shown = [](const QString &text) -> QString {
        return Core::displayText(SensitiveMask::apply(text));
    };
    QStringList lines;
    std::optional<Storage::TimelineEvent> event;
    if (m_view->selectedEvent() >= 0) {
        event = d.events.at(m_view->selectedEvent());
    }
    if (event) {
        const Storage::TimelineEvent &e = *event;
        lines << TimelineView::kindDisplayName(e.kind) + u" · "_s
                + Theme::formatLocalTime(e.ts, locale);
        lines << tr("Lane: %1").arg(TimelineView::laneDisplayName(e.lane));
        switch (e.kind) {
        case TimelineKind::Alert:
        case TimelineKind::ChainAlert:
            lines << tr("Alert #%1: %2").arg(e.alert ? e.alert->value : e.ref).arg(shown(e.title));
            lines << tr("Severity: %1").arg(Core::severityDisplayName(e.severity));
            lines << tr("Feed: %1").arg(shown(e.fields[2]));
            lines << tr("Entity: %1").arg(shown(e.fields[0]));
            lines << tr("Rule: %1").arg(shown(e.fields[1]));
            lines << tr("Message: %1").arg(shown(e.detail));
            break;
        case TimelineKind::AlertState:
            lines << tr("Alert #%1 (%2) is now: %3")
                         .arg(e.alert ? e.alert->value : 0)
                         .arg(shown(e.fields[0]), shown(e.title));
            lines << tr("Entity: %1").arg(shown(e.fields[1]));
            lines << tr("Message: %1").arg(shown(e.detail));
            break;
        case TimelineKind::IncidentChange:
        case TimelineKind::IncidentNote:
            lines << tr("Incident #%1").arg(e.incident ? e.incident->value : 0);
            lines << tr("By: %1").arg(shown(e.fields[0]));
            if (e.kind == TimelineKind::IncidentNote) {
                lines << tr("Note: %1").arg(shown(e.detail));
            } else {
                lines << tr("Change: %1: %2 → %3")
                             .arg(shown(e.title), shown(e.fields[1]), shown(e.detail));
            }
            if (!e.fields[2].isEmpty()) {
                lines << tr("Reason: %1").arg(shown(e.fields[2]));
            }
            break;
        case TimelineKind::ChainObservation:
            lines << tr("Node %1 on %2").arg(shown(e.title), shown(e.detail));
            lines << tr("Height %1, %2 blocks behind, latency %3 ms")
                         .arg(e.fields[0], e.fields[1], e.fields[2]);
            break;
        }
        if (e.incident && e.kind != TimelineKind::IncidentChange
            && e.kind != TimelineKind::IncidentNote) {
            lines << tr("Incident #%1").arg(e.incident->value);
        }
    } else if (m_view->selectedBucket() >= 0) {
        const Storage::TimelineBucket &b = d.buckets.at(m_view->selectedBucket());
        lines << tr("%1 items in %2")
                     .arg(locale.toString(b.count),
                         TimelineView::laneDisplayName(d.lanes.value(b.lane)));
        lines << tr("From %1 to %2")
                     .arg(Theme::formatLocalTime(b.start, locale),
                         Theme::formatLocalTime(b.start + d.query.bucketMs, locale));
        lines << tr("Worst severity: %1").arg(Core::severityDisplayName(b.worst));
        lines << tr("Double-click the bar or press Enter to zoom in.");
    }
    // Plain text only: titles, messages and notes come from outside.
    m_details->setPlainText(lines.join(u'\n'));
    m_openAlert->setEnabled(event && event->alert.has_value());
    m_openIncident->setEnabled(event && event->incident.has_value());
}

void TimelinePage::activateSelection()
{
    const int i = m_view->selectedEvent();
    if (i < 0) {
        return;
    }
    const Storage::TimelineEvent &e = m_view->data().events.at(i);
    if (e.alert) {
        emit openAlertRequested(*e.alert);
    } else if (e.incident) {
        emit openIncidentRequested(*e.incident);
    }
}

} // namespace Lakeguard::Widgets
