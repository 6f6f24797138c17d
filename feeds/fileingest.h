// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "normalizer.h"

#include <QIODevice>
#include <QString>

#include <functional>

namespace Lakeguard::Storage {
class AlertStore;
}

namespace Lakeguard::Feeds {

struct IngestSummary
{
    qint64 read = 0;         // records read (blank lines are not records)
    qint64 accepted = 0;     // new alerts stored
    qint64 duplicates = 0;   // alerts already in the store
    qint64 updated = 0;      // stored alerts whose state changed (firing → resolved)
    qint64 quarantined = 0;  // records kept aside with a reason
    qint64 skipped = 0;      // valid records that are not alerts
    qint64 bytes = 0;

    IngestSummary &operator+=(const IngestSummary &o);
};

// Reads a whole stream (a file or standard input) into a store, one transaction per batch of
// records. Synchronous: for the CLI and tests; live feeds use the writer thread.
class FileIngest final
{
public:
    FileIngest(Storage::AlertStore &store, QString feed, QString format);

    // On a store error, returns what was committed so far and sets `error`.
    IngestSummary run(QIODevice &input, QString *error);

    void setBatchSize(int records) { m_batchSize = std::max(1, records); }
    // For "jsonl": where each field is in records of another shape.
    void setFieldMap(const Core::FieldMap &map) { m_map = map; }

private:
    Storage::AlertStore &m_store;
    QString m_feed;
    QString m_format;
    Core::FieldMap m_map;
    int m_batchSize = 5000;
};

} // namespace Lakeguard::Feeds
