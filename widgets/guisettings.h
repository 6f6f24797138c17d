// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Lakeguard::Widgets {

// The GUI's persisted settings, typed, with their keys and defaults in one place (STYLE.md 16).
// Stored with QSettings("Lakeguard", "lakeguard"); tests enable QStandardPaths test mode.
class GuiSettings final
{
public:
    static QByteArray windowGeometry();
    static void setWindowGeometry(const QByteArray &geometry);
    static QByteArray windowState();
    static void setWindowState(const QByteArray &state);
    static int lastView(); // 0 (Dashboard) by default
    static void setLastView(int view);
    static QByteArray alertsSplitterState();
    static void setAlertsSplitterState(const QByteArray &state);
    static QByteArray incidentsSplitterState();
    static void setIncidentsSplitterState(const QByteArray &state);
    // Columns hidden from a list's header menu (ColumnChooser), by column number; `list` is
    // "alerts" or "incidents". None by default.
    static QList<int> hiddenColumns(const QString &list);
    static void setHiddenColumns(const QString &list, const QList<int> &columns);
    static QString language(); // "en", "zh_CN"; empty (the default) follows the system
    static void setLanguage(const QString &code);
    static QString theme(); // "light" (the default) or "dark" (View ▸ Theme)
    static void setTheme(const QString &code);
};

} // namespace Lakeguard::Widgets
