#!/usr/bin/env bash
# Installs what a fresh clone is missing: npm packages (incl. Node 24), then the Go-built
# Fabric and FerretDB binaries. Safe to run again: each part is skipped when up to date.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
for tool in go git curl tar sha256sum setsid; do
  command -v "$tool" >/dev/null || { echo "ERROR: '$tool' is required (see README, Prerequisites)" >&2; exit 1; }
done
want="$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -x node_modules/.bin/node ] || [ "$(cat node_modules/.install-stamp 2>/dev/null)" != "$want" ]; then
  say "Installing npm packages (Node 24 runtime, Fabric SDKs, TypeScript, Cucumber)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > node_modules/.install-stamp
fi
"$ROOT/node_modules/.bin/node" --version | grep -q '^v24\.' || { echo "ERROR: node_modules/.bin/node is not Node 24" >&2; exit 1; }
bash network-config/scripts/build-fabric.sh
bash network-config/scripts/build-fabric-ca.sh
bash network-config/scripts/build-ferretdb.sh
say "Compiling TypeScript (chaincode, gateway-api, features)"
PATH="$ROOT/node_modules/.bin:$PATH" npm run build --workspaces --if-present --silent
