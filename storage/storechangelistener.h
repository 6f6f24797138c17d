// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QObject>
#include <QSqlDatabase>

namespace Lakeguard::Storage {

// Tells its thread when another client committed a change to a shared store: for a PostgreSQL
// location it opens its own connection (in the thread it lives in, which needs an event loop) and
// LISTENs on lakeguard_changes; each NOTIFY becomes changed(). For a file store it does nothing
// (the local writer's signals already say everything; other processes are not watched).
class StoreChangeListener final : public QObject
{
    Q_OBJECT
public:
    explicit StoreChangeListener(QObject *parent = nullptr);
    ~StoreChangeListener() override;
    Q_DISABLE_COPY_MOVE(StoreChangeListener)

    // Ok without listening for a location that is not a shared store.
    Status start(const QString &location);
    void stop();
    bool isListening() const { return m_listening; }

Q_SIGNALS:
    // `payload`: "batch <last alert id>" or "incident <id>".
    void changed(const QString &payload);

private:
    QString m_connection;
    QSqlDatabase m_db;
    bool m_listening = false;
};

} // namespace Lakeguard::Storage
