// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "textcelldelegate.h"

#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using Lakeguard::Widgets::TextCellDelegate;

// The cell painter of the alert table: what it paints, and that it paints alert text as text.
class tst_TextCellDelegate : public QObject
{
    Q_OBJECT

private slots:
    void markupIsShownAsText();
    void longTextStaysInItsCell();
    void selectedCellUsesTheSelectionColours();
    void layoutsAreCachedAndBounded();

private:
    static constexpr int kCellWidth = 300;
    static constexpr int kCellHeight = 26;
    // Paints `text` in a cell of a real table (its style and palette) into an image.
    QImage paintCell(const QString &text, int width = kCellWidth, bool selected = false);
    // The columns holding a pixel other than the image's top-left one (the background).
    static std::pair<int, int> inkColumns(const QImage &image);

    QTableView m_view;
    QStandardItemModel m_model { 1, 1 };
    TextCellDelegate *m_delegate = new TextCellDelegate(&m_view);
};

QImage tst_TextCellDelegate::paintCell(const QString &text, int width, bool selected)
{
    m_view.setModel(&m_model);
    m_model.setItem(0, 0, new QStandardItem(text));
    QStyleOptionViewItem option;
    option.initFrom(&m_view);
    option.widget = &m_view;
    option.rect = QRect(0, 0, width, kCellHeight);
    option.font = m_view.font();
    option.fontMetrics = QFontMetrics(option.font);
    option.textElideMode = Qt::ElideRight;
    option.displayAlignment = Qt::AlignLeft | Qt::AlignVCenter;
    option.state |= QStyle::State_Enabled | QStyle::State_Active;
    if (selected) {
        option.state |= QStyle::State_Selected;
        option.showDecorationSelected = true;
    }
    // Wider than the cell: anything painted beyond it shows.
    QImage image(width + 40, kCellHeight, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    m_delegate->paint(&painter, option, m_model.index(0, 0));
    return image;
}

std::pair<int, int> tst_TextCellDelegate::inkColumns(const QImage &image)
{
    const QRgb background = image.pixel(0, 0);
    int first = -1;
    int last = -1;
    for (int x = 0; x < image.width(); ++x) {
        for (int y = 0; y < image.height(); ++y) {
            if (image.pixel(x, y) != background) {
                first = first < 0 ? x : first;
                last = x;
                break;
            }
        }
    }
    return { first, last };
}

void tst_TextCellDelegate::markupIsShownAsText()
{
    // Rich text would show one bold "x"; plain text shows all eight characters.
    const auto [markupFirst, markupLast] = inkColumns(paintCell(u"<b>x</b>"_s));
    const auto [plainFirst, plainLast] = inkColumns(paintCell(u"x"_s));
    QVERIFY(markupFirst >= 0 && plainFirst >= 0);
    const int markupWidth = markupLast - markupFirst;
    const int plainWidth = plainLast - plainFirst;
    const QFontMetrics fm(m_view.font());
    QVERIFY2(markupWidth > plainWidth + fm.horizontalAdvance(u"<b></b>"_s) / 2,
        qPrintable(u"%1 vs %2"_s.arg(markupWidth).arg(plainWidth)));
}

void tst_TextCellDelegate::longTextStaysInItsCell()
{
    const QString longText
        = u"LG Online banking login failure burst from 203.0.113.56 "_s.repeated(4);
    const QImage image = paintCell(longText, 120);
    const auto [first, last] = inkColumns(image);
    QVERIFY(first >= 0);
    QVERIFY2(last < 120, qPrintable(QString::number(last)));
    // Elided, not cut: the ellipsis takes the place of the rest.
    QVERIFY(last > 60);
}

void tst_TextCellDelegate::selectedCellUsesTheSelectionColours()
{
    const QImage image = paintCell(u"selected"_s, kCellWidth, true);
    const QColor highlight = m_view.palette().color(QPalette::Active, QPalette::Highlight);
    // The background right of the text is the selection colour.
    QCOMPARE(QColor(image.pixel(kCellWidth - 5, kCellHeight / 2)).rgb(), highlight.rgb());
}

void tst_TextCellDelegate::layoutsAreCachedAndBounded()
{
    // A fresh delegate for the counts; the member is put back at the end.
    TextCellDelegate fresh;
    TextCellDelegate *saved = m_delegate;
    m_delegate = &fresh;
    paintCell(u"one"_s);
    paintCell(u"one"_s);
    QCOMPARE(fresh.cachedTextCount(), 1);
    paintCell(u"one"_s, 200); // another width: another layout
    QCOMPARE(fresh.cachedTextCount(), 2);
    for (int i = 0; i < TextCellDelegate::kMaxCachedTexts + 10; ++i) {
        paintCell(QString::number(i));
    }
    QVERIFY(fresh.cachedTextCount() <= TextCellDelegate::kMaxCachedTexts);
    QVERIFY(fresh.cachedTextCount() > 0);
    m_delegate = saved;
}

QTEST_MAIN(tst_TextCellDelegate)
#include "tst_textcelldelegate.moc"
