// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerttableview.h"

#include "alerttablemodel.h"

#include <QCursor>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace Lakeguard::Widgets {

AlertTableView::AlertTableView(QWidget *parent)
    : QTableView(parent)
    , m_column(new QWidget)
    , m_bar(new QScrollBar(Qt::Vertical, m_column))
{
    auto *layout = new QVBoxLayout(m_column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_bar);
    m_column->hide();
    m_bar->setSingleStep(1);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &AlertTableView::onViewScrolled);
    connect(m_bar, &QScrollBar::valueChanged, this, &AlertTableView::onStoreBarMoved);
    // Dragging through millions of alerts: say where the drag is.
    connect(m_bar, &QScrollBar::sliderMoved, this,
        [this](int value) { QToolTip::showText(QCursor::pos(), positionText(value), m_bar); });
    retranslateUi();
}

void AlertTableView::retranslateUi()
{
    m_bar->setAccessibleName(tr("Position in all alerts"));
}

void AlertTableView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QTableView::changeEvent(event);
}

QString AlertTableView::positionText(qint64 row) const
{
    const qint64 total = m_model ? m_model->totalCount() : 0;
    return tr("Alert %1 of %2", "the store bar's tooltip while dragged")
        .arg(QLocale().toString(std::min(row + 1, total)), QLocale().toString(total));
}

// The column belongs to whoever laid it out; if nobody did, to us.
AlertTableView::~AlertTableView()
{
    if (!m_column->parent()) {
        delete m_column;
    }
}

QFrame *AlertTableView::wrapInFrame()
{
    auto *frame = new QFrame(parentWidget());
    frame->setFrameStyle(frameStyle());
    setFrameShape(QFrame::NoFrame);
    auto *layout = new QHBoxLayout(frame);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(this, 1);
    layout->addWidget(m_column);
    return frame;
}

void AlertTableView::setModel(QAbstractItemModel *model)
{
    if (m_model) {
        disconnect(m_model, nullptr, this, nullptr);
    }
    QTableView::setModel(model);
    m_model = qobject_cast<AlertTableModel *>(model);
    // Any other model has all its rows: the table's own bar serves it.
    setVerticalScrollBarPolicy(m_model ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    if (m_model) {
        connect(m_model, &AlertTableModel::countChanged, this, &AlertTableView::syncStoreBar);
        connect(m_model, &QAbstractItemModel::layoutChanged, this, &AlertTableView::syncStoreBar);
        connect(m_model, &QAbstractItemModel::modelReset, this, &AlertTableView::syncStoreBar);
        connect(m_model, &QAbstractItemModel::rowsInserted, this, &AlertTableView::syncStoreBar);
    }
    syncStoreBar();
}

int AlertTableView::rowPixels() const
{
    return std::max(verticalHeader()->defaultSectionSize(), 1);
}

int AlertTableView::visibleRows() const
{
    return std::max(viewport()->height() / rowPixels(), 1);
}

qint64 AlertTableView::topStoreRow() const
{
    const qint64 base = m_model ? m_model->windowStart() : 0;
    return base + verticalScrollBar()->value() / rowPixels();
}

void AlertTableView::keepInWindow(qint64 row)
{
    if (!m_model || m_model->maxWindowStart() == 0) {
        return; // the whole result fits in the window
    }
    const qint64 base = m_model->windowStart();
    const qint64 end = base + m_model->rowCount();
    const int margin = m_model->windowRows() / 4;
    const bool nearStart = row < base + margin && base > 0;
    const bool nearEnd = row + visibleRows() > end - margin && base < m_model->maxWindowStart();
    if (!nearStart && !nearEnd && row >= base && row < end) {
        return;
    }
    // Keep the viewport on its rows while the window moves under it.
    const qint64 top = topStoreRow();
    const int offset = verticalScrollBar()->value() % rowPixels();
    const qint64 start = m_model->setWindowStart(row - (m_model->windowRows() - visibleRows()) / 2);
    if (top >= start && top < start + m_model->rowCount()) {
        const QScopedValueRollback guard(m_syncing, true);
        verticalScrollBar()->setValue(int((top - start) * rowPixels() + offset));
    }
}

void AlertTableView::scrollToStoreRow(qint64 row, ScrollHint hint)
{
    if (!m_model || m_model->totalCount() == 0) {
        return;
    }
    row = std::clamp<qint64>(row, 0, m_model->totalCount() - 1);
    keepInWindow(row);
    const int modelRow = m_model->modelRowOf(row);
    if (modelRow >= 0) {
        scrollTo(m_model->index(modelRow, std::max(currentIndex().column(), 0)), hint);
    }
    syncStoreBar();
}

QModelIndex AlertTableView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    const bool toEnd = cursorAction == MoveEnd && (modifiers & Qt::ControlModifier);
    const bool toStart = cursorAction == MoveHome && (modifiers & Qt::ControlModifier);
    if (m_model && m_model->rowCount() > 0 && (toEnd || toStart)) {
        // The first or last alert of the whole result, not of the window.
        m_model->setWindowStart(toStart ? 0 : m_model->maxWindowStart());
        const int column = std::max(currentIndex().column(), 0);
        return m_model->index(toStart ? 0 : m_model->rowCount() - 1, column);
    }
    return QTableView::moveCursor(cursorAction, modifiers);
}

void AlertTableView::updateGeometries()
{
    QTableView::updateGeometries();
    const int headerHeight = horizontalHeader()->isHidden() ? 0 : horizontalHeader()->height();
    m_column->layout()->setContentsMargins(0, headerHeight, 0, 0);
    syncStoreBar();
}

void AlertTableView::onViewScrolled()
{
    if (m_syncing) {
        return;
    }
    keepInWindow(topStoreRow());
    syncStoreBar();
}

void AlertTableView::onStoreBarMoved(int value)
{
    if (m_syncing || !m_model) {
        return;
    }
    keepInWindow(value);
    const qint64 row = value - m_model->windowStart();
    const QScopedValueRollback guard(m_syncing, true);
    verticalScrollBar()->setValue(int(std::clamp<qint64>(
        row * rowPixels(), verticalScrollBar()->minimum(), verticalScrollBar()->maximum())));
}

void AlertTableView::syncStoreBar()
{
    const qint64 total = m_model ? m_model->totalCount() : 0;
    const int visible = visibleRows();
    const qint64 maximum = std::clamp<qint64>(total - visible, 0, std::numeric_limits<int>::max());
    const QSignalBlocker blocker(m_bar);
    m_bar->setRange(0, int(maximum));
    m_bar->setPageStep(visible);
    // At the very end the top row is cut off (the viewport is not a whole number of rows).
    const QScrollBar *inner = verticalScrollBar();
    const bool atEnd = m_model && inner->value() == inner->maximum()
        && m_model->windowStart() + m_model->rowCount() == total;
    m_bar->setValue(atEnd ? int(maximum) : int(std::min<qint64>(topStoreRow(), maximum)));
    if (m_column->parentWidget()) { // not a window of its own before it is laid out
        m_column->setVisible(maximum > 0);
    }
}

} // namespace Lakeguard::Widgets
