// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fieldmap.h"
#include "normalizer.h"

namespace Lakeguard::Core {

// Generic JSON lines in the contract's alert shape: `ts` (ISO 8601 or epoch milliseconds) and
// `title` are required; `severity` is one of the five words or 0–4; `category` one of the
// contract's words (anything else is "other"); the rest is optional. Re-ingesting what
// `lakeguard-cli alerts --json` printed stores nothing new.
//
// With a FieldMap, records of any JSON shape: each field is read where the map's pointer says,
// severity and category words go through the map's tables, epoch numbers may be seconds or
// milliseconds, and the source's record id (when mapped) is what the fingerprint covers.
class JsonlNormalizer final : public Normalizer
{
public:
    JsonlNormalizer() = default;
    explicit JsonlNormalizer(FieldMap map) : m_map(std::move(map)) {}

    QString format() const override;
    NormalizeResult normalize(const QByteArray &record, const NormalizeContext &ctx) const override;

private:
    FieldMap m_map;
};

} // namespace Lakeguard::Core
