// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboardview.h"
#include "modelroles.h"
#include "sensitivemask.h"
#include "topentitiesmodel.h"
#include "widgettestsupport.h"

#include <QAbstractItemModelTester>
#include <QChartView>
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
    void entitiesAreUntrustedText();

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
    // The view asked once when it was made, maybe before the spy: ask again with it in place.
    view.refreshNow();
    QTRY_VERIFY(!refreshed.isEmpty());
    QVERIFY(!view.hasData());
    QCOMPARE(view.kpiValue(0), QLocale().toString(0));
    // The empty top-entities table says why it is empty.
    QVERIFY(view.showsNoEntities());
    QVERIFY(view.noEntitiesText().startsWith(u"No entity is at risk"_s));
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
    QVERIFY(!view.showsNoEntities());

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

    // Every chart labels its value axis with numbers (a format the chart cannot localise
    // leaves them blank).
    const QList<QChartView *> charts = view.findChildren<QChartView *>();
    QCOMPARE(charts.size(), 3);
    for (QChartView *chart : charts) {
        QStringList numbers;
        for (const QString &label : Test::visibleChartLabels(chart)) {
            bool ok = false;
            locale.toLongLong(label, &ok);
            if (ok) {
                numbers << label;
            }
        }
        QVERIFY2(numbers.size() >= 3,
            qPrintable(chart->chart()->title() + u": "_s
                + Test::visibleChartLabels(chart).join(u" | "_s)));
    }
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

// Entities come from alerts: the top-entities table shows control and bidi characters as visible
// marks, never markup, and masks cards and accounts in presentation mode (its tool tip too).
void tst_DashboardView::entitiesAreUntrustedText()
{
    Widgets::TopEntitiesModel model;
    Storage::EntityRisk hostile;
    hostile.entity = u"acct 6222 0212 3456 7890 \u202Egpj.exe\n<b>x</b>"_s;
    hostile.risk = 10;
    hostile.alerts = 3;
    model.setEntities({ hostile });
    const QModelIndex entity = model.index(0, Widgets::TopEntitiesModel::EntityColumn);

    const QString shown = entity.data(Qt::DisplayRole).toString();
    QVERIFY(!shown.contains(QChar(0x202E)));
    QVERIFY(shown.contains(u"<U+202E>"_s));
    QVERIFY(!shown.contains(u'\n'));
    QVERIFY(shown.contains(u"<b>x</b>"_s)); // a view shows it as it is: plain text
    QVERIFY(shown.contains(u"6222 0212 3456 7890"_s));
    // The tool tip guesses rich text, so it is escaped.
    QVERIFY(entity.data(Qt::ToolTipRole).toString().contains(u"&lt;b&gt;x&lt;/b&gt;"_s));
    // The raw value, used to filter the Alerts view, is left alone.
    QCOMPARE(entity.data(Widgets::RawValueRole).toString(), hostile.entity);

    Widgets::SensitiveMask::setEnabled(true);
    const QString masked = entity.data(Qt::DisplayRole).toString();
    const QString maskedTip = entity.data(Qt::ToolTipRole).toString();
    Widgets::SensitiveMask::setEnabled(false);
    QVERIFY(!masked.contains(u"6222"_s));
    QVERIFY(masked.contains(u"7890"_s));
    QVERIFY(!maskedTip.contains(u"6222"_s));
}

QTEST_MAIN(tst_DashboardView)
#include "tst_dashboardview.moc"
