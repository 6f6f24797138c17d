// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordsplitter.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Lakeguard::Feeds {

// Cuts one syslog TCP stream into messages (RFC 6587). The framing is detected from the first
// byte: a digit is octet counting (`LEN SP MSG`, RFC 6587 3.4.1, also RFC 5425), `<` is
// non-transparent framing (messages end at LF, CRLF or NUL). Pure and bounded: it never holds more
// than the message limit plus one chunk; an over-long message becomes an error record with its
// first bytes and the stream resynchronises at the next frame (octet counting knows where it
// ends; LF framing skips to the next terminator). A stream that cannot be framed (a bad octet
// count, a first byte that is neither a digit nor `<`) fails: the caller closes the connection.
class SyslogFramer final
{
public:
    enum class Framing { Detect, OctetCounted, NonTransparent };

    static constexpr qsizetype kDefaultMaxMessage = 64 * 1024;
    static constexpr qsizetype kKeptPrefix = 1024; // bytes kept of an over-long message
    static constexpr int kMaxLengthDigits = 9;

    explicit SyslogFramer(
        qsizetype maxMessageBytes = kDefaultMaxMessage, Framing framing = Framing::Detect);

    // Appends the messages completed by `chunk` to `out`. Returns false once the stream has
    // failed (error() says why); later chunks are ignored.
    bool feed(QByteArrayView chunk, QList<Core::RawRecord> &out);
    // End of stream: a last LF-framed message without terminator is still a message; a
    // truncated octet-counted frame becomes an error record.
    void finish(QList<Core::RawRecord> &out);

    Framing framing() const { return m_framing; }
    bool failed() const { return m_state == State::Failed; }
    QString error() const { return m_error; }
    // The start of a message begun but not complete (empty between messages), at most the
    // message limit: what a connection closed mid-message leaves behind.
    QByteArray pendingBytes() const;
    qint64 consumed() const { return m_base; }

private:
    enum class State { Detect, Header, Frame, SkipFrame, Line, SkipLine, Failed };

    void fail(const QString &reason);
    void emitMessage(QList<Core::RawRecord> &out, QByteArray bytes, qint64 offset);
    void emitTooLong(QList<Core::RawRecord> &out, qint64 length);

    qsizetype m_max;
    Framing m_framing;
    State m_state = State::Detect;
    QByteArray m_buffer;
    qint64 m_base = 0; // stream offset of m_buffer[0]
    qsizetype m_scanned = 0; // bytes of m_buffer already searched for a terminator
    qint64 m_need = 0; // octet counting: bytes of the frame still to come
    qint64 m_frameLength = 0; // octet counting: the current frame's length
    qint64 m_frameOffset = 0;
    QByteArray m_kept; // first bytes of an over-long message
    bool m_reported = false; // the over-long message was already reported
    QString m_error;
};

} // namespace Lakeguard::Feeds
