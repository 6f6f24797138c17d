// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "packzip.h"

#include <QDir>
#include <QFile>

#include <zip.h>

using namespace Qt::StringLiterals;

namespace Lakeguard::Evidence {

namespace {

constexpr qint64 kMaxEntry = qint64(4) << 30; // a pack file larger than 4 GiB is not ours

QString zipError(zip_t *z)
{
    return QString::fromUtf8(zip_strerror(z));
}

} // namespace

Storage::Status writeZip(const QString &folder, const QString &zipFile)
{
    int code = 0;
    zip_t *z = zip_open(QFile::encodeName(zipFile).constData(), ZIP_CREATE | ZIP_EXCL, &code);
    if (!z) {
        zip_error_t e;
        zip_error_init_with_code(&e, code);
        const QString text = QString::fromUtf8(zip_error_strerror(&e));
        zip_error_fini(&e);
        return Storage::Status::failure(u"%1: %2"_s.arg(zipFile, text));
    }
    const QDir dir(folder);
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
        zip_source_t *src
            = zip_source_file(z, QFile::encodeName(dir.filePath(name)).constData(), 0, -1);
        if (!src || zip_file_add(z, name.toUtf8().constData(), src, ZIP_FL_ENC_UTF_8) < 0) {
            const QString text = zipError(z);
            if (src) {
                zip_source_free(src);
            }
            zip_discard(z);
            QFile::remove(zipFile);
            return Storage::Status::failure(u"%1: %2: %3"_s.arg(zipFile, name, text));
        }
    }
    if (zip_close(z) != 0) {
        const QString text = zipError(z);
        zip_discard(z);
        QFile::remove(zipFile);
        return Storage::Status::failure(u"%1: %2"_s.arg(zipFile, text));
    }
    return Storage::Ok {};
}

Storage::Status extractZip(const QString &zipFile, const QString &folder, bool *opened)
{
    int code = 0;
    zip_t *z = zip_open(QFile::encodeName(zipFile).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (opened) {
        *opened = z != nullptr;
    }
    if (!z) {
        return Storage::Status::failure(u"%1: not a readable zip file"_s.arg(zipFile));
    }
    const QDir dir(folder);
    const zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(z, zip_uint64_t(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) {
            zip_discard(z);
            return Storage::Status::failure(u"%1: entry %2 is damaged"_s.arg(zipFile).arg(i));
        }
        const QString name = QString::fromUtf8(st.name);
        if (name.isEmpty() || name.contains(u'/') || name.contains(u'\\') || name == u".."_s
            || name == u"."_s || ((st.valid & ZIP_STAT_SIZE) && qint64(st.size) > kMaxEntry)) {
            zip_discard(z);
            return Storage::Status::failure(
                u"%1: unexpected entry \"%2\" (a pack holds plain files only)"_s.arg(
                    zipFile, name));
        }
        zip_file_t *f = zip_fopen_index(z, zip_uint64_t(i), 0);
        QFile target(dir.filePath(name));
        if (!f || !target.open(QIODevice::NewOnly)) {
            if (f) {
                zip_fclose(f);
            }
            zip_discard(z);
            return Storage::Status::failure(u"%1: cannot extract \"%2\""_s.arg(zipFile, name));
        }
        char buf[65536];
        zip_int64_t got = 0;
        bool ok = true;
        while ((got = zip_fread(f, buf, sizeof buf)) > 0) {
            ok = ok && target.write(buf, got) == got;
        }
        zip_fclose(f);
        if (got < 0 || !ok) {
            zip_discard(z);
            return Storage::Status::failure(u"%1: \"%2\" is damaged"_s.arg(zipFile, name));
        }
    }
    zip_discard(z);
    return Storage::Ok {};
}

} // namespace Lakeguard::Evidence
