// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench_feeds [--lines N] [--dir DIR]
// The live file feed end to end: N Suricata EVE alert lines, then N CEF lines, written to a file
// and followed by a FileTailFeed (reading, framing and normalising on the feed's thread, storing
// on the writer's thread, cursor committed with each batch) into a fresh store. Each rate is
// printed next to a plain SQLite insert of the same normalised rows, measured in the same process,
// and the ratio. The lines are synthetic but shaped like the fixtures (EVE 8.x alert events; CEF
// with header escapes and custom labels).
#include "benchsupport.h"
#include "feedconfig.h"
#include "filetailfeed.h"
#include "normalizer.h"
#include "sqlitestore.h"
#include "storewriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QTimeZone>
#include <QDateTime>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

QByteArray eveLine(qint64 i)
{
    const qint64 ms = 1'764'000'000'000LL + i * 37;
    const QByteArray ts = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
                              .toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s)
                              .toLatin1()
        + "123+0000";
    const int sid = 2'010'000 + int(i % 977);
    return "{\"timestamp\":\"" + ts + "\",\"flow_id\":" + QByteArray::number(1'000'000'000 + i)
        + ",\"in_iface\":\"eth0\",\"event_type\":\"alert\",\"src_ip\":\"10."
        + QByteArray::number(i % 200) + "." + QByteArray::number((i / 200) % 250) + ".7\","
        "\"src_port\":" + QByteArray::number(1024 + i % 60000)
        + ",\"dest_ip\":\"192.0.2." + QByteArray::number(i % 250)
        + "\",\"dest_port\":443,\"proto\":\"TCP\",\"alert\":{\"action\":\"allowed\",\"gid\":1,"
          "\"signature_id\":" + QByteArray::number(sid)
        + ",\"rev\":4,\"signature\":\"ET POLICY Suspicious TLS client hello variant "
        + QByteArray::number(sid) + "\",\"category\":\"Potentially Bad Traffic\",\"severity\":"
        + QByteArray::number(1 + i % 3) + "},\"app_proto\":\"tls\",\"flow\":{\"pkts_toserver\":"
        + QByteArray::number(3 + i % 40) + ",\"bytes_toserver\":" + QByteArray::number(400 + i % 9000)
        + "}}\n";
}

QByteArray cefLine(qint64 i)
{
    const qint64 ms = 1'764'000'000'000LL + i * 37;
    return "CEF:0|Acme Networks|NGFW\\|edge|9.1.2|threat-" + QByteArray::number(i % 613)
        + "|Threat detected: credential stuffing pattern " + QByteArray::number(i % 613) + "|"
        + QByteArray::number(i % 11) + "|rt=" + QByteArray::number(ms)
        + " src=10." + QByteArray::number(i % 200) + ".1." + QByteArray::number(i % 250)
        + " spt=" + QByteArray::number(1024 + i % 60000) + " dst=198.51.100."
        + QByteArray::number(i % 250) + " dpt=443 act=blocked duser=user"
        + QByteArray::number(i % 5000) + " cs1Label=policy cs1=edge-default cn1Label=hits cn1="
        + QByteArray::number(i) + " msg=blocked after " + QByteArray::number(i % 97)
        + " attempts \\= threshold\n";
}

// Writes the file, normalises the lines once (for the baseline rows), then times the feed.
struct Result
{
    double feedRate = 0;
    double rawRate = 0;
    qint64 stored = 0;
    qint64 quarantined = 0;
};

Result run(const QDir &dir, const QString &name, const QString &format, qint64 n,
           QByteArray (*line)(qint64), QTextStream &out)
{
    Result result;
    const QString log = dir.filePath(name + u".log"_s);
    const QString db = dir.filePath(name + u".db"_s);
    QFile::remove(db);
    QList<Core::Alert> alerts;
    alerts.reserve(n);
    {
        QFile f(log);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            out << "cannot write " << log << Qt::endl;
            return result;
        }
        const auto normalizer = Core::makeNormalizer(format);
        const Core::NormalizeContext ctx{u"bench"_s, 1};
        for (qint64 i = 0; i < n; ++i) {
            const QByteArray l = line(i);
            f.write(l);
            const auto r = normalizer->normalize(l.chopped(1), ctx);
            if (const auto *a = std::get_if<Core::Alert>(&r)) {
                alerts.append(*a);
            }
        }
    }
    Bench::print(out, qPrintable(name + u": lines written, normalisable"_s), double(alerts.size()),
                 "");
    result.rawRate = Bench::rawSqliteRate(dir.filePath(name + u"-raw.db"_s), alerts);
    alerts.clear();
    alerts.squeeze();

    Storage::StoreWriter writer(db);
    if (!writer.start()) {
        return result;
    }
    Feeds::FeedConfig c;
    c.id = name;
    c.type = u"file"_s;
    c.format = format;
    c.settings = QJsonObject{{u"path"_s, log}, {u"poll_ms"_s, 50}};
    QThread thread;
    auto *feed = new Feeds::FileTailFeed(c, &writer);
    feed->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, feed, &QObject::deleteLater);
    QElapsedTimer clock;
    thread.start();
    clock.start();
    QMetaObject::invokeMethod(feed, [feed] { feed->start({}); });
    // Done when the store says every line was received (read from a connection of our own).
    qint64 received = 0;
    qint64 elapsed = 0;
    while (received < n) {
        QThread::msleep(100);
        Storage::SqliteStore reader(db);
        if (!reader.open(Storage::AlertStore::Mode::ReadOnly)) {
            continue;
        }
        for (const Storage::FeedStatus &f : reader.feeds().value()) {
            if (f.id == name) {
                received = f.received;
                result.stored = f.accepted;
                result.quarantined = f.quarantined;
            }
        }
        elapsed = clock.elapsed();
        if (elapsed > 3'600'000) {
            out << "gave up after an hour" << Qt::endl;
            break;
        }
    }
    QMetaObject::invokeMethod(feed, [feed] { feed->stop(); }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    writer.stop();
    result.feedRate = double(n) * 1000.0 / std::max<qint64>(1, elapsed);
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before any SQLite connection opens, as the product does (storage/sqlitestore.h).
    Storage::configureSqliteLibrary();
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({u"lines"_s, u"Lines per format (default 1000000)."_s, u"N"_s, u"1000000"_s});
    p.addOption({u"dir"_s, u"Where to put files and stores (default: a temporary folder)."_s,
                 u"DIR"_s});
    p.process(app);
    QTextStream out(stdout);
    const qint64 n = p.value(u"lines"_s).toLongLong();
    QTemporaryDir tmp;
    const QDir dir(p.isSet(u"dir"_s) ? p.value(u"dir"_s) : tmp.path());
    QDir().mkpath(dir.path());
    out << "bench_feeds: " << n << " lines per format through the file feed, in " << dir.path()
        << Qt::endl;
    for (const auto &[name, format, line] :
         {std::tuple{u"eve"_s, u"eve"_s, &eveLine}, std::tuple{u"cef"_s, u"cef"_s, &cefLine}}) {
        const Result r = run(dir, name, format, n, line, out);
        Bench::print(out, qPrintable(name + u": baseline plain SQLite insert"_s), r.rawRate,
                     "alerts/s");
        Bench::print(out, qPrintable(name + u": file feed to store"_s), r.feedRate, "lines/s");
        Bench::print(out, qPrintable(name + u": stored / quarantined"_s), double(r.stored), "");
        Bench::print(out, qPrintable(name + u": quarantined"_s), double(r.quarantined), "");
        Bench::print(out, qPrintable(name + u": ratio feed / plain SQLite"_s),
                     r.rawRate > 0 ? r.feedRate / r.rawRate : 0, "");
    }
    Bench::print(out, "peak RSS", double(Bench::peakRssKb()) / 1024.0, "MiB");
    return 0;
}
