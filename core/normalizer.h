// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"
#include "fieldmap.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <variant>

namespace Lakeguard::Core {

// A record that is valid but is not an alert (an EVE flow or stats event): counted, not stored.
struct Skipped
{
    QString reason;
};

using NormalizeResult = std::variant<Alert, Quarantined, Skipped>;

struct NormalizeContext
{
    QString feed;
    TimestampMs received = 0;
};

// Text a normaliser writes (titles, messages, quarantine reasons) is stored data, so it is plain
// English whatever language the console shows; only display names are translated.
//
// Turns one raw record into an Alert, a Quarantined record or a Skipped one. Pure: no I/O,
// no shared state, callable from any thread.
class Normalizer
{
public:
    virtual ~Normalizer() = default;
    virtual QString format() const = 0;
    virtual NormalizeResult normalize(const QByteArray &record, const NormalizeContext &ctx) const = 0;

    // For formats where one record carries several alerts (an Alertmanager webhook payload):
    // one result per alert. The default is the single result of normalize().
    virtual QList<NormalizeResult> normalizeAll(const QByteArray &record,
                                                const NormalizeContext &ctx) const
    {
        return {normalize(record, ctx)};
    }
};

// The formats the contract names; "auto" picks per record.
QStringList knownFormats();
bool isKnownFormat(const QString &format);
std::unique_ptr<Normalizer> makeNormalizer(const QString &format);
// The same, with a field map for "jsonl" (records of another JSON shape); ignored otherwise.
std::unique_ptr<Normalizer> makeNormalizer(const QString &format, const FieldMap &map);

// Helpers for normalisers.
Quarantined quarantine(const NormalizeContext &ctx, QStringView source, const QString &reason,
                       const QByteArray &raw);

} // namespace Lakeguard::Core
