#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Lakeguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders every view (Dashboard … Feeds, Timeline, As of), in English and Simplified Chinese,
# after 12 simulated hours of the demo, into docs/screenshots/<lang>/. Needs a build
# (scripts/bootstrap.sh build); no display needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for lang in en zh_CN; do
    out=docs/screenshots/$lang
    mkdir -p "$out"
    QT_QPA_PLATFORM=offscreen build/bin/lakeguard --store "$tmp/demo-$lang.db" --demo --seed 1 \
        --lang "$lang" --screenshot "$out" 2>/dev/null
done
cp docs/screenshots/en/dashboard.png docs/screenshots/dashboard.png
ls -l docs/screenshots/*/
