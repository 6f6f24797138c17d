// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "normalizer.h"

#include <QStringList>

namespace Lakeguard::Core {

// Wazuh manager alerts (alerts.json, one JSON object a line). rule.level → severity per
// CONTRACT.md, rule.id → `wazuh:<id>`, rule.groups → category (docs/normalisation.md).
class WazuhNormalizer final : public Normalizer
{
public:
    QString format() const override;
    NormalizeResult normalize(const QByteArray &record, const NormalizeContext &ctx) const override;

    static Severity severityFor(int level);            // level 0–16
    static Category categoryFor(const QStringList &groups);
};

} // namespace Lakeguard::Core
