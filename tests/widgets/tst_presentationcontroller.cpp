// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentationcontroller.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Lakeguard::Widgets::PresentationController;

namespace {
bool press(PresentationController &c, int key, Qt::KeyboardModifiers mods = Qt::NoModifier)
{
    const QKeyEvent e(QEvent::KeyPress, key, mods);
    return c.handleKey(e);
}
} // namespace

class tst_PresentationController : public QObject
{
    Q_OBJECT

private slots:
    void keysMapToRequests()
    {
        PresentationController c;
        c.setPanelCount(4);
        QSignalSpy pause(&c, &PresentationController::togglePauseRequested);
        QSignalSpy next(&c, &PresentationController::nextStepRequested);
        QSignalSpy previous(&c, &PresentationController::previousStepRequested);
        QSignalSpy leave(&c, &PresentationController::leaveRequested);
        QSignalSpy panels(&c, &PresentationController::panelChanged);

        QVERIFY(press(c, Qt::Key_Space));
        QCOMPARE(pause.size(), 1);
        QVERIFY(press(c, Qt::Key_Right));
        QCOMPARE(next.size(), 1);
        QVERIFY(press(c, Qt::Key_Left));
        QCOMPARE(previous.size(), 1);
        QVERIFY(press(c, Qt::Key_Down));
        QCOMPARE(c.currentPanel(), 1);
        QVERIFY(press(c, Qt::Key_PageDown));
        QCOMPARE(c.currentPanel(), 2);
        QVERIFY(press(c, Qt::Key_Up));
        QCOMPARE(c.currentPanel(), 1);
        QCOMPARE(panels.size(), 3);
        QVERIFY(press(c, Qt::Key_Escape));
        QCOMPARE(leave.size(), 1);
        // Keys with Ctrl stay the window's (Ctrl+Q quits, Ctrl+1 switches views).
        QVERIFY(!press(c, Qt::Key_Q, Qt::ControlModifier));
        QVERIFY(!press(c, Qt::Key_A));
        QCOMPARE(pause.size(), 1);
    }

    void panelsWrapAround()
    {
        PresentationController c;
        c.setPanelCount(3);
        c.previousPanel();
        QCOMPARE(c.currentPanel(), 2);
        c.nextPanel();
        QCOMPARE(c.currentPanel(), 0);
    }

    void speedLadder_data()
    {
        QTest::addColumn<double>("from");
        QTest::addColumn<double>("faster");
        QTest::addColumn<double>("slower");
        QTest::addRow("1") << 1.0 << 2.0 << 1.0;
        QTest::addRow("10") << 10.0 << 20.0 << 5.0;
        QTest::addRow("between") << 7.0 << 10.0 << 5.0;
        QTest::addRow("100") << 100.0 << 100.0 << 50.0;
        QTest::addRow("beyond") << 120.0 << 100.0 << 100.0;
    }

    void speedLadder()
    {
        QFETCH(double, from);
        QFETCH(double, faster);
        QFETCH(double, slower);
        QCOMPARE(PresentationController::fasterThan(from), faster);
        QCOMPARE(PresentationController::slowerThan(from), slower);
    }

    void plusAndMinusRequestSpeeds()
    {
        PresentationController c;
        QSignalSpy speed(&c, &PresentationController::speedRequested);
        c.setSpeed(10);
        QVERIFY(press(c, Qt::Key_Plus));
        QCOMPARE(speed.last().at(0).toDouble(), 20.0);
        QVERIFY(press(c, Qt::Key_Equal)); // '+' without Shift on most layouts
        QCOMPARE(speed.last().at(0).toDouble(), 50.0);
        QVERIFY(press(c, Qt::Key_Minus));
        QVERIFY(press(c, Qt::Key_Minus));
        QCOMPARE(speed.last().at(0).toDouble(), 10.0);
        QCOMPARE(c.speed(), 10.0);
    }

    // While active, keys typed into any widget reach the controller first (a focused table or
    // line edit would otherwise eat Space and the arrows); after stop() they don't.
    void filtersKeysOnlyWhileActive()
    {
        PresentationController c;
        c.setPanelCount(4);
        QLineEdit edit;
        edit.show();
        QVERIFY(QTest::qWaitForWindowExposed(&edit));
        QSignalSpy pause(&c, &PresentationController::togglePauseRequested);
        QSignalSpy panels(&c, &PresentationController::panelChanged);
        c.start(2);
        QVERIFY(c.isActive());
        QCOMPARE(panels.last().at(0).toInt(), 2);
        QTest::keyClick(&edit, Qt::Key_Space);
        QCOMPARE(pause.size(), 1);
        QVERIFY(edit.text().isEmpty());
        c.stop();
        QTest::keyClick(&edit, Qt::Key_Space);
        QCOMPARE(pause.size(), 1);
        QCOMPARE(edit.text(), u" "_s);
    }

    void cyclesOnItsTimer()
    {
        PresentationController c;
        c.setPanelCount(4);
        c.setCycleInterval(50);
        QSignalSpy panels(&c, &PresentationController::panelChanged);
        c.start(0);
        QTRY_VERIFY_WITH_TIMEOUT(c.currentPanel() == 2, 10'000);
        c.stop();
        const int seen = static_cast<int>(panels.size());
        QTest::qWait(200);
        QCOMPARE(panels.size(), seen); // stopped: no more cycling
    }
};

QTEST_MAIN(tst_PresentationController)
#include "tst_presentationcontroller.moc"
