// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QIcon>

namespace Lakeguard::Widgets::Icons {

// The application's line icons: 24×24 SVG files under resources/icons/ (stroke
// "currentColor"), compiled in as :/icons/<name>.svg.
enum class Icon {
    Dashboard,
    Alerts,
    Incidents,
    Chains,
    Feeds,
    Timeline,
    Replay,
    Present,
    Refresh,
    Export,
    Quit,
    About,
    Language,
    Theme,
    ZoomIn,
    ZoomOut,
    ZoomFit,
    Verified,
    Verifying,
    VerifyFailed,
};

QString fileName(Icon icon); // ":/icons/dashboard.svg"

// The icon drawn from its SVG at every requested size and device pixel ratio (crisp at HiDPI).
// Without `color` it takes the application palette's colours when painted (WindowText; the
// disabled and selected variants from the palette too), so it follows a theme switch; with one,
// that colour is used for the normal and active modes.
QIcon icon(Icon icon, const QColor &color = {});

// The SVG rendered at `size` device-independent pixels × `devicePixelRatio`, in `color`;
// a null pixmap when the file is missing or invalid. For tests and custom painting.
QPixmap render(Icon icon, const QColor &color, QSize size, qreal devicePixelRatio = 1.0);

} // namespace Lakeguard::Widgets::Icons
