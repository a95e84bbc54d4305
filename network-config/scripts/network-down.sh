#!/usr/bin/env bash
# Stops every process started by the scripts (gateway, chaincode services, store, peers, orderers, supervisor),
# in that order. Ledger data stays in .runtime; pass --purge to delete it as well.
source "$(dirname "$0")/common.sh"
stopped=0
# the supervisor first, so that nothing it watches is restarted; it stops everything in reverse start order
if [ -S "$RUNTIME/supervisor.sock" ]; then
  n="$(ls "$PIDS"/*.pid 2>/dev/null | grep -vc supervisord || true)"
  sv shutdown >> "$LOGS/supervisor-calls.log" 2>&1 && stopped=$n
fi
names=(gateway $(for k in "${ORG_KEYS[@]}"; do printf 'chaincode-%s ' "$k"; done) ferretdb postgres "${PEER_NAMES[@]}" "${ORDERER_NAMES[@]}")
for f in "$PIDS"/*.pid; do [ -f "$f" ] && names+=("$(basename "$f" .pid)"); done
for name in "${names[@]}"; do
  f="$PIDS/$name.pid"
  [ -f "$f" ] || continue
  kill -0 "$(cat "$f")" 2>/dev/null && stopped=$((stopped + 1))
  stop_proc "$name"
done
info "stopped $stopped processes"
if [ "${1:-}" = "--purge" ]; then rm -rf "$RUNTIME"; info "deleted $RUNTIME"; fi
