// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "normalizer.h"

namespace Lakeguard::Core {

// Generic JSON lines in the contract's alert shape: `ts` (ISO 8601 or epoch milliseconds) and
// `title` are required; `severity` is one of the five words or 0–4; `category` one of the
// contract's words (anything else is "other"); the rest is optional. Re-ingesting what
// `lakeguard-cli alerts --json` printed stores nothing new.
class JsonlNormalizer final : public Normalizer
{
public:
    QString format() const override;
    NormalizeResult normalize(const QByteArray &record, const NormalizeContext &ctx) const override;
};

} // namespace Lakeguard::Core
