// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "textcelldelegate.h"

#include <QApplication>
#include <QPainter>

namespace Lakeguard::Widgets {

TextCellDelegate::TextCellDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

TextCellDelegate::~TextCellDelegate() = default;

const QStaticText &TextCellDelegate::layoutFor(const Key &key, const QFontMetrics &metrics) const
{
    auto it = m_cache.find(key);
    if (it != m_cache.end()) {
        return *it;
    }
    if (m_cache.size() >= kMaxCachedTexts) {
        m_cache.clear(); // a whole screen is ~150 cells: clearing now and then is cheap enough
    }
    // Alert fields are untrusted: plain text always, never Qt's rich-text guess.
    QStaticText text(metrics.elidedText(key.text, Qt::TextElideMode(key.elideMode), key.width));
    text.setTextFormat(Qt::PlainText);
    return *m_cache.insert(key, text);
}

void TextCellDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (!opt.icon.isNull() || (opt.features & QStyleOptionViewItem::HasCheckIndicator)) {
        QStyledItemDelegate::paint(painter, option, index); // not a plain text cell
        return;
    }
    // Background, selection and focus from the style, without the text.
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (text.isEmpty()) {
        return;
    }

    // The margins and colours QCommonStyle uses for item text.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect rect = opt.rect.adjusted(margin, 0, -margin, 0);
    if (rect.width() <= 0) {
        return;
    }
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
        : !(opt.state & QStyle::State_Active)                               ? QPalette::Inactive
                                                                            : QPalette::Normal;
    const QPalette::ColorRole role
        = (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text;

    const QStaticText &laidOut
        = layoutFor({ text, opt.font, rect.width(), int(opt.textElideMode) }, opt.fontMetrics);
    const QSizeF size = laidOut.size();
    const Qt::Alignment align = QStyle::visualAlignment(opt.direction, opt.displayAlignment);
    qreal x = rect.left();
    if (align & Qt::AlignRight) {
        x = rect.right() + 1 - size.width();
    } else if (align & Qt::AlignHCenter) {
        x = rect.left() + (rect.width() - size.width()) / 2;
    }
    qreal y = rect.top() + (rect.height() - size.height()) / 2;
    if (align & Qt::AlignTop) {
        y = rect.top();
    } else if (align & Qt::AlignBottom) {
        y = rect.bottom() + 1 - size.height();
    }

    painter->save();
    painter->setPen(opt.palette.color(group, role));
    painter->setFont(opt.font);
    painter->drawStaticText(QPointF(x, y), laidOut);
    painter->restore();
}

} // namespace Lakeguard::Widgets
