// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cefnormalizer.h"
#include "normalizer.h"

#include <QList>
#include <QPair>

#include <variant>

namespace Lakeguard::Core {

// Syslog records, RFC 5424 (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG`) and BSD / RFC 3164
// (`<PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG`, year inferred from ctx.received). The PRI is
// required. A MSG that holds CEF is handed to the CEF normaliser (source "cef").
class SyslogNormalizer final : public Normalizer
{
public:
    struct SdElement
    {
        QString id;
        QList<QPair<QString, QString>> params; // unescaped values
    };

    struct Message
    {
        int pri = -1;
        bool rfc5424 = false;
        std::optional<TimestampMs> ts; // nullopt: NILVALUE or no timestamp
        bool tsHasYear = false;        // RFC 3339 (5424, or rsyslog's 3164); a BSD one has none
        QString host;
        QString app;                   // APP-NAME, or the 3164 TAG
        QString procId;
        QString msgId;
        QList<SdElement> structuredData;
        QString msg;                   // BOM removed
    };

    QString format() const override;
    NormalizeResult normalize(const QByteArray &record, const NormalizeContext &ctx) const override;

    // Parses decoded text; on failure returns the reason. `reference` (UTC ms) supplies the
    // year of 3164 timestamps.
    static std::variant<Message, QString> parse(QStringView text, TimestampMs reference);

    static Severity severityFor(int priSeverity); // 0–7
    static QString facilityName(int facility);    // 0–23
    static Category categoryFor(const QString &app, const QString &msg);

private:
    CefNormalizer m_cef;
};

} // namespace Lakeguard::Core
