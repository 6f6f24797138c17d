// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "refreshthrottle.h"

namespace Lakeguard::Widgets {

RefreshThrottle::RefreshThrottle(int intervalMs, std::function<void()> run, QObject *parent)
    : QObject(parent)
    , m_run(std::move(run))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &RefreshThrottle::fire);
}

void RefreshThrottle::request()
{
    if (m_busy) {
        m_pending = true;
        return;
    }
    if (!m_timer.isActive()) {
        m_timer.start();
    }
}

void RefreshThrottle::done()
{
    m_busy = false;
    if (m_pending) {
        m_pending = false;
        m_timer.start();
    }
}

void RefreshThrottle::fire()
{
    m_busy = true;
    m_run();
}

} // namespace Lakeguard::Widgets
