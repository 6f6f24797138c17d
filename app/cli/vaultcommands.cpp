// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "vaultcommands.h"

#include "clicommands.h"
#include "vault.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>

#include <cstdio>
#include <utility>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Lakeguard::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(LakeguardCli)
};

const QString kProgram = u"lakeguard-cli"_s;
constexpr qint64 kMaxSecretBytes = 1024 * 1024;

int fail(QTextStream &err, const QString &message, int code = BadUsage)
{
    err << kProgram << ": vault: " << message << Qt::endl;
    return code;
}

// One line from the terminal on standard input, echo off. The newline is not returned.
QByteArray readHidden(const QString &prompt)
{
    // A prompt that cannot be shown is no reason to stop: the read below still works.
    (void)std::fputs(prompt.toLocal8Bit().constData(), stderr);
    (void)std::fflush(stderr);
    termios saved {};
    const bool restore = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (restore) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        quiet.c_lflag |= ECHONL;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QByteArray line;
    char c = 0;
    while (::read(STDIN_FILENO, &c, 1) == 1 && c != '\n') {
        if (line.size() < kMaxSecretBytes) {
            line.append(c);
        }
    }
    c = 0;
    if (restore) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    }
    if (line.endsWith('\r')) {
        line.chop(1);
    }
    return line;
}

// The secret for `vault set`: typed without echo on a terminal, else all of standard input
// (one trailing newline removed, so `echo "$TOKEN" | lakeguard-cli vault set NAME` works).
QByteArray readSecret(const QString &name, QString *error)
{
    if (isatty(STDIN_FILENO)) {
        return readHidden(Tr::tr("Secret for %1: ").arg(name));
    }
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        *error = Tr::tr("cannot read standard input");
        return {};
    }
    QByteArray secret = in.read(kMaxSecretBytes + 2);
    if (secret.size() > kMaxSecretBytes + 1 || !in.atEnd()) {
        Feeds::wipe(secret);
        *error = Tr::tr("the secret on standard input is larger than 1 MiB");
        return {};
    }
    if (secret.endsWith('\n')) {
        secret.chop(1);
        if (secret.endsWith('\r')) {
            secret.chop(1);
        }
    }
    return secret;
}

QString usage()
{
    return Tr::tr("Usage: %1 %2\n\n"
                  "Secrets for feeds (FEEDS.json names them with token_vault, hmac_secret_vault),\n"
                  "encrypted with AES-256-GCM under a key derived from a passphrase (scrypt).\n"
                  "  set NAME      store the secret read from standard input (typed without echo\n"
                  "                on a terminal); creates the vault when it does not exist\n"
                  "  get NAME      print the secret\n"
                  "  list          the names of the entries (never the secrets)\n"
                  "  remove NAME   delete an entry\n\n"
                  "--vault FILE    the vault (default: $LAKEGUARD_VAULT, else %3)\n"
                  "The passphrase comes from $LAKEGUARD_VAULT_PASSPHRASE, or is asked on the\n"
                  "terminal without echo. A secret is never taken from the command line.\n")
        .arg(kProgram, vaultSynopsis(), QDir::toNativeSeparators(Feeds::Vault::resolvePath()));
}

} // namespace

QString vaultSynopsis()
{
    return u"vault [--vault FILE] set NAME | get NAME | list | remove NAME"_s;
}

QByteArray vaultPassphrase(bool confirm, QString *error)
{
    QByteArray passphrase = Feeds::Vault::passphraseFromEnvironment();
    if (!passphrase.isEmpty()) {
        return passphrase;
    }
    if (!isatty(STDIN_FILENO)) {
        *error = Tr::tr("set LAKEGUARD_VAULT_PASSPHRASE (standard input is not a terminal to ask "
                        "for the vault passphrase on)");
        return {};
    }
    passphrase = readHidden(Tr::tr("Vault passphrase: "));
    if (confirm && !passphrase.isEmpty()) {
        QByteArray again = readHidden(Tr::tr("New vault: the passphrase again: "));
        const bool same = again == passphrase;
        Feeds::wipe(again);
        if (!same) {
            Feeds::wipe(passphrase);
            *error = Tr::tr("the passphrases differ");
            return {};
        }
    }
    if (passphrase.isEmpty()) {
        *error = Tr::tr("the vault passphrase must not be empty");
    }
    return passphrase;
}

int runVaultCommand(const QStringList &args, QTextStream &out, QTextStream &err, bool json)
{
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addOption({ u"store"_s, Tr::tr("The store (not used)."), u"PATH"_s });
    p.addOption({ u"json"_s, Tr::tr("Machine-readable output.") });
    p.addOption({ u"help"_s, Tr::tr("Show help.") });
    p.addOption({ u"vault"_s, Tr::tr("The vault file."), u"FILE"_s });
    p.addPositionalArgument(u"action"_s, Tr::tr("set, get, list or remove"));
    if (!p.parse(args)) {
        return fail(err, p.errorText());
    }
    if (p.isSet(u"help"_s)) {
        out << usage();
        return Success;
    }
    json = json || p.isSet(u"json"_s);
    const QStringList positional = p.positionalArguments();
    const QString action = positional.value(0);
    const bool needsName = action == u"set"_s || action == u"get"_s || action == u"remove"_s;
    if (!needsName && action != u"list"_s) {
        return fail(err,
            action.isEmpty()
                ? Tr::tr("name an action: set, get, list or remove")
                : Tr::tr("unknown action \"%1\" (set, get, list, remove)").arg(action));
    }
    if (positional.size() != (needsName ? 2 : 1)) {
        return fail(err,
            needsName ? Tr::tr("%1 needs exactly one NAME (the secret is read from standard "
                               "input, never from the command line)")
                            .arg(action)
                      : Tr::tr("list takes no arguments"));
    }
    const QString name = positional.value(1);
    if (needsName && !Feeds::Vault::isValidName(name)) {
        return fail(err,
            Tr::tr("\"%1\" is not a vault entry name (1–128 of letters, digits and . _ -)")
                .arg(name));
    }
    const QString path = Feeds::Vault::resolvePath(p.value(u"vault"_s));
    const QString shown = QDir::toNativeSeparators(path);
    const bool writes = action == u"set"_s || action == u"remove"_s;

    // Writers take a lock beside the vault, so two `vault set` at once do not lose an entry.
    std::unique_ptr<QLockFile> lock;
    if (writes) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        lock = std::make_unique<QLockFile>(path + u".lock"_s);
        if (!lock->tryLock(10'000)) {
            return fail(err, Tr::tr("%1 is locked by another process").arg(shown));
        }
    }
    const bool creating = action == u"set"_s && !QFileInfo::exists(path);
    QString error;
    QByteArray passphrase = vaultPassphrase(creating, &error);
    if (passphrase.isEmpty()) {
        return fail(err, error);
    }
    // Both wipe the passphrase they are given.
    auto opened = creating ? Feeds::Vault::create(path, std::exchange(passphrase, {}))
                           : Feeds::Vault::open(path, std::exchange(passphrase, {}));
    if (!opened) {
        return fail(err, opened.error());
    }
    Feeds::Vault &vault = opened.value();

    if (action == u"list"_s) {
        if (json) {
            out << QString::fromUtf8(
                QJsonDocument(QJsonObject { { u"vault"_s, path },
                                  { u"names"_s, QJsonArray::fromStringList(vault.names()) } })
                    .toJson(QJsonDocument::Compact))
                << '\n';
        } else {
            for (const QString &n : vault.names()) {
                out << n << '\n';
            }
        }
        return Success;
    }
    if (action == u"get"_s) {
        auto secret = vault.secret(name);
        if (!secret) {
            return fail(err, Tr::tr("%1: %2").arg(shown, secret.error()), ProblemFound);
        }
        QByteArray bytes = std::move(secret).value();
        if (json) {
            QByteArray doc = QJsonDocument(
                QJsonObject { { u"name"_s, name }, { u"secret"_s, QString::fromUtf8(bytes) } })
                                 .toJson(QJsonDocument::Compact);
            out << QString::fromUtf8(doc) << '\n';
            Feeds::wipe(doc);
        } else {
            out << QString::fromUtf8(bytes) << '\n';
        }
        out.flush();
        Feeds::wipe(bytes);
        return Success;
    }
    if (action == u"remove"_s) {
        if (!vault.remove(name)) {
            return fail(
                err, Tr::tr("%1: the vault has no entry \"%2\"").arg(shown, name), ProblemFound);
        }
    } else {
        QByteArray secret = readSecret(name, &error);
        if (secret.isEmpty()) {
            return fail(err, error.isEmpty() ? Tr::tr("the secret is empty") : error);
        }
        const Storage::Status s = vault.setSecret(name, secret);
        Feeds::wipe(secret);
        if (!s) {
            return fail(err, s.error());
        }
    }
    if (const Storage::Status s = vault.save(); !s) {
        return fail(err, s.error(), ProblemFound);
    }
    if (json) {
        out << QString::fromUtf8(QJsonDocument(
            QJsonObject { { u"vault"_s, path }, { u"name"_s, name }, { u"action"_s, action },
                { u"created"_s,
                    creating } }).toJson(QJsonDocument::Compact))
            << '\n';
    } else if (action == u"set"_s) {
        out << (creating ? Tr::tr("created %1; stored %2").arg(shown, name)
                         : Tr::tr("stored %1 in %2").arg(name, shown))
            << '\n';
    } else {
        out << Tr::tr("removed %1 from %2").arg(name, shown) << '\n';
    }
    return Success;
}

} // namespace Lakeguard::Cli
