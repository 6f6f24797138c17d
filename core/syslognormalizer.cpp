// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "syslognormalizer.h"

#include "textsupport.h"

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

constexpr qsizetype kTitleChars = 120;

// Quarantine reasons are stored data read by people and scripts: plain English, not translated.
NormalizeResult reject(const NormalizeContext &ctx, const QString &reason, const QByteArray &raw)
{
    return quarantine(ctx, u"syslog", reason, raw);
}

// Splits off the next space-delimited token (RFC 5424 fields are separated by exactly one SP).
QStringView nextToken(QStringView &rest)
{
    const qsizetype sp = rest.indexOf(u' ');
    const QStringView token = sp < 0 ? rest : rest.first(sp);
    rest = sp < 0 ? QStringView() : rest.sliced(sp + 1);
    return token;
}

QString nilToEmpty(QStringView token)
{
    return token == u"-" ? QString() : token.toString();
}

bool isSeverityWord(QStringView token)
{
    static constexpr QStringView words[] = {u"emerg", u"alert", u"crit", u"err", u"error",
                                            u"warning", u"warn", u"notice", u"info", u"debug"};
    for (const QStringView w : words) {
        if (token.compare(w, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

// A 3164 TAG token: "tag:", "tag[pid]:" or "tag[pid]"; sets tag and pid.
bool readTag(QStringView token, QString *tag, QString *pid)
{
    QStringView t = token;
    const bool colon = t.endsWith(u':');
    if (colon) {
        t.chop(1);
    }
    QStringView p;
    if (t.endsWith(u']')) {
        const qsizetype open = t.indexOf(u'[');
        if (open <= 0) {
            return false;
        }
        p = t.sliced(open + 1, t.size() - open - 2);
        t = t.first(open);
    } else if (!colon) {
        return false;
    }
    if (t.size() > 48 || t.contains(u'[') || t.contains(u']') || t.contains(u':')) {
        return false;
    }
    *tag = t.toString();
    *pid = p.toString();
    return true;
}

// RFC 5424 STRUCTURED-DATA: "-" or one or more [SD-ID PARAM="VALUE" …] with \" \\ \] escapes
// in values. Advances `rest` past it.
std::variant<QList<SyslogNormalizer::SdElement>, QString> parseStructuredData(QStringView &rest)
{
    QList<SyslogNormalizer::SdElement> out;
    if (rest.startsWith(u'-')) {
        rest = rest.sliced(1);
        return out;
    }
    if (!rest.startsWith(u'[')) {
        return u"RFC 5424 STRUCTURED-DATA is neither \"-\" nor [ … ]"_s;
    }
    qsizetype i = 0;
    const qsizetype n = rest.size();
    auto isNameChar = [](QChar c) {
        return c.unicode() > 32 && c.unicode() < 127 && c != u'=' && c != u' ' && c != u']'
            && c != u'"';
    };
    while (i < n && rest[i] == u'[') {
        ++i;
        SyslogNormalizer::SdElement element;
        const qsizetype idStart = i;
        while (i < n && isNameChar(rest[i])) {
            ++i;
        }
        element.id = rest.sliced(idStart, i - idStart).toString();
        if (element.id.isEmpty()) {
            return u"RFC 5424 STRUCTURED-DATA element without an SD-ID"_s;
        }
        while (true) {
            if (i >= n) {
                return u"RFC 5424 STRUCTURED-DATA element \"%1\" is not closed with ]"_s.arg(
                    element.id.left(64));
            }
            if (rest[i] == u']') {
                ++i;
                break;
            }
            if (rest[i] != u' ') {
                return u"malformed RFC 5424 STRUCTURED-DATA in element \"%1\""_s.arg(
                    element.id.left(64));
            }
            ++i;
            const qsizetype nameStart = i;
            while (i < n && isNameChar(rest[i])) {
                ++i;
            }
            const QString name = rest.sliced(nameStart, i - nameStart).toString();
            if (name.isEmpty() || i + 1 >= n || rest[i] != u'=' || rest[i + 1] != u'"') {
                return u"malformed RFC 5424 SD-PARAM in element \"%1\""_s.arg(element.id.left(64));
            }
            i += 2;
            QString value;
            bool closed = false;
            while (i < n) {
                const QChar c = rest[i];
                if (c == u'\\' && i + 1 < n
                    && (rest[i + 1] == u'"' || rest[i + 1] == u'\\' || rest[i + 1] == u']')) {
                    value += rest[i + 1];
                    i += 2;
                    continue;
                }
                if (c == u'"') {
                    closed = true;
                    ++i;
                    break;
                }
                value += c; // a backslash before any other character is kept (RFC 5424 6.3.3)
                ++i;
            }
            if (!closed) {
                return u"RFC 5424 SD-PARAM \"%1\" value is not closed with a quote"_s.arg(
                    name.left(64));
            }
            element.params.append({name, value});
        }
        out.append(element);
    }
    rest = rest.sliced(i);
    return out;
}

QString renderStructuredData(const QList<SyslogNormalizer::SdElement> &elements)
{
    QStringList parts;
    for (const SyslogNormalizer::SdElement &e : elements) {
        QStringList params;
        for (const auto &[name, value] : e.params) {
            params << u"%1=%2"_s.arg(name, value);
        }
        parts << (params.isEmpty() ? u"[%1]"_s.arg(e.id)
                                   : u"[%1 %2]"_s.arg(e.id, params.join(u' ')));
    }
    return parts.join(QString());
}

} // namespace

QString SyslogNormalizer::format() const
{
    return u"syslog"_s;
}

Severity SyslogNormalizer::severityFor(int priSeverity)
{
    switch (priSeverity) {
    case 0: // emergency
    case 1: // alert
    case 2: // critical
        return Severity::Critical;
    case 3: // error
        return Severity::High;
    case 4: // warning
        return Severity::Medium;
    case 5: // notice
        return Severity::Low;
    default: // 6 informational, 7 debug
        return Severity::Info;
    }
}

QString SyslogNormalizer::facilityName(int facility)
{
    static constexpr QStringView names[] = {
        u"kern",   u"user",     u"mail",   u"daemon", u"auth",    u"syslog",
        u"lpr",    u"news",     u"uucp",   u"cron",   u"authpriv", u"ftp",
        u"ntp",    u"security", u"console", u"clock", u"local0",  u"local1",
        u"local2", u"local3",   u"local4", u"local5", u"local6",  u"local7"};
    if (facility < 0 || facility >= 24) {
        return u"unknown"_s;
    }
    return names[facility].toString();
}

Category SyslogNormalizer::categoryFor(const QString &app, const QString &msg)
{
    // Checked in order over "APP MSG", case-insensitive; the first hit wins.
    struct Keyword
    {
        QStringView needle;
        Category category;
    };
    static constexpr Keyword table[] = {
        {u"malware", Category::Malware},
        {u"virus", Category::Malware},
        {u"trojan", Category::Malware},
        {u"ransomware", Category::Malware},
        {u"phish", Category::Phishing},
        {u"ddos", Category::Ddos},
        {u"denial of service", Category::Ddos},
        {u"syn flood", Category::Ddos},
        {u"failed password", Category::Intrusion},
        {u"authentication failure", Category::Intrusion},
        {u"authentication failed", Category::Intrusion},
        {u"login_failure", Category::Intrusion},
        {u"login failed", Category::Intrusion},
        {u"failed login", Category::Intrusion},
        {u"invalid user", Category::Intrusion},
        {u"brute", Category::Intrusion},
        {u"intrusion", Category::Intrusion},
        {u"exploit", Category::Intrusion},
        {u"attack", Category::Intrusion},
        {u"possible break-in", Category::Intrusion},
        {u"out of memory", Category::Availability},
        {u"oom-killer", Category::Availability},
        {u"no space left", Category::Availability},
        {u"disk full", Category::Availability},
        {u"segfault", Category::Availability},
        {u"link down", Category::Availability},
        {u"unreachable", Category::Availability},
        {u"denied", Category::Policy},
        {u"deny", Category::Policy},
        {u"configuration modified", Category::Policy},
        {u"policy", Category::Policy},
    };
    const QString text = app + u' ' + msg;
    for (const Keyword &k : table) {
        if (text.contains(k.needle, Qt::CaseInsensitive)) {
            return k.category;
        }
    }
    return Category::Other;
}

std::variant<SyslogNormalizer::Message, QString> SyslogNormalizer::parse(QStringView text,
                                                                         TimestampMs reference)
{
    Message m;
    // PRI: "<" 1–3 digits ">", at most 191 (facility 23, severity 7).
    if (!text.startsWith(u'<')) {
        return u"missing PRI: a syslog record starts with <PRI>"_s;
    }
    const qsizetype close = text.indexOf(u'>');
    const QStringView priText = close > 0 ? text.sliced(1, close - 1) : QStringView();
    bool priOk = close > 1 && close <= 4;
    for (const QChar c : priText) {
        priOk = priOk && c.isDigit() && c.unicode() < 128;
    }
    if (!priOk) {
        return u"invalid PRI \"%1\": expected <0-191>"_s.arg(text.left(8).toString());
    }
    m.pri = priText.toInt();
    if (m.pri > 191) {
        return u"invalid PRI <%1>: the largest is 191"_s.arg(m.pri);
    }
    QStringView rest = text.sliced(close + 1);

    // RFC 5424: VERSION (digits) and a space follow the PRI directly.
    qsizetype v = 0;
    while (v < rest.size() && v < 3 && rest[v].isDigit() && rest[v].unicode() < 128) {
        ++v;
    }
    if (v > 0 && v < rest.size() && rest[v] == u' ') {
        if (rest.first(v) != u"1") {
            return u"unsupported syslog VERSION %1 (RFC 5424 defines 1)"_s.arg(
                rest.first(v).toString());
        }
        m.rfc5424 = true;
        rest = rest.sliced(v + 1);
        QStringView fields[5];
        for (QStringView &f : fields) {
            if (rest.isEmpty()) {
                return u"truncated RFC 5424 header: fewer than the six header fields"_s;
            }
            f = nextToken(rest);
            if (f.isEmpty()) {
                return u"malformed RFC 5424 header: empty field (two spaces in a row)"_s;
            }
        }
        if (fields[0] != u"-") {
            m.ts = parseIsoTimestamp(fields[0]);
            if (!m.ts) {
                return u"invalid RFC 5424 TIMESTAMP \"%1\""_s.arg(fields[0].left(64).toString());
            }
            m.tsHasYear = true;
        }
        m.host = nilToEmpty(fields[1]);
        m.app = nilToEmpty(fields[2]);
        m.procId = nilToEmpty(fields[3]);
        m.msgId = nilToEmpty(fields[4]);
        if (rest.isEmpty()) {
            return u"truncated RFC 5424 header: no STRUCTURED-DATA"_s;
        }
        auto sd = parseStructuredData(rest);
        if (const QString *error = std::get_if<QString>(&sd)) {
            return *error;
        }
        m.structuredData = std::get<QList<SdElement>>(std::move(sd));
        if (!rest.isEmpty()) {
            if (rest[0] != u' ') {
                return u"malformed RFC 5424 record: no space after STRUCTURED-DATA"_s;
            }
            rest = rest.sliced(1);
        }
        if (rest.startsWith(QChar(0xFEFF))) {
            rest = rest.sliced(1);
        }
        m.msg = rest.toString();
        return m;
    }

    // RFC 3164. A timestamp that is neither BSD nor RFC 3339 (as rsyslog forwards) leaves the
    // whole remainder as the message (RFC 3164 4.3.3); the time is then ctx.received.
    qsizetype used = 0;
    if (const auto bsd = parseBsdTimestamp(rest, reference, &used)) {
        m.ts = bsd;
        rest = rest.sliced(used);
    } else {
        QStringView probe = rest;
        const QStringView first = nextToken(probe);
        if (const auto iso = parseIsoTimestamp(first)) {
            m.ts = iso;
            m.tsHasYear = true;
            rest = first.size() < rest.size() ? rest.sliced(first.size()) : QStringView();
        } else {
            m.msg = rest.toString().trimmed();
            return m;
        }
    }
    rest = rest.trimmed();
    // HOSTNAME, unless the first token is already the TAG (senders that omit the host).
    QStringView probe = rest;
    QStringView token = nextToken(probe);
    QString tag;
    QString pid;
    if (!token.isEmpty() && !readTag(token, &tag, &pid) && token != u":") {
        m.host = token.toString();
        rest = probe.trimmed();
        probe = rest;
        token = nextToken(probe);
    }
    // Some devices print their own severity word before the tag ("notice apmd[14311]: …").
    if (isSeverityWord(token)) {
        QStringView after = probe;
        const QStringView next = nextToken(after);
        if (readTag(next, &tag, &pid)) {
            m.app = tag;
            m.procId = pid;
            m.msg = after.trimmed().toString();
            return m;
        }
    }
    if (token == u":") {
        rest = probe;
    } else if (readTag(token, &tag, &pid)) {
        m.app = tag;
        m.procId = pid;
        rest = probe;
    }
    m.msg = rest.trimmed().toString();
    return m;
}

NormalizeResult SyslogNormalizer::normalize(const QByteArray &record,
                                            const NormalizeContext &ctx) const
{
    qsizetype bad = 0;
    const std::optional<QString> text = decodeTextRecord(record, &bad);
    if (!text) {
        return reject(ctx, u"syslog record is not valid UTF-8 (byte %1)"_s.arg(bad), record);
    }
    if (text->isEmpty()) {
        return reject(ctx, u"empty syslog record"_s, record);
    }
    auto parsed = parse(*text, ctx.received);
    if (const QString *error = std::get_if<QString>(&parsed)) {
        return reject(ctx, *error, record);
    }
    const Message m = std::get<Message>(std::move(parsed));

    // CEF in the MSG goes to the CEF normaliser. The search runs over the whole text: a 3164
    // parser may have taken "CEF:" for a TAG ("host CEF: 0|…").
    const qsizetype cef = CefNormalizer::findCef(*text);
    if (cef >= 0) {
        return m_cef.normalizeCef(record, QStringView(*text).sliced(cef),
            CefNormalizer::Envelope { m.ts, m.ts && m.tsHasYear, m.host }, ctx);
    }

    const int facility = m.pri / 8;
    Alert a;
    a.ts = m.ts.value_or(ctx.received);
    a.received = ctx.received;
    a.feed = ctx.feed;
    a.source = u"syslog"_s;
    a.raw = record;
    // The record's own bytes (framing removed) are its canonical form: a 3164 line carries no
    // year, so the same line re-read later dedups whatever year it was given.
    a.fingerprint = fingerprintOf(u"syslog", text->toUtf8());
    // Only a timestamp with its year is the same time for the same text, whenever it is read.
    a.fingerprintCoversTime = m.ts && m.tsHasYear;
    a.severity = severityFor(m.pri % 8);
    a.rule = u"syslog:"_s + (m.app.isEmpty() ? facilityName(facility) : m.app);
    a.title = oneLine(m.msg, kTitleChars);
    if (a.title.isEmpty()) {
        a.title = m.host.isEmpty() ? u"empty syslog message"_s
                                   : u"empty syslog message from %1"_s.arg(m.host);
    }
    a.entity = m.host;
    a.category = categoryFor(m.app, m.msg);
    QStringList details;
    details << u"facility: %1"_s.arg(facilityName(facility));
    if (!m.app.isEmpty()) {
        details << (m.procId.isEmpty() ? u"app: %1"_s.arg(m.app)
                                       : u"app: %1[%2]"_s.arg(m.app, m.procId));
    }
    if (!m.msgId.isEmpty()) {
        details << u"msgid: %1"_s.arg(m.msgId);
    }
    if (!m.structuredData.isEmpty()) {
        details << renderStructuredData(m.structuredData);
    }
    a.message = m.msg.isEmpty() ? details.join(u" · "_s)
                                : m.msg + u" · "_s + details.join(u" · "_s);
    return a;
}

} // namespace Lakeguard::Core
