// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storechangelistener.h"

#include "pgstore.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>

#include <atomic>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};
} // namespace

StoreChangeListener::StoreChangeListener(QObject *parent)
    : QObject(parent)
{
    static std::atomic<quint64> counter { 0 };
    m_connection = u"lakeguard-listen-%1"_s.arg(++counter);
}

StoreChangeListener::~StoreChangeListener()
{
    stop();
}

Status StoreChangeListener::start(const QString &location)
{
    stop();
    if (!PgLocation::isPostgres(location)) {
        return Ok {};
    }
    auto parsed = PgLocation::parse(location);
    if (!parsed) {
        return Status::failure(parsed.error());
    }
    auto db = openPgConnection(parsed.value(), m_connection);
    if (!db) {
        QSqlDatabase::removeDatabase(m_connection);
        return Status::failure(db.error());
    }
    m_db = db.value();
    QSqlDriver *driver = m_db.driver();
    connect(driver, &QSqlDriver::notification, this,
        [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
            if (name == QLatin1StringView(kPgChangeChannel)) {
                Q_EMIT changed(payload.toString());
            }
        });
    if (!driver->subscribeToNotification(QString::fromLatin1(kPgChangeChannel))) {
        const QString err = driver->lastError().text();
        stop();
        return Status::failure(Tr::tr("cannot listen for changes: %1").arg(err));
    }
    m_listening = true;
    return Ok {};
}

void StoreChangeListener::stop()
{
    if (m_db.isValid()) {
        if (m_listening) {
            m_db.driver()->unsubscribeFromNotification(QString::fromLatin1(kPgChangeChannel));
        }
        m_db.driver()->disconnect(this);
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_listening = false;
}

} // namespace Lakeguard::Storage
