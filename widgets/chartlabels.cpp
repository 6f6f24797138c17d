// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartlabels.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QPointer>
#include <QTimer>

namespace Lakeguard::Widgets {

namespace {

class AxisLabelKeeper final : public QObject
{
public:
    explicit AxisLabelKeeper(QChartView *view)
        : QObject(view)
        , m_view(view)
    { }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_view && event->type() == QEvent::Resize && !m_pending) {
            m_pending = true;
            QTimer::singleShot(0, this, [this] {
                m_pending = false;
                if (!m_view || !m_view->chart()) {
                    return;
                }
                const auto axes = m_view->chart()->axes();
                for (QAbstractAxis *axis : axes) {
                    if (axis->labelsVisible()) {
                        axis->setLabelsVisible(false);
                        axis->setLabelsVisible(true);
                    }
                }
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QPointer<QChartView> m_view;
    bool m_pending = false;
};

} // namespace

void keepAxisLabels(QChartView *view)
{
    view->installEventFilter(new AxisLabelKeeper(view));
}

} // namespace Lakeguard::Widgets
