// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "normalizer.h"

#include "evenormalizer.h"
#include "jsonlnormalizer.h"
#include "jsonsupport.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

// Picks a normaliser per record from its shape.
class AutoNormalizer final : public Normalizer
{
public:
    QString format() const override { return u"auto"_s; }

    NormalizeResult normalize(const QByteArray &record, const NormalizeContext &ctx) const override
    {
        QString error;
        const std::optional<QJsonObject> o = parseJsonObject(record, &error);
        if (!o) {
            return quarantine(ctx, u"auto", error, record);
        }
        if (o->contains(u"event_type"_s)) {
            return m_eve.normalize(record, ctx);
        }
        if (o->contains(u"title"_s) || o->contains(u"ts"_s)) {
            return m_jsonl.normalize(record, ctx);
        }
        if (o->value(u"rule"_s).isObject() && o->contains(u"agent"_s)) {
            return quarantine(ctx, u"auto",
                              Tr::tr("Wazuh alerts are not supported by this version"), record);
        }
        if (o->contains(u"timestamp"_s) && o->contains(u"flow_id"_s)) {
            return m_eve.normalize(record, ctx); // EVE without event_type: quarantined there
        }
        return quarantine(ctx, u"auto", Tr::tr("unrecognised record format"), record);
    }

private:
    EveNormalizer m_eve;
    JsonlNormalizer m_jsonl;
};

} // namespace

QStringList knownFormats()
{
    return {u"auto"_s, u"eve"_s, u"jsonl"_s};
}

bool isKnownFormat(const QString &format)
{
    return knownFormats().contains(format);
}

std::unique_ptr<Normalizer> makeNormalizer(const QString &format)
{
    if (format == u"eve"_s) {
        return std::make_unique<EveNormalizer>();
    }
    if (format == u"jsonl"_s) {
        return std::make_unique<JsonlNormalizer>();
    }
    if (format == u"auto"_s || format.isEmpty()) {
        return std::make_unique<AutoNormalizer>();
    }
    return nullptr;
}

Quarantined quarantine(const NormalizeContext &ctx, QStringView source, const QString &reason,
                       const QByteArray &raw)
{
    return Quarantined{ctx.feed, source.toString(), reason, raw, ctx.received};
}

} // namespace Lakeguard::Core
