// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scriptedscenario.h"

#include "jsonsupport.h"
#include "severity.h"
#include "timeutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QVariant>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

namespace {

constexpr QStringView kFormat = u"lakeguard-scenario/1";
constexpr qint64 kMaxDurationS = 24 * 3600;
constexpr int kMaxCount = 2000;
constexpr int kMaxEvents = 50'000;
const QString kChainFeed = u"demo-chain"_s;

// --- where a key stands in the text ------------------------------------------------------------

// A JSON path: object keys (QString) and array indexes (int).
using Path = QList<QVariant>;

QString pathText(const Path &path)
{
    QString out;
    for (const QVariant &p : path) {
        if (p.typeId() == QMetaType::Int) {
            out += u'[' + QString::number(p.toInt()) + u']';
        } else {
            if (!out.isEmpty()) {
                out += u'.';
            }
            out += p.toString();
        }
    }
    return out;
}

// Walks the raw text to the value at `path` (or as deep as it exists) and returns its offset.
// QJsonDocument keeps no positions; the files are small, so a second, shallow scan is cheap.
class Locator final
{
public:
    explicit Locator(const QByteArray &text)
        : m_t(text)
    { }

    qsizetype locate(const Path &path)
    {
        m_i = 0;
        skipWs();
        qsizetype found = m_i;
        for (const QVariant &p : path) {
            const bool ok = p.typeId() == QMetaType::Int ? enterIndex(p.toInt())
                                                         : enterKey(p.toString().toUtf8());
            if (!ok) {
                return found;
            }
            found = m_i;
        }
        return found;
    }

    int lineOf(qsizetype offset) const
    {
        return 1 + static_cast<int>(m_t.left(offset).count('\n'));
    }

private:
    char peek() const { return m_i < m_t.size() ? m_t.at(m_i) : '\0'; }
    void skipWs()
    {
        while (m_i < m_t.size()
            && (peek() == ' ' || peek() == '\n' || peek() == '\r' || peek() == '\t')) {
            ++m_i;
        }
    }
    QByteArray readString()
    {
        QByteArray out;
        ++m_i; // opening quote
        while (m_i < m_t.size() && peek() != '"') {
            if (peek() == '\\') {
                ++m_i;
            }
            out += peek();
            ++m_i;
        }
        ++m_i;
        return out;
    }
    void skipValue()
    {
        skipWs();
        if (peek() == '"') {
            readString();
            return;
        }
        if (peek() == '{' || peek() == '[') {
            int depth = 0;
            while (m_i < m_t.size()) {
                const char c = peek();
                if (c == '"') {
                    readString();
                    continue;
                }
                if (c == '{' || c == '[') {
                    ++depth;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0) {
                        ++m_i;
                        return;
                    }
                }
                ++m_i;
            }
            return;
        }
        while (m_i < m_t.size() && !QByteArrayView(",}] \n\r\t").contains(peek())) {
            ++m_i;
        }
    }
    bool enterKey(const QByteArray &key)
    {
        skipWs();
        if (peek() != '{') {
            return false;
        }
        ++m_i;
        while (m_i < m_t.size()) {
            skipWs();
            if (peek() != '"') {
                return false;
            }
            const qsizetype keyAt = m_i;
            const QByteArray k = readString();
            skipWs();
            if (peek() != ':') {
                return false;
            }
            ++m_i;
            skipWs();
            if (k == key) {
                Q_UNUSED(keyAt);
                return true;
            }
            skipValue();
            skipWs();
            if (peek() != ',') {
                return false;
            }
            ++m_i;
        }
        return false;
    }
    bool enterIndex(int index)
    {
        skipWs();
        if (peek() != '[') {
            return false;
        }
        ++m_i;
        for (int n = 0; m_i < m_t.size(); ++n) {
            skipWs();
            if (peek() == ']') {
                return false;
            }
            if (n == index) {
                return true;
            }
            skipValue();
            skipWs();
            if (peek() != ',') {
                return false;
            }
            ++m_i;
        }
        return false;
    }

    const QByteArray &m_t;
    qsizetype m_i = 0;
};

// --- seeded randomness for placeholders and jitter -------------------------------------------

quint64 splitmix64(quint64 &state)
{
    state += 0x9e3779b97f4a7c15ULL;
    quint64 z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

class Rng final
{
public:
    Rng(quint64 seed, int step, int entry, int repeat)
    {
        quint64 s = seed;
        s = splitmix64(s) ^ static_cast<quint64>(step);
        s = splitmix64(s) ^ static_cast<quint64>(entry);
        s = splitmix64(s) ^ static_cast<quint64>(repeat);
        m_state = splitmix64(s);
    }
    qint64 below(qint64 n) { return static_cast<qint64>(splitmix64(m_state) % quint64(n)); }

private:
    quint64 m_state = 0;
};

// {i} repeat number from 1, {n} repeat count, {step} step number from 1, {digits:N}, {hex:N},
// {ip} a documentation-range IPv4 address (RFC 5737).
const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression re(u"\\{([a-z]+)(?::(\\d+))?\\}"_s);
    return re;
}

QString checkPlaceholders(const QString &text)
{
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString name = m.captured(1);
        const bool hasArg = m.hasCaptured(2);
        if ((name == u"i" || name == u"n" || name == u"step" || name == u"ip") && !hasArg) {
            continue;
        }
        if ((name == u"digits" || name == u"hex") && hasArg) {
            const int n = m.captured(2).toInt();
            if (n >= 1 && n <= 64) {
                continue;
            }
        }
        return m.captured(0);
    }
    return {};
}

struct Expansion
{
    int i = 1;
    int n = 1;
    int step = 1;
};

QString expand(const QString &text, const Expansion &x, Rng &rng)
{
    if (!text.contains(u'{')) {
        return text;
    }
    QString out;
    qsizetype last = 0;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        last = m.capturedEnd();
        const QString name = m.captured(1);
        const int arg = m.captured(2).toInt();
        if (name == u"i") {
            out += QString::number(x.i);
        } else if (name == u"n") {
            out += QString::number(x.n);
        } else if (name == u"step") {
            out += QString::number(x.step);
        } else if (name == u"ip") {
            out += (rng.below(2) ? u"198.51.100."_s : u"203.0.113."_s)
                + QString::number(1 + rng.below(254));
        } else if (name == u"digits") {
            for (int k = 0; k < arg; ++k) {
                out += QChar(u'0' + static_cast<char16_t>(rng.below(10)));
            }
        } else if (name == u"hex") {
            for (int k = 0; k < arg; ++k) {
                out += QChar(u"0123456789abcdef"[rng.below(16)]);
            }
        }
    }
    out += QStringView(text).mid(last);
    return out;
}

QJsonValue expandValue(const QJsonValue &v, const Expansion &x, Rng &rng)
{
    if (v.isString()) {
        return expand(v.toString(), x, rng);
    }
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            it.value() = expandValue(it.value(), x, rng);
        }
        return o;
    }
    if (v.isArray()) {
        QJsonArray a = v.toArray();
        for (qsizetype k = 0; k < a.size(); ++k) {
            a[k] = expandValue(a.at(k), x, rng);
        }
        return a;
    }
    return v;
}

QString blockHash(const QString &chain, quint64 seed, int branch, qint64 height)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(u"%1:%2:%3:%4"_s.arg(chain).arg(seed).arg(branch).arg(height).toUtf8());
    return u"0x"_s + QString::fromLatin1(h.result().toHex());
}

// --- the loader ------------------------------------------------------------------------------

class Loader final
{
public:
    Loader(const QByteArray &json, const QString &file, ScenarioError *error)
        : m_json(json)
        , m_file(file)
        , m_error(error)
    { }

    bool fail(const Path &path, const QString &message)
    {
        if (m_error) {
            Locator locator(m_json);
            m_error->file = m_file;
            m_error->line = locator.lineOf(locator.locate(path));
            m_error->key = pathText(path);
            m_error->message = message;
        }
        return false;
    }

    bool onlyKeys(const QJsonObject &o, const Path &path, const QStringList &allowed)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!allowed.contains(it.key())) {
                return fail(path + Path { it.key() },
                    u"unknown key (expected one of: %1)"_s.arg(allowed.join(u", ")));
            }
        }
        return true;
    }

    bool string(const QJsonObject &o, const Path &path, const QString &key, QString *out,
        bool required, bool templated = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            return required ? fail(path + Path { key }, u"missing (a string is required)"_s) : true;
        }
        if (!v.isString() || (required && v.toString().isEmpty())) {
            return fail(path + Path { key }, u"must be a non-empty string"_s);
        }
        if (templated) {
            if (const QString bad = checkPlaceholders(v.toString()); !bad.isEmpty()) {
                return fail(path + Path { key }, u"unknown placeholder %1"_s.arg(bad));
            }
        }
        *out = v.toString();
        return true;
    }

    bool number(const QJsonObject &o, const Path &path, const QString &key, double *out, double lo,
        double hi, bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            return required ? fail(path + Path { key }, u"missing (a number is required)"_s) : true;
        }
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < lo
            || v.toDouble() > hi) {
            return fail(path + Path { key },
                u"must be a number from %1 to %2"_s.arg(QString::number(lo), QString::number(hi)));
        }
        *out = v.toDouble();
        return true;
    }

    bool integer(const QJsonObject &o, const Path &path, const QString &key, qint64 *out, qint64 lo,
        qint64 hi, bool required)
    {
        double d = static_cast<double>(*out);
        if (!number(o, path, key, &d, static_cast<double>(lo), static_cast<double>(hi), required)) {
            return false;
        }
        if (d != std::floor(d)) {
            return fail(path + Path { key }, u"must be a whole number"_s);
        }
        *out = static_cast<qint64>(d);
        return true;
    }

    bool boolean(const QJsonObject &o, const Path &path, const QString &key, bool *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            return true;
        }
        if (!v.isBool()) {
            return fail(path + Path { key }, u"must be true or false"_s);
        }
        *out = v.toBool();
        return true;
    }

    bool text(
        const QJsonObject &o, const Path &path, const QString &key, ScriptedScenario::Text *out)
    {
        const QJsonValue v = o.value(key);
        const Path here = path + Path { key };
        if (!v.isObject()) {
            return fail(here, u"must be an object with \"en\" and \"zh_CN\" strings"_s);
        }
        const QJsonObject t = v.toObject();
        return onlyKeys(t, here, { u"en"_s, u"zh_CN"_s })
            && string(t, here, u"en"_s, &out->en, true)
            && string(t, here, u"zh_CN"_s, &out->zh, true);
    }

    bool object(const QJsonObject &o, const Path &path, const QString &key, QJsonObject *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            return true;
        }
        if (!v.isObject()) {
            return fail(path + Path { key }, u"must be an object"_s);
        }
        *out = v.toObject();
        return true;
    }

    bool array(
        const QJsonObject &o, const Path &path, const QString &key, QJsonArray *out, bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            return required ? fail(path + Path { key }, u"missing (an array is required)"_s) : true;
        }
        if (!v.isArray() || (required && v.toArray().isEmpty())) {
            return fail(path + Path { key }, u"must be a non-empty array"_s);
        }
        *out = v.toArray();
        return true;
    }

private:
    const QByteArray &m_json;
    QString m_file;
    ScenarioError *m_error;
};

} // namespace

QString ScenarioError::toString() const
{
    QString where = file;
    if (line > 0) {
        where += u':' + QString::number(line);
    }
    return key.isEmpty() ? u"%1: %2"_s.arg(where, message)
                         : u"%1: %2: %3"_s.arg(where, key, message);
}

std::shared_ptr<ScriptedScenario> ScriptedScenario::parse(const QByteArray &json,
    const QString &fileName, quint64 seed, Core::TimestampMs start, ScenarioError *error)
{
    Loader l(json, fileName, error);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error) {
            *error = { fileName, 1 + static_cast<int>(json.left(parseError.offset).count('\n')), {},
                u"not valid JSON: "_s + parseError.errorString() };
        }
        return {};
    }
    if (!doc.isObject()) {
        l.fail({}, u"the file must hold one JSON object"_s);
        return {};
    }
    const QJsonObject root = doc.object();
    std::shared_ptr<ScriptedScenario> s(new ScriptedScenario);
    s->m_seed = seed;
    s->m_start = start;
    QString format;
    double duration = 0;
    QJsonObject feeds;
    QJsonArray steps;
    if (!l.onlyKeys(root, {},
            { u"format"_s, u"name"_s, u"title"_s, u"summary"_s, u"duration_s"_s, u"feeds"_s,
                u"steps"_s })
        || !l.string(root, {}, u"format"_s, &format, true)) {
        return {};
    }
    if (format != kFormat) {
        l.fail({ u"format"_s },
            u"unsupported format \"%1\" (expected \"%2\")"_s.arg(format, kFormat.toString()));
        return {};
    }
    if (!l.string(root, {}, u"name"_s, &s->m_name, true)) {
        return {};
    }
    static const QRegularExpression nameRe(u"^[a-z0-9][a-z0-9-]*$"_s);
    if (!nameRe.match(s->m_name).hasMatch()) {
        l.fail({ u"name"_s }, u"must be lowercase letters, digits and dashes"_s);
        return {};
    }
    if (!l.text(root, {}, u"title"_s, &s->m_title) || !l.text(root, {}, u"summary"_s, &s->m_summary)
        || !l.number(root, {}, u"duration_s"_s, &duration, 1, kMaxDurationS, true)
        || !l.object(root, {}, u"feeds"_s, &feeds)
        || !l.array(root, {}, u"steps"_s, &steps, true)) {
        return {};
    }
    if (feeds.isEmpty()) {
        l.fail({ u"feeds"_s }, u"must name at least one feed and its type"_s);
        return {};
    }
    for (auto it = feeds.begin(); it != feeds.end(); ++it) {
        if (!it.value().isString() || it.value().toString().isEmpty()) {
            l.fail({ u"feeds"_s, it.key() }, u"must be the feed's type as a string"_s);
            return {};
        }
        s->m_feeds.append({ it.key(), it.value().toString() });
    }
    s->m_durationMs = static_cast<qint64>(duration * 1000.0);
    const Core::TimestampMs last = s->end() - 1;

    static const QStringList chainStates { u"healthy"_s, u"syncing"_s, u"lagging"_s, u"stalled"_s,
        u"forked"_s, u"mismatch"_s, u"down"_s };
    double previousAt = 0;
    int eventCount = 0;
    for (int si = 0; si < steps.size(); ++si) {
        const Path sp { u"steps"_s, si };
        if (!steps.at(si).isObject()) {
            l.fail(sp, u"a step must be an object"_s);
            return {};
        }
        const QJsonObject step = steps.at(si).toObject();
        double at = 0;
        Text caption;
        QJsonArray alerts;
        QJsonArray chain;
        if (!l.onlyKeys(step, sp, { u"at_s"_s, u"caption"_s, u"alerts"_s, u"chain"_s })
            || !l.number(step, sp, u"at_s"_s, &at, 0, duration, true)
            || !l.text(step, sp, u"caption"_s, &caption)
            || !l.array(step, sp, u"alerts"_s, &alerts, false)
            || !l.array(step, sp, u"chain"_s, &chain, false)) {
            return {};
        }
        if (at < previousAt) {
            l.fail(sp + Path { u"at_s"_s }, u"steps must be in time order"_s);
            return {};
        }
        previousAt = at;
        const Core::TimestampMs stepAt = std::min(last, start + static_cast<qint64>(at * 1000.0));
        s->m_steps.append({ stepAt, caption.en, caption.zh });

        for (int ai = 0; ai < alerts.size(); ++ai) {
            const Path ap = sp + Path { u"alerts"_s, ai };
            if (!alerts.at(ai).isObject()) {
                l.fail(ap, u"an alert must be an object"_s);
                return {};
            }
            const QJsonObject a = alerts.at(ai).toObject();
            QString feed, severity, category, rule, title, message, entity, srcIp, dstIp;
            double offset = 0, every = 0, jitter = 0;
            qint64 count = 1, delay = 500;
            QJsonObject fields;
            if (!l.onlyKeys(a, ap,
                    { u"feed"_s, u"severity"_s, u"category"_s, u"rule"_s, u"title"_s, u"message"_s,
                        u"entity"_s, u"src_ip"_s, u"dst_ip"_s, u"offset_s"_s, u"count"_s,
                        u"every_s"_s, u"jitter_s"_s, u"delay_ms"_s, u"fields"_s })
                || !l.string(a, ap, u"feed"_s, &feed, true)
                || !l.string(a, ap, u"severity"_s, &severity, true)
                || !l.string(a, ap, u"category"_s, &category, true)
                || !l.string(a, ap, u"rule"_s, &rule, true, true)
                || !l.string(a, ap, u"title"_s, &title, true, true)
                || !l.string(a, ap, u"message"_s, &message, false, true)
                || !l.string(a, ap, u"entity"_s, &entity, false, true)
                || !l.string(a, ap, u"src_ip"_s, &srcIp, false, true)
                || !l.string(a, ap, u"dst_ip"_s, &dstIp, false, true)
                || !l.number(a, ap, u"offset_s"_s, &offset, 0, duration, false)
                || !l.integer(a, ap, u"count"_s, &count, 1, kMaxCount, false)
                || !l.number(a, ap, u"every_s"_s, &every, 0, duration, false)
                || !l.number(a, ap, u"jitter_s"_s, &jitter, 0, 3600, false)
                || !l.integer(a, ap, u"delay_ms"_s, &delay, 0, 600'000, false)
                || !l.object(a, ap, u"fields"_s, &fields)) {
                return {};
            }
            if (!feeds.contains(feed)) {
                l.fail(ap + Path { u"feed"_s },
                    u"feed \"%1\" is not declared in \"feeds\""_s.arg(feed));
                return {};
            }
            const auto sev = Core::severityFromName(severity);
            if (!sev) {
                l.fail(ap + Path { u"severity"_s }, u"unknown severity \"%1\""_s.arg(severity));
                return {};
            }
            const auto cat = Core::categoryFromName(category);
            if (!cat) {
                l.fail(ap + Path { u"category"_s }, u"unknown category \"%1\""_s.arg(category));
                return {};
            }
            eventCount += static_cast<int>(count);
            if (eventCount > kMaxEvents) {
                l.fail(ap + Path { u"count"_s },
                    u"the scenario makes more than %1 events"_s.arg(kMaxEvents));
                return {};
            }
            for (int k = 0; k < count; ++k) {
                Rng rng(seed, si, ai, k);
                const Expansion x { k + 1, static_cast<int>(count), si + 1 };
                const qint64 jitterMs
                    = jitter > 0 ? rng.below(static_cast<qint64>(jitter * 1000) + 1) : 0;
                const Core::TimestampMs ts = std::min(
                    last, stepAt + static_cast<qint64>((offset + every * k) * 1000.0) + jitterMs);
                Core::Alert alert;
                alert.ts = ts;
                alert.received = ts + delay;
                alert.feed = feed;
                alert.source = u"demo"_s;
                alert.severity = *sev;
                alert.category = *cat;
                alert.rule = expand(rule, x, rng);
                alert.title = expand(title, x, rng);
                alert.message = expand(message, x, rng);
                alert.entity = expand(entity, x, rng);
                alert.srcIp = expand(srcIp, x, rng);
                alert.dstIp = expand(dstIp, x, rng);
                QJsonObject raw = expandValue(fields, x, rng).toObject();
                raw.insert(u"scenario"_s, s->m_name);
                raw.insert(u"step"_s, si + 1);
                raw.insert(u"time"_s, Core::formatIsoTimestamp(ts));
                raw.insert(u"rule"_s, alert.rule);
                raw.insert(u"severity"_s, severity);
                raw.insert(u"category"_s, category);
                raw.insert(u"title"_s, alert.title);
                if (!alert.message.isEmpty()) {
                    raw.insert(u"message"_s, alert.message);
                }
                if (!alert.entity.isEmpty()) {
                    raw.insert(u"entity"_s, alert.entity);
                }
                if (!alert.srcIp.isEmpty()) {
                    raw.insert(u"src_ip"_s, alert.srcIp);
                }
                if (!alert.dstIp.isEmpty()) {
                    raw.insert(u"dst_ip"_s, alert.dstIp);
                }
                alert.raw = Core::canonicalJson(raw);
                // Where the event was made, then the record: distinct for every event, stable
                // for a file, seed and start, so replaying a span adds nothing to the store.
                const QByteArray where = "scenario\x1f" + s->m_name.toUtf8() + '\x1f'
                    + QByteArray::number(seed) + '\x1f' + QByteArray::number(si) + '\x1f'
                    + QByteArray::number(ai) + '\x1f' + QByteArray::number(k) + '\x1f';
                alert.fingerprint = Core::fingerprintOf(u"demo", where + alert.raw);
                alert.fingerprintCoversTime = true; // raw's "time"
                s->m_events.push_back(DemoEvent { ts, std::move(alert), {}, {} });
            }
        }

        for (int ci = 0; ci < chain.size(); ++ci) {
            const Path cp = sp + Path { u"chain"_s, ci };
            if (!chain.at(ci).isObject()) {
                l.fail(cp, u"a chain observation must be an object"_s);
                return {};
            }
            const QJsonObject c = chain.at(ci).toObject();
            QString chainName, node, state = u"healthy"_s;
            qint64 height = 0, branch = 0, peers = -1, lag = 0, count = 1, advance = 0;
            double offset = 0, every = 0, blockS = 2;
            bool syncing = false;
            if (!l.onlyKeys(c, cp,
                    { u"chain"_s, u"node"_s, u"height"_s, u"branch"_s, u"peers"_s, u"lag"_s,
                        u"state"_s, u"syncing"_s, u"offset_s"_s, u"count"_s, u"every_s"_s,
                        u"advance"_s, u"block_s"_s })
                || !l.string(c, cp, u"chain"_s, &chainName, true)
                || !l.string(c, cp, u"node"_s, &node, true)
                || !l.integer(c, cp, u"height"_s, &height, 0, 1'000'000'000'000LL, true)
                || !l.integer(c, cp, u"branch"_s, &branch, 0, 9, false)
                || !l.integer(c, cp, u"peers"_s, &peers, -1, 10'000, false)
                || !l.integer(c, cp, u"lag"_s, &lag, 0, 1'000'000, false)
                || !l.string(c, cp, u"state"_s, &state, false)
                || !l.boolean(c, cp, u"syncing"_s, &syncing)
                || !l.number(c, cp, u"offset_s"_s, &offset, 0, duration, false)
                || !l.integer(c, cp, u"count"_s, &count, 1, kMaxCount, false)
                || !l.number(c, cp, u"every_s"_s, &every, 0, duration, false)
                || !l.integer(c, cp, u"advance"_s, &advance, 0, 10'000, false)
                || !l.number(c, cp, u"block_s"_s, &blockS, 0.1, 3600, false)) {
                return {};
            }
            if (!chainStates.contains(state)) {
                l.fail(cp + Path { u"state"_s },
                    u"unknown state \"%1\" (expected one of: %2)"_s.arg(
                        state, chainStates.join(u", ")));
                return {};
            }
            eventCount += static_cast<int>(count);
            if (eventCount > kMaxEvents) {
                l.fail(cp + Path { u"count"_s },
                    u"the scenario makes more than %1 events"_s.arg(kMaxEvents));
                return {};
            }
            for (int k = 0; k < count; ++k) {
                const Core::TimestampMs t
                    = std::min(last, stepAt + static_cast<qint64>((offset + every * k) * 1000.0));
                Core::ChainObservation o;
                o.chain = chainName;
                o.node = node;
                o.height = height + advance * k;
                o.headHash = blockHash(chainName, seed, static_cast<int>(branch), o.height);
                o.blockTime = t - static_cast<qint64>(blockS * 500.0);
                o.observed = t;
                o.peers = static_cast<int>(peers);
                o.syncing = syncing;
                o.lag = lag;
                o.state = state;
                o.latencyMs = 20 + static_cast<int>(Rng(seed, si, 1000 + ci, k).below(60));
                s->m_events.push_back(DemoEvent { t, std::move(o), {}, {} });
            }
        }
    }
    std::stable_sort(s->m_events.begin(), s->m_events.end(),
        [](const DemoEvent &a, const DemoEvent &b) { return a.at < b.at; });
    return s;
}

std::shared_ptr<ScriptedScenario> ScriptedScenario::loadFile(
    const QString &path, quint64 seed, Core::TimestampMs start, ScenarioError *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = { path, 0, {}, u"cannot read: "_s + file.errorString() };
        }
        return {};
    }
    return parse(file.readAll(), path, seed, start, error);
}

QStringList ScriptedScenario::builtInNames()
{
    QStringList names;
    const QFileInfoList files
        = QDir(u":/scenarios"_s).entryInfoList({ u"*.json"_s }, QDir::Files, QDir::Name);
    for (const QFileInfo &f : files) {
        names.append(f.completeBaseName());
    }
    return names;
}

QString ScriptedScenario::builtInPath(const QString &name)
{
    return u":/scenarios/"_s + name + u".json"_s;
}

std::shared_ptr<ScriptedScenario> ScriptedScenario::load(
    const QString &nameOrPath, quint64 seed, Core::TimestampMs start, ScenarioError *error)
{
    if (nameOrPath.endsWith(u".json"_s)) {
        return loadFile(nameOrPath, seed, start, error);
    }
    if (!builtInNames().contains(nameOrPath)) {
        if (error) {
            *error = { nameOrPath, 0, {},
                u"no such scenario (available: %1)"_s.arg(builtInNames().join(u", ")) };
        }
        return {};
    }
    return loadFile(builtInPath(nameOrPath), seed, start, error);
}

QList<DemoEvent> ScriptedScenario::eventsBetween(Core::TimestampMs from, Core::TimestampMs to) const
{
    QList<DemoEvent> out;
    auto it = std::lower_bound(m_events.begin(), m_events.end(), from,
        [](const DemoEvent &e, Core::TimestampMs t) { return e.at < t; });
    for (; it != m_events.end() && it->at < to; ++it) {
        out.append(*it);
    }
    return out;
}

} // namespace Lakeguard::Feeds
