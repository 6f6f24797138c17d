// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertdetailpanel.h"
#include "alertsview.h"
#include "alerttablemodel.h"
#include "alerttableview.h"
#include "modelroles.h"
#include "widgettestsupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Widgets::AlertDetailPanel;
using Widgets::AlertsView;
using Widgets::AlertTableModel;
using Widgets::AlertTableView;

class tst_AlertsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rendersRows();
    void severityFilter();
    void searchIsDebounced();
    void feedFilterListsFeeds();
    void untrustedTextIsPlain();
    void headerSortsOnlyTimeAndSeverity();
    void storeScrollBarCoversTheStore();
    void otherModelsKeepTheirOwnBar();

private:
    static constexpr int kAlerts = 300;
    // Markup, a bidi override and terminal control characters (issue 9).
    static inline const QString kUntrusted = u"<b>x</b><img src=x>\u202Efdp.exe\x1b[2J"_s;
    static inline const QString kShown = u"<b>x</b><img src=x><U+202E>fdp.exe\u241B[2J"_s;
    Test::TestStore m_store;
};

void tst_AlertsView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_store.open());
    QCOMPARE(m_store.submitAlerts(Test::makeAlerts(0, kAlerts, Test::kBaseTime, 1000)).accepted,
        kAlerts);
    // The newest alert carries markup in every text field, plus a searchable word.
    Core::Alert hostile = Test::makeAlert(kAlerts, Test::kBaseTime + 10'000'000,
        Core::Severity::Critical, Core::Category::Fraud, u"fraud"_s, kUntrusted + u" zebrafish"_s);
    hostile.message = kUntrusted;
    hostile.entity = kUntrusted;
    QCOMPARE(m_store.submitAlerts({ hostile }, u"fraud"_s).accepted, 1);
}

void tst_AlertsView::rendersRows()
{
    AlertsView view(m_store.queries());
    QAbstractItemModelTester tester(
        view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.resize(1200, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(view.model()->rowCount(), kAlerts + 1);
    QTRY_VERIFY(view.model()->cachedAlert(0).has_value());
    QVERIFY(view.countText().contains(QLocale().toString(kAlerts + 1)));
    QVERIFY(view.tableView()->verticalHeader()->isHidden());
    QCOMPARE(view.tableView()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
    QVERIFY(Test::distinctColours(view) > 10);
}

void tst_AlertsView::severityFilter()
{
    AlertsView view(m_store.queries());
    QTRY_COMPARE(view.model()->rowCount(), kAlerts + 1);
    const int critical = view.severityFilter()->findData(int(Core::Severity::Critical));
    QVERIFY(critical > 0);
    view.severityFilter()->setCurrentIndex(critical);
    QCOMPARE(view.model()->filter().minSeverity, Core::Severity::Critical);
    QTRY_COMPARE(view.model()->rowCount(), kAlerts / 5 + 1);

    const int fraud = view.categoryFilter()->findData(u"fraud"_s);
    view.categoryFilter()->setCurrentIndex(fraud);
    QCOMPARE(view.model()->filter().categories, QStringList { u"fraud"_s });
    auto count = m_store.queries()->countAlerts(view.model()->filter());
    count.waitForFinished();
    QTRY_COMPARE(view.model()->totalCount(), count.result().value());
}

void tst_AlertsView::searchIsDebounced()
{
    AlertsView view(m_store.queries());
    view.show();
    QTRY_COMPARE(view.model()->rowCount(), kAlerts + 1);
    QTest::keyClicks(view.searchEdit(), u"zebrafish"_s);
    // Not yet: typing is debounced.
    QVERIFY(view.model()->filter().search.isEmpty());
    QTRY_COMPARE(view.model()->filter().search, u"zebrafish"_s);
    QTRY_COMPARE(view.model()->rowCount(), 1);
}

void tst_AlertsView::feedFilterListsFeeds()
{
    AlertsView view(m_store.queries());
    QTRY_VERIFY(view.feedFilter()->findData(u"fraud"_s) > 0);
    QVERIFY(view.feedFilter()->findData(u"ids"_s) > 0);
    view.feedFilter()->setCurrentIndex(view.feedFilter()->findData(u"fraud"_s));
    QCOMPARE(view.model()->filter().feed, u"fraud"_s);
    QTRY_COMPARE(view.model()->rowCount(), 1);
}

void tst_AlertsView::untrustedTextIsPlain()
{
    AlertsView view(m_store.queries());
    view.resize(1200, 800);
    view.show();
    QTRY_VERIFY(view.model()->cachedAlert(0).has_value());
    QCOMPARE(view.model()->index(0, AlertTableModel::TitleColumn).data().toString(),
        kShown + u" zebrafish"_s);
    QCOMPARE(view.model()->index(0, AlertTableModel::EntityColumn).data().toString(), kShown);

    view.tableView()->selectRow(0);
    AlertDetailPanel *detail = view.detailPanel();
    QTRY_VERIFY(detail->alertId().has_value());
    for (int field = 0; field < AlertDetailPanel::FieldCount; ++field) {
        QCOMPARE(detail->fieldLabel(AlertDetailPanel::Field(field))->textFormat(), Qt::PlainText);
    }
    QCOMPARE(detail->fieldLabel(AlertDetailPanel::TitleField)->text(), kShown + u" zebrafish"_s);
    QCOMPARE(detail->fieldLabel(AlertDetailPanel::MessageField)->text(), kShown);
    QCOMPARE(detail->fieldLabel(AlertDetailPanel::EntityField)->text(), kShown);
    // The raw record is pretty-printed JSON, shown as text.
    QVERIFY(detail->rawText().contains(u"\"title\": \"<b>x</b><img src=x><U+202E>fdp.exe"_s));
    QVERIFY(!detail->rawText().contains(QChar(0x202E)));
    QVERIFY(detail->rawText().contains(u'\n'));
    // The title tooltip is escaped rich text: the markup shows literally.
    const QString tip
        = view.model()->index(0, AlertTableModel::TitleColumn).data(Qt::ToolTipRole).toString();
    QVERIFY(tip.contains(u"&lt;img src=x&gt;"_s));
    QVERIFY(!tip.contains(u"<img"_s));
    QVERIFY(Test::distinctColours(view) > 10);
}

void tst_AlertsView::headerSortsOnlyTimeAndSeverity()
{
    AlertsView view(m_store.queries());
    view.resize(1200, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(view.model()->rowCount(), kAlerts + 1);
    QHeaderView *header = view.tableView()->horizontalHeader();
    const auto clickSection = [header](int section) {
        const int x = header->sectionViewportPosition(section) + header->sectionSize(section) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    };
    clickSection(AlertTableModel::SeverityColumn);
    QVERIFY(view.model()->sortOrder() == Storage::AlertSort::SeverityDesc
        || view.model()->sortOrder() == Storage::AlertSort::SeverityAsc);
    const Storage::AlertSort bySeverity = view.model()->sortOrder();
    clickSection(AlertTableModel::TitleColumn);
    QCOMPARE(view.model()->sortOrder(), bySeverity);
    QCOMPARE(header->sortIndicatorSection(), int(AlertTableModel::SeverityColumn));
    clickSection(AlertTableModel::TimeColumn);
    QVERIFY(view.model()->sortOrder() == Storage::AlertSort::TimeDesc
        || view.model()->sortOrder() == Storage::AlertSort::TimeAsc);
}

void tst_AlertsView::storeScrollBarCoversTheStore()
{
    AlertsView view(m_store.queries());
    AlertTableModel *model = view.model();
    AlertTableView *table = view.alertTable();
    model->setWindowRows(60);
    model->reload();
    view.resize(1200, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(model->totalCount(), kAlerts + 1);
    QCOMPARE(model->rowCount(), 60);
    const auto expectedId = [this](qint64 storeRow) {
        auto f = m_store.queries()->alertsAt({}, Storage::AlertSort::TimeDesc, storeRow, 1);
        f.waitForFinished();
        return f.result()->alerts.value(0).id.value;
    };
    const auto storeRowOf
        = [&](const QModelIndex &index) { return model->windowStart() + index.row(); };

    // The store bar covers all 301 alerts; the view's own bar, 60 rows of them, is hidden.
    QScrollBar *bar = table->storeScrollBar();
    QTRY_VERIFY(bar->isVisible());
    QVERIFY(!table->verticalScrollBar()->isVisible());
    QCOMPARE(bar->maximum() + bar->pageStep(), kAlerts + 1);
    const int visible = bar->pageStep();
    QVERIFY2(visible > 5 && visible < 30, qPrintable(QString::number(visible)));
    QVERIFY(!bar->accessibleName().isEmpty());
    QCOMPARE(table->positionText(200),
        u"Alert %1 of %2"_s.arg(QLocale().toString(201), QLocale().toString(kAlerts + 1)));

    // Dragging the store bar to alert 200: the window moves there and the view shows it on top.
    bar->setValue(200);
    QCOMPARE(table->topStoreRow(), 200);
    QVERIFY(model->windowStart() > 0);
    QCOMPARE(storeRowOf(table->indexAt(QPoint(5, 2))), 200);
    QTRY_VERIFY(table->indexAt(QPoint(5, 2)).data(Widgets::LoadedRole).toBool());
    QCOMPARE(table->indexAt(QPoint(5, 2)).data(Widgets::AlertIdRole).toLongLong(), expectedId(200));

    // Scrolling to the window's first row moves the window up under the same rows.
    const qint64 start = model->windowStart();
    table->verticalScrollBar()->setValue(0);
    QCOMPARE(table->topStoreRow(), start);
    QVERIFY(model->windowStart() < start);
    QCOMPARE(bar->value(), start);
    QCOMPARE(storeRowOf(table->indexAt(QPoint(5, 2))), start);

    // A page down inside the window moves the store bar with it.
    table->verticalScrollBar()->triggerAction(QAbstractSlider::SliderPageStepAdd);
    QCOMPARE(bar->value(), table->topStoreRow());
    QVERIFY(table->topStoreRow() > start);

    // Ctrl+End and Ctrl+Home reach the last and first alert of the store, not of the window.
    table->setFocus();
    QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(storeRowOf(table->currentIndex()), kAlerts);
    QCOMPARE(bar->value(), bar->maximum());
    QTRY_VERIFY(table->currentIndex().data(Widgets::LoadedRole).toBool());
    QCOMPARE(table->currentIndex().data(Widgets::AlertIdRole).toLongLong(), expectedId(kAlerts));
    QTest::keyClick(table, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(model->windowStart(), 0);
    QCOMPARE(table->currentIndex().row(), 0);
    QCOMPARE(bar->value(), 0);

    // Arrow keys walk across the window's end: 100 rows down is store row 100.
    for (int i = 0; i < 100; ++i) {
        QTest::keyClick(table, Qt::Key_Down);
    }
    QCOMPARE(storeRowOf(table->currentIndex()), 100);
    QVERIFY(model->windowStart() > 0);
    QTRY_VERIFY(table->currentIndex().data(Widgets::LoadedRole).toBool());
    QCOMPARE(table->currentIndex().data(Widgets::AlertIdRole).toLongLong(), expectedId(100));
    // The details follow the current alert.
    QTRY_COMPARE(view.detailPanel()->alertId().value_or(Core::AlertId {}).value, expectedId(100));

    // scrollToStoreRow, as a jump from elsewhere does it.
    table->scrollToStoreRow(250);
    QCOMPARE(table->topStoreRow(), std::min<qint64>(250, bar->maximum()));
}

void tst_AlertsView::otherModelsKeepTheirOwnBar()
{
    QWidget window;
    auto *table = new AlertTableView(&window);
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(table->wrapInFrame());
    QStandardItemModel model(500, 2);
    table->setModel(&model);
    window.resize(400, 300);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // All 500 rows are in the model: the table's own bar, not the store bar.
    QCOMPARE(table->verticalScrollBarPolicy(), Qt::ScrollBarAsNeeded);
    QTRY_VERIFY(table->verticalScrollBar()->isVisible());
    QVERIFY(!table->storeScrollBar()->isVisible());

    // An alert model again: the store bar.
    AlertTableModel alerts(m_store.queries());
    table->setModel(&alerts);
    QCOMPARE(table->verticalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
    QTRY_COMPARE(alerts.totalCount(), kAlerts + 1);
    QTRY_VERIFY(table->storeScrollBar()->isVisible());
}

QTEST_MAIN(tst_AlertsView)
#include "tst_alertsview.moc"
