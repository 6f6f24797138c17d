// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QMap>
#include <QWidget>

class QChart;
class QChartView;
class QCategoryAxis;
class QValueAxis;

namespace Lakeguard::Widgets {

// Two charts over a chain's recent history: each node's height, and its block interval (seconds
// per block between successive history rows, from the blocks' own time stamps). Series are
// downsampled to at most kMaxPoints and set with replace(), never point by point.
class ChainChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChainChart)

public:
    static constexpr int kMaxPoints = 600;

    explicit ChainChart(QWidget *parent = nullptr);

    void setHistory(const QMap<QString, QList<Storage::ChainHistoryPoint>> &byNode);
    int seriesCount() const;
    // Points of the block-interval series of `node` (for tests).
    QList<QPointF> intervalPoints(const QString &node) const;

    // Keeps every ⌈n/max⌉th point plus the last one.
    static QList<QPointF> downsample(const QList<QPointF> &points, int max);
    // Round local times (every 1, 2, 5, 10, 15 or 30 minutes, 1, 2, 3, 6 or 12 hours, or a day)
    // inside [fromMs, toMs], at most `max` of them: where the time axis puts its labels.
    static QList<qint64> timeTicks(qint64 fromMs, qint64 toMs, int max);
    // (time ms, seconds per block) between successive rows where the height grew.
    static QList<QPointF> blockIntervals(const QList<Storage::ChainHistoryPoint> &history);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QChart *m_heights;
    QChart *m_intervals;
    QChartView *m_heightView;
    QChartView *m_intervalView;
    QCategoryAxis *m_heightX;
    QValueAxis *m_heightY;
    QCategoryAxis *m_intervalX;
    QValueAxis *m_intervalY;
    QMap<QString, QList<QPointF>> m_intervalData;
};

} // namespace Lakeguard::Widgets
