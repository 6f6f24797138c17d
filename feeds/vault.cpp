// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <array>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

// File layout (all integers big-endian; docs/vault.md):
//   "LGVAULT\0" | u16 version = 1 | u8 kdf = 1 (scrypt) | u8 log2(N) | u32 r | u32 p | salt[16]
//   | u32 count | count × ( u16 name length | name (UTF-8) | nonce[12] | u32 length | ciphertext
//   | tag[16] ) | nonce[12] | tag[16]
// Each entry is AES-256-GCM under the entry key with associated data "entry\0" | version | name,
// so a ciphertext cannot be moved to another name or format. The last 28 bytes are AES-256-GCM
// over an empty plaintext (GMAC) under the file key with every byte before them as associated
// data: a changed, added, removed or reordered byte anywhere is detected. scrypt yields 64 bytes:
// the entry key, then the file key.

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

template<typename T>
using R = Storage::Result<T>;
using Storage::Ok;
using Storage::Status;

constexpr char kMagic[8] = { 'L', 'G', 'V', 'A', 'U', 'L', 'T', '\0' };
constexpr quint16 kVersion = 1;
constexpr quint8 kKdfScrypt = 1;
constexpr int kSaltBytes = 16;
constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;
constexpr int kKeyBytes = 32;
constexpr qsizetype kHeaderBytes = 8 + 2 + 1 + 1 + 4 + 4 + kSaltBytes + 4;
constexpr quint32 kMaxEntries = 10'000;
constexpr quint32 kMaxSecretBytes = 1024 * 1024;
constexpr qint64 kMaxFileBytes = 64LL * 1024 * 1024;
constexpr int kMinLog2N = 15;
constexpr int kMaxLog2N = 22;
constexpr quint64 kMaxKdfMemory = 256ULL * 1024 * 1024;

struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX *c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

// A key that wipes itself.
struct KeyBytes
{
    std::array<unsigned char, 2 * kKeyBytes> bytes {};
    KeyBytes() = default;
    KeyBytes(const KeyBytes &) = delete;
    KeyBytes &operator=(const KeyBytes &) = delete;
    ~KeyBytes() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
    const unsigned char *entryKey() const { return bytes.data(); }
    const unsigned char *fileKey() const { return bytes.data() + kKeyBytes; }
};

struct Entry
{
    QByteArray nonce;
    QByteArray ciphertext;
    QByteArray tag;
};

void appendU16(QByteArray &out, quint16 v)
{
    out.append(char(v >> 8)).append(char(v & 0xff));
}

void appendU32(QByteArray &out, quint32 v)
{
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.append(char((v >> shift) & 0xff));
    }
}

// Reads the file strictly: every length is checked before it is used.
class Reader
{
public:
    explicit Reader(const QByteArray &bytes)
        : m_bytes(bytes)
    { }
    bool ok() const { return m_ok; }
    qsizetype pos() const { return m_pos; }
    qsizetype left() const { return m_bytes.size() - m_pos; }
    QByteArray take(qsizetype n)
    {
        if (!m_ok || n < 0 || n > left()) {
            m_ok = false;
            return {};
        }
        const QByteArray out = m_bytes.mid(m_pos, n);
        m_pos += n;
        return out;
    }
    quint32 number(int bytes)
    {
        const QByteArray b = take(bytes);
        quint32 v = 0;
        for (const char c : b) {
            v = (v << 8) | quint8(c);
        }
        return v;
    }

private:
    const QByteArray &m_bytes;
    qsizetype m_pos = 0;
    bool m_ok = true;
};

bool kdfParamsAcceptable(const Vault::KdfParams &k)
{
    if (k.log2N < kMinLog2N || k.log2N > kMaxLog2N || k.r < 1 || k.r > 32 || k.p < 1 || k.p > 16) {
        return false;
    }
    return 128ULL * k.r * ((1ULL << k.log2N) + 2 + k.p) <= kMaxKdfMemory;
}

bool deriveKey(
    const QByteArray &passphrase, const QByteArray &salt, const Vault::KdfParams &k, KeyBytes &key)
{
    EVP_KDF *kdf = EVP_KDF_fetch(nullptr, "SCRYPT", nullptr);
    if (!kdf) {
        return false;
    }
    EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(kdf);
    EVP_KDF_free(kdf);
    if (!ctx) {
        return false;
    }
    uint64_t n = 1ULL << k.log2N;
    uint32_t r = k.r;
    uint32_t p = k.p;
    uint64_t maxmem = kMaxKdfMemory + 1024 * 1024;
    // OSSL_PARAM takes non-const pointers; OpenSSL only reads these.
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
            const_cast<char *>(passphrase.constData()), size_t(passphrase.size())),
        OSSL_PARAM_construct_octet_string(
            OSSL_KDF_PARAM_SALT, const_cast<char *>(salt.constData()), size_t(salt.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
        OSSL_PARAM_construct_end(),
    };
    const bool ok = EVP_KDF_derive(ctx, key.bytes.data(), key.bytes.size(), params) == 1;
    EVP_KDF_CTX_free(ctx);
    return ok;
}

// AES-256-GCM. Encrypts `plain` (may be empty: then it only authenticates `aad`).
bool seal(const unsigned char *key, const QByteArray &aad, const QByteArray &plain, Entry &out)
{
    out.nonce = QByteArray(kNonceBytes, '\0');
    out.tag = QByteArray(kTagBytes, '\0');
    out.ciphertext = QByteArray(plain.size(), '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.nonce.data()), kNonceBytes) != 1) {
        return false;
    }
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    if (!ctx
        || EVP_EncryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), key,
               reinterpret_cast<const unsigned char *>(out.nonce.constData()), nullptr)
            != 1
        || EVP_EncryptUpdate(ctx.get(), nullptr, &len,
               reinterpret_cast<const unsigned char *>(aad.constData()), int(aad.size()))
            != 1) {
        return false;
    }
    if (!plain.isEmpty()
        && EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(out.ciphertext.data()),
               &len, reinterpret_cast<const unsigned char *>(plain.constData()), int(plain.size()))
            != 1) {
        return false;
    }
    unsigned char tail[16];
    return EVP_EncryptFinal_ex(ctx.get(), tail, &len) == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, out.tag.data()) == 1;
}

// AES-256-GCM decryption; false when the tag does not match (nothing is returned then).
bool unseal(const unsigned char *key, const QByteArray &aad, const Entry &in, QByteArray *plain)
{
    QByteArray out(in.ciphertext.size(), '\0');
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    bool ok = ctx
        && EVP_DecryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), key,
               reinterpret_cast<const unsigned char *>(in.nonce.constData()), nullptr)
            == 1
        && EVP_DecryptUpdate(ctx.get(), nullptr, &len,
               reinterpret_cast<const unsigned char *>(aad.constData()), int(aad.size()))
            == 1;
    if (ok && !in.ciphertext.isEmpty()) {
        ok = EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &len,
                 reinterpret_cast<const unsigned char *>(in.ciphertext.constData()),
                 int(in.ciphertext.size()))
            == 1;
    }
    QByteArray tag = in.tag;
    unsigned char tail[16];
    ok = ok && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) == 1
        && EVP_DecryptFinal_ex(ctx.get(), tail, &len) == 1;
    if (!ok) {
        wipe(out);
        return false;
    }
    if (plain) {
        *plain = out;
    } else {
        wipe(out);
    }
    return true;
}

QByteArray entryAad(const QString &name)
{
    QByteArray aad("entry", 6); // "entry\0"
    appendU16(aad, kVersion);
    aad += name.toUtf8();
    return aad;
}

QString damaged(const QString &path, const QString &what)
{
    return Tr::tr("%1: damaged vault (%2)").arg(QDir::toNativeSeparators(path), what);
}

} // namespace

struct Vault::Data
{
    QString path;
    KdfParams params;
    QByteArray salt;
    KeyBytes key;
    QMap<QString, Entry> entries;
};

Vault::Vault(std::unique_ptr<Data> data)
    : d(std::move(data))
{ }

Vault::Vault(Vault &&other) noexcept = default;
Vault &Vault::operator=(Vault &&other) noexcept = default;
Vault::~Vault() = default;

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty()) {
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    }
    bytes.clear();
}

QString Vault::resolvePath(const QString &explicitPath)
{
    if (!explicitPath.isEmpty()) {
        return explicitPath;
    }
    const QString fromEnv = qEnvironmentVariable("LAKEGUARD_VAULT");
    if (!fromEnv.isEmpty()) {
        return fromEnv;
    }
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + u"/vault.lgv"_s;
}

QByteArray Vault::passphraseFromEnvironment()
{
    return qgetenv("LAKEGUARD_VAULT_PASSPHRASE");
}

bool Vault::isValidName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$"_s);
    return pattern.match(name).hasMatch();
}

Storage::Result<Vault> Vault::create(const QString &path, QByteArray passphrase, KdfParams params)
{
    if (passphrase.isEmpty()) {
        return R<Vault>::failure(Tr::tr("the vault passphrase must not be empty"));
    }
    if (!kdfParamsAcceptable(params)) {
        wipe(passphrase);
        return R<Vault>::failure(Tr::tr("scrypt parameters out of range"));
    }
    auto data = std::make_unique<Data>();
    data->path = path;
    data->params = params;
    data->salt = QByteArray(kSaltBytes, '\0');
    const bool ok
        = RAND_bytes(reinterpret_cast<unsigned char *>(data->salt.data()), kSaltBytes) == 1
        && deriveKey(passphrase, data->salt, params, data->key);
    wipe(passphrase);
    if (!ok) {
        return R<Vault>::failure(Tr::tr("cannot derive the vault key (OpenSSL scrypt failed)"));
    }
    return Vault(std::move(data));
}

Storage::Result<Vault> Vault::open(const QString &path, QByteArray passphrase)
{
    // Whatever happens below, the caller's passphrase copy does not outlive this call.
    struct Wiper
    {
        QByteArray &p;
        ~Wiper() { wipe(p); }
    } wiper { passphrase };
    const QString shown = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.exists()) {
        return R<Vault>::failure(Tr::tr("%1: no vault here (\"vault set\" creates it)").arg(shown));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return R<Vault>::failure(Tr::tr("%1: %2").arg(shown, file.errorString()));
    }
    if (file.size() > kMaxFileBytes) {
        return R<Vault>::failure(damaged(path, Tr::tr("larger than 64 MiB")));
    }
    const QByteArray bytes = file.readAll();
    if (bytes.size() < kHeaderBytes + kNonceBytes + kTagBytes
        || !bytes.startsWith(QByteArray(kMagic, sizeof kMagic))) {
        return R<Vault>::failure(Tr::tr("%1: not a Lakeguard vault").arg(shown));
    }
    Reader in(bytes);
    in.take(sizeof kMagic);
    const quint32 version = in.number(2);
    if (version != kVersion) {
        return R<Vault>::failure(
            Tr::tr("%1: vault format version %2 is not supported (this build reads %3)")
                .arg(shown)
                .arg(version)
                .arg(kVersion));
    }
    if (in.number(1) != kKdfScrypt) {
        return R<Vault>::failure(damaged(path, Tr::tr("unknown key derivation")));
    }
    auto data = std::make_unique<Data>();
    data->path = path;
    data->params.log2N = int(in.number(1));
    data->params.r = in.number(4);
    data->params.p = in.number(4);
    data->salt = in.take(kSaltBytes);
    if (!kdfParamsAcceptable(data->params)) {
        return R<Vault>::failure(damaged(path, Tr::tr("scrypt parameters out of range")));
    }
    const quint32 count = in.number(4);
    if (count > kMaxEntries) {
        return R<Vault>::failure(damaged(path, Tr::tr("too many entries")));
    }
    for (quint32 i = 0; i < count && in.ok(); ++i) {
        const quint32 nameLength = in.number(2);
        const QByteArray rawName = in.take(nameLength);
        const QString name = QString::fromUtf8(rawName);
        Entry e;
        e.nonce = in.take(kNonceBytes);
        const quint32 length = in.number(4);
        if (!in.ok() || length > kMaxSecretBytes || !isValidName(name) || name.toUtf8() != rawName
            || data->entries.contains(name)) {
            return R<Vault>::failure(damaged(path, Tr::tr("entry %1 is malformed").arg(i + 1)));
        }
        e.ciphertext = in.take(length);
        e.tag = in.take(kTagBytes);
        data->entries.insert(name, e);
    }
    const qsizetype authenticated = in.pos();
    Entry trailer;
    trailer.nonce = in.take(kNonceBytes);
    trailer.tag = in.take(kTagBytes);
    if (!in.ok() || in.left() != 0) {
        return R<Vault>::failure(damaged(path, Tr::tr("wrong length")));
    }
    if (passphrase.isEmpty()) {
        return R<Vault>::failure(Tr::tr("the vault passphrase must not be empty"));
    }
    if (!deriveKey(passphrase, data->salt, data->params, data->key)) {
        return R<Vault>::failure(Tr::tr("cannot derive the vault key (OpenSSL scrypt failed)"));
    }
    if (!unseal(data->key.fileKey(), bytes.left(authenticated), trailer, nullptr)) {
        return R<Vault>::failure(Tr::tr("%1: wrong passphrase or damaged vault").arg(shown));
    }
    return Vault(std::move(data));
}

QString Vault::path() const
{
    return d->path;
}

Vault::KdfParams Vault::kdfParams() const
{
    return d->params;
}

QStringList Vault::names() const
{
    return d->entries.keys(); // QMap: sorted
}

bool Vault::contains(const QString &name) const
{
    return d->entries.contains(name);
}

Storage::Result<QByteArray> Vault::secret(const QString &name) const
{
    const auto it = d->entries.constFind(name);
    if (it == d->entries.constEnd()) {
        return R<QByteArray>::failure(Tr::tr("the vault has no entry \"%1\"").arg(name));
    }
    QByteArray plain;
    if (!unseal(d->key.entryKey(), entryAad(name), *it, &plain)) {
        return R<QByteArray>::failure(Tr::tr("vault entry \"%1\" is damaged").arg(name));
    }
    return plain;
}

Storage::Status Vault::setSecret(const QString &name, const QByteArray &secret)
{
    if (!isValidName(name)) {
        return Status::failure(
            Tr::tr("\"%1\" is not a vault entry name (1–128 of letters, digits and . _ -)")
                .arg(name));
    }
    if (secret.size() > qsizetype(kMaxSecretBytes)) {
        return Status::failure(Tr::tr("a secret may be at most 1 MiB"));
    }
    if (!d->entries.contains(name) && quint32(d->entries.size()) >= kMaxEntries) {
        return Status::failure(Tr::tr("the vault holds at most %1 entries").arg(kMaxEntries));
    }
    Entry e;
    if (!seal(d->key.entryKey(), entryAad(name), secret, e)) {
        return Status::failure(Tr::tr("cannot encrypt the secret (OpenSSL failed)"));
    }
    d->entries.insert(name, e);
    return Ok {};
}

bool Vault::remove(const QString &name)
{
    return d->entries.remove(name) > 0;
}

Storage::Status Vault::save() const
{
    QByteArray bytes(kMagic, sizeof kMagic);
    appendU16(bytes, kVersion);
    bytes.append(char(kKdfScrypt)).append(char(d->params.log2N));
    appendU32(bytes, d->params.r);
    appendU32(bytes, d->params.p);
    bytes += d->salt;
    appendU32(bytes, quint32(d->entries.size()));
    for (auto it = d->entries.cbegin(); it != d->entries.cend(); ++it) {
        const QByteArray name = it.key().toUtf8();
        appendU16(bytes, quint16(name.size()));
        bytes += name;
        bytes += it->nonce;
        appendU32(bytes, quint32(it->ciphertext.size()));
        bytes += it->ciphertext;
        bytes += it->tag;
    }
    Entry trailer;
    if (!seal(d->key.fileKey(), bytes, {}, trailer)) {
        return Status::failure(Tr::tr("cannot seal the vault (OpenSSL failed)"));
    }
    bytes += trailer.nonce;
    bytes += trailer.tag;

    const QString shown = QDir::toNativeSeparators(d->path);
    const QFileInfo info(d->path);
    if (!QDir().mkpath(info.absolutePath())) {
        return Status::failure(Tr::tr("%1: cannot create the folder").arg(shown));
    }
    // Written whole or not at all; owner-only before the first byte is written (QSaveFile gives
    // a new temporary file 0666 minus the umask, or the old file's mode).
    QSaveFile out(d->path);
    if (!out.open(QIODevice::WriteOnly)
        || !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        return Status::failure(Tr::tr("%1: %2").arg(shown, out.errorString()));
    }
    if (out.write(bytes) != bytes.size()) {
        const QString error = out.errorString();
        out.cancelWriting();
        return Status::failure(Tr::tr("%1: %2").arg(shown, error));
    }
    if (!out.commit()) {
        return Status::failure(Tr::tr("%1: %2").arg(shown, out.errorString()));
    }
    return Ok {};
}

} // namespace Lakeguard::Feeds
