// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "merkletree.h"

#include <QCryptographicHash>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Storage;

namespace {

QByteArray sha256(const QByteArray &b)
{
    return QCryptographicHash::hash(b, QCryptographicHash::Sha256);
}

// RFC 9162 §2.1.1 written out as the RFC states it, independent of the code under test.
QByteArray referenceMth(const QList<QByteArray> &data)
{
    const qsizetype n = data.size();
    if (n == 0) {
        return sha256({});
    }
    if (n == 1) {
        return sha256(QByteArray(1, '\0') + data.at(0));
    }
    qsizetype k = 1;
    while (k * 2 < n) {
        k *= 2;
    }
    return sha256(QByteArray(1, '\1') + referenceMth(data.mid(0, k)) + referenceMth(data.mid(k)));
}

QList<QByteArray> leafData(int n)
{
    QList<QByteArray> d;
    for (int i = 0; i < n; ++i) {
        d << "leaf-" + QByteArray::number(i);
    }
    return d;
}

MerkleFrontier frontierOf(const QList<QByteArray> &data)
{
    MerkleFrontier f;
    for (const QByteArray &d : data) {
        f.append(merkleLeafHash(d));
    }
    return f;
}

} // namespace

class tst_MerkleTree : public QObject
{
    Q_OBJECT

private slots:
    void hashPrefixes()
    {
        QCOMPARE(merkleLeafHash("abc"), sha256(QByteArray("\x00" "abc", 4)));
        const QByteArray l(32, 'l');
        const QByteArray r(32, 'r');
        QCOMPARE(merkleNodeHash(l, r), sha256("\x01" + l + r));
        QCOMPARE(merkleEmptyRoot().toHex(),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    // Roots derived outside this code base (Python hashlib, the RFC's recursion) for leaves
    // "leaf-0" … "leaf-(n-1)"; docs/tamper-evidence.md lists the same vectors.
    void knownVectors_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<QByteArray>("root");
        QTest::addRow("0") << 0
                           << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::addRow("1") << 1
                           << QByteArray("305df59f9590c3c9ac63d2b2743c388e3792449078cebf7fb3dbe6471643b2b7");
        QTest::addRow("2") << 2
                           << QByteArray("60a53eed0de87a90c8e59427c59c46253c33a76a09502a51801300927b7e6bdc");
        QTest::addRow("3") << 3
                           << QByteArray("cf763a041c81ceef1578a6083f75c61bef2e0014f2a3e683a97fcfca5be7f19a");
        QTest::addRow("5") << 5
                           << QByteArray("00d21829a5503145348abcf712513eacf2a274211ad83e970202bb5b6d80b286");
        QTest::addRow("8") << 8
                           << QByteArray("ca6b7b3e674ac86c1027b59c87c064fc3bc27b313294c75f83bd05fdd13f0dcf");
    }

    void knownVectors()
    {
        QFETCH(int, n);
        QFETCH(QByteArray, root);
        QCOMPARE(referenceMth(leafData(n)).toHex(), root);
        QCOMPARE(frontierOf(leafData(n)).root().toHex(), root);
    }

    // The same trees spelled out node by node.
    void handDerived()
    {
        const QList<QByteArray> d = leafData(5);
        QList<QByteArray> h;
        for (const QByteArray &x : d) {
            h << merkleLeafHash(x);
        }
        const QByteArray n01 = merkleNodeHash(h[0], h[1]);
        const QByteArray n23 = merkleNodeHash(h[2], h[3]);
        QCOMPARE(frontierOf(d.mid(0, 2)).root(), n01);
        QCOMPARE(frontierOf(d.mid(0, 3)).root(), merkleNodeHash(n01, h[2]));
        QCOMPARE(frontierOf(d).root(), merkleNodeHash(merkleNodeHash(n01, n23), h[4]));
        // Five leaves: the right edge is the subtree of four and the fifth leaf.
        QCOMPARE(frontierOf(d).nodes().size(), 2);
    }

    void frontierMatchesRecursion()
    {
        const QList<QByteArray> data = leafData(300);
        MerkleFrontier f;
        for (int n = 1; n <= 300; ++n) {
            f.append(merkleLeafHash(data.at(n - 1)));
            QCOMPARE(f.size(), n);
            QCOMPARE(f.nodes().size(), qsizetype(qPopulationCount(quint32(n))));
            QCOMPARE(f.root(), referenceMth(data.mid(0, n)));
        }
    }

    void serializeRoundTrip()
    {
        for (int n : {0, 1, 6, 255}) {
            const MerkleFrontier f = frontierOf(leafData(n));
            const auto back = MerkleFrontier::deserialize(f.serialize());
            QVERIFY(back);
            QCOMPARE(back->size(), f.size());
            QCOMPARE(back->root(), f.root());
        }
        QVERIFY(!MerkleFrontier::deserialize(u""_s));
        QVERIFY(!MerkleFrontier::deserialize(u"3 abcd"_s));   // two nodes expected, short hash
        QVERIFY(!MerkleFrontier::deserialize(u"-1"_s));
        QVERIFY(!MerkleFrontier::deserialize(u"x"_s));
    }
};

QTEST_GUILESS_MAIN(tst_MerkleTree)
#include "tst_merkletree.moc"
