// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>

namespace Lakeguard::Widgets {

// The application's icons, drawn as vector paths at any size. (Drawn in code rather than as SVG
// files: Debian's Qt 6 reads SVG only with libqt6svg6, which this build does not require.)
enum class NavIcon { Dashboard, Alerts, Incidents, Chains, Feeds, Application, Timeline, Replay };

QIcon navIcon(NavIcon which, const QColor &color);

} // namespace Lakeguard::Widgets
