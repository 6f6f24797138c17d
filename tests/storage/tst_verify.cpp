// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "leafencoding.h"
#include "merklelog.h"
#include "merkletree.h"
#include "schema.h"
#include "signing.h"
#include "sqlitestore.h"
#include "storewriter.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace Lakeguard::Storage;

namespace {

constexpr qint64 kBase = 1'767'225'600'000LL; // 2026-01-01T00:00:00Z

Alert makeAlert(int i)
{
    Alert a;
    a.ts = kBase + qint64(i) * 1000;
    a.received = a.ts + 5;
    a.feed = u"t"_s;
    a.source = u"jsonl"_s;
    a.severity = Core::severityFromInt(i % 5);
    a.category = Core::Category::Fraud;
    a.rule = u"rule.%1"_s.arg(i % 3);
    a.title = u"Alert %1"_s.arg(i);
    a.message = u"message %1"_s.arg(i);
    a.entity = u"acct-%1"_s.arg(i % 7);
    a.srcIp = i % 2 ? u"192.0.2.%1"_s.arg(i % 250) : QString();
    a.fingerprint = Core::fingerprintOf(u"t", QByteArray::number(i));
    a.raw = "{\"i\":" + QByteArray::number(i) + '}';
    return a;
}

IngestBatch batch(int first, int count, int chainCount = 0)
{
    IngestBatch b;
    b.feed = u"t"_s;
    b.feedType = u"test"_s;
    for (int i = first; i < first + count; ++i) {
        b.alerts << makeAlert(i);
    }
    for (int i = 0; i < chainCount; ++i) {
        ChainObservation o;
        o.chain = u"eth"_s;
        o.node = u"n%1"_s.arg(i % 2);
        o.height = 1000 + first + i;
        o.headHash = u"0xabc"_s;
        o.observed = kBase + qint64(first + i) * 1000;
        o.peers = 3;
        o.lag = i % 2;
        o.state = u"healthy"_s;
        o.latencyMs = 12;
        b.chain << o;
    }
    return b;
}

StoreOptions smallCheckpoints()
{
    StoreOptions o;
    o.checkpointLeaves = 50;
    o.checkpointIntervalMs = 24 * 3'600'000;
    return o;
}

} // namespace

class tst_Verify : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<SqliteStore> open(const QString &name,
                                      AlertStore::Mode mode = AlertStore::Mode::ReadWrite,
                                      StoreOptions options = smallCheckpoints())
    {
        auto s = std::make_unique<SqliteStore>(path(name), options);
        const Status st = s->open(mode);
        if (!st) {
            qWarning() << st.error();
            return nullptr;
        }
        return s;
    }

    // 200 alerts and 20 chain observations in five batches, closed (so the tail is signed).
    bool filled(const QString &name)
    {
        auto s = open(name);
        if (!s) {
            return false;
        }
        for (int b = 0; b < 5; ++b) {
            const BatchResult r = s->writeBatch(batch(b * 40, 40, 4));
            if (!r.ok || r.accepted != 40) {
                qWarning() << r.error;
                return false;
            }
        }
        return true;
    }

    // Raw SQL on a connection of its own: what someone with file access could do.
    bool tamper(const QString &name, const QStringList &statements)
    {
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
            db.setDatabaseName(path(name));
            ok = db.open();
            QSqlQuery q(db);
            for (const QString &s : statements) {
                if (ok && !q.exec(s)) {
                    qWarning() << s << q.lastError().text();
                    ok = false;
                }
            }
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"tamper"_s);
        return ok;
    }

    qint64 scalar(const QString &name, const QString &sql)
    {
        auto s = open(name, AlertStore::Mode::ReadOnly);
        QSqlQuery q(s->database());
        if (!q.exec(sql) || !q.next()) {
            return -1;
        }
        return q.value(0).toLongLong();
    }

    QString scalarText(const QString &name, const QString &sql)
    {
        auto s = open(name, AlertStore::Mode::ReadOnly);
        QSqlQuery q(s->database());
        if (!q.exec(sql) || !q.next()) {
            return QString();
        }
        return q.value(0).toString();
    }

    VerifyReport verifyReadOnly(const QString &name)
    {
        auto s = open(name, AlertStore::Mode::ReadOnly);
        if (!s) {
            return {};
        }
        auto r = s->verify(false);
        if (!r) {
            qWarning() << r.error();
            return {};
        }
        return r.value();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    // The byte layout docs/tamper-evidence.md specifies, pinned (derived with Python).
    void canonicalEncodingIsStable()
    {
        const QByteArray chain = LeafEncoding::encode(
            LeafKind::ChainObservation,
            {qint64(7), qint64(1000), u"eth"_s, u"n1"_s, qint64(19'000'000), qint64(0), 42});
        QCOMPARE(chain.toHex(),
                 QByteArray("01020100000000000000070100000000000003e8020000000365746802000000026e"
                            "3101000000000121eac001000000000000000001000000000000002a"));
        QCOMPARE(merkleLeafHash(chain).toHex(),
                 QByteArray("214cae40a252bc7d769c1336cec672c34639d1a283715e42c51f7d47924051d4"));
        const QByteArray alert = LeafEncoding::encode(
            LeafKind::Alert,
            {qint64(1), kBase, kBase + 5, u"f"_s, u"jsonl"_s, 3, u"fraud"_s, u"r"_s, u"T"_s,
             u""_s, u""_s, u"192.0.2.1"_s, QVariant(QMetaType::fromType<QString>()),
             QByteArray(32, '\xaa'), QByteArray("{}")});
        QCOMPARE(merkleLeafHash(alert).toHex(),
                 QByteArray("04901f0768a5482fedc6f5eb4f71b260c1bc5377abe2625b1277d811417691bd"));
    }

    void cleanStoreVerifies()
    {
        QVERIFY(filled(u"clean.db"_s));
        QCOMPARE(scalar(u"clean.db"_s, u"SELECT count(*) FROM leaves"_s), 220);
        QCOMPARE(scalar(u"clean.db"_s, u"SELECT min(seq) FROM leaves"_s), 0);
        // 44-leaf batches with a 50-leaf interval: a checkpoint every other batch, one at close.
        QVERIFY(scalar(u"clean.db"_s, u"SELECT count(*) FROM checkpoints"_s) >= 3);
        QCOMPARE(scalar(u"clean.db"_s, u"SELECT max(tree_size) FROM checkpoints"_s), 220);

        const VerifyReport r = verifyReadOnly(u"clean.db"_s);
        QVERIFY2(r.ok, qPrintable(r.firstProblem));
        QCOMPARE(r.leavesChecked, 220);
        QCOMPARE(r.treeSize, 220);
        QCOMPARE(r.signedSize, 220);
        QCOMPARE(r.checkpointsChecked,
                 scalar(u"clean.db"_s, u"SELECT count(*) FROM checkpoints"_s));
        QVERIFY(r.latest);
        QCOMPARE(r.latest->root, r.root);
        QVERIFY(r.publicKeyPem.startsWith("-----BEGIN PUBLIC KEY-----"));
        QCOMPARE(r.keyId.size(), 64);
    }

    void keyFilesBesideTheStore()
    {
        QVERIFY(filled(u"keys.db"_s));
        const QString priv = MerkleLog::privateKeyPath(path(u"keys.db"_s));
        const QString pub = MerkleLog::publicKeyPath(path(u"keys.db"_s));
        QCOMPARE(priv, path(u"keys.db.signing-key.pem"_s));
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(priv).constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0600));
        const auto pubKey = Ed25519Key::load(pub);
        QVERIFY(pubKey);
        QCOMPARE(pubKey->keyId(), verifyReadOnly(u"keys.db"_s).keyId);
        // Reopening keeps the key: checkpoints stay under one key id.
        { QVERIFY(open(u"keys.db"_s)->writeBatch(batch(1000, 60)).ok); }
        QCOMPARE(scalar(u"keys.db"_s, u"SELECT count(DISTINCT key_id) FROM checkpoints"_s), 1);
        // A copy without either key file verifies from the public key kept in the store.
        QVERIFY(QFile::remove(priv));
        QVERIFY(QFile::remove(pub));
        const VerifyReport r = verifyReadOnly(u"keys.db"_s);
        QVERIFY2(r.ok, qPrintable(r.firstProblem));
        QCOMPARE(r.keyId, pubKey->keyId());
        QVERIFY(!QFile::exists(priv)); // read-only never creates a key
    }

    void duplicatesAddNoLeaf()
    {
        auto s = open(u"dups.db"_s);
        QVERIFY(s->writeBatch(batch(0, 30)).ok);
        const BatchResult again = s->writeBatch(batch(0, 30));
        QCOMPARE(again.duplicates, 30);
        QSqlQuery q(s->database());
        QVERIFY(q.exec(u"SELECT count(*) FROM leaves"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 30);
        const auto r = s->verify(false);
        QVERIFY(r && r->ok);
    }

    void mutableIncidentIsNotCovered()
    {
        QVERIFY(filled(u"incident.db"_s));
        QVERIFY(tamper(u"incident.db"_s, {u"UPDATE alerts SET incident = 9 WHERE id < 20"_s}));
        QVERIFY(verifyReadOnly(u"incident.db"_s).ok);
    }

    void modifiedAlertIsNamed()
    {
        QVERIFY(filled(u"modified.db"_s));
        const qint64 leaf =
            scalar(u"modified.db"_s, u"SELECT seq FROM leaves WHERE kind = 1 AND ref_id = 123"_s);
        QVERIFY(leaf > 0);
        QVERIFY(tamper(u"modified.db"_s,
                       {u"UPDATE alerts SET title = 'nothing to see' WHERE id = 123"_s}));
        const VerifyReport r = verifyReadOnly(u"modified.db"_s);
        QVERIFY(!r.ok);
        QCOMPARE(r.firstProblem, u"alert 123 (leaf %1) was modified"_s.arg(leaf));
        // The record as it is now no longer matches the signed root either.
        QVERIFY(r.problems.size() >= 2);
        QVERIFY(r.problems.at(1).startsWith(u"checkpoint "_s));
    }

    void modifiedChainObservationIsNamed()
    {
        QVERIFY(filled(u"chain.db"_s));
        QVERIFY(tamper(u"chain.db"_s, {u"UPDATE chain_history SET height = 1 WHERE id = 5"_s}));
        const VerifyReport r = verifyReadOnly(u"chain.db"_s);
        QVERIFY(!r.ok);
        QVERIFY2(r.firstProblem.startsWith(u"chain observation 5 (leaf "_s),
                 qPrintable(r.firstProblem));
        QVERIFY(r.firstProblem.endsWith(u"was modified"_s));
    }

    // Alert state changes are leaves of their own; the current state must match the last one.
    bool withLifecycle(const QString &name)
    {
        auto s = open(name);
        if (!s || !s->writeBatch(batch(0, 20, 0)).ok) {
            return false;
        }
        IngestBatch b = batch(100, 1, 0);
        b.alerts[0].state = u"firing"_s;
        if (s->writeBatch(b).accepted != 1) {
            return false;
        }
        b.alerts[0].state = u"resolved"_s;
        return s->writeBatch(b).updated == 1;
    }

    void alertEventsAreCovered()
    {
        QVERIFY(withLifecycle(u"events.db"_s));
        QCOMPARE(scalar(u"events.db"_s, u"SELECT count(*) FROM leaves WHERE kind = 3"_s), 2);
        const VerifyReport clean = verifyReadOnly(u"events.db"_s);
        QVERIFY2(clean.ok, qPrintable(clean.firstProblem));

        QVERIFY(withLifecycle(u"events-edit.db"_s));
        QVERIFY(tamper(u"events-edit.db"_s,
                       {u"UPDATE alert_events SET message = 'nothing happened' WHERE id = 2"_s}));
        VerifyReport r = verifyReadOnly(u"events-edit.db"_s);
        QVERIFY(!r.ok);
        QVERIFY2(r.firstProblem.startsWith(u"alert event 2 (leaf "_s), qPrintable(r.firstProblem));
        QVERIFY(r.firstProblem.endsWith(u"was modified"_s));

        QVERIFY(withLifecycle(u"events-state.db"_s));
        QVERIFY(tamper(u"events-state.db"_s,
                       {u"UPDATE alerts SET state = 'firing' WHERE state = 'resolved'"_s}));
        r = verifyReadOnly(u"events-state.db"_s);
        QVERIFY(!r.ok);
        QCOMPARE(r.firstProblem,
                 u"alert 21 says its state is \"firing\" but its last recorded event says "
                 "\"resolved\": the state was changed outside Lakeguard"_s);
    }

    void deletedAlertIsNamed()
    {
        QVERIFY(filled(u"deleted.db"_s));
        QVERIFY(tamper(u"deleted.db"_s, {u"DELETE FROM alerts WHERE id = 77"_s}));
        const VerifyReport r = verifyReadOnly(u"deleted.db"_s);
        QVERIFY(!r.ok);
        QVERIFY2(r.firstProblem.startsWith(u"alert 77 (leaf "_s), qPrintable(r.firstProblem));
        QVERIFY(r.firstProblem.endsWith(u"was deleted"_s));
    }

    void insertedAlertIsNamed()
    {
        QVERIFY(filled(u"inserted.db"_s));
        QVERIFY(tamper(u"inserted.db"_s,
                       {u"INSERT INTO alerts (ts, received, feed, source, severity, category, rule,"
                        " title, message, entity, fingerprint, raw) VALUES (1, 1, 't', 'jsonl', 4,"
                        " 'fraud', 'r', 'planted', '', '', x'00', x'00')"_s}));
        const VerifyReport r = verifyReadOnly(u"inserted.db"_s);
        QVERIFY(!r.ok);
        QCOMPARE(r.firstProblem, u"alert 201 has no leaf: it was added outside Lakeguard"_s);
    }

    void reorderedLeavesFailAtCheckpoint()
    {
        QVERIFY(filled(u"reorder.db"_s));
        // Swap leaves 5 and 6 whole (record and hash): each leaf still matches its record.
        QVERIFY(tamper(u"reorder.db"_s,
                       {u"UPDATE leaves SET seq = -1 WHERE seq = 5"_s,
                        u"UPDATE leaves SET seq = 5 WHERE seq = 6"_s,
                        u"UPDATE leaves SET seq = 6 WHERE seq = -1"_s}));
        const VerifyReport r = verifyReadOnly(u"reorder.db"_s);
        QVERIFY(!r.ok);
        QCOMPARE(r.firstProblem, u"alert 6 (leaf 6) is out of order or repeated: leaves were "
                                 "reordered or inserted"_s);
        bool checkpointFailed = false;
        for (const QString &p : r.problems) {
            checkpointFailed = checkpointFailed || p.contains(u"does not match the records"_s);
        }
        QVERIFY2(checkpointFailed, qPrintable(r.problems.join(u"; "_s)));
    }

    void swappedLeafHashesFail()
    {
        QVERIFY(filled(u"swap.db"_s));
        QVERIFY(tamper(u"swap.db"_s,
                       {u"UPDATE leaves SET hash = (SELECT hash FROM leaves WHERE seq = 9)"
                        " WHERE seq = 8"_s}));
        const VerifyReport r = verifyReadOnly(u"swap.db"_s);
        QVERIFY(!r.ok);
        QCOMPARE(r.firstProblem, u"alert 9 (leaf 8) was modified"_s);
    }

    void tamperedCheckpointFails_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        QTest::addRow("root") << u"UPDATE checkpoints SET root = zeroblob(32) WHERE id = 2"_s
                              << u"checkpoint 2 (tree size %1) does not match the records"_s;
        QTest::addRow("signature")
            << u"UPDATE checkpoints SET signature = zeroblob(64) WHERE id = 2"_s
            << u"checkpoint 2 (tree size %1): the signature does not verify"_s;
        QTest::addRow("time") << u"UPDATE checkpoints SET ts = ts - 1 WHERE id = 2"_s
                              << u"checkpoint 2 (tree size %1): the signature does not verify"_s;
        QTest::addRow("key") << u"UPDATE checkpoints SET key_id = 'abc' WHERE id = 2"_s
                             << u"checkpoint 2 (tree size %1) is signed by unknown key abc"_s;
    }

    void tamperedCheckpointFails()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        const QString name = u"cp-%1.db"_s.arg(QString::fromLatin1(QTest::currentDataTag()));
        QVERIFY(filled(name));
        const qint64 size = scalar(name, u"SELECT tree_size FROM checkpoints WHERE id = 2"_s);
        QVERIFY(tamper(name, {sql}));
        const VerifyReport r = verifyReadOnly(name);
        QVERIFY(!r.ok);
        QVERIFY2(r.firstProblem.startsWith(expected.arg(size)), qPrintable(r.firstProblem));
    }

    void forgedCheckpointFails()
    {
        QVERIFY(filled(u"forged.db"_s));
        // A checkpoint that claims the store's key but was signed with another.
        const auto forger = Ed25519Key::generate();
        Checkpoint c;
        c.treeSize = 220;
        c.root = verifyReadOnly(u"forged.db"_s).root;
        c.ts = kBase;
        c.keyId = verifyReadOnly(u"forged.db"_s).keyId;
        const QByteArray sig = forger->sign(c.message()).value();
        QVERIFY(tamper(u"forged.db"_s,
                       {u"INSERT INTO checkpoints (tree_size, root, ts, signature, key_id)"
                        " VALUES (220, x'%1', %2, x'%3', '%4')"_s.arg(
                            QString::fromLatin1(c.root.toHex()), QString::number(c.ts),
                            QString::fromLatin1(sig.toHex()), c.keyId)}));
        const VerifyReport r = verifyReadOnly(u"forged.db"_s);
        QVERIFY(!r.ok);
        QCOMPARE(r.firstProblem, u"checkpoint 4 (tree size 220): the signature does not verify"_s);
    }

    void truncationIsDetected()
    {
        QVERIFY(filled(u"truncated.db"_s));
        // The last 20 leaves and their records removed consistently.
        QVERIFY(tamper(u"truncated.db"_s,
                       {u"DELETE FROM alerts WHERE id > 184"_s,
                        u"DELETE FROM chain_history WHERE id > 16"_s,
                        u"DELETE FROM leaves WHERE seq >= 200"_s}));
        const VerifyReport r = verifyReadOnly(u"truncated.db"_s);
        QVERIFY(!r.ok);
        QCOMPARE(r.firstProblem, u"checkpoint 3 covers 220 leaves but the store has 200: records "
                                 "were removed"_s);
    }

    // A check in steps (the console's verifier) finds what a check in one read finds, in the
    // same words and order, whatever the step: a gap or a tampered record across a step's end.
    void stepsFindWhatOneReadFinds_data()
    {
        QTest::addColumn<QStringList>("sql");
        QTest::addColumn<bool>("pruned");
        QTest::addRow("clean") << QStringList() << false;
        QTest::addRow("modified") << QStringList {
            u"UPDATE alerts SET title = 'x' WHERE id = 123"_s
        } << false;
        QTest::addRow("deleted") << QStringList { u"DELETE FROM alerts WHERE id = 77"_s } << false;
        QTest::addRow("inserted") << QStringList {
            u"INSERT INTO alerts (ts, received, feed, source, severity, category,"
            " rule, title, message, entity, fingerprint, raw) VALUES (1, 1, 't',"
            " 'jsonl', 4, 'fraud', 'r', 'planted', '', '', x'00', x'00')"_s
        } << false;
        QTest::addRow("reordered") << QStringList { u"UPDATE leaves SET seq = -1 WHERE seq = 5"_s,
            u"UPDATE leaves SET seq = 5 WHERE seq = 6"_s,
            u"UPDATE leaves SET seq = 6 WHERE seq = -1"_s }
                                   << false;
        QTest::addRow("leaves missing")
            << QStringList { u"DELETE FROM leaves WHERE seq BETWEEN 48 AND 53"_s } << false;
        QTest::addRow("truncated") << QStringList { u"DELETE FROM alerts WHERE id > 184"_s,
            u"DELETE FROM chain_history WHERE id > 16"_s, u"DELETE FROM leaves WHERE seq >= 200"_s }
                                   << false;
        QTest::addRow("checkpoint root")
            << QStringList { u"UPDATE checkpoints SET root = zeroblob(32) WHERE id = 2"_s }
            << false;
        QTest::addRow("pruned") << QStringList() << true;
        QTest::addRow("pruned, one more deleted")
            << QStringList { u"DELETE FROM alerts WHERE id = 190"_s } << true;
    }

    void stepsFindWhatOneReadFinds()
    {
        QFETCH(QStringList, sql);
        QFETCH(bool, pruned);
        const QString name = u"steps-%1.db"_s.arg(
            QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-').remove(u','));
        QVERIFY(filled(name));
        if (pruned) {
            RetentionPolicy keep50;
            keep50.maxAlerts = 50;
            const auto r = open(name)->prune(keep50, kBase);
            QVERIFY2(r && r->alerts == 150, r ? "" : qPrintable(r.error()));
        }
        QVERIFY(sql.isEmpty() || tamper(name, sql));
        auto s = open(name, AlertStore::Mode::ReadOnly);
        const auto whole = s->verify(false);
        QVERIFY2(whole, qPrintable(whole.error()));
        QCOMPARE(whole->readTransactions, 1);
        QCOMPARE(whole->ok, sql.isEmpty());
        for (const qint64 step : { 1, 7, 50, 219, 220, 1000 }) {
            const auto r = s->verifyInSteps(false, { .leaves = step });
            QVERIFY2(r, qPrintable(r.error()));
            QCOMPARE(r->readTransactions, r->leavesChecked / step + 1);
            QCOMPARE(r->problems, whole->problems);
            QCOMPARE(r->problemCount, whole->problemCount);
            QCOMPARE(r->firstProblem, whole->firstProblem);
            QCOMPARE(r->ok, whole->ok);
            QCOMPARE(r->leavesChecked, whole->leavesChecked);
            QCOMPARE(r->treeSize, whole->treeSize);
            QCOMPARE(r->signedSize, whole->signedSize);
            QCOMPARE(r->root, whole->root);
            QCOMPARE(r->checkpointsChecked, whole->checkpointsChecked);
            QCOMPARE(r->prunedRecords, whole->prunedRecords);
            QCOMPARE(r->pruneRecords, whole->pruneRecords);
            QCOMPARE(r->state, whole->state);
        }
    }

    // Steps bounded by time: a read ends when its time is up, wherever it is in the leaves.
    void stepsEndInTime()
    {
        const QString name = u"steps-time.db"_s;
        {
            auto s = open(name);
            QVERIFY(s);
            for (int b = 0; b < 10; ++b) {
                QVERIFY(s->writeBatch(batch(b * 300, 300, 10)).ok);
            }
        }
        auto s = open(name, AlertStore::Mode::ReadOnly);
        const auto whole = s->verify(false);
        QVERIFY(whole && whole->ok);
        QCOMPARE(whole->leavesChecked, 3100);
        const auto r = s->verifyInSteps(false, { .milliseconds = 1 });
        QVERIFY2(r, qPrintable(r.error()));
        // Hashing 3,100 records takes well over a millisecond on any machine.
        QVERIFY2(r->readTransactions > 1, qPrintable(QString::number(r->readTransactions)));
        QVERIFY(r->readTransactions <= 3101);
        QVERIFY2(r->ok, qPrintable(r->firstProblem));
        QCOMPARE(r->leavesChecked, whole->leavesChecked);
        QCOMPARE(r->root, whole->root);
        QCOMPARE(r->checkpointsChecked, whole->checkpointsChecked);
        QCOMPARE(r->state, whole->state);
    }

    // A check told to stop (the console closing) stops after the chunk it is in, in steps or
    // not, and says so; it saves nothing.
    void stopsWhenTold()
    {
        QVERIFY(filled(u"stop.db"_s));
        auto s = open(u"stop.db"_s);
        const std::atomic<bool> stop = true;
        for (const qint64 leaves : { 0, 7 }) {
            const auto r = s->verifyInSteps(false, { .leaves = leaves, .cancel = &stop });
            QVERIFY(!r);
            QCOMPARE(r.error(), u"the check was stopped"_s);
        }
        QCOMPARE(
            scalar(u"stop.db"_s, u"SELECT count(*) FROM meta WHERE key = 'verified_checkpoint'"_s),
            0);
        const std::atomic<bool> goOn = false;
        const auto r = s->verifyInSteps(false, { .leaves = 7, .cancel = &goOn });
        QVERIFY(r && r->ok);
    }

    // Between two steps no read is open, so the writer can merge its write-ahead log and start
    // it again from the beginning; what it writes meanwhile (new leaves, checkpoints, a prune)
    // is checked by the later steps.
    void stepsLetTheWriterStartItsLogAgain()
    {
        const QString name = u"steps-live.db"_s;
        QVERIFY(filled(name));
        auto writer = open(name);
        auto reader = open(name, AlertStore::Mode::ReadOnly);
        QVERIFY(writer && reader);
        MerkleLog log(reader->database(), path(name), smallCheckpoints());
        int calls = 0;
        QStringList merges;
        log.setBetweenReads([&] {
            ++calls;
            if (calls <= 3) {
                const BatchResult b = writer->writeBatch(batch(1000 + calls * 40, 40, 4));
                QVERIFY2(b.ok, qPrintable(b.error));
            }
            if (calls == 2) {
                // Alerts the reader has not reached yet, and some it has.
                RetentionPolicy keep100;
                keep100.maxAlerts = 100;
                const auto pruned = writer->prune(keep100, kBase);
                QVERIFY2(pruned && pruned->alerts > 0, pruned ? "" : qPrintable(pruned.error()));
            }
            // busy, log frames, frames merged: 0 0 0 when nothing holds the log.
            QSqlQuery q(writer->database());
            QVERIFY(q.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s) && q.next());
            merges << u"%1 %2 %3"_s.arg(q.value(0).toInt())
                          .arg(q.value(1).toInt())
                          .arg(q.value(2).toInt());
        });
        const auto r = log.verify(false, false, { .leaves = 60 });
        QVERIFY2(r, qPrintable(r.error()));
        QVERIFY2(r->ok, qPrintable(r->problems.join(u"; "_s)));
        QCOMPARE(merges, QStringList(calls, u"0 0 0"_s));
        QCOMPARE(r->readTransactions, calls + 1);
        // Every leaf written during the check was checked, and every checkpoint signed.
        const qint64 leaves = scalar(name, u"SELECT count(*) FROM leaves"_s);
        QCOMPARE(leaves, 220 + 3 * 44 + 1); // three batches and the prune record's leaf
        QCOMPARE(r->treeSize, leaves);
        QCOMPARE(r->leavesChecked, leaves);
        QCOMPARE(r->checkpointsChecked, scalar(name, u"SELECT count(*) FROM checkpoints"_s));
        QCOMPARE(r->pruneRecords, 1);
        QVERIFY(r->prunedRecords > 0);
    }

    void incrementalChecksOnlyNewLeaves()
    {
        auto s = open(u"incr.db"_s);
        QVERIFY(s->writeBatch(batch(0, 100, 4)).ok);
        QVERIFY(s->checkpoint(true));
        auto full = s->verify(false);
        QVERIFY(full && full->ok);
        QCOMPARE(full->leavesChecked, 104);

        QVERIFY(s->writeBatch(batch(100, 60)).ok);
        QVERIFY(s->checkpoint(true));
        auto incr = s->verify(true);
        QVERIFY2(incr && incr->ok, qPrintable(incr->firstProblem));
        QVERIFY(incr->incremental);
        QCOMPARE(incr->fromLeaf, 104);
        QCOMPARE(incr->leavesChecked, 60);
        QCOMPARE(incr->treeSize, 164);

        // A new record tampered with after it was signed: incremental catches it.
        QVERIFY(s->writeBatch(batch(160, 60)).ok);
        QVERIFY(s->checkpoint(true));
        QVERIFY(tamper(u"incr.db"_s, {u"UPDATE alerts SET severity = 0 WHERE id = 170"_s}));
        incr = s->verify(true);
        QVERIFY(incr && !incr->ok);
        QCOMPARE(incr->firstProblem, u"alert 170 (leaf 173) was modified"_s);
    }

    void incrementalMissesOldChangesFullDoesNot()
    {
        auto s = open(u"incr2.db"_s);
        QVERIFY(s->writeBatch(batch(0, 80)).ok);
        QVERIFY(s->checkpoint(true));
        QVERIFY(s->verify(false)->ok);
        QVERIFY(tamper(u"incr2.db"_s, {u"UPDATE alerts SET title = 'old change' WHERE id = 4"_s}));
        QVERIFY(s->writeBatch(batch(80, 10)).ok);
        QVERIFY(s->checkpoint(true));
        QVERIFY(s->verify(true)->ok);          // documented limit of incremental
        const auto full = s->verify(false);
        QVERIFY(!full->ok);
        QCOMPARE(full->firstProblem, u"alert 4 (leaf 3) was modified"_s);
    }

    void incrementalWithoutStateIsFull()
    {
        QVERIFY(filled(u"nostate.db"_s));
        auto s = open(u"nostate.db"_s);
        const auto r = s->verify(true);
        QVERIFY(r && r->ok);
        QVERIFY(!r->incremental);
        QCOMPARE(r->leavesChecked, 220);
    }

    // The console verifies on a read-only connection, which cannot save where it got to; its
    // writer saves the report's state, and the next read-only run (the next console) checks
    // only what came after. States that name no stored checkpoint are refused, older ones
    // ignored.
    void readOnlyRunSavedByTheWriter()
    {
        const QString name = u"handover.db"_s;
        auto writer = open(name);
        QVERIFY(writer);
        QVERIFY(writer->writeBatch(batch(0, 100, 4)).ok);
        QVERIFY(writer->checkpoint(true));
        QString state;
        {
            auto reader = open(name, AlertStore::Mode::ReadOnly);
            const auto r = reader->verify(true);
            QVERIFY(r && r->ok);
            QVERIFY(!r->incremental); // nothing saved yet: every leaf
            QCOMPARE(r->leavesChecked, 104);
            QVERIFY(!r->state.isEmpty());
            state = r->state;
            QVERIFY(!reader->saveVerifiedState(state)); // read-only
        }
        QVERIFY(writer->saveVerifiedState(state));
        QVERIFY(writer->writeBatch(batch(100, 30)).ok);
        QVERIFY(writer->checkpoint(true));
        QString newer;
        {
            auto reader = open(name, AlertStore::Mode::ReadOnly);
            const auto r = reader->verify(true);
            QVERIFY2(r && r->ok, qPrintable(r ? r->firstProblem : r.error()));
            QVERIFY(r->incremental);
            QCOMPARE(r->fromLeaf, 104);
            QCOMPARE(r->leavesChecked, 30);
            newer = r->state;
        }
        QVERIFY(writer->saveVerifiedState(newer));
        const auto saved = [&] {
            return QString::number(scalar(name,
                u"SELECT CAST(substr(value, 1, instr(value, ' ') - 1) AS INTEGER) FROM meta"
                " WHERE key = 'verified_checkpoint'"_s));
        };
        const QString newerId = newer.section(u' ', 0, 0);
        QCOMPARE(saved(), newerId);
        // The older state again (a slow run that finished late): accepted, not saved.
        QVERIFY(writer->saveVerifiedState(state));
        QCOMPARE(saved(), newerId);
        // Not a state; a frontier that is not the named checkpoint's.
        QVERIFY(!writer->saveVerifiedState(u"garbage"_s));
        const Status wrong = writer->saveVerifiedState(newerId + u' ' + state.section(u' ', 1));
        QVERIFY(!wrong);
        QVERIFY2(wrong.error().contains(u"does not match checkpoint"_s), qPrintable(wrong.error()));
        QCOMPARE(saved(), newerId);
    }

    // The saved state names the last record of each leaf kind, so an incremental run does not
    // search the leaves backwards for them (for a kind without leaves, every leaf). With them it
    // still catches a new leaf that repeats an old record; a state saved before they existed
    // still works.
    void incrementalStartsFromTheSavedRefs()
    {
        const QString name = u"refs.db"_s;
        auto s = open(name);
        QVERIFY(s->writeBatch(batch(0, 50, 4)).ok);
        QVERIFY(s->checkpoint(true));
        const auto first = s->verify(true);
        QVERIFY(first && first->ok);
        // Alerts (kind 1) end at id 50, chain observations (kind 2) at 4; no other kind yet.
        QVERIFY2(first->state.endsWith(u" refs=1:50,2:4,3:0,4:0,5:0"_s), qPrintable(first->state));
        QVERIFY(s->writeBatch(batch(50, 20)).ok);
        QVERIFY(s->checkpoint(true));
        const qint64 firstNew = first->treeSize;
        s.reset();

        // A fresh connection starts from the saved state: only the new leaves.
        auto again = open(name, AlertStore::Mode::ReadOnly);
        auto r = again->verify(true);
        QVERIFY2(r && r->ok, qPrintable(r ? r->firstProblem : r.error()));
        QVERIFY(r->incremental);
        QCOMPARE(r->fromLeaf, firstNew);
        QCOMPARE(r->leavesChecked, 20);
        again.reset();

        // The same from a state without refs (as an older Lakeguard saved it).
        QVERIFY(tamper(name,
            { u"UPDATE meta SET value = substr(value, 1, instr(value, ' refs=') - 1)"
              " WHERE key = 'verified_checkpoint'"_s }));
        QVERIFY(!scalarText(name, u"SELECT value FROM meta WHERE key = 'verified_checkpoint'"_s)
                     .contains(u"refs="_s));
        again = open(name, AlertStore::Mode::ReadOnly);
        r = again->verify(true);
        QVERIFY2(r && r->ok, qPrintable(r ? r->firstProblem : r.error()));
        QVERIFY(r->incremental);
        QCOMPARE(r->leavesChecked, 20);
        again.reset();
    }

    // With the saved refs an incremental run still catches a new leaf that repeats an old
    // record: only the saved last alert id (50) shows that alert 7 is out of order.
    void savedRefsCatchARepeatedRecord()
    {
        const QString name = u"refs-tampered.db"_s;
        auto s = open(name);
        QVERIFY(s->writeBatch(batch(0, 50)).ok);
        QVERIFY(s->checkpoint(true));
        const auto first = s->verify(true); // read-write: saves the state
        QVERIFY(first && first->ok);
        QVERIFY(first->state.contains(u" refs=1:50,"_s));
        QVERIFY(s->writeBatch(batch(50, 20)).ok);
        QVERIFY(s->checkpoint(true));
        s.reset();
        QVERIFY(tamper(name,
            { u"UPDATE leaves SET ref_id = 7, hash = (SELECT hash FROM leaves WHERE kind = 1"
              " AND ref_id = 7) WHERE seq = %1"_s.arg(first->treeSize) }));
        auto again = open(name, AlertStore::Mode::ReadOnly);
        const auto r = again->verify(true);
        QVERIFY(r);
        QVERIFY(r->incremental);
        QVERIFY(!r->ok);
        QVERIFY2(r->firstProblem.contains(
                     u"alert 7 (leaf %1) is out of order or repeated"_s.arg(first->treeSize)),
            qPrintable(r->firstProblem));
    }

    void checkpointEveryIntervalAndOnStop()
    {
        // Interval 0: every batch that adds leaves is signed.
        StoreOptions o;
        o.checkpointLeaves = 1'000'000;
        o.checkpointIntervalMs = 0;
        {
            auto s = open(u"interval.db"_s, AlertStore::Mode::ReadWrite, o);
            for (int b = 0; b < 3; ++b) {
                QVERIFY(s->writeBatch(batch(b * 10, 10)).ok);
            }
        }
        QCOMPARE(scalar(u"interval.db"_s, u"SELECT count(*) FROM checkpoints"_s), 3);

        // The writer signs the tail when it stops.
        StoreWriter writer(path(u"writer.db"_s));
        StoreOptions big;
        big.checkpointLeaves = 1'000'000;
        big.checkpointIntervalMs = 3'600'000;
        writer.setOptions(big);
        QVERIFY(writer.start());
        for (int b = 0; b < 3; ++b) {
            writer.submit(batch(b * 10, 10, 1));
        }
        writer.stop();
        QCOMPARE(scalar(u"writer.db"_s, u"SELECT max(tree_size) FROM checkpoints"_s), 33);
        QVERIFY(verifyReadOnly(u"writer.db"_s).ok);
    }

    void untrustedTextRoundTrips()
    {
        auto s = open(u"text.db"_s);
        IngestBatch b = batch(0, 3);
        b.alerts[0].title = u"lone "_s + QChar(0xD800) + u" surrogate"_s;
        b.alerts[1].title = u"nul \0 inside"_s;
        b.alerts[2].message = u"emoji 😀 and 中文"_s;
        b.alerts[2].raw = QByteArray("\x00\xff\xfe", 3);
        QVERIFY(s->writeBatch(b).ok);
        const auto r = s->verify(false);
        QVERIFY(r);
        QVERIFY2(r->ok, qPrintable(r->firstProblem));
    }

    void migrationBackfillVerifies()
    {
        // A version 1 store as the previous release wrote it.
        const QString name = u"v1.db"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
            db.setDatabaseName(path(name));
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const QString &st : sqliteMigrations().first().statements) {
                QVERIFY2(q.exec(st), qPrintable(q.lastError().text()));
            }
            QVERIFY(q.exec(u"INSERT INTO meta VALUES ('schema_version', '1')"_s));
            for (int i = 1; i <= 30; ++i) {
                q.prepare(u"INSERT INTO alerts (ts, received, feed, source, severity, category,"
                          " rule, title, message, entity, src_ip, fingerprint, raw)"
                          " VALUES (?, ?, 'old', 'eve', 2, 'intrusion', 'eve:1', ?, '', 'h', ?,"
                          " ?, '{}')"_s);
                q.addBindValue(kBase + i);
                q.addBindValue(kBase + i);
                q.addBindValue(u"old %1"_s.arg(i));
                q.addBindValue(i % 3 ? QVariant(u"10.0.0.1"_s)
                                     : QVariant(QMetaType::fromType<QString>()));
                q.addBindValue(QByteArray::number(i));
                QVERIFY(q.exec());
            }
            QVERIFY(q.exec(u"DELETE FROM alerts WHERE id = 10"_s)); // gaps are fine
            for (int i = 0; i < 5; ++i) {
                QVERIFY(q.exec(u"INSERT INTO chain_history VALUES (%1, 'eth', 'n', %2, 0, 5)"_s
                                   .arg(kBase + i)
                                   .arg(100 + i)));
            }
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v1"_s);

        {
            auto s = open(name);
            QVERIFY(s);
            QCOMPARE(s->schemaVersion(), sqliteSchemaVersion());
            QSqlQuery q(s->database());
            QVERIFY(q.exec(u"SELECT count(*), max(seq) FROM leaves"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 34);
            QCOMPARE(q.value(1).toInt(), 33);
            // Alerts first in id order, then chain observations; ids kept.
            QVERIFY(q.exec(u"SELECT kind, ref_id FROM leaves WHERE seq IN (0, 9, 29)"
                           " ORDER BY seq"_s));
            QVERIFY(q.next() && q.value(1).toInt() == 1);
            QVERIFY(q.next() && q.value(1).toInt() == 11);
            QVERIFY(q.next() && q.value(0).toInt() == 2 && q.value(1).toInt() == 1);
            // Opening signed the backfilled tree.
            QVERIFY(q.exec(u"SELECT max(tree_size) FROM checkpoints"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 34);
            q.finish();
            QVERIFY(s->writeBatch(batch(0, 20, 2)).ok);
        }
        const VerifyReport r = verifyReadOnly(name);
        QVERIFY2(r.ok, qPrintable(r.firstProblem));
        QCOMPARE(r.treeSize, 56);
        QCOMPARE(r.signedSize, 56);
    }
};

QTEST_GUILESS_MAIN(tst_Verify)
#include "tst_verify.moc"
