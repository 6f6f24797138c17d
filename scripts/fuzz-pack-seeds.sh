#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Lakeguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Seeds for fuzz_packmanifest from a real evidence pack: a small store (a few alerts ingested,
# an incident action for audit entries), `lakeguard-cli export`, then the pack's manifest.json,
# manifest.sig, signing-pub.pem and JSON-lines files in the target's input shape
# (manifest.json, then "\0\0\0NAME\0CONTENT" per file; see fuzz/fuzz_packmanifest.cpp).
#   scripts/fuzz-pack-seeds.sh LAKEGUARD_CLI OUT_DIR
# Nothing is committed: the pack is made afresh in a temporary folder each time.
set -euo pipefail

cli=$1
out=$2
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

store=$work/store.db
{
    for i in 1 2 3 4 5 6; do
        printf '{"ts":"2026-11-2%dT10:00:00Z","severity":"high","category":"fraud","rule":"seed:%d","title":"seed <b>%d</b>","entity":"acct-%d","message":"m\\u202e%d"}\n' \
            "$i" "$i" "$i" "$i" "$i"
    done
} >"$work/alerts.jsonl"
"$cli" --store "$store" ingest --format jsonl "$work/alerts.jsonl" >/dev/null
"$cli" --store "$store" export --out "$work/pack" --since 2026-01-01T00:00:00Z \
    --until 2027-01-01T00:00:00Z >/dev/null

pack=$work/pack
section() { printf '\0\0\0%s\0' "$1"; cat "$pack/$1"; }
# The whole pack (without report.pdf and alerts.csv: large, and only hashed).
{
    cat "$pack/manifest.json"
    for f in manifest.sig signing-pub.pem alerts.jsonl audit.jsonl incidents.jsonl; do
        [[ -f $pack/$f ]] && section "$f"
    done
} >"$out/pack-full"
# The manifest with its signature and key only, and the manifest alone.
{ cat "$pack/manifest.json"; section manifest.sig; section signing-pub.pem; } >"$out/pack-signed"
cat "$pack/manifest.json" >"$out/pack-manifest"
echo "fuzz-pack-seeds: $(ls "$out" | wc -l) seeds in $out"
