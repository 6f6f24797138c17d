// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QChartView;

namespace Lakeguard::Widgets {

// Qt Charts 6.4 lays out a chart's axis labels for the size its view has when the data or the
// range comes. Labels it elided to "…" or dropped while the view was tiny (a page not yet shown)
// stay that way after the view grows: the Chains page opened after its data came showed heights
// as "…" and no time axis. After each resize of `view`, once the layout has settled, its axes'
// labels are laid out again.
void keepAxisLabels(QChartView *view);

} // namespace Lakeguard::Widgets
