// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "severity.h"
#include "storetypes.h"
#include "timeutil.h"

#include <QColor>
#include <QString>

class QApplication;
class QChart;
class QLocale;

// Colours, formats and the application look in one place, so every view speaks the same
// visual language (severity red means the same thing on every panel).
namespace Lakeguard::Widgets::Theme {

QColor severityColor(Core::Severity s);
QColor chainStateColor(const QString &state); // healthy, syncing, lagging, stalled, forked, mismatch, down
QString chainStateDisplayName(const QString &state);
QColor feedStateColor(Storage::FeedState s);
QString feedStateDisplayName(Storage::FeedState s);
QColor riskColor(double risk); // risk 0–100
QString riskBandName(double risk); // translated band word
// Text colour that stays readable on `background`.
QColor textOn(const QColor &background);

QColor accentColor();
QColor mutedTextColor();
// Text that reports a failure or a missed deadline, readable on the current mode's background.
QColor failureTextColor();
QColor panelBorderColor();
// Text drawn on a chart's background (legends, value labels) in the current mode.
QColor chartTextColor();

// Local time for display: locale's short date plus seconds.
QString formatLocalTime(Core::TimestampMs ms, const QLocale &locale);
// For narrow list columns: the local time with seconds when it falls on `reference`'s local
// date, else the short date and the time to the minute. Give the full time as the tooltip.
QString formatCompactTime(Core::TimestampMs ms, Core::TimestampMs reference, const QLocale &locale);
// "0x1234…abcd"; short strings unchanged.
QString shortHash(const QString &hash);
// A tooltip that shows untrusted `text` literally: tooltips auto-detect rich text, so the text
// is escaped inside an explicit rich-text paragraph (escaping alone would show "&amp;").
QString plainToolTip(const QString &text);
// Fusion, the current mode's palette and a CJK-capable font family list.
void applyApplicationLook(QApplication &app);

// Light (the default) or dark: a projector-friendly dark palette that presentation mode also
// uses. Colours above that depend on the background (muted text, borders, accent) follow it.
enum class Mode { Light, Dark };
Mode mode();
void applyMode(QApplication &app, Mode mode);
QString modeCode(Mode mode); // "light", "dark"
Mode modeFromCode(const QString &code); // anything unknown: Light
// Background, labels, grid, legend and the value labels of bar and pie series of a chart in the
// current mode's colours (call again after adding series or switching the mode).
void styleChart(QChart *chart);

} // namespace Lakeguard::Widgets::Theme
