// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariantList>

#include <optional>

namespace Lakeguard::Storage {

// What a leaf of the store's Merkle tree stands for (the `leaves.kind` column).
// Numbers are stored: never reuse or renumber one.
enum class LeafKind : int {
    Alert = 1,
    ChainObservation = 2,
    AlertEvent = 3,
    IncidentAudit = 4,
    Prune = 5,
};

// The canonical, versioned encoding of a stored record (docs/tamper-evidence.md): version byte,
// kind byte, then every immutable column in a fixed order, each as a type tag and its bytes
// (integers 8-byte big-endian, text UTF-8 and blobs with a 4-byte big-endian length, NULL as the
// tag alone). Mutable columns (an alert's incident) are left out on purpose.
namespace LeafEncoding {

constexpr char kVersion = 0x01;

// Every kind, in number order (verify walks them all).
QList<LeafKind> allKinds();

// The table and the SELECT list (canonical order) of a kind; the first column is the row id.
QString table(LeafKind kind);
QString columns(LeafKind kind);
int columnCount(LeafKind kind);
// "alert", "chain observation": how verify names a record.
QString recordName(LeafKind kind);

// `values` in columns() order, as bound on insert or read back on verification.
QByteArray encode(LeafKind kind, const QVariantList &values);

// The inverse of encode(): the kind and the values (qint64, QString, QByteArray, or a null
// QVariant). nullopt when the bytes are not a well-formed encoding of a known kind (wrong
// version, a type that does not match the kind's layout, trailing bytes).
struct Decoded
{
    LeafKind kind = LeafKind::Alert;
    QVariantList values;
};
std::optional<Decoded> decode(const QByteArray &encoding);
// The same bytes as encode(), built field by field without QVariant (the writer's hot path).
// The caller adds every column of the kind, in columns() order, with the matching type.
class Encoder final
{
public:
    // Starts a new record; the buffer's capacity is kept between records.
    void start(LeafKind kind);
    void addInt(qint64 v);
    void addText(QByteArrayView utf8);
    void addBlob(QByteArrayView bytes);
    void addNull();
    const QByteArray &bytes() const { return m_out; }

private:
    QByteArray m_out;
};

} // namespace LeafEncoding

} // namespace Lakeguard::Storage
