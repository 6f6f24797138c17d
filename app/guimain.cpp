// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// `lakeguard`: the desktop console. Wiring only: the store, the demo feed and the main window.
#include "alertstore.h"
#include "demofeed.h"
#include "feedmanager.h"
#include "guisettings.h"
#include "logsupport.h"
#include "mainwindow.h"
#include "packreview.h"
#include "presentationcontroller.h"
#include "queryservice.h"
#include "schema.h"
#include "scriptedscenario.h"
#include "sqlitestore.h"
#include "storewriter.h"
#include "theme.h"
#include "uilanguage.h"
#include "vault.h"
#include "verificationindicator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QScreen>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

namespace {

constexpr qint64 kHourMs = 3'600'000;
constexpr int kScreenshotWaitMs = 10'000;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard::App)
};

// With --present: presentation mode on the Dashboard (full screen, dark, ticker) as
// DIR/present.png at a projector's 1440×900, then back to normal.
bool savePresentationShot(App::MainWindow &window, const QString &directory, QString *error)
{
    window.showView(App::MainWindow::DashboardPage);
    window.setPresentationMode(true);
    window.presentationController()->stop(); // hold the Dashboard while it is captured
    // The offscreen screen is smaller than a projector: show the full-screen layout at 1440×900.
    window.setWindowState(window.windowState() & ~Qt::WindowFullScreen);
    window.resize(1440, 900);
    QDeadlineTimer settle(1200);
    while (!settle.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    const QString path = QDir(directory).filePath(u"present.png"_s);
    const bool saved = window.grab().save(path);
    window.setPresentationMode(false);
    if (!saved) {
        *error = Tr::tr("Cannot write %1").arg(path);
    }
    return saved;
}

struct CliOptions
{
    QCommandLineOption store { u"store"_s, Tr::tr("Open the store at PATH."), u"PATH"_s };
    QCommandLineOption demo { u"demo"_s,
        Tr::tr("Play a demo scenario into the store: bank-day (the generated day, default), "
               "payment-gateway, consortium-chain, insider-exfiltration or a .json file, "
               "given as the SCENARIO argument.") };
    QCommandLineOption theme { u"theme"_s,
        Tr::tr("Colour theme for this run: light or dark (default: the saved choice)."),
        u"THEME"_s };
    QCommandLineOption present { u"present"_s,
        Tr::tr("Start in presentation mode (full screen, dark, large type; Esc leaves).") };
    QCommandLineOption seed { u"seed"_s, Tr::tr("Seed of the demo scenario (default 1)."), u"N"_s,
        u"1"_s };
    QCommandLineOption speed { u"speed"_s,
        Tr::tr("Simulated seconds per second for the demo (default 120)."), u"X"_s, u"120"_s };
    QCommandLineOption review { u"review"_s, Tr::tr("Open the store, or the evidence pack (folder or zip), at PATH read-only."),
        u"PATH"_s };
    QCommandLineOption screenshot { u"screenshot"_s,
        Tr::tr("Render every view to DIR/<view>.png and exit."), u"DIR"_s };
    QCommandLineOption lang { u"lang"_s, Tr::tr("User interface language: en or zh_CN."),
        u"LANG"_s };
    QCommandLineOption config { u"config"_s,
        Tr::tr("Run and edit the feeds of FILE (default: feeds.json in the configuration "
               "folder)."),
        u"FILE"_s };
    QCommandLineOption vault { u"vault"_s,
        Tr::tr("The secret vault for feeds that name vault entries (default: $LAKEGUARD_VAULT, "
               "else vault.lgv in the configuration folder)."),
        u"FILE"_s };
    QCommandLineOption version { u"version"_s, Tr::tr("Print the version and exit.") };
};

void setUpParser(QCommandLineParser &parser, const CliOptions &o)
{
    parser.setApplicationDescription(
        Tr::tr("Lakeguard: a native console for financial-security monitoring."));
    parser.addHelpOption();
    parser.addOptions(
        { o.version, o.store, o.demo, o.seed, o.speed, o.review, o.screenshot, o.lang, o.config,
            o.present, o.theme, o.vault });
    parser.addPositionalArgument(u"SCENARIO"_s,
        Tr::tr("With --demo: the scenario to play (default bank-day)."), u"[SCENARIO]"_s);
}

void printLine(FILE *stream, const QString &text)
{
    // Nothing useful to do if the console's own output stream fails.
    (void)std::fputs(qPrintable(text + u'\n'), stream);
    (void)std::fflush(stream);
}

int fail(const QString &message, bool interactive, int code)
{
    printLine(stderr, u"lakeguard: "_s + message);
    if (interactive) {
        QMessageBox::critical(nullptr, Tr::tr("Lakeguard"), message);
    }
    return code;
}

bool wantsOnlyText(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "-?" || arg == "--help-all"
            || arg == "--version") {
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    // Before any SQLite connection opens (storage/sqlitestore.h).
    Storage::configureSqliteLibrary();
    // --help and --version need no display: answer them before a QApplication exists. Their
    // text stays English (no translator is installed yet, as for lakeguard-cli).
    if (wantsOnlyText(argc, argv)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(u"Lakeguard"_s);
        QCoreApplication::setApplicationVersion(QStringLiteral(LAKEGUARD_VERSION));
        CliOptions o;
        QCommandLineParser parser;
        setUpParser(parser, o);
        parser.process(app); // exits after --help
        if (parser.isSet(o.version)) {
            printLine(stdout, u"lakeguard "_s + QStringLiteral(LAKEGUARD_VERSION));
        }
        return 0;
    }

    // Developer diagnostics stay quiet unless asked for (QT_LOGGING_RULES overrides this).
    QLoggingCategory::setFilterRules(u"lakeguard.*.debug=false"_s);
    Lakeguard::Core::installLogHandler(); // untrusted text in diagnostics stays on one line
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"Lakeguard"_s);
    QApplication::setOrganizationName(u"Lakeguard"_s);
    QApplication::setApplicationVersion(QStringLiteral(LAKEGUARD_VERSION));

    CliOptions o;
    QCommandLineParser parser;
    setUpParser(parser, o);
    parser.process(app);

    const bool screenshotMode = parser.isSet(o.screenshot);
    const bool interactive = !screenshotMode;
    // The language first, so every later message is in it: --lang, else the saved choice
    // (View ▸ Language), else the system locale. --lang is for this run only: it is not saved.
    const QString lang = parser.value(o.lang);
    if (parser.isSet(o.lang) && !Widgets::UiLanguage::fromCode(lang)) {
        return fail(Tr::tr("unknown language \"%1\" (use en or zh_CN)").arg(lang), false, 2);
    }
    QString languageError;
    if (!Widgets::UiLanguage::apply(
            Widgets::UiLanguage::resolve(lang, Widgets::GuiSettings::language()), &languageError)) {
        printLine(stderr, u"lakeguard: "_s + languageError);
    }
    if (parser.isSet(o.review) && (parser.isSet(o.demo) || parser.isSet(o.store))) {
        return fail(Tr::tr("--review cannot be combined with --demo or --store"), false, 2);
    }
    bool ok = true;
    const quint64 seed = parser.value(o.seed).toULongLong(&ok);
    if (!ok) {
        return fail(
            Tr::tr("--seed needs a whole number, got \"%1\"").arg(parser.value(o.seed)), false, 2);
    }
    const double speed = parser.value(o.speed).toDouble(&ok);
    if (!ok || speed <= 0) {
        return fail(
            Tr::tr("--speed needs a positive number, got \"%1\"").arg(parser.value(o.speed)), false,
            2);
    }
    // `lakeguard --demo [SCENARIO]`: bank-day is the generator, anything else a scenario file.
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1 || (!positional.isEmpty() && !parser.isSet(o.demo))) {
        return fail(Tr::tr("a SCENARIO argument needs --demo (and only one is allowed)"), false,
            2);
    }
    const QString scenarioName = positional.value(0, u"bank-day"_s);
    std::shared_ptr<const Feeds::ScenarioSource> scenario;
    if (parser.isSet(o.demo) && scenarioName != u"bank-day"_s) {
        Feeds::ScenarioError error;
        auto scripted = Feeds::ScriptedScenario::load(scenarioName, seed, 0, &error);
        if (scripted) {
            scripted = Feeds::ScriptedScenario::load(scenarioName, seed,
                Feeds::DemoFeed::defaultStartFor(scripted->durationMs()), &error);
        }
        if (!scripted) {
            return fail(Tr::tr("cannot play the scenario: %1").arg(error.toString()), interactive,
                2);
        }
        scenario = std::move(scripted);
    }

    // The saved theme (View ▸ Theme) before any widget picks its colours.
    if (auto *gui = qobject_cast<QApplication *>(QCoreApplication::instance())) {
        const QString themeCode
            = parser.isSet(o.theme) ? parser.value(o.theme) : Widgets::GuiSettings::theme();
        if (themeCode != u"light"_s && themeCode != u"dark"_s) {
            return fail(Tr::tr("unknown theme \"%1\" (use light or dark)").arg(themeCode), false,
                2);
        }
        Widgets::Theme::applyMode(*gui, Widgets::Theme::modeFromCode(themeCode));
    }
    Widgets::Theme::applyApplicationLook(app);

    const bool readOnly = parser.isSet(o.review);
    const QString location
        = readOnly ? parser.value(o.review) : Storage::resolveStoreLocation(parser.value(o.store));
    if (readOnly && !location.contains(u"://"_s) && !QFileInfo::exists(location)) {
        return fail(Tr::tr("cannot review %1: no such file").arg(location), interactive, 2);
    }

    // The writer opens (creates, migrates) the store before any reader looks at it.
    std::unique_ptr<Storage::StoreWriter> writer;
    if (!readOnly) {
        writer = std::make_unique<Storage::StoreWriter>(location);
        // The console merges the write-ahead log on its writer thread, as SQLite does by default:
        // beside the GUI and its readers, a merge thread of its own made the writer slower, not
        // faster (bench_gui at 12.7 M alerts: 2,791-3,783 against 3,240-4,268 alerts/s; the
        // headless writer gains 30-36 %, docs/store.md).
        Storage::StoreOptions storeOptions;
        storeOptions.mergeLogOnWriter = true;
        writer->setOptions(storeOptions);
        // A large store of an older schema is migrated first, which can rebuild a table (about
        // half a minute per million alerts for version 14) or an index (10 s per million for
        // version 15's full-text index). Say so on screen, so the wait does
        // not look like a hang that someone ends, undoing the migration.
        std::unique_ptr<QLabel> upgrading;
        const std::optional<int> stored = location.contains(u"://"_s)
            ? std::nullopt
            : Storage::SqliteStore::storedSchemaVersion(location);
        constexpr qint64 kLargeStore = 256LL * 1024 * 1024;
        if (interactive && stored && *stored > 0 && *stored < Storage::sqliteSchemaVersion()
            && QFileInfo(location).size() >= kLargeStore) {
            upgrading = std::make_unique<QLabel>(
                Tr::tr("Upgrading the store %1 (%2 MB) to schema version %3.\n\n"
                       "This happens once and can take several minutes for millions of alerts. "
                       "Please leave Lakeguard open until the console appears.")
                    .arg(QDir::toNativeSeparators(location))
                    .arg(QFileInfo(location).size() / (1024 * 1024))
                    .arg(Storage::sqliteSchemaVersion()));
            upgrading->setTextFormat(Qt::PlainText);
            upgrading->setWordWrap(true);
            upgrading->setMargin(24);
            upgrading->setWindowTitle(Tr::tr("Lakeguard"));
            upgrading->setMinimumWidth(480);
            upgrading->adjustSize();
            if (const QScreen *screen = QGuiApplication::primaryScreen()) {
                upgrading->move(
                    screen->availableGeometry().center() - upgrading->rect().center());
            }
            upgrading->show();
            for (int i = 0; i < 5; ++i) { // mapped and painted before the store is opened
                QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            }
            printLine(stderr, u"lakeguard: "_s + upgrading->text().section(u'\n', 0, 0));
        }
        const Storage::Status started = writer->start();
        upgrading.reset();
        if (!started.ok()) {
            return fail(Tr::tr("cannot open the store %1: %2").arg(location, started.error()),
                interactive, 1);
        }
    }
    // An evidence pack under review: verify it, then rebuild its records into a scratch store that
    // is opened read-only like any other (docs/evidence-packs.md, "Reviewing a pack").
    App::MainWindow::Options windowOptions(location, readOnly);
    QTemporaryDir packWork;
    if (readOnly && Evidence::isEvidencePack(location)) {
        if (!packWork.isValid()) {
            return fail(Tr::tr("cannot create a temporary folder for the pack"), interactive, 1);
        }
        // The pack's own incident policy weighs its risk and deadlines, not this machine's.
        if (qEnvironmentVariableIsSet("LAKEGUARD_POLICY")) {
            printLine(stderr,
                u"lakeguard: "_s
                    + Tr::tr("$LAKEGUARD_POLICY does not apply to an evidence pack: its own "
                             "incident policy does"));
            qunsetenv("LAKEGUARD_POLICY");
        }
        auto review = Evidence::buildReviewStore(location, packWork.path());
        if (!review) {
            return fail(Tr::tr("cannot review the evidence pack %1: %2").arg(location, review.error()),
                interactive, 1);
        }
        for (const QString &problem : std::as_const(review->problems)) {
            printLine(stderr, u"lakeguard: "_s + problem);
        }
        windowOptions.storeLocation = review->storePath;
        windowOptions.packPath = QFileInfo(location).absoluteFilePath();
        windowOptions.pack = review->report;
        windowOptions.packHasPolicy = review->policy == Evidence::PackReview::Policy::Pack;
    }
    Storage::QueryService queries(windowOptions.storeLocation);

    App::MainWindow window(&queries, windowOptions);
    // Screenshots wait for every page to have data, not only the one on screen.
    window.setRefreshHiddenViews(screenshotMode);
    if (writer) {
        window.attachWriter(writer.get());
    }

    QThread demoThread;
    demoThread.setObjectName(u"demo-feed"_s);
    Feeds::DemoFeed *demo = nullptr;
    if (parser.isSet(o.demo)) {
        Feeds::DemoOptions options;
        options.seed = seed;
        options.speed = speed;
        options.start = 0;
        if (scenario) {
            // A told story starts at its beginning at the presenter's pace (×1…×100).
            options.speed = parser.isSet(o.speed) ? std::clamp(speed, Feeds::DemoFeed::kMinSpeed,
                                                        Feeds::DemoFeed::kMaxSpeed)
                                                  : 10.0;
            options.prerollMs = screenshotMode ? scenario->end() - scenario->start() : 0;
            demo = new Feeds::DemoFeed(writer.get(), scenario, options);
        } else {
            options.prerollMs = (screenshotMode ? 12 : 6) * kHourMs;
            demo = new Feeds::DemoFeed(writer.get(), options);
        }
        demo->moveToThread(&demoThread);
        QObject::connect(&demoThread, &QThread::finished, demo, &QObject::deleteLater);
        window.attachDemo(demo);
        demoThread.start();
        QMetaObject::invokeMethod(demo, &Feeds::DemoFeed::start, Qt::QueuedConnection);
    }

    // The configured feeds run beside the demo; screenshots use only the ones named explicitly.
    std::unique_ptr<Feeds::FeedManager> feeds;
    if (writer && (!screenshotMode || parser.isSet(o.config))) {
        const QString configPath = parser.isSet(o.config)
            ? parser.value(o.config)
            : QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
                + u"/feeds.json"_s;
        feeds = std::make_unique<Feeds::FeedManager>(writer.get());
        feeds->setVaultPath(Feeds::Vault::resolvePath(parser.value(o.vault)));
        Storage::Status loaded = feeds->load(configPath);
        if (loaded) {
            loaded = feeds->startAll();
        }
        if (!loaded) {
            printLine(stderr, Tr::tr("lakeguard: feeds: %1").arg(loaded.error()));
            window.showStatusMessage(Tr::tr("Feeds not started: %1").arg(loaded.error()));
        }
        window.attachFeedManager(feeds.get());
    }

    int status = 0;
    if (screenshotMode) {
        window.resize(1440, 900);
        window.show();
        const QString directory = parser.value(o.screenshot);
        // Wait until every view shows data (or give up after a while and render what is there).
        QDeadlineTimer deadline(kScreenshotWaitMs);
        while (!window.isPopulated() && !deadline.hasExpired()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        }
        // And until the verifier has checked a signed checkpoint (or failed), so the status bar
        // does not show the state from before the demo's first checkpoint.
        using Indicator = Widgets::VerificationIndicator;
        const Indicator *indicator = window.verificationIndicator();
        const auto settled = [indicator] {
            const Indicator::State state = indicator->state();
            return state == Indicator::State::Failed || state == Indicator::State::Unavailable
                || (state == Indicator::State::Verified
                    && (!indicator->report() || indicator->report()->latest)); // a pack: no report
        };
        while (!settled() && !deadline.hasExpired()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        }
        window.refreshAll();
        QDeadlineTimer settle(600);
        while (!settle.hasExpired()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        }
        const QString verification = indicator->text(); // what the pictures start with
        QString error;
        if (!window.saveScreenshots(directory, QSize(1440, 900), &error)) {
            status = fail(error, false, 1);
        } else if (parser.isSet(o.present) && !savePresentationShot(window, directory, &error)) {
            status = fail(error, false, 1);
        } else {
            printLine(stdout, Tr::tr("Screenshots written to %1").arg(directory));
            printLine(stdout, Tr::tr("Verification shown: %1").arg(verification));
        }
    } else {
        window.show();
        if (parser.isSet(o.present)) {
            window.setPresentationMode(true);
        }
        status = QApplication::exec();
    }

    // Shutdown: stop the feeds and the demo on their threads, then drain the writer, then the
    // readers.
    if (feeds) {
        feeds->stopAll();
    }
    if (demo) {
        QMetaObject::invokeMethod(demo, &Feeds::DemoFeed::stop, Qt::BlockingQueuedConnection);
    }
    demoThread.quit();
    demoThread.wait();
    if (writer) {
        writer->stop();
    }
    queries.waitForIdle();
    return status;
}
