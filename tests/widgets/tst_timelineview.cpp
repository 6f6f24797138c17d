// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Timeline view and page, and the as-of replay page (issue 7), offscreen.
#include "sensitivemask.h"
#include "theme.h"
#include "timelinepage.h"
#include "timelineview.h"
#include "widgettestsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace Lakeguard;
using namespace Lakeguard::Widgets;
using namespace Qt::StringLiterals;
using Storage::TimelineKind;

namespace {

constexpr qint64 kMinute = 60'000;

// Three items in two lanes, far enough apart to click each.
Storage::TimelineData handBuiltEvents(qint64 from)
{
    Storage::TimelineData d;
    d.query.from = from;
    d.query.to = from + 100 * kMinute;
    d.query.bucketMs = kMinute;
    d.lanes = { u"ids"_s, Storage::kIncidentLane };
    d.aggregated = false;
    d.total = 3;
    for (int i = 0; i < 3; ++i) {
        Storage::TimelineEvent e;
        e.kind = i == 2 ? TimelineKind::IncidentNote : TimelineKind::Alert;
        e.ts = from + (20 + 30 * i) * kMinute;
        e.lane = d.lanes.at(i == 2 ? 1 : 0);
        e.severity = static_cast<Core::Severity>(i + 2);
        e.ref = 100 + i;
        e.title = u"<b>item %1</b>"_s.arg(i);
        d.events.append(e);
        d.buckets.append({ i == 2 ? 1 : 0, e.ts, 1, e.severity });
    }
    return d;
}

} // namespace

class tst_TimelineView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_store.open());
    }

    // The view paints hand-built items where it says they are, and a click selects that one.
    void clickSelectsTheItemUnderIt()
    {
        TimelineView view;
        view.resize(900, 300);
        const qint64 from = Test::kBaseTime;
        view.setPeriod(from, from + 100 * kMinute);
        view.setVisibleRange(from, from + 100 * kMinute);
        view.setData(handBuiltEvents(from));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(Test::distinctColours(view) >= 4);
        QSignalSpy selection(&view, &TimelineView::selectionChanged);
        for (int i : { 1, 2, 0 }) {
            const QPoint at = view.eventPosition(i).toPoint();
            QVERIFY(view.rect().contains(at));
            QTest::mouseClick(&view, Qt::LeftButton, {}, at);
            QCOMPARE(view.selectedEvent(), i);
        }
        QCOMPARE(selection.count(), 3);
        // A click on an empty part of a lane selects nothing.
        QTest::mouseClick(&view, Qt::LeftButton, {},
            QPoint(int(view.eventPosition(0).x()) + 60, int(view.eventPosition(0).y())));
        QCOMPARE(view.selectedEvent(), -1);
        // The pixel under item 1 has its severity's colour (high: orange).
        const QImage image = view.grab().toImage();
        const QPoint p1 = view.eventPosition(1).toPoint();
        QCOMPARE(QColor(image.pixel(p1)).name(), Theme::severityColor(Core::Severity::High).name());
    }

    void aggregatedBucketsAreClickable()
    {
        TimelineView view;
        view.resize(900, 300);
        const qint64 from = Test::kBaseTime;
        Storage::TimelineData d;
        d.query.from = from;
        d.query.to = from + 60 * kMinute;
        d.query.bucketMs = 10 * kMinute;
        d.lanes = { u"a"_s, u"b"_s };
        d.aggregated = true;
        d.total = 1234;
        d.buckets = { { 0, from, 1000, Core::Severity::Critical },
            { 1, from + 30 * kMinute, 234, Core::Severity::Low } };
        view.setPeriod(d.query.from, d.query.to);
        view.setVisibleRange(d.query.from, d.query.to);
        view.setData(d);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.bucketPosition(1).toPoint());
        QCOMPARE(view.selectedBucket(), 1);
        QCOMPARE(view.selectedEvent(), -1);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.bucketPosition(0).toPoint());
        QCOMPARE(view.selectedBucket(), 0);
    }

    // Keyboard: zoom in/out, fit, pan, and Up/Down walk the items in time order.
    void keyboard()
    {
        TimelineView view;
        view.resize(900, 300);
        const qint64 from = Test::kBaseTime;
        const qint64 to = from + 100 * kMinute;
        view.setPeriod(from, to);
        view.setVisibleRange(from, to);
        view.setData(handBuiltEvents(from));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setFocus();
        QSignalSpy range(&view, &TimelineView::visibleRangeChanged);
        QTest::keyClick(&view, Qt::Key_Plus);
        QCOMPARE(view.visibleTo() - view.visibleFrom(), (to - from) / 2);
        QTest::keyClick(&view, Qt::Key_Minus);
        QCOMPARE(view.visibleTo() - view.visibleFrom(), to - from);
        QTest::keyClick(&view, Qt::Key_Plus);
        const qint64 before = view.visibleFrom();
        QTest::keyClick(&view, Qt::Key_Right);
        QVERIFY(view.visibleFrom() > before);
        QTest::keyClick(&view, Qt::Key_0);
        QCOMPARE(view.visibleFrom(), from);
        QCOMPARE(view.visibleTo(), to);
        QCOMPARE(range.count(), 5);
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.selectedEvent(), 0);
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.selectedEvent(), 1);
        QTest::keyClick(&view, Qt::Key_Up);
        QCOMPARE(view.selectedEvent(), 0);
        QSignalSpy activated(&view, &TimelineView::activated);
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
    }

    // With the real store: zoomed out the page counts, zoomed in it lists; a click shows the
    // item as plain text and "Open alert" names the alert.
    void pageOverTheStore()
    {
        // Given 3,000 alerts one a minute
        const QList<Core::Alert> alerts = Test::makeAlerts(0, 3000, Test::kBaseTime, kMinute);
        QCOMPARE(m_store.submitAlerts(alerts).accepted, 3000);

        TimelinePage page(m_store.queries());
        page.resize(1200, 700);
        QSignalSpy loaded(&page, &TimelinePage::loaded);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && loaded.count() > 0, 10000);
        QVERIFY(page.view()->data().aggregated || page.view()->data().total <= 3000);
        QCOMPARE(page.view()->data().total, 3000);
        qint64 sum = 0;
        for (const auto &b : page.view()->data().buckets) {
            sum += b.count;
        }
        QCOMPARE(sum, 3000);
        QVERIFY(Test::distinctColours(*page.view()) >= 4);

        // When zoomed to ten minutes around alert 100
        const qint64 at = Test::kBaseTime + 100 * kMinute;
        loaded.clear();
        page.view()->setVisibleRange(at - 5 * kMinute, at + 5 * kMinute);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && loaded.count() > 0, 10000);
        const auto &d = page.view()->data();
        QVERIFY(!d.aggregated);
        QVERIFY(d.total >= 10 && d.total <= 11);
        int index = -1;
        for (int i = 0; i < d.events.size(); ++i) {
            if (d.events.at(i).ts == at) {
                index = i;
            }
        }
        QVERIFY(index >= 0);
        QTest::mouseClick(
            page.view(), Qt::LeftButton, {}, page.view()->eventPosition(index).toPoint());
        QCOMPARE(page.view()->selectedEvent(), index);
        QVERIFY2(
            page.detailsText().contains(u"Alert number 100"_s), qPrintable(page.detailsText()));
        QVERIFY(page.openAlertButton()->isEnabled());
        QSignalSpy open(&page, &TimelinePage::openAlertRequested);
        page.openAlertButton()->click();
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.at(0).at(0).value<Core::AlertId>(), *d.events.at(index).alert);

        // And the filters narrow it: critical only, then a text
        loaded.clear();
        page.severityBox()->setCurrentIndex(4);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && loaded.count() > 0, 10000);
        for (const auto &e : page.view()->data().events) {
            QCOMPARE(e.severity, Core::Severity::Critical);
        }
        QCOMPARE(page.view()->data().total, 2); // 95..105: every fifth is critical
        loaded.clear();
        page.severityBox()->setCurrentIndex(0);
        page.searchEdit()->setText(u"number 101"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && loaded.count() > 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(page.view()->data().total, 1, 10000);
    }

    // Untrusted titles render as text, never as markup, in the details.
    void detailsArePlainText()
    {
        TimelinePage page(m_store.queries());
        Storage::TimelineData d = handBuiltEvents(Test::kBaseTime);
        page.view()->setData(d);
        page.view()->selectEvent(0);
        QVERIFY(page.detailsText().contains(u"<b>item 0</b>"_s));
    }

    // Lane names (feed ids, entities) and event texts come from outside: bidi and control
    // characters show as visible marks; cards and accounts are masked in presentation mode.
    void untrustedTextIsMadeVisibleAndMasked()
    {
        const QString hostile = u"acct 6222 0212 3456 7890 \u202Egpj.exe\r\n"_s;
        const QString lane = TimelineView::laneDisplayName(hostile);
        QVERIFY(!lane.contains(QChar(0x202E)));
        QVERIFY(lane.contains(u"<U+202E>"_s));
        QVERIFY(!lane.contains(u'\n'));
        QVERIFY(TimelineView::laneDisplayName(u"chain:\u2066x"_s).contains(u"<U+2066>"_s));

        TimelinePage page(m_store.queries());
        Storage::TimelineData d = handBuiltEvents(Test::kBaseTime);
        d.lanes[0] = hostile;
        d.events[0].title = hostile;
        page.view()->setData(d);
        page.view()->selectEvent(0);
        QVERIFY(!page.detailsText().contains(QChar(0x202E)));
        QVERIFY(page.detailsText().contains(u"6222 0212"_s));

        Widgets::SensitiveMask::setEnabled(true);
        const QString maskedLane = TimelineView::laneDisplayName(hostile);
        page.view()->selectEvent(1);
        page.view()->selectEvent(0);
        const QString maskedDetails = page.detailsText();
        Widgets::SensitiveMask::setEnabled(false);
        QVERIFY(!maskedLane.contains(u"6222"_s));
        QVERIFY(maskedLane.contains(u"7890"_s));
        QVERIFY(!maskedDetails.contains(u"6222"_s));
        QVERIFY(maskedDetails.contains(u"7890"_s));
    }

private:
    Test::TestStore m_store;
};

QTEST_MAIN(tst_TimelineView)
#include "tst_timelineview.moc"
