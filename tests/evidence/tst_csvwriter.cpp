// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvwriter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Evidence;

class tst_CsvWriter : public QObject
{
    Q_OBJECT

private slots:
    void cell_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        // OWASP CSV injection: a leading = + - @ TAB CR is neutralised with an apostrophe.
        QTest::addRow("formula") << u"=HYPERLINK(\"http://x\",\"y\")"_s
                                 << u"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""_s;
        QTest::addRow("plus") << u"+1+cmd|' /C calc'!A0"_s << u"\"'+1+cmd|' /C calc'!A0\""_s;
        QTest::addRow("minus") << u"-2+3"_s << u"\"'-2+3\""_s;
        QTest::addRow("at") << u"@SUM(1)"_s << u"\"'@SUM(1)\""_s;
        QTest::addRow("tab") << u"\t=1"_s << u"\"'\t=1\""_s;
        QTest::addRow("cr") << u"\r=1"_s << u"\"'\r=1\""_s;
        // Only the first character matters; inner ones are data.
        QTest::addRow("inner equals") << u"a=b"_s << u"\"a=b\""_s;
        QTest::addRow("leading space then formula") << u" =1"_s << u"\" =1\""_s;
        // RFC 4180: every cell quoted, inner quotes doubled; commas and newlines stay inside.
        QTest::addRow("quotes") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
        QTest::addRow("comma newline") << u"a,b\nc"_s << u"\"a,b\nc\""_s;
        QTest::addRow("empty") << QString() << u"\"\""_s;
        QTest::addRow("chinese") << u"可疑转账"_s << u"\"可疑转账\""_s;
    }

    void cell()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(Csv::cell(input), expected);
    }

    void recordEndsWithCrlf()
    {
        QCOMPARE(Csv::record({ u"1"_s, u"=x"_s, u"a\"b"_s }),
            QByteArray("\"1\",\"'=x\",\"a\"\"b\"\r\n"));
        QCOMPARE(Csv::record({ u"汉"_s }), QString(u"\"汉\"\r\n"_s).toUtf8());
    }
};

QTEST_GUILESS_MAIN(tst_CsvWriter)
#include "tst_csvwriter.moc"
