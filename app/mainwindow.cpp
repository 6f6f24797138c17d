// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "alertsview.h"
#include "alerttablemodel.h"
#include "chainsview.h"
#include "dashboardview.h"
#include "demofeed.h"
#include "feedsview.h"
#include "feedtablemodel.h"
#include "guisettings.h"
#include "navicons.h"
#include "queryservice.h"
#include "refreshthrottle.h"
#include "storewriter.h"
#include "theme.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDeadlineTimer>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

#include <functional>

using namespace Qt::StringLiterals;

namespace Lakeguard::App {

namespace {

constexpr int kStatusRefreshMs = 500;
constexpr int kNavigationWidth = 190;

// Processes events until `done` holds or the deadline passes; for the one-shot screenshot mode.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired()) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

} // namespace

MainWindow::MainWindow(Storage::QueryService *queries, Options options, QWidget *parent)
    : QMainWindow(parent)
    , m_queries(queries)
    , m_options(std::move(options))
    , m_statusThrottle(new Widgets::RefreshThrottle(
          kStatusRefreshMs, [this] { refreshStatus(); }, this))
    , m_navigation(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_dashboard(new Widgets::DashboardView(queries, this))
    , m_alerts(new Widgets::AlertsView(queries, this))
    , m_chains(new Widgets::ChainsView(queries, this))
    , m_feeds(new Widgets::FeedsView(queries, this))
    , m_storeLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_quarantineLabel(new QLabel(this))
    , m_clockLabel(new QLabel(this))
    , m_captionLabel(new QLabel(this))
{
    setWindowTitle(m_options.readOnly ? tr("Lakeguard — read-only review") : tr("Lakeguard"));
    setWindowIcon(Widgets::navIcon(Widgets::NavIcon::Application, Widgets::Theme::accentColor()));

    // Navigation: a sidebar list, keyboard-driven (arrows) and mirrored by View ▸ Ctrl+1…4.
    const QColor navText(0xe2, 0xe8, 0xf0);
    const QList<std::pair<Widgets::NavIcon, QString>> pages = { { Widgets::NavIcon::Dashboard,
                                                                    tr("Dashboard") },
        { Widgets::NavIcon::Alerts, tr("Alerts") }, { Widgets::NavIcon::Chains, tr("Chains") },
        { Widgets::NavIcon::Feeds, tr("Feeds") } };
    for (const auto &[icon, name] : pages) {
        m_navigation->addItem(new QListWidgetItem(Widgets::navIcon(icon, navText), name));
    }
    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setAccessibleName(tr("Views"));
    m_navigation->setFixedWidth(kNavigationWidth);
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigation->setStyleSheet(
        u"QListWidget#navigation { background: #1e293b; color: #e2e8f0; padding-top: 12px;"
        " outline: 0; }"
        " QListWidget#navigation::item { padding: 10px 14px; margin: 2px 8px; border-radius: 6px; }"
        " QListWidget#navigation::item:hover { background: #334155; }"
        " QListWidget#navigation::item:selected { background: #2563eb; color: white; }"_s);

    m_stack->addWidget(m_dashboard);
    m_stack->addWidget(m_alerts);
    m_stack->addWidget(m_chains);
    m_stack->addWidget(m_feeds);

    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    if (m_options.readOnly) {
        m_banner = new QLabel(tr("Read-only review: %1 — nothing in this store can be changed.")
                                  .arg(QDir::toNativeSeparators(m_options.storeLocation)),
            central);
        m_banner->setTextFormat(Qt::PlainText);
        m_banner->setObjectName(u"readOnlyBanner"_s);
        m_banner->setStyleSheet(u"QLabel#readOnlyBanner { background: #fef3c7; color: #78350f;"
                                " border-bottom: 1px solid #f59e0b; padding: 6px 16px;"
                                " font-weight: 600; }"_s);
        outer->addWidget(m_banner);
    }
    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    body->addWidget(m_navigation);
    body->addWidget(m_stack, 1);
    outer->addLayout(body, 1);
    setCentralWidget(central);

    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0) {
            m_stack->setCurrentIndex(row);
            if (QAction *action = m_viewActions.value(row)) {
                action->setChecked(true);
            }
        }
    });

    createMenus();
    createStatusBar();
    restoreSettings();
    refreshStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *refresh = file->addAction(tr("&Refresh"), this, &MainWindow::refreshAll);
    refresh->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    auto *group = new QActionGroup(this);
    for (int i = 0; i < ViewCount; ++i) {
        QAction *action
            = view->addAction(m_navigation->item(i)->icon(), m_navigation->item(i)->text());
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        action->setShortcutContext(Qt::WindowShortcut);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, i] { showView(i); });
        m_viewActions.append(action);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Lakeguard"), this, &MainWindow::about);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::createStatusBar()
{
    for (QLabel *label :
        { m_storeLabel, m_countLabel, m_quarantineLabel, m_clockLabel, m_captionLabel }) {
        label->setTextFormat(Qt::PlainText);
    }
    const QString store = QDir::toNativeSeparators(m_options.storeLocation);
    m_storeLabel->setText(
        m_options.readOnly ? tr("Store: %1 (read-only)").arg(store) : tr("Store: %1").arg(store));
    m_storeLabel->setToolTip(Widgets::Theme::plainToolTip(store));
    m_storeLabel->setMaximumWidth(420);
    m_captionLabel->setObjectName(u"demoCaption"_s);
    m_captionLabel->setStyleSheet(u"QLabel#demoCaption { color: #1e3a8a; font-weight: 600; }"_s);
    m_captionLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_clockLabel->hide();

    statusBar()->addWidget(m_storeLabel);
    statusBar()->addWidget(m_captionLabel, 1);
    statusBar()->addPermanentWidget(m_clockLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_quarantineLabel);
}

void MainWindow::attachWriter(Storage::StoreWriter *writer)
{
    connect(writer, &Storage::StoreWriter::changed, this, &MainWindow::refreshAll);
    connect(writer, &Storage::StoreWriter::writeFailed, this, [this](const QString &error) {
        statusBar()->showMessage(tr("Write failed: %1").arg(error), 10000);
    });
}

void MainWindow::attachDemo(Feeds::DemoFeed *demo)
{
    connect(demo, &Feeds::DemoFeed::caption, this, &MainWindow::showCaption);
    connect(demo, &Feeds::DemoFeed::simulatedTime, this, &MainWindow::showSimulatedTime);
}

void MainWindow::refreshAll()
{
    m_dashboard->scheduleRefresh();
    m_alerts->scheduleRefresh();
    m_chains->scheduleRefresh();
    m_feeds->scheduleRefresh();
    m_statusThrottle->request();
}

void MainWindow::refreshStatus()
{
    m_queries->stats().then(this, [this](const Storage::Result<Storage::StoreStats> &r) {
        m_statusThrottle->done();
        if (!r.ok()) {
            m_countLabel->setText(tr("Store unreadable"));
            m_countLabel->setToolTip(Widgets::Theme::plainToolTip(r.error()));
            return;
        }
        const QLocale locale;
        m_countLabel->setText(tr("%1 alerts").arg(locale.toString(r->alerts)));
        m_quarantineLabel->setText(tr("%1 quarantined").arg(locale.toString(r->quarantined)));
    });
}

void MainWindow::showCaption(const QString &english, const QString &chinese)
{
    const bool chineseUi = QLocale().language() == QLocale::Chinese;
    const QString text = chineseUi && !chinese.isEmpty() ? chinese : english;
    m_captionLabel->setText(text);
    m_captionLabel->setToolTip(Widgets::Theme::plainToolTip(text));
}

void MainWindow::showSimulatedTime(qint64 simMs)
{
    m_clockLabel->setText(
        tr("Demo time %1").arg(Widgets::Theme::formatLocalTime(simMs, QLocale())));
    m_clockLabel->show();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Lakeguard"),
        tr("<h3>Lakeguard %1</h3><p>A native console for financial-security "
           "monitoring: alerts, incidents, feeds and chain nodes in one store."
           "</p>")
            .arg(QStringLiteral(LAKEGUARD_VERSION)));
}

void MainWindow::showView(int view)
{
    if (view < 0 || view >= ViewCount) {
        return;
    }
    m_navigation->setCurrentRow(view);
    m_stack->setCurrentIndex(view);
}

int MainWindow::currentView() const
{
    return m_stack->currentIndex();
}

QWidget *MainWindow::viewWidget(int view) const
{
    return m_stack->widget(view);
}

QString MainWindow::viewFileName(int view)
{
    switch (view) {
    case DashboardPage:
        return u"dashboard"_s;
    case AlertsPage:
        return u"alerts"_s;
    case ChainsPage:
        return u"chains"_s;
    case FeedsPage:
        return u"feeds"_s;
    default:
        return {};
    }
}

QString MainWindow::captionText() const
{
    return m_captionLabel->text();
}

QString MainWindow::statusText() const
{
    return m_countLabel->text() + u" · "_s + m_quarantineLabel->text();
}

bool MainWindow::isReadOnlyBannerVisible() const
{
    return m_banner && !m_banner->isHidden();
}

bool MainWindow::isPopulated() const
{
    return m_dashboard->hasData() && m_alerts->model()->totalCount() > 0
        && m_chains->cardCount() > 0 && m_feeds->model()->rowCount() > 0;
}

bool MainWindow::saveScreenshots(const QString &directory, QSize size, QString *error)
{
    if (!QDir().mkpath(directory)) {
        *error = tr("Cannot create the folder %1").arg(directory);
        return false;
    }
    resize(size);
    const int previous = currentView();
    for (int view = 0; view < ViewCount; ++view) {
        showView(view);
        if (view == AlertsPage) {
            QTableView *table = m_alerts->tableView();
            Widgets::AlertTableModel *model = m_alerts->model();
            if (model->rowCount() > 0 && !table->currentIndex().isValid()) {
                table->selectRow(0);
            }
            spinUntil(
                [model] {
                    return model->cachedAlert(0).has_value() && !model->hasPendingFetches();
                },
                3000);
        }
        spinUntil([] { return false; }, 150); // let layouts and charts settle
        const QString path = QDir(directory).filePath(viewFileName(view) + u".png"_s);
        if (!grab().save(path)) {
            *error = tr("Cannot write %1").arg(path);
            return false;
        }
    }
    showView(previous);
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreSettings()
{
    const QByteArray geometry = Widgets::GuiSettings::windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        resize(1440, 900);
    }
    restoreState(Widgets::GuiSettings::windowState());
    m_alerts->restoreState(Widgets::GuiSettings::alertsSplitterState());
    showView(std::clamp(Widgets::GuiSettings::lastView(), 0, ViewCount - 1));
}

void MainWindow::saveSettings()
{
    Widgets::GuiSettings::setWindowGeometry(saveGeometry());
    Widgets::GuiSettings::setWindowState(saveState());
    Widgets::GuiSettings::setAlertsSplitterState(m_alerts->saveState());
    Widgets::GuiSettings::setLastView(currentView());
}

} // namespace Lakeguard::App
