// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidencepack.h"

#include "alertstore.h"
#include "csvwriter.h"
#include "evidencereport.h"
#include "incidentstore.h"
#include "leafencoding.h"
#include "merklelog.h"
#include "merkleproof.h"
#include "packrecords.h"
#include "packzip.h"
#include "signing.h"
#include "sqlitestore.h"
#include "timeutil.h"
#include "transactionguard.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace Lakeguard::Evidence {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

using Storage::LeafKind;

constexpr qsizetype kInChunk = 400; // bound values per IN (…) list

// A record going into the pack: its leaf and what the files show.
struct PackRecord
{
    LeafKind kind = LeafKind::Alert;
    qint64 id = 0;
    qint64 leaf = 0;
    QByteArray encoding;
    QJsonObject json; // the line of alerts.jsonl / audit.jsonl
    Tlp tlp = Tlp::Green;
};

quint64 leafKey(int kind, qint64 ref)
{
    return (quint64(kind) << 56) | quint64(ref);
}

QVariantList rowValues(const QSqlQuery &q, int count)
{
    QVariantList values;
    values.reserve(count);
    for (int i = 0; i < count; ++i) {
        values.append(q.value(i));
    }
    return values;
}

QString placeholders(qsizetype n)
{
    QString s = u"?"_s;
    for (qsizetype i = 1; i < n; ++i) {
        s += u", ?"_s;
    }
    return s;
}

ExportOutcome failure(ExportOutcome::Status status, const QString &error)
{
    ExportOutcome o;
    o.status = status;
    o.error = error;
    return o;
}

QString hex(const QByteArray &b)
{
    return QString::fromLatin1(b.toHex());
}

Storage::Status writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        return Storage::Status::failure(u"%1: %2"_s.arg(path, f.errorString()));
    }
    return Storage::Ok {};
}

QByteArray verifyText(const ExportSummary &s, const QByteArray &sumsHash, const QString &keyId,
    const std::optional<PackRecord> &example)
{
    const Storage::Checkpoint &c = s.checkpoint;
    const QString p = QString::fromLatin1(kVerifyCommandPrefix);
    const QString tmp = u"\"${TMPDIR:-/tmp}\""_s;
    QString t;
    t += u"HOW TO VERIFY THIS LAKEGUARD EVIDENCE PACK (openssl and sha256sum only)\n"
         "=======================================================================\n\n"
         "Run the commands below (the lines starting with \"$\") in this folder with a POSIX\n"
         "shell, OpenSSL 3 and GNU coreutils. Every command must succeed. They write only\n"
         "to $TMPDIR (or /tmp), never into this folder. `lakeguard-cli verify-pack DIR` does\n"
         "all of this and also checks every record's inclusion proof.\n\n"_s;
    t += u"TLP marking of this pack: TLP:%1\n\n"_s.arg(tlpName(s.tlp));
    t += u"1. The manifest is signed with the store's Ed25519 key (must print\n"
         "   \"Signature Verified Successfully\"):\n\n"_s;
    t += p
        + u"openssl pkeyutl -verify -pubin -inkey signing-pub.pem -rawin -in manifest.json "
          "-sigfile manifest.sig\n\n"_s;
    t += u"2. The key is the one you expect. Its id is the SHA-256 of the 32 raw key bytes;\n"
         "   compare it with the key id you received from the store's operator out of band\n"
         "   (this pack says %1):\n\n"_s.arg(keyId);
    t += p + u"openssl pkey -pubin -in signing-pub.pem -outform DER | tail -c 32 | sha256sum\n\n"_s;
    t += u"3. Every file is the one the signed manifest lists. SHA256SUMS holds the hashes of\n"
         "   the data files; its own hash is in manifest.json (\"files\", \"SHA256SUMS\") and\n"
         "   here. Check that the two agree, then check the files:\n\n"_s;
    t += p
        + u"echo \"%1  SHA256SUMS\" | sha256sum -c\n"_s.arg(QString::fromLatin1(sumsHash.toHex()));
    t += p + u"sha256sum -c SHA256SUMS\n\n"_s;
    t += u"   manifest.json also lists the hash of this file, VERIFY.txt: compare it with\n"
         "   `sha256sum VERIFY.txt`. A file not listed in manifest.json does not belong to\n"
         "   the pack.\n\n"_s;
    t += u"4. The store's checkpoint the pack was cut from is signed with the same key. The\n"
         "   values below are those of \"checkpoint\" in manifest.json (compare them): tree\n"
         "   size %1, root %2, time %3 (%4).\n\n"_s.arg(c.treeSize)
             .arg(hex(c.root))
             .arg(c.ts)
             .arg(Core::formatIsoTimestamp(c.ts));
    t += p
        + u"printf 'lakeguard-checkpoint/1\\n%s\\n%s\\n%s\\n' %1 %2 %3 > %4/lakeguard-checkpoint.msg\n"_s
              .arg(c.treeSize)
              .arg(hex(c.root))
              .arg(c.ts)
              .arg(tmp);
    t += p
        + u"echo %1 | openssl base64 -d -A > %2/lakeguard-checkpoint.sig\n"_s.arg(
            QString::fromLatin1(c.signature.toBase64()), tmp);
    t += p
        + u"openssl pkeyutl -verify -pubin -inkey signing-pub.pem -rawin -in "
          "%1/lakeguard-checkpoint.msg -sigfile %1/lakeguard-checkpoint.sig\n\n"_s.arg(tmp);
    t += u"5. Each exported record belongs to that checkpoint. manifest.json lists, for every\n"
         "   line of alerts.jsonl and audit.jsonl, its leaf index in the store's Merkle tree\n"
         "   (RFC 9162, SHA-256), its canonical encoding (base64; the byte layout is in the\n"
         "   Lakeguard documentation, docs/tamper-evidence.md) and its inclusion proof:\n"
         "   - the encoding decodes to exactly the fields shown in the record's JSON line;\n"
         "   - leaf hash = SHA-256(0x00 || encoding);\n"
         "   - fold the proof (RFC 9162 section 2.1.3.2): start with r = leaf hash,\n"
         "     fn = leaf index, sn = tree size - 1; for each proof hash p: if fn is odd or\n"
         "     fn = sn, r = SHA-256(0x01 || p || r) and, if fn was even, shift fn and sn\n"
         "     right until fn is odd or 0; else r = SHA-256(0x01 || r || p); then shift fn\n"
         "     and sn right once. At the end sn must be 0 and r the signed root above.\n"_s;
    if (example) {
        t += u"   For example, the leaf hash of %1 %2 (leaf %3) is computed like this and\n"
             "   must be %4 (the record's \"leaf_hash\" in manifest.json):\n\n"_s
                 .arg(packRecordType(example->kind))
                 .arg(example->id)
                 .arg(example->leaf)
                 .arg(hex(Storage::merkleLeafHash(example->encoding)));
        t += p + u"printf '\\000' > %1/lakeguard-leaf.bin\n"_s.arg(tmp);
        t += p
            + u"echo %1 | openssl base64 -d -A >> %2/lakeguard-leaf.bin\n"_s.arg(
                QString::fromLatin1(example->encoding.toBase64()), tmp);
        t += p
            + u"echo \"%1  ${TMPDIR:-/tmp}/lakeguard-leaf.bin\" | sha256sum -c\n"_s.arg(
                hex(Storage::merkleLeafHash(example->encoding)));
    }
    t += u"\nWhat the proofs do not cover: an alert's incident and current state, and the TLP\n"
         "label, change after the alert is stored; they are covered by the manifest's\n"
         "signature only. alerts.csv and report.pdf are readable views of the same records.\n"
         "policy.json is the incident policy the store applied when the pack was cut (its\n"
         "deadlines and risk weights), also covered by the signature only.\n"_s;
    if (s.cap) {
        t += u"\nRecords above TLP:%1 were left out (see \"withheld\" in manifest.json).\n"_s.arg(
            tlpName(*s.cap));
    }
    return t.toUtf8();
}

} // namespace

ExportOutcome exportPack(
    const ExportOptions &options, const ExportProgress &progress, const std::atomic_bool *cancel)
{
    using S = ExportOutcome::Status;
    auto step = [&](int percent, const QString &what) {
        if (progress) {
            progress(percent, what);
        }
    };
    auto cancelled = [&] { return cancel && cancel->load(); };
    if (options.outDir.isEmpty()) {
        return failure(S::BadInput, Tr::tr("--out: no folder given"));
    }
    if (options.language != u"en"_s && options.language != u"zh_CN"_s) {
        return failure(S::BadInput,
            Tr::tr("--lang: \"%1\" is not a report language (en, zh_CN)").arg(options.language));
    }
    if (options.since && options.until && *options.since >= *options.until) {
        return failure(S::BadInput, Tr::tr("the period is empty: --since must be before --until"));
    }
    const QDir out(options.outDir);
    if (out.exists() && !out.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        return failure(S::BadInput, Tr::tr("%1: the folder is not empty").arg(options.outDir));
    }
    if (!options.zipFile.isEmpty() && QFile::exists(options.zipFile)) {
        return failure(S::BadInput, Tr::tr("%1: already exists").arg(options.zipFile));
    }

    // ---- 1. A checkpoint over everything stored, then one read snapshot ----
    step(2, Tr::tr("Signing a checkpoint"));
    auto created = Storage::createStore(options.storeLocation);
    if (!created) {
        return failure(S::BadInput, created.error());
    }
    Storage::AlertStore *store = created.value().get();
    if (const auto s = store->open(Storage::AlertStore::Mode::ReadWrite); !s) {
        return failure(S::BadInput, s.error());
    }
    QSqlDatabase db = store->database();
    if (!db.isValid()) {
        return failure(S::BadInput,
            Tr::tr("%1: evidence packs cannot be cut from this kind of store")
                .arg(options.storeLocation));
    }
    if (const auto s = store->checkpoint(true); !s) {
        return failure(S::Problem, s.error());
    }
    if (!db.transaction()) {
        return failure(S::BadInput, db.lastError().text());
    }
    // One snapshot for every read below: SQLite's read transaction gives it; PostgreSQL needs
    // REPEATABLE READ (its default sees each statement's own snapshot), set before any read.
    if (db.driverName() == u"QPSQL"_s) {
        QSqlQuery iso(db);
        if (!iso.exec(u"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"_s)) {
            const QString err = iso.lastError().text();
            db.rollback();
            return failure(S::BadInput, err);
        }
    }
    Storage::TransactionGuard rollback { db };
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT id, tree_size, root, ts, signature, key_id FROM checkpoints"
                " ORDER BY id DESC LIMIT 1"_s)) {
        return failure(S::BadInput, q.lastError().text());
    }
    if (!q.next()) {
        return failure(S::BadInput,
            Tr::tr("%1: the store holds no signed records yet").arg(options.storeLocation));
    }
    ExportSummary summary;
    Storage::Checkpoint &cp = summary.checkpoint;
    cp.id = q.value(0).toLongLong();
    cp.treeSize = q.value(1).toLongLong();
    cp.root = q.value(2).toByteArray();
    cp.ts = q.value(3).toLongLong();
    cp.signature = q.value(4).toByteArray();
    cp.keyId = q.value(5).toString();
    q.finish();

    auto key
        = Storage::Ed25519Key::load(Storage::MerkleLog::privateKeyPath(store->signingKeyBase()));
    if (!key || !key->hasPrivateKey()) {
        return failure(S::BadInput,
            Tr::tr("cannot read the store's signing key: %1")
                .arg(key ? Tr::tr("no private key") : key.error()));
    }
    if (key->keyId() != cp.keyId || !key->verify(cp.message(), cp.signature)) {
        return failure(S::Problem,
            Tr::tr("checkpoint %1 is not signed by the store's current key "
                   "%2; run 'lakeguard-cli verify'")
                .arg(cp.id)
                .arg(key->keyId()));
    }

    // ---- 2. The tree at the checkpoint, and where each record's leaf is ----
    step(8, Tr::tr("Reading the Merkle tree"));
    QHash<quint64, qint64> leafOf;
    const auto tree
        = Storage::loadMerkleTree(db, cp.treeSize, [&](qint64 seq, int kind, qint64 ref) {
              if (kind != int(LeafKind::ChainObservation)) {
                  leafOf.insert(leafKey(kind, ref), seq);
              }
          });
    if (!tree) {
        return failure(S::Problem, tree.error());
    }
    if (tree->root() != cp.root) {
        return failure(S::Problem,
            Tr::tr("the store's leaves do not give the root of checkpoint "
                   "%1; run 'lakeguard-cli verify'")
                .arg(cp.id));
    }
    if (cancelled()) {
        return failure(S::BadInput, Tr::tr("cancelled"));
    }

    QStringList problems;
    qint64 afterCheckpoint = 0;
    // Binds a record to its leaf: the row as it is now must encode to the leaf's hash.
    auto bind = [&](LeafKind kind, const QVariantList &values, PackRecord &r) {
        r.kind = kind;
        r.id = values.value(0).toLongLong();
        const auto seq = leafOf.constFind(leafKey(int(kind), r.id));
        if (seq == leafOf.cend()) {
            ++afterCheckpoint; // stored after the checkpoint: not in this pack
            return false;
        }
        r.leaf = *seq;
        r.encoding = Storage::LeafEncoding::encode(kind, values);
        if (Storage::merkleLeafHash(r.encoding) != tree->leafHash(r.leaf)) {
            problems << Tr::tr("%1 %2 (leaf %3) no longer matches its leaf: it was changed after "
                               "it was stored")
                            .arg(Storage::LeafEncoding::recordName(kind))
                            .arg(r.id)
                            .arg(r.leaf);
            return false;
        }
        r.json = leafRecordJson(kind, values);
        return true;
    };

    // ---- 3. Incidents in scope ----
    const Core::TimestampMs now = Core::nowMs();
    for (const qint64 id : options.incidents) {
        auto detail = store->incident(Core::IncidentId { id }, 0, now);
        if (!detail) {
            return failure(S::BadInput, Tr::tr("incident %1: %2").arg(id).arg(detail.error()));
        }
    }

    // ---- 4. Alerts ----
    step(15, Tr::tr("Reading alerts"));
    const int alertCols = Storage::LeafEncoding::columnCount(LeafKind::Alert);
    const QString alertSelect = u"SELECT "_s + Storage::LeafEncoding::columns(LeafKind::Alert)
        + u", incident, state FROM alerts"_s;
    QList<PackRecord> alerts;
    QList<ReportAlert> reportAlerts;
    QSet<qint64> keptAlerts;
    QList<qint64> withheldAlertIds;
    std::map<qint64, Tlp> incidentTlp; // the highest TLP of each touched incident's alerts
    QSet<qint64> touchedIncidents;
    auto readAlerts = [&](QSqlQuery &rows) {
        while (rows.next()) {
            const QVariantList values = rowValues(rows, alertCols);
            const auto severity = Core::severityFromInt(values.value(5).toInt());
            const QString category = values.value(6).toString();
            const Tlp tlp = alertTlp(severity, category);
            const QVariant incident = rows.value(alertCols);
            if (!incident.isNull()) {
                touchedIncidents.insert(incident.toLongLong());
            }
            if (options.cap && tlp > *options.cap) {
                if (leafOf.contains(leafKey(int(LeafKind::Alert), values.value(0).toLongLong()))) {
                    ++summary.withheldAlerts;
                    withheldAlertIds << values.value(0).toLongLong();
                }
                continue;
            }
            PackRecord r;
            if (!bind(LeafKind::Alert, values, r)) {
                continue;
            }
            r.tlp = tlp;
            r.json.insert(u"incident"_s,
                incident.isNull() ? QJsonValue(QJsonValue::Null)
                                  : QJsonValue(incident.toLongLong()));
            r.json.insert(u"state"_s, rows.value(alertCols + 1).toString());
            r.json.insert(u"tlp"_s, tlpName(tlp));
            r.json.insert(u"leaf"_s, r.leaf);
            keptAlerts.insert(r.id);
            ReportAlert ra;
            ra.id = r.id;
            ra.ts = values.value(1).toLongLong();
            ra.severity = severity;
            ra.category = category;
            ra.rule = values.value(7).toString();
            ra.title = values.value(8).toString();
            ra.entity = values.value(10).toString();
            if (!incident.isNull()) {
                ra.incident = incident.toLongLong();
            }
            ra.tlp = tlp;
            reportAlerts << ra;
            alerts << r;
        }
    };
    if (!options.incidents.isEmpty()) {
        for (const qint64 id : options.incidents) {
            QSqlQuery rows(db);
            rows.setForwardOnly(true);
            rows.prepare(alertSelect + u" WHERE incident = ? ORDER BY ts, id"_s);
            rows.addBindValue(id);
            if (!rows.exec()) {
                return failure(S::BadInput, rows.lastError().text());
            }
            readAlerts(rows);
            touchedIncidents.insert(id);
        }
    } else {
        QSqlQuery rows(db);
        rows.setForwardOnly(true);
        rows.prepare(alertSelect + u" WHERE ts >= ? AND ts < ? ORDER BY ts, id"_s);
        rows.addBindValue(options.since.value_or(std::numeric_limits<qint64>::min()));
        rows.addBindValue(options.until.value_or(std::numeric_limits<qint64>::max()));
        if (!rows.exec()) {
            return failure(S::BadInput, rows.lastError().text());
        }
        readAlerts(rows);
    }
    if (cancelled()) {
        return failure(S::BadInput, Tr::tr("cancelled"));
    }

    // An incident is as sensitive as its most sensitive alert (all of them, not only those in
    // the period): its summary and audit trail carry that TLP.
    for (const qint64 id : std::as_const(touchedIncidents)) {
        QSqlQuery t(db);
        t.prepare(u"SELECT severity, category FROM alerts WHERE incident = ?"_s);
        t.addBindValue(id);
        if (!t.exec()) {
            return failure(S::BadInput, t.lastError().text());
        }
        Tlp worst = Tlp::Clear;
        while (t.next()) {
            worst = std::max(
                worst, alertTlp(Core::severityFromInt(t.value(0).toInt()), t.value(1).toString()));
        }
        incidentTlp[id] = worst;
    }

    // ---- 5. Alert events of the alerts (kept and withheld, to count the latter) ----
    step(35, Tr::tr("Reading the audit trail"));
    QList<PackRecord> auditRecords;
    const int eventCols = Storage::LeafEncoding::columnCount(LeafKind::AlertEvent);
    QList<qint64> eventAlerts(keptAlerts.cbegin(), keptAlerts.cend());
    eventAlerts += withheldAlertIds;
    std::sort(eventAlerts.begin(), eventAlerts.end());
    std::map<qint64, Tlp> alertTlpById;
    for (const PackRecord &a : std::as_const(alerts)) {
        alertTlpById[a.id] = a.tlp;
    }
    for (qsizetype at = 0; at < eventAlerts.size(); at += kInChunk) {
        const QList<qint64> chunk = eventAlerts.mid(at, kInChunk);
        QSqlQuery rows(db);
        rows.setForwardOnly(true);
        rows.prepare(u"SELECT "_s + Storage::LeafEncoding::columns(LeafKind::AlertEvent)
            + u" FROM alert_events WHERE alert_id IN ("_s + placeholders(chunk.size())
            + u") ORDER BY id"_s);
        for (const qint64 id : chunk) {
            rows.addBindValue(id);
        }
        if (!rows.exec()) {
            return failure(S::BadInput, rows.lastError().text());
        }
        while (rows.next()) {
            const QVariantList values = rowValues(rows, eventCols);
            const qint64 alertId = values.value(1).toLongLong();
            if (!keptAlerts.contains(alertId)) {
                ++summary.withheldAlertEvents;
                continue;
            }
            PackRecord r;
            if (!bind(LeafKind::AlertEvent, values, r)) {
                continue;
            }
            r.tlp = alertTlpById[alertId];
            auditRecords << r;
        }
    }

    // ---- 6. Incident audit entries ----
    const int auditCols = Storage::LeafEncoding::columnCount(LeafKind::IncidentAudit);
    const QString auditSelect = u"SELECT "_s
        + Storage::LeafEncoding::columns(LeafKind::IncidentAudit) + u" FROM incident_audit"_s;
    QList<Storage::AuditEntry> reportAudit;
    auto readAudit = [&](QSqlQuery &rows, Tlp tlp) {
        while (rows.next()) {
            const QVariantList values = rowValues(rows, auditCols);
            if (options.cap && tlp > *options.cap) {
                if (leafOf.contains(
                        leafKey(int(LeafKind::IncidentAudit), values.value(0).toLongLong()))) {
                    ++summary.withheldAudit;
                }
                continue;
            }
            PackRecord r;
            if (!bind(LeafKind::IncidentAudit, values, r)) {
                continue;
            }
            r.tlp = tlp;
            auditRecords << r;
            Storage::AuditEntry e;
            e.id = r.id;
            if (!values.value(1).isNull()) {
                e.incident = Core::IncidentId { values.value(1).toLongLong() };
            }
            e.ts = values.value(2).toLongLong();
            e.actor = values.value(3).toString();
            e.action = values.value(4).toString();
            e.oldValue = values.value(5).toString();
            e.newValue = values.value(6).toString();
            e.reason = values.value(7).toString();
            reportAudit << e;
        }
    };
    QList<Storage::IncidentRow> incidentRows;
    QList<QJsonObject> incidentJson;
    for (const auto &[id, tlp] : incidentTlp) {
        QSqlQuery rows(db);
        rows.setForwardOnly(true);
        rows.prepare(auditSelect + u" WHERE incident = ? ORDER BY id"_s);
        rows.addBindValue(id);
        if (!rows.exec()) {
            return failure(S::BadInput, rows.lastError().text());
        }
        readAudit(rows, tlp);
        if (!options.cap || tlp <= *options.cap) {
            if (auto detail = store->incident(Core::IncidentId { id }, 0, now); detail) {
                incidentRows << detail->incident;
            }
            // The incident's row as stored, column by column, for incidents.jsonl (a reviewer's
            // console rebuilds the incident list from it; mutable state, so signed by the
            // manifest only, not proven by a leaf).
            QSqlQuery row(db);
            row.prepare(u"SELECT * FROM incidents WHERE id = ?"_s);
            row.addBindValue(id);
            if (row.exec() && row.next()) {
                const QSqlRecord record = row.record();
                QJsonObject o { { u"type"_s, u"incident"_s } };
                for (int i = 0; i < record.count(); ++i) {
                    const QVariant v = record.value(i);
                    o.insert(record.fieldName(i),
                        v.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue::fromVariant(v));
                }
                o.insert(u"tlp"_s, tlpName(tlp));
                incidentJson << o;
            }
        }
    }
    if (options.incidents.isEmpty()) {
        // Changes that concern no single incident (suppressions) within the period.
        QSqlQuery rows(db);
        rows.setForwardOnly(true);
        rows.prepare(auditSelect + u" WHERE incident IS NULL AND ts >= ? AND ts < ? ORDER BY id"_s);
        rows.addBindValue(options.since.value_or(std::numeric_limits<qint64>::min()));
        rows.addBindValue(options.until.value_or(std::numeric_limits<qint64>::max()));
        if (!rows.exec()) {
            return failure(S::BadInput, rows.lastError().text());
        }
        readAudit(rows, Tlp::Green);
    }
    if (!problems.isEmpty()) {
        return failure(S::Problem, problems.constFirst());
    }
    std::stable_sort(auditRecords.begin(), auditRecords.end(),
        [](const PackRecord &a, const PackRecord &b) { return a.leaf < b.leaf; });
    std::stable_sort(reportAudit.begin(), reportAudit.end(),
        [](const Storage::AuditEntry &a, const Storage::AuditEntry &b) { return a.ts < b.ts; });
    for (PackRecord &r : auditRecords) {
        QJsonObject o { { u"type"_s, packRecordType(r.kind) } };
        for (auto it = r.json.constBegin(); it != r.json.constEnd(); ++it) {
            o.insert(it.key(), it.value());
        }
        o.insert(u"tlp"_s, tlpName(r.tlp));
        o.insert(u"leaf"_s, r.leaf);
        r.json = o;
    }
    summary.alerts = alerts.size();
    summary.alertEvents = std::count_if(auditRecords.cbegin(), auditRecords.cend(),
        [](const PackRecord &r) { return r.kind == LeafKind::AlertEvent; });
    summary.audit = auditRecords.size() - summary.alertEvents;
    summary.incidents = incidentRows.size();

    // ---- 7. The marking ----
    Tlp highest = Tlp::Clear;
    for (const PackRecord &r : std::as_const(alerts)) {
        highest = std::max(highest, r.tlp);
    }
    for (const PackRecord &r : std::as_const(auditRecords)) {
        highest = std::max(highest, r.tlp);
    }
    if (options.tlp && *options.tlp < highest) {
        return failure(S::BadInput,
            Tr::tr("the pack would hold TLP:%1 records but is marked "
                   "TLP:%2; mark it higher or leave them out with "
                   "--tlp-cap %2")
                .arg(tlpName(highest), tlpName(*options.tlp)));
    }
    summary.tlp = options.tlp.value_or(highest);
    summary.cap = options.cap;
    db.rollback();
    rollback.armed = false;
    if (cancelled()) {
        return failure(S::BadInput, Tr::tr("cancelled"));
    }

    // ---- 8. The files ----
    step(45, Tr::tr("Writing records"));
    if (!QDir().mkpath(options.outDir)) {
        return failure(S::BadInput, Tr::tr("%1: cannot create the folder").arg(options.outDir));
    }
    const QDir dir(options.outDir);
    summary.outDir = dir.absolutePath();
    QByteArray alertsJsonl;
    QByteArray csv = Csv::record({ u"id"_s, u"ts"_s, u"received"_s, u"severity"_s, u"category"_s,
        u"rule"_s, u"title"_s, u"message"_s, u"entity"_s, u"src_ip"_s, u"dst_ip"_s, u"feed"_s,
        u"source"_s, u"incident"_s, u"state"_s, u"tlp"_s, u"fingerprint"_s, u"leaf"_s });
    auto text = [](const QJsonValue &v) -> QString {
        return v.isDouble() ? QString::number(v.toInteger()) : v.toString();
    };
    for (const PackRecord &r : std::as_const(alerts)) {
        alertsJsonl += QJsonDocument(r.json).toJson(QJsonDocument::Compact) + '\n';
        QStringList cells;
        for (const QString &k :
            { u"id"_s, u"ts"_s, u"received"_s, u"severity"_s, u"category"_s, u"rule"_s, u"title"_s,
                u"message"_s, u"entity"_s, u"src_ip"_s, u"dst_ip"_s, u"feed"_s, u"source"_s,
                u"incident"_s, u"state"_s, u"tlp"_s, u"fingerprint"_s, u"leaf"_s }) {
            cells << text(r.json.value(k));
        }
        csv += Csv::record(cells);
    }
    QByteArray auditJsonl;
    for (const PackRecord &r : std::as_const(auditRecords)) {
        auditJsonl += QJsonDocument(r.json).toJson(QJsonDocument::Compact) + '\n';
    }
    QByteArray incidentsJsonl;
    for (const QJsonObject &o : std::as_const(incidentJson)) {
        incidentsJsonl += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    }
    // The incident policy the store applies, so that a review weighs risk as the site does.
    const auto policy = Storage::incidentPolicyDocument(options.storeLocation);
    if (!policy) {
        return failure(S::BadInput, policy.error());
    }
    using Origin = Storage::IncidentPolicyDocument::Origin;
    QString policyOrigin = u"$LAKEGUARD_POLICY"_s;
    if (policy->origin == Origin::BuiltIn) {
        policyOrigin = u"built-in"_s;
    } else if (policy->origin == Origin::BesideStore) {
        policyOrigin = u"beside the store"_s;
    }
    const QList<std::pair<QString, QByteArray>> plain {
        { u"alerts.jsonl"_s, alertsJsonl },
        { u"incidents.jsonl"_s, incidentsJsonl },
        { u"alerts.csv"_s, csv },
        { u"audit.jsonl"_s, auditJsonl },
        { u"policy.json"_s, policy->bytes },
        { u"signing-pub.pem"_s, key->publicKeyPem() },
    };
    for (const auto &[name, bytes] : plain) {
        if (const auto s = writeFile(dir.filePath(name), bytes); !s) {
            return failure(S::BadInput, s.error());
        }
    }

    step(55, Tr::tr("Drawing the report"));
    ReportInput report;
    report.language = options.language;
    report.generator = options.generator;
    report.created = now;
    report.scopeIncidents = options.incidents;
    report.since = options.since;
    report.until = options.until;
    report.tlp = summary.tlp;
    report.cap = options.cap;
    report.withheld = summary.withheldAlerts + summary.withheldAlertEvents + summary.withheldAudit;
    report.checkpoint = cp;
    report.incidents = incidentRows;
    report.alerts = reportAlerts;
    report.audit = reportAudit;
    report.alertEvents = summary.alertEvents;
    if (const auto s = writeReport(report, dir.filePath(u"report.pdf"_s)); !s) {
        return failure(S::BadInput, s.error());
    }
    if (cancelled()) {
        return failure(S::BadInput, Tr::tr("cancelled"));
    }

    // ---- 9. Hashes, instructions, manifest, signature ----
    step(80, Tr::tr("Signing the manifest"));
    auto fileHash = [&](const QString &name, QJsonArray &files, QByteArray *sums) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly)) {
            return false;
        }
        const QByteArray bytes = f.readAll();
        const QByteArray h = Storage::sha256({ bytes });
        files.append(QJsonObject {
            { u"name"_s, name }, { u"sha256"_s, hex(h) }, { u"bytes"_s, qint64(bytes.size()) } });
        if (sums) {
            *sums += h.toHex() + "  " + name.toUtf8() + '\n';
        }
        return true;
    };
    QJsonArray files;
    QByteArray sums;
    for (const QString &name : { u"alerts.csv"_s, u"alerts.jsonl"_s, u"audit.jsonl"_s,
             u"incidents.jsonl"_s, u"policy.json"_s, u"report.pdf"_s, u"signing-pub.pem"_s }) {
        if (!fileHash(name, files, &sums)) {
            return failure(S::BadInput, Tr::tr("%1: cannot read back").arg(dir.filePath(name)));
        }
    }
    if (const auto s = writeFile(dir.filePath(u"SHA256SUMS"_s), sums); !s) {
        return failure(S::BadInput, s.error());
    }
    std::optional<PackRecord> example;
    if (!alerts.isEmpty()) {
        example = alerts.constFirst();
    } else if (!auditRecords.isEmpty()) {
        example = auditRecords.constFirst();
    }
    if (const auto s = writeFile(dir.filePath(u"VERIFY.txt"_s),
            verifyText(summary, Storage::sha256({ sums }), key->keyId(), example));
        !s) {
        return failure(S::BadInput, s.error());
    }
    fileHash(u"SHA256SUMS"_s, files, nullptr);
    fileHash(u"VERIFY.txt"_s, files, nullptr);

    QJsonArray records;
    auto addRecords = [&](const QList<PackRecord> &list, const QString &file) {
        for (const PackRecord &r : list) {
            QJsonArray proof;
            for (const QByteArray &h : tree->inclusionProof(r.leaf)) {
                proof.append(hex(h));
            }
            records.append(QJsonObject {
                { u"file"_s, file },
                { u"type"_s, packRecordType(r.kind) },
                { u"id"_s, r.id },
                { u"leaf"_s, r.leaf },
                { u"leaf_hash"_s, hex(tree->leafHash(r.leaf)) },
                { u"encoding"_s, QString::fromLatin1(r.encoding.toBase64()) },
                { u"proof"_s, proof },
            });
        }
    };
    addRecords(alerts, u"alerts.jsonl"_s);
    addRecords(auditRecords, u"audit.jsonl"_s);

    QJsonObject scope;
    if (!options.incidents.isEmpty()) {
        QJsonArray ids;
        for (const qint64 id : options.incidents) {
            ids.append(id);
        }
        scope = { { u"kind"_s, u"incidents"_s }, { u"incidents"_s, ids } };
    } else {
        scope = { { u"kind"_s, options.since || options.until ? u"period"_s : u"all"_s },
            { u"since"_s,
                options.since ? QJsonValue(Core::formatIsoTimestamp(*options.since))
                              : QJsonValue(QJsonValue::Null) },
            { u"until"_s,
                options.until ? QJsonValue(Core::formatIsoTimestamp(*options.until))
                              : QJsonValue(QJsonValue::Null) } };
    }
    const QJsonObject manifest {
        { u"format"_s, u"lakeguard-evidence-pack/1"_s },
        { u"generator"_s, options.generator },
        { u"created"_s, Core::formatIsoTimestamp(now) },
        { u"language"_s, options.language },
        { u"scope"_s, scope },
        { u"tlp"_s, tlpName(summary.tlp) },
        { u"tlp_cap"_s,
            options.cap ? QJsonValue(tlpName(*options.cap)) : QJsonValue(QJsonValue::Null) },
        { u"tlp_rule"_s,
            u"alert: category insider or data-leak RED; category chain or availability at "
            "severity info or low CLEAR; else info and low GREEN, medium and high AMBER, critical "
            "AMBER+STRICT. alert event: its alert's. incident audit entry: the highest of the "
            "incident's alerts (GREEN for entries of no incident)."_s },
        { u"withheld"_s,
            QJsonObject { { u"alerts"_s, summary.withheldAlerts },
                { u"alert_events"_s, summary.withheldAlertEvents },
                { u"audit"_s, summary.withheldAudit },
                { u"reason"_s, options.cap ? u"above the TLP cap"_s : QString() } } },
        { u"stored_after_checkpoint"_s, afterCheckpoint },
        { u"checkpoint"_s,
            QJsonObject { { u"id"_s, cp.id }, { u"tree_size"_s, cp.treeSize },
                { u"root"_s, hex(cp.root) }, { u"ts"_s, cp.ts },
                { u"time"_s, Core::formatIsoTimestamp(cp.ts) },
                { u"signature"_s, hex(cp.signature) }, { u"key_id"_s, cp.keyId },
                { u"message"_s, QString::fromLatin1(cp.message()) } } },
        { u"policy"_s,
            QJsonObject { { u"file"_s, u"policy.json"_s }, { u"origin"_s, policyOrigin } } },
        { u"signing_key"_s,
            QJsonObject { { u"key_id"_s, key->keyId() }, { u"file"_s, u"signing-pub.pem"_s } } },
        { u"files"_s, files },
        { u"records"_s, records },
    };
    const QByteArray manifestBytes = QJsonDocument(manifest).toJson(QJsonDocument::Indented);
    const auto signature = key->sign(manifestBytes);
    if (!signature) {
        return failure(S::BadInput, signature.error());
    }
    if (const auto s = writeFile(dir.filePath(u"manifest.json"_s), manifestBytes); !s) {
        return failure(S::BadInput, s.error());
    }
    if (const auto s = writeFile(dir.filePath(u"manifest.sig"_s), signature.value()); !s) {
        return failure(S::BadInput, s.error());
    }
    for (const QFileInfo &f : dir.entryInfoList(QDir::Files)) {
        summary.bytes += f.size();
    }

    if (!options.zipFile.isEmpty()) {
        step(92, Tr::tr("Writing the zip"));
        if (const auto s = writeZip(dir.absolutePath(), options.zipFile); !s) {
            return failure(S::BadInput, s.error());
        }
        summary.zipFile = options.zipFile;
    }
    step(100, Tr::tr("Done"));
    ExportOutcome o;
    o.summary = summary;
    return o;
}

} // namespace Lakeguard::Evidence
