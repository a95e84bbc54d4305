#!/usr/bin/env bash
# npm stop: stops every process npm start started. Ledger and store data stay in .runtime.
# npm stop -- --purge also deletes them (a fresh network on the next start).
set -euo pipefail
bash "$(cd "$(dirname "$0")/.." && pwd)/network-config/scripts/network-down.sh" "$@"
