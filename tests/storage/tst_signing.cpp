// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "signing.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Storage;

class tst_Signing : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static bool writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void signAndVerify()
    {
        const auto key = Ed25519Key::generate();
        QVERIFY2(key, qPrintable(key.error()));
        QVERIFY(key->hasPrivateKey());
        const QByteArray msg = "lakeguard-checkpoint/1\n3\nabcd\n1767225600000\n";
        const auto sig = key->sign(msg);
        QVERIFY(sig);
        QCOMPARE(sig->size(), 64);
        QVERIFY(key->verify(msg, *sig));
        // Ed25519 is deterministic: the same message signs the same.
        QCOMPARE(key->sign(msg).value(), sig.value());
        QVERIFY(!key->verify(msg + "x", *sig));
        QByteArray bad = *sig;
        bad[10] = char(bad[10] ^ 0x01);
        QVERIFY(!key->verify(msg, bad));
        QVERIFY(!key->verify(msg, sig->left(63)));
        QVERIFY(!key->verify(msg, {}));
        // Another key does not verify it.
        QVERIFY(!Ed25519Key::generate()->verify(msg, *sig));
    }

    void keyIdIsSha256OfRawPublicKey()
    {
        const auto key = Ed25519Key::generate();
        QCOMPARE(key->rawPublicKey().size(), 32);
        QCOMPARE(key->keyId(),
                 QString::fromLatin1(QCryptographicHash::hash(key->rawPublicKey(),
                                                              QCryptographicHash::Sha256)
                                         .toHex()));
        QCOMPARE(key->keyId().size(), 64);
    }

    void privateKeyFileIs0600AndReloads()
    {
        const QString path = m_dir.filePath(u"k.signing-key.pem"_s);
        const auto key = Ed25519Key::generate();
        QVERIFY(key->savePrivate(path));
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0600));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith("-----BEGIN PRIVATE KEY-----")); // PKCS#8
        // No temporary file is left behind.
        QVERIFY(QDir(m_dir.path())
                    .entryList({u".signing-key-*"_s}, QDir::Files | QDir::Hidden)
                    .isEmpty());

        const auto loaded = Ed25519Key::load(path);
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QVERIFY(loaded->hasPrivateKey());
        QCOMPARE(loaded->keyId(), key->keyId());
        const auto sig = loaded->sign("m");
        QVERIFY(key->verify("m", *sig));

        // Never overwritten.
        const auto other = Ed25519Key::generate();
        QVERIFY(!other->savePrivate(path));
        QCOMPARE(Ed25519Key::load(path)->keyId(), key->keyId());
    }

    void publicPemVerifiesAlone()
    {
        const auto key = Ed25519Key::generate();
        const QByteArray pem = key->publicKeyPem();
        QVERIFY(pem.startsWith("-----BEGIN PUBLIC KEY-----"));
        const auto pub = Ed25519Key::fromPem(pem);
        QVERIFY(pub);
        QVERIFY(!pub->hasPrivateKey());
        QCOMPARE(pub->keyId(), key->keyId());
        QVERIFY(pub->verify("hello", key->sign("hello").value()));
        QVERIFY(!pub->sign("hello"));
        const QString path = m_dir.filePath(u"pub.pem"_s);
        QVERIFY(key->savePublic(path));
        QCOMPARE(Ed25519Key::load(path)->keyId(), key->keyId());
    }

    void rejectsGarbage()
    {
        QVERIFY(!Ed25519Key::fromPem("not a key"));
        QVERIFY(!Ed25519Key::load(m_dir.filePath(u"absent.pem"_s)));
    }

    // A regulator needs nothing but the public PEM and the openssl tool.
    void opensslCliVerifies()
    {
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        if (openssl.isEmpty()) {
            QSKIP("the openssl command is not installed");
        }
        const auto key = Ed25519Key::generate();
        const QByteArray msg = "lakeguard-checkpoint/1\n42\n"
                               "00d21829a5503145348abcf712513eacf2a274211ad83e970202bb5b6d80b286\n"
                               "1767225600000\n";
        const QString pub = m_dir.filePath(u"cli-pub.pem"_s);
        const QString msgPath = m_dir.filePath(u"cli-msg"_s);
        const QString sigPath = m_dir.filePath(u"cli-sig"_s);
        QVERIFY(key->savePublic(pub));
        QVERIFY(writeFile(msgPath, msg));
        QVERIFY(writeFile(sigPath, key->sign(msg).value()));
        auto run = [&](const QString &message) {
            QProcess p;
            p.start(openssl, {u"pkeyutl"_s, u"-verify"_s, u"-pubin"_s, u"-inkey"_s, pub,
                              u"-rawin"_s, u"-in"_s, message, u"-sigfile"_s, sigPath});
            p.waitForFinished(30'000);
            return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        };
        QCOMPARE(run(msgPath), 0);
        const QString tampered = m_dir.filePath(u"cli-msg2"_s);
        QVERIFY(writeFile(tampered, QByteArray(msg).replace("\n42\n", "\n43\n")));
        QVERIFY(run(tampered) != 0);
    }
};

QTEST_GUILESS_MAIN(tst_Signing)
#include "tst_signing.moc"
