// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "packreview.h"

#include "incidentstore.h"
#include "leafencoding.h"
#include "openrisk.h"
#include "packzip.h"
#include "riskmodel.h"
#include "schema.h"
#include "sqlitestore.h"
#include "transactionguard.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <map>

using namespace Qt::StringLiterals;

namespace Lakeguard::Evidence {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard::Evidence::PackReview)
};

using Core::IncidentPolicy; // lupdate loses its context on a qualified return type
using Storage::LeafKind;

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 3'600'000;

qint64 floorTo(qint64 t, qint64 unit)
{
    const qint64 r = t % unit;
    return r < 0 ? t - r - unit : t - r;
}

Storage::Result<QByteArray> readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return Storage::Result<QByteArray>::failure(
            Tr::tr("%1: cannot read: %2").arg(path, f.errorString()));
    }
    return f.readAll();
}

// The JSON objects of a JSON-lines file; a missing file is empty (packs before incidents.jsonl).
QList<QJsonObject> jsonLines(const QString &path, QStringList *problems)
{
    QList<QJsonObject> lines;
    QFile f(path);
    if (!f.exists()) {
        return lines;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        *problems << Tr::tr("%1: cannot read: %2").arg(QFileInfo(path).fileName(), f.errorString());
        return lines;
    }
    int number = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        ++number;
        if (line.isEmpty()) {
            continue;
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (!doc.isObject()) {
            *problems << Tr::tr("%1 line %2: not a JSON object")
                             .arg(QFileInfo(path).fileName())
                             .arg(number);
            continue;
        }
        lines << doc.object();
    }
    return lines;
}

// The columns of `table` in the rebuilt store: only these names are ever put into SQL text.
QSet<QString> tableColumns(const QSqlDatabase &db, const QString &table)
{
    QSet<QString> names;
    QSqlQuery q(db);
    if (q.exec(u"PRAGMA table_info(%1)"_s.arg(table))) {
        while (q.next()) {
            names.insert(q.value(1).toString());
        }
    }
    return names;
}

QVariant fromJson(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QVariant();
    case QJsonValue::Bool:
        return v.toBool() ? 1 : 0;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        const qint64 i = v.toInteger();
        return double(i) == d ? QVariant(i) : QVariant(d);
    }
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Array:
    case QJsonValue::Object:
        return QString::fromUtf8(v.isArray()
                ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    return QVariant();
}

class Rebuilder
{
public:
    Rebuilder(QSqlDatabase db, PackReview &review)
        : m_db(db) // QSqlDatabase has no move constructor in Qt 6.4
        , m_review(review)
    { }

    bool insertRecord(const QJsonObject &record)
    {
        const QByteArray encoding
            = QByteArray::fromBase64(record.value(u"encoding"_s).toString().toLatin1());
        const auto decoded = Storage::LeafEncoding::decode(encoding);
        const qint64 id = record.value(u"id"_s).toInteger();
        if (!decoded) {
            m_review.problems << Tr::tr("manifest.json: record %1 %2: the encoding does not decode")
                                     .arg(record.value(u"type"_s).toString())
                                     .arg(id);
            return false;
        }
        QSqlQuery &q = prepared(decoded->kind);
        for (const QVariant &v : decoded->values) {
            q.addBindValue(v);
        }
        if (!q.exec()) {
            m_review.problems << Tr::tr("manifest.json: %1 %2: %3")
                                     .arg(Storage::LeafEncoding::recordName(decoded->kind))
                                     .arg(id)
                                     .arg(q.lastError().text());
            return false;
        }
        switch (decoded->kind) {
        case LeafKind::Alert:
            ++m_review.alerts;
            break;
        case LeafKind::AlertEvent:
            ++m_review.alertEvents;
            break;
        case LeafKind::IncidentAudit:
            ++m_review.audit;
            break;
        case LeafKind::ChainObservation:
        case LeafKind::Prune:
            break;
        }
        return true;
    }

private:
    QSqlQuery &prepared(LeafKind kind)
    {
        auto it = m_inserts.find(int(kind));
        if (it == m_inserts.end()) {
            const int n = Storage::LeafEncoding::columnCount(kind);
            QStringList marks;
            for (int i = 0; i < n; ++i) {
                marks << u"?"_s;
            }
            QSqlQuery q(m_db);
            q.prepare(u"INSERT INTO %1 (%2) VALUES (%3)"_s.arg(Storage::LeafEncoding::table(kind),
                Storage::LeafEncoding::columns(kind), marks.join(u", "_s)));
            it = m_inserts.emplace(int(kind), std::move(q)).first;
        }
        return it->second;
    }

    QSqlDatabase m_db;
    PackReview &m_review;
    std::map<int, QSqlQuery> m_inserts;
};

// Roll-ups and the full-text index, as the writer keeps them, from the rebuilt alerts.
bool recompute(QSqlDatabase &db, QStringList *problems)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT ts, severity, category, feed, entity FROM alerts"_s)) {
        *problems << q.lastError().text();
        return false;
    }
    std::map<std::tuple<qint64, int, QString, QString>, qint64> minute;
    struct Entity
    {
        qint64 n = 0;
        double weight = 0;
        int worst = 0;
    };
    std::map<std::pair<qint64, QString>, Entity> entity;
    while (q.next()) {
        const qint64 ts = q.value(0).toLongLong();
        const int severity = q.value(1).toInt();
        minute[{ floorTo(ts, kMinuteMs), severity, q.value(2).toString(), q.value(3).toString() }]
            += 1;
        const QString name = q.value(4).toString();
        if (!name.isEmpty()) {
            Entity &e = entity[{ floorTo(ts, kHourMs), name }];
            ++e.n;
            e.weight += Core::RiskModel::severityWeight(Core::severityFromInt(severity));
            e.worst = std::max(e.worst, severity);
        }
    }
    QSqlQuery insert(db);
    insert.prepare(
        u"INSERT INTO rollup_minute (bucket, severity, category, feed, n) VALUES (?, ?, ?, ?, ?)"_s);
    for (const auto &[key, n] : minute) {
        insert.addBindValue(std::get<0>(key));
        insert.addBindValue(std::get<1>(key));
        insert.addBindValue(std::get<2>(key));
        insert.addBindValue(std::get<3>(key));
        insert.addBindValue(n);
        if (!insert.exec()) {
            *problems << insert.lastError().text();
            return false;
        }
    }
    insert.prepare(u"INSERT INTO rollup_entity_hour (bucket, entity, n, weight, worst)"
                   " VALUES (?, ?, ?, ?, ?)"_s);
    for (const auto &[key, e] : entity) {
        insert.addBindValue(key.first);
        insert.addBindValue(key.second);
        insert.addBindValue(e.n);
        insert.addBindValue(e.weight);
        insert.addBindValue(e.worst);
        if (!insert.exec()) {
            *problems << insert.lastError().text();
            return false;
        }
    }
    for (const QString &statement : Storage::derivedCountStatements()) {
        if (!q.exec(statement)) {
            *problems << q.lastError().text();
            return false;
        }
    }
    if (!q.exec(u"INSERT INTO alerts_fts (alerts_fts) VALUES ('rebuild')"_s)) {
        *problems << q.lastError().text();
        return false;
    }
    return true;
}

// The pack's policy.json, also written beside the review store (as <store>.policy.json). A pack
// cut before packs carried one, or one that does not parse (named in `problems`), gets the
// built-in policy, which is then written beside the store instead.
IncidentPolicy packPolicy(const QString &file, PackReview *review)
{
    review->policy = PackReview::Policy::BuiltIn;
    QByteArray document = IncidentPolicy::builtInJson();
    IncidentPolicy policy = IncidentPolicy::builtIn();
    if (QFileInfo::exists(file)) {
        const auto bytes = readFile(file);
        QString error = bytes ? QString() : bytes.error();
        std::optional<IncidentPolicy> parsed;
        if (bytes) {
            parsed = IncidentPolicy::fromJson(bytes.value(), &error);
        }
        if (parsed) {
            review->policy = PackReview::Policy::Pack;
            document = bytes.value();
            policy = *parsed;
        } else {
            review->problems
                << Tr::tr("policy.json: %1; risk is weighed by the built-in policy").arg(error);
        }
    }
    const QString beside = review->storePath + u".policy.json"_s;
    QFile out(beside);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || out.write(document) != document.size()) {
        review->problems << Tr::tr("%1: cannot write: %2").arg(beside, out.errorString());
    }
    return policy;
}

} // namespace

bool isEvidencePack(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        return QFileInfo::exists(QDir(path).filePath(u"manifest.json"_s));
    }
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(4) == QByteArray("PK\x03\x04", 4);
}

Storage::Result<PackReview> buildReviewStore(const QString &packPath, const QString &workDir)
{
    using R = Storage::Result<PackReview>;
    PackReview review;
    auto verified = verifyPack(packPath);
    if (!verified) {
        return R::failure(verified.error());
    }
    review.report = std::move(verified).value();

    QString folder = packPath;
    if (!QFileInfo(packPath).isDir()) {
        folder = QDir(workDir).filePath(u"pack"_s);
        if (!QDir().mkpath(folder)) {
            return R::failure(Tr::tr("%1: cannot create the folder").arg(folder));
        }
        if (const auto s = extractZip(packPath, folder); !s) {
            return R::failure(s.error());
        }
    }
    const QDir pack(folder);
    const auto manifestBytes = readFile(pack.filePath(u"manifest.json"_s));
    if (!manifestBytes) {
        return R::failure(manifestBytes.error());
    }
    const QJsonDocument manifest = QJsonDocument::fromJson(*manifestBytes);
    if (!manifest.isObject()) {
        return R::failure(Tr::tr("manifest.json: not a JSON object"));
    }

    review.storePath = QDir(workDir).filePath(u"review.db"_s);
    if (QFileInfo::exists(review.storePath)) {
        return R::failure(Tr::tr("%1 exists already").arg(review.storePath));
    }
    // The pack's incident policy, beside the review store before it opens: the console reads
    // deadlines and risk with it, as the site's console did.
    const Core::IncidentPolicy policy = packPolicy(pack.filePath(u"policy.json"_s), &review);
    Storage::StoreOptions options;
    options.checkpointLeaves = std::numeric_limits<qint64>::max();
    options.checkpointIntervalMs = std::numeric_limits<qint64>::max();
    Storage::SqliteStore store(review.storePath, options);
    if (const auto s = store.open(Storage::AlertStore::Mode::ReadWrite); !s) {
        return R::failure(s.error());
    }
    QSqlDatabase db = store.database();
    if (!db.transaction()) {
        return R::failure(db.lastError().text());
    }
    Storage::TransactionGuard rollback { db };

    // 1. Every record exactly as signed, with its own id.
    Rebuilder rebuilder(db, review);
    const QJsonArray records = manifest.object().value(u"records"_s).toArray();
    for (const QJsonValue v : records) {
        if (!rebuilder.insertRecord(v.toObject())) {
            ++review.skipped;
        }
    }

    // 2. What changes after storing (not in the leaf): an alert's incident and state.
    QSqlQuery update(db);
    update.prepare(u"UPDATE alerts SET incident = ?, state = ?, state_since = ? WHERE id = ?"_s);
    for (const QJsonObject &o : jsonLines(pack.filePath(u"alerts.jsonl"_s), &review.problems)) {
        update.addBindValue(fromJson(o.value(u"incident"_s)));
        update.addBindValue(o.value(u"state"_s).toString());
        update.addBindValue(fromJson(o.value(u"state_since"_s)));
        update.addBindValue(o.value(u"id"_s).toInteger());
        if (!update.exec()) {
            review.problems << Tr::tr("alerts.jsonl: alert %1: %2")
                                   .arg(o.value(u"id"_s).toInteger())
                                   .arg(update.lastError().text());
        }
    }

    // 3. The incidents as they were exported: only the table's own column names reach the SQL.
    const QSet<QString> incidentColumns = tableColumns(db, u"incidents"_s);
    for (const QJsonObject &o : jsonLines(pack.filePath(u"incidents.jsonl"_s), &review.problems)) {
        QStringList names;
        QVariantList values;
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (incidentColumns.contains(it.key())) {
                names << it.key();
                values << fromJson(it.value());
            }
        }
        QSqlQuery insert(db);
        insert.prepare(u"INSERT INTO incidents (%1) VALUES (%2)"_s.arg(
            names.join(u", "_s), QStringList(names.size(), u"?"_s).join(u", "_s)));
        for (const QVariant &v : std::as_const(values)) {
            insert.addBindValue(v);
        }
        if (names.isEmpty() || !insert.exec()) {
            review.problems << Tr::tr("incidents.jsonl: incident %1: %2")
                                   .arg(o.value(u"id"_s).toInteger())
                                   .arg(insert.lastError().text());
            continue;
        }
        ++review.incidents;
    }

    // 4. Derived data, recomputed. The open risk (the Dashboard's gauge and top entities) from
    // the pack's alerts, weighted by the pack's policy.
    if (!recompute(db, &review.problems)) {
        return R::failure(review.problems.constLast());
    }
    if (const Storage::Status s = Storage::recomputeIncidentEntities(db, policy.risk, 0); !s) {
        return R::failure(s.error());
    }
    if (const Storage::Status s = Storage::rebuildOpenRisk(db, policy.risk); !s) {
        return R::failure(s.error());
    }
    if (!db.commit()) {
        return R::failure(db.lastError().text());
    }
    rollback.armed = false;
    return review;
}

} // namespace Lakeguard::Evidence
