// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storechangelistener.h"

#include "pgstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcStore)

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
    m_heartbeat.setInterval(5000);
    m_retry.setSingleShot(true);
    connect(&m_heartbeat, &QTimer::timeout, this, &StoreChangeListener::checkConnection);
    connect(&m_retry, &QTimer::timeout, this, &StoreChangeListener::retry);
}

StoreChangeListener::~StoreChangeListener()
{
    m_heartbeat.stop();
    m_retry.stop();
    closeConnection();
}

void StoreChangeListener::setTiming(int heartbeatMs, int firstRetryMs, int maxRetryMs)
{
    m_heartbeat.setInterval(std::max(50, heartbeatMs));
    m_firstRetryMs = std::max(10, firstRetryMs);
    m_maxRetryMs = std::max(m_firstRetryMs, maxRetryMs);
    m_nextRetryMs = m_firstRetryMs;
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
    m_location = parsed.value();
    // A retry must not hang on an unreachable host: libpq waits forever by default.
    if (!m_location->connectOptions.contains(u"connect_timeout"_s)) {
        m_location->connectOptions = m_location->connectOptions.isEmpty()
            ? u"connect_timeout=10"_s
            : m_location->connectOptions + u";connect_timeout=10"_s;
    }
    m_nextRetryMs = m_firstRetryMs;
    const Status s = connectAndListen();
    if (!s) {
        lost(s.error());
        return s;
    }
    setState(State::Listening, {});
    m_heartbeat.start();
    return Ok {};
}

void StoreChangeListener::stop()
{
    m_heartbeat.stop();
    m_retry.stop();
    closeConnection();
    m_location.reset();
    setState(State::Off, {});
}

Status StoreChangeListener::connectAndListen()
{
    closeConnection();
    auto db = openPgConnection(*m_location, m_connection);
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
        closeConnection();
        return Status::failure(Tr::tr("cannot listen for changes: %1").arg(err));
    }
    m_subscribed = true;
    return Ok {};
}

void StoreChangeListener::closeConnection()
{
    if (m_db.isValid()) {
        if (m_subscribed) {
            m_db.driver()->unsubscribeFromNotification(QString::fromLatin1(kPgChangeChannel));
        }
        m_db.driver()->disconnect(this);
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_subscribed = false;
}

void StoreChangeListener::checkConnection()
{
    if (m_state != State::Listening) {
        return;
    }
    // A closed socket gives no notice by itself: a trivial query finds out. It also lets libpq
    // read notices that are waiting.
    QString error;
    if (!m_db.isOpen()) {
        error = Tr::tr("the connection is closed");
    } else {
        QSqlQuery q(m_db);
        if (!q.exec(u"SELECT 1"_s)) {
            error = q.lastError().text().simplified();
        }
    }
    if (!error.isEmpty()) {
        lost(error);
    }
}

void StoreChangeListener::lost(const QString &error)
{
    m_heartbeat.stop();
    closeConnection();
    qCWarning(lcStore) << "live updates lost:" << error << "- retrying in" << m_nextRetryMs << "ms";
    setState(State::Lost, error);
    m_retry.start(m_nextRetryMs);
    m_nextRetryMs = std::min(m_maxRetryMs, m_nextRetryMs * 2);
}

void StoreChangeListener::retry()
{
    if (!m_location) {
        return;
    }
    const Status s = connectAndListen();
    if (!s) {
        lost(s.error());
        return;
    }
    m_nextRetryMs = m_firstRetryMs;
    setState(State::Listening, {});
    m_heartbeat.start();
    qCInfo(lcStore) << "live updates reconnected to" << m_location->display;
    Q_EMIT reconnected();
}

void StoreChangeListener::setState(State state, const QString &detail)
{
    if (state == m_state && state != State::Lost) {
        return;
    }
    m_state = state;
    Q_EMIT stateChanged(state, detail);
}

} // namespace Lakeguard::Storage
