// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// FEEDS.json: any bytes either parse into feed configurations or give an error; listen addresses
// of the parsed feeds are parsed too.

#include "feedconfig.h"

#include <cstdint>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = Feeds::parseFeedsConfig(json);
    if (parsed) {
        for (const Feeds::FeedConfig &config : *parsed) {
            QHostAddress address;
            quint16 port = 0;
            QString error;
            (void)Feeds::parseListenAddress(
                config.settings.value(u"listen"_s).toString(), &address, &port, &error);
            (void)Feeds::feedKeys(config.type);
        }
    }
    return 0;
}
