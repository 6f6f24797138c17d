#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Lakeguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the libFuzzer targets (fuzz/, clang-14, ASan+UBSan) in build-fuzz/ and runs them.
#   scripts/fuzz.sh [SECONDS]        every target for SECONDS (default 60), FUZZ_JOBS at a time (1)
#   scripts/fuzz.sh --ci             every target for 20 s (FUZZ_SECONDS), fails on any crash
#   scripts/fuzz.sh --build          build only
#   scripts/fuzz.sh SECONDS NAME...  only the named targets (fuzz_eve, fuzz_httprequest, …)
# Corpora live in build-fuzz/corpus/<target> (seeded from fuzz/seeds, tests/data and, when present,
# ../shared/fixtures); crashes land in build-fuzz/artifacts/. Summary: build-fuzz/fuzz-summary.txt.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
build=${FUZZ_BUILD_DIR:-build-fuzz}
seconds=60
build_only=0
if [[ ${1:-} == --ci ]]; then
    seconds=${FUZZ_SECONDS:-20}
    shift
elif [[ ${1:-} == --build ]]; then
    build_only=1
    shift
elif [[ ${1:-} =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi
jobs=${FUZZ_JOBS:-1}

cc=${FUZZ_CC:-clang-14}
cxx=${FUZZ_CXX:-clang++-14}
if ! command -v "$cxx" >/dev/null; then
    echo "fuzz: $cxx not found; install clang-14 and libclang-rt-14-dev" >&2
    exit 1
fi
if [[ ! -f $build/build.ninja ]]; then
    launcher=()
    # ccache caches files built with a precompiled header only with this sloppiness.
    command -v ccache >/dev/null \
        && launcher=("-DCMAKE_CXX_COMPILER_LAUNCHER=env;CCACHE_SLOPPINESS=pch_defines,time_macros;ccache")
    CC=$cc CXX=$cxx cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DLAKEGUARD_FUZZ=ON -DBUILD_TESTING=OFF "${launcher[@]}" >/dev/null
fi
# FUZZ_SKIP_BUILD=1 runs the binaries as they are (e.g. while another build is relinking).
if [[ ${FUZZ_SKIP_BUILD:-0} != 1 ]]; then
    cmake --build "$build" --target lakeguard_fuzzers -j "${FUZZ_BUILD_JOBS:-2}"
fi
((build_only)) && exit 0

all=(fuzz_eve fuzz_wazuh fuzz_cef fuzz_syslog fuzz_alertmanager fuzz_jsonl fuzz_auto
     fuzz_fieldmap fuzz_recordsplitter fuzz_syslogframing fuzz_feedsconfig fuzz_httprequest
     fuzz_rpcresponse fuzz_prometheus fuzz_packmanifest)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")

fixtures=${LAKEGUARD_FIXTURES:-$here/../shared/fixtures}

# seed DIR FILE...: each file as one seed; JSON-lines and syslog files also one seed per line
# (the first 40 lines), as the normalisers see one record at a time.
seed() {
    local dir=$1
    shift
    local f
    for f in "$@"; do
        [[ -f $f ]] || continue
        local base
        base=$(basename "$f")
        head -c 65536 "$f" >"$dir/file-$base"
        case $f in
        *.jsonl | *.syslog | *.cef | *.log | *eve*.json | *alerts.json)
            local n=0
            while IFS= read -r line && ((n < 40)); do
                printf '%s' "$line" >"$dir/line-$base-$n"
                n=$((n + 1))
            done <"$f"
            ;;
        esac
    done
}

seeds_for() {
    local t=${1#fuzz_} dir=$2
    shopt -s nullglob
    seed "$dir" fuzz/seeds/"$t"/*
    case $t in
    eve) seed "$dir" tests/data/bad-input/eve-* "$fixtures"/suricata/* ;;
    wazuh) seed "$dir" "$fixtures"/wazuh/* ;;
    cef) seed "$dir" tests/data/bad-input/*.cef "$fixtures"/cef/* ;;
    syslog) seed "$dir" fuzz/seeds/cef/* tests/data/bad-input/*.syslog "$fixtures"/syslog/* ;;
    alertmanager) seed "$dir" tests/data/bad-input/*.am.json "$fixtures"/alertmanager/* ;;
    jsonl) seed "$dir" tests/data/bad-input/*.jsonl ;;
    auto) seed "$dir" fuzz/seeds/{eve,wazuh,cef,syslog,alertmanager,jsonl}/* tests/data/bad-input/* ;;
    fieldmap) seed "$dir" tests/data/bad-input/*.jsonl ;;
    recordsplitter) seed "$dir" tests/data/bad-input/*.jsonl ;;
    syslogframing) seed "$dir" tests/data/bad-input/*.syslog ;;
    rpcresponse) seed "$dir" tests/data/chains/fisco-*.json ;;
    prometheus) seed "$dir" tests/data/chains/fabric-* ;;
    packmanifest)
        # From a real pack, made by the normal build's lakeguard-cli (LAKEGUARD_CLI).
        local cli=${LAKEGUARD_CLI:-$here/build/bin/lakeguard-cli}
        if [[ -x $cli ]]; then
            scripts/fuzz-pack-seeds.sh "$cli" "$dir" >/dev/null 2>&1 \
                || echo "fuzz: could not make pack seeds with $cli" >&2
        else
            echo "fuzz: $cli not built; fuzz_packmanifest starts from fuzz/seeds only" >&2
        fi
        ;;
    esac
    shopt -u nullglob
}

mkdir -p "$build/artifacts" "$build/logs"
summary=$build/fuzz-summary.txt
: >"$summary"
date -u '+%F %T UTC' >>"$build/fuzz-history.txt"

run_one() {
    local t=$1
    local corpus=$build/corpus/$t
    mkdir -p "$corpus"
    seeds_for "$t" "$corpus"
    local log=$build/logs/$t.log
    local rc=0
    # -rss_limit_mb: Qt + ASan need more than libFuzzer's 2 GB default on some inputs; a real
    # leak or blow-up still fails. -max_len: records beyond 64 KiB only exercise the limits.
    "$build/fuzz/$t" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" \
        >"$log" 2>&1 || rc=$?
    local execs cov ft
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    cov=$(grep -oE ' cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
    ft=$(grep -oE ' ft: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
    local verdict=ok
    ((rc == 0)) || verdict="CRASH (rc $rc, see $log)"
    printf '%-22s %4ss  execs %-10s cov %-6s ft %-6s corpus %-5s %s\n' "$t" "$seconds" \
        "${execs:-?}" "${cov:-?}" "${ft:-?}" "$(find "$corpus" -type f | wc -l)" "$verdict" \
        | tee -a "$summary" "$build/fuzz-history.txt"
    return "$rc"
}

failed=0
pids=()
for t in "${targets[@]}"; do
    run_one "$t" &
    pids+=($!)
    if ((${#pids[@]} >= jobs)); then
        wait "${pids[0]}" || failed=1
        pids=("${pids[@]:1}")
    fi
done
for p in "${pids[@]}"; do
    wait "$p" || failed=1
done
if ((failed)); then
    echo "fuzz: crashes found; reproduce with $build/fuzz/<target> $build/artifacts/<file>" >&2
    exit 1
fi
echo "fuzz: no crashes ($summary)"
