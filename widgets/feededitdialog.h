// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feedconfig.h"

#include <QDialog>
#include <QHash>
#include <QJsonObject>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Lakeguard::Feeds {
class FeedProbe;
}

namespace Lakeguard::Widgets {

// Adds or edits one feed of FEEDS.json. The form follows the feed type's keys (the list that
// validates the file), so whatever the editor writes is what the file format allows; the whole
// configuration is validated before the dialog accepts, and the error names the key. Secrets are
// never typed here: `token_env` and `hmac_secret_env` name environment variables.
class FeedEditDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FeedEditDialog)

public:
    // `others`: the other feeds of the file (their ids must stay unique). `feed` is empty to add.
    FeedEditDialog(const QList<Feeds::FeedConfig> &others, const QJsonObject &feed,
                   QWidget *parent = nullptr);
    ~FeedEditDialog() override;

    // The feed as edited (valid once accepted).
    QJsonObject feed() const;
    QString errorText() const;
    QLineEdit *idEdit() const { return m_id; }
    QComboBox *typeBox() const { return m_type; }
    // The editor of a type-specific key (a QLineEdit, QCheckBox or QPlainTextEdit), or nullptr.
    QWidget *editorFor(const QString &key) const { return m_editors.value(key); }

public slots:
    void accept() override;
    void testConnection();

signals:
    void tested(bool ok, const QString &report);

private:
    void rebuildFields();
    // The feed as edited, validated against the others; nullopt with the error shown otherwise.
    std::optional<Feeds::FeedConfig> validated();
    void showMessage(const QString &text, bool error);

    QList<Feeds::FeedConfig> m_others;
    QJsonObject m_initial;
    QLineEdit *m_id;
    QComboBox *m_type;
    QComboBox *m_format;
    QFormLayout *m_fields;
    QHash<QString, QWidget *> m_editors;
    QLabel *m_message;
    QPushButton *m_test;
    Feeds::FeedProbe *m_probe;
};

} // namespace Lakeguard::Widgets
