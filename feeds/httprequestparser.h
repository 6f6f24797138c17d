// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace Lakeguard::Feeds {

// One HTTP/1.x request as received. Header names are lower-cased; values are trimmed.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // as sent, e.g. "/hook?x=1"
    QByteArray path; // the target without its query
    int minorVersion = 1; // HTTP/1.<minor>
    QList<std::pair<QByteArray, QByteArray>> headers;
    qint64 contentLength = 0;
    bool keepAlive = true; // HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with keep-alive
    bool expectContinue = false;
    QByteArray body;

    // The first value of a header (name in any case), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
};

// An incremental HTTP/1.1 request parser for a server that needs to know the size of a body
// before reading it. Bytes are appended as they arrive; next() advances over them and reports
// the head once (so a caller can refuse early: 404, 413, 401 …) and then the complete request.
// Bytes after a complete request stay buffered for the next one (keep-alive, pipelining).
//
// Bodies must have a Content-Length: Transfer-Encoding (chunked included) is refused with 411,
// the answer RFC 9110 gives a server that requires a length; no sender this feed serves needs it.
// Memory is bounded by the header limit plus the body limit plus what the caller appends.
class HttpRequestParser final
{
public:
    struct Limits
    {
        qsizetype maxHeaderBytes = 32 * 1024; // request line and headers together
        int maxHeaders = 100;
        qint64 maxBodyBytes = 10LL * 1024 * 1024;
    };

    enum class Event {
        NeedMore, // nothing to report until more bytes arrive
        Head, // the request line and headers are complete (request() has them, no body)
        Complete, // the whole request is in request(); takeRequest() moves on to the next
        Error, // errorStatus()/errorText() say why; the connection should be closed
    };

    HttpRequestParser() = default;
    explicit HttpRequestParser(const Limits &limits)
        : m_limits(limits)
    { }

    void append(QByteArrayView bytes) { m_buffer.append(bytes.data(), bytes.size()); }
    Event next();

    const HttpRequest &request() const { return m_request; }
    HttpRequest takeRequest();

    int errorStatus() const { return m_errorStatus; }
    const QString &errorText() const { return m_errorText; }

    // True while any byte of a request that is not complete has been received.
    bool inRequest() const { return m_stage != Stage::Head || !m_buffer.isEmpty(); }
    bool readingBody() const { return m_stage == Stage::Body; }
    qint64 bodyRemaining() const;
    qsizetype buffered() const { return m_buffer.size(); }

    // Reason phrase for the status codes this feed sends.
    static QByteArray reasonPhrase(int status);

private:
    enum class Stage { Head, Body, Done, Failed };

    Event fail(int status, QString text);
    Event parseHead(qsizetype headEnd, qsizetype terminatorSize);
    bool plausibleRequestLinePrefix() const;

    Limits m_limits;
    QByteArray m_buffer;
    HttpRequest m_request;
    Stage m_stage = Stage::Head;
    qsizetype m_scanned = 0; // head bytes already searched for the empty line
    int m_errorStatus = 0;
    QString m_errorText;
};

} // namespace Lakeguard::Feeds
