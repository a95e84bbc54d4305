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
# each workspace is built when its sources (or the fixtures, the lock file, the root tsconfig) changed since its last
# build: a fingerprint of them is kept in <workspace>/dist/.build-stamp; BUILD_ALWAYS=1 builds everything.
inputs() {
  { find "$1" fixtures \( -name node_modules -o -name dist -o -name .angular -o -name bench-dist -o -name '.dev-*' \) -prune -o -type f -print
    ls package-lock.json tsconfig*.json 2>/dev/null; } | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum | cut -c1-16
}
for ws in chaincode gateway-api features web-client; do
  stamp="$ws/dist/.build-stamp"
  want="$(inputs "$ws")"
  if [ "${BUILD_ALWAYS:-0}" != 1 ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then continue; fi
  say "Building $ws"
  (cd "$ws" && PATH="$ROOT/node_modules/.bin:$PATH" npm run build --silent)
  # fingerprinted after the build: the chaincode's build copies fixtures into its sources
  mkdir -p "$ws/dist" && inputs "$ws" > "$stamp"
done
