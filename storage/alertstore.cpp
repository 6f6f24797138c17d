// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertstore.h"

#include "pgstore.h"
#include "sqlitestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};
} // namespace

Result<std::unique_ptr<AlertStore>> createStore(const QString &location,
                                                const StoreOptions &options)
{
    using R = Result<std::unique_ptr<AlertStore>>;
    if (PgLocation::isPostgres(location)) {
        auto parsed = PgLocation::parse(location);
        if (!parsed) {
            return R::failure(parsed.error());
        }
        return R(std::make_unique<PgStore>(parsed.value(), options));
    }
    if (location.contains(u"://"_s)) {
        return R::failure(Tr::tr("unknown store location scheme: %1").arg(location));
    }
    if (location.isEmpty()) {
        return R::failure(Tr::tr("no store location given"));
    }
    return R(std::make_unique<SqliteStore>(location, options));
}

QString resolveStoreLocation(const QString &explicitLocation)
{
    if (!explicitLocation.isEmpty()) {
        return explicitLocation;
    }
    const QString env = qEnvironmentVariable("LAKEGUARD_STORE");
    if (!env.isEmpty()) {
        return env;
    }
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(u"lakeguard.db"_s);
}

} // namespace Lakeguard::Storage
