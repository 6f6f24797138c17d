// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Qt>

namespace Lakeguard::Widgets {

// Custom roles shared by the models: raw values for sorting and tests, and the chip colour the
// ChipDelegate paints (STYLE.md 14: models expose raw values in a custom role).
enum ModelRole : int {
    RawValueRole = Qt::UserRole + 1, // the unformatted value of a cell (number, ms, enum int)
    ChipColorRole, // QColor: draw the cell as a coloured chip
    AlertIdRole, // qint64 alert id
    TimestampRole, // qint64 event time, UTC ms
    SeverityRole, // int Core::Severity
    AlertRole, // the whole Core::Alert
    LoadedRole, // bool: false while the row is a placeholder
};

} // namespace Lakeguard::Widgets
