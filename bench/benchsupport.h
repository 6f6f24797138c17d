// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What every benchmark shares: the baseline (a plain SQLite insert of the same rows into a table
// without indexes, through the same QtSql layer the store uses, in the same process), peak RSS,
// and the printed line format.
#pragma once

#include "alert.h"

#include <QElapsedTimer>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QTextStream>

#include <algorithm>
#include <fstream>
#include <string>

namespace Lakeguard::Bench {

using namespace Qt::StringLiterals;

constexpr int kBatch = 10'000;

inline qint64 peakRssKb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::stoll(line.substr(6));
        }
    }
    return -1;
}

inline void print(QTextStream &out, const char *what, double value, const char *unit)
{
    out << QString::asprintf("%-44s %14.2f %s", what, value, unit) << Qt::endl;
}

inline double rawSqliteRate(const QString &path, const QList<Core::Alert> &alerts)
{
    double rate = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
        db.setDatabaseName(path);
        db.open();
        QSqlQuery q(db);
        q.exec(u"PRAGMA journal_mode=WAL"_s);
        q.exec(u"PRAGMA synchronous=NORMAL"_s);
        q.exec(u"CREATE TABLE plain (ts INTEGER, received INTEGER, feed TEXT, source TEXT,"
               " severity INTEGER, category TEXT, rule TEXT, title TEXT, message TEXT, entity TEXT,"
               " src_ip TEXT, dst_ip TEXT, fingerprint BLOB, raw BLOB)"_s);
        QSqlQuery insert(db);
        insert.prepare(u"INSERT INTO plain VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        QElapsedTimer t;
        t.start();
        for (qint64 i = 0; i < alerts.size(); i += kBatch) {
            db.transaction();
            for (qint64 j = i; j < std::min<qint64>(i + kBatch, alerts.size()); ++j) {
                const Core::Alert &a = alerts[j];
                insert.addBindValue(a.ts);
                insert.addBindValue(a.received);
                insert.addBindValue(a.feed);
                insert.addBindValue(a.source);
                insert.addBindValue(static_cast<int>(a.severity));
                insert.addBindValue(Core::categoryName(a.category));
                insert.addBindValue(a.rule);
                insert.addBindValue(a.title);
                insert.addBindValue(a.message);
                insert.addBindValue(a.entity);
                insert.addBindValue(a.srcIp);
                insert.addBindValue(a.dstIp);
                insert.addBindValue(a.fingerprint);
                insert.addBindValue(a.raw);
                insert.exec();
            }
            db.commit();
        }
        rate = double(alerts.size()) * 1000.0 / std::max<qint64>(1, t.elapsed());
    }
    QSqlDatabase::removeDatabase(u"raw"_s);
    return rate;
}


} // namespace Lakeguard::Bench
