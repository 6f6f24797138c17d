// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fileingest.h"

#include "alertstore.h"
#include "feed.h"
#include "recordsplitter.h"

#include <QCoreApplication>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};
constexpr qint64 kChunkBytes = 256 * 1024;

// An Alertmanager webhook payload is one JSON document, usually pretty-printed over many lines,
// which the line splitter would cut apart. Such input is read whole up to this bound and, when
// it parses as one JSON object, handled as one record; anything else (JSON lines of payloads,
// an array, a bigger file) goes on through the splitter like every other stream.
constexpr qsizetype kMaxDocumentBytes = 64 * 1024 * 1024;

// True when the stream starts with '{' and its first line is not a whole JSON value: a
// pretty-printed document rather than JSON lines.
bool looksLikeDocument(const QByteArray &head)
{
    qsizetype i = 0;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r'
                               || head[i] == '\n')) {
        ++i;
    }
    if (i >= head.size() || head[i] != '{') {
        return false;
    }
    const qsizetype eol = head.indexOf('\n', i);
    if (eol < 0) {
        return false; // one long line so far: JSON lines, or a single-line document
    }
    QJsonParseError err{};
    QJsonDocument::fromJson(head.mid(i, eol - i), &err);
    return err.error != QJsonParseError::NoError;
}

bool isSingleObject(const QByteArray &bytes)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    return err.error == QJsonParseError::NoError && doc.isObject();
}
} // namespace

IngestSummary &IngestSummary::operator+=(const IngestSummary &o)
{
    read += o.read;
    accepted += o.accepted;
    duplicates += o.duplicates;
    updated += o.updated;
    quarantined += o.quarantined;
    skipped += o.skipped;
    bytes += o.bytes;
    return *this;
}

FileIngest::FileIngest(Storage::AlertStore &store, QString feed, QString format)
    : m_store(store)
    , m_feed(std::move(feed))
    , m_format(std::move(format))
{}

IngestSummary FileIngest::run(QIODevice &input, QString *error)
{
    IngestSummary total;
    const std::unique_ptr<Core::Normalizer> normalizer = Core::makeNormalizer(m_format, m_map);
    if (!normalizer) {
        if (error) {
            *error = Tr::tr("unknown format \"%1\"").arg(m_format);
        }
        return total;
    }
    Core::RecordSplitter splitter;
    Storage::IngestBatch batch;
    qint64 pendingRecords = 0;
    qint64 batchBytes = 0;

    auto flush = [&]() -> bool {
        if (pendingRecords == 0) {
            return true;
        }
        batch.feed = m_feed;
        batch.feedType = u"file"_s;
        batch.bytes = batchBytes;
        const Storage::BatchResult r = m_store.writeBatch(batch);
        if (!r.ok) {
            if (error) {
                *error = r.error;
            }
            return false;
        }
        total.read += pendingRecords;
        total.accepted += r.accepted;
        total.duplicates += r.duplicates;
        total.updated += r.updated;
        total.quarantined += r.quarantined;
        total.skipped += r.skipped;
        total.bytes += batchBytes;
        batch = Storage::IngestBatch{};
        pendingRecords = 0;
        batchBytes = 0;
        return true;
    };

    auto handle = [&](const QList<Core::RawRecord> &records) -> bool {
        const Core::NormalizeContext ctx{m_feed, Core::nowMs()};
        for (const Core::RawRecord &rec : records) {
            ++pendingRecords;
            batchBytes += rec.bytes.size() + 1;
            addRecord(*normalizer, rec, ctx, batch);
            if (pendingRecords >= m_batchSize && !flush()) {
                return false;
            }
        }
        return true;
    };

    auto readChunk = [&]() -> QByteArray {
        while (true) {
            QByteArray chunk = input.read(kChunkBytes);
            if (!chunk.isEmpty() || input.atEnd() || !input.waitForReadyRead(-1)) {
                return chunk;
            }
        }
    };

    QList<Core::RawRecord> records;
    QByteArray chunk = readChunk();
    if (m_format == u"alertmanager"_s || (m_format == u"auto"_s && looksLikeDocument(chunk))) {
        QByteArray document = chunk;
        while (document.size() <= kMaxDocumentBytes && !(chunk = readChunk()).isEmpty()) {
            document += chunk;
        }
        if (chunk.isEmpty() && isSingleObject(document)) {
            records.append(Core::RawRecord{document, 0, {}});
            if (handle(records)) {
                flush();
            }
            return total;
        }
        chunk = document; // not one document: split it like any other stream
    }
    while (!chunk.isEmpty()) {
        records.clear();
        splitter.feed(chunk, records);
        if (!handle(records)) {
            return total;
        }
        chunk = readChunk();
    }
    records.clear();
    splitter.finish(records);
    if (!handle(records) || !flush()) {
        return total;
    }
    return total;
}

} // namespace Lakeguard::Feeds
