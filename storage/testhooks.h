// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Lakeguard::Storage {

// Test-only pause points for crash tests (docs/durability.md, "Test hooks"). Does nothing unless
// the environment names this point: with LAKEGUARD_TEST_PAUSE_AT=NAME[,NAME…], reaching NAME
// prints "lakeguard-test-pause: NAME" on stderr and sleeps LAKEGUARD_TEST_PAUSE_MS (default
// 60000) so that a test can SIGKILL the process exactly there, then goes on normally. Points:
// "key-write" (half of a new private key written to its unnamed temporary file),
// "checkpoint-signed" (a checkpoint signed, not yet inserted) and "checkpoint-written" (inserted,
// its transaction not yet committed). The environment is read once per process.
void testPausePoint(const char *name);

} // namespace Lakeguard::Storage
