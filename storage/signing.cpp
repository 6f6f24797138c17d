// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "signing.h"

#include "testhooks.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

struct PkeyDeleter
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct BioDeleter
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

// The most recent OpenSSL error as text (and clears the queue).
QString opensslError()
{
    const unsigned long e = ERR_get_error();
    ERR_clear_error();
    if (e == 0) {
        return Tr::tr("unknown OpenSSL error");
    }
    char buf[256] = {};
    ERR_error_string_n(e, buf, sizeof buf);
    return QString::fromLatin1(buf);
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return n > 0 ? QByteArray(data, n) : QByteArray();
}

QString posixError(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

bool writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        done += n;
    }
    return true;
}

} // namespace

struct Ed25519Key::Private
{
    std::unique_ptr<EVP_PKEY, PkeyDeleter> pkey;
    bool hasPrivate = false;
};

Ed25519Key::Ed25519Key(std::shared_ptr<Private> dd)
    : d(std::move(dd))
{}
Ed25519Key::~Ed25519Key() = default;
Ed25519Key::Ed25519Key(const Ed25519Key &) = default;
Ed25519Key &Ed25519Key::operator=(const Ed25519Key &) = default;

Result<Ed25519Key> Ed25519Key::generate()
{
    EVP_PKEY *raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!raw) {
        return Result<Ed25519Key>::failure(
            Tr::tr("cannot generate an Ed25519 key: %1").arg(opensslError()));
    }
    auto p = std::make_shared<Private>();
    p->pkey.reset(raw);
    p->hasPrivate = true;
    return Ed25519Key(std::move(p));
}

Result<Ed25519Key> Ed25519Key::fromPem(const QByteArray &pem)
{
    using R = Result<Ed25519Key>;
    const bool isPrivate = pem.contains("PRIVATE KEY-----");
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    if (!bio) {
        return R::failure(opensslError());
    }
    EVP_PKEY *raw = isPrivate ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                              : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (!raw) {
        return R::failure(Tr::tr("not a PEM key: %1").arg(opensslError()));
    }
    auto p = std::make_shared<Private>();
    p->pkey.reset(raw);
    p->hasPrivate = isPrivate;
    if (EVP_PKEY_get_base_id(raw) != EVP_PKEY_ED25519) {
        return R::failure(Tr::tr("the key is not an Ed25519 key"));
    }
    return Ed25519Key(std::move(p));
}

Result<Ed25519Key> Ed25519Key::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return Result<Ed25519Key>::failure(Tr::tr("%1: %2").arg(path, f.errorString()));
    }
    auto key = fromPem(f.readAll());
    if (!key) {
        return Result<Ed25519Key>::failure(Tr::tr("%1: %2").arg(path, key.error()));
    }
    return key;
}

Status Ed25519Key::savePrivate(const QString &path) const
{
    if (!hasPrivateKey()) {
        return Status::failure(Tr::tr("no private key to save"));
    }
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio
        || !PEM_write_bio_PrivateKey(bio.get(), d->pkey.get(), nullptr, nullptr, 0, nullptr,
                                     nullptr)) {
        return Status::failure(opensslError());
    }
    const QByteArray pem = bioContents(bio.get());
    const QByteArray target = QFile::encodeName(path);
    const QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    // The key is written whole to a file that has no name yet (O_TMPFILE), then linked into
    // place: a process killed while writing leaves nothing behind, never a half-written key.
    // File systems without O_TMPFILE get a named temporary (mkstemp) that is unlinked after; a
    // kill there can leave a partial ".signing-key-XXXXXX" beside the store, never at `path`.
    // Either file is 0600 from its first byte; fchmod makes it exact whatever the umask.
    QByteArray tmpl;
    int fd = ::open(folder.constData(), O_TMPFILE | O_WRONLY | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        tmpl = folder + "/.signing-key-XXXXXX";
        fd = ::mkstemp(tmpl.data());
    }
    if (fd < 0) {
        return Status::failure(Tr::tr("cannot create %1: %2").arg(path, posixError(errno)));
    }
    auto cleanup = [&](int err) {
        ::close(fd);
        if (!tmpl.isEmpty()) {
            ::unlink(tmpl.constData());
        }
        return Status::failure(Tr::tr("cannot write %1: %2").arg(path, posixError(err)));
    };
    const qsizetype half = pem.size() / 2;
    if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0 || !writeAll(fd, pem.first(half))) {
        return cleanup(errno);
    }
    testPausePoint("key-write");
    if (!writeAll(fd, pem.sliced(half)) || ::fsync(fd) != 0) {
        return cleanup(errno);
    }
    // link() fails when the target exists: never overwrite a key another process just made.
    const QByteArray source = tmpl.isEmpty() ? "/proc/self/fd/" + QByteArray::number(fd) : tmpl;
    const int linked = tmpl.isEmpty()
        ? ::linkat(AT_FDCWD, source.constData(), AT_FDCWD, target.constData(), AT_SYMLINK_FOLLOW)
        : ::link(source.constData(), target.constData());
    const int err = linked == 0 ? 0 : errno;
    ::close(fd);
    if (!tmpl.isEmpty()) {
        ::unlink(tmpl.constData());
    }
    if (linked != 0) {
        return Status::failure(err == EEXIST
                ? Tr::tr("%1 already exists").arg(path)
                : Tr::tr("cannot write %1: %2").arg(path, posixError(err)));
    }
    // The new name is durable only once the folder is synced.
    if (const int dfd = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return Ok{};
}

Status Ed25519Key::savePublic(const QString &path) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return Status::failure(Tr::tr("%1: %2").arg(path, f.errorString()));
    }
    f.write(publicKeyPem());
    if (!f.commit()) {
        return Status::failure(Tr::tr("%1: %2").arg(path, f.errorString()));
    }
    return Ok{};
}

bool Ed25519Key::hasPrivateKey() const
{
    return d && d->hasPrivate;
}

QByteArray Ed25519Key::publicKeyPem() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || !PEM_write_bio_PUBKEY(bio.get(), d->pkey.get())) {
        ERR_clear_error();
        return {};
    }
    return bioContents(bio.get());
}

QByteArray Ed25519Key::rawPublicKey() const
{
    size_t len = 0;
    if (EVP_PKEY_get_raw_public_key(d->pkey.get(), nullptr, &len) != 1) {
        ERR_clear_error();
        return {};
    }
    QByteArray out(qsizetype(len), '\0');
    if (EVP_PKEY_get_raw_public_key(d->pkey.get(), reinterpret_cast<unsigned char *>(out.data()),
                                    &len)
        != 1) {
        ERR_clear_error();
        return {};
    }
    return out;
}

QString Ed25519Key::keyId() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(rawPublicKey(), QCryptographicHash::Sha256).toHex());
}

Result<QByteArray> Ed25519Key::sign(const QByteArray &message) const
{
    using R = Result<QByteArray>;
    if (!hasPrivateKey()) {
        return R::failure(Tr::tr("cannot sign with a public key"));
    }
    MdCtxPtr ctx(EVP_MD_CTX_new());
    // Ed25519 signs the message itself: no digest (NULL md), one-shot EVP_DigestSign.
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, d->pkey.get()) != 1) {
        return R::failure(opensslError());
    }
    size_t len = 0;
    const auto *msg = reinterpret_cast<const unsigned char *>(message.constData());
    if (EVP_DigestSign(ctx.get(), nullptr, &len, msg, size_t(message.size())) != 1) {
        return R::failure(opensslError());
    }
    QByteArray sig(qsizetype(len), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &len, msg,
                       size_t(message.size()))
        != 1) {
        return R::failure(opensslError());
    }
    sig.resize(qsizetype(len));
    return sig;
}

bool Ed25519Key::verify(const QByteArray &message, const QByteArray &signature) const
{
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, d->pkey.get()) != 1) {
        ERR_clear_error();
        return false;
    }
    const int rc = EVP_DigestVerify(
        ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
        size_t(signature.size()), reinterpret_cast<const unsigned char *>(message.constData()),
        size_t(message.size()));
    ERR_clear_error();
    return rc == 1;
}

void releaseThreadCrypto()
{
    OPENSSL_thread_stop();
}

QByteArray sha256(std::initializer_list<QByteArrayView> parts)
{
    // Fetched once (an implicit fetch per call costs more than hashing a leaf); one context per
    // thread, reused.
    static EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    thread_local const MdCtxPtr ctx(EVP_MD_CTX_new());
    QByteArray out(32, '\0');
    unsigned int len = 0;
    bool ok = md && ctx && EVP_DigestInit_ex2(ctx.get(), md, nullptr) == 1;
    for (const QByteArrayView part : parts) {
        ok = ok && EVP_DigestUpdate(ctx.get(), part.data(), size_t(part.size())) == 1;
    }
    ok = ok && EVP_DigestFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &len) == 1;
    if (!ok || len != 32) {
        // Cannot happen with a working libcrypto; fall back rather than return a wrong hash.
        ERR_clear_error();
        QCryptographicHash h(QCryptographicHash::Sha256);
        for (const QByteArrayView part : parts) {
            h.addData(part);
        }
        return h.result();
    }
    return out;
}

} // namespace Lakeguard::Storage
