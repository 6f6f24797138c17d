// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "aboutdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QSslSocket>
#include <QVBoxLayout>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

AboutDialog::AboutDialog(const QString &storeLocation, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"aboutDialog"_s);
    setWindowTitle(tr("About Lakeguard"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->setSpacing(12);

    auto *header = new QHBoxLayout;
    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(u":/icons/lakeguard.svg"_s).pixmap(64, 64));
    if (icon->pixmap().isNull() && parent) {
        icon->setPixmap(parent->windowIcon().pixmap(64, 64));
    }
    header->addWidget(icon, 0, Qt::AlignTop);
    auto *title = new QLabel(tr("Lakeguard %1").arg(QStringLiteral(LAKEGUARD_VERSION)), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    title->setFont(big);
    auto *blurb = new QLabel(tr("A native console for financial-security monitoring: alerts, "
                                "incidents, feeds and chain nodes in one tamper-evident store."),
        this);
    blurb->setWordWrap(true);
    auto *titles = new QVBoxLayout;
    titles->addWidget(title);
    titles->addWidget(blurb);
    header->addLayout(titles, 1);
    layout->addLayout(header);

    auto *form = new QFormLayout;
    form->setHorizontalSpacing(16);
    form->setVerticalSpacing(6);
    const auto row = [&](const QString &caption, const QString &value) {
        auto *c = new QLabel(caption, this);
        auto *v = new QLabel(value, this);
        v->setTextFormat(Qt::PlainText);
        v->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        v->setWordWrap(true);
        v->setAccessibleName(caption);
        form->addRow(c, v);
        m_labels << c << v;
    };
    row(tr("Version:"), QStringLiteral(LAKEGUARD_VERSION));
    row(tr("Licence:"), tr("GNU General Public License, version 3 or later"));
    row(tr("Qt:"), qtVersion());
    row(tr("SQLite:"), sqliteVersion());
    row(tr("OpenSSL:"), opensslVersion());
    row(tr("Store:"), QDir::toNativeSeparators(storeLocation));
    layout->addLayout(form);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    copy->setAccessibleName(tr("Copy the version details"));
    connect(
        copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(text()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_labels.prepend(blurb);
    m_labels.prepend(title);
    setMinimumWidth(520);
}

AboutDialog::~AboutDialog() = default;

QString AboutDialog::text() const
{
    QStringList lines;
    for (int i = 0; i < m_labels.size(); ++i) {
        // Captions and values pair up after the title and blurb.
        if (i >= 2 && (i - 2) % 2 == 0 && i + 1 < m_labels.size()) {
            lines << m_labels.at(i)->text() + u' ' + m_labels.at(i + 1)->text();
            ++i;
        } else {
            lines << m_labels.at(i)->text();
        }
    }
    return lines.join(u'\n');
}

QString AboutDialog::qtVersion()
{
    return u"%1 (built with %2)"_s.arg(
        QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
}

QString AboutDialog::sqliteVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

QString AboutDialog::opensslVersion()
{
    const QString v = QSslSocket::sslLibraryVersionString();
    return v.isEmpty() ? tr("not available") : v;
}

} // namespace Lakeguard::Widgets
