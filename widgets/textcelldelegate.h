// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace Lakeguard::Widgets {

// Paints a table cell's text as one elided line of plain text, from a cache of laid-out text
// (QStaticText). The style still paints the background, selection and focus. Qt's own delegate
// lays the text out twice on every paint (QCommonStyle's viewItemSize and viewItemDrawText),
// which was most of a repaint of the alert table: rows that only moved (a live insert at the
// top) or were painted before now cost a cache lookup.
class TextCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TextCellDelegate)

public:
    static constexpr int kMaxCachedTexts = 4096;

    explicit TextCellDelegate(QObject *parent = nullptr);
    ~TextCellDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;

    int cachedTextCount() const { return int(m_cache.size()); }

private:
    struct Key
    {
        QString text;
        QFont font;
        int width = 0;
        int elideMode = 0;
        friend bool operator==(const Key &a, const Key &b)
        {
            return a.width == b.width && a.elideMode == b.elideMode && a.text == b.text
                && a.font == b.font;
        }
        friend size_t qHash(const Key &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.text, key.font, key.width, key.elideMode);
        }
    };

    const QStaticText &layoutFor(const Key &key, const QFontMetrics &metrics) const;

    mutable QHash<Key, QStaticText> m_cache;
};

} // namespace Lakeguard::Widgets
