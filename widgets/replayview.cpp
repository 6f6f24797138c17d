// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "replayview.h"

#include "asofincidentmodel.h"
#include "chipdelegate.h"
#include "queryservice.h"
#include "refreshthrottle.h"
#include "theme.h"

#include <QDateTimeEdit>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

using Core::TimestampMs;

namespace {

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 3'600'000;
constexpr int kKpiCount = 4;

} // namespace

ReplayView::ReplayView(Storage::QueryService *queries, QWidget *parent)
    : QWidget(parent)
    , m_queries(queries)
    , m_throttle(new RefreshThrottle(
          1000, [this] { refreshRange(); }, this))
    , m_debounce(new QTimer(this))
    , m_banner(new QLabel(this))
    , m_live(new QPushButton(this))
    , m_hint(new QLabel(this))
    , m_momentLabel(new QLabel(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_edit(new QDateTimeEdit(this))
    , m_incidentsLabel(new QLabel(this))
    , m_incidents(new QTableView(this))
    , m_incidentModel(new AsOfIncidentModel(this))
    , m_chainsLabel(new QLabel(this))
    , m_chains(new QTableWidget(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &ReplayView::query);

    auto *bannerRow = new QWidget(this);
    bannerRow->setObjectName(u"asOfBanner"_s);
    bannerRow->setStyleSheet(u"QWidget#asOfBanner { background: #ede9fe; border-bottom: 1px solid"
                             " #7c3aed; } QWidget#asOfBanner QLabel { color: #4c1d95;"
                             " font-weight: 600; }"_s);
    auto *bannerLayout = new QHBoxLayout(bannerRow);
    bannerLayout->setContentsMargins(16, 6, 16, 6);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setWordWrap(true);
    bannerLayout->addWidget(m_banner, 1);
    bannerLayout->addWidget(m_live);
    bannerRow->setVisible(false);
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);

    m_slider->setRange(0, 0);
    m_slider->setSingleStep(1);
    m_slider->setPageStep(60);
    m_edit->setCalendarPopup(true);
    m_edit->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss"_s);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_momentLabel);
    for (const qint64 step : { -kHourMs, -kMinuteMs, kMinuteMs, kHourMs }) {
        auto *b = new QToolButton(this);
        connect(b, &QToolButton::clicked, this, [this, step] { stepBy(step); });
        m_steps.append(b);
    }
    controls->addWidget(m_steps.at(0));
    controls->addWidget(m_steps.at(1));
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_steps.at(2));
    controls->addWidget(m_steps.at(3));
    controls->addWidget(m_edit);

    auto *kpis = new QGridLayout;
    for (int i = 0; i < kKpiCount; ++i) {
        auto *name = new QLabel(this);
        auto *value = new QLabel(this);
        name->setTextFormat(Qt::PlainText);
        value->setTextFormat(Qt::PlainText);
        // The theme's muted text (PlaceholderText), readable in light and dark.
        name->setForegroundRole(QPalette::PlaceholderText);
        value->setStyleSheet(u"font-size: 20px; font-weight: 600;"_s);
        kpis->addWidget(name, 0, i);
        kpis->addWidget(value, 1, i);
        m_kpiNames.append(name);
        m_kpiValues.append(value);
    }

    m_incidents->setModel(m_incidentModel);
    m_incidents->setItemDelegateForColumn(
        AsOfIncidentModel::SeverityColumn, new ChipDelegate(m_incidents));
    m_incidents->verticalHeader()->hide();
    m_incidents->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_incidents->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_incidents->setTabKeyNavigation(false); // Tab leaves, arrows move
    m_incidents->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_incidents->horizontalHeader()->setSectionResizeMode(
        AsOfIncidentModel::TitleColumn, QHeaderView::Stretch);
    m_chains->setColumnCount(6);
    m_chains->verticalHeader()->hide();
    m_chains->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_chains->setTabKeyNavigation(false); // Tab leaves, arrows move
    m_chains->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_chains->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_chains->horizontalHeader()->setStretchLastSection(true);

    auto *incidentBox = new QWidget(this);
    auto *incidentLayout = new QVBoxLayout(incidentBox);
    incidentLayout->setContentsMargins(0, 0, 0, 0);
    incidentLayout->addWidget(m_incidentsLabel);
    incidentLayout->addWidget(m_incidents, 1);
    auto *chainBox = new QWidget(this);
    auto *chainLayout = new QVBoxLayout(chainBox);
    chainLayout->setContentsMargins(0, 0, 0, 0);
    chainLayout->addWidget(m_chainsLabel);
    chainLayout->addWidget(m_chains, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(incidentBox);
    split->addWidget(chainBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto *body = new QVBoxLayout;
    body->setContentsMargins(16, 10, 16, 12);
    body->addWidget(m_hint);
    body->addLayout(controls);
    body->addLayout(kpis);
    body->addWidget(split, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bannerRow);
    layout->addLayout(body, 1);

    connect(m_slider, &QSlider::valueChanged, this, [this](int minutes) {
        if (!m_syncing) {
            setMoment(m_oldest + qint64(minutes) * kMinuteMs);
        }
    });
    connect(m_edit, &QDateTimeEdit::dateTimeChanged, this, [this](const QDateTime &at) {
        if (!m_syncing) {
            setMoment(at.toMSecsSinceEpoch());
        }
    });
    connect(m_live, &QPushButton::clicked, this, &ReplayView::backToLive);
    retranslateUi();
}

void ReplayView::retranslateUi()
{
    m_live->setText(tr("Back to live"));
    m_hint->setText(
        tr("Pick a past moment to see the counts, incidents and chain nodes as they "
           "were then, rebuilt from stored alerts, the audit trail and chain history."));
    m_momentLabel->setText(tr("Moment:"));
    const QStringList steps = { tr("−1 h"), tr("−1 min"), tr("+1 min"), tr("+1 h") };
    const QStringList tips = { tr("One hour earlier"), tr("One minute earlier"),
        tr("One minute later"), tr("One hour later") };
    for (int i = 0; i < m_steps.size(); ++i) {
        m_steps.at(i)->setText(steps.at(i));
        m_steps.at(i)->setToolTip(tips.at(i));
        m_steps.at(i)->setAccessibleName(tips.at(i));
    }
    m_slider->setAccessibleName(tr("Time scrubber"));
    m_edit->setAccessibleName(tr("Moment to replay"));
    const QStringList kpis = { tr("Alerts so far"), tr("High and critical in the 24 h before"),
        tr("Open incidents"), tr("Global risk") };
    for (int i = 0; i < kKpiCount; ++i) {
        m_kpiNames.at(i)->setText(kpis.at(i));
    }
    m_incidentsLabel->setText(tr("Incidents as they were"));
    m_chainsLabel->setText(tr("Chain nodes: last observation at or before the moment"));
    m_chains->setHorizontalHeaderLabels({ tr("Chain"), tr("Node"), tr("Height"),
        tr("Blocks behind"), tr("Latency"), tr("Observed") });
    m_incidents->setAccessibleName(tr("Incidents as they were"));
    m_chains->setAccessibleName(tr("Chain nodes as they were"));
    syncControls();
    if (m_snapshot) {
        applySnapshot(*m_snapshot);
    }
}

void ReplayView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void ReplayView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_shownOnce) {
        m_shownOnce = true;
        refreshRange();
    }
}

void ReplayView::scheduleRefresh()
{
    m_throttle->request();
}

void ReplayView::refreshRange()
{
    m_queries->stats().then(this, [this](const Storage::Result<Storage::StoreStats> &r) {
        m_throttle->done();
        if (!r.ok() || r->newest == 0) {
            return;
        }
        m_oldest = r->oldest - r->oldest % kMinuteMs;
        m_newest = r->newest;
        syncControls();
        // Opened without a moment: start at the newest alert (the end of the scrubber).
        if (!m_at && isVisible()) {
            setMoment(m_newest);
        }
    });
}

void ReplayView::syncControls()
{
    m_syncing = true;
    const qint64 minutes = std::max<qint64>(0, (m_newest - m_oldest) / kMinuteMs + 1);
    m_slider->setRange(0, int(std::min<qint64>(minutes, std::numeric_limits<int>::max())));
    if (m_at) {
        m_slider->setValue(int(std::clamp<qint64>((*m_at - m_oldest) / kMinuteMs, 0, minutes)));
        m_edit->setDateTime(QDateTime::fromMSecsSinceEpoch(*m_at));
    }
    m_syncing = false;
    auto *row = m_banner->parentWidget();
    row->setVisible(m_at.has_value());
    m_hint->setVisible(!m_at.has_value());
    if (m_at) {
        m_banner->setText(tr("As of %1 — replayed from stored data; live updates do not change "
                             "this page.")
                              .arg(Theme::formatLocalTime(*m_at, QLocale())));
    }
}

void ReplayView::setMoment(TimestampMs at)
{
    if (m_at == at) {
        return;
    }
    m_at = at;
    syncControls();
    m_debounce->start();
}

void ReplayView::stepBy(qint64 ms)
{
    setMoment(m_at.value_or(m_newest) + ms);
}

void ReplayView::backToLive()
{
    m_at.reset();
    m_snapshot.reset();
    ++m_generation;
    m_debounce->stop();
    m_incidentModel->setIncidents({});
    m_chains->setRowCount(0);
    for (QLabel *v : std::as_const(m_kpiValues)) {
        v->clear();
    }
    syncControls();
    emit liveRequested();
}

void ReplayView::query()
{
    if (!m_at) {
        return;
    }
    const quint64 generation = ++m_generation;
    m_queries->asOf(*m_at).then(
        this, [this, generation](const Storage::Result<Storage::AsOfSnapshot> &r) {
            if (generation != m_generation) {
                return;
            }
            if (!r.ok()) {
                m_banner->setText(tr("Could not read the store: %1").arg(r.error()));
                return;
            }
            applySnapshot(r.value());
            emit snapshotLoaded();
        });
}

void ReplayView::applySnapshot(const Storage::AsOfSnapshot &s)
{
    m_snapshot = s;
    const QLocale locale;
    m_kpiValues.at(0)->setText(locale.toString(s.alerts));
    m_kpiValues.at(1)->setText(locale.toString(s.windowHighPlus));
    m_kpiValues.at(2)->setText(locale.toString(s.incidentsByStatus.value(u"open"_s)));
    m_kpiValues.at(3)->setText(
        u"%1 · %2"_s.arg(locale.toString(s.risk, 'f', 0), Theme::riskBandName(s.risk)));
    m_incidentModel->setIncidents(s.incidents);
    m_chains->setRowCount(int(s.chains.size()));
    for (int row = 0; row < s.chains.size(); ++row) {
        const Storage::AsOfChainNode &n = s.chains.at(row);
        const QStringList cells = { n.chain, n.node,
            n.height >= 0 ? locale.toString(n.height) : tr("n/a"), locale.toString(n.lag),
            n.latencyMs >= 0 ? tr("%1 ms").arg(n.latencyMs) : tr("n/a"),
            tr("%1 (%2 min earlier)")
                .arg(Theme::formatLocalTime(n.observed, locale),
                    locale.toString((s.at - n.observed) / kMinuteMs)) };
        for (int c = 0; c < cells.size(); ++c) {
            // Plain items: chain and node names come from configuration and remote nodes.
            auto *item = new QTableWidgetItem(cells.at(c));
            item->setToolTip(Theme::plainToolTip(cells.at(c)));
            m_chains->setItem(row, c, item);
        }
    }
}

QString ReplayView::bannerText() const
{
    return m_banner->text();
}

bool ReplayView::isBannerVisible() const
{
    return !m_banner->parentWidget()->isHidden();
}

QString ReplayView::kpiText(int index) const
{
    return index >= 0 && index < m_kpiValues.size() ? m_kpiValues.at(index)->text() : QString();
}

} // namespace Lakeguard::Widgets
