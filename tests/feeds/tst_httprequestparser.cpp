// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httprequestparser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Feeds;
using Event = HttpRequestParser::Event;

namespace {

QByteArray post(const QByteArray &body, const QByteArray &extra = {})
{
    return "POST /hook?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body;
}

// Runs the parser over `bytes` split into pieces of `step` bytes; returns the events seen
// (NeedMore left out) and leaves the parser where it stopped.
QList<Event> run(HttpRequestParser &p, const QByteArray &bytes, qsizetype step)
{
    QList<Event> events;
    for (qsizetype i = 0; i < bytes.size(); i += step) {
        p.append(QByteArrayView(bytes).sliced(i, std::min(step, bytes.size() - i)));
        while (true) {
            const Event e = p.next();
            if (e == Event::NeedMore) {
                break;
            }
            if (events.isEmpty() || events.last() != e) {
                events << e;
            }
            if (e == Event::Complete || e == Event::Error) {
                return events;
            }
        }
    }
    return events;
}

} // namespace

class tst_HttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void completeRequest_data()
    {
        QTest::addColumn<qsizetype>("step");
        QTest::addRow("at once") << qsizetype(1 << 20);
        QTest::addRow("byte by byte") << qsizetype(1);
        QTest::addRow("7 bytes") << qsizetype(7);
    }

    void completeRequest()
    {
        QFETCH(qsizetype, step);
        const QByteArray body = "{\"alerts\":[]}";
        HttpRequestParser p;
        const QList<Event> events = run(p, post(body, "X-Lakeguard-Timestamp:  12 \r\n"), step);
        QCOMPARE(events, (QList<Event> { Event::Head, Event::Complete }));
        const HttpRequest r = p.takeRequest();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.target, QByteArray("/hook?x=1"));
        QCOMPARE(r.path, QByteArray("/hook"));
        QCOMPARE(r.minorVersion, 1);
        QCOMPARE(r.contentLength, body.size());
        QCOMPARE(r.body, body);
        QVERIFY(r.keepAlive);
        QVERIFY(!r.expectContinue);
        QCOMPARE(r.header("x-lakeguard-timestamp"), QByteArray("12"));
        QCOMPARE(r.header("CONTENT-TYPE"), QByteArray("application/json"));
        QVERIFY(r.header("missing").isNull());
        QCOMPARE(p.buffered(), 0);
        QVERIFY(!p.inRequest());
        QCOMPARE(p.next(), Event::NeedMore);
    }

    void headBeforeBody()
    {
        // The head is reported before any body byte arrives, so a server can refuse early.
        HttpRequestParser p;
        const QByteArray bytes = post("0123456789", "Expect: 100-continue\r\n");
        p.append(bytes.left(bytes.size() - 10));
        QCOMPARE(p.next(), Event::Head);
        QVERIFY(p.request().expectContinue);
        QVERIFY(p.readingBody());
        QCOMPARE(p.bodyRemaining(), 10);
        QCOMPARE(p.next(), Event::NeedMore);
        p.append("01234");
        QCOMPARE(p.next(), Event::NeedMore);
        QCOMPARE(p.bodyRemaining(), 5);
        p.append("56789");
        QCOMPARE(p.next(), Event::Complete);
        QCOMPARE(p.takeRequest().body, QByteArray("0123456789"));
    }

    void pipelinedRequests()
    {
        HttpRequestParser p;
        p.append(QByteArray(post("one") + post("two", "Connection: close\r\n") + "\r\n"));
        QCOMPARE(p.next(), Event::Head);
        QCOMPARE(p.next(), Event::Complete);
        QCOMPARE(p.takeRequest().body, QByteArray("one"));
        QVERIFY(p.inRequest());
        QCOMPARE(p.next(), Event::Head);
        QCOMPARE(p.next(), Event::Complete);
        const HttpRequest second = p.takeRequest();
        QCOMPARE(second.body, QByteArray("two"));
        QVERIFY(!second.keepAlive);
        // A stray CRLF between requests is allowed (RFC 9112 2.2).
        QCOMPARE(p.next(), Event::NeedMore);
        QVERIFY(!p.inRequest());
    }

    void bodyLongerThanContentLength()
    {
        // The surplus is the start of the next request: garbage there is refused at once.
        HttpRequestParser p;
        p.append(QByteArray(post("{\"a\":1}").chopped(1) + "}{\"b\":2}"));
        QCOMPARE(p.next(), Event::Head);
        QCOMPARE(p.next(), Event::Complete);
        QCOMPARE(p.takeRequest().body, QByteArray("{\"a\":1}"));
        QCOMPARE(p.next(), Event::Error);
        QCOMPARE(p.errorStatus(), 400);
    }

    void versionsAndTargets()
    {
        HttpRequestParser p;
        p.append("POST http://127.0.0.1:9099/hook?q HTTP/1.0\nContent-Length: 2\n\nok");
        QCOMPARE(p.next(), Event::Head);
        QCOMPARE(p.request().path, QByteArray("/hook"));
        QCOMPARE(p.request().minorVersion, 0);
        QVERIFY(!p.request().keepAlive); // HTTP/1.0 without keep-alive, bare LF line ends
        QCOMPARE(p.next(), Event::Complete);
        QCOMPARE(p.takeRequest().body, QByteArray("ok"));

        HttpRequestParser get;
        get.append("GET /hook HTTP/1.1\r\nHost: h\r\n\r\n");
        QCOMPARE(get.next(), Event::Head);
        QCOMPARE(get.next(), Event::Complete);
        QCOMPARE(get.takeRequest().contentLength, 0);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        const QByteArray host = "Host: h\r\n";
        QTest::addRow("no host") << QByteArray("POST /hook HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
                                 << 400;
        QTest::addRow("two hosts")
            << QByteArray("POST /hook HTTP/1.1\r\n" + host + host + "Content-Length: 0\r\n\r\n")
            << 400;
        QTest::addRow("bad request line") << QByteArray("POST /hook\r\n" + host + "\r\n") << 400;
        QTest::addRow("target with no slash")
            << QByteArray("POST hook HTTP/1.1\r\n" + host + "Content-Length: 0\r\n\r\n") << 400;
        QTest::addRow("garbage, no line end yet") << QByteArray("{\"x\":1}") << 400;
        QTest::addRow("overlong method") << QByteArray(40, 'P') << 400;
        QTest::addRow("HTTP/2.0") << QByteArray("POST /hook HTTP/2.0\r\n" + host + "\r\n") << 505;
        QTest::addRow("not HTTP") << QByteArray("POST /hook FTP/1.1\r\n" + host + "\r\n") << 400;
        QTest::addRow("chunked") << QByteArray(
            "POST /hook HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n")
                                 << 411;
        QTest::addRow("gzip coding")
            << QByteArray("POST /hook HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\n")
            << 501;
        QTest::addRow("length and coding") << QByteArray("POST /hook HTTP/1.1\r\n" + host
            + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
                                           << 400;
        QTest::addRow("conflicting lengths") << QByteArray(
            "POST /hook HTTP/1.1\r\n" + host + "Content-Length: 3\r\nContent-Length: 4\r\n\r\n")
                                             << 400;
        QTest::addRow("negative length")
            << QByteArray("POST /hook HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n") << 400;
        QTest::addRow("length not a number")
            << QByteArray("POST /hook HTTP/1.1\r\n" + host + "Content-Length: 1e3\r\n\r\n") << 400;
        QTest::addRow("post without length")
            << QByteArray("POST /hook HTTP/1.1\r\n" + host + "\r\n") << 411;
        QTest::addRow("length over the limit")
            << QByteArray("POST /hook HTTP/1.1\r\n" + host + "Content-Length: 1025\r\n\r\n") << 413;
        QTest::addRow("folded header")
            << QByteArray("POST /hook HTTP/1.1\r\n" + host + "X-A: 1\r\n  2\r\n\r\n") << 400;
        QTest::addRow("space before colon")
            << QByteArray("POST /hook HTTP/1.1\r\n" + host + "X-A : 1\r\n\r\n") << 400;
        QTest::addRow("control character")
            << QByteArray("POST /hook HTTP/1.1\r\n" + host + "X-A: a\x01b\r\n\r\n") << 400;
        QTest::addRow("unknown expectation")
            << QByteArray("POST /hook HTTP/1.1\r\n" + host + "Expect: 200-ok\r\n\r\n") << 417;
        QTest::addRow("head too large")
            << QByteArray("POST /hook HTTP/1.1\r\n" + host + "X-Big: " + QByteArray(5000, 'a'))
            << 431;
        QByteArray many = "POST /hook HTTP/1.1\r\n" + host;
        for (int i = 0; i < 30; ++i) {
            many += "X-" + QByteArray::number(i) + ": v\r\n";
        }
        QTest::addRow("too many headers") << QByteArray(many + "\r\n") << 431;
    }

    void errors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        HttpRequestParser::Limits limits;
        limits.maxHeaderBytes = 4096;
        limits.maxHeaders = 20;
        limits.maxBodyBytes = 1024;
        HttpRequestParser p(limits);
        p.append(bytes);
        QCOMPARE(p.next(), Event::Error);
        QCOMPARE(p.errorStatus(), status);
        QVERIFY(!p.errorText().isEmpty());
        QCOMPARE(p.next(), Event::Error); // stays failed
        QVERIFY(!HttpRequestParser::reasonPhrase(status).startsWith("Unknown"));
    }

    void mangledInputNeverHangsOrGrows()
    {
        // Damaged requests (bytes flipped, cut, repeated) fed in random pieces: every run ends in
        // a request, a refusal or a wait for more, with the buffer inside its limits.
        QRandomGenerator rng(20261127);
        const QByteArray good = post("{\"alerts\":[1,2,3]}", "Expect: 100-continue\r\n");
        HttpRequestParser::Limits limits;
        limits.maxHeaderBytes = 512;
        limits.maxBodyBytes = 4096;
        int complete = 0;
        int refused = 0;
        for (int round = 0; round < 3000; ++round) {
            QByteArray bytes = good.repeated(1 + rng.bounded(3));
            for (int flips = rng.bounded(6); flips > 0; --flips) {
                bytes[rng.bounded(bytes.size())] = char(rng.bounded(256));
            }
            if (rng.bounded(4) == 0) {
                bytes.truncate(rng.bounded(bytes.size()));
            }
            HttpRequestParser p(limits);
            qsizetype offset = 0;
            bool done = false;
            while (offset < bytes.size() && !done) {
                const qsizetype n = std::min<qsizetype>(1 + rng.bounded(40), bytes.size() - offset);
                p.append(QByteArrayView(bytes).sliced(offset, n));
                offset += n;
                Event e = Event::NeedMore;
                for (int steps = 0; steps < 100; ++steps) {
                    e = p.next();
                    if (e == Event::Complete) {
                        QVERIFY(p.request().body.size() <= limits.maxBodyBytes);
                        p.takeRequest();
                        ++complete;
                        continue;
                    }
                    if (e == Event::Error) {
                        QVERIFY(p.errorStatus() >= 400 && p.errorStatus() < 600);
                        ++refused;
                        done = true;
                    }
                    if (e != Event::Head) {
                        break;
                    }
                }
                QVERIFY(e == Event::NeedMore || e == Event::Error);
                if (e == Event::NeedMore) {
                    // Waiting holds at most an unfinished head; body bytes are moved out at once.
                    QVERIFY(p.buffered() <= (p.readingBody() ? 0 : limits.maxHeaderBytes));
                }
            }
        }
        QVERIFY(complete > 0);
        QVERIFY(refused > 0);
    }

    void slowHeadStaysBounded()
    {
        // A client that never ends its head is refused once the head limit is passed.
        HttpRequestParser::Limits limits;
        limits.maxHeaderBytes = 1024;
        HttpRequestParser p(limits);
        p.append("POST /hook HTTP/1.1\r\n");
        Event e = Event::NeedMore;
        int lines = 0;
        while (e == Event::NeedMore && lines < 1000) {
            p.append("X-Slow: a\r\n");
            e = p.next();
            ++lines;
        }
        QCOMPARE(e, Event::Error);
        QCOMPARE(p.errorStatus(), 431);
        QVERIFY(p.buffered() < 1100);
    }
};

QTEST_GUILESS_MAIN(tst_HttpRequestParser)
#include "tst_httprequestparser.moc"
