#!/usr/bin/env bash
# Shared paths and helpers for the network scripts. Source it; do not run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NET="$ROOT/network-config"
BIN="$NET/bin"
RUNTIME="${RUNTIME_DIR:-$ROOT/.runtime}"
CRYPTO="$RUNTIME/crypto"
ARTIFACTS="$RUNTIME/artifacts"
CONFIG="$RUNTIME/config"
DATA="$RUNTIME/data"
LOGS="$RUNTIME/logs"
PIDS="$RUNTIME/pids"
STATE="$RUNTIME/state"
NODE="$ROOT/node_modules/.bin/node"
[ -x "$NODE" ] || NODE="$(command -v node)"
export PATH="$BIN:$ROOT/node_modules/.bin:$PATH"
mkdir -p "$CRYPTO" "$ARTIFACTS" "$CONFIG" "$DATA" "$LOGS" "$PIDS" "$STATE"

eval "$("$NODE" "$NET/scripts/topology-env.mjs")"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
info() { printf '    %s\n' "$*"; }
fail() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# orderer_dir I: crypto folder of the I-th orderer; orderer_ca I: its organisation's TLS CA
orderer_dir() { echo "$CRYPTO/ordererOrganizations/${ORDERER_DOMAINS[$1]}/orderers/${ORDERER_NAMES[$1]}"; }
orderer_ca() { echo "$CRYPTO/ordererOrganizations/${ORDERER_DOMAINS[$1]}/tlsca/tlsca.${ORDERER_DOMAINS[$1]}-cert.pem"; }
ORDERER_CA="$(orderer_ca 0)"
ORDERER_ADDR="${ORDERER_ADDRS[0]}:${ORDERER_PORTS[0]}"

# org_index KEY -> index in ORG_KEYS
org_index() {
  local i
  for i in "${!ORG_KEYS[@]}"; do [ "${ORG_KEYS[$i]}" = "$1" ] && { echo "$i"; return; }; done
  fail "unknown organisation $1"
}

peer_tls_ca() { echo "$CRYPTO/peerOrganizations/${ORG_DOMAINS[$1]}/peers/${PEER_NAMES[$1]}/tls/ca.crt"; }

# as_admin INDEX: exports the peer CLI environment of that organisation's admin
as_admin() {
  local i=$1
  export FABRIC_CFG_PATH="$CONFIG"
  export CORE_PEER_LOCALMSPID="${ORG_MSPS[$i]}"
  export CORE_PEER_MSPCONFIGPATH="$CRYPTO/peerOrganizations/${ORG_DOMAINS[$i]}/users/Admin@${ORG_DOMAINS[$i]}/msp"
  export CORE_PEER_ADDRESS="${PEER_ADDRS[$i]}:${PEER_PORTS[$i]}"
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_TLS_ROOTCERT_FILE="$(peer_tls_ca "$i")"
}

# netns_for NS: sets NS_CMD to the words that run a command inside network namespace NS (the multi-host test,
# docs/multihost.md; the topology's "netns" field), or to nothing on a single machine
netns_for() { NS_CMD=(); if [ -n "$1" ]; then NS_CMD=(ip netns exec "$1"); fi; }

# is_running NAME: the process recorded in pids/NAME.pid is alive
is_running() {
  local f="$PIDS/$1.pid"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# stop_proc NAME: stops the recorded process (TERM, then KILL after 10 s) and waits until it is gone
stop_proc() {
  local f="$PIDS/$1.pid" pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

# sv ARGS...: the process supervisor's command line (scripts/supervisor, see docs/supervisor.md)
sv() { "$NODE" "$ROOT/scripts/supervisor/supervisorctl.mjs" --runtime "$RUNTIME" "$@"; }

# start_bg NAME LOGFILE CMD... : starts CMD under the supervisor (restarted within 5 s if it crashes, output in
# logs/NAME.log, pid in pids/NAME.pid). Optional: SV_GROUP=group SV_HEALTH=http-url-or-host:port.
start_bg() {
  local name=$1; shift 2
  sv start --name "$name" ${SV_GROUP:+--group "$SV_GROUP"} ${SV_HEALTH:+--health "$SV_HEALTH"} -- "$@" >> "$LOGS/supervisor-calls.log" 2>&1 \
    || fail "the supervisor could not start $name (see $LOGS/supervisor-calls.log and $LOGS/supervisord.log)"
}

# retry TRIES LOG CMD...: runs CMD until it succeeds (1 s apart), appending its output to LOG. For calls that
# can fail while a fresh Raft cluster is still electing its leader ("SERVICE_UNAVAILABLE -- no Raft leader").
retry() {
  local tries=$1 log=$2 n=1; shift 2
  until "$@" >> "$log" 2>&1; do
    [ "$n" -ge "$tries" ] && return 1
    n=$((n + 1))
    sleep 1
  done
}

# wait_http URL SECONDS NAME
wait_http() {
  local url=$1 secs=$2 name=$3 n=0
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    n=$((n + 1))
    [ "$n" -gt "$((secs * 2))" ] && fail "$name did not become healthy at $url within ${secs}s (see $LOGS)"
    sleep 0.5
  done
}
