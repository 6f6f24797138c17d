// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "chainchart.h"

#include "chartlabels.h"
#include "textsupport.h"
#include "theme.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {

QChart *makeChart(QDateTimeAxis **x, QValueAxis **y)
{
    auto *chart = new QChart;
    chart->setLocalizeNumbers(true); // 43,264,982, as the node cards write heights
    chart->setBackgroundRoundness(6);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont small = chart->legend()->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    chart->legend()->setFont(small);
    *x = new QDateTimeAxis;
    (*x)->setFormat(u"HH:mm"_s);
    (*x)->setTickCount(5);
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
    for (QDateTimeAxis *x : { m_heightX, m_intervalX }) {
        x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(tMin)),
            QDateTime::fromMSecsSinceEpoch(qint64(tMax)));
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
