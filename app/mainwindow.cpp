// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "aboutdialog.h"
#include "alertdetailpanel.h"
#include "alertsview.h"
#include "alerttablemodel.h"
#include "asofbar.h"
#include "chainsview.h"
#include "columnchooser.h"
#include "dashboardview.h"
#include "demofeed.h"
#include "displayclock.h"
#include "evidenceexportdialog.h"
#include "feedmanager.h"
#include "feedsview.h"
#include "feedtablemodel.h"
#include "futurecallback.h"
#include "guisettings.h"
#include "icons.h"
#include "incidentsview.h"
#include "incidenttablemodel.h"
#include "incidenttitle.h"
#include "presentationcontroller.h"
#include "queryservice.h"
#include "refreshthrottle.h"
#include "sensitivemask.h"
#include "storechangelistener.h"
#include "storemaintenancedialog.h"
#include "storewriter.h"
#include "textsupport.h"
#include "theme.h"
#include "timelinepage.h"
#include "vault.h"
#include "verificationindicator.h"

#include <QActionGroup>
#include <QApplication>
#include <QChartView>
#include <QCloseEvent>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFutureWatcher>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QThread>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <functional>

using namespace Qt::StringLiterals;

namespace Lakeguard::App {

namespace {

constexpr int kStatusRefreshMs = 500;
constexpr int kNavigationWidth = 190;
// In View order; menus draw them in the palette's text colour.
constexpr std::array kViewIcons { Widgets::Icons::Icon::Dashboard, Widgets::Icons::Icon::Alerts,
    Widgets::Icons::Icon::Incidents, Widgets::Icons::Icon::Chains, Widgets::Icons::Icon::Feeds,
    Widgets::Icons::Icon::Timeline };

// Processes events until `done` holds or the deadline passes; for the one-shot screenshot mode.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired()) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

// A pack shows its incidents as they stood when it was cut: "overdue by 3 months" because the
// review is late would misstate them, and risk decays to that moment too. The views follow the
// checkpoint's time from their first read; the window returns them to the wall clock on close.
qint64 followPackCut(const MainWindow::Options &options)
{
    if (!options.pack || options.pack->checkpoint.ts <= 0) {
        return -1;
    }
    Widgets::DisplayClock::followStory(options.pack->checkpoint.ts);
    return options.pack->checkpoint.ts;
}

} // namespace

MainWindow::MainWindow(Storage::QueryService *queries, Options options, QWidget *parent)
    : QMainWindow(parent)
    , m_queries(queries)
    , m_options(std::move(options))
    , m_packCutMs(followPackCut(m_options))
    , m_statusThrottle(new Widgets::RefreshThrottle(
          kStatusRefreshMs, [this] { refreshStatus(); }, this))
    , m_navigation(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_dashboard(new Widgets::DashboardView(queries, this))
    , m_alerts(new Widgets::AlertsView(queries, this))
    , m_incidents(new Widgets::IncidentsView(queries, this))
    , m_chains(new Widgets::ChainsView(queries, this))
    , m_feeds(new Widgets::FeedsView(queries, this))
    , m_timeline(new Widgets::TimelinePage(queries, this))
    , m_storeLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_quarantineLabel(new QLabel(this))
    , m_clockLabel(new QLabel(this))
    , m_captionLabel(new QLabel(this))
{
    setWindowIcon(QIcon(u":/icons/lakeguard.svg"_s));

    // Navigation: a sidebar list, keyboard-driven (arrows) and mirrored by View ▸ Ctrl+1…6.
    // The sidebar is dark in both themes, so its icons have the sidebar's text colour.
    const QColor navText(0xe2, 0xe8, 0xf0);
    using Widgets::Icons::Icon;
    for (const Icon icon : kViewIcons) {
        m_navigation->addItem(new QListWidgetItem(Widgets::Icons::icon(icon, navText), QString()));
    }
    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setFixedWidth(kNavigationWidth);
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigation->setStyleSheet(
        u"QListWidget#navigation { background: #1e293b; color: #e2e8f0; padding-top: 12px;"
        " outline: 0; }"
        " QListWidget#navigation::item { padding: 10px 14px; margin: 2px 8px; border-radius: 6px; }"
        " QListWidget#navigation::item:hover { background: #334155; }"
        " QListWidget#navigation::item:selected { background: #2563eb; color: white; }"_s);

    // A pack carries records, not the feeds' counts or the nodes' status: those pages say so.
    m_feeds->setEvidencePack(m_options.pack.has_value());
    m_chains->setEvidencePack(m_options.pack.has_value());
    m_stack->addWidget(m_dashboard);
    m_stack->addWidget(m_alerts);
    m_stack->addWidget(m_incidents);
    m_stack->addWidget(m_chains);
    m_stack->addWidget(m_feeds);
    m_stack->addWidget(m_timeline);
    connect(m_timeline, &Widgets::TimelinePage::openAlertRequested, this, &MainWindow::openAlert);
    connect(
        m_timeline, &Widgets::TimelinePage::openIncidentRequested, this, &MainWindow::openIncident);

    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    if (m_options.readOnly) {
        m_banner = new QLabel(central);
        m_banner->setTextFormat(Qt::PlainText);
        m_banner->setObjectName(u"readOnlyBanner"_s);
        const bool failed = m_options.pack && !m_options.pack->ok;
        m_banner->setWordWrap(true);
        m_banner->setStyleSheet(failed
                ? u"QLabel#readOnlyBanner { background: #fee2e2; color: #7f1d1d;"
                  " border-bottom: 1px solid #dc2626; padding: 6px 16px; font-weight: 600; }"_s
                : u"QLabel#readOnlyBanner { background: #fef3c7; color: #78350f;"
                  " border-bottom: 1px solid #f59e0b; padding: 6px 16px; font-weight: 600; }"_s);
        outer->addWidget(m_banner);
    }
    createPresenterUi();
    outer->addWidget(m_ticker);
    createAsOfUi(outer);
    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    body->addWidget(m_navigation);
    body->addWidget(m_stack, 1);
    outer->addLayout(body, 1);
    setCentralWidget(central);

    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0) {
            m_stack->setCurrentIndex(row);
            if (QAction *action = m_viewActions.value(row)) {
                action->setChecked(true);
            }
        }
    });

    createMenus();
    createStatusBar();
    retranslateUi();
    restoreSettings();
    refreshStatus();

    // A shared store (PostgreSQL): another console's committed changes arrive as NOTIFY and
    // refresh the views like the local writer's (issue 10). A file store has no listener. The
    // listener has its own thread: connecting, and reconnecting after the server restarts,
    // block for as long as the network takes.
    if (Storage::PgLocation::isPostgres(m_options.storeLocation)) {
        m_changesThread = new QThread(this);
        m_changesThread->setObjectName(u"store-listener"_s);
        m_changes = new Storage::StoreChangeListener;
        m_changes->moveToThread(m_changesThread);
        connect(m_changesThread, &QThread::finished, m_changes, &QObject::deleteLater);
        connect(m_changes, &Storage::StoreChangeListener::changed, this, &MainWindow::refreshAll);
        connect(m_changes, &Storage::StoreChangeListener::stateChanged, this,
            [this](Storage::StoreChangeListener::State state, const QString &detail) {
                if (state == Storage::StoreChangeListener::State::Lost) {
                    // Stays until the listener is back: the views may be out of date.
                    statusBar()->showMessage(
                        tr("Changes from other consoles will not appear by themselves: %1")
                            .arg(detail));
                }
            });
        connect(m_changes, &Storage::StoreChangeListener::reconnected, this, [this] {
            // Notices sent while the connection was down are lost: read everything again.
            refreshAll();
            statusBar()->showMessage(
                tr("Live updates from other consoles are back; all views were refreshed."),
                10000);
        });
        m_changesThread->start();
        QMetaObject::invokeMethod(m_changes,
            [listener = m_changes, location = m_options.storeLocation] {
                listener->start(location);
            });
    }
}

MainWindow::~MainWindow()
{
    if (m_simulatedMs >= 0 || m_packCutMs >= 0) {
        Widgets::DisplayClock::followWallClock();
    }
    if (m_changesThread) {
        m_changesThread->quit();
        m_changesThread->wait();
    }
}

void MainWindow::createMenus()
{
    // Texts come from retranslateUi().
    m_fileMenu = menuBar()->addMenu(QString());
    m_refreshAction = m_fileMenu->addAction(QString(), this, &MainWindow::refreshAll);
    // Not QKeySequence::Refresh: its F5 is presentation mode's key (issue 8).
    m_refreshAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_refreshAction->setIcon(Widgets::Icons::icon(Widgets::Icons::Icon::Refresh));
    m_exportAction = m_fileMenu->addAction(QString(), this, [this] { exportEvidence({}); });
    m_exportAction->setObjectName(u"exportEvidenceAction"_s);
    m_exportAction->setIcon(Widgets::Icons::icon(Widgets::Icons::Icon::Export));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(
        m_incidents, &Widgets::IncidentsView::exportRequested, this, &MainWindow::exportEvidence);
    // A pack is cut from a checkpoint the export signs first: that needs a writable store.
    m_exportAction->setEnabled(!m_options.readOnly);
    m_incidents->exportAction()->setEnabled(!m_options.readOnly);
    m_maintenanceAction = m_fileMenu->addAction(QString(), this, &MainWindow::openStoreMaintenance);
    m_maintenanceAction->setObjectName(u"storeMaintenanceAction"_s);
    // A pack under review is its records rebuilt into a temporary store: nothing to keep.
    m_maintenanceAction->setEnabled(!m_options.pack);
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    // QKeySequence::Quit is empty on some platforms (e.g. offscreen, which tests use).
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setIcon(Widgets::Icons::icon(Widgets::Icons::Icon::Quit));
    m_quitAction->setMenuRole(QAction::QuitRole);

    m_viewMenu = menuBar()->addMenu(QString());
    auto *group = new QActionGroup(this);
    for (int i = 0; i < ViewCount; ++i) {
        QAction *action
            = m_viewMenu->addAction(Widgets::Icons::icon(kViewIcons.at(size_t(i))), QString());
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        action->setShortcutContext(Qt::WindowShortcut);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, i] { showView(i); });
        m_viewActions.append(action);
    }

    // Each language is named in itself, so a user lost in the other language finds theirs.
    m_viewMenu->addSeparator();
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->setObjectName(u"languageMenu"_s);
    m_languageMenu->setIcon(Widgets::Icons::icon(Widgets::Icons::Icon::Language));
    auto *languages = new QActionGroup(this);
    for (const auto language : { Widgets::UiLanguage::Language::English,
             Widgets::UiLanguage::Language::SimplifiedChinese }) {
        QAction *action = m_languageMenu->addAction(Widgets::UiLanguage::nativeName(language));
        action->setCheckable(true);
        action->setChecked(language == Widgets::UiLanguage::current());
        action->setData(Widgets::UiLanguage::code(language));
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, language] { setLanguage(language); });
        m_languageActions.append(action);
    }

    // ---- The presenter's console (issue 8): View ▸ Theme, View ▸ Present ----
    m_themeMenu = m_viewMenu->addMenu(QString());
    m_themeMenu->setObjectName(u"themeMenu"_s);
    m_themeMenu->setIcon(Widgets::Icons::icon(Widgets::Icons::Icon::Theme));
    auto *themes = new QActionGroup(this);
    for (const auto mode : { Widgets::Theme::Mode::Light, Widgets::Theme::Mode::Dark }) {
        QAction *action = m_themeMenu->addAction(QString());
        action->setCheckable(true);
        action->setChecked(mode == Widgets::Theme::mode());
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode] { setThemeMode(mode); });
        m_themeActions.append(action);
    }
    m_viewMenu->addAction(m_incidents->detailBesideAction());
    m_viewMenu->addSeparator();
    m_presentAction
        = m_viewMenu->addAction(Widgets::Icons::icon(Widgets::Icons::Icon::Present), QString());
    m_presentAction->setObjectName(u"presentAction"_s);
    m_presentAction->setShortcut(Qt::Key_F5);
    m_presentAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_presentAction, &QAction::triggered, this, [this] { setPresentationMode(true); });
    createAsOfAction();

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::about);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    m_aboutAction->setIcon(Widgets::Icons::icon(Widgets::Icons::Icon::About));
    m_aboutAction->setShortcut(QKeySequence::HelpContents);
}

void MainWindow::exportEvidence(const QList<qint64> &incidents)
{
    auto *dialog = new Widgets::EvidenceExportDialog(m_options.storeLocation, incidents, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openStoreMaintenance()
{
    auto *dialog = new Widgets::StoreMaintenanceDialog(
        m_options.storeLocation, m_options.readOnly ? nullptr : m_writer.data(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::retranslateUi()
{
    setWindowTitle(m_options.readOnly ? tr("Lakeguard — read-only review") : tr("Lakeguard"));
    const QStringList pages = { tr("Dashboard"), tr("Alerts"), tr("Incidents"), tr("Chains"),
        tr("Feeds"), tr("Timeline") };
    for (int i = 0; i < ViewCount; ++i) {
        m_navigation->item(i)->setText(pages.at(i));
        m_viewActions.at(i)->setText(pages.at(i));
    }
    m_navigation->setAccessibleName(tr("Views"));
    m_fileMenu->setTitle(tr("&File"));
    m_refreshAction->setText(tr("&Refresh"));
    m_exportAction->setText(tr("&Export evidence pack…"));
    m_maintenanceAction->setText(tr("Store &maintenance…"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Lakeguard"));
    retranslatePresenterUi();
    retranslateAsOfUi();
    if (m_banner) {
        m_banner->setText(bannerText());
    }
    const QString store = QDir::toNativeSeparators(
        m_options.pack ? m_options.packPath : m_options.storeLocation);
    m_storeLabel->setText(
        m_options.readOnly ? tr("Store: %1 (read-only)").arg(store) : tr("Store: %1").arg(store));
    if (m_simulatedMs >= 0) {
        showSimulatedTime(m_simulatedMs);
    }
    if (m_packCutMs >= 0) {
        m_clockLabel->setText(
            tr("As cut: %1").arg(Widgets::Theme::formatLocalTime(m_packCutMs, QLocale())));
        m_clockLabel->setToolTip(tr("Deadlines and risk are counted from the moment the pack "
                                    "was cut (its checkpoint), not from today."));
        m_clockLabel->show();
    }
    if (!m_captionEnglish.isEmpty()) {
        showCaption(m_captionEnglish, m_captionChinese);
    }
    if (QAction *action = languageAction(Widgets::UiLanguage::current())) {
        action->setChecked(true);
    }
}

QString MainWindow::bannerText() const
{
    if (!m_options.pack) {
        return tr("Read-only review: %1 — nothing in this store can be changed.")
            .arg(QDir::toNativeSeparators(m_options.storeLocation));
    }
    const Evidence::PackReport &r = *m_options.pack;
    const QString pack = QDir::toNativeSeparators(m_options.packPath);
    if (!r.ok) {
        return tr("Evidence pack %1 FAILED verification (problems: %2); the first: %3. "
                  "Shown read-only so it can be inspected.")
            .arg(pack, QLocale().toString(r.problems.size()), r.problems.value(0));
    }
    const QString signedAt = QLocale().toString(
        QDateTime::fromMSecsSinceEpoch(r.checkpoint.ts, QTimeZone::utc()).toLocalTime(),
        QLocale::ShortFormat);
    QString text
        = tr("Evidence pack %1, TLP:%2 — verified: all %3 records proven against checkpoint %4 "
             "(signed %5, key %6…). Read-only: nothing can be changed.")
              .arg(pack, r.tlp, QLocale().toString(r.records))
              .arg(r.checkpoint.id)
              .arg(signedAt, r.keyId.left(16));
    if (!m_options.packHasPolicy) {
        text += u' '
            + tr("The pack carries no incident policy: risk is weighed by the built-in one, "
                 "and may differ from what the site's console showed.");
    }
    return text;
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        m_statusThrottle->request(); // counts are formatted by the (new) default locale
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::setLanguage(Widgets::UiLanguage::Language language)
{
    QString error;
    if (!Widgets::UiLanguage::apply(language, &error)) {
        statusBar()->showMessage(tr("The translation could not be loaded: %1").arg(error), 10000);
    }
    Widgets::GuiSettings::setLanguage(Widgets::UiLanguage::code(language));
    if (QAction *action = languageAction(language)) {
        action->setChecked(true);
    }
}

QAction *MainWindow::languageAction(Widgets::UiLanguage::Language language) const
{
    return m_languageActions.value(int(language));
}

void MainWindow::createStatusBar()
{
    for (QLabel *label :
        { m_storeLabel, m_countLabel, m_quarantineLabel, m_clockLabel, m_captionLabel }) {
        label->setTextFormat(Qt::PlainText);
    }
    m_storeLabel->setToolTip(
        Widgets::Theme::plainToolTip(QDir::toNativeSeparators(m_options.storeLocation)));
    m_storeLabel->setMaximumWidth(420);
    m_captionLabel->setObjectName(u"demoCaption"_s);
    m_captionLabel->setStyleSheet(u"QLabel#demoCaption { font-weight: 600; }"_s);
    m_captionLabel->setForegroundRole(QPalette::Link); // the theme's accent, light or dark
    m_captionLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_clockLabel->hide();

    statusBar()->addWidget(m_storeLabel);
    statusBar()->addWidget(m_captionLabel, 1);
    // Issue 4: the store's tamper evidence, checked off the GUI thread (a pack: its verdict).
    m_verification = new Widgets::VerificationIndicator(this);
    statusBar()->addPermanentWidget(m_verification);
    if (m_options.pack) {
        m_verification->showPackVerdict(*m_options.pack);
    } else {
        m_verification->setStore(m_options.storeLocation);
    }
    statusBar()->addPermanentWidget(m_clockLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_quarantineLabel);
}

void MainWindow::attachWriter(Storage::StoreWriter *writer)
{
    m_writer = writer;
    connect(writer, &Storage::StoreWriter::changed, this, &MainWindow::refreshAll);
    connect(writer, &Storage::StoreWriter::changed, m_verification,
        &Widgets::VerificationIndicator::storeChanged);
    connect(writer, &Storage::StoreWriter::writeFailed, this, [this](const QString &error) {
        statusBar()->showMessage(tr("Write failed: %1").arg(error), 10000);
    });
    // The verifier reads on a read-only connection and cannot save where it got to; the writer
    // saves it, so the next start checks only what came after. (At 10 M alerts a first check
    // takes minutes, and the log cannot be checkpointed past the snapshot it holds.)
    if (!m_options.readOnly) {
        connect(m_verification, &Widgets::VerificationIndicator::storeVerified, writer,
            [this, writer](const QString &state) {
                Core::whenFinished(
                    writer->saveVerifiedState(state), this, [](const Storage::Status &s) {
                        if (!s) {
                            qWarning() << "cannot save the verification state:" << s.error();
                        }
                    });
            });
    }
    // ---- Incidents (issue 6) ----
    if (!m_options.readOnly) {
        m_incidents->setWriter(writer);
    }
    connect(writer, &Storage::StoreWriter::criticalIncidents, this, &MainWindow::notifyCritical);
}

void MainWindow::notifyCritical(const QList<Storage::IncidentNotice> &incidents)
{
    for (const Storage::IncidentNotice &n : incidents) {
        m_lastNotification = tr("Critical incident #%1: %2")
                                 .arg(n.id.value)
                                 .arg(Widgets::IncidentTitle::display(n.title, n.rule));
        if (!QSystemTrayIcon::isSystemTrayAvailable()) {
            statusBar()->showMessage(m_lastNotification, 15000);
            continue;
        }
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(windowIcon(), this);
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
                showView(IncidentsPage);
                raise();
                activateWindow();
            });
            m_tray->show();
        }
        // Plain text: the title comes from an alert.
        m_tray->showMessage(tr("Lakeguard: critical incident"), m_lastNotification,
            QSystemTrayIcon::Critical, 15000);
    }
}

void MainWindow::attachDemo(Feeds::DemoFeed *demo)
{
    connect(demo, &Feeds::DemoFeed::caption, this, &MainWindow::showCaption);
    connect(demo, &Feeds::DemoFeed::simulatedTime, this, &MainWindow::showSimulatedTime);
    // The presenter's controls act on the demo on its thread; its state comes back by signal.
    m_demo = demo;
    connect(demo, &Feeds::DemoFeed::stepChanged, this, [this](int index, int count) {
        m_step = index;
        m_stepCount = count;
        updateTicker();
    });
    connect(demo, &Feeds::DemoFeed::speedChanged, this, [this](double speed) {
        m_speed = speed;
        m_presenter->setSpeed(speed);
        updateTicker();
    });
    connect(demo, &Feeds::DemoFeed::pausedChanged, this, [this](bool paused) {
        m_paused = paused;
        updateTicker();
    });
    const auto invoke = [this](void (Feeds::DemoFeed::*slot)()) {
        if (m_demo) {
            QMetaObject::invokeMethod(m_demo, slot, Qt::QueuedConnection);
        }
    };
    connect(m_presenter, &Widgets::PresentationController::togglePauseRequested, this,
        [invoke] { invoke(&Feeds::DemoFeed::togglePause); });
    connect(m_presenter, &Widgets::PresentationController::nextStepRequested, this,
        [invoke] { invoke(&Feeds::DemoFeed::nextStep); });
    connect(m_presenter, &Widgets::PresentationController::previousStepRequested, this,
        [invoke] { invoke(&Feeds::DemoFeed::previousStep); });
    connect(m_presenter, &Widgets::PresentationController::speedRequested, this,
        [this](double speed) {
            if (m_demo) {
                QMetaObject::invokeMethod(
                    m_demo, [demo = m_demo, speed] { demo->setSpeed(speed); },
                    Qt::QueuedConnection);
            }
        });
}

void MainWindow::attachFeedManager(Feeds::FeedManager *feeds)
{
    if (m_options.readOnly) {
        return; // a review never runs or edits feeds
    }
    m_feeds->setFeedManager(feeds);
    m_chains->setFeedManager(feeds);
    connect(m_feeds, &Widgets::FeedsView::actionFinished, this,
        [this](bool, const QString &message) { showStatusMessage(message); });
    m_feedManager = feeds;
    if (feeds) {
        connect(feeds, &Feeds::FeedManager::vaultNeeded, this, &MainWindow::askForVaultPassphrase,
            Qt::QueuedConnection);
        if (feeds->isWaitingForVault() && Feeds::Vault::passphraseFromEnvironment().isEmpty()) {
            QMetaObject::invokeMethod(
                this, &MainWindow::askForVaultPassphrase, Qt::QueuedConnection);
        }
    }
}

void MainWindow::askForVaultPassphrase()
{
    if (m_vaultAsked || !m_feedManager || !m_feedManager->isWaitingForVault()) {
        return;
    }
    m_vaultAsked = true;
    QDialog dialog(this);
    dialog.setObjectName(u"vaultPassphraseDialog"_s);
    dialog.setWindowTitle(tr("Unlock the secret vault"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *text = new QLabel(tr("Feeds name secrets kept in the vault %1. Enter its passphrase to "
                               "start them; without it they stay down.")
                                .arg(QDir::toNativeSeparators(m_feedManager->vaultPath())),
        &dialog);
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    auto *passphrase = new QLineEdit(&dialog);
    passphrase->setObjectName(u"vaultPassphrase"_s);
    passphrase->setEchoMode(QLineEdit::Password);
    passphrase->setAccessibleName(tr("Vault passphrase"));
    auto *error = new QLabel(&dialog);
    error->setObjectName(u"vaultError"_s);
    error->setTextFormat(Qt::PlainText);
    error->setWordWrap(true);
    error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Unlock"));
    layout->addWidget(text);
    layout->addWidget(passphrase);
    layout->addWidget(error);
    layout->addWidget(buttons);

    // scrypt takes a noticeable moment: off the GUI thread, the dialog waiting for it.
    struct Unlocked
    {
        std::shared_ptr<const Feeds::Vault> vault;
        QString error;
    };
    auto *watcher = new QFutureWatcher<Unlocked>(&dialog);
    connect(watcher, &QFutureWatcher<Unlocked>::finished, &dialog, [&, watcher] {
        const Unlocked result = watcher->result();
        passphrase->setEnabled(true);
        buttons->setEnabled(true);
        if (result.vault) {
            m_feedManager->setVault(result.vault);
            dialog.accept();
            return;
        }
        error->setText(result.error);
        error->show();
        passphrase->selectAll();
        passphrase->setFocus();
    });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&, watcher] {
        QByteArray typed = passphrase->text().toUtf8();
        passphrase->clear();
        if (typed.isEmpty()) {
            return;
        }
        passphrase->setEnabled(false);
        buttons->setEnabled(false);
        error->hide();
        watcher->setFuture(QtConcurrent::run([path = m_feedManager->vaultPath(), typed]() mutable {
            auto opened = Feeds::Vault::open(path, std::move(typed));
            return opened
                ? Unlocked { std::make_shared<const Feeds::Vault>(std::move(opened).value()), {} }
                : Unlocked { nullptr, opened.error() };
        }));
        Feeds::wipe(typed);
    });
    if (dialog.exec() != QDialog::Accepted) {
        showStatusMessage(tr("The vault stays locked: feeds that need its secrets stay down."));
        watcher->waitForFinished();
        return;
    }
    showStatusMessage(tr("Vault unlocked: the feeds that need it are starting."));
}

void MainWindow::showStatusMessage(const QString &message)
{
    statusBar()->showMessage(message, 10000);
}

void MainWindow::refreshAll()
{
    // Pages the officer is not looking at wait until shown: a hidden Dashboard redrawing its
    // charts four times a second during ingest took GUI-thread time and reader CPU from the
    // writer for nothing.
    const bool everything = m_refreshHiddenViews || m_presenting || !isVisible();
    for (int view = 0; view < ViewCount; ++view) {
        if (everything || view == currentView()) {
            refreshView(view);
        } else {
            m_staleViews |= 1U << view;
        }
    }
    m_asOfBar->scheduleRefresh(); // its range only: a moment being shown stays as it was
    m_statusThrottle->request();
}

void MainWindow::refreshView(int view)
{
    m_staleViews &= ~(1U << view);
    switch (view) {
    case DashboardPage:
        m_dashboard->scheduleRefresh();
        break;
    case AlertsPage:
        m_alerts->scheduleRefresh();
        break;
    case IncidentsPage:
        m_incidents->scheduleRefresh();
        break;
    case ChainsPage:
        m_chains->scheduleRefresh();
        break;
    case FeedsPage:
        m_feeds->scheduleRefresh();
        break;
    case TimelineViewPage:
        m_timeline->scheduleRefresh();
        break;
    default:
        break;
    }
}

void MainWindow::refreshShownView(int view)
{
    if (view >= 0 && view < ViewCount && (m_staleViews & (1U << view)) != 0) {
        refreshView(view);
    }
}

void MainWindow::refreshStatus()
{
    Core::whenFinished(
        m_queries->stats(), this, [this](const Storage::Result<Storage::StoreStats> &r) {
            m_statusThrottle->done();
            if (!r.ok()) {
                m_countLabel->setText(tr("Store unreadable"));
                m_countLabel->setToolTip(Widgets::Theme::plainToolTip(r.error()));
                return;
            }
            const QLocale locale;
            m_countLabel->setText(tr("%1 alerts").arg(locale.toString(r->alerts)));
            m_quarantineLabel->setText(tr("%1 quarantined").arg(locale.toString(r->quarantined)));
        });
}

void MainWindow::showCaption(const QString &english, const QString &chinese)
{
    // Captions come from scenario files, which a presenter may have written or been sent.
    m_captionEnglish = Core::displayText(english);
    m_captionChinese = Core::displayText(chinese);
    const bool chineseUi
        = Widgets::UiLanguage::current() == Widgets::UiLanguage::Language::SimplifiedChinese;
    const QString text = chineseUi && !m_captionChinese.isEmpty() ? m_captionChinese
                                                                  : m_captionEnglish;
    m_captionLabel->setText(text);
    m_captionLabel->setToolTip(Widgets::Theme::plainToolTip(text));
    updateTicker();
}

void MainWindow::showSimulatedTime(qint64 simMs)
{
    m_simulatedMs = simMs;
    // Deadlines and risk in the views count from the story's time, as the label shows it.
    Widgets::DisplayClock::followStory(simMs);
    m_clockLabel->setText(
        tr("Demo time %1").arg(Widgets::Theme::formatLocalTime(simMs, QLocale())));
    m_clockLabel->show();
}

void MainWindow::about()
{
    showAbout();
}

void MainWindow::showView(int view)
{
    if (view < 0 || view >= ViewCount) {
        return;
    }
    m_navigation->setCurrentRow(view);
    m_stack->setCurrentIndex(view);
}

int MainWindow::currentView() const
{
    return m_stack->currentIndex();
}

QWidget *MainWindow::viewWidget(int view) const
{
    return m_stack->widget(view);
}

QString MainWindow::viewFileName(int view)
{
    switch (view) {
    case DashboardPage:
        return u"dashboard"_s;
    case AlertsPage:
        return u"alerts"_s;
    case IncidentsPage:
        return u"incidents"_s;
    case ChainsPage:
        return u"chains"_s;
    case FeedsPage:
        return u"feeds"_s;
    case TimelineViewPage:
        return u"timeline"_s;
    default:
        return {};
    }
}

QString MainWindow::captionText() const
{
    return m_captionLabel->text();
}

QString MainWindow::statusText() const
{
    return m_countLabel->text() + u" · "_s + m_quarantineLabel->text();
}

QString MainWindow::clockText() const
{
    return m_clockLabel->isHidden() ? QString() : m_clockLabel->text();
}

bool MainWindow::isReadOnlyBannerVisible() const
{
    return m_banner && !m_banner->isHidden();
}

bool MainWindow::isPopulated() const
{
    return m_dashboard->hasData() && m_alerts->model()->totalCount() > 0
        && m_chains->cardCount() > 0 && m_feeds->model()->rowCount() > 0;
}

bool MainWindow::saveScreenshots(const QString &directory, QSize size, QString *error)
{
    if (!QDir().mkpath(directory)) {
        *error = tr("Cannot create the folder %1").arg(directory);
        return false;
    }
    resize(size);
    const int previous = currentView();
    for (int view = 0; view < ViewCount; ++view) {
        showView(view);
        if (view == AlertsPage) {
            QTableView *table = m_alerts->tableView();
            Widgets::AlertTableModel *model = m_alerts->model();
            if (model->rowCount() > 0 && !table->currentIndex().isValid()) {
                table->selectRow(0);
            }
            spinUntil(
                [model] {
                    return model->cachedAlert(0).has_value() && !model->hasPendingFetches();
                },
                3000);
        }
        if (view == IncidentsPage) {
            Widgets::IncidentTableModel *model = m_incidents->model();
            spinUntil(
                [model] { return model->totalCount() == 0 || model->cachedIncident(0); }, 3000);
            if (model->rowCount() > 0) {
                m_incidents->tableView()->selectRow(0);
            }
            spinUntil([this] { return m_incidents->shownIncident().has_value(); }, 3000);
            spinUntil([] { return false; }, 300); // the detail's query
        }
        if (view == TimelineViewPage) {
            spinUntil([this] { return !m_timeline->isLoading(); }, 3000);
        }
        spinUntil([] { return false; }, 150); // let layouts and charts settle
        const QString path = QDir(directory).filePath(viewFileName(view) + u".png"_s);
        if (!grab().save(path)) {
            *error = tr("Cannot write %1").arg(path);
            return false;
        }
    }
    showView(previous);
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreSettings()
{
    const QByteArray geometry = Widgets::GuiSettings::windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        resize(1440, 900);
    }
    restoreState(Widgets::GuiSettings::windowState());
    m_alerts->restoreState(Widgets::GuiSettings::alertsSplitterState());
    m_incidents->restoreState(Widgets::GuiSettings::incidentsSplitterState());
    m_alerts->columnChooser()->setHiddenColumns(Widgets::GuiSettings::hiddenColumns(u"alerts"_s));
    m_incidents->columnChooser()->setHiddenColumns(
        Widgets::GuiSettings::hiddenColumns(u"incidents"_s));
    showView(std::clamp(Widgets::GuiSettings::lastView(), 0, ViewCount - 1));
}

void MainWindow::saveSettings()
{
    Widgets::GuiSettings::setWindowGeometry(saveGeometry());
    Widgets::GuiSettings::setWindowState(saveState());
    Widgets::GuiSettings::setAlertsSplitterState(m_alerts->saveState());
    Widgets::GuiSettings::setIncidentsSplitterState(m_incidents->saveState());
    Widgets::GuiSettings::setHiddenColumns(u"alerts"_s, m_alerts->columnChooser()->hiddenColumns());
    Widgets::GuiSettings::setHiddenColumns(
        u"incidents"_s, m_incidents->columnChooser()->hiddenColumns());
    Widgets::GuiSettings::setLastView(currentView());
}

// ---- Timeline (issue 7) ----

void MainWindow::openAlert(Core::AlertId id)
{
    showView(AlertsPage);
    Core::whenFinished(
        m_queries->alert(id), this, [this](const Storage::Result<Storage::Alert> &r) {
            if (!r.ok()) {
                statusBar()->showMessage(
                    tr("The alert could not be read: %1").arg(r.error()), 10000);
                return;
            }
            m_alerts->detailPanel()->setAlert(r.value());
        });
}

void MainWindow::openIncident(Core::IncidentId id)
{
    showView(IncidentsPage);
    // The Incidents view finds incidents by title or entity: search for this one's title, as
    // the list shows it (the search maps a translated title back to the stored one).
    Core::whenFinished(m_queries->incident(id, 0, Core::nowMs()), this,
        [this, id](const Storage::Result<Storage::IncidentDetail> &r) {
            if (!r.ok()) {
                statusBar()->showMessage(
                    tr("Incident #%1 could not be read: %2").arg(id.value).arg(r.error()), 10000);
                return;
            }
            m_incidents->searchEdit()->setText(
                Widgets::IncidentTitle::display(r->incident.title, r->incident.rule));
        });
}

// ---- The presenter's console (issue 8) ----------------------------------------------------

namespace {
// The views presentation mode cycles through (Feeds is an operator's page, not a story).
constexpr std::array kPresentedViews { MainWindow::DashboardPage, MainWindow::AlertsPage,
    MainWindow::IncidentsPage, MainWindow::ChainsPage };
constexpr double kPresentationFontScale = 1.6;
} // namespace

void MainWindow::createPresenterUi()
{
    m_presenter = new Widgets::PresentationController(this);
    m_presenter->setPanelCount(int(kPresentedViews.size()));
    connect(m_presenter, &Widgets::PresentationController::panelChanged, this,
        [this](int panel) { showView(kPresentedViews.at(size_t(panel))); });
    connect(m_presenter, &Widgets::PresentationController::leaveRequested, this,
        [this] { setPresentationMode(false); });

    m_ticker = new QLabel(this);
    m_ticker->setObjectName(u"presentationTicker"_s);
    m_ticker->setTextFormat(Qt::PlainText);
    m_ticker->setWordWrap(true);
    m_ticker->setStyleSheet(u"QLabel#presentationTicker { background: #020617; color: #f8fafc;"
                            " border-bottom: 3px solid #2563eb; padding: 14px 28px;"
                            " font-weight: 600; }"_s);
    m_ticker->hide();

    // The charts in the mode main() applied (the saved one, or --theme for this run).
    for (QChartView *view : findChildren<QChartView *>()) {
        Widgets::Theme::styleChart(view->chart());
    }
}

void MainWindow::retranslatePresenterUi()
{
    m_themeMenu->setTitle(tr("&Theme"));
    m_themeActions.at(0)->setText(tr("&Light"));
    m_themeActions.at(1)->setText(tr("&Dark"));
    m_presentAction->setText(tr("&Present"));
    m_presentAction->setToolTip(tr("Full screen for a projector: Space pauses, arrows step, "
                                   "+/− change the speed, Esc leaves."));
    m_ticker->setAccessibleName(tr("Scenario caption"));
    updateTicker();
}

QAction *MainWindow::themeAction(Widgets::Theme::Mode mode) const
{
    return m_themeActions.value(int(mode));
}

void MainWindow::setThemeMode(Widgets::Theme::Mode mode)
{
    if (auto *app = qobject_cast<QApplication *>(QCoreApplication::instance())) {
        Widgets::Theme::applyMode(*app, mode);
    }
    for (QChartView *view : findChildren<QChartView *>()) {
        Widgets::Theme::styleChart(view->chart());
    }
    if (!m_presenting) {
        Widgets::GuiSettings::setTheme(Widgets::Theme::modeCode(mode));
    }
    if (QAction *action = themeAction(mode)) {
        action->setChecked(true);
    }
    refreshAll(); // views that colour by theme redraw
}

QString MainWindow::tickerText() const
{
    const bool chineseUi
        = Widgets::UiLanguage::current() == Widgets::UiLanguage::Language::SimplifiedChinese;
    QString caption = chineseUi && !m_captionChinese.isEmpty() ? m_captionChinese
                                                               : m_captionEnglish;
    if (caption.isEmpty()) {
        caption = m_demo ? tr("The scenario is starting…") : tr("No scenario is playing.");
    }
    QStringList parts { Widgets::SensitiveMask::apply(caption) };
    if (m_stepCount > 0 && m_step >= 0) {
        parts << tr("Step %1 of %2").arg(m_step + 1).arg(m_stepCount);
    }
    if (m_speed > 0) {
        parts << tr("×%1").arg(QLocale().toString(m_speed, 'g', 4));
    }
    if (m_paused) {
        parts << tr("Paused");
    }
    return parts.join(u"   ·   "_s);
}

void MainWindow::updateTicker()
{
    if (m_ticker) {
        m_ticker->setText(tickerText());
    }
}

void MainWindow::setPresentationMode(bool on)
{
    if (on == m_presenting) {
        return;
    }
    auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
    m_presenting = on;
    if (on) {
        m_themeBeforePresenting = Widgets::Theme::mode();
        m_fontBeforePresenting = QApplication::font();
        m_wasMaximized = isMaximized();
        if (app) {
            QFont large = m_fontBeforePresenting;
            large.setPointSizeF(large.pointSizeF() * kPresentationFontScale);
            QApplication::setFont(large);
        }
        setThemeMode(Widgets::Theme::Mode::Dark);
        QFont tickerFont = QApplication::font();
        tickerFont.setPointSizeF(tickerFont.pointSizeF() * 1.3);
        m_ticker->setFont(tickerFont);
        Widgets::SensitiveMask::setEnabled(true);
        menuBar()->hide();
        statusBar()->hide(); // the ticker says what matters; small print is unreadable there
        m_navigation->hide();
        m_ticker->show();
        updateTicker();
        showFullScreen();
        // Start on the view being shown when it is one of the cycled ones.
        const auto it = std::find(kPresentedViews.begin(), kPresentedViews.end(), currentView());
        m_presenter->start(it == kPresentedViews.end() ? 0 : int(it - kPresentedViews.begin()));
    } else {
        m_presenter->stop();
        Widgets::SensitiveMask::setEnabled(false);
        m_ticker->hide();
        menuBar()->show();
        statusBar()->show();
        m_navigation->show();
        setThemeMode(m_themeBeforePresenting);
        if (app) {
            QApplication::setFont(m_fontBeforePresenting);
        }
        if (m_wasMaximized) {
            showMaximized();
        } else {
            showNormal();
        }
    }
    refreshAll(); // masked or unmasked texts
}

QDialog *MainWindow::showAbout()
{
    if (!m_about) {
        auto *dialog = new Widgets::AboutDialog(m_options.storeLocation, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_about = dialog;
    }
    m_about->show();
    m_about->raise();
    m_about->activateWindow();
    return m_about;
}

} // namespace Lakeguard::App

// ---- As of a past moment (issue 7; docs/timeline.md) ----

namespace Lakeguard::App {

void MainWindow::createAsOfUi(QVBoxLayout *layout)
{
    m_asOfBar = new Widgets::AsOfBar(m_queries, this);
    layout->addWidget(m_asOfBar);
    connect(m_asOfBar, &Widgets::AsOfBar::momentChanged, this, &MainWindow::applyAsOf);
    connect(m_stack, &QStackedWidget::currentChanged, this, &MainWindow::updateAsOfPage);
    connect(m_stack, &QStackedWidget::currentChanged, this, &MainWindow::refreshShownView);
}

void MainWindow::createAsOfAction()
{
    m_asOfAction = m_viewMenu->addAction(QString());
    m_asOfAction->setObjectName(u"asOfAction"_s);
    m_asOfAction->setCheckable(true);
    m_asOfAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_7));
    m_asOfAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_asOfAction, &QAction::triggered, this, [this](bool on) {
        if (on) {
            if (!m_asOfBar->isActive()) {
                // Start where the past is shown: the Dashboard unless on one of the three.
                if (currentView() != IncidentsPage && currentView() != ChainsPage) {
                    showView(DashboardPage);
                }
            }
            m_asOfBar->enter();
        } else {
            m_asOfBar->backToLive();
        }
        // The check mark follows the bar (entering waits for the store's range).
        m_asOfAction->setChecked(m_asOfBar->isActive());
    });
}

void MainWindow::retranslateAsOfUi()
{
    m_asOfAction->setText(tr("As of a &Past Moment…"));
    m_asOfAction->setToolTip(tr("Show the Dashboard, Incidents and Chains as they were at a past "
                                "moment (read-only)"));
}

void MainWindow::setAsOf(std::optional<Core::TimestampMs> at)
{
    if (at) {
        m_asOfBar->setMoment(*at); // the views follow once the bar's debounce fires
    } else {
        m_asOfBar->backToLive();
    }
    m_asOfAction->setChecked(at.has_value());
}

std::optional<Core::TimestampMs> MainWindow::asOfMoment() const
{
    return m_asOfBar->moment();
}

void MainWindow::applyAsOf(std::optional<Core::TimestampMs> at)
{
    m_dashboard->setAsOf(at);
    m_incidents->setAsOf(at);
    m_chains->setAsOf(at);
    m_asOfAction->setChecked(at.has_value());
    updateAsOfPage();
}

void MainWindow::updateAsOfPage()
{
    const int view = currentView();
    m_asOfBar->setPageFollows(view == DashboardPage || view == IncidentsPage || view == ChainsPage);
}

} // namespace Lakeguard::App
