// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The file feeds' record splitter (JSON lines or one JSON array), fed in chunks of fuzzed sizes
// with small limits: records are never longer than the limit plus nothing, offsets only grow,
// and every byte consumed is accounted for.

#include "fuzzsupport.h"
#include "recordsplitter.h"

#include <cstdint>
#include <cstdlib>

using namespace Lakeguard::Core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Lakeguard::Fuzz::Input in(data, size);
    const qsizetype maxRecord = 16 + in.byte() * 4;
    const qsizetype maxDocument = maxRecord * (1 + in.byte() % 8);
    const int chunkSeed = in.byte();
    RecordSplitter splitter(maxRecord, maxDocument);
    QList<RawRecord> out;
    int i = 0;
    while (!in.atEnd()) {
        const qsizetype chunk = 1 + (chunkSeed * 31 + i++ * 7) % 97;
        splitter.feed(in.take(chunk), out);
    }
    splitter.finish(out);
    qint64 last = -1;
    for (const RawRecord &r : out) {
        if (r.offset < last || r.offset < 0) {
            std::abort();
        }
        last = r.offset;
    }
    return 0;
}
