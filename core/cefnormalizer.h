// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "normalizer.h"

#include <optional>

namespace Lakeguard::Core {

// ArcSight Common Event Format:
// `CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension`,
// alone on a line or after a syslog header (RFC 3164 or 5424) or a vendor prefix ("ASM:").
// Header escapes \| and \\; extension escapes \= \\ \n \r; a key starts at " key=" with key in
// [A-Za-z0-9_.]+ (docs/normalisation.md has the field mapping).
class CefNormalizer final : public Normalizer
{
public:
    // What a syslog relay put in front of the CEF text.
    struct Envelope
    {
        std::optional<TimestampMs> ts;
        bool tsHasYear = false; // ts was read with its year, not given one from `received`
        QString host;
    };

    QString format() const override;
    NormalizeResult normalize(const QByteArray &record, const NormalizeContext &ctx) const override;

    // `cef` is the record's decoded text from "CEF:" on; `raw` the whole record as received.
    NormalizeResult normalizeCef(const QByteArray &raw, QStringView cef, const Envelope &envelope,
                                 const NormalizeContext &ctx) const;

    // Index of "CEF:<digits>|" (a space after the colon is tolerated) in `text`, or -1.
    static qsizetype findCef(QStringView text);
    // 0–10 or a word; nullopt for anything outside the CEF scale.
    static std::optional<Severity> severityFor(QStringView value);
    static Category categoryFor(const QString &name, const QString &cat,
                                const QString &deviceEventCategory);
    // rt/start/end values: epoch ms (or s), "MMM dd [yyyy] HH:mm:ss[.SSS][ zone]", ISO 8601.
    // `reference` (UTC ms) supplies a missing year; `hasYear`, when given, says whether the
    // value had its own (epoch and ISO 8601 values do), so that the time is the line's alone.
    static std::optional<TimestampMs> parseTime(
        QStringView value, TimestampMs reference, bool *hasYear = nullptr);
};

} // namespace Lakeguard::Core
