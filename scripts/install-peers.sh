#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Lakeguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the test peers that come from npm (not from Debian) into DIR/node_modules:
#   anvil (Foundry's local Ethereum node), run directly by the chain tests on 127.0.0.1.
# Versions are pinned; an existing install of the same version is kept.
set -euo pipefail
dir=${1:?usage: install-peers.sh DIR}
mkdir -p "$dir"
anvil_pkg="@foundry-rs/anvil-linux-amd64"
anvil_version="1.7.1"
anvil="$dir/node_modules/$anvil_pkg/bin/anvil"
if [[ -x $anvil ]] && "$anvil" --version 2>/dev/null | grep -q "$anvil_version"; then
    exit 0
fi
if ! command -v npm >/dev/null; then
    echo "install-peers: npm is missing; chain tests will skip" >&2
    exit 0
fi
echo "install-peers: installing $anvil_pkg@$anvil_version into $dir" >&2
(cd "$dir" && npm install --no-audit --no-fund --silent --prefix . "$anvil_pkg@$anvil_version" >/dev/null)
"$anvil" --version >/dev/null
