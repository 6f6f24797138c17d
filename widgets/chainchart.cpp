// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "chainchart.h"

#include "chartlabels.h"
#include "textsupport.h"
#include "theme.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QLocale>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {

QChart *makeChart(QCategoryAxis **x, QValueAxis **y)
{
    auto *chart = new QChart;
    chart->setLocalizeNumbers(true); // 43,264,982, as the node cards write heights
    chart->setBackgroundRoundness(6);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont small = chart->legend()->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    chart->legend()->setFont(small);
    // Time in ms as the x value; labels at round local times (setHistory).
    *x = new QCategoryAxis;
    (*x)->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    (*x)->setLabelsFont(small);
    *y = new QValueAxis;
    (*y)->setLabelFormat(u"%.0f"_s);
    (*y)->setLabelsFont(small);
    chart->addAxis(*x, Qt::AlignBottom);
    chart->addAxis(*y, Qt::AlignLeft);
    return chart;
}

// The legend renders its labels as rich text: a node name is made visible, then escaped.
QString legendName(const QString &node)
{
    QString n = node;
    n.remove(u"http://"_s).remove(u"https://"_s);
    return Core::displayText(n).toHtmlEscaped();
}

} // namespace

ChainChart::ChainChart(QWidget *parent)
    : QWidget(parent)
    , m_heights(makeChart(&m_heightX, &m_heightY))
    , m_intervals(makeChart(&m_intervalX, &m_intervalY))
    , m_heightView(new QChartView(m_heights, this))
    , m_intervalView(new QChartView(m_intervals, this))
{
    m_intervalY->setLabelFormat(u"%.1f"_s);
    for (QChartView *v : { m_heightView, m_intervalView }) {
        v->setRenderHint(QPainter::Antialiasing);
        v->setMinimumHeight(260);
        keepAxisLabels(v);
    }
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_heightView, 1);
    layout->addWidget(m_intervalView, 1);
    retranslateUi();
}

void ChainChart::retranslateUi()
{
    m_heights->setTitle(tr("Block height"));
    m_intervals->setTitle(tr("Block interval (s)"));
    m_heightView->setAccessibleName(tr("Block height"));
    m_heightView->setAccessibleDescription(
        tr("A line per node: the chain height each node reported over time."));
    m_intervalView->setAccessibleName(tr("Block interval"));
    m_intervalView->setAccessibleDescription(
        tr("A line per node: seconds between consecutive blocks over time."));
}

void ChainChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

QList<QPointF> ChainChart::downsample(const QList<QPointF> &points, int max)
{
    if (points.size() <= max || max < 2) {
        return points;
    }
    const qsizetype step = (points.size() + max - 2) / (max - 1);
    QList<QPointF> out;
    out.reserve(max);
    for (qsizetype i = 0; i < points.size() - 1; i += step) {
        out.append(points.at(i));
    }
    out.append(points.constLast());
    return out;
}

QList<qint64> ChainChart::timeTicks(qint64 fromMs, qint64 toMs, int max)
{
    constexpr qint64 kMinute = 60'000;
    static constexpr qint64 kSteps[] = { kMinute, 2 * kMinute, 5 * kMinute, 10 * kMinute,
        15 * kMinute, 30 * kMinute, 60 * kMinute, 120 * kMinute, 180 * kMinute, 360 * kMinute,
        720 * kMinute, 1440 * kMinute };
    QList<qint64> out;
    if (toMs <= fromMs || max < 1) {
        return out;
    }
    // Round in local time: the offset from UTC at the start (a daylight-saving change inside
    // the range shifts the later labels by an hour at most, and they stay labelled right).
    const qint64 offset = qint64(QDateTime::fromMSecsSinceEpoch(fromMs).offsetFromUtc()) * 1000;
    for (const qint64 step : kSteps) {
        const qint64 first = ((fromMs + offset + step - 1) / step) * step - offset;
        if ((toMs - first) / step + 1 <= max || step == kSteps[std::size(kSteps) - 1]) {
            for (qint64 t = first; t <= toMs && out.size() < max; t += step) {
                out.append(t);
            }
            break;
        }
    }
    return out;
}

QList<QPointF> ChainChart::blockIntervals(const QList<Storage::ChainHistoryPoint> &history)
{
    QList<QPointF> out;
    for (qsizetype i = 1; i < history.size(); ++i) {
        const auto &a = history.at(i - 1);
        const auto &b = history.at(i);
        if (b.height > a.height && a.blockTime > 0 && b.blockTime >= a.blockTime) {
            out.append(QPointF(double(b.observed),
                double(b.blockTime - a.blockTime) / 1000.0 / double(b.height - a.height)));
        }
    }
    return out;
}

void ChainChart::setHistory(const QMap<QString, QList<Storage::ChainHistoryPoint>> &byNode)
{
    m_heights->removeAllSeries();
    m_intervals->removeAllSeries();
    m_intervalData.clear();
    double tMin = 0, tMax = 0, hMin = 0, hMax = 0, iMax = 0;
    bool any = false;
    for (auto it = byNode.begin(); it != byNode.end(); ++it) {
        QList<QPointF> heights;
        for (const auto &p : it.value()) {
            if (p.height >= 0) {
                heights.append(QPointF(double(p.observed), double(p.height)));
            }
        }
        const QList<QPointF> intervals = blockIntervals(it.value());
        m_intervalData.insert(it.key(), intervals);
        for (const QPointF &p : heights) {
            tMin = any ? std::min(tMin, p.x()) : p.x();
            tMax = any ? std::max(tMax, p.x()) : p.x();
            hMin = any ? std::min(hMin, p.y()) : p.y();
            hMax = any ? std::max(hMax, p.y()) : p.y();
            any = true;
        }
        for (const QPointF &p : intervals) {
            iMax = std::max(iMax, p.y());
        }
        auto *h = new QLineSeries;
        h->setName(legendName(it.key()));
        h->replace(downsample(heights, kMaxPoints));
        m_heights->addSeries(h);
        h->attachAxis(m_heightX);
        h->attachAxis(m_heightY);
        auto *iv = new QLineSeries;
        iv->setName(legendName(it.key()));
        iv->replace(downsample(intervals, kMaxPoints));
        m_intervals->addSeries(iv);
        iv->attachAxis(m_intervalX);
        iv->attachAxis(m_intervalY);
    }
    if (!any) {
        const qint64 now = Core::nowMs();
        tMin = double(now - 3'600'000);
        tMax = double(now);
    }
    if (tMax <= tMin) {
        tMax = tMin + 60'000;
    }
    const QList<qint64> ticks = timeTicks(qint64(tMin), qint64(tMax), 7);
    // Over more than a day, midnight reads as the date.
    const bool days = tMax - tMin > 24.0 * 3'600'000;
    for (QCategoryAxis *x : { m_heightX, m_intervalX }) {
        const QStringList old = x->categoriesLabels();
        for (const QString &label : old) {
            x->remove(label);
        }
        x->setStartValue(tMin);
        for (const qint64 t : ticks) {
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(t);
            QString label = days && at.time() == QTime(0, 0)
                ? QLocale().toString(at.date(), QLocale::ShortFormat)
                : at.toString(u"HH:mm"_s);
            // QCategoryAxis refuses a label it has (12:00 on two days): an invisible
            // zero-width space keeps each one apart.
            while (x->categoriesLabels().contains(label)) {
                label += QChar(0x200B);
            }
            x->append(label, double(t));
        }
        x->setRange(tMin, tMax);
    }
    m_heightY->setRange(hMin, std::max(hMax, hMin + 1));
    m_heightY->applyNiceNumbers();
    m_intervalY->setRange(0, std::max(1.0, std::ceil(iMax * 1.1)));
    m_intervalY->applyNiceNumbers();
    const bool legend = byNode.size() > 1 && byNode.size() <= 8;
    m_heights->legend()->setVisible(legend);
    m_intervals->legend()->setVisible(legend);
}

int ChainChart::seriesCount() const
{
    return int(m_heights->series().size());
}

QList<QPointF> ChainChart::intervalPoints(const QString &node) const
{
    return m_intervalData.value(node);
}

} // namespace Lakeguard::Widgets
