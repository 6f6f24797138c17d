// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedsview.h"
#include "feedtablemodel.h"
#include "modelroles.h"
#include "widgettestsupport.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTest>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QChartView>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Widgets::FeedsView;
using Widgets::FeedTableModel;

class tst_FeedsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsFeeds();
    void emptyStoreAndPack();
    void refreshesOnChange();
    void untrustedText_data();
    void untrustedText();

private:
    int rowOf(FeedsView &view, const QString &id);
    Test::TestStore m_store;
};

void tst_FeedsView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_store.open());
    QCOMPARE(
        m_store.submitAlerts(Test::makeAlerts(0, 25, Test::kBaseTime, 1000), u"ids"_s).accepted,
        25);
    Storage::IngestBatch fraud;
    fraud.feed = u"fraud"_s;
    fraud.feedType = u"http"_s;
    fraud.alerts = Test::makeAlerts(100, 5, Test::kBaseTime, 1000);
    fraud.skipped = 2;
    QVERIFY(m_store.submit(fraud).ok);
    auto state = m_store.writer()->setFeedState(
        u"fraud"_s, u"http"_s, Storage::FeedState::Down, u"<b>x</b><img src=x>"_s);
    state.waitForFinished();
    QVERIFY(state.result().ok());
}

int tst_FeedsView::rowOf(FeedsView &view, const QString &id)
{
    const QList<Storage::FeedStatus> &feeds = view.model()->feeds();
    for (int i = 0; i < feeds.size(); ++i) {
        if (feeds.at(i).id == id) {
            return i;
        }
    }
    return -1;
}

void tst_FeedsView::showsFeeds()
{
    FeedsView view(m_store.queries());
    QAbstractItemModelTester tester(
        view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.resize(1200, 600);
    view.show();
    QTRY_COMPARE(view.model()->rowCount(), 2);

    const int ids = rowOf(view, u"ids"_s);
    QVERIFY(ids >= 0);
    QCOMPARE(view.model()
                 ->index(ids, FeedTableModel::AcceptedColumn)
                 .data(Widgets::RawValueRole)
                 .toLongLong(),
        25);
    const int fraud = rowOf(view, u"fraud"_s);
    QCOMPARE(view.model()->index(fraud, FeedTableModel::StateColumn).data().toString(), u"Down"_s);
    QCOMPARE(view.model()
                 ->index(fraud, FeedTableModel::SkippedColumn)
                 .data(Widgets::RawValueRole)
                 .toLongLong(),
        2);
    // The untrusted error is data, painted by a plain-text delegate.
    QCOMPARE(view.model()->index(fraud, FeedTableModel::LastErrorColumn).data().toString(),
        u"<b>x</b><img src=x>"_s);
    QVERIFY(Test::distinctColours(view) > 8);
}

// A store no feed wrote to: the summary says so and there is no empty chart; under review of an
// evidence pack, the summary says that a pack carries no feed statistics.
void tst_FeedsView::emptyStoreAndPack()
{
    Test::TestStore empty;
    QVERIFY(empty.open());
    FeedsView view(empty.queries());
    view.resize(1200, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *chart = view.findChild<QChartView *>(u"feedChart"_s);
    QVERIFY(chart);
    QTRY_COMPARE(view.summaryText(), u"No feed has delivered anything to this store yet."_s);
    QVERIFY(!chart->isVisible());
    view.setEvidencePack(true);
    QVERIFY2(view.summaryText().startsWith(u"An evidence pack carries"_s),
        qPrintable(view.summaryText()));

    // The chart comes back with the first feed.
    QVERIFY(empty.submitAlerts(Test::makeAlerts(0, 3, Test::kBaseTime, 1000), u"ids"_s).ok);
    view.refreshNow();
    QTRY_VERIFY(chart->isVisible());
    QVERIFY2(view.summaryText().contains(u" of 1 feeds healthy"_s), qPrintable(view.summaryText()));
}

void tst_FeedsView::refreshesOnChange()
{
    FeedsView view(m_store.queries());
    QTRY_COMPARE(view.model()->rowCount(), 2);
    connect(m_store.writer(), &Storage::StoreWriter::changed, &view, &FeedsView::scheduleRefresh);
    QVERIFY(m_store.submitAlerts(Test::makeAlerts(200, 3, Test::kBaseTime, 1000), u"ids"_s).ok);
    const int ids = rowOf(view, u"ids"_s);
    QTRY_COMPARE(view.model()
                     ->index(ids, FeedTableModel::AcceptedColumn)
                     .data(Widgets::RawValueRole)
                     .toLongLong(),
        28);
}

void tst_FeedsView::untrustedText_data()
{
    Test::addUntrustedTextRows();
}

// A feed's id and its last error (which may quote what a remote peer sent) shown literally in
// the table, its tool tip and the chart's axis.
void tst_FeedsView::untrustedText()
{
    QFETCH(QString, raw);
    QFETCH(QString, shown);
    Test::TestStore store;
    QVERIFY(store.open());
    const QString id = u"feed "_s + raw;
    QVERIFY(store.submitAlerts(Test::makeAlerts(0, 3, Test::kBaseTime, 1000), id).ok);
    auto state = store.writer()->setFeedState(
        id, u"http"_s, Storage::FeedState::Degraded, u"error "_s + raw);
    state.waitForFinished();
    QVERIFY(state.result().ok());

    FeedsView view(store.queries());
    view.resize(1200, 600);
    view.show();
    QTRY_COMPARE(view.model()->rowCount(), 1);
    const QAbstractItemModel *m = view.model();
    QCOMPARE(m->index(0, FeedTableModel::IdColumn).data().toString(), u"feed "_s + shown);
    QCOMPARE(m->index(0, FeedTableModel::LastErrorColumn).data().toString(), u"error "_s + shown);
    QCOMPARE(Test::renderedRichText(
                 m->index(0, FeedTableModel::LastErrorColumn).data(Qt::ToolTipRole).toString()),
        u"error "_s + shown);
    // Those columns are painted by a plain-text delegate.
    const auto *table = view.findChild<QTableView *>();
    QVERIFY(table);
    for (int column : { int(FeedTableModel::IdColumn), int(FeedTableModel::LastErrorColumn) }) {
        QVERIFY(
            qobject_cast<QStyledItemDelegate *>(table->itemDelegateForIndex(m->index(0, column))));
    }
    // The chart's axis renders rich text: the id is escaped for it.
    QStringList categories;
    for (const QChartView *chartView : view.findChildren<QChartView *>()) {
        for (QAbstractAxis *axis : chartView->chart()->axes()) {
            if (auto *c = qobject_cast<QBarCategoryAxis *>(axis)) {
                for (const QString &label : c->categories()) {
                    categories << Test::renderedRichText(label);
                }
            }
        }
    }
    QCOMPARE(categories, QStringList { u"feed "_s + shown });
    for (const QLabel *label : view.findChildren<QLabel *>()) {
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->text()));
    }
}

QTEST_MAIN(tst_FeedsView)
#include "tst_feedsview.moc"
