// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerttablemodel.h"
#include "modelroles.h"
#include "theme.h"
#include "widgettestsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Widgets::AlertTableModel;

// A model over a window of 300 rows, checked by QAbstractItemModelTester from its first reload.
struct Windowed
{
    explicit Windowed(Storage::QueryService *queries)
        : model(queries)
    {
        model.setWindowRows(300);
        model.reload();
    }
    AlertTableModel model;
    QAbstractItemModelTester tester { &model,
        QAbstractItemModelTester::FailureReportingMode::QtTest };
};

class tst_AlertTableModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void modelTester();
    void uncachedRowIsPlaceholder();
    void rowsMatchQueryService_data();
    void rowsMatchQueryService();
    void sortBySeverity();
    void onlyTimeAndSeveritySort();
    void compactTimeAgainstAReference();
    void filterCounts();
    void cacheIsBounded();
    void windowShowsStoreRows();
    void windowMoveKeepsSelection();
    void liveInsertKeepsSelection();
    // These add alerts to the store: after the tests that count on kAlerts.
    void liveInsertBelowTheTopMovesTheWindow();
    void liveInsertAtTheTopDropsOverflow();

private:
    // The store's current count of all alerts.
    qint64 storeCount();
    // Stores `count` alerts newer than every stored one and tells `model` the store changed.
    void addNewerAlerts(AlertTableModel &model, int count);
    // Reads `row` (scheduling its page) and waits until it is loaded.
    static bool waitForRow(AlertTableModel &model, int row);
    Core::Alert expectedAt(
        Storage::AlertSort sort, qint64 offset, const Storage::AlertFilter &filter = {});

    static constexpr int kAlerts = 1000;
    Test::TestStore m_store;
};

void tst_AlertTableModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_store.open());
    // Given 1000 alerts one second apart, severities and categories cycling.
    const Storage::BatchResult r
        = m_store.submitAlerts(Test::makeAlerts(0, kAlerts, Test::kBaseTime, 1000));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.accepted, kAlerts);
}

bool tst_AlertTableModel::waitForRow(AlertTableModel &model, int row)
{
    const QModelIndex index = model.index(row, 0);
    model.data(index, Qt::DisplayRole);
    return QTest::qWaitFor([&] { return model.data(index, Widgets::LoadedRole).toBool(); }, 5000);
}

qint64 tst_AlertTableModel::storeCount()
{
    auto f = m_store.queries()->countAlerts({});
    f.waitForFinished();
    return f.result().value();
}

void tst_AlertTableModel::addNewerAlerts(AlertTableModel &model, int count)
{
    const qint64 before = storeCount();
    const auto r
        = m_store.submitAlerts(Test::makeAlerts(int(before), count, Test::kBaseTime, 1000));
    QCOMPARE(r.accepted, count);
    model.refresh();
}

Core::Alert tst_AlertTableModel::expectedAt(
    Storage::AlertSort sort, qint64 offset, const Storage::AlertFilter &filter)
{
    auto f = m_store.queries()->alertsAt(filter, sort, offset, 1);
    f.waitForFinished();
    const Storage::Result<Storage::AlertPage> r = f.result();
    if (!r.ok() || r->alerts.isEmpty()) {
        return {};
    }
    return r->alerts.first();
}

void tst_AlertTableModel::modelTester()
{
    AlertTableModel model(m_store.queries());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), kAlerts);
    QVERIFY(waitForRow(model, 0));
    QVERIFY(waitForRow(model, 450));
    model.sort(AlertTableModel::SeverityColumn, Qt::DescendingOrder);
    QTRY_VERIFY(!model.isCounting());
    QVERIFY(waitForRow(model, 10));
    Storage::AlertFilter filter;
    filter.minSeverity = Core::Severity::High;
    model.setFilter(filter);
    QTRY_COMPARE(model.rowCount(), kAlerts * 2 / 5);
}

void tst_AlertTableModel::uncachedRowIsPlaceholder()
{
    AlertTableModel model(m_store.queries());
    QTRY_COMPARE(model.rowCount(), kAlerts);
    const QModelIndex index = model.index(777, AlertTableModel::TitleColumn);
    // The first look shows a placeholder and schedules the page; its arrival says dataChanged.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QCOMPARE(model.data(index).toString(), u"…"_s);
    QCOMPARE(model.data(index, Widgets::LoadedRole).toBool(), false);
    QTRY_VERIFY(model.data(index, Widgets::LoadedRole).toBool());
    QVERIFY(!changed.isEmpty());
    const QModelIndex topLeft = changed.last().at(0).value<QModelIndex>();
    const QModelIndex bottomRight = changed.last().at(1).value<QModelIndex>();
    QCOMPARE(topLeft.row(), 600); // the whole page of row 777
    QCOMPARE(bottomRight.row(), 799);
    QCOMPARE(model.data(index).toString(), u"Alert number %1"_s.arg(kAlerts - 1 - 777));
}

void tst_AlertTableModel::rowsMatchQueryService_data()
{
    QTest::addColumn<QList<int>>("rows");
    QTest::addRow("first page") << QList<int> { 0, 1, 199 };
    QTest::addRow("keyset continuation") << QList<int> { 0, 200, 399, 400 };
    QTest::addRow("random jump") << QList<int> { 999, 650, 3 };
}

void tst_AlertTableModel::rowsMatchQueryService()
{
    QFETCH(QList<int>, rows);
    AlertTableModel model(m_store.queries());
    QTRY_COMPARE(model.rowCount(), kAlerts);
    for (int row : rows) {
        QVERIFY2(waitForRow(model, row), qPrintable(u"row %1"_s.arg(row)));
        const Core::Alert expected = expectedAt(Storage::AlertSort::TimeDesc, row);
        QCOMPARE(model.index(row, 0).data(Widgets::AlertIdRole).toLongLong(), expected.id.value);
        QCOMPARE(model.index(row, 0).data(Widgets::TimestampRole).toLongLong(), expected.ts);
        // Newest first: row N is the N-th newest alert.
        QCOMPARE(expected.ts, Test::kBaseTime + qint64(kAlerts - 1 - row) * 1000);
        QCOMPARE(model.index(row, AlertTableModel::TimeColumn).data(Qt::ToolTipRole).toString(),
            Core::formatIsoTimestamp(expected.ts));
    }
}

void tst_AlertTableModel::sortBySeverity()
{
    AlertTableModel model(m_store.queries());
    QTRY_COMPARE(model.rowCount(), kAlerts);
    model.sort(AlertTableModel::SeverityColumn, Qt::DescendingOrder);
    QCOMPARE(model.sortOrder(), Storage::AlertSort::SeverityDesc);
    QTRY_VERIFY(!model.isCounting());
    for (int row : { 0, 199, 200, 201, 500, 999 }) {
        QVERIFY(waitForRow(model, row));
        const Core::Alert expected = expectedAt(Storage::AlertSort::SeverityDesc, row);
        QCOMPARE(model.index(row, 0).data(Widgets::AlertIdRole).toLongLong(), expected.id.value);
    }
    QCOMPARE(model.index(0, 0).data(Widgets::SeverityRole).toInt(), int(Core::Severity::Critical));
    QCOMPARE(model.index(999, 0).data(Widgets::SeverityRole).toInt(), int(Core::Severity::Info));

    model.sort(AlertTableModel::SeverityColumn, Qt::AscendingOrder);
    QTRY_VERIFY(!model.isCounting());
    QVERIFY(waitForRow(model, 0));
    QCOMPARE(model.index(0, 0).data(Widgets::SeverityRole).toInt(), int(Core::Severity::Info));
}

void tst_AlertTableModel::onlyTimeAndSeveritySort()
{
    AlertTableModel model(m_store.queries());
    QVERIFY(AlertTableModel::isSortable(AlertTableModel::TimeColumn));
    QVERIFY(AlertTableModel::isSortable(AlertTableModel::SeverityColumn));
    QVERIFY(!AlertTableModel::isSortable(AlertTableModel::TitleColumn));
    model.sort(AlertTableModel::TitleColumn, Qt::AscendingOrder);
    QCOMPARE(model.sortOrder(), Storage::AlertSort::TimeDesc);
    QVERIFY(model.headerData(AlertTableModel::TitleColumn, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(u"not sortable"_s));
    model.sort(AlertTableModel::TimeColumn, Qt::AscendingOrder);
    QCOMPARE(model.sortOrder(), Storage::AlertSort::TimeAsc);
    QTRY_VERIFY(!model.isCounting());
    QVERIFY(waitForRow(model, 0));
    QCOMPARE(model.index(0, 0).data(Widgets::TimestampRole).toLongLong(), Test::kBaseTime);
}

// The incident pane's alerts show the time of day on the incident's last day (dataChanged
// tells the view), the date and minute on other days, and the full time without a reference.
void tst_AlertTableModel::compactTimeAgainstAReference()
{
    AlertTableModel model(m_store.queries());
    model.sort(AlertTableModel::TimeColumn, Qt::AscendingOrder);
    QTRY_VERIFY(!model.isCounting());
    QVERIFY(waitForRow(model, 0));
    const QModelIndex first = model.index(0, AlertTableModel::TimeColumn);
    QCOMPARE(first.data(Widgets::TimestampRole).toLongLong(), Test::kBaseTime);
    const QLocale locale;
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(Test::kBaseTime).toLocalTime();
    QCOMPARE(first.data().toString(), Widgets::Theme::formatLocalTime(Test::kBaseTime, locale));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setCompactTimeReference(Test::kBaseTime + 1000);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(AlertTableModel::TimeColumn));
    QCOMPARE(first.data().toString(), locale.toString(local.time(), u"HH:mm:ss"_s));
    model.setCompactTimeReference(Test::kBaseTime + 1000);
    QCOMPARE(changed.size(), 1); // the same reference changes nothing

    model.setCompactTimeReference(Test::kBaseTime + 3 * 24 * 3'600'000LL);
    QCOMPARE(first.data().toString(),
        locale.toString(local.date(), QLocale::ShortFormat) + u' '
            + locale.toString(local.time(), u"HH:mm"_s));
    // The tooltip keeps the full time whichever form the cell shows.
    QCOMPARE(first.data(Qt::ToolTipRole).toString(), Core::formatIsoTimestamp(Test::kBaseTime));

    model.setCompactTimeReference(std::nullopt);
    QCOMPARE(first.data().toString(), Widgets::Theme::formatLocalTime(Test::kBaseTime, locale));
}

void tst_AlertTableModel::filterCounts()
{
    AlertTableModel model(m_store.queries());
    Storage::AlertFilter filter;
    filter.categories = { u"fraud"_s };
    model.setFilter(filter);
    auto f = m_store.queries()->countAlerts(filter);
    f.waitForFinished();
    QTRY_COMPARE(model.totalCount(), f.result().value());
    QCOMPARE(model.rowCount(), kAlerts / 4);
    QVERIFY(waitForRow(model, 5));
    QCOMPARE(model.index(5, AlertTableModel::CategoryColumn).data(Widgets::RawValueRole).toString(),
        u"fraud"_s);
}

void tst_AlertTableModel::cacheIsBounded()
{
    AlertTableModel model(m_store.queries());
    QTRY_COMPARE(model.rowCount(), kAlerts);
    // Small store: five pages; everything fits and stays.
    for (int row = 0; row < kAlerts; row += AlertTableModel::kPageSize) {
        QVERIFY(waitForRow(model, row));
    }
    QCOMPARE(model.cachedPageCount(), kAlerts / AlertTableModel::kPageSize);
    QVERIFY(model.cachedPageCount() <= AlertTableModel::kMaxCachedPages);
}

void tst_AlertTableModel::windowShowsStoreRows()
{
    Windowed windowed(m_store.queries());
    AlertTableModel &model = windowed.model;
    // The model shows a window of 300 of the 1000 rows, at the top first.
    QTRY_COMPARE(model.totalCount(), kAlerts);
    QCOMPARE(model.rowCount(), 300);
    QCOMPARE(model.windowStart(), 0);
    QCOMPARE(model.maxWindowStart(), kAlerts - 300);

    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QCOMPARE(model.setWindowStart(550), 550);
    QCOMPARE(layout.size(), 1);
    QCOMPARE(model.rowCount(), 300);
    QCOMPARE(model.modelRowOf(550), 0);
    QCOMPARE(model.modelRowOf(849), 299);
    QCOMPARE(model.modelRowOf(850), -1);
    QCOMPARE(model.modelRowOf(549), -1);
    // Model row r is store row 550 + r, across pages (550 sits in the page of 400..599).
    for (int row : { 0, 49, 50, 299 }) {
        QVERIFY(waitForRow(model, row));
        const Core::Alert expected = expectedAt(Storage::AlertSort::TimeDesc, 550 + row);
        QCOMPARE(model.index(row, 0).data(Widgets::AlertIdRole).toLongLong(), expected.id.value);
    }
    QCOMPARE(model.cachedRowOf(expectedAt(Storage::AlertSort::TimeDesc, 600).id), 50);
    QCOMPARE(model.cachedRowOf(expectedAt(Storage::AlertSort::TimeDesc, 0).id), -1);

    // Clamped at both ends; no layout change when it stays.
    QCOMPARE(model.setWindowStart(5000), kAlerts - 300);
    QCOMPARE(model.setWindowStart(-5), 0);
    QCOMPARE(layout.size(), 3);
    QCOMPARE(model.setWindowStart(0), 0);
    QCOMPARE(layout.size(), 3);

    // A filter with fewer rows than the window: all of them, and the window cannot move.
    Storage::AlertFilter filter;
    filter.categories = { u"fraud"_s };
    model.setFilter(filter);
    QTRY_COMPARE(model.rowCount(), kAlerts / 4);
    QCOMPARE(model.maxWindowStart(), 0);
    QCOMPARE(model.setWindowStart(100), 0);
}

void tst_AlertTableModel::windowMoveKeepsSelection()
{
    Windowed windowed(m_store.queries());
    AlertTableModel &model = windowed.model;
    QTableView view;
    view.setModel(&model);
    QTRY_COMPARE(model.rowCount(), 300);
    QVERIFY(waitForRow(model, 250));
    view.selectRow(250);
    const qint64 selectedId = model.index(250, 0).data(Widgets::AlertIdRole).toLongLong();

    // The window moves 200 rows down: the selected alert is now model row 50.
    model.setWindowStart(200);
    QModelIndexList selected = view.selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().row(), 50);
    QCOMPARE(view.currentIndex().row(), 50);
    QVERIFY(waitForRow(model, 50));
    QCOMPARE(model.index(50, 0).data(Widgets::AlertIdRole).toLongLong(), selectedId);

    // Far enough that it leaves the window: nothing selected, nothing wrongly selected.
    model.setWindowStart(600);
    QVERIFY(view.selectionModel()->selectedRows().isEmpty());
    QVERIFY(!view.currentIndex().isValid());
}

void tst_AlertTableModel::liveInsertKeepsSelection()
{
    AlertTableModel model(m_store.queries());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTableView view;
    view.setModel(&model);
    QTRY_COMPARE(model.rowCount(), kAlerts);
    QVERIFY(waitForRow(model, 5));
    view.selectRow(5);
    const qint64 selectedId = model.index(5, 0).data(Widgets::AlertIdRole).toLongLong();
    QVERIFY(selectedId > 0);

    // When ten newer alerts arrive and the store says so
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const auto r = m_store.submitAlerts(Test::makeAlerts(kAlerts, 10, Test::kBaseTime, 1000));
    QCOMPARE(r.accepted, 10);
    model.refresh();

    // Then they are inserted at the top and the selected alert stays selected.
    QTRY_COMPARE(model.rowCount(), kAlerts + 10);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 9);
    const QModelIndexList selected = view.selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().row(), 15);
    QCOMPARE(selected.first().data(Widgets::AlertIdRole).toLongLong(), selectedId);
    QVERIFY(waitForRow(model, 15));
    QCOMPARE(model.index(15, 0).data(Widgets::AlertIdRole).toLongLong(), selectedId);
    QVERIFY(waitForRow(model, 0));
    QCOMPARE(model.index(0, 0).data(Widgets::TimestampRole).toLongLong(),
        Test::kBaseTime + qint64(kAlerts + 9) * 1000);
}

void tst_AlertTableModel::liveInsertBelowTheTopMovesTheWindow()
{
    Windowed windowed(m_store.queries());
    AlertTableModel &model = windowed.model;
    QTableView view;
    view.setModel(&model);
    const qint64 before = storeCount();
    QTRY_COMPARE(model.totalCount(), before);
    model.setWindowStart(400);
    QVERIFY(waitForRow(model, 10));
    view.selectRow(10);
    const qint64 selectedId = model.index(10, 0).data(Widgets::AlertIdRole).toLongLong();
    const qint64 firstId = model.index(0, 0).data(Widgets::AlertIdRole).toLongLong();

    // When 25 newer alerts arrive while the window is below the top
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    addNewerAlerts(model, 25);

    // Then the window moves down with its alerts: same rows, no row signal.
    QTRY_COMPARE(model.totalCount(), before + 25);
    QCOMPARE(model.windowStart(), 425);
    QCOMPARE(model.rowCount(), 300);
    QVERIFY(inserted.isEmpty());
    QVERIFY(removed.isEmpty());
    QVERIFY(layout.isEmpty());
    QCOMPARE(view.selectionModel()->selectedRows().value(0).row(), 10);
    // Shown from the old pages at once, then from the refetched ones: the same alerts.
    QCOMPARE(model.index(0, 0).data(Widgets::AlertIdRole).toLongLong(), firstId);
    QTRY_VERIFY(!model.hasPendingFetches());
    QVERIFY(waitForRow(model, 10));
    QCOMPARE(model.index(10, 0).data(Widgets::AlertIdRole).toLongLong(), selectedId);
    QCOMPARE(model.index(0, 0).data(Widgets::AlertIdRole).toLongLong(), firstId);
}

void tst_AlertTableModel::liveInsertAtTheTopDropsOverflow()
{
    Windowed windowed(m_store.queries());
    AlertTableModel &model = windowed.model;
    const qint64 before = storeCount();
    QTRY_COMPARE(model.totalCount(), before);
    QCOMPARE(model.rowCount(), 300);

    // When 7 newer alerts arrive while the window is at the top
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    addNewerAlerts(model, 7);

    // Then they are inserted on top and the window's last 7 rows leave it.
    QTRY_COMPARE(model.totalCount(), before + 7);
    QCOMPARE(model.windowStart(), 0);
    QCOMPARE(model.rowCount(), 300);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 293);
    QCOMPARE(removed.first().at(2).toInt(), 299);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 6);
    QVERIFY(waitForRow(model, 0));
    QCOMPARE(model.index(0, 0).data(Widgets::AlertIdRole).toLongLong(),
        expectedAt(Storage::AlertSort::TimeDesc, 0).id.value);
}

QTEST_MAIN(tst_AlertTableModel)
#include "tst_alerttablemodel.moc"
