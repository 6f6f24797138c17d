// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace Lakeguard::Core {

// Timestamps are UTC milliseconds since the Unix epoch everywhere in Lakeguard.
using TimestampMs = qint64;

// Parses ISO 8601 / RFC 3339 in the forms monitors write: fractional seconds of any length,
// offsets as Z, +hh:mm or +hhmm (Suricata), or none (taken as UTC).
std::optional<TimestampMs> parseIsoTimestamp(QStringView text);

// English month abbreviation ("Jan" … "Dec", any case) → 1–12; 0 if it is none.
int monthFromAbbreviation(QStringView text);

// BSD syslog (RFC 3164) "Mmm dd hh:mm:ss" with the day space-padded or not and an optional
// fraction; taken as UTC. The text has no year: the one that puts the time at most one day after
// `reference` (UTC ms) is used. `length` receives the characters read.
std::optional<TimestampMs> parseBsdTimestamp(QStringView text, TimestampMs reference,
                                             qsizetype *length = nullptr);

// "2026-11-26T21:46:05.123Z"
QString formatIsoTimestamp(TimestampMs ms);

TimestampMs nowMs();

} // namespace Lakeguard::Core
