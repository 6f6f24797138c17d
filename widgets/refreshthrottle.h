// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

#include <functional>

namespace Lakeguard::Widgets {

// Turns a stream of "the store changed" notices into at most one refresh per interval, and
// never two at once: request() while a refresh runs marks one more to follow its done().
class RefreshThrottle final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshThrottle)

public:
    RefreshThrottle(int intervalMs, std::function<void()> run, QObject *parent = nullptr);

    void request();
    // The refresh started by `run` finished (its query returned, successfully or not).
    void done();
    bool isBusy() const { return m_busy; }

private:
    void fire();

    std::function<void()> m_run;
    QTimer m_timer;
    bool m_busy = false;
    bool m_pending = false;
};

} // namespace Lakeguard::Widgets
