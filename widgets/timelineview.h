// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timelinetypes.h"

#include <QWidget>

#include <optional>

namespace Lakeguard::Widgets {

// A zoomable time axis with one lane per feed or entity (issue 7; docs/timeline.md). It paints
// what it is given: aggregated buckets (bars sized by count, coloured by the worst severity) or
// single items (a mark per kind). It owns only the visible range; when that changes it asks for
// new data with visibleRangeChanged(), and keeps drawing the old data at its times meanwhile.
//
// Mouse: wheel zooms around the cursor, Shift+wheel scrolls lanes, drag pans, click selects,
// double-click activates. Keys: +/- zoom, Left/Right pan, 0 or Home fits, Up/Down select the
// previous/next item, PageUp/PageDown scroll lanes, Enter activates.
class TimelineView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setData(Storage::TimelineData data);
    const Storage::TimelineData &data() const { return m_data; }

    // The whole period the user can zoom out to (fit), and the part shown.
    void setPeriod(Core::TimestampMs from, Core::TimestampMs to);
    Core::TimestampMs periodFrom() const { return m_periodFrom; }
    Core::TimestampMs periodTo() const { return m_periodTo; }
    void setVisibleRange(Core::TimestampMs from, Core::TimestampMs to);
    Core::TimestampMs visibleFrom() const { return m_from; }
    Core::TimestampMs visibleTo() const { return m_to; }
    // Buckets that fit the visible range at the current width (a whole number of seconds).
    qint64 suggestedBucketMs() const;

    void zoomIn();
    void zoomOut();
    void zoomBy(double factor, double anchor = 0.5); // anchor: 0 left … 1 right of the plot
    void fit();
    void pan(double fraction); // of the visible span; negative is earlier

    // The selected item: an event index, or a bucket index when aggregated; -1 none.
    int selectedEvent() const { return m_selectedEvent; }
    int selectedBucket() const { return m_selectedBucket; }
    void selectEvent(int index);
    void selectBucket(int index);
    // Where an item is drawn (widget coordinates), for tests and tooltips.
    QPointF eventPosition(int index) const;
    QPointF bucketPosition(int index) const;
    // Names of lanes as shown (translated for the fixed keys).
    static QString laneDisplayName(const QString &lane);
    static QString kindDisplayName(Storage::TimelineKind kind);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void visibleRangeChanged(Core::TimestampMs from, Core::TimestampMs to);
    void selectionChanged();
    void activated();

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QRectF plotRect() const;
    double laneHeight() const;
    int visibleLaneCount() const;
    double xOf(Core::TimestampMs ts) const;
    Core::TimestampMs tsAt(double x) const;
    double laneTop(int lane) const; // -1e9 when scrolled away
    int laneIndex(const QString &lane) const;
    // The item under a point: {event, bucket} indexes, -1 each when none.
    std::pair<int, int> hitTest(const QPointF &pos) const;
    void setLaneOffset(int offset);
    void announceRange();
    void paintAxis(QPainter &p, const QRectF &plot);
    void paintLanes(QPainter &p, const QRectF &plot);
    void paintBuckets(QPainter &p, const QRectF &plot);
    void paintEvents(QPainter &p, const QRectF &plot);

    Storage::TimelineData m_data;
    Core::TimestampMs m_periodFrom = 0;
    Core::TimestampMs m_periodTo = 0;
    Core::TimestampMs m_from = 0;
    Core::TimestampMs m_to = 0;
    int m_laneOffset = 0;
    int m_selectedEvent = -1;
    int m_selectedBucket = -1;
    std::optional<QPointF> m_dragStart;
    Core::TimestampMs m_dragFrom = 0;
    bool m_dragged = false;
};

} // namespace Lakeguard::Widgets
