// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// As of a past moment in the real views (issue 7; docs/timeline.md): the Dashboard, Incidents
// and Chains views at T match a hand-built expectation, every action is disabled, live updates
// leave the past alone, and "Back to live" brings the present back.
#include "asofbar.h"
#include "chainnodecard.h"
#include "chainsview.h"
#include "dashboardview.h"
#include "incidentsview.h"
#include "incidenttablemodel.h"
#include "mainwindow.h"
#include "queryservice.h"
#include "storewriter.h"
#include "widgettestsupport.h"

#include <QAction>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using App::MainWindow;

namespace {

constexpr qint64 kMinute = 60'000;

// Audit entries carry the wall clock; the test pins them to the data's clock.
bool moveAudit(const QString &path, qint64 incident, const QString &action, qint64 ts)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"asof-test"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(u"UPDATE incident_audit SET ts = ? WHERE incident = ? AND action = ?"_s);
            q.addBindValue(ts);
            q.addBindValue(incident);
            q.addBindValue(action);
            ok = q.exec() && q.numRowsAffected() > 0;
            if (!ok) {
                qWarning() << q.lastError().text();
            }
        }
    }
    QSqlDatabase::removeDatabase(u"asof-test"_s);
    return ok;
}

std::optional<Storage::IncidentRow> rowOf(Widgets::IncidentTableModel *model, qint64 id)
{
    const int row = model->cachedRowOf(Core::IncidentId { id });
    return row >= 0 ? model->cachedIncident(row) : std::nullopt;
}

} // namespace

class tst_AsOfViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings(u"Lakeguard"_s, u"lakeguard"_s).clear();
    }

    void viewsShowThePastReadOnly()
    {
        Test::TestStore store;
        QVERIFY(store.open());
        // Given 30 alerts, one a minute from the base time (severity = minute % 5), chain node
        // n1 at height 100 (minute 5) and 120 (minute 25), and the first incident acknowledged
        // at minute 10 and assigned to bob at minute 20.
        QCOMPARE(
            store.submitAlerts(Test::makeAlerts(0, 30, Test::kBaseTime, kMinute)).accepted, 30);
        Storage::IngestBatch chain;
        chain.feed = u"chain-fincons"_s;
        chain.feedType = u"eth-rpc"_s;
        chain.chain = { Test::makeObservation(
                            u"n1"_s, 100, u"healthy"_s, 3, Test::kBaseTime + 5 * kMinute),
            Test::makeObservation(u"n1"_s, 120, u"healthy"_s, 3, Test::kBaseTime + 25 * kMinute) };
        QVERIFY(store.submit(chain).ok);
        auto listed = store.queries()
                          ->incidents({}, Storage::IncidentSort::IdDesc, Storage::IncidentPageAt(),
                              100, Core::nowMs())
                          .result();
        QVERIFY2(listed.ok() && !listed->isEmpty(), qPrintable(listed.error()));
        Storage::IncidentRow first = listed->constFirst();
        for (const Storage::IncidentRow &r : *listed) {
            if (r.firstSeen < first.firstSeen) {
                first = r;
            }
        }
        QVERIFY(first.firstSeen <= Test::kBaseTime + 10 * kMinute);
        const qint64 id = first.id.value;
        Storage::IncidentCommand c;
        c.id = first.id;
        c.actor = u"alice"_s;
        c.kind = Storage::IncidentCommand::Kind::Transition;
        c.transition = Core::IncidentTransition::Acknowledge;
        QVERIFY(store.writer()->changeIncident(c).result().ok());
        c.kind = Storage::IncidentCommand::Kind::Assign;
        c.text = u"bob"_s;
        QVERIFY(store.writer()->changeIncident(c).result().ok());
        QVERIFY(moveAudit(store.path(), id, u"status"_s, Test::kBaseTime + 10 * kMinute));
        QVERIFY(moveAudit(store.path(), id, u"assign"_s, Test::kBaseTime + 20 * kMinute));

        MainWindow::Options options;
        options.storeLocation = store.path();
        MainWindow window(store.queries(), options);
        window.attachWriter(store.writer());
        window.resize(1300, 850);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Widgets::DashboardView *dashboard = window.dashboardView();
        Widgets::IncidentsView *incidents = window.incidentsView();
        Widgets::ChainsView *chains = window.chainsView();
        const QLocale locale;
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->kpiValue(0), locale.toString(30), 10000);
        QVERIFY(!window.asOfBar()->isVisible());

        // When the window is set to half a minute after minute 15
        const qint64 at = Test::kBaseTime + 15 * kMinute + 30'000;
        window.setAsOf(at);
        QCOMPARE(window.asOfMoment(), std::optional<qint64>(at));
        QVERIFY(window.asOfBar()->isVisible());
        QVERIFY(window.asOfAction()->isChecked());
        QVERIFY(window.asOfBar()->bannerText().contains(u"read-only"_s));
        QVERIFY(
            window.asOfBar()->bannerText().contains(Widgets::Theme::formatLocalTime(at, locale)));

        // Then the Dashboard counts the 16 alerts of minutes 0..15 (severity = minute % 5:
        // critical 4, 9, 14; high 3, 8, 13) and says which moment it shows
        QTRY_VERIFY_WITH_TIMEOUT(
            dashboard->asOfSnapshot().has_value() && dashboard->kpiValue(0) == locale.toString(16),
            10000);
        QCOMPARE(dashboard->asOfSnapshot()->bySeverity[size_t(Core::Severity::Critical)], 3);
        QCOMPARE(dashboard->asOfSnapshot()->bySeverity[size_t(Core::Severity::High)], 3);
        QCOMPARE(dashboard->asOfSnapshot()->bySeverity[size_t(Core::Severity::Info)], 4);
        QCOMPARE(dashboard->kpiValue(1), locale.toString(6)); // high + critical in the 24 h
        QVERIFY(dashboard->windowText().contains(Widgets::Theme::formatLocalTime(at, locale)));

        // And the incident is acknowledged but not yet assigned
        Widgets::IncidentTableModel *model = incidents->model();
        QTRY_VERIFY_WITH_TIMEOUT(model->asOf() == at && rowOf(model, id).has_value(), 10000);
        QCOMPARE(rowOf(model, id)->status, Core::IncidentStatus::Acknowledged);
        QCOMPARE(rowOf(model, id)->owner, QString());
        for (int row = 0; row < model->rowCount(); ++row) {
            QVERIFY(model->cachedIncident(row)->firstSeen <= at);
        }

        // And the chain node is at the height it had then
        QTRY_VERIFY_WITH_TIMEOUT(
            chains->cardCount() == 1 && chains->card(0)->observation().height == 100, 10000);
        QCOMPARE(chains->card(0)->observation().state, u"healthy"_s);

        // And nothing can be changed: the incident actions are off, even with a selection
        window.showView(MainWindow::IncidentsPage);
        const int row = model->cachedRowOf(Core::IncidentId { id });
        incidents->tableView()->selectRow(row);
        QTRY_COMPARE_WITH_TIMEOUT(incidents->shownIncident(),
            std::optional<Core::IncidentId>(Core::IncidentId { id }), 10000);
        for (int a = 0; a < Widgets::IncidentsView::ActionCount; ++a) {
            QVERIFY2(!incidents->action(Widgets::IncidentsView::Action(a))->isEnabled(),
                qPrintable(QString::number(a)));
        }
        QVERIFY(!chains->addNodeButton()->isEnabled());
        // and the detail shows the incident as it was
        QTRY_VERIFY_WITH_TIMEOUT(
            incidents->factsText().contains(
                Widgets::IncidentTableModel::statusName(Core::IncidentStatus::Acknowledged))
                && !incidents->factsText().contains(u"bob"_s),
            10000);

        // and its search matches word by word, in any case, as the store's does
        const Storage::IncidentRow past = *rowOf(model, id);
        const int all = model->rowCount();
        const QString words = past.entity.toUpper() + u"  "_s
            + past.title.section(u' ', 0, 0).toLower(); // the entity, then the title's first word
        incidents->searchEdit()->setText(words);
        // (the list changes when the filtered snapshot arrives: wait for a list that holds the
        // incident and nothing without its entity)
        const auto filtered = [model, &past, id] {
            for (int r = 0; r < model->rowCount(); ++r) {
                const auto shown = model->cachedIncident(r);
                if (!shown
                    || !(shown->entity.contains(past.entity, Qt::CaseInsensitive)
                        || shown->title.contains(past.entity, Qt::CaseInsensitive))) {
                    return false;
                }
            }
            return rowOf(model, id).has_value();
        };
        QTRY_VERIFY_WITH_TIMEOUT(filtered(), 10000);
        incidents->searchEdit()->setText(words + u" nosuchword"_s);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, 10000);
        incidents->searchEdit()->clear();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), all, 10000);

        // When new data arrives and the views are told to refresh
        QCOMPARE(
            store.submitAlerts(Test::makeAlerts(100, 5, Test::kBaseTime, kMinute)).accepted, 5);
        window.refreshAll();
        QTest::qWait(1500);
        // Then the past stays as it was
        QCOMPARE(dashboard->kpiValue(0), locale.toString(16));
        QCOMPARE(window.asOfMoment(), std::optional<qint64>(at));
        QCOMPARE(rowOf(model, id)->owner, QString());

        // When the officer goes back to live
        window.asOfBar()->liveButton()->click();
        // Then the bar hides and the views show the present again
        QVERIFY(!window.asOfBar()->isVisible());
        QVERIFY(!window.asOfAction()->isChecked());
        QVERIFY(!window.asOfMoment());
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->kpiValue(0), locale.toString(35), 10000);
        QVERIFY(!dashboard->asOfSnapshot());
        QTRY_VERIFY_WITH_TIMEOUT(
            rowOf(model, id).has_value() && rowOf(model, id)->owner == u"bob"_s, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            chains->cardCount() == 1 && chains->card(0)->observation().height == 120, 10000);
        incidents->tableView()->selectRow(model->cachedRowOf(Core::IncidentId { id }));
        QTRY_VERIFY_WITH_TIMEOUT(
            incidents->action(Widgets::IncidentsView::AssignAction)->isEnabled(), 10000);
    }

    // Ctrl+7 opens the scrubber at the newest alert; the keyboard moves it; Esc leaves.
    void keyboardDrivesTheScrubber()
    {
        Test::TestStore store;
        QVERIFY(store.open());
        QCOMPARE(
            store.submitAlerts(Test::makeAlerts(0, 120, Test::kBaseTime, kMinute)).accepted, 120);
        MainWindow::Options options;
        options.storeLocation = store.path();
        MainWindow window(store.queries(), options);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.showView(MainWindow::FeedsPage);

        QTest::keyClick(&window, Qt::Key_7, Qt::ControlModifier);
        const qint64 newest = Test::kBaseTime + 119 * kMinute;
        QTRY_COMPARE_WITH_TIMEOUT(window.asOfMoment(), std::optional<qint64>(newest), 10000);
        QCOMPARE(window.currentView(), int(MainWindow::DashboardPage));
        QTRY_VERIFY_WITH_TIMEOUT(window.asOfBar()->scrubber()->hasFocus(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(window.dashboardView()->asOf() == newest, 10000);

        QTest::keyClick(window.asOfBar()->scrubber(), Qt::Key_PageDown);
        QTRY_VERIFY_WITH_TIMEOUT(window.asOfMoment() && *window.asOfMoment() < newest, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(window.dashboardView()->asOf() == window.asOfMoment(), 10000);

        // Another page: the banner says that page is live.
        window.showView(MainWindow::AlertsPage);
        QVERIFY(!window.asOfBar()->bannerText().contains(u"read-only"_s));
        window.showView(MainWindow::DashboardPage);
        QVERIFY(window.asOfBar()->bannerText().contains(u"read-only"_s));

        QTest::keyClick(window.asOfBar()->scrubber(), Qt::Key_Escape);
        QVERIFY(!window.asOfMoment());
        QVERIFY(!window.asOfBar()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!window.dashboardView()->asOf(), 10000);
    }
};

QTEST_MAIN(tst_AsOfViews)
#include "tst_asofviews.moc"
