// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "leafencoding.h"

#include <QStringEncoder>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage::LeafEncoding {

namespace {

enum class Field : char { Null = 0x00, Integer = 0x01, Text = 0x02, Blob = 0x03 };

// One row per kind. `layout` gives the column types in canonical order (the order of `columns`):
// I integer, T text, B blob; a lowercase letter is a nullable column.
struct KindInfo
{
    LeafKind kind;
    const char *table;
    const char *columns;
    const char *layout;
    const char *name;
};

constexpr KindInfo kKinds[] = {
    {LeafKind::Alert, "alerts",
     "id, ts, received, feed, source, severity, category, rule, title, message, entity,"
     " src_ip, dst_ip, fingerprint, raw",
     "IIITTITTTTTttBB", "alert"},
    {LeafKind::ChainObservation, "chain_history",
     "id, observed, chain, node, height, lag, latency_ms", "IITTIII", "chain observation"},
    {LeafKind::AlertEvent, "alert_events",
     "id, alert_id, ts, received, feed, state, message, raw", "IIIITTTB", "alert event"},
    {LeafKind::IncidentAudit, "incident_audit",
     "id, incident, ts, actor, action, old_value, new_value, reason", "IiITTTTT", "audit entry"},
    {LeafKind::Prune, "prunes", "id, ts, reason, ranges, tree_size", "IITTI", "prune record"},
};

const KindInfo &info(LeafKind kind)
{
    for (const KindInfo &k : kKinds) {
        if (k.kind == kind) {
            return k;
        }
    }
    Q_ASSERT_X(false, "LeafEncoding", "unknown leaf kind");
    return kKinds[0];
}

const char *layout(LeafKind kind)
{
    return info(kind).layout;
}

void appendInt(QByteArray &out, qint64 v)
{
    char buf[8];
    qToBigEndian(v, buf);
    out.append(buf, 8);
}

void appendLength(QByteArray &out, Field tag, qsizetype length)
{
    out.append(char(tag));
    char len[4];
    qToBigEndian(quint32(length), len);
    out.append(len, 4);
}

void appendBytes(QByteArray &out, Field tag, const QByteArray &bytes)
{
    appendLength(out, tag, bytes.size());
    out.append(bytes);
}

// UTF-8 straight into the output (no temporary per field: this runs once per stored record).
void appendText(QByteArray &out, const QVariant &v)
{
    if (v.metaType() != QMetaType::fromType<QString>()) {
        appendBytes(out, Field::Text, v.toString().toUtf8());
        return;
    }
    const QString &s = *static_cast<const QString *>(v.constData());
    QStringEncoder utf8(QStringEncoder::Utf8, QStringConverter::Flag::Stateless);
    const qsizetype at = out.size();
    out.resize(at + 5 + utf8.requiredSpace(s.size()));
    char *head = out.data() + at;
    char *end = utf8.appendToBuffer(head + 5, s);
    const qsizetype length = end - (head + 5);
    head[0] = char(Field::Text);
    qToBigEndian(quint32(length), head + 1);
    out.resize(at + 5 + length);
}

} // namespace

QList<LeafKind> allKinds()
{
    QList<LeafKind> kinds;
    for (const KindInfo &k : kKinds) {
        kinds.append(k.kind);
    }
    return kinds;
}

QString table(LeafKind kind)
{
    return QString::fromLatin1(info(kind).table);
}

QString columns(LeafKind kind)
{
    return QString::fromLatin1(info(kind).columns);
}

int columnCount(LeafKind kind)
{
    return int(qstrlen(layout(kind)));
}

QString recordName(LeafKind kind)
{
    return QString::fromLatin1(info(kind).name);
}

QByteArray encode(LeafKind kind, const QVariantList &values)
{
    const char *types = layout(kind);
    QByteArray out;
    out.reserve(256);
    out.append(kVersion);
    out.append(char(kind));
    for (qsizetype i = 0; types[i] != '\0'; ++i) {
        const QVariant v = values.value(i);
        const char t = types[i];
        if ((t == 't' || t == 'i' || t == 'b') && v.isNull()) {
            out.append(char(Field::Null));
            continue;
        }
        switch (t) {
        case 'I':
        case 'i':
            out.append(char(Field::Integer));
            appendInt(out, v.toLongLong());
            break;
        case 'T':
        case 't':
            appendText(out, v);
            break;
        default:
            appendBytes(out, Field::Blob, v.toByteArray());
            break;
        }
    }
    return out;
}

std::optional<Decoded> decode(const QByteArray &encoding)
{
    if (encoding.size() < 2 || encoding.at(0) != kVersion) {
        return std::nullopt;
    }
    const int kindValue = static_cast<unsigned char>(encoding.at(1));
    const KindInfo *found = nullptr;
    for (const KindInfo &k : kKinds) {
        if (int(k.kind) == kindValue) {
            found = &k;
        }
    }
    if (!found) {
        return std::nullopt;
    }
    Decoded d;
    d.kind = found->kind;
    qsizetype at = 2;
    const qsizetype size = encoding.size();
    const char *bytes = encoding.constData();
    for (const char *t = found->layout; *t != '\0'; ++t) {
        if (at >= size) {
            return std::nullopt;
        }
        const auto tag = Field(bytes[at++]);
        const bool nullable = (*t == 't' || *t == 'i' || *t == 'b');
        if (tag == Field::Null) {
            if (!nullable) {
                return std::nullopt;
            }
            d.values.append(QVariant());
            continue;
        }
        const char want = char(QChar::toUpper(uint(*t)));
        if (want == 'I') {
            if (tag != Field::Integer || size - at < 8) {
                return std::nullopt;
            }
            d.values.append(QVariant::fromValue(qFromBigEndian<qint64>(bytes + at)));
            at += 8;
            continue;
        }
        if ((want == 'T' && tag != Field::Text) || (want == 'B' && tag != Field::Blob)
            || size - at < 4) {
            return std::nullopt;
        }
        const quint32 length = qFromBigEndian<quint32>(bytes + at);
        at += 4;
        if (quint64(size - at) < length) {
            return std::nullopt;
        }
        const QByteArray part(bytes + at, qsizetype(length));
        at += length;
        if (want == 'T') {
            d.values.append(QString::fromUtf8(part));
        } else {
            d.values.append(part);
        }
    }
    if (at != size) {
        return std::nullopt;
    }
    return d;
}

void Encoder::start(LeafKind kind)
{
    m_out.resize(0); // keeps the allocation
    m_out.append(kVersion);
    m_out.append(char(kind));
}

void Encoder::addInt(qint64 v)
{
    m_out.append(char(Field::Integer));
    appendInt(m_out, v);
}

void Encoder::addText(QByteArrayView utf8)
{
    appendLength(m_out, Field::Text, utf8.size());
    if (!utf8.isEmpty()) {
        m_out.append(utf8.data(), utf8.size());
    }
}

void Encoder::addBlob(QByteArrayView bytes)
{
    appendLength(m_out, Field::Blob, bytes.size());
    if (!bytes.isEmpty()) {
        m_out.append(bytes.data(), bytes.size());
    }
}

void Encoder::addNull()
{
    m_out.append(char(Field::Null));
}

} // namespace Lakeguard::Storage::LeafEncoding
