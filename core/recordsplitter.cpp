// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordsplitter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Lakeguard::Core {

namespace {

bool isBlank(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            return false;
        }
    }
    return true;
}
} // namespace

RecordSplitter::RecordSplitter(qsizetype maxRecordBytes, qsizetype maxDocumentBytes)
    : m_maxRecord(maxRecordBytes)
    , m_maxDocument(maxDocumentBytes)
{}

void RecordSplitter::emitLine(QList<RawRecord> &out, QByteArray line, qint64 offset)
{
    if (line.endsWith('\r')) {
        line.chop(1);
    }
    if (isBlank(line)) {
        return;
    }
    out.append(RawRecord{std::move(line), offset, {}});
}

void RecordSplitter::feed(QByteArrayView chunk, QList<RawRecord> &out)
{
    if (m_mode == Mode::Undecided) {
        const qsizetype before = m_buffer.size();
        m_buffer.append(chunk);
        chunk = {};
        qsizetype i = 0;
        while (i < m_buffer.size()
               && (m_buffer[i] == ' ' || m_buffer[i] == '\t' || m_buffer[i] == '\r'
                   || m_buffer[i] == '\n')) {
            ++i;
        }
        if (i == m_buffer.size()) {
            return; // only blanks so far
        }
        Q_UNUSED(before)
        m_mode = m_buffer[i] == '[' ? Mode::Array : Mode::Lines;
        if (m_mode == Mode::Array) {
            if (m_buffer.size() > m_maxDocument) {
                m_mode = Mode::Lines; // too big for a document: treat as lines
            } else {
                return;
            }
        }
        // Re-run the buffered bytes through line mode.
        QByteArray pending;
        pending.swap(m_buffer);
        feed(pending, out);
        return;
    }
    if (m_mode == Mode::Array) {
        if (m_buffer.size() + chunk.size() > m_maxDocument) {
            out.append(RawRecord{m_buffer.left(kKeptPrefix), m_bufferOffset,
                                 QString::fromUtf8("JSON array document larger than %1 bytes")
                                     .arg(m_maxDocument)});
            m_consumed += m_buffer.size() + chunk.size();
            m_buffer.clear();
            m_mode = Mode::Lines;
            m_skippingLongLine = true;
            return;
        }
        m_buffer.append(chunk);
        return;
    }

    // Lines.
    qsizetype start = 0;
    while (start < chunk.size()) {
        const qsizetype nl = chunk.indexOf('\n', start);
        const QByteArrayView piece = nl < 0 ? chunk.sliced(start) : chunk.sliced(start, nl - start);
        if (m_skippingLongLine) {
            m_longLineSize += piece.size();
        } else if (m_buffer.size() + piece.size() > m_maxRecord) {
            const qsizetype room = std::max<qsizetype>(0, kKeptPrefix - m_buffer.size());
            m_buffer.append(piece.first(std::min(room, piece.size())));
            m_longLineSize = m_buffer.size() + (piece.size() - std::min(room, piece.size()));
            m_skippingLongLine = true;
        } else {
            m_buffer.append(piece);
        }
        if (nl < 0) {
            break;
        }
        const qint64 lineEnd = m_bufferOffset + (m_skippingLongLine ? m_longLineSize : m_buffer.size()) + 1;
        if (m_skippingLongLine) {
            out.append(RawRecord{m_buffer.left(kKeptPrefix), m_bufferOffset,
                                 QString::fromUtf8("record of %1 bytes exceeds the limit of %2 bytes "
                                        "(first %3 bytes kept)")
                                     .arg(m_longLineSize)
                                     .arg(m_maxRecord)
                                     .arg(std::min<qint64>(m_longLineSize, kKeptPrefix))});
            m_skippingLongLine = false;
            m_longLineSize = 0;
        } else {
            emitLine(out, std::move(m_buffer), m_bufferOffset);
        }
        m_buffer = QByteArray();
        m_bufferOffset = lineEnd;
        m_consumed = lineEnd;
        start = nl + 1;
    }
}

void RecordSplitter::finish(QList<RawRecord> &out)
{
    if (m_mode == Mode::Array) {
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(m_buffer, &err);
        if (err.error != QJsonParseError::NoError || !doc.isArray()) {
            out.append(RawRecord{m_buffer.left(kKeptPrefix), m_bufferOffset,
                                 QString::fromUtf8("invalid JSON array document: %1 at byte %2")
                                     .arg(err.errorString())
                                     .arg(err.offset)});
        } else {
            const QJsonArray array = doc.array();
            qint64 index = 0;
            for (const QJsonValue v : array) {
                if (v.isObject()) {
                    out.append(RawRecord{QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact),
                                         m_bufferOffset, {}});
                } else {
                    out.append(RawRecord{QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact),
                                         m_bufferOffset,
                                         QString::fromUtf8("array element %1 is not a JSON object").arg(index)});
                }
                ++index;
            }
        }
        m_consumed = m_bufferOffset + m_buffer.size();
        m_buffer.clear();
        return;
    }
    if (m_skippingLongLine) {
        out.append(RawRecord{m_buffer.left(kKeptPrefix), m_bufferOffset,
                             QString::fromUtf8("record of %1 bytes exceeds the limit of %2 bytes "
                                    "(first %3 bytes kept)")
                                 .arg(m_longLineSize)
                                 .arg(m_maxRecord)
                                 .arg(std::min<qint64>(m_longLineSize, kKeptPrefix))});
        m_consumed = m_bufferOffset + m_longLineSize;
    } else if (!m_buffer.isEmpty()) {
        m_consumed = m_bufferOffset + m_buffer.size();
        emitLine(out, std::move(m_buffer), m_bufferOffset);
    }
    m_buffer = QByteArray();
    m_skippingLongLine = false;
}

} // namespace Lakeguard::Core
