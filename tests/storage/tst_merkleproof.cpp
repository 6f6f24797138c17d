// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "leafencoding.h"
#include "merkleproof.h"
#include "merkletree.h"
#include "sqlitestore.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace Lakeguard::Storage;

namespace {

QByteArray sha256(const QByteArray &b)
{
    return QCryptographicHash::hash(b, QCryptographicHash::Sha256);
}

QByteArray leaf(const QByteArray &d)
{
    return sha256(QByteArray(1, '\0') + d);
}

QByteArray node(const QByteArray &l, const QByteArray &r)
{
    return sha256(QByteArray(1, '\1') + l + r);
}

qsizetype split(qsizetype n)
{
    qsizetype k = 1;
    while (k * 2 < n) {
        k *= 2;
    }
    return k;
}

// RFC 9162 §2.1.1 and §2.1.3.1 as the RFC states them, independent of the code under test.
QByteArray referenceMth(const QList<QByteArray> &d)
{
    if (d.isEmpty()) {
        return sha256({});
    }
    if (d.size() == 1) {
        return leaf(d.at(0));
    }
    const qsizetype k = split(d.size());
    return node(referenceMth(d.mid(0, k)), referenceMth(d.mid(k)));
}

QList<QByteArray> referencePath(qsizetype m, const QList<QByteArray> &d)
{
    if (d.size() <= 1) {
        return {};
    }
    const qsizetype k = split(d.size());
    if (m < k) {
        return referencePath(m, d.mid(0, k)) << referenceMth(d.mid(k));
    }
    return referencePath(m - k, d.mid(k)) << referenceMth(d.mid(0, k));
}

QList<QByteArray> leafData(int n)
{
    QList<QByteArray> d;
    for (int i = 0; i < n; ++i) {
        d << "leaf-" + QByteArray::number(i);
    }
    return d;
}

MerkleTreeLevels treeOf(const QList<QByteArray> &d)
{
    QByteArray hashes;
    for (const QByteArray &x : d) {
        hashes += leaf(x);
    }
    return MerkleTreeLevels(hashes);
}

} // namespace

class tst_MerkleProof : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void handComputedSmallTrees()
    {
        const QList<QByteArray> d = leafData(5);
        const QByteArray h0 = leaf(d[0]), h1 = leaf(d[1]), h2 = leaf(d[2]), h3 = leaf(d[3]),
                         h4 = leaf(d[4]);
        // Three leaves: root = node(node(h0, h1), h2).
        const MerkleTreeLevels t3 = treeOf(d.mid(0, 3));
        QCOMPARE(t3.root(), node(node(h0, h1), h2));
        QCOMPARE(t3.inclusionProof(0), (QList<QByteArray> { h1, h2 }));
        QCOMPARE(t3.inclusionProof(1), (QList<QByteArray> { h0, h2 }));
        QCOMPARE(t3.inclusionProof(2), (QList<QByteArray> { node(h0, h1) }));
        // Five leaves: root = node(node(node(h0,h1), node(h2,h3)), h4).
        const MerkleTreeLevels t5 = treeOf(d);
        QCOMPARE(t5.root(), node(node(node(h0, h1), node(h2, h3)), h4));
        QCOMPARE(t5.inclusionProof(4), (QList<QByteArray> { node(node(h0, h1), node(h2, h3)) }));
        QCOMPARE(t5.inclusionProof(2), (QList<QByteArray> { h3, node(h0, h1), h4 }));
        // The root matches the table pinned in docs/tamper-evidence.md.
        QCOMPARE(t5.root().toHex(),
            "00d21829a5503145348abcf712513eacf2a274211ad83e970202bb5b6d80b286"_ba);
        // One leaf: empty path, root = the leaf hash.
        const MerkleTreeLevels t1 = treeOf(d.mid(0, 1));
        QVERIFY(t1.inclusionProof(0).isEmpty());
        QVERIFY(verifyInclusion(h0, 0, 1, {}, h0));
        QVERIFY(t5.inclusionProof(5).isEmpty());
        QVERIFY(t5.inclusionProof(-1).isEmpty());
    }

    void matchesTheRfcForEverySize_data()
    {
        QTest::addColumn<int>("size");
        for (int n = 1; n <= 40; ++n) {
            QTest::addRow("n=%d", n) << n;
        }
        auto *rng = QRandomGenerator::global();
        for (int i = 0; i < 6; ++i) {
            const int n = 41 + int(rng->bounded(400));
            QTest::addRow("random n=%d", n) << n;
        }
        QTest::addRow("n=1024") << 1024;
        QTest::addRow("n=1025") << 1025;
    }

    void matchesTheRfcForEverySize()
    {
        QFETCH(int, size);
        const QList<QByteArray> d = leafData(size);
        const MerkleTreeLevels t = treeOf(d);
        QCOMPARE(t.size(), qint64(size));
        const QByteArray root = referenceMth(d);
        QCOMPARE(t.root(), root);
        // Every index for small trees; a sample of them for the big ones (the reference is slow).
        const int step = size > 200 ? size / 37 + 1 : 1;
        for (int m = 0; m < size; m += step) {
            const QList<QByteArray> path = t.inclusionProof(m);
            QCOMPARE(path, referencePath(m, d));
            QVERIFY(verifyInclusion(leaf(d.at(m)), m, size, path, root));
            // Any change makes it fail: the leaf, the index, a path element, a missing or an
            // extra element. (A path can be valid for several tree sizes: the size is bound by
            // the signed checkpoint, not by the proof.)
            QVERIFY(!verifyInclusion(leaf("other"), m, size, path, root));
            if (size > 1) {
                QVERIFY(!verifyInclusion(leaf(d.at(m)), (m + 1) % size, size, path, root));
                QList<QByteArray> bad = path;
                bad[0][0] = char(bad[0][0] ^ 1);
                QVERIFY(!verifyInclusion(leaf(d.at(m)), m, size, bad, root));
                QVERIFY(!verifyInclusion(leaf(d.at(m)), m, size, path.mid(1), root));
            }
            QVERIFY(
                !verifyInclusion(leaf(d.at(m)), m, size, path + QList<QByteArray> { root }, root));
            QVERIFY(!verifyInclusion(leaf(d.at(m)), m, m, path, root));
        }
    }

    void decodeInvertsEncode()
    {
        const QVariantList alert { qint64(7), qint64(1000), qint64(1005), u"feed"_s, u"jsonl"_s,
            qint64(3), u"fraud"_s, u"r.1"_s, u"标题"_s, u"m"_s, u"acct"_s, QVariant(),
            u"192.0.2.1"_s, QByteArray(32, 'x'), QByteArray("raw\0bytes", 9) };
        const QByteArray enc = LeafEncoding::encode(LeafKind::Alert, alert);
        const auto d = LeafEncoding::decode(enc);
        QVERIFY(d);
        QCOMPARE(d->kind, LeafKind::Alert);
        QCOMPARE(d->values.size(), alert.size());
        QCOMPARE(LeafEncoding::encode(d->kind, d->values), enc);
        QCOMPARE(d->values.at(8).toString(), u"标题"_s);
        QVERIFY(d->values.at(11).isNull());
        QCOMPARE(d->values.at(14).toByteArray(), QByteArray("raw\0bytes", 9));

        const QVariantList audit { qint64(1), QVariant(), qint64(5), u"a"_s, u"note"_s, u""_s,
            u"x"_s, u""_s };
        const QByteArray enc4 = LeafEncoding::encode(LeafKind::IncidentAudit, audit);
        QCOMPARE(LeafEncoding::encode(LeafKind::IncidentAudit, LeafEncoding::decode(enc4)->values),
            enc4);
        // Malformed: truncated, trailing bytes, wrong version, unknown kind, NULL where not
        // allowed.
        QVERIFY(!LeafEncoding::decode(enc.left(enc.size() - 1)));
        QVERIFY(!LeafEncoding::decode(enc + 'x'));
        QByteArray v = enc;
        v[0] = 2;
        QVERIFY(!LeafEncoding::decode(v));
        v = enc;
        v[1] = 99;
        QVERIFY(!LeafEncoding::decode(v));
        v = enc;
        v[2] = 0; // the id may not be NULL
        QVERIFY(!LeafEncoding::decode(v));
        QVERIFY(!LeafEncoding::decode({}));
    }

    void loadsTheStoredTree()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"s.db"_s);
        SqliteStore store(path);
        QVERIFY(store.open(AlertStore::Mode::ReadWrite));
        IngestBatch b;
        b.feed = u"t"_s;
        b.feedType = u"test"_s;
        for (int i = 0; i < 37; ++i) {
            Alert a;
            a.ts = 1'767'225'600'000LL + i;
            a.received = a.ts;
            a.feed = u"t"_s;
            a.source = u"jsonl"_s;
            a.rule = u"r"_s;
            a.title = u"t%1"_s.arg(i);
            a.fingerprint = sha256(QByteArray::number(i));
            a.raw = "{}";
            b.alerts << a;
        }
        QVERIFY(store.writeBatch(b).ok);
        QVERIFY(store.checkpoint(true));
        QSqlQuery q(store.database());
        QVERIFY(q.exec(u"SELECT tree_size, root FROM checkpoints ORDER BY id DESC LIMIT 1"_s));
        QVERIFY(q.next());
        const qint64 size = q.value(0).toLongLong();
        const QByteArray root = q.value(1).toByteArray();
        QCOMPARE(size, 37);
        q.finish();
        qint64 visited = 0;
        const auto tree = loadMerkleTree(store.database(), size, [&](qint64, int kind, qint64) {
            QCOMPARE(kind, 1);
            ++visited;
        });
        QVERIFY2(tree, qPrintable(tree.error()));
        QCOMPARE(visited, 37);
        QCOMPARE(tree->root(), root);
        QVERIFY(verifyInclusion(tree->leafHash(20), 20, size, tree->inclusionProof(20), root));
        // A prefix of the tree gives the root of that older size.
        const auto older = loadMerkleTree(store.database(), 10);
        QVERIFY(older);
        QCOMPARE(older->size(), 10);
        // More than the store holds is an error, not a short tree.
        QVERIFY(!loadMerkleTree(store.database(), 38));
    }
};

QTEST_GUILESS_MAIN(tst_MerkleProof)
#include "tst_merkleproof.moc"
