// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Lakeguard::Cli {

// `vault set|get|list|remove` (docs/vault.md). `args` start with the program name and may
// repeat --json and --vault. Returns the exit status.
int runVaultCommand(const QStringList &args, QTextStream &out, QTextStream &err, bool json);

QString vaultSynopsis();

// The vault passphrase: $LAKEGUARD_VAULT_PASSPHRASE, else asked on the terminal without echo
// when standard input is one (twice when `confirm`). Empty with `error` set otherwise.
QByteArray vaultPassphrase(bool confirm, QString *error);

} // namespace Lakeguard::Cli
