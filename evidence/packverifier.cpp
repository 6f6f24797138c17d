// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "packverifier.h"

#include "packzip.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace Lakeguard::Evidence {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

std::optional<QByteArray> readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    return f.readAll();
}

Storage::Result<PackReport> verifyFolder(const QString &folder, const QString &expectedKeyId)
{
    const QDir dir(folder);
    if (!dir.exists()) {
        return Storage::Result<PackReport>::failure(
            Tr::tr("%1: no such folder or zip file").arg(folder));
    }
    return checkPackFiles(
        dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name),
        [&dir](const QString &name) { return readAll(dir.filePath(name)); }, expectedKeyId);
}

} // namespace

Storage::Result<PackReport> verifyPack(const QString &path, const QString &expectedKeyId)
{
    const QFileInfo info(path);
    if (info.isFile()) {
        QTemporaryDir tmp;
        if (!tmp.isValid()) {
            return Storage::Result<PackReport>::failure(tmp.errorString());
        }
        bool opened = false;
        if (const auto s = extractZip(path, tmp.path(), &opened); !s) {
            if (!opened) {
                return Storage::Result<PackReport>::failure(s.error());
            }
            // A zip that opens but holds a damaged or foreign entry is a pack that fails.
            PackReport damaged;
            damaged.problems << s.error();
            return damaged;
        }
        return verifyFolder(tmp.path(), expectedKeyId);
    }
    return verifyFolder(path, expectedKeyId);
}

} // namespace Lakeguard::Evidence
