// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Lakeguard::Core {

// One record cut from a byte stream. A non-empty `error` means the bytes could not even be
// framed as a record (too long, a broken JSON array): quarantine them with that reason.
struct RawRecord
{
    QByteArray bytes;
    qint64 offset = 0;      // byte offset of the record in the stream
    QString error;
};

// Cuts a stream into records: JSON lines (LF or CRLF; blank lines are not records), or, when the
// stream's first non-blank byte is '[', one JSON array whose elements are the records (as written
// by `jq -s` and some exporters). Memory stays bounded: a line longer than the limit is cut to
// a prefix and reported as an error record; the rest of it is skipped.
class RecordSplitter final
{
public:
    explicit RecordSplitter(qsizetype maxRecordBytes = 4 * 1024 * 1024,
                            qsizetype maxDocumentBytes = 512 * 1024 * 1024);

    void feed(QByteArrayView chunk, QList<RawRecord> &out);
    void finish(QList<RawRecord> &out);

    // Bytes of the stream fully consumed into records so far (a resumable cursor position).
    qint64 consumed() const { return m_consumed; }

    static constexpr qsizetype kKeptPrefix = 64 * 1024;

private:
    void emitLine(QList<RawRecord> &out, QByteArray line, qint64 offset);

    enum class Mode { Undecided, Lines, Array };
    Mode m_mode = Mode::Undecided;
    qsizetype m_maxRecord;
    qsizetype m_maxDocument;
    QByteArray m_buffer;
    qint64 m_bufferOffset = 0; // stream offset of m_buffer[0]
    qint64 m_consumed = 0;
    bool m_skippingLongLine = false;
    qint64 m_longLineSize = 0;
};

} // namespace Lakeguard::Core
