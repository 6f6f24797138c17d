// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench_webhook [--requests N] [--senders S] [--alerts-per-request A] [--dir DIR]
// Webhook throughput: S concurrent senders post Alertmanager v4 payloads of A alerts each over
// keep-alive connections to a webhook feed on 127.0.0.1 (bearer token, answer after commit), each
// waiting for its answer before the next post as Alertmanager does. Printed next to a plain
// SQLite insert of the same rows (a table without indexes, 10 000-row transactions, the
// baseline of bench_store) measured in the same process, as a ratio.
#include "alertmanagernormalizer.h"
#include "alertstore.h"
#include "benchsupport.h"
#include "feed.h"
#include "sqlitestore.h"
#include "storewriter.h"
#include "webhookfeed.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

constexpr int kRawBatch = Bench::kBatch;
const QByteArray kToken = "bench-token";

using Bench::print;
using Bench::rawSqliteRate;

QByteArray payload(int request, int alerts)
{
    QJsonArray list;
    for (int i = 0; i < alerts; ++i) {
        const QString name = u"BenchAlert%1"_s.arg(request);
        list.append(QJsonObject {
            { u"status"_s, u"firing"_s },
            { u"labels"_s,
                QJsonObject { { u"alertname"_s, name },
                    { u"severity"_s, i % 3 == 0 ? u"critical"_s : u"warning"_s },
                    { u"instance"_s, u"host-%1:9100"_s.arg(i) }, { u"job"_s, u"node"_s } } },
            { u"annotations"_s,
                QJsonObject { { u"summary"_s,
                                  u"Instance host-%1 of request %2 is down"_s.arg(i).arg(request) },
                    { u"description"_s,
                        u"host-%1 has been unreachable for 5 minutes"_s.arg(i) } } },
            { u"startsAt"_s, u"2026-11-27T01:00:00.000Z"_s },
            { u"endsAt"_s, u"0001-01-01T00:00:00Z"_s },
            { u"generatorURL"_s, u"http://prometheus:9090/graph?g0.expr=up%3D%3D0"_s },
            { u"fingerprint"_s,
                u"%1"_s.arg(quint64(request) * 1000 + quint64(i), 16, 16, QChar(u'0')) },
        });
    }
    return QJsonDocument(
        QJsonObject { { u"version"_s, u"4"_s },
            { u"groupKey"_s, u"{}:{alertname=\"BenchAlert%1\"}"_s.arg(request) },
            { u"truncatedAlerts"_s, QJsonValue(0) }, { u"status"_s, u"firing"_s },
            { u"receiver"_s, u"lakeguard"_s }, { u"groupLabels"_s, QJsonObject {} },
            { u"commonLabels"_s, QJsonObject {} }, { u"commonAnnotations"_s, QJsonObject {} },
            { u"externalURL"_s, u"http://alertmanager:9093"_s }, { u"alerts"_s, list } })
        .toJson(QJsonDocument::Compact);
}

QByteArray request(const QByteArray &body)
{
    return "POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Alertmanager/0.25.0\r\n"
           "Content-Type: application/json\r\nAuthorization: Bearer "
        + kToken + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// Reads one response from a blocking socket; its status, or 0 on failure.
int readStatus(QTcpSocket &socket, QByteArray &buffer)
{
    while (true) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QByteArray head = buffer.left(end).toLower();
            const qsizetype at = head.indexOf("content-length:");
            const qsizetype lineEnd = head.indexOf('\r', at);
            const qint64 length
                = at < 0 ? 0 : head.mid(at + 15, lineEnd - at - 15).trimmed().toLongLong();
            if (buffer.size() >= end + 4 + length) {
                const int status = buffer.mid(9, 3).toInt();
                buffer.remove(0, end + 4 + length);
                return status;
            }
        }
        if (!socket.waitForReadyRead(30'000)) {
            return 0;
        }
        buffer += socket.readAll();
    }
}

} // namespace

int main(int argc, char *argv[])
{
    // Before any SQLite connection opens, as the product does (storage/sqlitestore.h).
    Storage::configureSqliteLibrary();
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({ u"requests"_s, u"Requests in all (default 4000)."_s, u"N"_s, u"4000"_s });
    p.addOption({ u"senders"_s, u"Concurrent senders (default 8)."_s, u"S"_s, u"8"_s });
    p.addOption(
        { u"alerts-per-request"_s, u"Alerts per payload (default 10)."_s, u"A"_s, u"10"_s });
    p.addOption(
        { u"dir"_s, u"Where to put the stores (default: a temporary folder)."_s, u"DIR"_s });
    p.process(app);
    QTextStream out(stdout);
    const int requests = std::max(1, p.value(u"requests"_s).toInt());
    const int senders = std::clamp(p.value(u"senders"_s).toInt(), 1, 64);
    const int perRequest = std::max(1, p.value(u"alerts-per-request"_s).toInt());
    QTemporaryDir tmp;
    const QDir dir(p.isSet(u"dir"_s) ? p.value(u"dir"_s) : tmp.path());
    QDir().mkpath(dir.path());
    QFile::remove(dir.filePath(u"bench-webhook-raw.db"_s));
    QFile::remove(dir.filePath(u"bench-webhook-store.db"_s));

    out << "bench_webhook: " << requests << " requests of " << perRequest << " alerts from "
        << senders << " senders, in " << dir.path() << Qt::endl;
    QList<QByteArray> bodies;
    bodies.reserve(requests);
    for (int i = 0; i < requests; ++i) {
        bodies.append(request(payload(i, perRequest)));
    }

    // The same rows, normalised the way the feed does it, for the baseline.
    QList<Core::Alert> rows;
    {
        const Core::AlertmanagerNormalizer normalizer;
        const Core::NormalizeContext ctx { u"am"_s, Core::nowMs() };
        for (const QByteArray &r : std::as_const(bodies)) {
            for (Core::NormalizeResult &n :
                normalizer.normalizeAll(r.mid(r.indexOf("\r\n\r\n") + 4), ctx)) {
                if (auto *a = std::get_if<Core::Alert>(&n)) {
                    rows.append(std::move(*a));
                }
            }
        }
    }
    const double raw = rawSqliteRate(dir.filePath(u"bench-webhook-raw.db"_s), rows);
    print(out, "baseline: plain SQLite insert, no indexes", raw, "alerts/s");
    // The store's own rate for the same rows in large batches: the floor under any feed.
    double storeRate = 0;
    {
        auto created = Storage::createStore(dir.filePath(u"bench-webhook-direct.db"_s));
        std::unique_ptr<Storage::AlertStore> store = std::move(created.value());
        if (const Storage::Status s = store->open(Storage::AlertStore::Mode::ReadWrite); !s) {
            out << "cannot open: " << s.error() << Qt::endl;
            return 1;
        }
        QElapsedTimer direct;
        direct.start();
        for (qint64 i = 0; i < rows.size(); i += kRawBatch) {
            Storage::IngestBatch b;
            b.feed = u"am"_s;
            b.feedType = u"webhook"_s;
            b.alerts = rows.mid(i, kRawBatch);
            if (!store->writeBatch(b).ok) {
                out << "store write failed" << Qt::endl;
                return 1;
            }
        }
        storeRate = double(rows.size()) * 1000.0 / std::max<qint64>(1, direct.elapsed());
    }
    print(out, "reference: store.writeBatch, 10 000-row batches", storeRate, "alerts/s");

    qputenv("LAKEGUARD_BENCH_TOKEN", kToken);
    quint16 port = 0;
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        port = probe.serverPort();
    }
    Storage::StoreWriter writer(dir.filePath(u"bench-webhook-store.db"_s));
    if (const Storage::Status s = writer.start(); !s) {
        out << "cannot open the store: " << s.error() << Qt::endl;
        return 1;
    }
    Feeds::FeedConfig config;
    config.id = u"am"_s;
    config.type = u"webhook"_s;
    config.format = u"alertmanager"_s;
    config.settings = QJsonObject { { u"id"_s, u"am"_s }, { u"type"_s, u"webhook"_s },
        { u"listen"_s, u"127.0.0.1:%1"_s.arg(port) },
        { u"token_env"_s, u"LAKEGUARD_BENCH_TOKEN"_s } };
    auto *feed = new Feeds::WebhookFeed(config, &writer);
    QThread feedThread;
    feedThread.setObjectName(u"feed-am"_s);
    feed->moveToThread(&feedThread);
    QObject::connect(&feedThread, &QThread::finished, feed, &QObject::deleteLater);
    std::atomic<bool> listening = false;
    QObject::connect(
        feed, &Feeds::WebhookFeed::stateChanged, feed, [&listening](Storage::FeedState s) {
            if (s == Storage::FeedState::Healthy) {
                listening = true;
            }
        });
    feedThread.start();
    QMetaObject::invokeMethod(feed, [feed] { feed->start({}); });
    for (int i = 0; i < 500 && !listening; ++i) {
        QThread::msleep(10);
    }
    if (!listening) {
        out << "the feed did not start" << Qt::endl;
        return 1;
    }

    std::atomic<int> failures = 0;
    std::vector<std::vector<qint64>> latencies(size_t(senders), std::vector<qint64> {});
    QList<QThread *> threads;
    QElapsedTimer t;
    t.start();
    for (int s = 0; s < senders; ++s) {
        threads << QThread::create([&, s] {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            if (!socket.waitForConnected(10'000)) {
                ++failures;
                return;
            }
            QByteArray buffer;
            QElapsedTimer one;
            for (int i = s; i < requests; i += senders) {
                one.start();
                socket.write(bodies[i]);
                const int status = readStatus(socket, buffer);
                latencies[size_t(s)].push_back(one.nsecsElapsed() / 1000);
                if (status != 200) {
                    ++failures;
                    return;
                }
            }
        });
        threads.last()->start();
    }
    for (QThread *thread : std::as_const(threads)) {
        thread->wait();
        delete thread;
    }
    const qint64 elapsed = std::max<qint64>(1, t.elapsed());
    QMetaObject::invokeMethod(
        feed, [feed] { feed->stop(); }, Qt::BlockingQueuedConnection);
    feedThread.quit();
    feedThread.wait();
    writer.stop();
    if (failures > 0) {
        out << failures << " senders failed" << Qt::endl;
        return 1;
    }

    std::vector<qint64> all;
    for (const std::vector<qint64> &l : latencies) {
        all.insert(all.end(), l.begin(), l.end());
    }
    std::sort(all.begin(), all.end());
    const double rate = double(rows.size()) * 1000.0 / double(elapsed);
    print(out, "webhook: requests/s", double(requests) * 1000.0 / double(elapsed), "req/s");
    print(out, "webhook: latency p50 (post to 200 after commit)",
        double(all.at(all.size() / 2)) / 1000.0, "ms");
    print(out, "webhook: latency p99", double(all.at(all.size() * 99 / 100)) / 1000.0, "ms");
    print(out, "webhook: alerts/s (committed, answered)", rate, "alerts/s");
    print(out, "ratio webhook / plain SQLite", rate / raw, "");
    print(out, "ratio webhook / store.writeBatch", rate / storeRate, "");
    return 0;
}
