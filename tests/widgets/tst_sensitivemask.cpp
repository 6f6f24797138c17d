// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sensitivemask.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Widgets;

class tst_SensitiveMask : public QObject
{
    Q_OBJECT

private slots:
    void masks_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        // Card and account numbers: the last four stay, separators stay.
        QTest::addRow("pan") << u"card 4539181234567890 declined"_s
                             << u"card ••••••••••••7890 declined"_s;
        QTest::addRow("grouped account") << u"Account 6222 0212 3456 7890: 6 purchases"_s
                                         << u"Account •••• •••• •••• 7890: 6 purchases"_s;
        QTest::addRow("dashed") << u"4539-1812-3456-7890"_s << u"••••-••••-••••-7890"_s;
        QTest::addRow("part-masked pan") << u"453918******1234"_s << u"••••••••••••1234"_s;
        QTest::addRow("iban") << u"to DE89 3704 0044 0532 0130 00."_s
                              << u"to •••• •••• •••• •••• ••30 00."_s;
        // Secrets: a short prefix at most, then dots.
        QTest::addRow("stripe key") << u"merchant API key sk_live_abcdef0123456789 used"_s
                                    << u"merchant API key sk_l•••••••• used"_s;
        QTest::addRow("bare stripe key")
            << u"got sk_test_abcdef0123456789"_s << u"got sk_t••••••••"_s;
        QTest::addRow("jwt") << u"session eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc reused"_s
                             << u"session eyJh•••••••• reused"_s;
        QTest::addRow("password") << u"password=Winter2026! seen"_s
                                  << u"password=Wint•••••••• seen"_s;
        QTest::addRow("token label")
            << u"access token ya29.a0AfH6SMBx3"_s << u"access token ya29••••••••"_s;
        QTest::addRow("signer key")
            << u"signer key 0x4c0883a69102937d6231471b5dbb6204fe512961708279f2e3e8a5d4b8e3c1a2 flagged"_s
            << u"signer key 0x4c•••••••• flagged"_s;
        QTest::addRow("aws") << u"AKIAIOSFODNN7EXAMPLE leaked"_s << u"AKIA•••••••• leaked"_s;
        QTest::addRow("pem")
            << u"x -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- y"_s
            << u"x -----PRIVATE KEY ••••••••----- y"_s;
        // Left alone.
        const QStringList untouched { u"from 203.0.113.7 to 192.0.2.30:443"_s,
            u"2026-11-26T00:05:00.000Z"_s, u"EUR 1,204.00 on MRC-40417"_s,
            u"height 1200885, best 1200890"_s,
            u"block 0xa3dd95bbb0f1e2d3c4b5a6978899aabbccddeeff00112233445566778899aabb"_s,
            u"BIN range 453918–453921 blocked"_s, u"key rotation done"_s, u"phone 13800138000"_s,
            u"validator-3.gz is 6 blocks behind"_s, u""_s };
        for (const QString &s : untouched) {
            QTest::addRow("keeps %s", qPrintable(s.left(20))) << s << s;
        }
    }

    void masks()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(SensitiveMask::mask(input), expected);
        // Masking is idempotent: a masked text stays as it is.
        QCOMPARE(SensitiveMask::mask(expected), expected);
    }

    void applyFollowsTheSwitch()
    {
        const QString pan = u"4539181234567890"_s;
        SensitiveMask::setEnabled(false);
        QCOMPARE(SensitiveMask::apply(pan), pan);
        SensitiveMask::setEnabled(true);
        QVERIFY(SensitiveMask::isEnabled());
        QCOMPARE(SensitiveMask::apply(pan), u"••••••••••••7890"_s);
        SensitiveMask::setEnabled(false);
    }
};

QTEST_GUILESS_MAIN(tst_SensitiveMask)
#include "tst_sensitivemask.moc"
