// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A syslog TCP stream (RFC 6587 octet counting or non-transparent framing) fed to the framer in
// chunks of fuzzed sizes, then every framed message through the syslog normaliser (RFC 5424 and
// 3164). Messages never exceed the limit; a failed framer stays failed.

#include "fuzzsupport.h"
#include "normalizer.h"
#include "syslogframing.h"

#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const auto normalizer = Core::makeNormalizer(u"syslog"_s);
    Fuzz::Input in(data, size);
    const quint8 mode = in.byte();
    const auto framing = Feeds::SyslogFramer::Framing(mode % 3);
    const qsizetype maxMessage = 8 + (mode / 3) * 8;
    const int chunkSeed = in.byte();
    Feeds::SyslogFramer framer(maxMessage, framing);
    QList<Core::RawRecord> out;
    int i = 0;
    while (!in.atEnd()) {
        const qsizetype chunk = 1 + (chunkSeed * 17 + i++ * 13) % 131;
        const bool wasFailed = framer.failed();
        const bool ok = framer.feed(in.take(chunk), out);
        if (wasFailed && (ok || !framer.failed())) {
            std::abort();
        }
        if (!ok) {
            break;
        }
    }
    framer.finish(out);
    const Core::NormalizeContext ctx { u"fuzz"_s, 1'700'000'000'000 };
    for (const Core::RawRecord &r : out) {
        if (r.bytes.size() > qMax(maxMessage, Feeds::SyslogFramer::kKeptPrefix)) {
            std::abort();
        }
        (void)normalizer->normalizeAll(r.bytes, ctx);
    }
    return 0;
}
