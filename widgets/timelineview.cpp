// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelineview.h"

#include "sensitivemask.h"
#include "textsupport.h"
#include "theme.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QResizeEvent>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

using Core::TimestampMs;
using Storage::TimelineKind;

namespace {

constexpr double kLabelWidth = 150;
constexpr double kAxisHeight = 28;
constexpr double kMinLaneHeight = 24;
constexpr double kMaxLaneHeight = 44;
constexpr qint64 kMinSpanMs = 2000; // the closest zoom: two seconds across
constexpr double kMarkRadius = 5;
constexpr double kHitRadius = 7;

// Tick steps the axis may use, smallest first.
constexpr qint64 kTickSteps[] = { 1000, 5000, 15'000, 60'000, 5 * 60'000, 15 * 60'000, 3'600'000,
    3 * 3'600'000, 6 * 3'600'000, 86'400'000, 7 * 86'400'000, 30 * 86'400'000LL };

} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QSize TimelineView::sizeHint() const
{
    return { 800, 360 };
}

QSize TimelineView::minimumSizeHint() const
{
    return { 320, 120 };
}

void TimelineView::setData(Storage::TimelineData data)
{
    // Keep the selection when the same item is still there (a refresh of the same range).
    std::optional<std::pair<TimelineKind, qint64>> keep;
    if (m_selectedEvent >= 0 && m_selectedEvent < m_data.events.size()) {
        const auto &e = m_data.events.at(m_selectedEvent);
        keep = std::make_pair(e.kind, e.ref);
    }
    m_data = std::move(data);
    m_selectedEvent = -1;
    m_selectedBucket = -1;
    if (keep) {
        for (int i = 0; i < m_data.events.size(); ++i) {
            const auto &e = m_data.events.at(i);
            if (e.kind == keep->first && e.ref == keep->second) {
                m_selectedEvent = i;
                break;
            }
        }
    }
    setLaneOffset(m_laneOffset);
    update();
    emit selectionChanged();
}

void TimelineView::setPeriod(TimestampMs from, TimestampMs to)
{
    m_periodFrom = from;
    m_periodTo = std::max(to, from + kMinSpanMs);
}

void TimelineView::setVisibleRange(TimestampMs from, TimestampMs to)
{
    if (to - from < kMinSpanMs) {
        const TimestampMs mid = from + (to - from) / 2;
        from = mid - kMinSpanMs / 2;
        to = from + kMinSpanMs;
    }
    if (from == m_from && to == m_to) {
        return;
    }
    m_from = from;
    m_to = to;
    update();
    announceRange();
}

void TimelineView::announceRange()
{
    emit visibleRangeChanged(m_from, m_to);
}

qint64 TimelineView::suggestedBucketMs() const
{
    // About one bucket per 6 pixels, rounded to whole seconds.
    const double width = std::max(60.0, plotRect().width());
    const qint64 raw = qint64(double(m_to - m_from) / (width / 6.0));
    return std::max<qint64>(1000, raw / 1000 * 1000);
}

void TimelineView::zoomIn()
{
    zoomBy(0.5);
}

void TimelineView::zoomOut()
{
    zoomBy(2.0);
}

void TimelineView::zoomBy(double factor, double anchor)
{
    const double span = double(m_to - m_from);
    const double newSpan = std::max(double(kMinSpanMs), span * factor);
    const double at = double(m_from) + span * anchor;
    auto from = TimestampMs(std::llround(at - newSpan * anchor));
    auto to = TimestampMs(std::llround(at + newSpan * (1 - anchor)));
    // Zooming out never goes beyond the period.
    if (factor > 1 && m_periodTo > m_periodFrom) {
        if (to - from >= m_periodTo - m_periodFrom) {
            from = m_periodFrom;
            to = m_periodTo;
        } else if (from < m_periodFrom) {
            to += m_periodFrom - from;
            from = m_periodFrom;
        } else if (to > m_periodTo) {
            from -= to - m_periodTo;
            to = m_periodTo;
        }
    }
    setVisibleRange(from, to);
}

void TimelineView::fit()
{
    setVisibleRange(m_periodFrom, m_periodTo);
}

void TimelineView::pan(double fraction)
{
    const auto shift = TimestampMs(std::llround(double(m_to - m_from) * fraction));
    setVisibleRange(m_from + shift, m_to + shift);
}

void TimelineView::selectEvent(int index)
{
    m_selectedEvent = index >= 0 && index < m_data.events.size() ? index : -1;
    m_selectedBucket = -1;
    update();
    emit selectionChanged();
}

void TimelineView::selectBucket(int index)
{
    m_selectedBucket = index >= 0 && index < m_data.buckets.size() ? index : -1;
    m_selectedEvent = -1;
    update();
    emit selectionChanged();
}

QString TimelineView::laneDisplayName(const QString &lane)
{
    if (lane == Storage::kIncidentLane) {
        return tr("Incidents");
    }
    if (lane == Storage::kOtherLane) {
        return tr("Other lanes");
    }
    // Lanes are feed ids or alert entities: untrusted, and masked in presentation mode.
    if (lane.startsWith(u"chain:"_s)) {
        return tr("Chain %1").arg(Core::displayText(lane.mid(6)));
    }
    if (lane.isEmpty()) {
        return tr("(none)");
    }
    return Core::displayText(SensitiveMask::apply(lane));
}

QString TimelineView::kindDisplayName(TimelineKind kind)
{
    switch (kind) {
    case TimelineKind::Alert:
        return tr("Alert");
    case TimelineKind::AlertState:
        return tr("Alert state change");
    case TimelineKind::IncidentChange:
        return tr("Incident change");
    case TimelineKind::IncidentNote:
        return tr("Incident note");
    case TimelineKind::ChainAlert:
        return tr("Chain alert");
    case TimelineKind::ChainObservation:
        return tr("Chain observation");
    }
    return {};
}

QRectF TimelineView::plotRect() const
{
    return QRectF(kLabelWidth, kAxisHeight, std::max(1.0, width() - kLabelWidth - 8),
        std::max(1.0, height() - kAxisHeight - 4));
}

double TimelineView::laneHeight() const
{
    const int lanes = std::max<int>(1, int(m_data.lanes.size()));
    return std::clamp(plotRect().height() / lanes, kMinLaneHeight, kMaxLaneHeight);
}

int TimelineView::visibleLaneCount() const
{
    return std::max(1, int(plotRect().height() / laneHeight()));
}

void TimelineView::setLaneOffset(int offset)
{
    const int maxOffset = std::max(0, int(m_data.lanes.size()) - visibleLaneCount());
    m_laneOffset = std::clamp(offset, 0, maxOffset);
    update();
}

double TimelineView::xOf(TimestampMs ts) const
{
    const QRectF plot = plotRect();
    const double span = std::max<double>(1, double(m_to - m_from));
    return plot.left() + double(ts - m_from) / span * plot.width();
}

TimestampMs TimelineView::tsAt(double x) const
{
    const QRectF plot = plotRect();
    return m_from
        + TimestampMs(std::llround((x - plot.left()) / plot.width() * double(m_to - m_from)));
}

double TimelineView::laneTop(int lane) const
{
    const int row = lane - m_laneOffset;
    if (row < 0 || row >= visibleLaneCount()) {
        return -1e9;
    }
    return plotRect().top() + row * laneHeight();
}

int TimelineView::laneIndex(const QString &lane) const
{
    return int(m_data.lanes.indexOf(lane));
}

QPointF TimelineView::eventPosition(int index) const
{
    if (index < 0 || index >= m_data.events.size()) {
        return {};
    }
    const auto &e = m_data.events.at(index);
    return { xOf(e.ts), laneTop(laneIndex(e.lane)) + laneHeight() / 2 };
}

QPointF TimelineView::bucketPosition(int index) const
{
    if (index < 0 || index >= m_data.buckets.size()) {
        return {};
    }
    const auto &b = m_data.buckets.at(index);
    const double x0 = xOf(b.start);
    const double x1 = xOf(b.start + m_data.query.bucketMs);
    return { (x0 + x1) / 2, laneTop(b.lane) + laneHeight() - 3 };
}

std::pair<int, int> TimelineView::hitTest(const QPointF &pos) const
{
    const QRectF plot = plotRect();
    if (!plot.contains(pos)) {
        return { -1, -1 };
    }
    const int lane = m_laneOffset + int((pos.y() - plot.top()) / laneHeight());
    if (!m_data.aggregated) {
        int best = -1;
        double bestDistance = kHitRadius;
        for (int i = 0; i < m_data.events.size(); ++i) {
            if (laneIndex(m_data.events.at(i).lane) != lane) {
                continue;
            }
            const double d = std::abs(xOf(m_data.events.at(i).ts) - pos.x());
            if (d <= bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return { best, -1 };
    }
    const TimestampMs at = tsAt(pos.x());
    const qint64 step = std::max<qint64>(1, m_data.query.bucketMs);
    for (int i = 0; i < m_data.buckets.size(); ++i) {
        const auto &b = m_data.buckets.at(i);
        // At least a few pixels wide, so thin buckets can still be clicked.
        const double x0 = xOf(b.start);
        const double x1 = std::max(xOf(b.start + step), x0 + 3);
        if (b.lane == lane
            && ((at >= b.start && at < b.start + step)
                || (pos.x() >= x0 - 1 && pos.x() <= x1 + 1))) {
            return { -1, i };
        }
    }
    return { -1, -1 };
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.fillRect(rect(), palette().base());
    const QRectF plot = plotRect();
    paintLanes(p, plot);
    paintAxis(p, plot);
    p.save();
    p.setClipRect(plot.adjusted(-kMarkRadius, 0, kMarkRadius, 0));
    if (m_data.aggregated) {
        paintBuckets(p, plot);
    } else {
        paintEvents(p, plot);
    }
    p.restore();
    if (m_data.lanes.isEmpty()) {
        p.setPen(Theme::mutedTextColor());
        p.drawText(plot, Qt::AlignCenter, tr("Nothing in this period."));
    }
    if (hasFocus()) {
        p.setPen(QPen(Theme::accentColor(), 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5));
    }
}

void TimelineView::paintLanes(QPainter &p, const QRectF &plot)
{
    const double h = laneHeight();
    const QColor stripe = palette().alternateBase().color();
    const QFontMetrics fm(font());
    for (int lane = m_laneOffset; lane < m_data.lanes.size(); ++lane) {
        const double top = laneTop(lane);
        if (top < -1e8) {
            break;
        }
        const QRectF row(0, top, width(), h);
        if ((lane % 2) == 1) {
            p.fillRect(row, stripe);
        }
        // Lane names may come from outside (feed ids, entities): drawn as text, never markup.
        p.setPen(palette().text().color());
        const QString name = fm.elidedText(
            laneDisplayName(m_data.lanes.at(lane)), Qt::ElideMiddle, int(kLabelWidth - 14));
        p.drawText(QRectF(8, top, kLabelWidth - 12, h), Qt::AlignVCenter | Qt::AlignLeft, name);
    }
    p.setPen(Theme::panelBorderColor());
    p.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()));
}

void TimelineView::paintAxis(QPainter &p, const QRectF &plot)
{
    const qint64 span = std::max<qint64>(1, m_to - m_from);
    // The smallest step that leaves ~110 px between ticks.
    qint64 step = kTickSteps[std::size(kTickSteps) - 1];
    for (const qint64 s : kTickSteps) {
        if (double(s) / double(span) * plot.width() >= 110) {
            step = s;
            break;
        }
    }
    const QLocale locale;
    const QString format = step < 60'000 ? u"HH:mm:ss"_s
        : step < 86'400'000              ? u"HH:mm"_s
                                         : locale.dateFormat(QLocale::ShortFormat);
    const bool showDate = step < 86'400'000;
    p.setPen(Theme::mutedTextColor());
    p.drawLine(QPointF(plot.left(), plot.top() - 0.5), QPointF(plot.right(), plot.top() - 0.5));
    const TimestampMs offset = QDateTime::fromMSecsSinceEpoch(m_from).offsetFromUtc() * 1000LL;
    TimestampMs tick = ((m_from + offset) / step + 1) * step - offset;
    QString lastDate;
    for (int guard = 0; tick < m_to && guard < 200; tick += step, ++guard) {
        const double x = xOf(tick);
        p.setPen(Theme::panelBorderColor());
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(tick);
        QString label = locale.toString(at, format);
        const QString date = locale.toString(at.date(), QLocale::ShortFormat);
        if (showDate && date != lastDate) {
            label = date + u' ' + label;
            lastDate = date;
        }
        p.setPen(Theme::mutedTextColor());
        p.drawText(QRectF(x - 90, 2, 180, kAxisHeight - 6), Qt::AlignCenter, label);
    }
}

void TimelineView::paintBuckets(QPainter &p, const QRectF &plot)
{
    Q_UNUSED(plot);
    qint64 maxCount = 1;
    for (const auto &b : m_data.buckets) {
        maxCount = std::max(maxCount, b.count);
    }
    const double h = laneHeight();
    const double logMax = std::log1p(double(maxCount));
    const qint64 step = std::max<qint64>(1, m_data.query.bucketMs);
    p.setPen(Qt::NoPen);
    for (int i = 0; i < m_data.buckets.size(); ++i) {
        const auto &b = m_data.buckets.at(i);
        const double top = laneTop(b.lane);
        if (top < -1e8) {
            continue;
        }
        const double x0 = xOf(b.start);
        const double x1 = std::max(xOf(b.start + step), x0 + 2);
        if (x1 < plot.left() - 2 || x0 > plot.right() + 2) {
            continue;
        }
        // Height by log(count) so one busy minute does not flatten the rest.
        const double frac = 0.2 + 0.8 * std::log1p(double(b.count)) / logMax;
        const double barHeight = (h - 6) * frac;
        QColor c = Theme::severityColor(b.worst);
        p.setBrush(c);
        p.drawRect(QRectF(x0, top + h - 3 - barHeight, x1 - x0 - (x1 - x0 > 3 ? 1 : 0), barHeight));
        if (i == m_selectedBucket) {
            p.setPen(QPen(palette().text().color(), 2));
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRectF(x0 - 1, top + 1, x1 - x0 + 2, h - 2));
            p.setPen(Qt::NoPen);
        }
    }
}

void TimelineView::paintEvents(QPainter &p, const QRectF &plot)
{
    const double h = laneHeight();
    for (int i = 0; i < m_data.events.size(); ++i) {
        const auto &e = m_data.events.at(i);
        const double top = laneTop(laneIndex(e.lane));
        if (top < -1e8) {
            continue;
        }
        const double x = xOf(e.ts);
        if (x < plot.left() - kMarkRadius || x > plot.right() + kMarkRadius) {
            continue;
        }
        const double y = top + h / 2;
        const QColor c = Theme::severityColor(e.severity);
        p.setPen(QPen(c.darker(130), 1));
        p.setBrush(c);
        const double r = kMarkRadius;
        switch (e.kind) {
        case TimelineKind::Alert:
            p.drawEllipse(QPointF(x, y), r, r);
            break;
        case TimelineKind::AlertState:
            p.setBrush(palette().base());
            p.drawEllipse(QPointF(x, y), r - 1, r - 1);
            break;
        case TimelineKind::IncidentChange: {
            QPainterPath tri;
            tri.moveTo(x, y - r - 1);
            tri.lineTo(x + r + 1, y + r);
            tri.lineTo(x - r - 1, y + r);
            tri.closeSubpath();
            p.drawPath(tri);
            break;
        }
        case TimelineKind::IncidentNote:
            p.setBrush(palette().base());
            p.drawRect(QRectF(x - r + 1, y - r + 1, 2 * r - 2, 2 * r - 2));
            break;
        case TimelineKind::ChainAlert: {
            QPainterPath diamond;
            diamond.moveTo(x, y - r - 1);
            diamond.lineTo(x + r + 1, y);
            diamond.lineTo(x, y + r + 1);
            diamond.lineTo(x - r - 1, y);
            diamond.closeSubpath();
            p.drawPath(diamond);
            break;
        }
        case TimelineKind::ChainObservation:
            p.setPen(QPen(Theme::mutedTextColor(), 2));
            p.drawLine(QPointF(x, y - r), QPointF(x, y + r));
            break;
        }
        if (i == m_selectedEvent) {
            p.setPen(QPen(palette().text().color(), 2));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(QPointF(x, y), r + 4, r + 4);
        }
    }
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier) {
        setLaneOffset(m_laneOffset - int(std::round(steps * 3)));
    } else {
        const QRectF plot = plotRect();
        const double anchor
            = std::clamp((event->position().x() - plot.left()) / plot.width(), 0.0, 1.0);
        zoomBy(std::pow(0.8, steps), anchor);
    }
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() == Qt::LeftButton) {
        m_dragStart = event->position();
        m_dragFrom = m_from;
        m_dragged = false;
    }
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragStart) {
        return;
    }
    const double dx = event->position().x() - m_dragStart->x();
    if (std::abs(dx) > 3) {
        m_dragged = true;
    }
    if (m_dragged) {
        const qint64 span = m_to - m_from;
        const auto shift = TimestampMs(std::llround(-dx / plotRect().width() * double(span)));
        setVisibleRange(m_dragFrom + shift, m_dragFrom + shift + span);
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_dragStart) {
        return;
    }
    m_dragStart.reset();
    if (m_dragged) {
        return;
    }
    const auto [ev, bucket] = hitTest(event->position());
    if (ev >= 0) {
        selectEvent(ev);
    } else {
        selectBucket(bucket);
    }
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const auto [ev, bucket] = hitTest(event->position());
    if (ev >= 0) {
        selectEvent(ev);
        emit activated();
    } else if (bucket >= 0) {
        // Zoom into the bucket: its items come back one by one when few enough.
        const auto &b = m_data.buckets.at(bucket);
        selectBucket(bucket);
        const qint64 step = std::max<qint64>(1, m_data.query.bucketMs);
        setVisibleRange(b.start - step, b.start + 2 * step);
    }
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_0:
    case Qt::Key_Home:
        fit();
        break;
    case Qt::Key_Left:
        pan(-0.2);
        break;
    case Qt::Key_Right:
        pan(0.2);
        break;
    case Qt::Key_PageUp:
        setLaneOffset(m_laneOffset - visibleLaneCount());
        break;
    case Qt::Key_PageDown:
        setLaneOffset(m_laneOffset + visibleLaneCount());
        break;
    case Qt::Key_Up:
    case Qt::Key_Down: {
        // Items in time order (events) or bucket order; the view follows the selection.
        const int delta = event->key() == Qt::Key_Down ? 1 : -1;
        if (!m_data.aggregated && !m_data.events.isEmpty()) {
            const int next
                = std::clamp(m_selectedEvent < 0 ? (delta > 0 ? 0 : int(m_data.events.size()) - 1)
                                                 : m_selectedEvent + delta,
                    0, int(m_data.events.size()) - 1);
            selectEvent(next);
            const TimestampMs ts = m_data.events.at(next).ts;
            if (ts < m_from || ts >= m_to) {
                const qint64 span = m_to - m_from;
                setVisibleRange(ts - span / 2, ts + span / 2);
            }
            const int lane = laneIndex(m_data.events.at(next).lane);
            if (lane < m_laneOffset || lane >= m_laneOffset + visibleLaneCount()) {
                setLaneOffset(lane);
            }
        } else if (!m_data.buckets.isEmpty()) {
            const int next
                = std::clamp(m_selectedBucket < 0 ? (delta > 0 ? 0 : int(m_data.buckets.size()) - 1)
                                                  : m_selectedBucket + delta,
                    0, int(m_data.buckets.size()) - 1);
            selectBucket(next);
            const int lane = m_data.buckets.at(next).lane;
            if (lane < m_laneOffset || lane >= m_laneOffset + visibleLaneCount()) {
                setLaneOffset(lane);
            }
        }
        break;
    }
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_selectedEvent >= 0) {
            emit activated();
        } else if (m_selectedBucket >= 0) {
            const auto &b = m_data.buckets.at(m_selectedBucket);
            const qint64 step = std::max<qint64>(1, m_data.query.bucketMs);
            setVisibleRange(b.start - step, b.start + 2 * step);
        }
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    setLaneOffset(m_laneOffset);
    // The bucket size follows the width: ask again (the page debounces).
    if (m_to > m_from) {
        announceRange();
    }
}

bool TimelineView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const auto [ev, bucket] = hitTest(help->pos());
        const QLocale locale;
        QString text;
        if (ev >= 0) {
            const auto &e = m_data.events.at(ev);
            text = kindDisplayName(e.kind) + u" · "_s + Theme::formatLocalTime(e.ts, locale) + u'\n'
                + Core::displayText(SensitiveMask::apply(e.title));
        } else if (bucket >= 0) {
            const auto &b = m_data.buckets.at(bucket);
            text = tr("%1 items from %2, worst %3")
                       .arg(locale.toString(b.count), Theme::formatLocalTime(b.start, locale),
                           Core::severityDisplayName(b.worst));
        }
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(help->globalPos(), Theme::plainToolTip(text), this);
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace Lakeguard::Widgets
