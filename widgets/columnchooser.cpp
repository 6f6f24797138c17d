// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "columnchooser.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QTableView>

namespace Lakeguard::Widgets {

ColumnChooser::ColumnChooser(QTableView *table, QList<int> kept)
    : QObject(table)
    , m_table(table)
    , m_kept(std::move(kept))
{
    QHeaderView *header = table->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint &at) {
        QMenu *menu = createMenu(header);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(header->mapToGlobal(at));
    });
}

QList<int> ColumnChooser::hiddenColumns() const
{
    QList<int> hidden;
    const QHeaderView *header = m_table->horizontalHeader();
    for (int c = 0; c < header->count(); ++c) {
        if (header->isSectionHidden(c)) {
            hidden << c;
        }
    }
    return hidden;
}

void ColumnChooser::setHiddenColumns(const QList<int> &columns)
{
    const int count = m_table->horizontalHeader()->count();
    for (int c = 0; c < count; ++c) {
        if (!m_kept.contains(c)) {
            m_table->horizontalHeader()->setSectionHidden(c, columns.contains(c));
        }
    }
    emit columnsChanged();
}

QMenu *ColumnChooser::createMenu(QWidget *parent) const
{
    auto *menu = new QMenu(parent);
    const QAbstractItemModel *model = m_table->model();
    const QHeaderView *header = m_table->horizontalHeader();
    for (int c = 0; c < header->count(); ++c) {
        QAction *a
            = menu->addAction(model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(c));
        a->setEnabled(!m_kept.contains(c));
        a->setData(c);
        auto *self = const_cast<ColumnChooser *>(this);
        connect(a, &QAction::toggled, self, [self, c](bool on) { self->setColumnShown(c, on); });
    }
    return menu;
}

void ColumnChooser::setColumnShown(int column, bool shown)
{
    if (m_kept.contains(column)) {
        return;
    }
    m_table->horizontalHeader()->setSectionHidden(column, !shown);
    emit columnsChanged();
}

} // namespace Lakeguard::Widgets
