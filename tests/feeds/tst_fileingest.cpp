// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fileingest.h"
#include "sqlitestore.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

QByteArray eveLine(int i, const char *type = "alert")
{
    return "{\"timestamp\":\"2026-01-01T00:00:" + QByteArray::number(10 + i % 50)
        + ".000000+0000\",\"event_type\":\"" + type + "\",\"src_ip\":\"192.0.2." + QByteArray::number(i % 250)
        + "\",\"dest_ip\":\"198.51.100.1\",\"alert\":{\"signature_id\":" + QByteArray::number(1000 + i)
        + ",\"signature\":\"sig\",\"severity\":2,\"category\":\"Misc activity\"}}\n";
}

} // namespace

class tst_FileIngest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    Feeds::IngestSummary ingest(const QString &db, const QByteArray &input, int batch,
                                const QString &format = u"auto"_s)
    {
        Storage::SqliteStore store(m_dir.filePath(db));
        if (!store.open(Storage::AlertStore::Mode::ReadWrite)) {
            return {};
        }
        QBuffer buffer;
        buffer.setData(input);
        buffer.open(QIODevice::ReadOnly);
        Feeds::FileIngest fi(store, u"test"_s, format);
        fi.setBatchSize(batch);
        QString error;
        const Feeds::IngestSummary s = fi.run(buffer, &error);
        if (!error.isEmpty()) {
            qWarning() << error;
        }
        return s;
    }

private slots:
    void countsAcrossBatchSizes_data()
    {
        QTest::addColumn<int>("batch");
        for (int b : {1, 7, 100, 5000}) {
            QTest::addRow("batch-%d", b) << b;
        }
    }

    // Mixed input: alerts, skipped events, malformed lines and duplicates add up whatever the
    // batch size.
    void countsAcrossBatchSizes()
    {
        QFETCH(int, batch);
        QByteArray input;
        for (int i = 0; i < 200; ++i) {
            input += eveLine(i);
            if (i % 10 == 0) {
                input += eveLine(i, "flow");
            }
            if (i % 50 == 0) {
                input += "{broken json\n";
            }
        }
        input += eveLine(3) + eveLine(4); // duplicates of earlier lines
        const Feeds::IngestSummary s =
            ingest(u"counts-%1.db"_s.arg(batch), input, batch);
        QCOMPARE(s.accepted, 200);
        QCOMPARE(s.duplicates, 2);
        QCOMPARE(s.skipped, 20);
        QCOMPARE(s.quarantined, 4);
        QCOMPARE(s.read, 226);
        QCOMPARE(s.bytes, input.size());
    }

    void feedCountersMatch()
    {
        const QByteArray input = eveLine(1) + eveLine(2) + "garbage\n";
        QVERIFY(ingest(u"feed.db"_s, input, 2).accepted == 2);
        Storage::SqliteStore store(m_dir.filePath(u"feed.db"_s));
        QVERIFY(store.open(Storage::AlertStore::Mode::ReadOnly));
        const auto feeds = store.feeds().value();
        QCOMPARE(feeds.size(), 1);
        QCOMPARE(feeds[0].id, u"test"_s);
        QCOMPARE(feeds[0].type, u"file"_s);
        QCOMPARE(feeds[0].accepted, 2);
        QCOMPARE(feeds[0].quarantined, 1);
        QCOMPARE(feeds[0].received, 3);
    }

    void oversizeLineIsQuarantinedAndBounded()
    {
        const QByteArray input = eveLine(1) + QByteArray(10 * 1024 * 1024, 'x') + '\n' + eveLine(2);
        const Feeds::IngestSummary s = ingest(u"huge.db"_s, input, 100);
        QCOMPARE(s.accepted, 2);
        QCOMPARE(s.quarantined, 1);
        Storage::SqliteStore store(m_dir.filePath(u"huge.db"_s));
        QVERIFY(store.open(Storage::AlertStore::Mode::ReadOnly));
        const auto q = store.quarantine(0).value();
        QCOMPARE(q.size(), 1);
        QVERIFY(q[0].record.reason.contains(u"exceeds"_s));
        QVERIFY(q[0].record.raw.size() <= 64 * 1024);
    }

    void alertmanagerDocument_data()
    {
        // A pretty-printed v4 payload (as Alertmanager's webhook posts it, indented here).
        const QByteArray payload =
            "{\n  \"version\": \"4\",\n  \"status\": \"firing\",\n  \"alerts\": [\n"
            "    {\"status\": \"firing\", \"labels\": {\"alertname\": \"A\", \"severity\": \"critical\"},\n"
            "     \"startsAt\": \"2024-05-01T10:00:00Z\", \"fingerprint\": \"aa\"},\n"
            "    {\"status\": \"firing\", \"labels\": {\"alertname\": \"B\"},\n"
            "     \"startsAt\": \"2024-05-01T10:00:00Z\", \"fingerprint\": \"bb\"}\n  ]\n}\n";
        const QByteArray line1 =
            "{\"version\":\"4\",\"alerts\":[{\"labels\":{\"alertname\":\"C\"},\"startsAt\":\"2024-05-01T10:00:00Z\"}]}\n";
        const QByteArray line2 =
            "{\"version\":\"4\",\"alerts\":[{\"labels\":{\"alertname\":\"D\"},\"startsAt\":\"2024-05-01T10:00:00Z\"}]}\n";
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("read");
        QTest::addColumn<int>("accepted");
        QTest::addColumn<int>("quarantined");
        QTest::addRow("pretty-alertmanager") << u"alertmanager"_s << payload << 1 << 2 << 0;
        QTest::addRow("pretty-auto") << u"auto"_s << payload << 1 << 2 << 0;
        QTest::addRow("lines-alertmanager") << u"alertmanager"_s << line1 + line2 << 2 << 2 << 0;
        QTest::addRow("lines-auto") << u"auto"_s << line1 + line2 << 2 << 2 << 0;
        // A '{' document that does not parse whole is split into lines like any stream.
        QTest::addRow("broken-document") << u"alertmanager"_s << payload.left(payload.size() - 3)
                                         << 9 << 0 << 9;
    }

    // A multi-line JSON document is one record; one record may give several alerts; a
    // re-delivery adds nothing.
    void alertmanagerDocument()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, input);
        QFETCH(int, read);
        QFETCH(int, accepted);
        QFETCH(int, quarantined);
        const QString db = u"am-%1.db"_s.arg(QString::fromLatin1(QTest::currentDataTag()));
        Feeds::IngestSummary s = ingest(db, input, 100, format);
        QCOMPARE(s.read, read);
        QCOMPARE(s.accepted, accepted);
        QCOMPARE(s.quarantined, quarantined);
        s = ingest(db, input, 100, format);
        QCOMPARE(s.accepted, 0);
        QCOMPARE(s.duplicates, accepted);
    }

    void unknownFormatIsAnError()
    {
        Storage::SqliteStore store(m_dir.filePath(u"fmt.db"_s));
        QVERIFY(store.open(Storage::AlertStore::Mode::ReadWrite));
        QBuffer buffer;
        buffer.open(QIODevice::ReadOnly);
        Feeds::FileIngest fi(store, u"x"_s, u"xml"_s);
        QString error;
        fi.run(buffer, &error);
        QVERIFY(error.contains(u"xml"_s));
    }
};

QTEST_GUILESS_MAIN(tst_FileIngest)
#include "tst_fileingest.moc"
