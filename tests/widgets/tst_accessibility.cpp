// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Keyboard and screen-reader use of every view and dialog (issue 8): Tab walks each view's
// focus chain, and every widget it reaches is visible and has a name a screen reader can say
// (an accessible name, a label whose buddy it is, or its own button text). Every main action
// has a shortcut, and no two share one.
#include "aboutdialog.h"
#include "asofbar.h"
#include "evidenceexportdialog.h"
#include "feededitdialog.h"
#include "mainwindow.h"
#include "storemaintenancedialog.h"
#include "verificationindicator.h"
#include "widgettestsupport.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QDialog>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using App::MainWindow;

namespace {

QString describe(const QWidget *w)
{
    QString path = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty()) {
        path += u" \""_s + w->objectName() + u'"';
    }
    for (const QObject *p = w->parent(); p; p = p->parent()) {
        if (!p->objectName().isEmpty() || !p->parent()) {
            path += u" in "_s + QString::fromLatin1(p->metaObject()->className());
            if (!p->objectName().isEmpty()) {
                path += u" \""_s + p->objectName() + u'"';
            }
            break;
        }
    }
    return path;
}

bool isLabelled(const QWidget *w)
{
    const QWidget *top = w->window();
    const auto labels = top->findChildren<QLabel *>();
    return std::any_of(labels.begin(), labels.end(),
        [w](const QLabel *l) { return l->buddy() == w && !l->text().isEmpty(); });
}

// The name a screen reader would say, or empty.
QString spokenName(const QWidget *w)
{
    if (!w->accessibleName().isEmpty()) {
        return w->accessibleName();
    }
    if (isLabelled(w)) {
        return u"(labelled)"_s;
    }
    if (const auto *b = qobject_cast<const QAbstractButton *>(w); b && !b->text().isEmpty()) {
        return b->text();
    }
    return {};
}

// Presses Tab from `start` until the focus comes back to a widget seen before; returns the
// widgets reached, in order. Fails (empty list and `error`) when Tab gets stuck in a widget.
QList<QWidget *> walkTabChain(QWidget *start, QString *error)
{
    QList<QWidget *> seen;
    start->setFocus(Qt::TabFocusReason);
    QWidget *current = QApplication::focusWidget();
    for (int step = 0; step < 400 && current; ++step) {
        if (seen.contains(current)) {
            return seen;
        }
        seen.append(current);
        QTest::keyClick(current, Qt::Key_Tab);
        QWidget *next = QApplication::focusWidget();
        // A date-time edit takes Tab section by section before it lets go.
        for (int section = 0;
             next == current && section < 8 && qobject_cast<QAbstractSpinBox *>(current);
             ++section) {
            QTest::keyClick(current, Qt::Key_Tab);
            next = QApplication::focusWidget();
        }
        if (next == current) {
            *error = u"Tab does not leave "_s + describe(current);
            return {};
        }
        current = next;
    }
    *error = u"no focus widget, or the chain never closes"_s;
    return {};
}

} // namespace

class tst_Accessibility : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void views_data();
    void views();
    void mainActionsHaveShortcuts();
    void customWidgetsAreDescribed();
    void asOfBar();
    void dialogs();

private:
    void checkChain(QWidget *start, const QString &where, int minimum);

    Test::TestStore m_store;
};

void tst_Accessibility::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings(u"Lakeguard"_s, u"lakeguard"_s).clear();
    QVERIFY(m_store.open());
    // Alerts of every severity, chains and a feed, so every view has rows and controls.
    QVERIFY(m_store.submitAlerts(Test::makeAlerts(0, 60, Test::kBaseTime, 60'000)).ok);
    Storage::IngestBatch chain;
    chain.feed = u"chain"_s;
    chain.chain << Test::makeObservation(u"node-a"_s, 100, u"healthy"_s, 4, Test::kBaseTime)
                << Test::makeObservation(u"node-b"_s, 90, u"lagging"_s, 2, Test::kBaseTime);
    QVERIFY(m_store.submit(chain).ok);
}

void tst_Accessibility::cleanup()
{
    QSettings(u"Lakeguard"_s, u"lakeguard"_s).clear();
}

void tst_Accessibility::checkChain(QWidget *start, const QString &where, int minimum)
{
    QString error;
    const QList<QWidget *> chain = walkTabChain(start, &error);
    QVERIFY2(error.isEmpty(), qPrintable(where + u": "_s + error));
    QVERIFY2(chain.size() >= minimum,
        qPrintable(u"%1: only %2 widgets take focus"_s.arg(where).arg(chain.size())));
    QStringList unnamed;
    for (QWidget *w : chain) {
        QVERIFY2(w->isVisible(),
            qPrintable(where + u": hidden widget in the Tab chain: "_s + describe(w)));
        if (!w->isWindow() && spokenName(w).isEmpty()) { // a dialog itself is no Tab stop
            unnamed << describe(w);
        }
    }
    QVERIFY2(
        unnamed.isEmpty(), qPrintable(where + u": no accessible name: "_s + unnamed.join(u"; "_s)));
}

void tst_Accessibility::views_data()
{
    QTest::addColumn<int>("view");
    QTest::addColumn<int>("minimum"); // focusable widgets the view itself has at least
    QTest::addRow("dashboard") << int(MainWindow::DashboardPage) << 1;
    QTest::addRow("alerts") << int(MainWindow::AlertsPage) << 4;
    QTest::addRow("incidents") << int(MainWindow::IncidentsPage) << 4;
    QTest::addRow("chains") << int(MainWindow::ChainsPage) << 2;
    QTest::addRow("feeds") << int(MainWindow::FeedsPage) << 2;
    QTest::addRow("timeline") << int(MainWindow::TimelineViewPage) << 6;
}

void tst_Accessibility::views()
{
    QFETCH(int, view);
    QFETCH(int, minimum);
    MainWindow window(m_store.queries(), MainWindow::Options(m_store.path(), false));
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    // Reached by its shortcut, Ctrl+1 … Ctrl+6.
    QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_1 + view), Qt::ControlModifier);
    QCOMPARE(window.currentView(), view);
    QTest::qWait(300); // let the view's first query fill it

    QWidget *page = window.viewWidget(view);
    QString error;
    const QList<QWidget *> chain
        = walkTabChain(window.findChild<QListWidget *>(u"navigation"_s), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const qsizetype inView = std::count_if(
        chain.begin(), chain.end(), [page](QWidget *w) { return page->isAncestorOf(w); });
    QVERIFY2(
        inView >= minimum, qPrintable(u"only %1 widgets of the view take focus"_s.arg(inView)));
    checkChain(
        window.findChild<QListWidget *>(u"navigation"_s), MainWindow::viewFileName(view), minimum);
    // Every item view says what it lists, and Tab leaves it (checked by the walk).
    for (auto *items : page->findChildren<QAbstractItemView *>()) {
        if (items->isVisible() && items->focusPolicy() != Qt::NoFocus) {
            QVERIFY2(!items->accessibleName().isEmpty(), qPrintable(describe(items)));
        }
    }
}

void tst_Accessibility::mainActionsHaveShortcuts()
{
    MainWindow window(m_store.queries(), MainWindow::Options(m_store.path(), false));
    QStringList missing;
    QHash<QString, QString> owners;
    QStringList clashes;
    const auto actions = window.findChildren<QAction *>();
    for (QAction *a : actions) {
        if (a->menu() || a->isSeparator() || a->text().isEmpty()) {
            continue;
        }
        for (const QKeySequence &k : a->shortcuts()) {
            const QString key = k.toString();
            if (owners.contains(key) && owners.value(key) != a->text()) {
                clashes << key + u": "_s + owners.value(key) + u" / "_s + a->text();
            }
            owners.insert(key, a->text());
        }
    }
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u"; "_s)));
    const QStringList main = { u"&Refresh"_s, u"&Export evidence pack…"_s, u"&Quit"_s,
        u"&Present"_s, u"&About Lakeguard"_s, u"Dashboard"_s, u"Alerts"_s, u"Incidents"_s,
        u"Chains"_s, u"Feeds"_s, u"Timeline"_s, u"As of a &Past Moment…"_s };
    for (const QString &text : main) {
        const auto it = std::find_if(
            actions.begin(), actions.end(), [&text](QAction *a) { return a->text() == text; });
        QVERIFY2(it != actions.end(), qPrintable(u"no action "_s + text));
        if ((*it)->shortcut().isEmpty()) {
            missing << text;
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(u"no shortcut: "_s + missing.join(u", "_s)));
    for (int view = 0; view < MainWindow::ViewCount; ++view) {
        QVERIFY(owners.contains(
            QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + view)).toString()));
    }
}

void tst_Accessibility::customWidgetsAreDescribed()
{
    MainWindow window(m_store.queries(), MainWindow::Options(m_store.path(), false));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Charts and painted panels cannot be read by a screen reader: they need a name and a
    // description of what they show.
    QStringList bad;
    for (QWidget *page : { window.viewWidget(MainWindow::DashboardPage),
             window.viewWidget(MainWindow::ChainsPage), window.viewWidget(MainWindow::FeedsPage),
             window.viewWidget(MainWindow::TimelineViewPage) }) {
        for (QChartView *chart : page->findChildren<QChartView *>()) {
            if (chart->accessibleName().isEmpty() || chart->accessibleDescription().isEmpty()) {
                bad << describe(chart);
            }
        }
    }
    QVERIFY2(
        bad.isEmpty(), qPrintable(u"charts without name or description: "_s + bad.join(u"; "_s)));
    auto *indicator = window.verificationIndicator();
    QVERIFY(indicator);
    QVERIFY(!indicator->accessibleName().isEmpty());
}

// The as-of scrubber (Ctrl+7) sits above the views: every control in it is named and visible.
void tst_Accessibility::asOfBar()
{
    MainWindow window(m_store.queries(), MainWindow::Options(m_store.path(), false));
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::keyClick(&window, Qt::Key_7, Qt::ControlModifier);
    QWidget *bar = window.asOfBar();
    QVERIFY(bar);
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 10000);
    QStringList unnamed;
    int focusable = 0;
    for (QWidget *w : bar->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(bar) || w->focusPolicy() == Qt::NoFocus || w->focusProxy()) {
            continue;
        }
        ++focusable;
        if (spokenName(w).isEmpty()) {
            unnamed << describe(w);
        }
    }
    QVERIFY2(focusable >= 3, qPrintable(u"only %1 controls take focus"_s.arg(focusable)));
    QVERIFY2(unnamed.isEmpty(), qPrintable(u"as-of bar: no accessible name: "_s + unnamed.join(u"; "_s)));
}

void tst_Accessibility::dialogs()
{
    QWidget parent;
    {
        Widgets::AboutDialog about(m_store.path(), &parent);
        about.show();
        QVERIFY(QTest::qWaitForWindowExposed(&about));
        checkChain(&about, u"About"_s, 1);
    }
    {
        Widgets::EvidenceExportDialog exportDialog(m_store.path(), {}, &parent);
        exportDialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&exportDialog));
        checkChain(&exportDialog, u"Export evidence pack"_s, 4);
    }
    {
        Widgets::StoreMaintenanceDialog maintenance(m_store.path(), m_store.writer(), &parent);
        maintenance.show();
        QVERIFY(QTest::qWaitForWindowExposed(&maintenance));
        // Back up, Compact and Close.
        checkChain(&maintenance, u"Store maintenance"_s, 3);
    }
    {
        Widgets::FeedEditDialog edit({}, QJsonObject { { u"type"_s, u"file"_s } }, &parent);
        edit.show();
        QVERIFY(QTest::qWaitForWindowExposed(&edit));
        checkChain(&edit, u"Feed editor"_s, 3);
    }
    {
        Widgets::VerificationIndicator indicator(&parent);
        indicator.setStore(m_store.path());
        QTRY_VERIFY2_WITH_TIMEOUT(
            indicator.state() == Widgets::VerificationIndicator::State::Verified,
            qPrintable(indicator.text() + u" / "_s + indicator.errorText()), 30'000);
        QDialog *details = indicator.showDetails();
        QVERIFY(QTest::qWaitForWindowExposed(details));
        checkChain(details, u"Store verification"_s, 2);
        details->close();
    }
}

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
