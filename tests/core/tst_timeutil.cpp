// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeutil.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Core;

class tst_TimeUtil : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("ms");
        // 2026-11-26T21:46:05.123Z = 1795729565123
        QTest::addRow("utc-z") << u"2026-11-26T21:46:05.123Z"_s << true << 1795729565123LL;
        QTest::addRow("suricata-offset")
            << u"2026-11-26T17:46:05.123456-0400"_s << true << 1795729565123LL;
        QTest::addRow("colon-offset") << u"2026-11-27T05:46:05.123+08:00"_s << true
                                      << 1795729565123LL;
        QTest::addRow("no-offset-is-utc") << u"2026-11-26T21:46:05.123"_s << true
                                          << 1795729565123LL;
        QTest::addRow("no-fraction") << u"2026-11-26T21:46:05Z"_s << true << 1795729565000LL;
        QTest::addRow("one-digit-fraction") << u"2026-11-26T21:46:05.1Z"_s << true
                                            << 1795729565100LL;
        QTest::addRow("space-separator") << u"2026-11-26 21:46:05Z"_s << true << 1795729565000LL;
        QTest::addRow("garbage-suffix") << u"2017-01-30T16:12:26.985026+0100asloefbnjhowebfg"_s
                                        << false << 0LL;
        QTest::addRow("bad-month") << u"2026-13-01T00:00:00Z"_s << false << 0LL;
        QTest::addRow("bad-day") << u"2026-02-30T00:00:00Z"_s << false << 0LL;
        QTest::addRow("empty") << QString() << false << 0LL;
        QTest::addRow("date-only") << u"2026-11-26"_s << false << 0LL;
        QTest::addRow("arabic-digits") << u"٢٠٢٦-11-26T21:46:05Z"_s << false << 0LL;
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, ms);
        const auto parsed = parseIsoTimestamp(text);
        QCOMPARE(parsed.has_value(), valid);
        if (valid) {
            QCOMPARE(*parsed, ms);
        }
    }

    void formatRoundTrip()
    {
        QCOMPARE(formatIsoTimestamp(1795729565123LL), u"2026-11-26T21:46:05.123Z"_s);
        QCOMPARE(parseIsoTimestamp(formatIsoTimestamp(42)).value_or(-1), 42);
    }
};

QTEST_GUILESS_MAIN(tst_TimeUtil)
#include "tst_timeutil.moc"
