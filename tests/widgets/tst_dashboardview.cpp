// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboardview.h"
#include "topentitiesmodel.h"
#include "widgettestsupport.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Widgets::DashboardView;

class tst_DashboardView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyStore();
    void showsData();
    void windowFollowsTheData();
    void refreshesOnChange();

private:
    Test::TestStore m_store;
    static constexpr int kAlerts = 480;
};

void tst_DashboardView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_store.open());
}

void tst_DashboardView::emptyStore()
{
    DashboardView view(m_store.queries());
    QSignalSpy refreshed(&view, &DashboardView::refreshed);
    // A query that is already done continues synchronously: ask again with the spy in place.
    view.refreshNow();
    QTRY_VERIFY(!refreshed.isEmpty());
    QVERIFY(!view.hasData());
    QCOMPARE(view.kpiValue(0), QLocale().toString(0));
}

void tst_DashboardView::showsData()
{
    // Given alerts every three minutes over 24 hours, in the past
    const auto r = m_store.submitAlerts(Test::makeAlerts(0, kAlerts, Test::kBaseTime, 180'000));
    QCOMPARE(r.accepted, kAlerts);

    DashboardView view(m_store.queries());
    QAbstractItemModelTester tester(
        view.topEntitiesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.resize(1260, 820);
    view.show();
    QTRY_VERIFY(view.hasData());

    const QLocale locale;
    QCOMPARE(view.kpiValue(0), locale.toString(kAlerts));
    QCOMPARE(view.kpiValue(2), locale.toString(0));
    QVERIFY(view.riskText() != u"–"_s);
    QVERIFY(view.topEntitiesModel()->rowCount() > 0);
    QVERIFY(view.topEntitiesModel()->rowCount() <= DashboardView::kTopEntities);

    const Storage::DashboardData &data = view.lastData();
    QCOMPARE(data.bucketMs, DashboardView::kBucketMs);
    qint64 charted = 0;
    for (const Storage::SeverityBucket &bucket : data.series) {
        for (qint64 c : bucket.counts) {
            charted += c;
        }
    }
    QCOMPARE(charted, data.total);
    QVERIFY(data.total > 0);
    QVERIFY(Test::distinctColours(view) > 20);
}

void tst_DashboardView::windowFollowsTheData()
{
    DashboardView view(m_store.queries());
    QTRY_VERIFY(view.hasData());
    const Storage::DashboardData &data = view.lastData();
    const Core::TimestampMs newest = Test::kBaseTime + qint64(kAlerts - 1) * 180'000;
    QCOMPARE(view.lastStats().newest, newest);
    QCOMPARE(data.to - data.from, DashboardView::kWindowMs);
    QVERIFY(data.to > newest);
    QVERIFY(data.to - newest <= DashboardView::kBucketMs);
    // Far from the wall clock, yet all 24 h of alerts are in the window.
    QVERIFY(Core::nowMs() - data.to > 365LL * 24 * 3600 * 1000);
    qint64 inWindow = 0;
    for (int i = 0; i < kAlerts; ++i) {
        const Core::TimestampMs ts = Test::kBaseTime + qint64(i) * 180'000;
        inWindow += ts >= data.from && ts < data.to ? 1 : 0;
    }
    QVERIFY(inWindow >= kAlerts - 5);
    QCOMPARE(data.total, inWindow);
}

void tst_DashboardView::refreshesOnChange()
{
    DashboardView view(m_store.queries());
    QTRY_VERIFY(view.hasData());
    QSignalSpy refreshed(&view, &DashboardView::refreshed);
    connect(
        m_store.writer(), &Storage::StoreWriter::changed, &view, &DashboardView::scheduleRefresh);
    const auto r = m_store.submitAlerts({ Test::makeAlert(
        9000, Test::kBaseTime + qint64(kAlerts) * 180'000, Core::Severity::Critical) });
    QCOMPARE(r.accepted, 1);
    QTRY_COMPARE(view.kpiValue(0), QLocale().toString(kAlerts + 1));
    QTRY_VERIFY(!refreshed.isEmpty());
}

QTEST_MAIN(tst_DashboardView)
#include "tst_dashboardview.moc"
