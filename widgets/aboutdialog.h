// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;

namespace Lakeguard::Widgets {

// Help ▸ About: the version, the licence, the versions of the libraries in use (Qt at run time
// and at build time, SQLite, OpenSSL as Qt's TLS backend loaded it) and the open store.
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    explicit AboutDialog(const QString &storeLocation, QWidget *parent = nullptr);
    ~AboutDialog() override;

    // Every line of the box as plain text, for tests and the clipboard.
    QString text() const;

    static QString qtVersion(); // "6.4.2 (built with 6.4.2)"
    static QString sqliteVersion(); // "3.40.1"
    static QString opensslVersion(); // "OpenSSL 3.0.x …", or "not available"

private:
    QList<QLabel *> m_labels;
};

} // namespace Lakeguard::Widgets
