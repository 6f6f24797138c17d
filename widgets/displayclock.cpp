// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "displayclock.h"

#include <atomic>

namespace Lakeguard::Widgets::DisplayClock {

namespace {
constexpr Core::TimestampMs kWallClock = -1;
std::atomic<Core::TimestampMs> s_story { kWallClock };
} // namespace

Core::TimestampMs now()
{
    const Core::TimestampMs story = s_story.load(std::memory_order_relaxed);
    return story == kWallClock ? Core::nowMs() : story;
}

void followStory(Core::TimestampMs storyMs)
{
    s_story.store(storyMs, std::memory_order_relaxed);
}

void followWallClock()
{
    s_story.store(kWallClock, std::memory_order_relaxed);
}

bool followsStory()
{
    return s_story.load(std::memory_order_relaxed) != kWallClock;
}

} // namespace Lakeguard::Widgets::DisplayClock
