// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's presenter features: presentation mode (keys, masking, ticker, leaving
// restores), the theme switch (saved, charts follow) and the About box.
#include "aboutdialog.h"
#include "alertsview.h"
#include "alerttablemodel.h"
#include "dashboardview.h"
#include "demofeed.h"
#include "guisettings.h"
#include "incidentsview.h"
#include "incidenttablemodel.h"
#include "mainwindow.h"
#include "modelroles.h"
#include "presentationcontroller.h"
#include "scriptedscenario.h"
#include "sensitivemask.h"
#include "theme.h"
#include "topentitiesmodel.h"
#include "widgettestsupport.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPalette>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using App::MainWindow;

class tst_PresenterMode : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings(u"Lakeguard"_s, u"lakeguard"_s).clear();
        QVERIFY(m_store.open());
    }
    void cleanup()
    {
        QSettings(u"Lakeguard"_s, u"lakeguard"_s).clear();
        Widgets::Theme::applyMode(*qApp, Widgets::Theme::Mode::Light);
    }

    void themeSwitchIsSavedAndChartsFollow()
    {
        MainWindow window(m_store.queries(), { m_store.path(), false });
        window.show();
        QVERIFY(window.themeAction(Widgets::Theme::Mode::Light)->isChecked());
        const QColor lightWindow = qApp->palette().color(QPalette::Window);
        window.themeAction(Widgets::Theme::Mode::Dark)->trigger();
        QCOMPARE(Widgets::Theme::mode(), Widgets::Theme::Mode::Dark);
        QCOMPARE(Widgets::GuiSettings::theme(), u"dark"_s);
        const QColor darkWindow = qApp->palette().color(QPalette::Window);
        QVERIFY(darkWindow.lightness() < 60);
        QVERIFY(lightWindow.lightness() > 200);
        QVERIFY(qApp->palette().color(QPalette::Text).lightness() > 200);
        const auto charts = window.findChildren<QChartView *>();
        QVERIFY(!charts.isEmpty());
        for (QChartView *view : charts) {
            QVERIFY(view->chart()->backgroundBrush().color().lightness() < 80);
        }
        window.themeAction(Widgets::Theme::Mode::Light)->trigger();
        QCOMPARE(Widgets::GuiSettings::theme(), u"light"_s);
        for (QChartView *view : charts) {
            QVERIFY(view->chart()->backgroundBrush().color().lightness() > 200);
        }
    }

    void presentationModeKeysAndLeaving()
    {
        MainWindow window(m_store.queries(), { m_store.path(), false });
        window.attachWriter(m_store.writer());
        Feeds::ScenarioError error;
        auto scenario
            = Feeds::ScriptedScenario::load(u"payment-gateway"_s, 1, Test::kBaseTime, &error);
        QVERIFY2(scenario, qPrintable(error.toString()));
        Feeds::DemoFeed demo(m_store.writer(), scenario, { 1, 10.0, 0, 0 });
        window.attachDemo(&demo);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const double fontBefore = QApplication::font().pointSizeF();

        // F5 enters: full screen, dark, larger type, no menus or sidebar, masking on.
        window.presentAction()->trigger(); // F5 (its shortcut, checked below)
        QVERIFY(window.isPresentationMode());
        QTRY_VERIFY(window.isFullScreen());
        QCOMPARE(Widgets::Theme::mode(), Widgets::Theme::Mode::Dark);
        QVERIFY(QApplication::font().pointSizeF() > fontBefore * 1.4);
        QVERIFY(!window.menuBar()->isVisible());
        QVERIFY(!window.findChild<QListWidget *>(u"navigation"_s)->isVisible());
        QVERIFY(Widgets::SensitiveMask::isEnabled());
        auto *ticker = window.findChild<QLabel *>(u"presentationTicker"_s);
        QVERIFY(ticker && ticker->isVisible());
        QVERIFY(!ticker->accessibleName().isEmpty());

        // → jumps to the next step (queued to the demo), the ticker shows it.
        demo.start();
        QTRY_COMPARE(demo.currentStep(), 0); // the first tick reaches step 0 (at 0 s)
        QTest::keyClick(window.focusWidget() ? window.focusWidget() : &window, Qt::Key_Right);
        QTRY_COMPARE(demo.currentStep(), 0 + 1);
        QTRY_VERIFY(window.tickerText().contains(scenario->steps().at(1).captionEn));
        QVERIFY(window.tickerText().contains(u"2"_s));
        // Space pauses, + speeds up.
        QTest::keyClick(&window, Qt::Key_Space);
        QTRY_VERIFY(demo.isPaused());
        QTRY_VERIFY(window.tickerText().contains(u"Paused"_s));
        QTest::keyClick(&window, Qt::Key_Plus);
        QTRY_COMPARE(demo.speed(), 20.0);
        // ↓ shows the next panel.
        const int view = window.currentView();
        QTest::keyClick(&window, Qt::Key_Down);
        QVERIFY(window.currentView() != view);

        // Card and account numbers are masked while presenting: in the alert list, in incident
        // titles and among the dashboard's top entities. Masking is idempotent, so a shown text
        // that masking would change was not masked; and the scenario does show masked numbers.
        demo.runUntil(scenario->end());
        QTRY_VERIFY_WITH_TIMEOUT(window.alertsView()->model()->totalCount() > 0, 10'000);
        window.incidentsView()->model()->reload();
        window.dashboardView()->refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(window.incidentsView()->model()->rowCount() > 0, 10'000);
        int maskedTexts = 0;
        const auto checkShown = [&maskedTexts](const QAbstractItemModel *model, int column) {
            for (int row = 0; row < std::min(model->rowCount(), 50); ++row) {
                const QString shown = model->index(row, column).data().toString();
                QCOMPARE(Widgets::SensitiveMask::mask(shown), shown);
                maskedTexts += shown.contains(u"••••"_s) ? 1 : 0;
            }
        };
        QTRY_VERIFY_WITH_TIMEOUT(window.alertsView()
                                     ->model()
                                     ->index(0, Widgets::AlertTableModel::TitleColumn)
                                     .data(Widgets::LoadedRole)
                                     .toBool(),
            10'000);
        checkShown(window.alertsView()->model(), Widgets::AlertTableModel::TitleColumn);
        checkShown(window.alertsView()->model(), Widgets::AlertTableModel::EntityColumn);
        QTRY_VERIFY_WITH_TIMEOUT(window.incidentsView()
                                     ->model()
                                     ->index(0, Widgets::IncidentTableModel::TitleColumn)
                                     .data(Widgets::LoadedRole)
                                     .toBool(),
            10'000);
        checkShown(window.incidentsView()->model(), Widgets::IncidentTableModel::TitleColumn);
        checkShown(
            window.dashboardView()->topEntitiesModel(), Widgets::TopEntitiesModel::EntityColumn);
        QVERIFY(maskedTexts > 0);

        // Esc leaves and restores everything.
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.isPresentationMode());
        QTRY_VERIFY(!window.isFullScreen());
        QCOMPARE(Widgets::Theme::mode(), Widgets::Theme::Mode::Light);
        QCOMPARE(QApplication::font().pointSizeF(), fontBefore);
        QVERIFY(window.menuBar()->isVisible());
        QVERIFY(!Widgets::SensitiveMask::isEnabled());
        QVERIFY(!ticker->isVisible());
        // Presenting in dark did not overwrite the saved light choice.
        QCOMPARE(Widgets::GuiSettings::theme(), u"light"_s);
        demo.stop();
    }

    void aboutBoxNamesVersionsAndStore()
    {
        MainWindow window(m_store.queries(), { m_store.path(), false });
        window.show();
        QDialog *dialog = window.showAbout();
        QVERIFY(dialog && dialog->isVisible());
        const QString text = static_cast<Widgets::AboutDialog *>(dialog)->text();
        QVERIFY2(text.contains(QStringLiteral(LAKEGUARD_VERSION)), qPrintable(text));
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        QVERIFY(text.contains(Widgets::AboutDialog::sqliteVersion()));
        QVERIFY(Widgets::AboutDialog::sqliteVersion().startsWith(u"3."_s));
        QVERIFY(text.contains(Widgets::AboutDialog::opensslVersion()));
        QVERIFY(text.contains(u"GNU General Public License"_s));
        QVERIFY(text.contains(QDir::toNativeSeparators(m_store.path())));
        QCOMPARE(window.showAbout(), dialog); // one box, raised again
        dialog->close();
    }

    // Every interactive widget the presenter adds, and the window's menus, have a name a
    // screen reader can say.
    void presenterActionsHaveNames()
    {
        MainWindow window(m_store.queries(), { m_store.path(), false });
        QVERIFY(!window.presentAction()->text().isEmpty());
        QCOMPARE(window.presentAction()->shortcut(), QKeySequence(Qt::Key_F5));
        QVERIFY(!window.themeAction(Widgets::Theme::Mode::Dark)->text().isEmpty());
        QVERIFY(!window.themeAction(Widgets::Theme::Mode::Light)->text().isEmpty());
    }

private:
    Test::TestStore m_store;
};

QTEST_MAIN(tst_PresenterMode)
#include "tst_presentermode.moc"
