// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "columnchooser.h"
#include "displayclock.h"
#include "incidentsview.h"
#include "incidenttablemodel.h"
#include "widgettestsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace Lakeguard;
using namespace Lakeguard::Widgets;
using namespace Qt::StringLiterals;

class tst_IncidentsView : public QObject
{
    Q_OBJECT

private:
    Test::TestStore m_store;

    // Status of an incident, read through the query service (as the view does).
    Core::IncidentStatus statusOf(qint64 id)
    {
        auto f = m_store.queries()->incident(Core::IncidentId { id }, 0, Core::nowMs());
        f.waitForFinished();
        return f.result()->incident.status;
    }

    QString ownerOf(qint64 id)
    {
        auto f = m_store.queries()->incident(Core::IncidentId { id }, 0, Core::nowMs());
        f.waitForFinished();
        return f.result()->incident.owner;
    }

    static QString ownerOfIn(Test::TestStore &store, qint64 id)
    {
        auto f = store.queries()->incident(Core::IncidentId { id }, 0, Core::nowMs());
        f.waitForFinished();
        return f.result() ? f.result()->incident.owner : QString();
    }

    static qint64 idAt(IncidentsView &view, int row)
    {
        return view.model()->index(row, 0).data(IncidentTableModel::IncidentIdRole).toLongLong();
    }

    static bool loaded(IncidentsView &view, int rows)
    {
        if (view.model()->rowCount() != rows) {
            return false;
        }
        for (int r = 0; r < rows; ++r) {
            if (!view.model()->cachedIncident(r)) {
                view.model()->index(r, 0).data(); // asks for the page
                return false;
            }
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("LAKEGUARD_IDENTITY", "officer-a");
        QVERIFY(m_store.open());
        // Four high alerts on four entities and rules: four incidents.
        QList<Core::Alert> alerts;
        for (int i = 0; i < 4; ++i) {
            alerts << Test::makeAlert(i, Core::nowMs() - (4 - i) * 60'000, Core::Severity::High);
        }
        QCOMPARE(m_store.submitAlerts(alerts).accepted, 4);
    }

    void countdown_data()
    {
        QTest::addColumn<qint64>("delta");
        QTest::addColumn<QString>("text");
        QTest::addRow("minutes") << 5 * 60'000LL << u"in 5 min"_s;
        QTest::addRow("hours") << (3 * 60 + 20) * 60'000LL << u"in 3 h 20 min"_s;
        QTest::addRow("days") << (26 * 60) * 60'000LL << u"in 1 d 2 h"_s;
        QTest::addRow("overdue") << -45 * 60'000LL << u"45 min overdue"_s;
    }
    void countdown()
    {
        QFETCH(qint64, delta);
        QFETCH(QString, text);
        const qint64 now = 1'000'000'000'000;
        QCOMPARE(IncidentTableModel::countdownText(now + delta, now), text);
    }

    // Arrows move, single keys act on the list: A acknowledge, I investigate, R resolve,
    // O assign — each through the writer, each shown in the action's tooltip.
    void keyboardTriage()
    {
        IncidentsView view(m_store.queries());
        QAbstractItemModelTester tester(
            view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setWriter(m_store.writer());
        view.setTextPrompt(
            [](const QString &, const QString &) { return std::optional<QString>(u"carol"_s); });
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(loaded(view, 4), 10000);
        QVERIFY(view.action(IncidentsView::AcknowledgeAction)->toolTip().contains(u"A"_s));
        QCOMPARE(view.action(IncidentsView::ResolveAction)->shortcut(), QKeySequence(Qt::Key_R));

        // All incidents, so the resolved one stays in the list (and selected) at the end.
        view.statusFilter()->setCurrentIndex(view.statusFilter()->findData(-1));
        QTRY_VERIFY_WITH_TIMEOUT(loaded(view, 4), 10000);
        QTableView *table = view.tableView();
        table->setFocus();
        table->setCurrentIndex(view.model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Down);
        QCOMPARE(table->currentIndex().row(), 1);
        const qint64 id = idAt(view, 1);
        QTRY_COMPARE_WITH_TIMEOUT(
            view.shownIncident().value_or(Core::IncidentId {}).value, id, 10000);

        QTest::keyClick(table, Qt::Key_A);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), Core::IncidentStatus::Acknowledged, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(view.pendingChanges(), 0, 10000);
        // The list reloads; the same incident keeps being the current one only if it kept its
        // row, so select it again by id before the next key.
        QTRY_VERIFY_WITH_TIMEOUT(loaded(view, 4), 10000);
        const int row = view.model()->cachedRowOf(Core::IncidentId { id });
        QVERIFY(row >= 0);
        table->setCurrentIndex(view.model()->index(row, 0));
        QTest::keyClick(table, Qt::Key_I);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), Core::IncidentStatus::Investigating, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(view.pendingChanges(), 0, 10000);
        // The selection follows the incident across the list's reload.
        QTRY_VERIFY_WITH_TIMEOUT(loaded(view, 4), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            table->currentIndex().data(IncidentTableModel::IncidentIdRole).toLongLong(), id, 10000);
        QTest::keyClick(table, Qt::Key_O);
        QTRY_COMPARE_WITH_TIMEOUT(ownerOf(id), u"carol"_s, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(view.pendingChanges(), 0, 10000);
        // Each change reloads the list: a key pressed before the incident is current again acts
        // on nothing (seen once in CI, under load).
        const auto currentAgain = [&] {
            return loaded(view, 4)
                && table->currentIndex().data(IncidentTableModel::IncidentIdRole).toLongLong()
                == id;
        };
        QTRY_VERIFY_WITH_TIMEOUT(currentAgain(), 10000);
        // A refused move says why and changes nothing.
        QTest::keyClick(table, Qt::Key_A);
        QTRY_COMPARE_WITH_TIMEOUT(view.pendingChanges(), 0, 10000);
        QCOMPARE(statusOf(id), Core::IncidentStatus::Investigating);
        QTRY_VERIFY_WITH_TIMEOUT(currentAgain(), 10000);
        QTest::keyClick(table, Qt::Key_R);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), Core::IncidentStatus::Resolved, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(view.pendingChanges(), 0, 10000);

        // The detail shows the audit trail and the timeline of the incident.
        QTRY_COMPARE_WITH_TIMEOUT(
            view.shownIncident().value_or(Core::IncidentId {}).value, id, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(view.auditTable()->rowCount(), 4, 10000);
        QCOMPARE(view.auditTable()->item(0, 1)->text(), u"officer-a"_s);
        QVERIFY(view.timelineList()->count() >= 5); // its alert and four changes
        // Resolved incidents leave the default "open" list.
        view.statusFilter()->setCurrentIndex(view.statusFilter()->findData(-2));
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->totalCount(), 3, 10000);
    }

    // Ctrl+A then A: every selected incident is acknowledged, one change each.
    void bulkAcknowledge()
    {
        IncidentsView view(m_store.queries());
        view.setWriter(m_store.writer());
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(loaded(view, 3), 10000);
        QTableView *table = view.tableView();
        table->setFocus();
        table->setCurrentIndex(view.model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(table->selectionModel()->selectedRows().size(), 3);
        QList<qint64> ids;
        for (int r = 0; r < 3; ++r) {
            ids << idAt(view, r);
        }
        QTest::keyClick(table, Qt::Key_A);
        QTRY_COMPARE_WITH_TIMEOUT(view.pendingChanges(), 0, 10000);
        for (const qint64 id : std::as_const(ids)) {
            QCOMPARE(statusOf(id), Core::IncidentStatus::Acknowledged);
        }
        QVERIFY(!view.messageText().isEmpty());
    }

    // Read-only review: every action is disabled and keys do nothing.
    void readOnly()
    {
        IncidentsView view(m_store.queries());
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(loaded(view, 3), 10000);
        QVERIFY(view.isReadOnly());
        view.tableView()->setFocus();
        view.tableView()->setCurrentIndex(view.model()->index(0, 0));
        for (int a = 0; a < IncidentsView::ActionCount; ++a) {
            QVERIFY(!view.action(IncidentsView::Action(a))->isEnabled());
        }
        const qint64 id = idAt(view, 0);
        const auto before = statusOf(id);
        QTest::keyClick(view.tableView(), Qt::Key_I);
        QTest::qWait(200);
        QCOMPARE(view.pendingChanges(), 0);
        QCOMPARE(statusOf(id), before);
    }

    void filtersByStatus()
    {
        IncidentsView view(m_store.queries());
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(view, 3), 10000);
        const int all = view.statusFilter()->findData(-1);
        QVERIFY(all >= 0);
        view.statusFilter()->setCurrentIndex(all);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->totalCount(), 4, 10000);
        const int resolved = view.statusFilter()->findData(int(Core::IncidentStatus::Resolved));
        view.statusFilter()->setCurrentIndex(resolved);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->totalCount(), 1, 10000);
    }

    // The header's menu shows and hides columns; the id and the title stay, and the title takes
    // the room a hidden column leaves.
    void headerMenuHidesColumns()
    {
        IncidentsView view(m_store.queries());
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QHeaderView *header = view.tableView()->horizontalHeader();
        const int titleBefore = header->sectionSize(IncidentTableModel::TitleColumn);
        const int ownerWidth = header->sectionSize(IncidentTableModel::OwnerColumn);

        std::unique_ptr<QMenu> menu(view.columnChooser()->createMenu(nullptr));
        const QList<QAction *> actions = menu->actions();
        QCOMPARE(actions.size(), int(IncidentTableModel::ColumnCount));
        QCOMPARE(actions.at(IncidentTableModel::OwnerColumn)->text(), u"Owner"_s);
        QVERIFY(!actions.at(IncidentTableModel::IdColumn)->isEnabled());
        QVERIFY(!actions.at(IncidentTableModel::TitleColumn)->isEnabled());
        QVERIFY(actions.at(IncidentTableModel::OwnerColumn)->isChecked());

        QSignalSpy changed(view.columnChooser(), &ColumnChooser::columnsChanged);
        actions.at(IncidentTableModel::OwnerColumn)->trigger();
        QCOMPARE(changed.size(), 1);
        QVERIFY(header->isSectionHidden(IncidentTableModel::OwnerColumn));
        QCOMPARE(view.columnChooser()->hiddenColumns(),
            QList<int>({ IncidentTableModel::OwnerColumn }));
        QCOMPARE(header->sectionSize(IncidentTableModel::TitleColumn), titleBefore + ownerWidth);

        // Kept and unknown columns are ignored when restored from settings.
        view.columnChooser()->setHiddenColumns(
            { IncidentTableModel::TitleColumn, IncidentTableModel::RiskColumn, 99 });
        QVERIFY(!header->isSectionHidden(IncidentTableModel::TitleColumn));
        QVERIFY(!header->isSectionHidden(IncidentTableModel::OwnerColumn));
        QCOMPARE(view.columnChooser()->hiddenColumns(),
            QList<int>({ IncidentTableModel::RiskColumn }));
        view.columnChooser()->setHiddenColumns({});
        QCOMPARE(header->sectionSize(IncidentTableModel::TitleColumn), titleBefore);
    }

    // The filters and the action buttons span the view above the splitter: the row of nine
    // buttons (about 900 px in English) does not set the list's minimum width, so the splitter
    // can give the detail pane room on a 1440 px screen (with the detail beside the list).
    void actionsDoNotWidenTheList()
    {
        IncidentsView view(m_store.queries());
        view.setDetailPlacement(IncidentsView::DetailPlacement::Beside);
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *splitter = view.findChild<QSplitter *>();
        QVERIFY(splitter);
        int buttons = 0;
        for (const QToolButton *b : view.findChildren<QToolButton *>()) {
            if (!b->defaultAction()) {
                continue;
            }
            buttons += b->sizeHint().width();
        }
        QVERIFY(buttons > 600);
        QVERIFY2(splitter->widget(0)->minimumSizeHint().width() < buttons / 2,
            qPrintable(u"list minimum %1 px, buttons %2 px"_s
                           .arg(splitter->widget(0)->minimumSizeHint().width())
                           .arg(buttons)));
    }

    // By default the detail sits below the list: the list has the view's width, so the title
    // column holds a long title whole, and the detail's four tabs show without scroll arrows.
    // Beside it (View ▸ "Incident details beside the list"), the splitter turns; each placement
    // keeps its own sizes, and saveState/restoreState carry the placement and both sizes.
    void detailBelowOrBeside()
    {
        IncidentsView view(m_store.queries());
        view.resize(1250, 780);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *splitter = view.findChild<QSplitter *>();
        QVERIFY(splitter);
        QCOMPARE(view.detailPlacement(), IncidentsView::DetailPlacement::Below);
        QCOMPARE(splitter->orientation(), Qt::Vertical);
        QVERIFY(!view.detailBesideAction()->isChecked());
        const QHeaderView *header = view.tableView()->horizontalHeader();
        const QFontMetrics fm = view.tableView()->fontMetrics();
        const int longTitle
            = fm.horizontalAdvance(u"LG Online banking login failure burst from single source"_s);
        QVERIFY2(header->sectionSize(IncidentTableModel::TitleColumn) > longTitle,
            qPrintable(u"title column %1 px, a long title %2 px"_s
                           .arg(header->sectionSize(IncidentTableModel::TitleColumn))
                           .arg(longTitle)));
        QTabBar *tabs = view.detailTabs()->tabBar();
        QVERIFY2(tabs->sizeHint().width() <= view.detailTabs()->width(),
            qPrintable(u"tabs need %1 px, have %2"_s.arg(tabs->sizeHint().width())
                           .arg(view.detailTabs()->width())));
        // The detail keeps room for about a dozen alerts; the list has the rest.
        const int rowHeight = view.tableView()->verticalHeader()->defaultSectionSize();
        QVERIFY2(splitter->sizes().at(1) >= 10 * rowHeight,
            qPrintable(u"detail %1 px"_s.arg(splitter->sizes().at(1))));
        QVERIFY(splitter->sizes().at(0) > splitter->sizes().at(1));
        QTest::qWait(0);
        const int titleBelow = header->sectionSize(IncidentTableModel::TitleColumn);

        splitter->setSizes({ 400, 300 });
        const QList<int> belowSizes = splitter->sizes();
        view.detailBesideAction()->trigger();
        QCOMPARE(view.detailPlacement(), IncidentsView::DetailPlacement::Beside);
        QCOMPARE(splitter->orientation(), Qt::Horizontal);
        QCoreApplication::processEvents();
        QVERIFY2(header->sectionSize(IncidentTableModel::TitleColumn) < titleBelow,
            qPrintable(u"title beside %1 px, below %2"_s
                           .arg(header->sectionSize(IncidentTableModel::TitleColumn))
                           .arg(titleBelow)));
        splitter->setSizes({ 800, 400 });
        const QList<int> besideSizes = splitter->sizes();
        const QByteArray state = view.saveState();

        // Back below: the sizes it had there.
        view.detailBesideAction()->trigger();
        QCOMPARE(splitter->orientation(), Qt::Vertical);
        QCOMPARE(splitter->sizes(), belowSizes);

        IncidentsView restored(m_store.queries());
        restored.resize(1250, 780);
        restored.restoreState(state);
        restored.show();
        QVERIFY(QTest::qWaitForWindowExposed(&restored));
        auto *restoredSplitter = restored.findChild<QSplitter *>();
        QCOMPARE(restored.detailPlacement(), IncidentsView::DetailPlacement::Beside);
        QVERIFY(restored.detailBesideAction()->isChecked());
        QCOMPARE(restoredSplitter->orientation(), Qt::Horizontal);
        QCOMPARE(restoredSplitter->sizes(), besideSizes);
        restored.setDetailPlacement(IncidentsView::DetailPlacement::Below);
        QCOMPARE(restoredSplitter->sizes(), belowSizes);

        // What cannot be read (nothing saved, a bare splitter state from an older build, a
        // truncated blob) leaves the defaults.
        for (const QByteArray &bad : { QByteArray(), splitter->saveState(), state.left(9) }) {
            IncidentsView fresh(m_store.queries());
            fresh.restoreState(bad);
            QCOMPARE(fresh.detailPlacement(), IncidentsView::DetailPlacement::Below);
        }
    }

    // While the demo plays, countdowns and risk count from the story's time (the status bar's
    // "Demo time"), not from the wall clock a day later; without a story, from the wall clock.
    void countsFromTheStoryClock()
    {
        IncidentsView view(m_store.queries());
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->cachedIncident(0).has_value(), 10000);
        const Storage::IncidentRow first = *view.model()->cachedIncident(0);
        QVERIFY(first.isOpen());
        const QModelIndex deadline = view.model()->index(0, IncidentTableModel::DeadlineColumn);
        QCOMPARE(deadline.data().toString(),
            IncidentTableModel::countdownText(first.deadline, Core::nowMs()));

        DisplayClock::followStory(first.deadline - (3 * 60 + 20) * 60'000LL);
        QCOMPARE(view.model()->referenceTime(), first.deadline - (3 * 60 + 20) * 60'000LL);
        QCOMPARE(deadline.data().toString(), u"in 3 h 20 min"_s);
        QVERIFY(!deadline.data(Qt::ForegroundRole).isValid());

        DisplayClock::followStory(first.deadline + 45 * 60'000LL);
        QCOMPARE(deadline.data().toString(), u"45 min overdue"_s);
        QVERIFY(deadline.data(Qt::ForegroundRole).isValid()); // red

        DisplayClock::followWallClock();
        QVERIFY(!DisplayClock::followsStory());
        QCOMPARE(deadline.data().toString(),
            IncidentTableModel::countdownText(first.deadline, Core::nowMs()));
    }

    // The model reads a page on from a cached neighbour (keyset) and jumps from the nearer end of
    // the list: either way its rows are the store's list, row for row, scrolling down from the
    // top and up from the bottom.
    void pagesFollowTheStoreOrder()
    {
        Test::TestStore store;
        QVERIFY(store.open());
        const Core::TimestampMs now = Core::nowMs();
        QList<Core::Alert> alerts;
        for (int i = 0; i < 350; ++i) {
            // Nine minutes and two severities (medium and up open incidents): many incidents
            // tie on risk.
            Core::Alert a
                = Test::makeAlert(1000 + i, now - (i % 9) * 60'000, Core::Severity(2 + i % 2));
            a.rule = u"paging:%1"_s.arg(i);
            a.entity = u"node-%1.bank.example"_s.arg(i);
            alerts << a;
        }
        QCOMPARE(store.submitAlerts(alerts).accepted, 350);
        auto listed = store.queries()->incidents(
            {}, Storage::IncidentSort::RiskDesc, Storage::IncidentPageAt(), -1, now);
        listed.waitForFinished();
        QVERIFY(listed.result().ok());
        QList<qint64> expected;
        for (const Storage::IncidentRow &r : listed.result().value()) {
            expected << r.id.value;
        }
        QVERIFY(expected.size() > 3 * IncidentTableModel::kPageSize);
        const int pages = int((expected.size() - 1) / IncidentTableModel::kPageSize) + 1;
        for (const bool upward : { false, true }) {
            IncidentTableModel model(store.queries());
            QAbstractItemModelTester tester(
                &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
            model.reload();
            QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), expected.size(), 10000);
            for (int i = 0; i < pages; ++i) {
                const int page = upward ? pages - 1 - i : i;
                const int first = page * IncidentTableModel::kPageSize;
                model.index(first, 0).data(); // asks for the page
                QTRY_VERIFY_WITH_TIMEOUT(model.cachedIncident(first).has_value(), 10000);
                const int end
                    = std::min<int>(first + IncidentTableModel::kPageSize, expected.size());
                for (int row = first; row < end; ++row) {
                    QCOMPARE(model.cachedIncident(row).value_or(Storage::IncidentRow()).id.value,
                        expected.at(row));
                }
            }
        }
    }

    void untrustedText_data() { Test::addUntrustedTextRows(); }

    // An incident's title comes from its alerts, its owner and notes from officers: the list,
    // the detail header and facts, the timeline and the audit trail show them literally.
    void untrustedText()
    {
        QFETCH(QString, raw);
        QFETCH(QString, shown);
        Test::TestStore store;
        QVERIFY(store.open());
        Core::Alert a = Test::makeAlert(
            1, Core::nowMs() - 60'000, Core::Severity::High, Core::Category::Fraud);
        a.title = u"title "_s + raw;
        a.entity = u"entity "_s + raw;
        QCOMPARE(store.submitAlerts({ a }).accepted, 1);

        IncidentsView view(store.queries());
        view.setWriter(store.writer());
        view.setTextPrompt([raw](const QString &, const QString &) {
            return std::optional<QString>(u"owner "_s + raw);
        });
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(loaded(view, 1), 10000);
        QTableView *table = view.tableView();
        table->setFocus();
        table->setCurrentIndex(view.model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_O); // assign: the owner comes from the prompt
        QTRY_COMPARE_WITH_TIMEOUT(view.pendingChanges(), 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(ownerOfIn(store, idAt(view, 0)), u"owner "_s + raw, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(loaded(view, 1), 10000);

        // The list.
        const QModelIndex title = view.model()->index(0, IncidentTableModel::TitleColumn);
        QVERIFY2(title.data().toString().contains(u"title "_s + shown),
            qPrintable(title.data().toString()));
        QVERIFY(!title.data().toString().contains(raw) || raw == shown);
        QVERIFY(Test::renderedRichText(title.data(Qt::ToolTipRole).toString())
                    .contains(u"title "_s + shown));
        QTRY_COMPARE_WITH_TIMEOUT(
            view.model()->index(0, IncidentTableModel::OwnerColumn).data().toString(),
            u"owner "_s + shown, 10000);
        // The detail: header, facts, timeline and audit trail.
        table->setCurrentIndex(view.model()->index(0, 0));
        QTRY_VERIFY_WITH_TIMEOUT(view.shownIncident().has_value(), 10000);
        const auto *header = view.findChild<QLabel *>(u"incidentTitle"_s);
        QVERIFY(header);
        QTRY_VERIFY_WITH_TIMEOUT(header->text().contains(u"title "_s + shown), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(view.auditTable()->rowCount() >= 1, 10000);
        bool ownerInAudit = false;
        for (int r = 0; r < view.auditTable()->rowCount(); ++r) {
            const QString change = view.auditTable()->item(r, 3)->text();
            QVERIFY(!change.contains(raw) || raw == shown);
            ownerInAudit = ownerInAudit || change.contains(u"owner "_s + shown);
        }
        QVERIFY(ownerInAudit);
        bool titleInTimeline = false;
        for (int r = 0; r < view.timelineList()->count(); ++r) {
            const QString line = view.timelineList()->item(r)->text();
            QVERIFY2(!line.contains(raw) || raw == shown, qPrintable(line));
            titleInTimeline = titleInTimeline || line.contains(u"title "_s + shown);
        }
        QVERIFY(titleInTimeline);
        bool ownerInFacts = false;
        for (const QLabel *label : view.findChildren<QLabel *>()) {
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->text()));
            QVERIFY2(!label->text().contains(raw) || raw == shown, qPrintable(label->text()));
            ownerInFacts = ownerInFacts || label->text().contains(u"owner "_s + shown);
        }
        QVERIFY(ownerInFacts);
    }
};

QTEST_MAIN(tst_IncidentsView)
#include "tst_incidentsview.moc"
