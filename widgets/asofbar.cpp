// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "asofbar.h"

#include "futurecallback.h"
#include "queryservice.h"
#include "refreshthrottle.h"
#include "theme.h"

#include <QDateTimeEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

using Core::TimestampMs;

namespace {

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 3'600'000;
constexpr int kDebounceMs = 150;

} // namespace

AsOfBar::AsOfBar(Storage::QueryService *queries, QWidget *parent)
    : QWidget(parent)
    , m_queries(queries)
    , m_throttle(new RefreshThrottle(
          1000, [this] { refreshRange(false); }, this))
    , m_debounce(new QTimer(this))
    , m_banner(new QLabel(this))
    , m_live(new QPushButton(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_edit(new QDateTimeEdit(this))
{
    setObjectName(u"asOfBar"_s);
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(u"QWidget#asOfBar { background: #ede9fe; border-bottom: 1px solid #7c3aed; }"
                  " QLabel#asOfBanner { color: #4c1d95; font-weight: 600; }"_s);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, [this] { emit momentChanged(m_at); });

    m_banner->setObjectName(u"asOfBanner"_s);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setWordWrap(true);
    m_slider->setRange(0, 0);
    m_slider->setSingleStep(1); // a minute; Page Up/Down an hour
    m_slider->setPageStep(60);
    m_slider->setFocusPolicy(Qt::StrongFocus);
    m_edit->setCalendarPopup(true);
    m_edit->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss"_s);
    for (const qint64 step : { -kHourMs, -kMinuteMs, kMinuteMs, kHourMs }) {
        auto *b = new QToolButton(this);
        connect(b, &QToolButton::clicked, this, [this, step] { stepBy(step); });
        m_steps.append(b);
    }

    auto *top = new QHBoxLayout;
    top->addWidget(m_banner, 1);
    top->addWidget(m_live);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_steps.at(0));
    controls->addWidget(m_steps.at(1));
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_steps.at(2));
    controls->addWidget(m_steps.at(3));
    controls->addWidget(m_edit);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 6, 16, 6);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addLayout(controls);
    setFocusProxy(m_slider);

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
    connect(m_live, &QPushButton::clicked, this, &AsOfBar::backToLive);
    retranslateUi();
    setVisible(false);
}

void AsOfBar::retranslateUi()
{
    m_live->setText(tr("Back to live"));
    m_live->setToolTip(tr("Leave the past moment and show live data again (Esc)"));
    const QStringList steps = { tr("−1 h"), tr("−1 min"), tr("+1 min"), tr("+1 h") };
    const QStringList tips = { tr("One hour earlier"), tr("One minute earlier"),
        tr("One minute later"), tr("One hour later") };
    for (int i = 0; i < m_steps.size(); ++i) {
        m_steps.at(i)->setText(steps.at(i));
        m_steps.at(i)->setToolTip(tips.at(i));
        m_steps.at(i)->setAccessibleName(tips.at(i));
    }
    m_slider->setAccessibleName(tr("Time scrubber"));
    m_slider->setToolTip(tr("Left/Right: one minute; Page Up/Down: one hour; Esc: back to live"));
    m_edit->setAccessibleName(tr("Moment to show"));
    syncControls();
}

void AsOfBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void AsOfBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && isActive()) {
        backToLive();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void AsOfBar::scheduleRefresh()
{
    m_throttle->request();
}

void AsOfBar::refreshRange(bool enterAfter)
{
    Core::whenFinished(m_queries->stats(), this,
        [this, enterAfter](const Storage::Result<Storage::StoreStats> &r) {
            if (!enterAfter) {
                m_throttle->done();
            }
            if (r.ok() && r->newest != 0) {
                m_oldest = r->oldest - r->oldest % kMinuteMs;
                m_newest = r->newest;
            }
            if (enterAfter) {
                setMoment(m_newest != 0 ? m_newest : Core::nowMs());
                m_slider->setFocus();
            } else {
                syncControls();
            }
        });
}

void AsOfBar::enter()
{
    if (isActive()) {
        m_slider->setFocus();
        return;
    }
    refreshRange(true);
}

void AsOfBar::syncControls()
{
    m_syncing = true;
    // The moment may lie outside the stored period (the date field allows any time).
    const TimestampMs oldest = m_at ? std::min(m_oldest, *m_at - *m_at % kMinuteMs) : m_oldest;
    const TimestampMs newest = m_at ? std::max(m_newest, *m_at) : m_newest;
    if (oldest != m_oldest) {
        m_oldest = oldest;
    }
    m_newest = newest;
    const qint64 minutes = std::max<qint64>(0, (m_newest - m_oldest) / kMinuteMs + 1);
    m_slider->setRange(0, int(std::min<qint64>(minutes, std::numeric_limits<int>::max())));
    if (m_at) {
        m_slider->setValue(int(std::clamp<qint64>((*m_at - m_oldest) / kMinuteMs, 0, minutes)));
        m_edit->setDateTime(QDateTime::fromMSecsSinceEpoch(*m_at));
        const QString when = Theme::formatLocalTime(*m_at, QLocale());
        m_banner->setText(m_pageFollows
                ? tr("Viewing the store as of %1 — read-only").arg(when)
                : tr("As of %1 applies to the Dashboard, Incidents and Chains; this page shows "
                     "live data")
                      .arg(when));
    }
    m_syncing = false;
}

void AsOfBar::setPageFollows(bool follows)
{
    if (m_pageFollows != follows) {
        m_pageFollows = follows;
        syncControls();
    }
}

void AsOfBar::setMoment(TimestampMs at)
{
    if (m_at == at) {
        return;
    }
    m_at = at;
    syncControls();
    setVisible(true);
    m_debounce->start();
}

void AsOfBar::stepBy(qint64 ms)
{
    setMoment(m_at.value_or(m_newest) + ms);
}

void AsOfBar::backToLive()
{
    m_debounce->stop();
    if (!m_at) {
        return;
    }
    m_at.reset();
    syncControls();
    setVisible(false);
    emit momentChanged(std::nullopt);
}

QString AsOfBar::bannerText() const
{
    return m_banner->text();
}

} // namespace Lakeguard::Widgets
