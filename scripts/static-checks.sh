#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Lakeguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Static checks on the project's own code (core, storage, feeds, evidence, widgets, app, fuzz):
#   scripts/static-checks.sh [cppcheck|clang-tidy|all] [FILES...]
# cppcheck with .cppcheck-suppressions; clang-tidy (14) with .clang-tidy over the compile commands
# of build-tidy/ (the dev preset without precompiled headers, which clang cannot read from GCC;
# Qt's generated moc files are built first). Exits non-zero
# on any finding. Tests and bench are not checked (Qt Test macros trip both tools).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
what=${1:-all}
shift || true
files=("$@")
if ((${#files[@]} == 0)); then
    mapfile -t files < <(git ls-files 'core/*.cpp' 'storage/*.cpp' 'feeds/*.cpp' 'evidence/*.cpp' \
        'widgets/*.cpp' \
        'widgets/**/*.cpp' 'app/*.cpp' 'app/**/*.cpp' 'fuzz/*.cpp' | sort -u)
fi
jobs=${STATIC_JOBS:-2}
status=0

if [[ $what == cppcheck || $what == all ]]; then
    command -v cppcheck >/dev/null || { echo "static-checks: cppcheck missing (apt-get install cppcheck)" >&2; exit 1; }
    echo "static-checks: cppcheck on ${#files[@]} files" >&2
    # --library=qt knows Q_OBJECT, signals/slots and Qt's containers. Only warnings, performance
    # and portability: the style class is .clang-format's and the reviewers' job.
    if ! cppcheck --enable=warning,performance,portability --std=c++20 --library=qt \
        --inline-suppr --suppressions-list=.cppcheck-suppressions --error-exitcode=1 \
        --quiet -j "$jobs" -I core -I storage -I feeds -I evidence -I widgets -I widgets/models -I app \
        -D__GNUC__ -DQT_VERSION=0x060400 "${files[@]}"; then
        status=1
    fi
fi

if [[ $what == clang-tidy || $what == all ]]; then
    tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
    [[ -n $tidy ]] || { echo "static-checks: clang-tidy missing (apt-get install clang-tidy-14)" >&2; exit 1; }
    tidy_build=build-tidy
    if [[ ! -f $tidy_build/compile_commands.json ]]; then
        cmake --preset dev -B "$tidy_build" -DLAKEGUARD_PCH=OFF >/dev/null
    fi
    # Generated moc sources some files include.
    mapfile -t autogen < <(cmake --build "$tidy_build" --target help | grep -oE '^lakeguard_[a-z_]+_autogen' | sort -u)
    ((${#autogen[@]})) && cmake --build "$tidy_build" --target "${autogen[@]}" >/dev/null
    # The fuzz targets compile only in the clang fuzz tree (scripts/fuzz.sh), which has no
    # compile commands here; cppcheck and the fuzzing itself cover them.
    tidy_files=()
    for f in "${files[@]}"; do
        [[ $f == fuzz/* ]] || tidy_files+=("$f")
    done
    echo "static-checks: clang-tidy on ${#tidy_files[@]} files" >&2
    out=$(mktemp)
    printf '%s\n' "${tidy_files[@]}" | xargs -P "$jobs" -n 4 "$tidy" -p "$tidy_build" --quiet \
        --extra-arg=-Wno-unknown-warning-option >"$out" 2>/dev/null || true
    if grep -E ': (warning|error): ' "$out"; then
        status=1
    fi
    rm -f "$out"
fi
if ((status == 0)); then
    echo "static-checks: clean" >&2
fi
exit "$status"
