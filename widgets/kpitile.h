// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;

namespace Lakeguard::Widgets {

// A key figure: a small caption over a large number, with an optional accent colour stripe.
class KpiTile final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KpiTile)

public:
    explicit KpiTile(const QString &caption, QWidget *parent = nullptr);

    void setCaption(const QString &caption);
    void setValue(const QString &value);
    void setAccent(const QColor &color);
    void setDetail(const QString &detail);
    QString value() const;

private:
    QLabel *m_caption;
    QLabel *m_value;
    QLabel *m_detail;
};

} // namespace Lakeguard::Widgets
