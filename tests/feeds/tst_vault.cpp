// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The encrypted secret vault (feeds/vault.h, docs/vault.md): round trips, a wrong passphrase, a
// flipped byte anywhere, owner-only mode, no plain text in the file, atomic rewrites, and the
// `lakeguard-cli vault` commands through the real binary.
#include "vault.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Feeds::Vault;

namespace {

const QByteArray kPassphrase = "correct horse battery staple";
const QByteArray kSecret = "tok-7f3a9c1e-PLAINTEXT-MARKER";

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

mode_t fileMode(const QString &path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class tst_Vault : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // A saved vault with `entries` (name → secret).
    bool makeVault(const QString &file, const QList<std::pair<QString, QByteArray>> &entries)
    {
        auto v = Vault::create(file, kPassphrase);
        if (!v) {
            return false;
        }
        for (const auto &[name, secret] : entries) {
            if (!v.value().setSecret(name, secret)) {
                return false;
            }
        }
        return bool(v->save());
    }

    Run cli(const QStringList &args, const QByteArray &input = {},
        const QByteArray &passphrase = kPassphrase)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"LAKEGUARD_VAULT"_s);
        env.remove(u"LAKEGUARD_VAULT_PASSPHRASE"_s);
        if (!passphrase.isEmpty()) {
            env.insert(u"LAKEGUARD_VAULT_PASSPHRASE"_s, QString::fromUtf8(passphrase));
        }
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(LAKEGUARD_BIN_DIR "/lakeguard-cli"), args);
        if (!p.waitForStarted(30'000)) {
            return {};
        }
        p.write(input);
        p.closeWriteChannel();
        p.waitForFinished(120'000);
        return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            p.readAllStandardOutput(), p.readAllStandardError() };
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qunsetenv("LAKEGUARD_VAULT");
        qunsetenv("LAKEGUARD_VAULT_PASSPHRASE");
    }

    void roundTrip()
    {
        const QString file = path(u"round.lgv"_s);
        QVERIFY(makeVault(file, { { u"AM_TOKEN"_s, kSecret } }));
        auto v = Vault::open(file, kPassphrase);
        QVERIFY2(v, qPrintable(v.error()));
        QCOMPARE(v->names(), QStringList { u"AM_TOKEN"_s });
        QCOMPARE(v->secret(u"AM_TOKEN"_s).value(), kSecret);
        QCOMPARE(v->kdfParams().log2N, 15);
        QVERIFY(!v->secret(u"OTHER"_s));
        QVERIFY(v->secret(u"OTHER"_s).error().contains(u"no entry"_s));
    }

    void manyEntries()
    {
        const QString file = path(u"many.lgv"_s);
        QList<std::pair<QString, QByteArray>> entries;
        QRandomGenerator rng(7);
        for (int i = 0; i < 300; ++i) {
            QByteArray secret(int(rng.bounded(1, 600)), Qt::Uninitialized);
            for (char &c : secret) {
                c = char(rng.bounded(256)); // binary secrets, NUL bytes included
            }
            entries.append({ u"entry-%1"_s.arg(i, 3, 10, QChar(u'0')), secret });
        }
        QVERIFY(makeVault(file, entries));
        auto v = Vault::open(file, kPassphrase);
        QVERIFY2(v, qPrintable(v.error()));
        QCOMPARE(v->names().size(), 300);
        for (const auto &[name, secret] : entries) {
            QCOMPARE(v->secret(name).value(), secret);
        }
        // Change some, remove some, write again: the others are untouched.
        QVERIFY(v.value().setSecret(u"entry-000"_s, "replaced"));
        QVERIFY(v.value().remove(u"entry-001"_s));
        QVERIFY(!v.value().remove(u"entry-001"_s));
        QVERIFY(v->save());
        auto again = Vault::open(file, kPassphrase);
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(again->names().size(), 299);
        QCOMPARE(again->secret(u"entry-000"_s).value(), QByteArray("replaced"));
        QVERIFY(!again->contains(u"entry-001"_s));
        QCOMPARE(again->secret(u"entry-299"_s).value(), entries.last().second);
    }

    void namesAndLimits()
    {
        auto v = Vault::create(path(u"names.lgv"_s), kPassphrase);
        QVERIFY(v);
        QVERIFY(!v.value().setSecret(u""_s, "x"));
        QVERIFY(!v.value().setSecret(u"has space"_s, "x"));
        QVERIFY(!v.value().setSecret(u"../escape"_s, "x"));
        QVERIFY(!v.value().setSecret(u"a"_s, QByteArray(1024 * 1024 + 1, 'x')));
        QVERIFY(v.value().setSecret(u"fraud.api_token-2"_s, "x"));
        QVERIFY(!Vault::create(path(u"empty.lgv"_s), {}));
        // scrypt below N = 2^15 is refused.
        QVERIFY(
            !Vault::create(path(u"weak.lgv"_s), kPassphrase, Feeds::VaultKdfParams { 14, 8, 1 }));
    }

    void wrongPassphrase()
    {
        const QString file = path(u"wrong.lgv"_s);
        QVERIFY(makeVault(file, { { u"AM_TOKEN"_s, kSecret } }));
        auto v = Vault::open(file, "correct horse battery stapler");
        QVERIFY(!v);
        QVERIFY2(v.error().contains(u"wrong passphrase or damaged vault"_s), qPrintable(v.error()));
        QVERIFY(!v.error().contains(QString::fromUtf8(kSecret)));
        QVERIFY(!v.error().contains(QString::fromUtf8(kPassphrase)));
        QVERIFY(!Vault::open(file, {}));
        QVERIFY(!Vault::open(path(u"absent.lgv"_s), kPassphrase));
    }

    // Every byte of the file is authenticated: flipping any bit of any byte, truncating or
    // appending is refused, and the message names nothing secret.
    void flippedByteAnywhere()
    {
        const QString file = path(u"flip.lgv"_s);
        QVERIFY(makeVault(file, { { u"T"_s, kSecret } }));
        const QByteArray good = readAll(file);
        QVERIFY(good.size() > 60);
        const QString copy = path(u"flipped.lgv"_s);
        // One bit per byte, walking through the eight bit positions (each flip costs a scrypt).
        for (qsizetype i = 0; i < good.size(); ++i) {
            const char mask = char(1 << (i % 8));
            QByteArray bad = good;
            bad[i] = char(bad[i] ^ mask);
            QVERIFY(writeAll(copy, bad));
            auto v = Vault::open(copy, kPassphrase);
            QVERIFY2(!v, qPrintable(u"byte %1 mask %2 not detected"_s.arg(i).arg(int(mask))));
            QVERIFY(!v.error().contains(QString::fromUtf8(kSecret)));
            QVERIFY(!v.error().contains(QString::fromUtf8(kPassphrase)));
        }
        const QByteArray longer = good + '\0';
        for (const QByteArray &bad : { good.left(good.size() - 1), longer, QByteArray() }) {
            QVERIFY(writeAll(copy, bad));
            QVERIFY(!Vault::open(copy, kPassphrase));
        }
        QVERIFY(writeAll(copy, good));
        QVERIFY(Vault::open(copy, kPassphrase)); // the check itself: the good bytes do open
    }

    void ownerOnlyMode()
    {
        const QString file = path(u"mode.lgv"_s);
        const mode_t old = ::umask(022);
        QVERIFY(makeVault(file, { { u"T"_s, kSecret } }));
        QCOMPARE(fileMode(file), mode_t(0600));
        // A file someone loosened is tightened again on the next write.
        QVERIFY(::chmod(QFile::encodeName(file).constData(), 0644) == 0);
        auto v = Vault::open(file, kPassphrase);
        QVERIFY(v);
        QVERIFY(v.value().setSecret(u"U"_s, "u"));
        QVERIFY(v->save());
        ::umask(old);
        QCOMPARE(fileMode(file), mode_t(0600));
    }

    void noPlainTextInTheFile()
    {
        const QString file = path(u"plain.lgv"_s);
        QVERIFY(makeVault(file, { { u"A"_s, kSecret }, { u"B"_s, kSecret + kSecret } }));
        const QByteArray bytes = readAll(file);
        QVERIFY(!bytes.isEmpty());
        for (const QByteArray &needle : { kSecret, kSecret.left(8), kSecret.toBase64(),
                 kSecret.toHex(), kPassphrase, kPassphrase.left(8), kPassphrase.toBase64() }) {
            QVERIFY2(!bytes.contains(needle), needle.constData());
        }
        QVERIFY(bytes.contains(kSecret) == false);
        // Two vaults with the same passphrase and secret differ (random salt and nonces).
        const QString twin = path(u"twin.lgv"_s);
        QVERIFY(makeVault(twin, { { u"A"_s, kSecret }, { u"B"_s, kSecret + kSecret } }));
        QVERIFY(readAll(twin) != bytes);
    }

    // A write that fails half way (the file size limit here) leaves the previous vault intact.
    void failedRewriteKeepsTheOldFile()
    {
        const QString file = path(u"atomic.lgv"_s);
        QVERIFY(makeVault(file, { { u"A"_s, kSecret } }));
        const QByteArray before = readAll(file);
        auto v = Vault::open(file, kPassphrase);
        QVERIFY(v);
        QVERIFY(v.value().setSecret(u"BIG"_s, QByteArray(512 * 1024, 'z')));

        rlimit saved {};
        QVERIFY(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = saved;
        small.rlim_cur = rlim_t(before.size() + 4096);
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
        const Storage::Status saved1 = v->save();
        ::setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, oldHandler);

        QVERIFY(!saved1);
        QVERIFY(!saved1.error().contains(QString::fromUtf8(kSecret)));
        QCOMPARE(readAll(file), before);
        auto reopened = Vault::open(file, kPassphrase);
        QVERIFY2(reopened, qPrintable(reopened.error()));
        QCOMPARE(reopened->names(), QStringList { u"A"_s });
        // No temporary file is left beside it.
        const QStringList left = QDir(m_dir.path()).entryList({ u"atomic.lgv*"_s }, QDir::Files);
        QCOMPARE(left, QStringList { u"atomic.lgv"_s });
        // And once space is back, the same write succeeds.
        QVERIFY(v->save());
        QCOMPARE(Vault::open(file, kPassphrase)->names().size(), 2);
    }

    void resolvePath()
    {
        QCOMPARE(Vault::resolvePath(u"/x/v.lgv"_s), u"/x/v.lgv"_s);
        qputenv("LAKEGUARD_VAULT", "/env/v.lgv");
        QCOMPARE(Vault::resolvePath(), u"/env/v.lgv"_s);
        QCOMPARE(Vault::resolvePath(u"/x/v.lgv"_s), u"/x/v.lgv"_s);
        qunsetenv("LAKEGUARD_VAULT");
        QVERIFY(Vault::resolvePath().endsWith(u"/vault.lgv"_s));
        QVERIFY(Vault::resolvePath().startsWith(
            QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)));
    }

    // `lakeguard-cli vault` end to end: the secret only ever on stdin and stdout.
    void cliSetGetListRemove()
    {
        const QString file = path(u"cli/vault.lgv"_s);
        const QStringList v { u"--vault"_s, file };
        Run r = cli(QStringList { u"vault"_s, u"set"_s, u"AM_TOKEN"_s } + v, kSecret + '\n');
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(!r.out.contains(kSecret));
        QCOMPARE(fileMode(file), mode_t(0600));
        QVERIFY(!readAll(file).contains(kSecret));
        QVERIFY(!readAll(file).contains(kPassphrase));
        // --vault before the command works too; --json.
        r = cli({ u"--vault"_s, file, u"--json"_s, u"vault"_s, u"set"_s, u"HMAC"_s }, "hmac-key");
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(u"name"_s).toString(), u"HMAC"_s);

        r = cli(QStringList { u"vault"_s, u"get"_s, u"AM_TOKEN"_s } + v);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, kSecret + '\n'); // the trailing newline of the input was not stored
        r = cli(QStringList { u"vault"_s, u"get"_s, u"HMAC"_s, u"--json"_s } + v);
        QCOMPARE(r.code, 0);
        QCOMPARE(
            QJsonDocument::fromJson(r.out).object().value(u"secret"_s).toString(), u"hmac-key"_s);

        r = cli(QStringList { u"vault"_s, u"list"_s } + v);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QByteArray("AM_TOKEN\nHMAC\n"));
        r = cli(QStringList { u"vault"_s, u"list"_s, u"--json"_s } + v);
        QCOMPARE(r.code, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(u"names"_s).toArray(),
            QJsonArray({ u"AM_TOKEN"_s, u"HMAC"_s }));
        QVERIFY(!r.out.contains(kSecret));

        r = cli(QStringList { u"vault"_s, u"remove"_s, u"HMAC"_s } + v);
        QCOMPARE(r.code, 0);
        r = cli(QStringList { u"vault"_s, u"list"_s } + v);
        QCOMPARE(r.out, QByteArray("AM_TOKEN\n"));
        // Problems: a missing entry is exit 1; usage and unreadable input exit 2.
        r = cli(QStringList { u"vault"_s, u"get"_s, u"HMAC"_s } + v);
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("no entry"));
        r = cli(QStringList { u"vault"_s, u"remove"_s, u"HMAC"_s } + v);
        QCOMPARE(r.code, 1);
        r = cli(QStringList { u"vault"_s, u"set"_s, u"X"_s, QString::fromUtf8(kSecret) } + v);
        QCOMPARE(r.code, 2); // never a secret on the command line
        QVERIFY(r.err.contains("standard input"));
        r = cli(QStringList { u"vault"_s, u"set"_s, u"X"_s } + v, {});
        QCOMPARE(r.code, 2); // an empty secret
        r = cli(QStringList { u"vault"_s, u"get"_s, u"AM_TOKEN"_s } + v, {}, "not the passphrase");
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("wrong passphrase or damaged vault"), r.err.constData());
        QVERIFY(!r.out.contains(kSecret) && !r.err.contains(kSecret));
        r = cli(QStringList { u"vault"_s, u"list"_s } + v, {}, {});
        QCOMPARE(r.code, 2); // no passphrase and no terminal to ask on
        QVERIFY(r.err.contains("LAKEGUARD_VAULT_PASSPHRASE"));
        r = cli({ u"vault"_s, u"--help"_s });
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("vault [--vault FILE] set NAME"));
        r = cli({ u"--help"_s });
        QVERIFY(r.out.contains("vault [--vault FILE]"));
        // The library reads what the CLI wrote.
        auto opened = Vault::open(file, kPassphrase);
        QVERIFY2(opened, qPrintable(opened.error()));
        QCOMPARE(opened->secret(u"AM_TOKEN"_s).value(), kSecret);
    }
};

QTEST_GUILESS_MAIN(tst_Vault)
#include "tst_vault.moc"
