// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentationcontroller.h"

#include <QCoreApplication>
#include <QKeyEvent>

#include <array>

namespace Lakeguard::Widgets {

namespace {
constexpr std::array<double, 7> kSpeeds { 1, 2, 5, 10, 20, 50, 100 };
} // namespace

PresentationController::PresentationController(QObject *parent)
    : QObject(parent)
    , m_cycle(this)
{
    m_cycle.setInterval(kDefaultCycleMs);
    connect(&m_cycle, &QTimer::timeout, this, &PresentationController::nextPanel);
}

PresentationController::~PresentationController()
{
    stop();
}

void PresentationController::setPanelCount(int count)
{
    m_panelCount = std::max(1, count);
    m_panel = std::min(m_panel, m_panelCount - 1);
}

void PresentationController::setCycleInterval(int ms)
{
    m_cycle.setInterval(std::max(1, ms));
}

double PresentationController::fasterThan(double speed)
{
    for (double s : kSpeeds) {
        if (s > speed + 1e-9) {
            return s;
        }
    }
    return kSpeeds.back();
}

double PresentationController::slowerThan(double speed)
{
    for (auto it = kSpeeds.rbegin(); it != kSpeeds.rend(); ++it) {
        if (*it < speed - 1e-9) {
            return *it;
        }
    }
    return kSpeeds.front();
}

void PresentationController::start(int firstPanel)
{
    if (!m_active) {
        m_active = true;
        QCoreApplication::instance()->installEventFilter(this);
    }
    showPanel(firstPanel);
}

void PresentationController::stop()
{
    if (!m_active) {
        return;
    }
    m_active = false;
    m_cycle.stop();
    if (QCoreApplication *app = QCoreApplication::instance()) {
        app->removeEventFilter(this);
    }
}

void PresentationController::showPanel(int index)
{
    m_panel = ((index % m_panelCount) + m_panelCount) % m_panelCount;
    if (m_active) {
        m_cycle.start(); // a manual move gets the full interval
    }
    emit panelChanged(m_panel);
}

void PresentationController::nextPanel()
{
    showPanel(m_panel + 1);
}

void PresentationController::previousPanel()
{
    showPanel(m_panel - 1);
}

bool PresentationController::handleKey(const QKeyEvent &event)
{
    if (event.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) {
        return false; // the window's shortcuts (Ctrl+Q, …) still work
    }
    switch (event.key()) {
    case Qt::Key_Space:
        emit togglePauseRequested();
        return true;
    case Qt::Key_Right:
        emit nextStepRequested();
        return true;
    case Qt::Key_Left:
        emit previousStepRequested();
        return true;
    case Qt::Key_Down:
    case Qt::Key_PageDown:
        nextPanel();
        return true;
    case Qt::Key_Up:
    case Qt::Key_PageUp:
        previousPanel();
        return true;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_speed = fasterThan(m_speed);
        emit speedRequested(m_speed);
        return true;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        m_speed = slowerThan(m_speed);
        emit speedRequested(m_speed);
        return true;
    case Qt::Key_Escape:
    case Qt::Key_F5:
        emit leaveRequested();
        return true;
    default:
        return false;
    }
}

bool PresentationController::eventFilter(QObject *watched, QEvent *event)
{
    // Only key presses addressed to widgets (the application sees each event once per
    // receiver; ShortcutOverride is claimed too so no shortcut steals Space or Esc).
    if (m_active && watched->isWidgetType()
        && (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride)) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (event->type() == QEvent::ShortcutOverride) {
            const int k = key->key();
            const bool ours = !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier))
                && (k == Qt::Key_Space || k == Qt::Key_Escape || k == Qt::Key_F5
                    || k == Qt::Key_Left || k == Qt::Key_Right || k == Qt::Key_Up
                    || k == Qt::Key_Down || k == Qt::Key_Plus || k == Qt::Key_Minus
                    || k == Qt::Key_Equal);
            if (ours) {
                event->accept();
                return true;
            }
            return false;
        }
        return handleKey(*key);
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Lakeguard::Widgets
