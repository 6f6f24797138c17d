// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "navicons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace Lakeguard::Widgets {

namespace {

// Draws on a 24×24 design grid scaled to `size`.
void drawGlyph(QPainter &p, NavIcon which, const QColor &color)
{
    QPen pen(color, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    switch (which) {
    case NavIcon::Dashboard: {
        p.drawRoundedRect(QRectF(3, 3, 7.5, 9), 1.5, 1.5);
        p.drawRoundedRect(QRectF(13.5, 3, 7.5, 5), 1.5, 1.5);
        p.drawRoundedRect(QRectF(13.5, 11, 7.5, 10), 1.5, 1.5);
        p.drawRoundedRect(QRectF(3, 15, 7.5, 6), 1.5, 1.5);
        break;
    }
    case NavIcon::Alerts: {
        QPainterPath bell;
        bell.moveTo(6, 17);
        bell.lineTo(6, 11);
        bell.cubicTo(6, 7, 8.5, 4.5, 12, 4.5);
        bell.cubicTo(15.5, 4.5, 18, 7, 18, 11);
        bell.lineTo(18, 17);
        bell.lineTo(20, 19);
        bell.lineTo(4, 19);
        bell.closeSubpath();
        p.drawPath(bell);
        p.drawLine(QPointF(12, 2.5), QPointF(12, 4.5));
        p.drawArc(QRectF(9.5, 18.5, 5, 4), 180 * 16, 180 * 16);
        break;
    }
    case NavIcon::Incidents: {
        // A case folder with an exclamation mark.
        QPainterPath folder;
        folder.moveTo(3, 7);
        folder.lineTo(3, 19.5);
        folder.lineTo(21, 19.5);
        folder.lineTo(21, 8.5);
        folder.lineTo(11.5, 8.5);
        folder.lineTo(9.5, 5.5);
        folder.lineTo(4.5, 5.5);
        folder.closeSubpath();
        p.drawPath(folder);
        p.drawLine(QPointF(12, 11), QPointF(12, 14.5));
        p.setBrush(color);
        p.drawEllipse(QPointF(12, 17), 0.6, 0.6);
        p.setBrush(Qt::NoBrush);
        break;
    }
    case NavIcon::Chains: {
        p.drawRoundedRect(QRectF(2.5, 8.5, 8, 7), 2, 2);
        p.drawRoundedRect(QRectF(13.5, 8.5, 8, 7), 2, 2);
        p.drawLine(QPointF(10.5, 12), QPointF(13.5, 12));
        p.drawLine(QPointF(6.5, 4), QPointF(6.5, 8.5));
        p.drawLine(QPointF(17.5, 15.5), QPointF(17.5, 20));
        break;
    }
    case NavIcon::Feeds: {
        p.setBrush(color);
        p.drawEllipse(QPointF(5.5, 18.5), 1.6, 1.6);
        p.setBrush(Qt::NoBrush);
        p.drawArc(QRectF(-3.5, 9.5, 18, 18), 0, 90 * 16);
        p.drawArc(QRectF(-11.5, 1.5, 34, 34), 0, 90 * 16);
        break;
    }
    case NavIcon::Timeline: {
        // A time axis with marks of different heights.
        p.drawLine(QPointF(3, 19.5), QPointF(21, 19.5));
        p.setBrush(color);
        p.drawRect(QRectF(5, 12, 2.5, 6));
        p.drawRect(QRectF(10.5, 6, 2.5, 12));
        p.drawRect(QRectF(16, 10, 2.5, 8));
        break;
    }
    case NavIcon::Replay: {
        // A clock face with an arrow turning back.
        p.drawArc(QRectF(4, 4, 16, 16), 100 * 16, 300 * 16);
        p.drawLine(QPointF(12, 12), QPointF(12, 7.5));
        p.drawLine(QPointF(12, 12), QPointF(15, 14));
        p.drawLine(QPointF(9, 4.2), QPointF(6.5, 2.5));
        p.drawLine(QPointF(9, 4.2), QPointF(7, 6.8));
        break;
    }
    case NavIcon::Application: {
        QPainterPath shield;
        shield.moveTo(12, 2);
        shield.lineTo(20, 5);
        shield.cubicTo(20, 13, 17, 19, 12, 22);
        shield.cubicTo(7, 19, 4, 13, 4, 5);
        shield.closeSubpath();
        p.setBrush(color);
        p.setPen(Qt::NoPen);
        p.drawPath(shield);
        QPainterPath wave;
        wave.moveTo(7, 12.5);
        wave.cubicTo(9, 10.5, 10.5, 14.5, 12, 12.5);
        wave.cubicTo(13.5, 10.5, 15, 14.5, 17, 12.5);
        p.setPen(QPen(Qt::white, 1.8, Qt::SolidLine, Qt::RoundCap));
        p.setBrush(Qt::NoBrush);
        p.drawPath(wave);
        break;
    }
    }
}

} // namespace

QIcon navIcon(NavIcon which, const QColor &color)
{
    QIcon icon;
    for (int size : { 16, 24, 32, 48, 64 }) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 24.0, size / 24.0);
        drawGlyph(p, which, color);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace Lakeguard::Widgets
