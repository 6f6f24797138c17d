// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;

namespace Lakeguard::Widgets {

// Every field of one alert as a form, plus the raw source record pretty-printed. All alert text
// is untrusted: every label is Qt::PlainText and the raw record sits in a QPlainTextEdit.
class AlertDetailPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertDetailPanel)

public:
    enum Field {
        IdField,
        TimeField,
        ReceivedField,
        SeverityField,
        CategoryField,
        FeedField,
        SourceField,
        RuleField,
        TitleField,
        MessageField,
        EntityField,
        SourceIpField,
        DestIpField,
        FingerprintField,
        IncidentField,
        StateField,
        FieldCount
    };

    explicit AlertDetailPanel(QWidget *parent = nullptr);

    void setAlert(const std::optional<Core::Alert> &alert);
    std::optional<Core::AlertId> alertId() const;
    QLabel *fieldLabel(Field field) const { return m_values.at(field); }
    QString rawText() const;

    // The raw record as the panel shows it: indented JSON when it parses, else the text itself.
    static QString prettyRaw(const QByteArray &raw);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QList<QLabel *> m_captions;
    QLabel *m_rawCaption = nullptr;
    QList<QLabel *> m_values;
    QPlainTextEdit *m_raw;
    QWidget *m_fieldsScroll = nullptr;
    QLabel *m_placeholder;
    QWidget *m_content;
    std::optional<Core::Alert> m_alert;
};

} // namespace Lakeguard::Widgets
