// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// An evidence pack's manifest.json, manifest.sig and the files they name, as verify-pack reads
// them (Evidence::checkPackFiles, evidence/packcheck.cpp), from memory instead of a folder.
//
// Input: the bytes of manifest.json, then any number of sections "\0\0\0NAME\0CONTENT", each one
// more file of the pack (manifest.sig, signing-pub.pem, alerts.jsonl, …). scripts/fuzz.sh
// writes seeds in this shape from a real pack (scripts/fuzz-pack-seeds.sh).

#include "packverifier.h"

#include <QHash>

#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

constexpr QByteArrayView kMarker("\0\0\0", 3);

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    QHash<QString, QByteArray> files;
    QStringList entries;
    qsizetype pos = input.indexOf(kMarker);
    files.insert(u"manifest.json"_s, input.first(pos < 0 ? input.size() : pos).toByteArray());
    entries << u"manifest.json"_s;
    while (pos >= 0) {
        const qsizetype nameStart = pos + kMarker.size();
        const qsizetype nameEnd = input.indexOf('\0', nameStart);
        if (nameEnd < 0) {
            break;
        }
        const qsizetype next = input.indexOf(kMarker, nameEnd + 1);
        const QString name = QString::fromUtf8(input.sliced(nameStart, nameEnd - nameStart));
        const qsizetype end = next < 0 ? input.size() : next;
        if (!files.contains(name)) {
            entries << name;
        }
        files.insert(name, input.sliced(nameEnd + 1, end - nameEnd - 1).toByteArray());
        pos = next;
    }
    const Evidence::PackReport report = Evidence::checkPackFiles(entries,
        [&files](const QString &name) -> std::optional<QByteArray> {
            const auto it = files.constFind(name);
            if (it == files.cend()) {
                return std::nullopt;
            }
            return *it;
        },
        {});
    // A pack is intact exactly when no problem was found; problems are capped.
    if (report.ok != report.problems.isEmpty() || report.problems.size() > 200) {
        std::abort();
    }
    // An intact pack has a complete, signed checkpoint and its manifest and signature.
    if (report.ok
        && (report.checkpoint.treeSize <= 0 || report.checkpoint.root.size() != 32
            || !files.contains(u"manifest.sig"_s) || report.keyId.isEmpty())) {
        std::abort();
    }
    return 0;
}
