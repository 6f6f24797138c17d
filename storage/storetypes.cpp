// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storetypes.h"

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

QString feedStateName(FeedState s)
{
    switch (s) {
    case FeedState::Starting:
        return u"starting"_s;
    case FeedState::Healthy:
        return u"healthy"_s;
    case FeedState::Degraded:
        return u"degraded"_s;
    case FeedState::Down:
        return u"down"_s;
    case FeedState::Paused:
        return u"paused"_s;
    case FeedState::Stopped:
        return u"stopped"_s;
    }
    return u"stopped"_s;
}

FeedState feedStateFromName(const QString &name)
{
    for (FeedState s : {FeedState::Starting, FeedState::Healthy, FeedState::Degraded,
                        FeedState::Down, FeedState::Paused, FeedState::Stopped}) {
        if (feedStateName(s) == name) {
            return s;
        }
    }
    return FeedState::Stopped;
}

QByteArray Checkpoint::message() const
{
    return "lakeguard-checkpoint/1\n" + QByteArray::number(treeSize) + '\n' + root.toHex() + '\n'
        + QByteArray::number(ts) + '\n';
}

} // namespace Lakeguard::Storage
