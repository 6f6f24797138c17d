// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"

#include <QFrame>

class QLabel;

namespace Lakeguard::Widgets {

// One monitored chain node: its state as colour and word, height, head, block age, peers,
// latency and lag. Every value is plain text (node names and hashes come from outside).
class ChainNodeCard final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChainNodeCard)

public:
    enum Value {
        HeightValue,
        HeadValue,
        BlockAgeValue,
        PeersValue,
        LatencyValue,
        LagValue,
        ValueCount
    };

    explicit ChainNodeCard(QWidget *parent = nullptr);

    // `reference` is the time block ages are measured against (the newest observation).
    void setObservation(const Core::ChainObservation &observation, Core::TimestampMs reference);
    const Core::ChainObservation &observation() const { return m_observation; }

    QString chainText() const;
    QString nodeText() const;
    QString stateText() const;
    QString valueText(Value value) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    Core::ChainObservation m_observation;
    Core::TimestampMs m_reference = 0;
    bool m_hasObservation = false;
    QList<QLabel *> m_captions;
    QLabel *m_chain;
    QLabel *m_node;
    QLabel *m_state;
    QList<QLabel *> m_values;
};

} // namespace Lakeguard::Widgets
