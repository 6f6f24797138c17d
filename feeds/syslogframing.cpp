// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "syslogframing.h"

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Between frames senders put stray line ends (some add LF after an octet-counted frame).
bool isFiller(char c)
{
    return c == '\n' || c == '\r' || c == '\0';
}

QString printable(QByteArrayView bytes)
{
    QString out;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        out += (u >= 0x20 && u < 0x7f) ? QString(QLatin1Char(c))
                                       : u"\\x%1"_s.arg(u, 2, 16, QLatin1Char('0'));
    }
    return out;
}

} // namespace

SyslogFramer::SyslogFramer(qsizetype maxMessageBytes, Framing framing)
    : m_max(std::max<qsizetype>(1, maxMessageBytes))
    , m_framing(framing)
{
    if (framing == Framing::OctetCounted) {
        m_state = State::Header;
    } else if (framing == Framing::NonTransparent) {
        m_state = State::Line;
    }
}

void SyslogFramer::fail(const QString &reason)
{
    m_state = State::Failed;
    m_error = reason;
    m_buffer.clear();
    m_kept.clear();
}

void SyslogFramer::emitMessage(QList<Core::RawRecord> &out, QByteArray bytes, qint64 offset)
{
    // Trailing line ends are framing, not message (senders add them inside octet frames too).
    qsizetype end = bytes.size();
    while (end > 0 && isFiller(bytes[end - 1])) {
        --end;
    }
    if (end == 0) {
        return;
    }
    bytes.truncate(end);
    out.append(Core::RawRecord { std::move(bytes), offset, {} });
}

void SyslogFramer::emitTooLong(QList<Core::RawRecord> &out, qint64 length)
{
    const QString size = length > 0 ? u"%1 bytes"_s.arg(length) : u"more bytes"_s;
    out.append(Core::RawRecord { m_kept, m_frameOffset,
        u"syslog message of %1 is over the limit of %2 bytes (first %3 bytes kept)"_s.arg(size)
            .arg(m_max)
            .arg(m_kept.size()) });
    m_reported = true;
}

bool SyslogFramer::feed(QByteArrayView chunk, QList<Core::RawRecord> &out)
{
    if (m_state == State::Failed) {
        return false;
    }
    m_buffer.append(chunk.data(), chunk.size());
    qsizetype pos = 0;
    const qsizetype size = m_buffer.size();
    bool more = true;
    while (more && pos < size) {
        switch (m_state) {
        case State::Detect: {
            while (pos < size && (isFiller(m_buffer[pos]) || m_buffer[pos] == ' ')) {
                ++pos;
            }
            if (pos == size) {
                break;
            }
            const char c = m_buffer[pos];
            if (isDigit(c)) {
                m_framing = Framing::OctetCounted;
                m_state = State::Header;
            } else if (c == '<') {
                m_framing = Framing::NonTransparent;
                m_state = State::Line;
                m_scanned = pos;
            } else {
                fail(u"not syslog: the first byte 0x%1 is neither a digit (octet counting) nor '<'"
                     " (LF framing)"_s.arg(static_cast<unsigned char>(c), 2, 16, QLatin1Char('0')));
                return false;
            }
            break;
        }
        case State::Header: {
            while (pos < size && isFiller(m_buffer[pos])) {
                ++pos;
            }
            qsizetype i = pos;
            while (i < size && isDigit(m_buffer[i]) && i - pos <= kMaxLengthDigits) {
                ++i;
            }
            if (i == size && i - pos <= kMaxLengthDigits) {
                more = false; // the count continues in the next chunk
                break;
            }
            const QByteArrayView digits(m_buffer.constData() + pos, i - pos);
            if (digits.isEmpty() || digits.size() > kMaxLengthDigits || digits[0] == '0'
                || m_buffer[i] != ' ') {
                fail(u"invalid octet count \"%1\": expected 1-%2 digits and a space"_s
                         .arg(printable(QByteArrayView(
                             m_buffer.constData() + pos, std::min<qsizetype>(size - pos, 16))))
                         .arg(kMaxLengthDigits));
                return false;
            }
            m_frameLength = digits.toLongLong();
            m_need = m_frameLength;
            m_frameOffset = m_base + i + 1;
            pos = i + 1;
            if (m_frameLength > m_max) {
                m_state = State::SkipFrame;
                m_kept.clear();
                m_reported = false;
            } else {
                m_state = State::Frame;
            }
            break;
        }
        case State::Frame:
            if (size - pos < m_need) {
                more = false;
                break;
            }
            emitMessage(out, m_buffer.mid(pos, m_need), m_frameOffset);
            pos += m_need;
            m_need = 0;
            m_state = State::Header;
            break;
        case State::SkipFrame: {
            const qsizetype take = static_cast<qsizetype>(std::min<qint64>(m_need, size - pos));
            const qsizetype keep = std::min(take, kKeptPrefix - m_kept.size());
            m_kept.append(m_buffer.constData() + pos, keep);
            pos += take;
            m_need -= take;
            if (!m_reported && (m_kept.size() == kKeptPrefix || m_need == 0)) {
                emitTooLong(out, m_frameLength);
            }
            if (m_need == 0) {
                m_kept.clear();
                m_state = State::Header;
            }
            break;
        }
        case State::Line: {
            qsizetype i = std::max(pos, m_scanned);
            while (i < size && m_buffer[i] != '\n' && m_buffer[i] != '\0') {
                ++i;
            }
            if (i < size && i - pos <= m_max) {
                emitMessage(out, m_buffer.mid(pos, i - pos), m_base + pos);
                pos = i + 1;
                m_scanned = pos;
            } else if (i < size) {
                m_frameOffset = m_base + pos;
                m_kept = m_buffer.mid(pos, kKeptPrefix);
                emitTooLong(out, i - pos);
                m_kept.clear();
                pos = i + 1;
                m_scanned = pos;
            } else if (size - pos > m_max) {
                m_frameOffset = m_base + pos;
                m_kept = m_buffer.mid(pos, kKeptPrefix);
                emitTooLong(out, 0);
                m_kept.clear();
                pos = size;
                m_state = State::SkipLine;
            } else {
                m_scanned = size;
                more = false;
            }
            break;
        }
        case State::SkipLine: {
            qsizetype i = pos;
            while (i < size && m_buffer[i] != '\n' && m_buffer[i] != '\0') {
                ++i;
            }
            pos = i < size ? i + 1 : size;
            if (i < size) {
                m_state = State::Line;
                m_scanned = pos;
            }
            break;
        }
        case State::Failed:
            return false;
        }
    }
    m_buffer.remove(0, pos);
    m_base += pos;
    m_scanned = std::max<qsizetype>(0, m_scanned - pos);
    return true;
}

void SyslogFramer::finish(QList<Core::RawRecord> &out)
{
    switch (m_state) {
    case State::Line:
        emitMessage(out, m_buffer, m_base);
        break;
    case State::Frame:
        out.append(Core::RawRecord { m_buffer.left(kKeptPrefix), m_frameOffset,
            u"the stream ended after %1 of %2 bytes of an octet-counted message"_s
                .arg(m_buffer.size())
                .arg(m_frameLength) });
        break;
    case State::SkipFrame:
        if (!m_reported) {
            emitTooLong(out, m_frameLength);
        }
        break;
    case State::Header: {
        QByteArray rest = m_buffer;
        while (!rest.isEmpty() && isFiller(rest.back())) {
            rest.chop(1);
        }
        if (!rest.isEmpty()) {
            out.append(
                Core::RawRecord { rest, m_base, u"the stream ended inside an octet count"_s });
        }
        break;
    }
    case State::Detect:
    case State::SkipLine:
    case State::Failed:
        break;
    }
    m_base += m_buffer.size();
    m_buffer.clear();
    m_kept.clear();
    m_scanned = 0;
    m_need = 0;
    if (m_state != State::Failed) {
        m_state = State::Failed;
        m_error = u"the stream has ended"_s;
    }
}

QByteArray SyslogFramer::pendingBytes() const
{
    switch (m_state) {
    case State::Line:
    case State::Frame:
        return m_buffer;
    case State::SkipFrame:
        return m_kept;
    case State::Header: {
        // Only a count begun counts, not stray line ends between frames.
        QByteArray rest = m_buffer;
        while (!rest.isEmpty() && isFiller(rest.front())) {
            rest.remove(0, 1);
        }
        return rest;
    }
    case State::Detect:
    case State::SkipLine:
    case State::Failed:
        break;
    }
    return {};
}

} // namespace Lakeguard::Feeds
