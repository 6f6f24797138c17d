// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

class QKeyEvent;

namespace Lakeguard::Widgets {

// The keyboard and the clock of presentation mode, apart from any window so tests can drive it:
// Space pauses/plays, ←/→ go to the previous/next scenario step, ↑/↓ (and Page Up/Down) to the
// previous/next panel, + and − change the speed along 1, 2, 5, 10, 20, 50, 100, Esc (or F5)
// leaves. While active it filters key presses application-wide (tables would eat the arrows)
// and moves to the next panel every cycleIntervalMs; any manual panel move restarts that wait.
class PresentationController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PresentationController)

public:
    static constexpr int kDefaultCycleMs = 20'000;

    explicit PresentationController(QObject *parent = nullptr);
    ~PresentationController() override;

    void setPanelCount(int count);
    int panelCount() const { return m_panelCount; }
    int currentPanel() const { return m_panel; }
    void setCycleInterval(int ms);
    int cycleInterval() const { return m_cycle.interval(); }
    bool isActive() const { return m_active; }
    // The demo's speed as last reported (the base of + and −).
    void setSpeed(double speed) { m_speed = speed; }
    double speed() const { return m_speed; }

    // The next faster or slower speed of the ladder from `speed` (clamped to 1…100).
    static double fasterThan(double speed);
    static double slowerThan(double speed);

    // Handles one key; true when it was a presentation key. Public for tests and the window.
    bool handleKey(const QKeyEvent &event);

public slots:
    void start(int firstPanel = 0);
    void stop();
    void showPanel(int index);
    void nextPanel();
    void previousPanel();

signals:
    void panelChanged(int index);
    void togglePauseRequested();
    void nextStepRequested();
    void previousStepRequested();
    void speedRequested(double speed);
    void leaveRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTimer m_cycle;
    int m_panelCount = 1;
    int m_panel = 0;
    double m_speed = 1.0;
    bool m_active = false;
};

} // namespace Lakeguard::Widgets
