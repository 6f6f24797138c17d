// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QTableView>

class QFrame;
class QScrollBar;

namespace Lakeguard::Widgets {

class AlertTableModel;

// The alert table over an AlertTableModel's window. The view's own vertical scroll bar moves
// inside the window and stays hidden; storeScrollBar() covers the filter's whole result (one
// step per alert) and is what the user sees. Scrolling near either end of the window, dragging
// the store bar, Ctrl+Home and Ctrl+End move the window so the rows around the view stay in it.
// storeScrollColumn() holds the bar, aligned below the header; wrapInFrame() lays both out in
// one frame, as a table with its own bar looks.
class AlertTableView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertTableView)

public:
    explicit AlertTableView(QWidget *parent = nullptr);
    ~AlertTableView() override;

    // Must be an AlertTableModel (any other model gets a plain table).
    void setModel(QAbstractItemModel *model) override;

    QScrollBar *storeScrollBar() const { return m_bar; }
    QWidget *storeScrollColumn() const { return m_column; }
    // A new frame (child of the table's parent, with the table's frame style) holding the table
    // and its store bar: add that to a layout instead of the table.
    QFrame *wrapInFrame();

    // The store row at the top of the viewport.
    qint64 topStoreRow() const;
    // What the store bar's tooltip says while it is dragged to `row`.
    QString positionText(qint64 row) const;
    // Moves the window as needed and scrolls so store row `row` shows as `hint` says.
    void scrollToStoreRow(qint64 row, ScrollHint hint = PositionAtTop);

protected:
    void changeEvent(QEvent *event) override;
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    void updateGeometries() override;

private:
    void retranslateUi();
    int rowPixels() const;
    int visibleRows() const;
    // Centres the window on store row `row` when that row is within a quarter window of an end
    // the window can move past (or outside it). Keeps the viewport on the same rows.
    void keepInWindow(qint64 row);
    void onViewScrolled();
    void onStoreBarMoved(int value);
    void syncStoreBar();

    // Guarded: a model destroyed before the view must not be used by its last repaints.
    QPointer<AlertTableModel> m_model;
    QWidget *m_column;
    QScrollBar *m_bar;
    bool m_syncing = false;
};

} // namespace Lakeguard::Widgets
