// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertdetailpanel.h"
#include "alertsview.h"
#include "alerttablemodel.h"
#include "modelroles.h"
#include "widgettestsupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Widgets::AlertDetailPanel;
using Widgets::AlertsView;
using Widgets::AlertTableModel;

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

QTEST_MAIN(tst_AlertsView)
#include "tst_alertsview.moc"
