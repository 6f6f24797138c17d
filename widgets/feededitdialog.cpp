// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feededitdialog.h"

#include "feedprobe.h"
#include "normalizer.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {

// What a key is for, in the interface language (the key itself is what FEEDS.json says).
QString keyHelp(const QString &key)
{
    static const QHash<QString, const char *> help{
        {u"path"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "File to follow, across rotations")},
        {u"poll_ms"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "How often to look for new lines (ms)")},
        {u"url"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "HTTPS address to poll")},
        {u"interval_s"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "Seconds between polls")},
        {u"token_env"_s, QT_TRANSLATE_NOOP("FeedEditDialog",
                                           "Name of the environment variable holding the token")},
        {u"hmac_secret_env"_s,
         QT_TRANSLATE_NOOP("FeedEditDialog",
                           "Name of the environment variable holding the HMAC secret")},
        {u"timeout_s"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "Request timeout in seconds")},
        {u"cursor_param"_s, QT_TRANSLATE_NOOP("FeedEditDialog",
                                              "Query parameter that carries the last cursor")},
        {u"pin_sha256"_s, QT_TRANSLATE_NOOP("FeedEditDialog",
                                            "SHA-256 of the server's public key (base64), optional")},
        {u"ca_file"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "Extra CA certificates (PEM file)")},
        {u"token_vault"_s, QT_TRANSLATE_NOOP("FeedEditDialog",
                                             "Name of the vault entry holding the token")},
        {u"hmac_secret_vault"_s,
         QT_TRANSLATE_NOOP("FeedEditDialog", "Name of the vault entry holding the HMAC secret")},
        {u"tls_pin_sha256"_s,
         QT_TRANSLATE_NOOP("FeedEditDialog",
                           "SHA-256 of the server's public key (base64 or hex; several: "
                           "separate with commas), optional")},
        {u"listen"_s, QT_TRANSLATE_NOOP("FeedEditDialog",
                                        "Address and port to listen on, e.g. 127.0.0.1:5514")},
        {u"protocol"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "udp, tcp or tls")},
        {u"cert"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "Server certificate (PEM file)")},
        {u"key"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "Server private key (PEM file)")},
        {u"max_message_bytes"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "Largest message accepted")},
        {u"max_connections"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "Most clients at once")},
        {u"max_body_bytes"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "Largest request body accepted")},
        {u"nodes"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "JSON array of node URLs")},
        {u"expected_block_s"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "Expected seconds per block")},
        {u"watch"_s, QT_TRANSLATE_NOOP("FeedEditDialog",
                                       "JSON array of watched addresses and minimum values")},
        {u"chain"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "Name of the chain")},
        {u"lag_blocks"_s, QT_TRANSLATE_NOOP("FeedEditDialog", "Blocks behind before a lag alert")},
        {u"stall_factor"_s, QT_TRANSLATE_NOOP("FeedEditDialog",
                                              "Block times without a block before a stall alert")},
        {u"map"_s, QT_TRANSLATE_NOOP("FeedEditDialog",
                                     "JSON object: where each field is (jsonl only)")},
        {u"idle_timeout_s"_s, QT_TRANSLATE_NOOP("FeedEditDialog",
                                                "Seconds a client may send no complete message")},
        {u"client_ca"_s, QT_TRANSLATE_NOOP("FeedEditDialog",
                                           "CA certificates that client certificates must chain to")},
        {u"max_queued_requests"_s,
         QT_TRANSLATE_NOOP("FeedEditDialog", "Requests waiting for the store before 503")},
        {u"max_queued_bytes"_s,
         QT_TRANSLATE_NOOP("FeedEditDialog", "Bytes of bodies waiting for the store before 503")},
    };
    const char *text = help.value(key);
    return text ? QCoreApplication::translate("FeedEditDialog", text) : QString();
}

QString jsonText(const QJsonValue &v)
{
    if (v.isArray()) {
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented));
    }
    if (v.isObject()) {
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented));
    }
    if (v.isDouble()) {
        return QString::number(v.toDouble(), 'g', 15);
    }
    return v.toString();
}

} // namespace

FeedEditDialog::FeedEditDialog(const QList<Feeds::FeedConfig> &others, const QJsonObject &feed,
                               QWidget *parent)
    : QDialog(parent)
    , m_others(others)
    , m_initial(feed)
    , m_id(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_format(new QComboBox(this))
    , m_fields(new QFormLayout)
    , m_message(new QLabel(this))
    , m_test(new QPushButton(tr("&Test connection"), this))
    , m_probe(new Feeds::FeedProbe(this))
{
    setWindowTitle(feed.isEmpty() ? tr("Add feed") : tr("Edit feed %1").arg(feed.value(u"id"_s).toString()));
    m_id->setObjectName(u"feedId"_s);
    m_id->setAccessibleName(tr("Feed id"));
    m_id->setPlaceholderText(tr("letters, digits and . _ : -"));
    m_id->setText(feed.value(u"id"_s).toString());
    m_type->setAccessibleName(tr("Feed type"));
    for (const QString &type : Feeds::feedTypes()) {
        m_type->addItem(type, type);
    }
    m_type->setCurrentIndex(std::max(0, m_type->findData(feed.value(u"type"_s).toString(u"file"_s))));
    m_format->setAccessibleName(tr("Record format"));
    for (const QString &format : Core::knownFormats()) {
        m_format->addItem(format, format);
    }
    m_format->setCurrentIndex(
        std::max(0, m_format->findData(feed.value(u"format"_s).toString(u"auto"_s))));

    auto *top = new QFormLayout;
    top->addRow(tr("&Id:"), m_id);
    top->addRow(tr("T&ype:"), m_type);
    top->addRow(tr("&Format:"), m_format);

    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setObjectName(u"feedMessage"_s);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->addButton(m_test, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &FeedEditDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &FeedEditDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &FeedEditDialog::testConnection);
    connect(m_probe, &Feeds::FeedProbe::finished, this, [this](bool ok, const QString &report) {
        m_test->setEnabled(true);
        showMessage(ok ? tr("Connection test passed:\n%1").arg(report)
                       : tr("Connection test failed:\n%1").arg(report),
                    !ok);
        emit tested(ok, report);
    });
    connect(m_type, &QComboBox::currentIndexChanged, this, &FeedEditDialog::rebuildFields);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(m_fields);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);
    rebuildFields();
    resize(560, sizeHint().height());
}

FeedEditDialog::~FeedEditDialog() = default;

void FeedEditDialog::rebuildFields()
{
    while (m_fields->rowCount() > 0) {
        m_fields->removeRow(0);
    }
    m_editors.clear();
    const QString type = m_type->currentData().toString();
    const QList<Feeds::FeedKey> keys = Feeds::feedKeys(type);
    bool hasFormat = false;
    for (const Feeds::FeedKey &key : keys) {
        if (key.name == u"id"_s || key.name == u"type"_s || key.name == u"enabled"_s) {
            continue;
        }
        if (key.name == u"format"_s) {
            hasFormat = true;
            continue;
        }
        const QJsonValue value = m_initial.value(key.name);
        QWidget *editor = nullptr;
        switch (key.kind) {
        case Feeds::FeedKey::Kind::Bool: {
            auto *box = new QCheckBox(this);
            box->setChecked(value.toBool());
            editor = box;
            break;
        }
        case Feeds::FeedKey::Kind::Array:
        case Feeds::FeedKey::Kind::Object: {
            auto *text = new QPlainTextEdit(this);
            text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            text->setPlainText(value.isUndefined() ? QString() : jsonText(value));
            text->setFixedHeight(text->fontMetrics().lineSpacing() * 4 + 12);
            text->setTabChangesFocus(true);
            editor = text;
            break;
        }
        default: {
            auto *line = new QLineEdit(this);
            line->setText(value.isUndefined() ? QString() : jsonText(value));
            line->setPlaceholderText(keyHelp(key.name));
            editor = line;
            break;
        }
        }
        editor->setObjectName(key.name);
        editor->setAccessibleName(key.name);
        editor->setToolTip(keyHelp(key.name));
        m_editors.insert(key.name, editor);
        // The key is what FEEDS.json and the docs call it: the same in every language.
        m_fields->addRow(key.required ? key.name + u" *"_s : key.name, editor);
    }
    m_format->setEnabled(hasFormat);
    showMessage(tr("* required. Secrets are never stored: name environment variables or vault "
                   "entries instead."),
                false);
}

QJsonObject FeedEditDialog::feed() const
{
    QJsonObject o;
    o.insert(u"id"_s, m_id->text().trimmed());
    const QString type = m_type->currentData().toString();
    o.insert(u"type"_s, type);
    if (m_format->isEnabled() && m_format->currentData().toString() != u"auto"_s) {
        o.insert(u"format"_s, m_format->currentData().toString());
    }
    if (m_initial.contains(u"enabled"_s) && m_initial.value(u"type"_s).toString() == type) {
        o.insert(u"enabled"_s, m_initial.value(u"enabled"_s));
    }
    const QList<Feeds::FeedKey> keys = Feeds::feedKeys(type);
    for (const Feeds::FeedKey &key : keys) {
        QWidget *editor = m_editors.value(key.name);
        if (!editor) {
            continue;
        }
        if (auto *box = qobject_cast<QCheckBox *>(editor)) {
            if (box->isChecked()) {
                o.insert(key.name, true);
            }
        } else if (auto *text = qobject_cast<QPlainTextEdit *>(editor)) {
            const QByteArray json = text->toPlainText().trimmed().toUtf8();
            if (json.isEmpty()) {
                continue;
            }
            const QJsonDocument doc = QJsonDocument::fromJson(json);
            // Invalid JSON is kept as text: validation names the key ("must be an array").
            o.insert(key.name, doc.isArray()    ? QJsonValue(doc.array())
                                  : doc.isObject() ? QJsonValue(doc.object())
                                                   : QJsonValue(QString::fromUtf8(json)));
        } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
            const QString typed = line->text().trimmed();
            if (typed.isEmpty()) {
                continue;
            }
            bool ok = false;
            const double number = QLocale::c().toDouble(typed, &ok);
            o.insert(key.name, key.kind == Feeds::FeedKey::Kind::Number && ok ? QJsonValue(number)
                                                                            : QJsonValue(typed));
        }
    }
    return o;
}

std::optional<Feeds::FeedConfig> FeedEditDialog::validated()
{
    QJsonArray all;
    for (const Feeds::FeedConfig &other : std::as_const(m_others)) {
        all.append(other.settings);
    }
    const QJsonObject edited = feed();
    all.append(edited);
    const auto parsed = Feeds::parseFeedsConfig(
        QJsonDocument(QJsonObject{{u"feeds"_s, all}}).toJson(QJsonDocument::Compact));
    if (!parsed) {
        showMessage(parsed.error(), true);
        return std::nullopt;
    }
    return parsed->constLast();
}

void FeedEditDialog::accept()
{
    if (validated()) {
        QDialog::accept();
    }
}

void FeedEditDialog::testConnection()
{
    const std::optional<Feeds::FeedConfig> config = validated();
    if (!config) {
        return;
    }
    m_test->setEnabled(false);
    showMessage(tr("Testing…"), false);
    m_probe->run(*config);
}

QString FeedEditDialog::errorText() const
{
    return m_message->property("error").toBool() ? m_message->text() : QString();
}

void FeedEditDialog::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setProperty("error", error);
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText,
                     error ? Theme::severityColor(Core::Severity::Critical).darker(120)
                           : Theme::mutedTextColor());
    m_message->setPalette(palette);
}

} // namespace Lakeguard::Widgets
