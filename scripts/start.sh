#!/usr/bin/env bash
# npm start: installs what is missing, builds, starts the whole system in the background
# (logs in .runtime/logs) and returns when everything is healthy, printing the URLs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
start=$SECONDS
bash "$ROOT/scripts/ensure-deps.sh"
bash "$ROOT/network-config/scripts/network-up.sh"
bash "$ROOT/network-config/scripts/store-up.sh"
bash "$ROOT/network-config/scripts/gateway-up.sh"
source "$ROOT/network-config/scripts/common.sh"
port="${PORT:-$GATEWAY_PORT}"
cat <<TXT

Chachoengsao referral network is up ($((SECONDS - start)) s).
  Web client      http://127.0.0.1:$port/
  API             http://127.0.0.1:$port/api   (OpenAPI: /api/openapi.json, health: /api/health)
  Fabric          channel '$CHANNEL', ${#ORDERER_HOSTS[@]} Raft orderers (ports ${ORDERER_PORTS[*]}), ${#ORG_KEYS[@]} peers (ports ${PEER_PORTS[0]}-${PEER_PORTS[-1]})
  Store           mongodb://127.0.0.1:$STORE_PORT (FerretDB/SQLite)
  Logs            $LOGS
  Demo users      see README (e.g. clinician.bangkhla / Referral#2026); stop with: npm stop
TXT
