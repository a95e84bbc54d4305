#!/usr/bin/env bash
# npm start [-- --consensus raft|bft]: installs what is missing, builds, starts the whole system under the process
# supervisor (logs in .runtime/logs) and returns when everything is healthy, printing the URLs.
# The consensus is chosen when .runtime is fresh (CONSENSUS=bft works too); later starts resume the same network.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
start=$SECONDS
while [ $# -gt 0 ]; do
  case "$1" in
    --consensus) export CONSENSUS_CHOICE="${2:?--consensus needs raft or bft}"; shift 2 ;;
    --consensus=*) export CONSENSUS_CHOICE="${1#*=}"; shift ;;
    *) echo "unknown option $1 (usage: npm start [-- --consensus raft|bft])" >&2; exit 2 ;;
  esac
done
export CONSENSUS_CHOICE="${CONSENSUS_CHOICE:-${CONSENSUS:-raft}}"
bash "$ROOT/scripts/ensure-deps.sh"
bash "$ROOT/network-config/scripts/network-up.sh"
bash "$ROOT/network-config/scripts/store-up.sh"
bash "$ROOT/network-config/scripts/mqtt-up.sh"
bash "$ROOT/network-config/scripts/gateway-up.sh"
source "$ROOT/network-config/scripts/common.sh"
port="${PORT:-$GATEWAY_PORT}"
cat <<TXT

Chachoengsao referral network is up ($((SECONDS - start)) s).
  Web client      http://127.0.0.1:$port/
  API             http://127.0.0.1:$port/api   (OpenAPI: /api/openapi.json, health: /api/health)
  Fabric          $(peer version 2>/dev/null | sed -n 's/^ Version: //p'), channel '$CHANNEL', ${#ORDERER_NAMES[@]} $CONSENSUS orderers (ports ${ORDERER_PORTS[*]}), ${#ORG_KEYS[@]} peers (ports ${PEER_PORTS[0]}-${PEER_PORTS[-1]}), ${#ORG_KEYS[@]} chaincode services (ports ${CCS_PORTS[0]}-${CCS_PORTS[-1]})
  Store           mongodb://127.0.0.1:$STORE_PORT
  MQTT broker     mqtt://127.0.0.1:${EMS_MQTT_PORT:-1883}   (ambulance telemetry, docs/ems.md)
  Processes       npm run status   (supervised: a crashed process restarts within 5 s)
  Logs            $LOGS
  Demo users      see README (e.g. clinician.bangkhla / Referral#2026); stop with: npm stop
TXT
