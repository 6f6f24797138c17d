// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testhooks.h"

#include <QByteArrayList>
#include <QThread>
#include <QtGlobal>

#include <cstdio>

namespace Lakeguard::Storage {

void testPausePoint(const char *name)
{
    static const QByteArrayList points = qgetenv("LAKEGUARD_TEST_PAUSE_AT").split(',');
    if (points.size() == 1 && points.first().isEmpty()) {
        return;
    }
    if (!points.contains(QByteArray(name))) {
        return;
    }
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("LAKEGUARD_TEST_PAUSE_MS", &ok);
    (void)std::fprintf(stderr, "lakeguard-test-pause: %s\n", name);
    (void)std::fflush(stderr);
    QThread::msleep(ok ? ulong(qMax(0, ms)) : 60'000UL);
}

} // namespace Lakeguard::Storage
