#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Lakeguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders every view (Dashboard … Feeds, Timeline) after 12 simulated hours of the demo, in
# English and Simplified Chinese and in the light and dark themes, into docs/screenshots/<lang>/
# (light) and docs/screenshots/<lang>-dark/, plus presentation mode (F5 / --present: full screen,
# dark, the caption ticker) as present.png in the dark folders. Needs a build
# (scripts/bootstrap.sh build); no display needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for lang in en zh_CN; do
    for theme in light dark; do
        out=docs/screenshots/$lang
        [[ $theme == dark ]] && out+=-dark
        mkdir -p "$out"
        # Presentation mode is always dark: shot once per language, with the dark run.
        present=()
        [[ $theme == dark ]] && present=(--present)
        # A fresh settings folder per run: the saved theme or language must not leak in.
        XDG_CONFIG_HOME="$tmp/config-$lang-$theme" QT_QPA_PLATFORM=offscreen \
            "${LAKEGUARD_BUILD:-build}"/bin/lakeguard --store "$tmp/demo-$lang-$theme.db" --demo --seed 1 \
            --lang "$lang" --theme "$theme" --screenshot "$out" "${present[@]}" 2>/dev/null
    done
done
cp docs/screenshots/en/dashboard.png docs/screenshots/dashboard.png
cp docs/screenshots/zh_CN-dark/dashboard.png docs/screenshots/dashboard-zh_CN-dark.png
cp docs/screenshots/en-dark/present.png docs/screenshots/present.png
cp docs/screenshots/zh_CN-dark/present.png docs/screenshots/present-zh_CN.png
ls -l docs/screenshots/*/
