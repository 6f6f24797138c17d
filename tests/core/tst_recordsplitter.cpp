// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordsplitter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Core;

class tst_RecordSplitter : public QObject
{
    Q_OBJECT

private:
    static QList<RawRecord> split(const QByteArray &input, int chunk, qsizetype maxRecord = 1 << 20)
    {
        RecordSplitter s(maxRecord);
        QList<RawRecord> out;
        for (qsizetype i = 0; i < input.size(); i += chunk) {
            s.feed(QByteArrayView(input).sliced(i, std::min<qsizetype>(chunk, input.size() - i)), out);
        }
        s.finish(out);
        return out;
    }

private slots:
    void lines_data()
    {
        QTest::addColumn<int>("chunk");
        for (int c : {1, 2, 3, 7, 64, 4096}) {
            QTest::addRow("chunk-%d", c) << c;
        }
    }

    void lines()
    {
        QFETCH(int, chunk);
        const QByteArray input = "{\"a\":1}\n\n{\"b\":2}\r\n   \n{\"c\":3}";
        const QList<RawRecord> out = split(input, chunk);
        QCOMPARE(out.size(), 3);
        QCOMPARE(out[0].bytes, QByteArray("{\"a\":1}"));
        QCOMPARE(out[1].bytes, QByteArray("{\"b\":2}"));
        QCOMPARE(out[2].bytes, QByteArray("{\"c\":3}")); // no trailing newline
        QCOMPARE(out[1].offset, 9);
        for (const RawRecord &r : out) {
            QVERIFY(r.error.isEmpty());
        }
    }

    void jsonArray_data()
    {
        QTest::addColumn<int>("chunk");
        for (int c : {1, 5, 4096}) {
            QTest::addRow("chunk-%d", c) << c;
        }
    }

    void jsonArray()
    {
        QFETCH(int, chunk);
        const QByteArray input = "\n  [\n  {\"a\": 1},\n  {\"b\": [1, 2]},\n  7\n]\n";
        const QList<RawRecord> out = split(input, chunk);
        QCOMPARE(out.size(), 3);
        QCOMPARE(out[0].bytes, QByteArray("{\"a\":1}"));
        QCOMPARE(out[1].bytes, QByteArray("{\"b\":[1,2]}"));
        QVERIFY(out[2].error.contains(u"not a JSON object"_s));
    }

    void brokenArray()
    {
        const QList<RawRecord> out = split("[{\"a\":1},", 3);
        QCOMPARE(out.size(), 1);
        QVERIFY(out[0].error.contains(u"invalid JSON array"_s));
        QCOMPARE(out[0].bytes, QByteArray("[{\"a\":1},"));
    }

    // A line over the limit becomes one error record with a bounded prefix; the next line is intact.
    void oversizeLine_data()
    {
        QTest::addColumn<int>("chunk");
        for (int c : {1000, 65536, 1 << 20}) {
            QTest::addRow("chunk-%d", c) << c;
        }
    }

    void oversizeLine()
    {
        QFETCH(int, chunk);
        const QByteArray huge(10 * 1024 * 1024, 'x');
        const QByteArray input = "{\"ok\":1}\n" + huge + "\n{\"ok\":2}\n";
        const QList<RawRecord> out = split(input, chunk, 1024 * 1024);
        QCOMPARE(out.size(), 3);
        QVERIFY(out[0].error.isEmpty());
        QVERIFY2(out[1].error.contains(u"10485760"_s), qPrintable(out[1].error));
        QCOMPARE(out[1].bytes.size(), RecordSplitter::kKeptPrefix);
        QCOMPARE(out[2].bytes, QByteArray("{\"ok\":2}"));
        QVERIFY(out[2].error.isEmpty());
    }

    void consumedTracksCompleteLines()
    {
        RecordSplitter s;
        QList<RawRecord> out;
        s.feed("{\"a\":1}\n{\"b\"", out);
        QCOMPARE(s.consumed(), 8);
        s.feed(":2}\n", out);
        QCOMPARE(s.consumed(), 16);
        QCOMPARE(out.size(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_RecordSplitter)
#include "tst_recordsplitter.moc"
