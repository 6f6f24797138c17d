// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Untrusted text (issue 9): log lines with newlines, control and bidi characters escaped;
// display text with controls and bidi formatting made visible.

#include "logsupport.h"
#include "textsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

class tst_UntrustedText : public QObject
{
    Q_OBJECT

private slots:
    void escapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("escaped");
        QTest::addRow("plain") << u"feed eve: 12 alerts"_s << u"feed eve: 12 alerts"_s;
        QTest::addRow("forged line") << u"bad\n2026-01-01 lakeguard: all clear"_s
                                     << u"bad\\n2026-01-01 lakeguard: all clear"_s;
        QTest::addRow("cr tab backslash") << u"a\rb\tc\\d"_s << u"a\\rb\\tc\\\\d"_s;
        QTest::addRow("escape sequence") << u"\x1b[31mred"_s << u"\\u{001B}[31mred"_s;
        QTest::addRow("nul del c1")
            << QString(u"a\0b\x7f\x85"_s) << u"a\\u{0000}b\\u{007F}\\u{0085}"_s;
        QTest::addRow("bidi override") << u"user\u202Egnp.exe"_s << u"user\\u{202E}gnp.exe"_s;
        QTest::addRow("isolates") << u"\u2066x\u2069\u200F"_s << u"\\u{2066}x\\u{2069}\\u{200F}"_s;
        QTest::addRow("non-latin kept") << u"告警 Überweisung 😀"_s << u"告警 Überweisung 😀"_s;
    }

    void escapes()
    {
        QFETCH(QString, text);
        QFETCH(QString, escaped);
        QCOMPARE(Core::escapeLogText(text), escaped);
    }

    // The handler's line: the message pattern applied, then everything on one line.
    void formattedLineIsOneLine()
    {
        qSetMessagePattern(u"%{type} %{category}: %{message}"_s);
        const QMessageLogContext context("file.cpp", 1, "f", "lakeguard.feeds");
        const QString line = Core::formatLogLine(
            QtWarningMsg, context, u"tail store: disk full\nlakeguard.feeds: forged \u202Eline"_s);
        qSetMessagePattern(QString());
        QVERIFY(!line.contains(u'\n'));
        QVERIFY(!line.contains(QChar(0x202E)));
        QCOMPARE(line,
            u"warning lakeguard.feeds: tail store: disk full\\nlakeguard.feeds: forged \\u{202E}line"_s);
    }

    void displayText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("keepLineBreaks");
        QTest::addColumn<QString>("shown");
        QTest::addRow("plain") << u"Wire to DE89 告警"_s << false << u"Wire to DE89 告警"_s;
        QTest::addRow("html stays literal") << u"<b>x</b>"_s << false << u"<b>x</b>"_s;
        QTest::addRow("newline on one line") << u"a\nb\tc"_s << false << u"a\u240Ab\u2409c"_s;
        QTest::addRow("newline kept") << u"a\nb\tc\r"_s << true << u"a\nb\tc\u240D"_s;
        QTest::addRow("escape and bell") << u"\x1b[2J\x07"_s << false << u"\u241B[2J\u2407"_s;
        QTest::addRow("del and c1") << u"a\x7f\x9b"_s << false << u"a\uFFFD\uFFFD"_s;
        QTest::addRow("bidi override")
            << u"invoice\u202Efdp.exe"_s << false << u"invoice<U+202E>fdp.exe"_s;
        QTest::addRow("isolates and marks")
            << u"\u2067a\u2069\u200F\u061C"_s << true << u"<U+2067>a<U+2069><U+200F><U+61C>"_s;
    }

    void displayText()
    {
        QFETCH(QString, text);
        QFETCH(bool, keepLineBreaks);
        QFETCH(QString, shown);
        QCOMPARE(Core::displayText(text, keepLineBreaks), shown);
    }
};

QTEST_GUILESS_MAIN(tst_UntrustedText)
#include "tst_untrustedtext.moc"
