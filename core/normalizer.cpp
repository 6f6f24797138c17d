// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "normalizer.h"

#include "alertmanagernormalizer.h"
#include "cefnormalizer.h"
#include "evenormalizer.h"
#include "jsonlnormalizer.h"
#include "jsonsupport.h"
#include "syslognormalizer.h"
#include "wazuhnormalizer.h"

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

// Picks a normaliser per record from its shape: JSON objects by their keys (EVE, Wazuh,
// Alertmanager, the generic JSON lines), text by its start (<PRI> is syslog, which hands CEF
// messages on) or a "CEF:" header anywhere (bare CEF, vendor prefixes, PRI-less relays).
class AutoNormalizer final : public Normalizer
{
public:
    QString format() const override { return u"auto"_s; }

    NormalizeResult normalize(const QByteArray &record, const NormalizeContext &ctx) const override
    {
        QString reason;
        if (const Normalizer *n = route(record, &reason)) {
            return n->normalize(record, ctx);
        }
        return quarantine(ctx, u"auto", reason, record);
    }

    QList<NormalizeResult> normalizeAll(const QByteArray &record,
                                        const NormalizeContext &ctx) const override
    {
        QString reason;
        if (const Normalizer *n = route(record, &reason)) {
            return n->normalizeAll(record, ctx);
        }
        return {quarantine(ctx, u"auto", reason, record)};
    }

private:
    // The normaliser for `record`, or nullptr with `reason` set (plain English: stored data).
    const Normalizer *route(const QByteArray &record, QString *reason) const
    {
        qsizetype i = 0;
        while (i < record.size() && (record[i] == ' ' || record[i] == '\t' || record[i] == '\r'
                                     || record[i] == '\n')) {
            ++i;
        }
        const char first = i < record.size() ? record[i] : '\0';
        if (first == '{' || first == '[') {
            const std::optional<QJsonObject> o = parseJsonObject(record, reason);
            if (!o) {
                return nullptr;
            }
            if (o->contains(u"event_type"_s)) {
                return &m_eve;
            }
            if (o->value(u"alerts"_s).isArray()) {
                return &m_alertmanager;
            }
            if (o->value(u"rule"_s).isObject()
                && (o->contains(u"agent"_s) || o->contains(u"manager"_s))) {
                return &m_wazuh;
            }
            if (o->contains(u"title"_s) || o->contains(u"ts"_s)) {
                return &m_jsonl;
            }
            if (o->contains(u"timestamp"_s) && o->contains(u"flow_id"_s)) {
                return &m_eve; // EVE without event_type: quarantined there
            }
            *reason = u"unrecognised JSON record: not EVE, Wazuh, Alertmanager or jsonl"_s;
            return nullptr;
        }
        if (first == '<') {
            return &m_syslog;
        }
        if (record.contains("CEF:")) {
            return &m_cef;
        }
        // A BSD syslog line without its <PRI> (as syslog daemons write files): the syslog
        // normaliser quarantines it with that reason.
        if (parseBsdTimestamp(QString::fromLatin1(record.mid(i, 20)), 0)) {
            return &m_syslog;
        }
        *reason = u"unrecognised record format: not JSON, syslog or CEF"_s;
        return nullptr;
    }

    EveNormalizer m_eve;
    JsonlNormalizer m_jsonl;
    WazuhNormalizer m_wazuh;
    CefNormalizer m_cef;
    SyslogNormalizer m_syslog;
    AlertmanagerNormalizer m_alertmanager;
};

} // namespace

QStringList knownFormats()
{
    return {u"auto"_s, u"eve"_s,          u"wazuh"_s, u"cef"_s,
            u"syslog"_s, u"alertmanager"_s, u"jsonl"_s};
}

bool isKnownFormat(const QString &format)
{
    return knownFormats().contains(format);
}

std::unique_ptr<Normalizer> makeNormalizer(const QString &format, const FieldMap &map)
{
    if (format == u"jsonl"_s && !map.isEmpty()) {
        return std::make_unique<JsonlNormalizer>(map);
    }
    return makeNormalizer(format);
}

std::unique_ptr<Normalizer> makeNormalizer(const QString &format)
{
    if (format == u"eve"_s) {
        return std::make_unique<EveNormalizer>();
    }
    if (format == u"jsonl"_s) {
        return std::make_unique<JsonlNormalizer>();
    }
    if (format == u"wazuh"_s) {
        return std::make_unique<WazuhNormalizer>();
    }
    if (format == u"cef"_s) {
        return std::make_unique<CefNormalizer>();
    }
    if (format == u"syslog"_s) {
        return std::make_unique<SyslogNormalizer>();
    }
    if (format == u"alertmanager"_s) {
        return std::make_unique<AlertmanagerNormalizer>();
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
