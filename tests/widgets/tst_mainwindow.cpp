// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertsview.h"
#include "alerttablemodel.h"
#include "chainsview.h"
#include "columnchooser.h"
#include "dashboardview.h"
#include "demofeed.h"
#include "displayclock.h"
#include "feedmanager.h"
#include "incidentsview.h"
#include "incidenttablemodel.h"
#include "mainwindow.h"
#include "queryservice.h"
#include "sqlitestore.h"
#include "storemaintenancedialog.h"
#include "storewriter.h"
#include "vault.h"
#include "widgettestsupport.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using App::MainWindow;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void keyboardSwitchesViews();
    void navigationListSwitchesViews();
    void restoresLastView();
    void readOnlyBanner();
    void storeMaintenance();
    void demoCaptionsAndRefresh();
    void verifiedStateIsSavedByTheWriter();
    void screenshots();
    void vaultPassphraseIsAskedOnce();

private:
    MainWindow::Options options(bool readOnly = false) const
    {
        MainWindow::Options o;
        o.storeLocation = m_store.path();
        o.readOnly = readOnly;
        return o;
    }
    Test::TestStore m_store;
    QTemporaryDir m_shots;
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings(u"Lakeguard"_s, u"lakeguard"_s).clear();
    QVERIFY(m_store.open());
}

void tst_MainWindow::cleanup()
{
    QSettings(u"Lakeguard"_s, u"lakeguard"_s).clear();
    // A closed window that showed a demo leaves the views on the wall clock.
    QVERIFY(!Widgets::DisplayClock::followsStory());
}

void tst_MainWindow::keyboardSwitchesViews()
{
    MainWindow window(m_store.queries(), options());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QCOMPARE(window.currentView(), int(MainWindow::DashboardPage));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.currentView(), int(MainWindow::AlertsPage));
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentView(), int(MainWindow::IncidentsPage));
    QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(window.currentView(), int(MainWindow::ChainsPage));
    QTest::keyClick(&window, Qt::Key_5, Qt::ControlModifier);
    QCOMPARE(window.currentView(), int(MainWindow::FeedsPage));
    QTest::keyClick(&window, Qt::Key_6, Qt::ControlModifier);
    QCOMPARE(window.currentView(), int(MainWindow::TimelineViewPage));
    // Ctrl+7 is the as-of scrubber (tst_asofviews), not a page: the Timeline stays.
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentView(), int(MainWindow::DashboardPage));
}

void tst_MainWindow::navigationListSwitchesViews()
{
    MainWindow window(m_store.queries(), options());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *navigation = window.findChild<QListWidget *>(u"navigation"_s);
    QVERIFY(navigation);
    navigation->setFocus();
    QTest::keyClick(navigation, Qt::Key_Down);
    QCOMPARE(window.currentView(), int(MainWindow::AlertsPage));
    QTest::keyClick(navigation, Qt::Key_Down);
    QCOMPARE(window.currentView(), int(MainWindow::IncidentsPage));
    QTest::keyClick(navigation, Qt::Key_Down);
    QCOMPARE(window.currentView(), int(MainWindow::ChainsPage));
}

void tst_MainWindow::restoresLastView()
{
    {
        MainWindow window(m_store.queries(), options());
        window.show();
        window.showView(MainWindow::ChainsPage);
        window.resize(1200, 760);
        // Columns hidden from the headers' menus.
        window.incidentsView()->columnChooser()->setHiddenColumns(
            { Widgets::IncidentTableModel::OwnerColumn, Widgets::IncidentTableModel::AlertsColumn });
        window.alertsView()->columnChooser()->setHiddenColumns(
            { Widgets::AlertTableModel::DestIpColumn });
        // View ▸ "Incident details beside the list".
        bool inAMenu = false;
        for (const QAction *menu : window.menuBar()->actions()) {
            inAMenu = inAMenu
                || (menu->menu()
                    && menu->menu()->actions().contains(
                        window.incidentsView()->detailBesideAction()));
        }
        QVERIFY(inAMenu);
        window.incidentsView()->detailBesideAction()->trigger();
        window.close();
    }
    MainWindow window(m_store.queries(), options());
    QCOMPARE(
        window.incidentsView()->detailPlacement(), Widgets::IncidentsView::DetailPlacement::Beside);
    QCOMPARE(window.currentView(), int(MainWindow::ChainsPage));
    QCOMPARE(window.size(), QSize(1200, 760));
    QCOMPARE(window.incidentsView()->columnChooser()->hiddenColumns(),
        QList<int>({ Widgets::IncidentTableModel::OwnerColumn,
            Widgets::IncidentTableModel::AlertsColumn }));
    QCOMPARE(window.alertsView()->columnChooser()->hiddenColumns(),
        QList<int>({ Widgets::AlertTableModel::DestIpColumn }));
}

// File ▸ Store maintenance…: compacting where a writer is attached, the backup alone in a
// review, nothing for a pack (a temporary store rebuilt from its records).
void tst_MainWindow::storeMaintenance()
{
    auto open = [](MainWindow &window) -> Widgets::StoreMaintenanceDialog * {
        auto *action = window.findChild<QAction *>(u"storeMaintenanceAction"_s);
        if (!action || !action->isEnabled()) {
            return nullptr;
        }
        action->trigger();
        return window.findChild<Widgets::StoreMaintenanceDialog *>();
    };
    MainWindow live(m_store.queries(), options(false));
    live.attachWriter(m_store.writer());
    live.show();
    Widgets::StoreMaintenanceDialog *dialog = open(live);
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->compactButton()->isEnabled());
    QVERIFY(dialog->backupButton()->isEnabled());

    MainWindow review(m_store.queries(), options(true));
    review.attachWriter(m_store.writer());
    review.show();
    dialog = open(review);
    QVERIFY(dialog);
    QVERIFY(!dialog->compactButton()->isEnabled());
    QVERIFY(dialog->backupButton()->isEnabled());

    MainWindow::Options packOptions = options(true);
    packOptions.packPath = u"/evidence/pack-1"_s;
    packOptions.pack = Evidence::PackReport {};
    MainWindow pack(m_store.queries(), packOptions);
    pack.show();
    QVERIFY(!open(pack));
    QVERIFY(pack.findChild<QAction *>(u"storeMaintenanceAction"_s));
}

void tst_MainWindow::readOnlyBanner()
{
    MainWindow review(m_store.queries(), options(true));
    review.show();
    QVERIFY(review.isReadOnlyBannerVisible());
    QVERIFY(review.bannerText().startsWith(u"Read-only review"_s));
    MainWindow normal(m_store.queries(), options(false));
    normal.show();
    QVERIFY(!normal.isReadOnlyBannerVisible());

    // An evidence pack under review: the banner carries verify-pack's verdict.
    Evidence::PackReport verdict;
    verdict.ok = true;
    verdict.records = 1234;
    verdict.tlp = u"AMBER"_s;
    verdict.keyId = u"3eb0828b4232f910385424a1ff121f69"_s;
    verdict.checkpoint.id = 7;
    verdict.checkpoint.ts = 1'767'225'600'000LL;
    MainWindow::Options packOptions = options(true);
    packOptions.packPath = u"/evidence/pack-108"_s;
    packOptions.pack = verdict;
    MainWindow pack(m_store.queries(), packOptions);
    pack.show();
    QVERIFY(pack.isReadOnlyBannerVisible());
    QVERIFY2(pack.bannerText().contains(u"verified: all 1,234 records proven against checkpoint 7"_s),
        qPrintable(pack.bannerText()));
    QVERIFY(pack.bannerText().contains(u"TLP:AMBER"_s));
    QVERIFY(!pack.bannerText().contains(u"no incident policy"_s));
    // A pack carries records, not feed counts or node status: the Feeds and Chains pages say so.
    QVERIFY(pack.chainsView()->emptyText().startsWith(u"An evidence pack carries"_s));
    QVERIFY(!review.chainsView()->emptyText().startsWith(u"An evidence pack carries"_s));
    // Its incidents are shown as they stood when it was cut: deadlines and risk count from the
    // checkpoint's time, which the status bar names.
    QCOMPARE(Widgets::DisplayClock::now(), verdict.checkpoint.ts);
    QCOMPARE(pack.incidentsView()->model()->referenceTime(), verdict.checkpoint.ts);
    QVERIFY2(pack.clockText().startsWith(u"As cut: "_s), qPrintable(pack.clockText()));
    QVERIFY(review.clockText().isEmpty());
    // A pack cut before packs carried their policy: the banner says whose weights apply.
    packOptions.packHasPolicy = false;
    MainWindow older(m_store.queries(), packOptions);
    QVERIFY2(older.bannerText().endsWith(
                 u"The pack carries no incident policy: risk is weighed by the built-in one, and "
                 "may differ from what the site's console showed."_s),
        qPrintable(older.bannerText()));
    verdict.ok = false;
    verdict.problems = { u"alerts.csv: SHA-256 differs"_s, u"manifest.sig: bad"_s };
    packOptions.pack = verdict;
    MainWindow failed(m_store.queries(), packOptions);
    QVERIFY2(failed.bannerText().contains(u"FAILED verification (problems: 2)"_s),
        qPrintable(failed.bannerText()));
    QVERIFY(failed.bannerText().contains(u"alerts.csv: SHA-256 differs"_s));
}

void tst_MainWindow::demoCaptionsAndRefresh()
{
    MainWindow window(m_store.queries(), options());
    window.attachWriter(m_store.writer());
    window.show();
    Feeds::DemoOptions demoOptions;
    demoOptions.seed = 1;
    demoOptions.start = Test::kBaseTime;
    Feeds::DemoFeed demo(m_store.writer(), demoOptions);
    window.attachDemo(&demo);
    window.showView(MainWindow::DashboardPage);
    // When twelve simulated hours are written at once
    demo.runUntil(Test::kBaseTime + 12LL * 3600 * 1000);
    // Then the page on screen follows the store; the hidden ones wait (the Alerts view still
    // counts nothing) and follow as soon as they are shown.
    QTRY_VERIFY_WITH_TIMEOUT(window.dashboardView()->hasData(), 10000);
    QCOMPARE(window.alertsView()->model()->totalCount(), 0);
    for (int view = 0; view < MainWindow::ViewCount; ++view) {
        window.showView(view);
    }
    QTRY_VERIFY_WITH_TIMEOUT(window.isPopulated(), 10000);
    QVERIFY(window.alertsView()->model()->totalCount() > 0);
    window.showView(MainWindow::AlertsPage);
    // The story captions reach the status bar.
    QVERIFY(!window.captionText().isEmpty());
    QTRY_VERIFY(window.statusText().contains(
        QLocale().toString(window.alertsView()->model()->totalCount())));
    // The views count deadlines from the story's time, which the status bar shows.
    QCOMPARE(Widgets::DisplayClock::now(), Test::kBaseTime + 12LL * 3600 * 1000);
    QCOMPARE(window.incidentsView()->model()->referenceTime(), Widgets::DisplayClock::now());
    QVERIFY(Widgets::DisplayClock::followsStory());
}

// The console's verifier is read-only; its writer saves where the check got to, so the next
// console start checks only what came after.
void tst_MainWindow::verifiedStateIsSavedByTheWriter()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"verified.db"_s);
    auto savedState = [&] {
        Storage::SqliteStore store(path);
        if (!store.open(Storage::AlertStore::Mode::ReadOnly)) {
            return QString();
        }
        QSqlQuery q(store.database());
        return q.exec(u"SELECT value FROM meta WHERE key = 'verified_checkpoint'"_s) && q.next()
            ? q.value(0).toString()
            : QString();
    };
    {
        Storage::SqliteStore store(path);
        QVERIFY(store.open(Storage::AlertStore::Mode::ReadWrite));
        Storage::IngestBatch batch;
        batch.feed = u"ids"_s;
        batch.alerts = Test::makeAlerts(0, 40, Test::kBaseTime, 1000);
        QVERIFY(store.writeBatch(batch).ok);
        QVERIFY(store.checkpoint(true));
    }
    QCOMPARE(savedState(), QString());
    Storage::StoreWriter writer(path);
    QVERIFY(writer.start());
    Storage::QueryService queries(path);
    MainWindow::Options o;
    o.storeLocation = path;
    {
        MainWindow window(&queries, o);
        window.attachWriter(&writer);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(!savedState().isEmpty(), 30000);
    }
    writer.stop();
    // What the next console's first run does: only the records after the saved checkpoint.
    Storage::SqliteStore again(path);
    QVERIFY(again.open(Storage::AlertStore::Mode::ReadOnly));
    const auto report = again.verify(true);
    QVERIFY(report && report->ok);
    QVERIFY(report->incremental);
    QVERIFY(report->fromLeaf >= 40);
}

void tst_MainWindow::screenshots()
{
    MainWindow window(m_store.queries(), options());
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.isPopulated(), 10000);
    QString error;
    QVERIFY2(window.saveScreenshots(m_shots.path(), QSize(1440, 900), &error), qPrintable(error));
    for (const QString &name : { u"dashboard"_s, u"alerts"_s, u"chains"_s, u"feeds"_s }) {
        const QImage image(QDir(m_shots.path()).filePath(name + u".png"_s));
        QVERIFY2(!image.isNull(), qPrintable(name));
        QCOMPARE(image.size(), QSize(1440, 900));
    }
    QVERIFY(window.alertsView()->model()->cachedAlert(0).has_value());
}


// A feed names a vault entry and no passphrase is in the environment: the window asks once, in a
// password field; a wrong passphrase is reported in the dialog, the right one starts the feed.
void tst_MainWindow::vaultPassphraseIsAskedOnce()
{
    qunsetenv("LAKEGUARD_VAULT_PASSPHRASE");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString vaultPath = dir.filePath(u"vault.lgv"_s);
    {
        auto vault = Feeds::Vault::create(vaultPath, "gui passphrase");
        QVERIFY(vault);
        QVERIFY(vault.value().setSecret(u"HOOK"_s, "hook-token"));
        QVERIFY(vault->save());
    }
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const QString config = dir.filePath(u"feeds.json"_s);
    {
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject { { u"feeds"_s,
                                  QJsonArray { QJsonObject { { u"id"_s, u"hook"_s },
                                      { u"type"_s, u"webhook"_s },
                                      { u"listen"_s, u"127.0.0.1:%1"_s.arg(port) },
                                      { u"token_vault"_s, u"HOOK"_s } } } } })
                    .toJson());
    }
    Feeds::FeedManager feeds(m_store.writer());
    feeds.setVaultPath(vaultPath);
    QVERIFY(feeds.load(config));
    QVERIFY(feeds.startAll());
    QVERIFY(feeds.isWaitingForVault());

    // The dialog runs its own event loop: a timer plays the user.
    int dialogsSeen = 0;
    int stage = 0;
    QString shownError;
    bool passwordField = false;
    QDialog *current = nullptr;
    QTimer user;
    user.setInterval(50);
    connect(&user, &QTimer::timeout, this, [&] {
        QDialog *dialog = nullptr;
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (w->objectName() == u"vaultPassphraseDialog"_s && w->isVisible()) {
                dialog = qobject_cast<QDialog *>(w);
            }
        }
        if (!dialog) {
            return;
        }
        if (dialog != current) {
            current = dialog;
            ++dialogsSeen;
        }
        auto *field = dialog->findChild<QLineEdit *>(u"vaultPassphrase"_s);
        auto *error = dialog->findChild<QLabel *>(u"vaultError"_s);
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        if (!field || !error || !field->isEnabled()) {
            return; // the key is being derived
        }
        if (stage == 0) {
            passwordField = field->echoMode() == QLineEdit::Password;
            field->setText(u"not the passphrase"_s);
            ok->click();
            stage = 1;
        } else if (stage == 1 && error->isVisible()) {
            shownError = error->text();
            field->setText(u"gui passphrase"_s);
            ok->click();
            stage = 2;
        }
    });
    user.start();
    MainWindow window(m_store.queries(), options());
    window.attachFeedManager(&feeds);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(feeds.isVaultUnlocked(), 60'000);
    user.stop();
    QCOMPARE(dialogsSeen, 1);
    QVERIFY(passwordField);
    QVERIFY2(shownError.contains(u"wrong passphrase or damaged vault"_s), qPrintable(shownError));
    QVERIFY(!feeds.isWaitingForVault());
    // Asked once: another request does not open a second dialog.
    window.askForVaultPassphrase();
    QTest::qWait(200);
    QCOMPARE(dialogsSeen, 1);
    feeds.stopAll();
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
