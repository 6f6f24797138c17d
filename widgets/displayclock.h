// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeutil.h"

namespace Lakeguard::Widgets::DisplayClock {

// The moment the views count deadlines and decay risk from: the wall clock, or, while the built-in
// demo plays, the story's own time (the demo replays a past day, faster than real time), so that
// "in 3 h 20 min" agrees with the "Demo time" the status bar shows. Writes (audit entries,
// acknowledgements) always carry the wall-clock time; only what the views show follows this.
Core::TimestampMs now();

// The demo's story reached `storyMs`; now() returns it until the next call or followWallClock().
void followStory(Core::TimestampMs storyMs);
void followWallClock();
bool followsStory();

} // namespace Lakeguard::Widgets::DisplayClock
