// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>

class QMenu;
class QTableView;

namespace Lakeguard::Widgets {

// Right-clicking a table's header offers every column as a check box, as mail and torrent clients
// do: an officer on a narrow screen hides what they do not triage by, and the view gives the room
// to the column that stretches. `kept` columns (the title, the id) cannot be hidden. The choice is
// the caller's to persist (hiddenColumns / setHiddenColumns; GuiSettings::hiddenColumns).
class ColumnChooser final : public QObject
{
    Q_OBJECT

public:
    ColumnChooser(QTableView *table, QList<int> kept);

    QList<int> hiddenColumns() const;
    // Unknown and kept columns are ignored.
    void setHiddenColumns(const QList<int> &columns);
    // The menu the header shows, with the current language's column names; the caller owns it.
    QMenu *createMenu(QWidget *parent) const;

signals:
    void columnsChanged();

private:
    void setColumnShown(int column, bool shown);

    QTableView *m_table;
    QList<int> m_kept;
};

} // namespace Lakeguard::Widgets
