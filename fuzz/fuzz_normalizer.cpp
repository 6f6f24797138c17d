// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// One record through one normaliser (LAKEGUARD_FUZZ_FORMAT): eve, wazuh, cef, syslog (RFC 5424
// and 3164), alertmanager, jsonl or auto. Whatever the bytes, the result is an Alert, a
// quarantined record or a skip; nothing crashes, leaks or hits undefined behaviour.

#include "normalizer.h"

#include <QString>

#include <cstdint>
#include <cstdlib>
#include <variant>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Core;

namespace {

void check(bool ok)
{
    if (!ok) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const auto normalizer = makeNormalizer(LAKEGUARD_FUZZ_FORMAT);
    check(normalizer != nullptr);
    const QByteArray record(reinterpret_cast<const char *>(data), qsizetype(size));
    const NormalizeContext ctx { u"fuzz"_s, 1'700'000'000'000 };
    const QList<NormalizeResult> results = normalizer->normalizeAll(record, ctx);
    for (const NormalizeResult &r : results) {
        if (const auto *a = std::get_if<Alert>(&r)) {
            // Every alert names its normaliser and the feed it came from.
            check(!a->source.isEmpty());
            check(a->feed == ctx.feed);
        }
    }
    return 0;
}
