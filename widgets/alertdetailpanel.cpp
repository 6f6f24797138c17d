// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertdetailpanel.h"

#include "textsupport.h"
#include "sensitivemask.h"

#include "theme.h"

#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedLayout>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

AlertDetailPanel::AlertDetailPanel(QWidget *parent)
    : QWidget(parent)
    , m_raw(new QPlainTextEdit(this))
    , m_placeholder(new QLabel(this))
    , m_content(new QWidget(this))
{
    auto *fields = new QWidget;
    auto *form = new QFormLayout(fields);
    form->setContentsMargins(12, 8, 12, 8);
    form->setHorizontalSpacing(14);
    form->setVerticalSpacing(5);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (int i = 0; i < FieldCount; ++i) {
        auto *caption = new QLabel(fields);
        m_captions.append(caption);
        caption->setTextFormat(Qt::PlainText);
        QPalette muted = caption->palette();
        muted.setColor(QPalette::WindowText, Theme::mutedTextColor());
        caption->setPalette(muted);
        auto *value = new QLabel(fields);
        value->setTextFormat(Qt::PlainText);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setWordWrap(i == TitleField || i == MessageField);
        value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        if (i == FingerprintField) {
            value->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        }
        form->addRow(caption, value);
        m_values.append(value);
    }
    QFont titleFont = m_values[TitleField]->font();
    titleFont.setWeight(QFont::DemiBold);
    m_values[TitleField]->setFont(titleFont);

    auto *scroll = new QScrollArea;
    m_fieldsScroll = scroll;
    scroll->setWidget(fields);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Wide enough for a UTC timestamp and a SHA-256 fingerprint on one line.
    scroll->setMinimumWidth(QFontMetrics(QFontDatabase::systemFont(QFontDatabase::FixedFont))
                                .horizontalAdvance(QString(64, u'0'))
        + 140);

    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *rawBox = new QWidget;
    auto *rawLayout = new QVBoxLayout(rawBox);
    rawLayout->setContentsMargins(8, 8, 8, 8);
    m_rawCaption = new QLabel(rawBox);
    m_rawCaption->setTextFormat(Qt::PlainText);
    QFont captionFont = m_rawCaption->font();
    captionFont.setWeight(QFont::DemiBold);
    m_rawCaption->setFont(captionFont);
    rawLayout->addWidget(m_rawCaption);
    rawLayout->addWidget(m_raw, 1);

    auto *split = new QSplitter(Qt::Horizontal, m_content);
    split->addWidget(scroll);
    split->addWidget(rawBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(split);

    m_placeholder->setTextFormat(Qt::PlainText);
    m_placeholder->setAlignment(Qt::AlignCenter);
    QPalette muted = m_placeholder->palette();
    muted.setColor(QPalette::WindowText, Theme::mutedTextColor());
    m_placeholder->setPalette(muted);

    auto *stack = new QStackedLayout(this);
    stack->addWidget(m_placeholder);
    stack->addWidget(m_content);
    retranslateUi();
    setAlert(std::nullopt);
}

void AlertDetailPanel::retranslateUi()
{
    const QStringList captions
        = { tr("ID"), tr("Event time"), tr("Received"), tr("Severity"), tr("Category"), tr("Feed"),
              tr("Source"), tr("Rule"), tr("Title"), tr("Message"), tr("Entity"), tr("Source IP"),
              tr("Dest IP", "destination IP address"), tr("Fingerprint"), tr("Incident"),
              tr("State", "lifecycle state the source reports, e.g. firing or resolved") };
    for (int i = 0; i < m_captions.size(); ++i) {
        m_captions[i]->setText(captions.value(i));
    }
    m_placeholder->setText(tr("Select an alert to see its details."));
    m_raw->setPlaceholderText(tr("No raw record"));
    m_rawCaption->setText(tr("Raw record"));
    m_rawCaption->setBuddy(m_raw);
    m_raw->setAccessibleName(tr("Raw record"));
    m_fieldsScroll->setAccessibleName(tr("Alert details"));
}

void AlertDetailPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        // Severity, category and times are shown in the interface language.
        const std::optional<Core::Alert> shown = m_alert;
        setAlert(shown);
    }
    QWidget::changeEvent(event);
}

void AlertDetailPanel::setAlert(const std::optional<Core::Alert> &alert)
{
    m_alert = alert;
    auto *stack = static_cast<QStackedLayout *>(layout());
    if (!alert) {
        stack->setCurrentWidget(m_placeholder);
        for (QLabel *label : std::as_const(m_values)) {
            label->clear();
        }
        m_raw->clear();
        return;
    }
    stack->setCurrentWidget(m_content);
    const QLocale locale;
    const Core::Alert &a = *alert;
    const auto timeText = [&locale](Core::TimestampMs ms) {
        return tr("%1 (UTC %2)")
            .arg(Theme::formatLocalTime(ms, locale), Core::formatIsoTimestamp(ms));
    };
    // An id is an identifier, not a quantity: no digit grouping (it is typed into the CLI).
    m_values[IdField]->setText(QString::number(a.id.value));
    m_values[TimeField]->setText(timeText(a.ts));
    m_values[ReceivedField]->setText(a.received > 0 ? timeText(a.received) : QString());
    m_values[SeverityField]->setText(Core::severityDisplayName(a.severity));
    QPalette severityPalette = m_values[SeverityField]->palette();
    severityPalette.setColor(QPalette::WindowText, Theme::severityColor(a.severity).darker(110));
    m_values[SeverityField]->setPalette(severityPalette);
    m_values[CategoryField]->setText(Core::categoryDisplayName(a.category));
    // Untrusted text: plain-text labels, control and bidi formatting characters made visible;
    // presentation mode masks card numbers, accounts and secrets (SensitiveMask).
    m_values[FeedField]->setText(Core::displayText(a.feed));
    m_values[SourceField]->setText(Core::displayText(a.source));
    m_values[RuleField]->setText(Core::displayText(a.rule));
    m_values[TitleField]->setText(Core::displayText(SensitiveMask::apply(a.title)));
    m_values[MessageField]->setText(Core::displayText(SensitiveMask::apply(a.message), true));
    m_values[EntityField]->setText(Core::displayText(SensitiveMask::apply(a.entity)));
    m_values[SourceIpField]->setText(Core::displayText(a.srcIp));
    m_values[DestIpField]->setText(Core::displayText(a.dstIp));
    m_values[FingerprintField]->setText(QString::fromLatin1(a.fingerprint.toHex()));
    m_values[IncidentField]->setText(
        a.incident ? locale.toString(a.incident->value) : tr("none", "no incident"));
    // The source's own word (firing, resolved, active), as it sent it, and since when.
    m_values[StateField]->setText(a.state.isEmpty()
            ? tr("not reported", "the source reports no lifecycle state")
            : tr("%1 since %2").arg(Core::displayText(a.state), timeText(a.stateSince)));
    m_raw->setPlainText(Core::displayText(SensitiveMask::apply(prettyRaw(a.raw)), true));
}

std::optional<Core::AlertId> AlertDetailPanel::alertId() const
{
    if (m_alert) {
        return m_alert->id;
    }
    return std::nullopt;
}

QString AlertDetailPanel::rawText() const
{
    return m_raw->toPlainText();
}

QString AlertDetailPanel::prettyRaw(const QByteArray &raw)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
    if (error.error == QJsonParseError::NoError && !doc.isNull()) {
        return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
    }
    return QString::fromUtf8(raw);
}

} // namespace Lakeguard::Widgets
