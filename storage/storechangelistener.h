// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pgschema.h"
#include "storetypes.h"

#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include <optional>

namespace Lakeguard::Storage {

// Tells its thread when another client committed a change to a shared store: for a PostgreSQL
// location it opens its own connection (in the thread it lives in, which needs an event loop) and
// LISTENs on lakeguard_changes; each NOTIFY becomes changed(). For a file store it does nothing
// (the local writer's signals already say everything; other processes are not watched).
//
// The connection is checked every heartbeat; when the server goes away (restart, network) the
// listener says so (state Lost), retries with a growing delay, and after it listens again emits
// reconnected(): changes committed meanwhile sent no notice, so the owner refreshes everything.
// Connecting blocks the listener's thread (up to the connect timeout): give it its own thread
// where a GUI must stay responsive.
class StoreChangeListener final : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Off, // not a shared store, or stopped
        Listening,
        Lost, // the connection failed; retrying
    };
    Q_ENUM(State)

    explicit StoreChangeListener(QObject *parent = nullptr);
    ~StoreChangeListener() override;
    Q_DISABLE_COPY_MOVE(StoreChangeListener)

    // Ok without listening for a location that is not a shared store. When the first connection
    // fails the error is returned and the listener keeps retrying (state Lost).
    Status start(const QString &location);
    void stop();
    bool isListening() const { return m_state == State::Listening; }
    State state() const { return m_state; }
    // Milliseconds between connection checks, and the first and longest retry delay (the delay
    // doubles after each failed attempt). Defaults: 5 s, 1 s, 30 s.
    void setTiming(int heartbeatMs, int firstRetryMs, int maxRetryMs);

Q_SIGNALS:
    // `payload`: "batch <last alert id>" or "incident <id>".
    void changed(const QString &payload);
    // Every change of state; `detail` is the error when the state is Lost.
    void stateChanged(Lakeguard::Storage::StoreChangeListener::State state, const QString &detail);
    // Listening again after a loss: refresh everything (notices were missed meanwhile).
    void reconnected();

private:
    Status connectAndListen();
    void closeConnection();
    void checkConnection();
    void lost(const QString &error);
    void retry();
    void setState(State state, const QString &detail);

    QString m_connection;
    QSqlDatabase m_db;
    std::optional<PgLocation> m_location;
    State m_state = State::Off;
    bool m_subscribed = false;
    QTimer m_heartbeat;
    QTimer m_retry;
    int m_firstRetryMs = 1000;
    int m_maxRetryMs = 30'000;
    int m_nextRetryMs = 1000;
};

} // namespace Lakeguard::Storage
