// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "normalizer.h"

namespace Lakeguard::Core {

// Prometheus Alertmanager webhook payload, version "4": one JSON document whose `alerts[]`
// each become an Alert (normalizeAll). labels.alertname → `am:<alertname>`, labels.severity →
// severity per CONTRACT.md, status → Alert::state. The fingerprint is Alertmanager's own
// `fingerprint` plus the label set and startsAt, so a re-delivery, and the resolved
// notification of the same alert, dedup against the first one (docs/normalisation.md).
class AlertmanagerNormalizer final : public Normalizer
{
public:
    QString format() const override;
    // The first alert of the payload, or the reason the payload is quarantined.
    NormalizeResult normalize(const QByteArray &record, const NormalizeContext &ctx) const override;
    QList<NormalizeResult> normalizeAll(const QByteArray &record,
                                        const NormalizeContext &ctx) const override;

    // labels.severity (any case; empty = missing) → severity; nullopt for an unknown word.
    static std::optional<Severity> severityFor(const QString &label);
    static Category categoryFor(const QString &alertname, const QString &summary,
                                const QString &categoryLabel);
};

} // namespace Lakeguard::Core
