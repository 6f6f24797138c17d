// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "chainnodecard.h"

#include "textsupport.h"
#include "theme.h"

#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

ChainNodeCard::ChainNodeCard(QWidget *parent)
    : QFrame(parent)
    , m_chain(new QLabel(this))
    , m_node(new QLabel(this))
    , m_state(new QLabel(this))
{
    setObjectName(u"chainNodeCard"_s);
    for (QLabel *label : { m_chain, m_node, m_state }) {
        label->setTextFormat(Qt::PlainText);
    }
    QPalette muted = m_chain->palette();
    muted.setColor(QPalette::WindowText, Theme::mutedTextColor());
    m_chain->setPalette(muted);
    QFont nodeFont = m_node->font();
    nodeFont.setPointSizeF(nodeFont.pointSizeF() * 1.25);
    nodeFont.setWeight(QFont::DemiBold);
    m_node->setFont(nodeFont);
    m_node->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont stateFont = m_state->font();
    stateFont.setWeight(QFont::DemiBold);
    m_state->setFont(stateFont);
    m_state->setAlignment(Qt::AlignCenter);
    m_state->setObjectName(u"chainState"_s);

    auto *top = new QHBoxLayout;
    auto *names = new QVBoxLayout;
    names->setSpacing(0);
    names->addWidget(m_chain);
    names->addWidget(m_node);
    top->addLayout(names, 1);
    top->addWidget(m_state, 0, Qt::AlignTop);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(2);
    for (int i = 0; i < ValueCount; ++i) {
        auto *caption = new QLabel(this);
        m_captions.append(caption);
        caption->setTextFormat(Qt::PlainText);
        caption->setPalette(muted);
        auto *value = new QLabel(this);
        value->setTextFormat(Qt::PlainText);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        if (i == HeadValue) {
            value->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        }
        const int row = (i / 3) * 2;
        const int column = i % 3;
        grid->addWidget(caption, row, column);
        grid->addWidget(value, row + 1, column);
        m_values.append(value);
    }
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(2, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(top);
    layout->addLayout(grid);
    setMinimumWidth(300);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    retranslateUi();
}

void ChainNodeCard::retranslateUi()
{
    const QStringList captions = { tr("Height"), tr("Head"), tr("Block age"), tr("Peers"),
        tr("Latency"), tr("Lag (blocks)") };
    for (int i = 0; i < m_captions.size(); ++i) {
        m_captions[i]->setText(captions.value(i));
    }
}

void ChainNodeCard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        if (m_hasObservation) {
            const Core::ChainObservation shown = m_observation;
            setObservation(shown, m_reference);
        }
    }
    QFrame::changeEvent(event);
}

void ChainNodeCard::setObservation(
    const Core::ChainObservation &observation, Core::TimestampMs reference)
{
    m_observation = observation;
    m_reference = reference;
    m_hasObservation = true;
    const QLocale locale;
    const QColor color = Theme::chainStateColor(observation.state);

    // Chain and node names come from FEEDS.json or a peer; the error quotes what a node said.
    m_chain->setText(Core::displayText(observation.chain));
    m_node->setText(Core::displayText(observation.node));
    m_node->setToolTip(Theme::plainToolTip(Core::displayText(observation.node)));
    m_state->setText(Theme::chainStateDisplayName(observation.state));
    m_state->setToolTip(observation.error.isEmpty()
            ? QString()
            : Theme::plainToolTip(Core::displayText(observation.error, true)));
    m_state->setStyleSheet(
        u"QLabel#chainState { background: %1; color: %2; border-radius: 9px;"
        " padding: 2px 10px; }"_s.arg(color.name(), Theme::textOn(color).name()));
    setStyleSheet(u"QFrame#chainNodeCard { background: palette(base); border: 1px solid %1;"
                  " border-top: 4px solid %2; border-radius: 6px; }"_s.arg(
                      Theme::panelBorderColor().name(), color.name()));

    m_values[HeightValue]->setText(observation.height >= 0 ? locale.toString(observation.height)
                                                           : tr("unknown", "block height"));
    m_values[HeadValue]->setText(observation.headHash.isEmpty()
            ? tr("unknown", "block hash")
            : Core::displayText(Theme::shortHash(observation.headHash)));
    m_values[HeadValue]->setToolTip(Theme::plainToolTip(Core::displayText(observation.headHash)));
    if (observation.blockTime > 0) {
        const qint64 ageS = std::max<qint64>(0, (reference - observation.blockTime) / 1000);
        m_values[BlockAgeValue]->setText(
            tr("%1 s", "block age in seconds").arg(locale.toString(ageS)));
    } else {
        m_values[BlockAgeValue]->setText(tr("unknown", "block age"));
    }
    m_values[PeersValue]->setText(observation.peers >= 0 ? locale.toString(observation.peers)
                                                         : tr("n/a", "peer count not reported"));
    m_values[LatencyValue]->setText(observation.latencyMs >= 0
            ? tr("%1 ms").arg(locale.toString(observation.latencyMs))
            : tr("n/a", "latency not measured"));
    QString lag = locale.toString(observation.lag);
    if (observation.syncing) {
        lag = tr("%1, syncing").arg(lag);
    }
    m_values[LagValue]->setText(lag);
}

QString ChainNodeCard::chainText() const
{
    return m_chain->text();
}

QString ChainNodeCard::nodeText() const
{
    return m_node->text();
}

QString ChainNodeCard::stateText() const
{
    return m_state->text();
}

QString ChainNodeCard::valueText(Value value) const
{
    return m_values.at(value)->text();
}

} // namespace Lakeguard::Widgets
