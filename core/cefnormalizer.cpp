// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cefnormalizer.h"

#include "syslognormalizer.h"
#include "textsupport.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QTime>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Lakeguard::Core {

namespace {

using Pairs = QList<QPair<QString, QString>>;

constexpr int kHeaderFields = 7; // version … severity, each ended by a '|'

// Quarantine reasons are stored data read by people and scripts: plain English, not translated.
NormalizeResult reject(const NormalizeContext &ctx, const QString &reason, const QByteArray &raw)
{
    return quarantine(ctx, u"cef", reason, raw);
}

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

bool isKeyChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_'
        || u == '.';
}

// Reads header fields from `text` (after "CEF:"): up to `count` fields each ended by an
// unescaped '|'. \| and \\ are unescaped; a backslash before anything else is kept as written.
// Returns the index just past the last '|' read.
qsizetype readHeaderFields(QStringView text, qsizetype pos, int count, QStringList *fields)
{
    QString field;
    while (pos < text.size() && fields->size() < count) {
        const QChar c = text[pos];
        if (c == u'\\' && pos + 1 < text.size() && (text[pos + 1] == u'|' || text[pos + 1] == u'\\')) {
            field += text[pos + 1];
            pos += 2;
            continue;
        }
        if (c == u'|') {
            fields->append(field);
            field.clear();
        } else {
            field += c;
        }
        ++pos;
    }
    return pos;
}

QString unescapeExtensionValue(QStringView v)
{
    QString out;
    out.reserve(v.size());
    for (qsizetype i = 0; i < v.size(); ++i) {
        const QChar c = v[i];
        if (c != u'\\' || i + 1 >= v.size()) {
            out += c;
            continue;
        }
        const QChar next = v[i + 1];
        if (next == u'\\' || next == u'=' || next == u'|') {
            out += next;
        } else if (next == u'n') {
            out += u'\n';
        } else if (next == u'r') {
            out += u'\r';
        } else {
            // Not a CEF escape (Windows paths written without doubling): kept as written.
            out += c;
            out += next;
        }
        ++i;
    }
    return out;
}

// The extension's key=value pairs in order. A key starts at the beginning or after whitespace,
// is [A-Za-z0-9_.]+ and is followed by an unescaped '='; its value runs to the next key (the
// whitespace before that key is the separator). On error returns nullopt and sets `error`.
std::optional<Pairs> parseExtension(QStringView ext, QString *error)
{
    struct Key
    {
        qsizetype start;
        qsizetype eq;
    };
    QList<Key> keys;
    for (qsizetype i = 0; i < ext.size(); ++i) {
        const QChar c = ext[i];
        if (c == u'\\') {
            ++i;
            continue;
        }
        if (c != u'=') {
            continue;
        }
        qsizetype j = i;
        while (j > 0 && isKeyChar(ext[j - 1])) {
            --j;
        }
        if (j == i) {
            continue;
        }
        if (j > 0) {
            if (!ext[j - 1].isSpace()) {
                continue;
            }
            // An escaped space is part of a value, not a separator.
            qsizetype slashes = 0;
            for (qsizetype k = j - 2; k >= 0 && ext[k] == u'\\'; --k) {
                ++slashes;
            }
            if (slashes % 2 == 1) {
                continue;
            }
        }
        keys.append({j, i});
    }
    Pairs pairs;
    if (keys.isEmpty()) {
        if (!ext.trimmed().isEmpty()) {
            *error = u"CEF extension has no key=value pair: \"%1\""_s.arg(oneLine(ext, 64));
            return std::nullopt;
        }
        return pairs;
    }
    if (!ext.first(keys.first().start).trimmed().isEmpty()) {
        *error = u"CEF extension does not start with key=value: \"%1\""_s.arg(
            oneLine(ext.first(keys.first().start), 64));
        return std::nullopt;
    }
    for (qsizetype k = 0; k < keys.size(); ++k) {
        const qsizetype valueStart = keys[k].eq + 1;
        const qsizetype valueEnd = k + 1 < keys.size() ? keys[k + 1].start : ext.size();
        QStringView value = ext.sliced(valueStart, valueEnd - valueStart);
        // Trailing whitespace is the separator; an escaped trailing space would be "\ " and
        // is not a CEF escape, so trimming cannot eat data.
        while (!value.isEmpty() && value.back().isSpace()) {
            value.chop(1);
        }
        pairs.append({ext.sliced(keys[k].start, keys[k].eq - keys[k].start).toString(),
                      unescapeExtensionValue(value)});
    }
    return pairs;
}

QString valueOf(const Pairs &pairs, std::initializer_list<QStringView> keys)
{
    for (const QStringView key : keys) {
        for (const auto &[k, v] : pairs) {
            if (k == key && !v.trimmed().isEmpty()) {
                return v.trimmed();
            }
        }
    }
    return {};
}

// A custom field that has a "<key>Label" companion: cs1…cs6, cn1…cn3, cfp1…cfp4, c6a1…c6a4,
// deviceCustomDate1/2, flexString1/2, flexNumber1/2, flexDate1 (the CEF standard's list).
bool isCustomKey(const QString &key)
{
    static const QStringList prefixes{u"cs"_s,           u"cn"_s,         u"cfp"_s,
                                      u"c6a"_s,          u"deviceCustomDate"_s,
                                      u"flexString"_s,   u"flexNumber"_s, u"flexDate"_s};
    for (const QString &p : prefixes) {
        if (key.size() > p.size() && key.startsWith(p)) {
            bool ok = false;
            key.sliced(p.size()).toInt(&ok);
            if (ok) {
                return true;
            }
        }
    }
    return false;
}

// Lower-case, runs of anything but [a-z0-9._] become one '-'.
QString ruleToken(const QString &text)
{
    QString out;
    bool dash = false;
    for (const QChar c : text.toLower()) {
        const char16_t u = c.unicode();
        if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '.' || u == '_') {
            if (dash && !out.isEmpty()) {
                out += u'-';
            }
            dash = false;
            out += c;
        } else {
            dash = true;
        }
    }
    return out.isEmpty() ? u"unknown"_s : out.left(64);
}

// "Z", "UTC", "GMT", optionally followed by ±hh[:]mm, or ±hh[:]mm alone → seconds east of UTC.
std::optional<int> zoneOffset(QStringView zone)
{
    zone = zone.trimmed();
    for (const QStringView name : {u"UTC", u"GMT", u"Z"}) {
        if (zone.startsWith(name, Qt::CaseInsensitive)) {
            zone = zone.sliced(name.size());
            break;
        }
    }
    if (zone.isEmpty()) {
        return 0;
    }
    if (zone[0] != u'+' && zone[0] != u'-') {
        return std::nullopt;
    }
    const int sign = zone[0] == u'-' ? -1 : 1;
    QString digits = zone.sliced(1).toString();
    digits.remove(u':');
    if (digits.size() != 4 && digits.size() != 2) {
        return std::nullopt;
    }
    bool ok = false;
    const int hh = digits.left(2).toInt(&ok);
    if (!ok) {
        return std::nullopt;
    }
    int mm = 0;
    if (digits.size() == 4) {
        mm = digits.mid(2).toInt(&ok);
        if (!ok) {
            return std::nullopt;
        }
    }
    if (hh > 23 || mm > 59) {
        return std::nullopt;
    }
    return sign * (hh * 3600 + mm * 60);
}

} // namespace

QString CefNormalizer::format() const
{
    return u"cef"_s;
}

qsizetype CefNormalizer::findCef(QStringView text)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype at = text.indexOf(u"CEF:", from);
        if (at < 0) {
            return -1;
        }
        qsizetype i = at + 4;
        while (i < text.size() && text[i] == u' ') {
            ++i;
        }
        const qsizetype digits = i;
        while (i < text.size() && isAsciiDigit(text[i])) {
            ++i;
        }
        if (i > digits && i < text.size() && text[i] == u'|') {
            return at;
        }
        from = at + 4;
    }
}

std::optional<Severity> CefNormalizer::severityFor(QStringView value)
{
    value = value.trimmed();
    bool isNumber = false;
    const int n = value.toInt(&isNumber);
    if (isNumber) {
        if (n < 0 || n > 10) {
            return std::nullopt;
        }
        if (n <= 3) {
            return Severity::Low;
        }
        if (n <= 6) {
            return Severity::Medium;
        }
        if (n <= 8) {
            return Severity::High;
        }
        return Severity::Critical;
    }
    struct Word
    {
        QStringView word;
        Severity severity;
    };
    // The standard's words first, then ones vendors write instead (Imperva "MAJOR").
    static constexpr Word words[] = {
        {u"Unknown", Severity::Info},     {u"Low", Severity::Low},
        {u"Medium", Severity::Medium},    {u"High", Severity::High},
        {u"Very-High", Severity::Critical}, {u"Very High", Severity::Critical},
        {u"Critical", Severity::Critical}, {u"Major", Severity::High},
        {u"Minor", Severity::Low},        {u"Informational", Severity::Info},
        {u"Info", Severity::Info},
    };
    for (const Word &w : words) {
        if (value.compare(w.word, Qt::CaseInsensitive) == 0) {
            return w.severity;
        }
    }
    return std::nullopt;
}

Category CefNormalizer::categoryFor(const QString &name, const QString &cat,
                                    const QString &deviceEventCategory)
{
    // Checked in order over "name cat deviceEventCategory", case-insensitive; first hit wins.
    struct Keyword
    {
        QStringView needle;
        Category category;
    };
    static constexpr Keyword table[] = {
        {u"malware", Category::Malware},      {u"virus", Category::Malware},
        {u"trojan", Category::Malware},       {u"ransomware", Category::Malware},
        {u"spyware", Category::Malware},      {u"worm", Category::Malware},
        {u"backdoor", Category::Malware},     {u"botnet", Category::Malware},
        {u"eicar", Category::Malware},        {u"command and control", Category::Malware},
        {u"riskware", Category::Malware},     {u"grayware", Category::Malware},
        {u"phish", Category::Phishing},       {u"spoof", Category::Phishing},
        {u"ddos", Category::Ddos},            {u"denial of service", Category::Ddos},
        {u"flood", Category::Ddos},           {u"data loss", Category::DataLeak},
        {u"dlp", Category::DataLeak},         {u"exfiltration", Category::DataLeak},
        {u"data leak", Category::DataLeak},   {u"intrusion", Category::Intrusion},
        {u"exploit", Category::Intrusion},    {u"attack", Category::Intrusion},
        {u"injection", Category::Intrusion},  {u"xss", Category::Intrusion},
        {u"cross-site", Category::Intrusion}, {u"brute", Category::Intrusion},
        {u"scan", Category::Intrusion},       {u"waf", Category::Intrusion},
        {u"utm:ips", Category::Intrusion},    {u"failed logon", Category::Intrusion},
        {u"logon failure", Category::Intrusion}, {u"login failed", Category::Intrusion},
        {u"authentication failed", Category::Intrusion},
        {u"unauthorized", Category::Intrusion}, {u"policy", Category::Policy},
        {u"compliance", Category::Policy},    {u"integrity", Category::Policy},
        {u"url filtering", Category::Policy}, {u"outage", Category::Availability},
        {u"unreachable", Category::Availability}, {u"service down", Category::Availability},
    };
    const QString text = name + u' ' + cat + u' ' + deviceEventCategory;
    for (const Keyword &k : table) {
        if (text.contains(k.needle, Qt::CaseInsensitive)) {
            return k.category;
        }
    }
    return Category::Other;
}

std::optional<TimestampMs> CefNormalizer::parseTime(
    QStringView value, TimestampMs reference, bool *hasYear)
{
    const auto setHasYear = [hasYear](bool given) {
        if (hasYear) {
            *hasYear = given;
        }
    };
    value = value.trimmed();
    if (value.isEmpty()) {
        return std::nullopt;
    }
    bool allDigits = true;
    for (const QChar c : value) {
        allDigits = allDigits && isAsciiDigit(c);
    }
    if (allDigits) {
        if (value.size() > 15) {
            return std::nullopt;
        }
        const qint64 n = value.toLongLong();
        setHasYear(true);
        return value.size() >= 12 ? n : n * 1000; // epoch ms, or seconds from some vendors
    }
    if (const auto iso = parseIsoTimestamp(value)) {
        setHasYear(true);
        return iso;
    }
    // MMM dd [yyyy] HH:mm:ss[.SSS][ zone]
    const QList<QStringView> tokens = value.split(u' ', Qt::SkipEmptyParts);
    if (tokens.size() < 3 || monthFromAbbreviation(tokens[0]) == 0) {
        return std::nullopt;
    }
    qsizetype t = 2;
    int year = -1;
    if (tokens[2].size() == 4 && tokens.size() >= 4) {
        bool ok = false;
        year = tokens[2].toInt(&ok);
        if (!ok) {
            return std::nullopt;
        }
        t = 3;
    }
    QStringView time = tokens[t];
    if (time.size() < 8) {
        return std::nullopt;
    }
    qsizetype end = 8;
    if (end < time.size() && time[end] == u'.') {
        ++end;
        while (end < time.size() && isAsciiDigit(time[end])) {
            ++end;
        }
    }
    QString zone = time.sliced(end).toString();
    for (qsizetype k = t + 1; k < tokens.size(); ++k) {
        zone += tokens[k];
    }
    const std::optional<int> offset = zoneOffset(zone);
    if (!offset) {
        return std::nullopt; // a named zone other than UTC/GMT cannot be resolved without tzdata
    }
    const QString bsd = u"%1 %2 %3"_s.arg(tokens[0], tokens[1], time.first(end));
    const std::optional<TimestampMs> local = parseBsdTimestamp(bsd, reference);
    if (!local) {
        return std::nullopt;
    }
    TimestampMs ms = *local;
    if (year > 0) {
        const QDateTime dt = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
        const QDate date(year, dt.date().month(), dt.date().day());
        if (!date.isValid()) {
            return std::nullopt;
        }
        ms = QDateTime(date, dt.time(), QTimeZone::utc()).toMSecsSinceEpoch();
    }
    setHasYear(year > 0);
    return ms - qint64(*offset) * 1000;
}

NormalizeResult CefNormalizer::normalize(const QByteArray &record, const NormalizeContext &ctx) const
{
    qsizetype bad = 0;
    const std::optional<QString> decoded = decodeTextRecord(record, &bad);
    if (!decoded) {
        return reject(ctx, u"CEF record is not valid UTF-8 (byte %1)"_s.arg(bad), record);
    }
    const QString &text = *decoded;
    const qsizetype at = findCef(text);
    if (at < 0) {
        return reject(ctx, u"no CEF header (\"CEF:<version>|\") in the record"_s, record);
    }
    Envelope envelope;
    if (text.startsWith(u'<')) {
        auto parsed = SyslogNormalizer::parse(text, ctx.received);
        if (const QString *error = std::get_if<QString>(&parsed)) {
            return reject(ctx, u"syslog header before CEF: %1"_s.arg(*error), record);
        }
        const auto &m = std::get<SyslogNormalizer::Message>(parsed);
        envelope = Envelope { m.ts, m.ts && m.tsHasYear, m.host };
    } else if (at > 0) {
        // "Mmm dd hh:mm:ss host CEF:…" (a syslog header without PRI) or an ISO time; any other
        // prefix ("ASM:", a wrapper's text) only stays in the raw record.
        QStringView prefix = QStringView(text).first(at);
        qsizetype used = 0;
        if (const auto bsd = parseBsdTimestamp(prefix, ctx.received, &used)) {
            envelope.ts = bsd;
            prefix = prefix.sliced(used).trimmed();
        } else if (const auto iso = parseIsoTimestamp(prefix.first(std::max<qsizetype>(
                       0, prefix.indexOf(u' '))))) {
            envelope.ts = iso;
            envelope.tsHasYear = true;
            prefix = prefix.sliced(prefix.indexOf(u' ')).trimmed();
        }
        if (envelope.ts) {
            const QList<QStringView> words = prefix.split(u' ', Qt::SkipEmptyParts);
            if (words.size() == 1) {
                envelope.host = words[0].toString();
            }
        }
    }
    QStringView cef = QStringView(text).sliced(at);
    // A record wrapped in quotes ("CEF:…") loses the closing quote with the opening one.
    if (at > 0 && text[at - 1] == u'"' && cef.endsWith(u'"')) {
        cef.chop(1);
    }
    return normalizeCef(record, cef, envelope, ctx);
}

NormalizeResult CefNormalizer::normalizeCef(const QByteArray &raw, QStringView cef,
                                            const Envelope &envelope,
                                            const NormalizeContext &ctx) const
{
    qsizetype trailing = 0;
    while (trailing < cef.size() && cef[cef.size() - 1 - trailing] == u'\\') {
        ++trailing;
    }
    if (trailing % 2 == 1) {
        return reject(ctx, u"broken CEF escape: the record ends with a lone backslash"_s, raw);
    }
    // "CEF:" [spaces] version "|"
    qsizetype pos = 4;
    while (pos < cef.size() && cef[pos] == u' ') {
        ++pos;
    }
    QStringList fields;
    pos = readHeaderFields(cef, pos, kHeaderFields, &fields);
    if (fields.size() < kHeaderFields) {
        return reject(ctx,
                      u"CEF header has %1 of the 7 '|' separators "
                      "(Version|Vendor|Product|Version|Signature ID|Name|Severity|)"_s
                          .arg(fields.size()),
                      raw);
    }
    QStringView ext = cef.sliced(pos);
    // Check Point Log Exporter writes an extra empty field after the version
    // ("CEF:0||Check Point|…"): the severity then sits one field later. Shift when that is so.
    if (fields[1].isEmpty() && !severityFor(fields[6])) {
        QStringList extra;
        const qsizetype next = readHeaderFields(ext, 0, 1, &extra);
        if (extra.size() == 1 && !extra[0].contains(u'=') && severityFor(extra[0])) {
            fields.removeAt(1);
            fields.append(extra[0]);
            ext = ext.sliced(next);
        }
    }
    bool versionOk = false;
    fields[0].trimmed().toInt(&versionOk);
    if (!versionOk) {
        return reject(ctx, u"CEF version \"%1\" is not a number"_s.arg(fields[0].left(16)), raw);
    }
    QString error;
    const std::optional<Pairs> pairs = parseExtension(ext, &error);
    if (!pairs) {
        return reject(ctx, error, raw);
    }

    const QString vendor = oneLine(fields[1], 128);
    const QString product = oneLine(fields[2], 128);
    const QString deviceVersion = oneLine(fields[3], 128);
    const QString signature = oneLine(fields[4], 128);
    const QString name = oneLine(fields[5], 512);
    const QString severityText = oneLine(fields[6], 32);

    Alert a;
    a.received = ctx.received;
    a.feed = ctx.feed;
    a.source = u"cef"_s;
    a.raw = raw;
    a.fingerprint = fingerprintOf(u"cef", raw.trimmed());
    a.rule = u"cef:%1/%2:%3"_s.arg(ruleToken(vendor), ruleToken(product),
                                   signature.isEmpty() ? ruleToken(name) : signature);
    a.title = name.isEmpty() ? u"CEF event %1"_s.arg(signature) : name;
    const std::optional<Severity> severity = severityFor(severityText);
    a.severity = severity.value_or(Severity::Info);

    const Pairs &p = *pairs;
    a.srcIp = valueOf(p, {u"src", u"sourceAddress"});
    a.dstIp = valueOf(p, {u"dst", u"destinationAddress"});
    a.entity = valueOf(p, {u"duser", u"destinationUserName", u"suser", u"sourceUserName",
                           u"dhost", u"destinationHostName", u"dst", u"destinationAddress",
                           u"dvchost", u"deviceHostName"});
    if (a.entity.isEmpty()) {
        a.entity = envelope.host;
    }
    const QString cat = valueOf(p, {u"cat", u"deviceEventCategory"});
    a.category = categoryFor(name, cat, QString());

    std::optional<TimestampMs> ts;
    bool tsHasYear = false;
    for (const QStringView key : {u"rt", u"deviceReceiptTime", u"end", u"endTime", u"start",
                                  u"startTime"}) {
        const QString v = valueOf(p, {key});
        if (!v.isEmpty() && (ts = parseTime(v, ctx.received, &tsHasYear))) {
            break;
        }
    }
    a.ts = ts ? *ts : envelope.ts.value_or(ctx.received);
    // The fingerprint is over the whole line, so it covers a time read from the line with its
    // year; a yearless time takes its year from when the line was read, and no time is that
    // moment itself (docs/normalisation.md).
    a.fingerprintCoversTime = ts ? tsHasYear : envelope.ts && envelope.tsHasYear;

    // Message: msg first, then every other pair in order, custom fields under their labels.
    QHash<QString, QString> labels;
    for (const auto &[k, v] : p) {
        if (k.endsWith(u"Label"_s) && isCustomKey(k.chopped(5))) {
            labels.insert(k.chopped(5), v);
        }
    }
    QStringList parts;
    const QString msg = valueOf(p, {u"msg", u"message"});
    if (!msg.isEmpty()) {
        parts << msg;
    }
    QStringList fieldsText;
    for (const auto &[k, v] : p) {
        if (k == u"msg"_s || k == u"message"_s
            || (k.endsWith(u"Label"_s) && isCustomKey(k.chopped(5)))) {
            continue;
        }
        const QString label = labels.value(k);
        fieldsText << u"%1=%2"_s.arg(label.isEmpty() ? k : label, v);
    }
    if (!fieldsText.isEmpty()) {
        parts << fieldsText.join(u", "_s);
    }
    QString device = QStringList{vendor, product, deviceVersion}.join(u' ').simplified();
    if (!device.isEmpty()) {
        parts << u"device: %1"_s.arg(device);
    }
    if (!severity) {
        parts << u"CEF severity \"%1\" is not on the CEF scale; shown as info"_s.arg(severityText);
    }
    a.message = parts.join(u" · "_s);
    return a;
}

} // namespace Lakeguard::Core
