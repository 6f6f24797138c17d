// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Mapped JSON lines: the input is a "map" object (a feed's FEEDS.json entry), a newline, then
// records. The map is parsed with FieldMap::parse; when valid, every record goes through a
// JsonlNormalizer with it, and every pointer is resolved against every record.

#include "fieldmap.h"
#include "jsonlnormalizer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nl = input.indexOf('\n');
    const QByteArray head = nl < 0 ? input : input.left(nl);
    const QJsonDocument doc = QJsonDocument::fromJson(head);
    FieldMap map;
    if (doc.isObject()) {
        const QJsonObject object = doc.object();
        QString error;
        if (auto parsed = FieldMap::parse(object, &error)) {
            map = *parsed;
        }
        for (auto it = object.begin(); it != object.end(); ++it) {
            (void)isValidJsonPointer(it.key());
            (void)resolveJsonPointer(object, it.key());
        }
    }
    if (nl < 0) {
        return 0;
    }
    const JsonlNormalizer normalizer(map);
    const NormalizeContext ctx { u"fuzz"_s, 1'700'000'000'000 };
    const QList<QByteArray> records = input.mid(nl + 1).split('\n');
    for (const QByteArray &record : records) {
        (void)normalizer.normalize(record, ctx);
        const QJsonDocument r = QJsonDocument::fromJson(record);
        for (const QString &pointer : std::as_const(map.pointers)) {
            (void)resolveJsonPointer(
                r.isArray() ? QJsonValue(r.array()) : QJsonValue(r.object()), pointer);
        }
    }
    return 0;
}
