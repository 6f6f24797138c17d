// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "syslogframing.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Feeds::SyslogFramer;

namespace {

QByteArray octet(const QByteArray &msg)
{
    return QByteArray::number(msg.size()) + ' ' + msg;
}

// Feeds `stream` in pieces of `step` bytes (0: all at once) and returns every record.
QList<Core::RawRecord> frame(
    SyslogFramer &framer, const QByteArray &stream, int step, bool finish = false)
{
    QList<Core::RawRecord> out;
    if (step <= 0) {
        framer.feed(stream, out);
    } else {
        for (qsizetype i = 0; i < stream.size(); i += step) {
            if (!framer.feed(
                    QByteArrayView(stream).sliced(i, std::min<qsizetype>(step, stream.size() - i)),
                    out)) {
                break;
            }
        }
    }
    if (finish) {
        framer.finish(out);
    }
    return out;
}

QByteArrayList messages(const QList<Core::RawRecord> &records)
{
    QByteArrayList out;
    for (const Core::RawRecord &r : records) {
        out << (r.error.isEmpty() ? r.bytes : "ERROR:" + r.bytes.left(8));
    }
    return out;
}

} // namespace

class tst_SyslogFraming : public QObject
{
    Q_OBJECT

private slots:
    void framings_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("framing");
        QTest::addColumn<QByteArrayList>("expected");
        const QByteArray a = "<13>1 2026-11-27T01:00:00Z h app - - - first";
        const QByteArray b = "<14>Nov 27 01:00:00 h app: second with\nnewline";
        const QByteArray c = "<10>third";
        const auto octetCounted = int(SyslogFramer::Framing::OctetCounted);
        const auto lf = int(SyslogFramer::Framing::NonTransparent);
        QTest::addRow("octet") << octet(a) + octet(b) + octet(c) << octetCounted
                               << QByteArrayList { a, b, c };
        QTest::addRow("octet-with-lf-between") << octet(a) + "\n" + octet(c) + "\r\n"
                                               << octetCounted << QByteArrayList { a, c };
        QTest::addRow("lf") << a + "\n" + c + "\n" << lf << QByteArrayList { a, c };
        QTest::addRow("crlf") << a + "\r\n" + c + "\r\n" << lf << QByteArrayList { a, c };
        QTest::addRow("nul") << a + '\0' + c + '\0' << lf << QByteArrayList { a, c };
        QTest::addRow("blank-lines") << "\n\r\n" + a + "\n\n\n" + c + "\n"
                                     << lf << QByteArrayList { a, c };
    }

    void framings()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, framing);
        QFETCH(QByteArrayList, expected);
        // Every split of the stream gives the same messages: whole, byte by byte, odd pieces.
        for (const int step : { 0, 1, 2, 3, 7, 64 }) {
            SyslogFramer framer;
            const QList<Core::RawRecord> out = frame(framer, stream, step);
            QCOMPARE(messages(out), expected);
            QCOMPARE(int(framer.framing()), framing);
            QVERIFY(!framer.failed());
            QVERIFY(framer.pendingBytes().isEmpty());
        }
    }

    void offsetsPointIntoTheStream()
    {
        const QByteArray stream = octet("<1>a") + octet("<2>bb");
        SyslogFramer framer;
        const QList<Core::RawRecord> out = frame(framer, stream, 1);
        QCOMPARE(out.size(), 2);
        QCOMPARE(stream.mid(out[0].offset, 4), QByteArray("<1>a"));
        QCOMPARE(stream.mid(out[1].offset, 5), QByteArray("<2>bb"));
        QCOMPARE(framer.consumed(), stream.size());
    }

    void partialMessageWaits()
    {
        SyslogFramer framer;
        QList<Core::RawRecord> out;
        QVERIFY(framer.feed("<13>half a mess", out));
        QVERIFY(out.isEmpty());
        QCOMPARE(framer.pendingBytes(), QByteArray("<13>half a mess"));
        QVERIFY(framer.feed("age\n<14>next", out));
        QCOMPARE(messages(out), QByteArrayList { "<13>half a message" });
        // At the end of the stream a last LF-framed message without terminator still counts.
        framer.finish(out);
        QCOMPARE(messages(out), (QByteArrayList { "<13>half a message", "<14>next" }));
    }

    void truncatedOctetFrameIsAnError()
    {
        SyslogFramer framer;
        QList<Core::RawRecord> out;
        QVERIFY(framer.feed("20 <13>only ten", out));
        QVERIFY(out.isEmpty());
        QCOMPARE(framer.pendingBytes(), QByteArray("<13>only ten"));
        framer.finish(out);
        QCOMPARE(out.size(), 1);
        QVERIFY2(out[0].error.contains(u"12 of 20"_s), qPrintable(out[0].error));
        QCOMPARE(out[0].bytes, QByteArray("<13>only ten"));
    }

    void overLongOctetFrameIsSkippedExactly()
    {
        // Given a 100-byte limit, a 5000-byte frame between two good ones
        const QByteArray big = "<13>" + QByteArray(4996, 'x');
        const QByteArray stream = octet("<1>before") + octet(big) + octet("<2>after");
        for (const int step : { 0, 1, 100, 999 }) {
            SyslogFramer framer(100);
            const QList<Core::RawRecord> out = frame(framer, stream, step);
            // Then it is one error record with its first bytes, and framing resumes after it.
            QCOMPARE(out.size(), 3);
            QCOMPARE(out[0].bytes, QByteArray("<1>before"));
            QVERIFY2(out[1].error.contains(u"5000 bytes is over the limit of 100"_s),
                qPrintable(out[1].error));
            QCOMPARE(out[1].bytes, big.left(SyslogFramer::kKeptPrefix));
            QCOMPARE(out[2].bytes, QByteArray("<2>after"));
            QVERIFY(!framer.failed());
        }
    }

    void overLongLineResynchronises()
    {
        const QByteArray big = "<13>" + QByteArray(5000, 'y');
        const QByteArray stream = "<1>before\n" + big + "\n<2>after\n";
        for (const int step : { 0, 1, 50, 4096 }) {
            SyslogFramer framer(100);
            const QList<Core::RawRecord> out = frame(framer, stream, step);
            QCOMPARE(out.size(), 3);
            QCOMPARE(out[0].bytes, QByteArray("<1>before"));
            QVERIFY2(
                out[1].error.contains(u"over the limit of 100 bytes"_s), qPrintable(out[1].error));
            QVERIFY(big.startsWith(out[1].bytes));
            QVERIFY(!out[1].bytes.isEmpty());
            QCOMPARE(out[2].bytes, QByteArray("<2>after"));
        }
    }

    void endlessLineKeepsMemoryBounded()
    {
        // A sender that never ends its line: reported once, then skipped, never buffered.
        SyslogFramer framer(1000);
        QList<Core::RawRecord> out;
        QVERIFY(framer.feed("<13>", out));
        const QByteArray chunk(64 * 1024, 'z');
        for (int i = 0; i < 200; ++i) { // 12.5 MiB
            QVERIFY(framer.feed(chunk, out));
            QVERIFY(framer.pendingBytes().size() <= 1000 + chunk.size());
        }
        QCOMPARE(out.size(), 1);
        QVERIFY(!out[0].error.isEmpty());
        QVERIFY(out[0].bytes.size() <= SyslogFramer::kKeptPrefix);
        QVERIFY(framer.feed("\n<14>back\n", out));
        QCOMPARE(out.size(), 2);
        QCOMPARE(out[1].bytes, QByteArray("<14>back"));
    }

    void hugeOctetCountIsSkippedNotBuffered()
    {
        SyslogFramer framer(1000);
        QList<Core::RawRecord> out;
        QVERIFY(framer.feed("999999999 <13>", out));
        const QByteArray chunk(64 * 1024, 'q');
        for (int i = 0; i < 100; ++i) {
            QVERIFY(framer.feed(chunk, out));
        }
        QCOMPARE(out.size(), 1);
        QVERIFY(out[0].error.contains(u"999999999 bytes"_s));
        QVERIFY(framer.pendingBytes().size() <= SyslogFramer::kKeptPrefix);
    }

    void garbage_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("framing");
        QTest::addColumn<QString>("reason");
        const auto detect = int(SyslogFramer::Framing::Detect);
        const auto octetCounted = int(SyslogFramer::Framing::OctetCounted);
        QTest::addRow("tls-hello-on-plain-port")
            << QByteArray::fromHex("160301020001") << detect << u"first byte 0x16"_s;
        QTest::addRow("letters") << QByteArray("GET / HTTP/1.1\r\n") << detect << u"0x47"_s;
        QTest::addRow("count-without-space")
            << QByteArray("12<13>x") << detect << u"invalid octet count \"12<"_s;
        QTest::addRow("leading-zero")
            << QByteArray("05 <1>ab") << detect << u"invalid octet count"_s;
        QTest::addRow("ten-digits")
            << QByteArray("1234567890 <1>") << detect << u"invalid octet count"_s;
        QTest::addRow("lf-on-tls")
            << QByteArray("<13>line\n") << octetCounted << u"invalid octet count \"<"_s;
        QTest::addRow("garbage-after-good-frame")
            << octet("<1>ok") + "abc " << detect << u"invalid octet count \"a"_s;
    }

    void garbage()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, framing);
        QFETCH(QString, reason);
        for (const int step : { 0, 1 }) {
            SyslogFramer framer(1000, SyslogFramer::Framing(framing));
            QList<Core::RawRecord> out = frame(framer, stream, step);
            QVERIFY(framer.failed());
            QVERIFY2(framer.error().contains(reason), qPrintable(framer.error()));
            // A failed stream takes nothing more.
            QVERIFY(!framer.feed("<13>more\n", out));
            for (const Core::RawRecord &r : out) {
                QCOMPARE(r.bytes, QByteArray("<1>ok"));
            }
        }
    }

    void endOfStreamInsideCount()
    {
        SyslogFramer framer;
        QList<Core::RawRecord> out;
        QVERIFY(framer.feed(QByteArray(octet("<1>a") + "\n12"), out));
        framer.finish(out);
        QCOMPARE(out.size(), 2);
        QVERIFY(out[1].error.contains(u"inside an octet count"_s));
        // Stray line ends after the last frame are not an error.
        SyslogFramer clean;
        QList<Core::RawRecord> out2;
        QVERIFY(clean.feed(QByteArray(octet("<1>a") + "\r\n"), out2));
        clean.finish(out2);
        QCOMPARE(messages(out2), QByteArrayList { "<1>a" });
    }
};

QTEST_GUILESS_MAIN(tst_SyslogFraming)
#include "tst_syslogframing.moc"
