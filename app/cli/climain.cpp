// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"
#include "evidencecommands.h"
#include "logsupport.h"
#include "sqlitestore.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QLoggingCategory>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // Before any SQLite connection opens (storage/sqlitestore.h).
    Lakeguard::Storage::configureSqliteLibrary();
    // Diagnostics stay quiet unless asked for (QT_LOGGING_RULES overrides this).
    QLoggingCategory::setFilterRules(u"lakeguard.*.debug=false\nlakeguard.*.info=false"_s);
    Lakeguard::Core::installLogHandler(); // untrusted text in diagnostics stays on one line
    // `export` draws report.pdf, which needs QtGui: a QGuiApplication on the offscreen platform,
    // so the CLI still needs no display. Every other command stays a QCoreApplication.
    std::unique_ptr<QCoreApplication> app;
    if (Lakeguard::Cli::commandNeedsGui(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
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
