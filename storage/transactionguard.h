// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>

namespace Lakeguard::Storage {

// Rolls back the open transaction of `db` when it goes out of scope, unless disarmed (after a
// commit, or when the rollback was already done).
struct TransactionGuard
{
    QSqlDatabase &db;
    bool armed = true;
    ~TransactionGuard()
    {
        if (armed) {
            db.rollback();
        }
    }
};

} // namespace Lakeguard::Storage
