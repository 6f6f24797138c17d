// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <optional>

namespace Lakeguard::Widgets {

// The global risk figure: a big 0–100 number in its band's colour, the band's name, and the
// colour band itself with a marker where the figure sits.
class RiskGauge final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RiskGauge)

public:
    explicit RiskGauge(QWidget *parent = nullptr);

    void setRisk(std::optional<double> risk); // nullopt: no data yet
    std::optional<double> risk() const { return m_risk; }
    QString text() const; // what the figure reads, e.g. "72"

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    int contentHeight() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    std::optional<double> m_risk;
};

} // namespace Lakeguard::Widgets
