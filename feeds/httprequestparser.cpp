// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httprequestparser.h"

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

namespace {

constexpr qsizetype kMaxMethod = 32;

// RFC 9110 tchar: the characters of a token (methods, header names).
bool isTchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty()) {
        return false;
    }
    for (char c : s) {
        if (!isTchar(c)) {
            return false;
        }
    }
    return true;
}

// Visible ASCII, obs-text and HTAB/SP are allowed in field values; other controls are not.
bool isFieldValue(QByteArrayView s)
{
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            return false;
        }
    }
    return true;
}

QList<QByteArray> commaList(const QByteArray &value)
{
    QList<QByteArray> out;
    for (const QByteArray &part : value.split(',')) {
        const QByteArray t = part.trimmed().toLower();
        if (!t.isEmpty()) {
            out << t;
        }
    }
    return out;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

QByteArray HttpRequestParser::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 202:
        return "Accepted";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 417:
        return "Expectation Failed";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

HttpRequestParser::Event HttpRequestParser::fail(int status, QString text)
{
    m_stage = Stage::Failed;
    m_errorStatus = status;
    m_errorText = std::move(text);
    return Event::Error;
}

qint64 HttpRequestParser::bodyRemaining() const
{
    return m_stage == Stage::Body ? m_request.contentLength - m_request.body.size() : 0;
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest r = std::move(m_request);
    m_request = HttpRequest();
    if (m_stage == Stage::Done) {
        m_stage = Stage::Head;
    }
    return r;
}

bool HttpRequestParser::plausibleRequestLinePrefix() const
{
    // Checked while the head is still arriving, so that garbage (for instance the tail of a
    // body longer than its Content-Length) is refused at once instead of at the read timeout.
    qsizetype i = 0;
    for (; i < m_buffer.size() && m_buffer[i] != ' '; ++i) {
        if (!isTchar(m_buffer[i]) || i >= kMaxMethod) {
            return false;
        }
    }
    return true;
}

HttpRequestParser::Event HttpRequestParser::next()
{
    switch (m_stage) {
    case Stage::Failed:
        return Event::Error;
    case Stage::Done:
        return Event::Complete;
    case Stage::Body: {
        const qint64 want = bodyRemaining();
        const qsizetype take = qsizetype(std::min<qint64>(want, m_buffer.size()));
        if (take > 0) {
            m_request.body.append(m_buffer.constData(), take);
            m_buffer.remove(0, take);
        }
        if (bodyRemaining() > 0) {
            return Event::NeedMore;
        }
        m_stage = Stage::Done;
        return Event::Complete;
    }
    case Stage::Head:
        break;
    }

    // RFC 9112 2.2: ignore empty lines before the request line.
    qsizetype skip = 0;
    while (skip < m_buffer.size() && (m_buffer[skip] == '\n' || m_buffer[skip] == '\r')) {
        if (m_buffer[skip] == '\r' && (skip + 1 >= m_buffer.size() || m_buffer[skip + 1] != '\n')) {
            break;
        }
        ++skip;
    }
    if (skip > 0) {
        m_buffer.remove(0, skip);
        m_scanned = 0;
    }
    if (m_buffer.isEmpty()) {
        return Event::NeedMore;
    }
    // The end of the head is the first empty line (CRLF CRLF, or bare LFs, which RFC 9112 lets a
    // recipient accept). Searching only the first maxHeaderBytes keeps a slow client cheap.
    const qsizetype limit = std::min<qsizetype>(m_buffer.size(), m_limits.maxHeaderBytes + 4);
    const QByteArrayView window(m_buffer.constData(), limit);
    qsizetype from = std::max<qsizetype>(0, m_scanned - 2);
    while (true) {
        const qsizetype lf = window.indexOf('\n', from);
        if (lf < 0) {
            break;
        }
        if (lf + 1 < limit && window[lf + 1] == '\n') {
            return parseHead(lf + 1, 1);
        }
        if (lf + 2 < limit && window[lf + 1] == '\r' && window[lf + 2] == '\n') {
            return parseHead(lf + 1, 2);
        }
        from = lf + 1;
    }
    m_scanned = limit;
    if (!plausibleRequestLinePrefix()) {
        return fail(400, u"not an HTTP request line"_s);
    }
    if (m_buffer.size() > m_limits.maxHeaderBytes) {
        return fail(431, u"request head larger than %1 bytes"_s.arg(m_limits.maxHeaderBytes));
    }
    return Event::NeedMore;
}

HttpRequestParser::Event HttpRequestParser::parseHead(qsizetype headEnd, qsizetype terminatorSize)
{
    if (headEnd > m_limits.maxHeaderBytes) {
        return fail(431, u"request head larger than %1 bytes"_s.arg(m_limits.maxHeaderBytes));
    }
    const QByteArray head = m_buffer.left(headEnd);
    m_buffer.remove(0, headEnd + terminatorSize);
    m_scanned = 0;

    QList<QByteArray> lines = head.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
    }
    for (QByteArray &line : lines) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
    }
    if (lines.isEmpty()) {
        return fail(400, u"empty request"_s);
    }

    HttpRequest &r = m_request;
    r = HttpRequest();
    const QList<QByteArray> parts = lines.first().split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty()) {
        return fail(400, u"malformed request line"_s);
    }
    r.method = parts[0];
    r.target = parts[1];
    for (char c : std::as_const(r.target)) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
            return fail(400, u"malformed request target"_s);
        }
    }
    const QByteArray &version = parts[2];
    if (version == "HTTP/1.1") {
        r.minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        r.minorVersion = 0;
    } else if (version.size() == 8 && version.startsWith("HTTP/") && version[6] == '.') {
        return fail(505, u"HTTP version %1 is not supported"_s.arg(QString::fromLatin1(version)));
    } else {
        return fail(400, u"malformed HTTP version"_s);
    }
    if (r.target.startsWith('/')) {
        r.path = r.target;
    } else if (r.target.startsWith("http://") || r.target.startsWith("https://")) {
        // absolute-form (RFC 9112 3.2.2): the path starts at the first '/' after the authority
        const qsizetype slash = r.target.indexOf('/', r.target.indexOf("//") + 2);
        r.path = slash < 0 ? QByteArray("/") : r.target.mid(slash);
    } else if (r.target == "*") {
        r.path = r.target;
    } else {
        return fail(400, u"malformed request target"_s);
    }
    if (const qsizetype q = r.path.indexOf('?'); q >= 0) {
        r.path.truncate(q);
    }

    if (lines.size() - 1 > m_limits.maxHeaders) {
        return fail(431, u"more than %1 header fields"_s.arg(m_limits.maxHeaders));
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.startsWith(' ') || line.startsWith('\t')) {
            return fail(400, u"obsolete line folding in a header"_s);
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon))) {
            return fail(400, u"malformed header field"_s);
        }
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (!isFieldValue(value)) {
            return fail(400, u"control character in a header value"_s);
        }
        r.headers.append({ line.left(colon).toLower(), value });
    }

    int hosts = 0;
    QByteArray contentLength;
    bool haveLength = false;
    QByteArray transferEncoding;
    r.keepAlive = r.minorVersion >= 1;
    for (const auto &[name, value] : std::as_const(r.headers)) {
        if (name == "host") {
            ++hosts;
        } else if (name == "content-length") {
            // Several fields or a list are acceptable only when every value is the same.
            for (const QByteArray &v : value.split(',')) {
                const QByteArray t = v.trimmed();
                if (haveLength && t != contentLength) {
                    return fail(400, u"conflicting Content-Length values"_s);
                }
                contentLength = t;
                haveLength = true;
            }
        } else if (name == "transfer-encoding") {
            transferEncoding += (transferEncoding.isEmpty() ? "" : ",") + value;
        } else if (name == "connection") {
            for (const QByteArray &token : commaList(value)) {
                if (token == "close") {
                    r.keepAlive = false;
                } else if (token == "keep-alive" && r.minorVersion == 0) {
                    r.keepAlive = true;
                }
            }
        } else if (name == "expect") {
            if (value.compare("100-continue", Qt::CaseInsensitive) != 0) {
                return fail(417, u"unsupported expectation"_s);
            }
            r.expectContinue = r.minorVersion >= 1;
        }
    }
    if (r.minorVersion >= 1 && hosts != 1) {
        return fail(
            400, hosts == 0 ? u"HTTP/1.1 request without Host"_s : u"more than one Host header"_s);
    }
    if (!transferEncoding.isEmpty()) {
        if (haveLength) {
            return fail(400, u"both Transfer-Encoding and Content-Length"_s);
        }
        const QList<QByteArray> codings = commaList(transferEncoding);
        if (!codings.isEmpty() && codings.last() == "chunked") {
            return fail(411, u"chunked transfer coding is not accepted; send Content-Length"_s);
        }
        return fail(501, u"unsupported transfer coding"_s);
    }
    if (haveLength) {
        bool ok = !contentLength.isEmpty() && contentLength.size() <= 18;
        for (char c : std::as_const(contentLength)) {
            ok = ok && c >= '0' && c <= '9';
        }
        if (!ok) {
            return fail(400, u"invalid Content-Length"_s);
        }
        r.contentLength = contentLength.toLongLong();
    } else if (r.method == "POST" || r.method == "PUT" || r.method == "PATCH") {
        return fail(411, u"a %1 request needs Content-Length"_s.arg(QString::fromLatin1(r.method)));
    }
    if (r.contentLength > m_limits.maxBodyBytes) {
        return fail(413,
            u"body of %1 bytes is over the limit of %2"_s.arg(r.contentLength)
                .arg(m_limits.maxBodyBytes));
    }
    m_stage = r.contentLength > 0 ? Stage::Body : Stage::Done;
    return Event::Head;
}

} // namespace Lakeguard::Feeds
