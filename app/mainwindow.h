// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "incidenttypes.h"
#include "theme.h"
#include "uilanguage.h"

#include "packverifier.h"

#include <QFont>
#include <QMainWindow>
#include <QPointer>

#include <optional>

class QAction;
class QDialog;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QSystemTrayIcon;
class QThread;
class QVBoxLayout;

namespace Lakeguard::Storage {
class QueryService;
class StoreWriter;
class StoreChangeListener;
} // namespace Lakeguard::Storage
namespace Lakeguard::Feeds {
class DemoFeed;
class FeedManager;
} // namespace Lakeguard::Feeds

namespace Lakeguard::Widgets {
class AlertsView;
class AsOfBar;
class ChainsView;
class DashboardView;
class FeedsView;
class IncidentsView;
class TimelinePage;
class PresentationController;
class RefreshThrottle;
class VerificationIndicator;
} // namespace Lakeguard::Widgets

namespace Lakeguard::App {

// The console's window: six views behind a navigation list (Ctrl+1…6), the as-of scrubber
// (Ctrl+7), a status bar with the store, its counts and the demo's clock and captions. It owns no
// data: every view reads through the QueryService, and a StoreWriter (absent in read-only review)
// tells it when to refresh.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum View {
        DashboardPage,
        AlertsPage,
        IncidentsPage,
        ChainsPage,
        FeedsPage,
        TimelineViewPage, // issue 7
        ViewCount
    };

    struct Options
    {
        Options() = default;
        Options(QString store, bool readOnlyReview)
            : storeLocation(std::move(store))
            , readOnly(readOnlyReview)
        {
        }

        QString storeLocation;
        bool readOnly = false;
        // Reviewing an evidence pack: the pack, and verify-pack's verdict for the banner (the
        // store is then the pack's records rebuilt; its own tree is not the evidence).
        QString packPath;
        std::optional<Evidence::PackReport> pack;
        bool packHasPolicy = true; // false: its risk is weighed by the built-in policy
    };

    MainWindow(Storage::QueryService *queries, Options options, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Refresh every view whenever the writer committed something.
    void attachWriter(Storage::StoreWriter *writer);
    // Show the demo's simulated clock and story captions (the demo may live on another thread).
    void attachDemo(Feeds::DemoFeed *demo);
    // The feed manager's actions in the Feeds view; its messages in the status bar.
    void attachFeedManager(Feeds::FeedManager *feeds);
    // Asks once for the vault passphrase (a password field) when a feed names a vault entry and
    // $LAKEGUARD_VAULT_PASSPHRASE is not set; the key is derived on a worker thread.
    void askForVaultPassphrase();
    void showStatusMessage(const QString &message);

    void showView(int view);
    int currentView() const;
    QWidget *viewWidget(int view) const;
    static QString viewFileName(int view); // "dashboard", "alerts", …

    Widgets::DashboardView *dashboardView() const { return m_dashboard; }
    Widgets::AlertsView *alertsView() const { return m_alerts; }
    Widgets::IncidentsView *incidentsView() const { return m_incidents; }
    // The last desktop notification of a new critical incident (also when no tray exists).
    QString lastNotification() const { return m_lastNotification; }
    Widgets::ChainsView *chainsView() const { return m_chains; }
    Widgets::FeedsView *feedsView() const { return m_feeds; }
    Widgets::TimelinePage *timelinePage() const { return m_timeline; }

    // ---- As of a past moment (issue 7; docs/timeline.md) ----
    // View ▸ As of a past moment (Ctrl+7) shows the scrubber bar above the views; while a
    // moment is set, the Dashboard, Incidents and Chains views show the store as it was then,
    // read-only, and live updates leave them alone. nullopt: back to live.
    void setAsOf(std::optional<Core::TimestampMs> at);
    std::optional<Core::TimestampMs> asOfMoment() const;
    Widgets::AsOfBar *asOfBar() const { return m_asOfBar; }
    QAction *asOfAction() const { return m_asOfAction; }
    // Shows an alert in the Alerts view's detail pane; an incident found in the Incidents view.
    void openAlert(Core::AlertId id);
    void openIncident(Core::IncidentId id);
    QString captionText() const;
    QString statusText() const; // the status bar's counts, for tests
    QString clockText() const; // the status bar's clock: demo time, or a pack's cut; for tests
    bool isReadOnlyBannerVisible() const;
    QString bannerText() const; // the read-only review banner's text
    // The status bar's tamper-evidence state (issue 4).
    Widgets::VerificationIndicator *verificationIndicator() const { return m_verification; }

    // Switches the interface language at run time (View ▸ Language): installs the translators,
    // sets the default locale and saves the choice; every view retranslates on LanguageChange.
    void setLanguage(Widgets::UiLanguage::Language language);
    QAction *languageAction(Widgets::UiLanguage::Language language) const;

    // ---- The presenter's console (issue 8) ----
    // Presentation mode (View ▸ Present, F5, --present): full screen, dark, large type, no
    // sidebar or menus, the views cycling on a timer, the scenario's caption as a ticker,
    // sensitive fields masked; keys as PresentationController documents. Esc leaves and
    // restores the theme, font and window.
    void setPresentationMode(bool on);
    bool isPresentationMode() const { return m_presenting; }
    Widgets::PresentationController *presentationController() const { return m_presenter; }
    QString tickerText() const; // what the ticker shows (caption, step, speed, paused)
    // View ▸ Theme: applies the palette to the application and the charts, and saves it.
    void setThemeMode(Widgets::Theme::Mode mode);
    QAction *themeAction(Widgets::Theme::Mode mode) const;
    QAction *presentAction() const { return m_presentAction; }
    // Help ▸ About (non-modal, so tests and screenshots can look at it).
    QDialog *showAbout();

    // Store changes refresh only the page on screen; the others refresh when shown. Screenshots
    // (which wait for every page to have data) turn this off; presentation mode refreshes every
    // page too, so that the cycling panels never show stale figures first.
    void setRefreshHiddenViews(bool on) { m_refreshHiddenViews = on; }
    // Every view has data to show (used to time screenshots).
    bool isPopulated() const;
    // Renders each view (the whole window at `size`) to DIR/<view>.png. Spins the event loop
    // while views finish loading (at most a few seconds); for --screenshot only.
    bool saveScreenshots(const QString &directory, QSize size, QString *error);

public slots:
    void refreshAll();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createStatusBar();
    // Every text the window itself shows, in the current language (views do their own).
    void retranslateUi();
    void restoreSettings();
    void saveSettings();
    void refreshStatus();
    void refreshView(int view);
    void refreshShownView(int view);
    void showCaption(const QString &english, const QString &chinese);
    void showSimulatedTime(qint64 simMs);
    void about();
    // "Export evidence pack…": the given incidents, or (empty) a period chosen in the dialog.
    void exportEvidence(const QList<qint64> &incidents);
    // File ▸ Store maintenance…: size, backup, compact (Widgets::StoreMaintenanceDialog).
    void openStoreMaintenance();
    void createPresenterUi();
    void retranslatePresenterUi();
    void updateTicker();
    void notifyCritical(const QList<Storage::IncidentNotice> &incidents);
    // ---- As of a past moment (issue 7) ----
    void createAsOfUi(QVBoxLayout *layout);
    void createAsOfAction();
    void retranslateAsOfUi();
    void applyAsOf(std::optional<Core::TimestampMs> at);
    void updateAsOfPage();

    Storage::QueryService *m_queries;
    Options m_options;
    // Under review of a pack: the moment it was cut (its checkpoint), which the views count
    // deadlines and risk from; -1 otherwise. Set before the views exist: they read as they are
    // built.
    qint64 m_packCutMs;
    Widgets::RefreshThrottle *m_statusThrottle;
    QListWidget *m_navigation;
    QStackedWidget *m_stack;
    QLabel *m_banner = nullptr;
    Widgets::DashboardView *m_dashboard;
    Widgets::AlertsView *m_alerts;
    Widgets::IncidentsView *m_incidents;
    QSystemTrayIcon *m_tray = nullptr;
    QString m_lastNotification;
    Widgets::ChainsView *m_chains;
    Widgets::FeedsView *m_feeds;
    Widgets::TimelinePage *m_timeline;
    QList<QAction *> m_viewActions;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_maintenanceAction = nullptr;
    QPointer<Storage::StoreWriter> m_writer;
    Storage::StoreChangeListener *m_changes = nullptr; // lives in m_changesThread
    QThread *m_changesThread = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QList<QAction *> m_languageActions; // in UiLanguage::Language order
    // The last demo caption (both languages) and clock, to re-show them after a switch.
    QString m_captionEnglish;
    QString m_captionChinese;
    qint64 m_simulatedMs = -1;
    QLabel *m_storeLabel;
    QLabel *m_countLabel;
    QLabel *m_quarantineLabel;
    QLabel *m_clockLabel;
    QLabel *m_captionLabel;
    Widgets::VerificationIndicator *m_verification = nullptr;
    // ---- The presenter's console (issue 8) ----
    QPointer<Feeds::DemoFeed> m_demo;
    Widgets::PresentationController *m_presenter = nullptr;
    QLabel *m_ticker = nullptr;
    QMenu *m_themeMenu = nullptr;
    QList<QAction *> m_themeActions; // in Theme::Mode order
    QAction *m_presentAction = nullptr;
    bool m_presenting = false;
    bool m_refreshHiddenViews = false;
    quint32 m_staleViews = 0; // bit per View: changed while hidden, refresh when shown
    Widgets::Theme::Mode m_themeBeforePresenting = Widgets::Theme::Mode::Light;
    QFont m_fontBeforePresenting;
    bool m_wasMaximized = false;
    int m_step = -1;
    int m_stepCount = 0;
    double m_speed = 0;
    bool m_paused = false;
    bool m_vaultAsked = false;
    Feeds::FeedManager *m_feedManager = nullptr;
    QPointer<QDialog> m_about;
    // ---- As of a past moment (issue 7) ----
    Widgets::AsOfBar *m_asOfBar = nullptr;
    QAction *m_asOfAction = nullptr;
};

} // namespace Lakeguard::App
