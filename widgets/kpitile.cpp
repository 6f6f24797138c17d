// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "kpitile.h"

#include "theme.h"

#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

KpiTile::KpiTile(const QString &caption, QWidget *parent)
    : QFrame(parent)
    , m_caption(new QLabel(caption, this))
    , m_value(new QLabel(u"–"_s, this))
    , m_detail(new QLabel(this))
{
    setObjectName(u"kpiTile"_s);
    setFrameShape(QFrame::StyledPanel);
    setAccent(Theme::accentColor());
    for (QLabel *label : { m_caption, m_value, m_detail }) {
        label->setTextFormat(Qt::PlainText);
    }
    QFont captionFont = m_caption->font();
    captionFont.setPointSizeF(captionFont.pointSizeF() * 0.95);
    m_caption->setFont(captionFont);
    QPalette muted = m_caption->palette();
    muted.setColor(QPalette::WindowText, Theme::mutedTextColor());
    m_caption->setPalette(muted);
    m_detail->setPalette(muted);

    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 2.1);
    valueFont.setWeight(QFont::DemiBold);
    m_value->setFont(valueFont);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 10, 16, 10);
    layout->setSpacing(2);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    layout->addStretch();
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void KpiTile::setCaption(const QString &caption)
{
    m_caption->setText(caption);
}

void KpiTile::setValue(const QString &value)
{
    m_value->setText(value);
}

void KpiTile::setAccent(const QColor &color)
{
    setStyleSheet(u"QFrame#kpiTile { background: palette(base); border: 1px solid %1;"
                  " border-left: 4px solid %2; border-radius: 6px; }"_s.arg(
                      Theme::panelBorderColor().name(), color.name()));
}

void KpiTile::setDetail(const QString &detail)
{
    m_detail->setText(detail);
}

QString KpiTile::value() const
{
    return m_value->text();
}

} // namespace Lakeguard::Widgets
