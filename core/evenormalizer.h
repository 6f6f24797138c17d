// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "normalizer.h"

namespace Lakeguard::Core {

// Suricata EVE JSON: `alert` and `anomaly` events become alerts; other event types are skipped.
// Severity: alert.severity 1 high, 2 medium, 3 low, 4+ info (CONTRACT.md); categories from the
// classtype text and the signature's ruleset prefix (docs/categories.md).
class EveNormalizer final : public Normalizer
{
public:
    QString format() const override;
    NormalizeResult normalize(const QByteArray &record, const NormalizeContext &ctx) const override;

    static Severity severityFor(int eveSeverity);
    static Category categoryFor(const QString &classtype, const QString &signature);
};

} // namespace Lakeguard::Core
