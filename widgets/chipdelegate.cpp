// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "chipdelegate.h"

#include "modelroles.h"
#include "theme.h"

#include <QApplication>
#include <QPainter>

namespace Lakeguard::Widgets {

namespace {
constexpr int kChipHPadding = 8;
constexpr int kChipVMargin = 3;
} // namespace

ChipDelegate::ChipDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

void ChipDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant colorValue = index.data(ChipColorRole);
    if (!colorValue.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }

    // Background (selection, alternate rows) from the style, without text.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QColor color = colorValue.value<QColor>();
    const QFontMetrics fm(opt.font);
    const QString shown
        = fm.elidedText(text, Qt::ElideRight, opt.rect.width() - 8 - 2 * kChipHPadding);
    const int chipWidth = fm.horizontalAdvance(shown) + 2 * kChipHPadding + 2;
    const QRect chip(opt.rect.left() + 4, opt.rect.top() + kChipVMargin, chipWidth,
        opt.rect.height() - 2 * kChipVMargin);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(chip, chip.height() / 2.0, chip.height() / 2.0);
    painter->setPen(Theme::textOn(color));
    painter->setFont(opt.font);
    painter->drawText(chip, Qt::AlignCenter | Qt::TextSingleLine, shown);
    painter->restore();
}

QSize ChipDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(ChipColorRole).isValid()) {
        size.rwidth() += 2 * kChipHPadding + 8;
    }
    return size;
}

} // namespace Lakeguard::Widgets
