// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "riskgauge.h"

#include "theme.h"

#include <QEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

RiskGauge::RiskGauge(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setAccessibleName(tr("Global risk"));
}

void RiskGauge::setRisk(std::optional<double> risk)
{
    if (risk) {
        risk = std::clamp(*risk, 0.0, 100.0);
    }
    m_risk = risk;
    setAccessibleDescription(text());
    update();
}

void RiskGauge::changeEvent(QEvent *event)
{
    // The painted texts are translated at paint time; QWidget repaints after LanguageChange.
    if (event->type() == QEvent::LanguageChange) {
        setAccessibleName(tr("Global risk"));
    }
    QWidget::changeEvent(event);
}

QString RiskGauge::text() const
{
    return m_risk ? QLocale().toString(qRound(*m_risk)) : u"–"_s;
}

// Tall enough for what paintEvent draws in the current font (presentation mode enlarges it).
int RiskGauge::contentHeight() const
{
    QFont captionFont = font();
    const QFontMetrics caption(captionFont);
    QFont figureFont = font();
    figureFont.setPointSizeF(font().pointSizeF() * 3.2);
    figureFont.setBold(true);
    const QFontMetrics figure(figureFont);
    return 10 + caption.height() + figure.height() + 6 + 8 + 10;
}

QSize RiskGauge::sizeHint() const
{
    return { 300, std::max(118, contentHeight()) };
}

QSize RiskGauge::minimumSizeHint() const
{
    return { 220, std::max(108, contentHeight()) };
}

void RiskGauge::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    const QColor color = m_risk ? Theme::riskColor(*m_risk) : Theme::mutedTextColor();

    QPainterPath background;
    background.addRoundedRect(frame, 6, 6);
    p.fillPath(background, palette().color(QPalette::Base));
    p.setPen(Theme::panelBorderColor());
    p.drawPath(background);

    const int margin = 16;
    QFont captionFont = font();
    p.setFont(captionFont);
    p.setPen(Theme::mutedTextColor());
    const QFontMetrics captionMetrics(captionFont);
    p.drawText(QRect(margin, 10, width() - 2 * margin, captionMetrics.height()),
        Qt::AlignLeft | Qt::AlignVCenter, tr("Global risk (0–100)"));

    QFont figureFont = font();
    figureFont.setPointSizeF(font().pointSizeF() * 3.2);
    figureFont.setWeight(QFont::Bold);
    const QFontMetrics figureMetrics(figureFont);
    const int figureTop = 10 + captionMetrics.height();
    const QRect figureRect(
        margin, figureTop, figureMetrics.horizontalAdvance(u"100"_s) + 8, figureMetrics.height());
    p.setFont(figureFont);
    p.setPen(color);
    p.drawText(figureRect, Qt::AlignLeft | Qt::AlignVCenter, text());

    QFont bandFont = font();
    bandFont.setPointSizeF(font().pointSizeF() * 1.3);
    bandFont.setWeight(QFont::DemiBold);
    p.setFont(bandFont);
    const QString band = m_risk ? Theme::riskBandName(*m_risk) : tr("No data");
    p.drawText(QRect(figureRect.right() + 8, figureTop, width() - figureRect.right() - 8 - margin,
                   figureMetrics.height()),
        Qt::AlignLeft | Qt::AlignVCenter, band);

    // The band: five equal segments, the marker at the figure.
    const qreal barTop = figureTop + figureMetrics.height() + 6;
    const QRectF bar(margin, barTop, width() - 2 * margin, 8);
    const int segments = 5;
    for (int i = 0; i < segments; ++i) {
        const qreal w = bar.width() / segments;
        QRectF segment(bar.left() + i * w, bar.top(), w - 2, bar.height());
        QColor c = Theme::riskColor(i * 20 + 10);
        if (m_risk && (*m_risk < i * 20 || *m_risk >= (i + 1) * 20)
            && !(i == 4 && *m_risk >= 100)) {
            c.setAlpha(90);
        }
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawRoundedRect(segment, 3, 3);
    }
    if (m_risk) {
        const qreal x = bar.left() + bar.width() * (*m_risk / 100.0);
        QPainterPath marker;
        marker.moveTo(x, bar.top() - 1);
        marker.lineTo(x - 5, bar.top() - 8);
        marker.lineTo(x + 5, bar.top() - 8);
        marker.closeSubpath();
        p.fillPath(marker, palette().color(QPalette::WindowText));
    }
}

} // namespace Lakeguard::Widgets
