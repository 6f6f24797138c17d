// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feedconfig.h"
#include "normalizer.h"
#include "recordsplitter.h"
#include "storetypes.h"

#include <QObject>

#include <memory>

namespace Lakeguard::Storage {
class StoreWriter;
}

namespace Lakeguard::Feeds {

// A running feed: a worker object that lives on its own thread, reads its source, submits batches
// to the store writer and advances its cursor only after the writer committed them.
class Feed : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Feed)

public:
    using QObject::QObject;
    ~Feed() override = default;

public slots:
    // `storedCursor` is the cursor committed with the feed's last batch (empty the first time).
    virtual void start(const QByteArray &storedCursor) = 0;
    virtual void stop() = 0;
};

// Normalises one framed record into `batch`: its alerts (one record may carry several, as an
// Alertmanager payload does), its quarantined parts, or a skip. Returns the newest event time
// added (0 when none). Shared by every transport so they all treat records the same way.
Core::TimestampMs addRecord(const Core::Normalizer &normalizer, const Core::RawRecord &record,
                            const Core::NormalizeContext &ctx, Storage::IngestBatch &batch);

// The feed for a configuration, or nullptr with `error` set when the type cannot run here.
std::unique_ptr<Feed> createFeed(const FeedConfig &config, Storage::StoreWriter *writer,
                                 QString *error);

} // namespace Lakeguard::Feeds
