// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feed.h"

#include "filetailfeed.h"
#include "httppollfeed.h"
#include "syslogfeed.h"
#include "webhookfeed.h"

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

Core::TimestampMs addRecord(const Core::Normalizer &normalizer, const Core::RawRecord &record,
                            const Core::NormalizeContext &ctx, Storage::IngestBatch &batch)
{
    if (!record.error.isEmpty()) {
        batch.quarantined.append(Core::quarantine(ctx, normalizer.format(), record.error, record.bytes));
        return 0;
    }
    Core::TimestampMs newest = 0;
    for (Core::NormalizeResult &result : normalizer.normalizeAll(record.bytes, ctx)) {
        if (auto *a = std::get_if<Core::Alert>(&result)) {
            newest = std::max(newest, a->ts);
            batch.alerts.append(std::move(*a));
        } else if (auto *q = std::get_if<Core::Quarantined>(&result)) {
            batch.quarantined.append(std::move(*q));
        } else {
            ++batch.skipped;
        }
    }
    return newest;
}

QStringList runnableFeedTypes()
{
    return {u"file"_s, u"http"_s, u"syslog"_s, u"webhook"_s};
}

std::unique_ptr<Feed> createFeed(const FeedConfig &config, Storage::StoreWriter *writer,
                                 QString *error)
{
    std::unique_ptr<Feed> feed;
    if (config.type == u"file"_s) {
        feed = std::make_unique<FileTailFeed>(config, writer);
    } else if (config.type == u"http"_s) {
        feed = std::make_unique<HttpPollFeed>(config, writer);
    } else if (config.type == u"syslog"_s) {
        feed = std::make_unique<SyslogFeed>(config, writer);
    } else if (config.type == u"webhook"_s) {
        feed = std::make_unique<WebhookFeed>(config, writer);
    }
    if (feed) {
        feed->setObjectName(config.id);
        return feed;
    }
    if (error) {
        *error = u"feed \"%1\": type %2 is not available in this version"_s.arg(config.id,
                                                                               config.type);
    }
    return nullptr;
}

} // namespace Lakeguard::Feeds
