// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "packverifier.h"

#include "leafencoding.h"
#include "merkleproof.h"
#include "merkletree.h"
#include "packrecords.h"
#include "signing.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Lakeguard::Evidence {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

constexpr int kMaxProblems = 200;

class Problems
{
public:
    explicit Problems(PackReport &r)
        : m_r(r)
    { }
    void add(const QString &file, const QString &text)
    {
        if (m_r.problems.size() < kMaxProblems) {
            m_r.problems << file + u": "_s + text;
        }
        ++m_count;
    }
    qint64 count() const { return m_count; }

private:
    PackReport &m_r;
    qint64 m_count = 0;
};

} // namespace

PackReport checkPackFiles(
    const QStringList &entries, const PackFileReader &read, const QString &expectedKeyId)
{
    PackReport report;
    Problems problems(report);
    const QString mName = u"manifest.json"_s;

    // ---- The manifest and its signature ----
    const auto manifestBytes = read(mName);
    const auto sig = read(u"manifest.sig"_s);
    const auto pem = read(u"signing-pub.pem"_s);
    if (!manifestBytes) {
        problems.add(mName, Tr::tr("missing"));
        return report;
    }
    std::optional<Storage::Ed25519Key> key;
    if (!pem) {
        problems.add(u"signing-pub.pem"_s, Tr::tr("missing"));
    } else if (auto k = Storage::Ed25519Key::fromPem(*pem); !k) {
        problems.add(u"signing-pub.pem"_s, Tr::tr("not an Ed25519 public key: %1").arg(k.error()));
    } else {
        key = k.value();
        report.keyId = key->keyId();
        if (!expectedKeyId.isEmpty() && expectedKeyId.toLower() != key->keyId()) {
            problems.add(u"signing-pub.pem"_s,
                Tr::tr("the key is %1, not the expected %2").arg(key->keyId(), expectedKeyId));
        }
    }
    if (!sig) {
        problems.add(u"manifest.sig"_s, Tr::tr("missing"));
    } else if (key && !key->verify(*manifestBytes, *sig)) {
        problems.add(u"manifest.sig"_s,
            Tr::tr("the signature does not verify manifest.json with signing-pub.pem: "
                   "manifest.json, manifest.sig or the key was changed"));
    }
    QJsonParseError perr {};
    const QJsonDocument doc = QJsonDocument::fromJson(*manifestBytes, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
        problems.add(mName,
            Tr::tr("not valid JSON (%1 at byte %2)").arg(perr.errorString()).arg(perr.offset));
        return report;
    }
    const QJsonObject m = doc.object();
    if (m.value(u"format"_s).toString() != u"lakeguard-evidence-pack/1"_s) {
        problems.add(mName, Tr::tr("unknown format \"%1\"").arg(m.value(u"format"_s).toString()));
        return report;
    }
    report.tlp = m.value(u"tlp"_s).toString();

    // ---- Files: listed, present, hashes; nothing extra ----
    QSet<QString> listed { mName, u"manifest.sig"_s };
    QHash<QString, QByteArray> contents;
    for (const QJsonValue v : m.value(u"files"_s).toArray()) {
        const QJsonObject f = v.toObject();
        const QString name = f.value(u"name"_s).toString();
        if (name.isEmpty() || name.contains(u'/') || name.startsWith(u'.')) {
            problems.add(mName, Tr::tr("lists an invalid file name \"%1\"").arg(name));
            continue;
        }
        listed.insert(name);
        const auto bytes = read(name);
        if (!bytes) {
            problems.add(name, Tr::tr("missing (listed in manifest.json)"));
            continue;
        }
        ++report.files;
        contents.insert(name, *bytes);
        const QString got = QString::fromLatin1(Storage::sha256({ *bytes }).toHex());
        if (got != f.value(u"sha256"_s).toString()) {
            problems.add(name,
                Tr::tr("SHA-256 %1 differs from the manifest's %2: the file was "
                       "changed")
                    .arg(got, f.value(u"sha256"_s).toString()));
        }
    }
    for (const QString &name : { u"signing-pub.pem"_s, u"alerts.jsonl"_s, u"audit.jsonl"_s,
             u"incidents.jsonl"_s, u"alerts.csv"_s, u"report.pdf"_s, u"VERIFY.txt"_s }) {
        if (!listed.contains(name)) {
            problems.add(mName, Tr::tr("does not list %1").arg(name));
        }
    }
    for (const QString &entry : entries) {
        if (!listed.contains(entry)) {
            problems.add(entry, Tr::tr("not listed in manifest.json: not part of the pack"));
        }
    }

    // ---- The checkpoint ----
    const QJsonObject c = m.value(u"checkpoint"_s).toObject();
    Storage::Checkpoint &cp = report.checkpoint;
    cp.id = c.value(u"id"_s).toInteger();
    cp.treeSize = c.value(u"tree_size"_s).toInteger(-1);
    cp.root = QByteArray::fromHex(c.value(u"root"_s).toString().toLatin1());
    cp.ts = c.value(u"ts"_s).toInteger();
    cp.signature = QByteArray::fromHex(c.value(u"signature"_s).toString().toLatin1());
    cp.keyId = c.value(u"key_id"_s).toString();
    bool checkpointOk = cp.treeSize > 0 && cp.root.size() == 32 && cp.signature.size() == 64;
    if (!checkpointOk) {
        problems.add(mName, Tr::tr("the checkpoint is incomplete"));
    } else if (key) {
        if (cp.keyId != key->keyId()) {
            problems.add(mName,
                Tr::tr("the checkpoint names key %1 but signing-pub.pem is %2")
                    .arg(cp.keyId, key->keyId()));
            checkpointOk = false;
        } else if (!key->verify(cp.message(), cp.signature)) {
            problems.add(mName,
                Tr::tr("the signature of checkpoint %1 (tree size %2) does not "
                       "verify")
                    .arg(cp.id)
                    .arg(cp.treeSize));
            checkpointOk = false;
        }
    }

    // ---- Records: each JSON line against its encoding, leaf hash and proof ----
    // type + id → the JSON line, per file
    QHash<QString, QJsonObject> lines;
    QHash<QString, qint64> lineCount;
    for (const QString &file : { u"alerts.jsonl"_s, u"audit.jsonl"_s }) {
        const QByteArray bytes = contents.value(file);
        qint64 n = 0;
        for (const QByteArray &line : bytes.split('\n')) {
            if (line.isEmpty()) {
                continue;
            }
            ++n;
            const QJsonDocument d = QJsonDocument::fromJson(line);
            if (!d.isObject()) {
                problems.add(file, Tr::tr("line %1 is not a JSON object").arg(n));
                continue;
            }
            const QJsonObject o = d.object();
            const QString type
                = file == u"alerts.jsonl"_s ? u"alert"_s : o.value(u"type"_s).toString();
            const QString k
                = file + u'|' + type + u'|' + QString::number(o.value(u"id"_s).toInteger());
            if (lines.contains(k)) {
                problems.add(file,
                    Tr::tr("%1 %2 appears twice").arg(type).arg(o.value(u"id"_s).toInteger()));
            }
            lines.insert(k, o);
        }
        lineCount.insert(file, n);
    }
    QSet<QString> proven;
    for (const QJsonValue v : m.value(u"records"_s).toArray()) {
        const QJsonObject r = v.toObject();
        const QString file = r.value(u"file"_s).toString();
        const QString type = r.value(u"type"_s).toString();
        const qint64 id = r.value(u"id"_s).toInteger();
        const qint64 leaf = r.value(u"leaf"_s).toInteger(-1);
        const QString what = Tr::tr("%1 %2 (leaf %3)").arg(type).arg(id).arg(leaf);
        const QByteArray encoding
            = QByteArray::fromBase64(r.value(u"encoding"_s).toString().toLatin1());
        const QByteArray leafHash = Storage::merkleLeafHash(encoding);
        ++report.records;
        if (QString::fromLatin1(leafHash.toHex()) != r.value(u"leaf_hash"_s).toString()) {
            problems.add(mName, Tr::tr("%1: the encoding does not give the leaf hash").arg(what));
        }
        QList<QByteArray> proof;
        for (const QJsonValue p : r.value(u"proof"_s).toArray()) {
            proof << QByteArray::fromHex(p.toString().toLatin1());
        }
        if (checkpointOk
            && !Storage::verifyInclusion(leafHash, leaf, cp.treeSize, proof, cp.root)) {
            problems.add(mName,
                Tr::tr("%1: the inclusion proof does not lead to the root of "
                       "checkpoint %2")
                    .arg(what)
                    .arg(cp.id));
        }
        const auto decoded = Storage::LeafEncoding::decode(encoding);
        if (!decoded || packRecordType(decoded->kind) != type
            || decoded->values.value(0).toLongLong() != id) {
            problems.add(
                mName, Tr::tr("%1: the encoding is not a %2 record with that id").arg(what, type));
            continue;
        }
        const QString k = file + u'|' + type + u'|' + QString::number(id);
        proven.insert(k);
        const auto line = lines.constFind(k);
        if (line == lines.cend()) {
            problems.add(file, Tr::tr("%1 is in the manifest but not in the file").arg(what));
            continue;
        }
        const QJsonObject expected = leafRecordJson(decoded->kind, decoded->values);
        for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
            if (line->value(it.key()) != it.value()) {
                problems.add(
                    file, Tr::tr("%1: \"%2\" differs from the signed record").arg(what, it.key()));
            }
        }
        if (line->value(u"leaf"_s).toInteger(-1) != leaf) {
            problems.add(file, Tr::tr("%1: \"leaf\" differs from the manifest").arg(what));
        }
    }
    for (auto it = lines.constBegin(); it != lines.constEnd(); ++it) {
        if (!proven.contains(it.key())) {
            const QStringList parts = it.key().split(u'|');
            problems.add(parts.value(0),
                Tr::tr("%1 %2 has no proof in the manifest").arg(parts.value(1), parts.value(2)));
        }
    }
    report.ok = problems.count() == 0;
    return report;
}

} // namespace Lakeguard::Evidence
