// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlp.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using namespace Lakeguard::Evidence;

class tst_Tlp : public QObject
{
    Q_OBJECT

private slots:
    void names()
    {
        QCOMPARE(tlpFromName(u"amber+strict"_s), Tlp::AmberStrict);
        QCOMPARE(tlpFromName(u"TLP:RED"_s), Tlp::Red);
        QCOMPARE(tlpFromName(u" clear "_s), Tlp::Clear);
        QVERIFY(!tlpFromName(u"WHITE"_s)); // TLP 1.0's word is not accepted
        QVERIFY(!tlpFromName(u"AMBER-STRICT"_s));
        for (const Tlp t : { Tlp::Clear, Tlp::Green, Tlp::Amber, Tlp::AmberStrict, Tlp::Red }) {
            QCOMPARE(tlpFromName(tlpName(t)), t);
        }
        QVERIFY(Tlp::Green < Tlp::Amber && Tlp::AmberStrict < Tlp::Red);
    }

    void alertMapping_data()
    {
        QTest::addColumn<int>("severity");
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("tlp");
        QTest::addRow("insider info") << 0 << u"insider"_s << u"RED"_s;
        QTest::addRow("data-leak low") << 1 << u"data-leak"_s << u"RED"_s;
        QTest::addRow("chain info") << 0 << u"chain"_s << u"CLEAR"_s;
        QTest::addRow("availability low") << 1 << u"availability"_s << u"CLEAR"_s;
        QTest::addRow("chain high") << 3 << u"chain"_s << u"AMBER"_s;
        QTest::addRow("fraud info") << 0 << u"fraud"_s << u"GREEN"_s;
        QTest::addRow("fraud medium") << 2 << u"fraud"_s << u"AMBER"_s;
        QTest::addRow("intrusion high") << 3 << u"intrusion"_s << u"AMBER"_s;
        QTest::addRow("malware critical") << 4 << u"malware"_s << u"AMBER+STRICT"_s;
    }

    void alertMapping()
    {
        QFETCH(int, severity);
        QFETCH(QString, category);
        QFETCH(QString, tlp);
        QCOMPARE(tlpName(alertTlp(Core::Severity(severity), category)), tlp);
    }
};

QTEST_GUILESS_MAIN(tst_Tlp)
#include "tst_tlp.moc"
