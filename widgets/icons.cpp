// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "icons.h"

#include <QFile>
#include <QGuiApplication>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmapCache>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets::Icons {

namespace {

// The SVG text of each icon, read once from the resources (GUI thread only, like all icons).
const QByteArray &svgSource(Icon which)
{
    static QHash<int, QByteArray> cache;
    auto it = cache.find(int(which));
    if (it == cache.end()) {
        QFile file(fileName(which));
        it = cache.insert(
            int(which), file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray());
    }
    return *it;
}

QPixmap renderPixmap(Icon which, const QColor &color, QSize size, qreal dpr)
{
    const QByteArray &source = svgSource(which);
    if (source.isEmpty() || size.isEmpty()) {
        return {};
    }
    const QString key = u"lakeguard-icon-%1-%2-%3x%4@%5"_s.arg(int(which))
                            .arg(color.name(QColor::HexArgb))
                            .arg(size.width())
                            .arg(size.height())
                            .arg(dpr);
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap)) {
        return pixmap;
    }
    // The files draw in currentColor; Qt SVG 6.4 has no notion of a current colour, so the
    // colour goes into the text before parsing.
    QByteArray text = source;
    text.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
    QSvgRenderer renderer(text);
    if (!renderer.isValid()) {
        return {};
    }
    pixmap = QPixmap(size * dpr);
    pixmap.fill(Qt::transparent);
    {
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setOpacity(color.alphaF());
        renderer.render(&p, QRectF(QPointF(0, 0), QSizeF(size * dpr)));
    }
    pixmap.setDevicePixelRatio(dpr);
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

// Renders on demand at the requested size and scale instead of scaling a stored pixmap.
class SvgIconEngine final : public QIconEngine
{
public:
    SvgIconEngine(Icon which, QColor color)
        : m_icon(which)
        , m_color(color)
    { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        painter->drawPixmap(rect, scaledPixmap(rect.size(), mode, state, dpr));
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(
        const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        Q_UNUSED(state)
        return renderPixmap(m_icon, colorFor(mode), size, scale);
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override
    {
        const int side = std::min(size.width(), size.height());
        return QSize(side, side);
    }

    QList<QSize> availableSizes(QIcon::Mode, QIcon::State) override
    {
        return { QSize(16, 16), QSize(24, 24), QSize(32, 32), QSize(48, 48), QSize(64, 64) };
    }

    QString key() const override { return u"lakeguard-svg"_s; }
    QIconEngine *clone() const override { return new SvgIconEngine(m_icon, m_color); }
    bool isNull() override { return svgSource(m_icon).isEmpty(); }

private:
    QColor colorFor(QIcon::Mode mode) const
    {
        const QPalette palette = QGuiApplication::palette();
        if (mode == QIcon::Disabled) {
            return palette.color(QPalette::Disabled, QPalette::WindowText);
        }
        if (mode == QIcon::Selected) {
            return palette.color(QPalette::HighlightedText);
        }
        return m_color.isValid() ? m_color : palette.color(QPalette::WindowText);
    }

    Icon m_icon;
    QColor m_color;
};

} // namespace

QString fileName(Icon which)
{
    static const char *const names[] = { "dashboard", "alerts", "incidents", "chains", "feeds",
        "timeline", "replay", "present", "refresh", "export", "quit", "about", "language", "theme",
        "zoom-in", "zoom-out", "zoom-fit", "verified", "verifying", "verify-failed" };
    static_assert(std::size(names) == size_t(Icon::VerifyFailed) + 1);
    return u":/icons/"_s + QLatin1StringView(names[int(which)]) + u".svg"_s;
}

QIcon icon(Icon which, const QColor &color)
{
    return QIcon(new SvgIconEngine(which, color));
}

QPixmap render(Icon which, const QColor &color, QSize size, qreal devicePixelRatio)
{
    return renderPixmap(which, color, size, devicePixelRatio);
}

} // namespace Lakeguard::Widgets::Icons
