// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"
#include "logsupport.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // Diagnostics stay quiet unless asked for (QT_LOGGING_RULES overrides this).
    QLoggingCategory::setFilterRules(u"lakeguard.*.debug=false\nlakeguard.*.info=false"_s);
    Lakeguard::Core::installLogHandler(); // untrusted text in diagnostics stays on one line
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"Lakeguard"_s);
    QCoreApplication::setOrganizationName(u"Lakeguard"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LAKEGUARD_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = Lakeguard::Cli::runCli(QCoreApplication::arguments(), out, err);
    out.flush();
    err.flush();
    return code;
}
