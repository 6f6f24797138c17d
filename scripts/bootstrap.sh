#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Lakeguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One entry point for a fresh Debian 12 machine:
#   scripts/bootstrap.sh demo   install what is missing, build the console (build/), start it on
#                               the demo scenario
#   scripts/bootstrap.sh test   install what is missing, build, run the whole test suite under
#                               AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/)
#   scripts/bootstrap.sh build  install what is missing and build everything in build/
# Idempotent: with nothing missing and nothing changed it only re-checks and starts.
# LAKEGUARD_WERROR=1 builds build/ with warnings as errors (the sanitized tree always does).
# LAKEGUARD_TEST_PLAIN=1 runs the suite on build/ instead, without the sanitizers (quicker).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
mode=${1:-demo}
shift || true

packages=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-tools-dev qt6-l10n-tools qt6-websockets-dev
    qt6-translations-l10n libqt6svg6 qt6-svg-dev libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev libssl-dev libzip-dev
    fonts-noto-cjk xvfb xauth
)
# The real peers the tests start on 127.0.0.1 (only for `test`): syslog, webhook sender, …
test_packages=(
    rsyslog rsyslog-gnutls bsdutils prometheus-alertmanager openssl curl postgresql
)
if [[ $mode == test ]]; then
    packages+=("${test_packages[@]}")
    # npm fetches anvil; a machine with its own Node.js (e.g. NodeSource's) keeps it.
    command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then
        echo "bootstrap: installing ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "bootstrap: these packages are missing; install them, then run this again:" >&2
        echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
fi

jobs=$(nproc)
# The normal tree (build/): the console and the CLI for `demo`, everything for `build` and for a
# plain test run.
build_normal() {
    local configure_args=()
    if [[ ${LAKEGUARD_WERROR:-0} == 1 ]]; then
        configure_args+=(-DLAKEGUARD_WERROR=ON)
    fi
    if [[ ! -f build/build.ninja ]] || ((${#configure_args[@]})); then
        cmake --preset dev "${configure_args[@]}" >/dev/null
    fi
    cmake --build build -j"$jobs" "$@"
}

case "$mode" in
demo)
    build_normal --target lakeguard lakeguard-cli
    if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
        echo "bootstrap: no display; start it on a desktop, or see the pictures with:" >&2
        echo "  build/bin/lakeguard -platform offscreen --demo --store /tmp/demo.db --screenshot /tmp/shots" >&2
        exit 1
    fi
    store=${LAKEGUARD_STORE:-${XDG_DATA_HOME:-$HOME/.local/share}/Lakeguard/demo.db}
    exec build/bin/lakeguard --demo --store "$store" "$@"
    ;;
test)
    export QT_QPA_PLATFORM=offscreen
    if [[ ${LAKEGUARD_TEST_PLAIN:-0} == 1 ]]; then
        build_normal
        scripts/install-peers.sh build/peers
        ctest --test-dir build --output-on-failure -j"$jobs" "$@"
        exit
    fi
    # Debug (Q_ASSERT on) at -O0 with ASan+UBSan, warnings as errors (preset asan). Leaks fail a
    # test too (ASan's exit status); UBSan stops at the first report.
    if [[ ! -f build-asan/build.ninja ]]; then
        cmake --preset asan >/dev/null
    fi
    cmake --build build-asan -j"$jobs"
    scripts/install-peers.sh build-asan/peers
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
        UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
        ctest --preset asan -j"$jobs" "$@"
    ;;
build)
    build_normal
    ;;
*)
    echo "usage: scripts/bootstrap.sh demo|test|build" >&2
    exit 2
    ;;
esac
