#!/usr/bin/env bash
# Stops every process started by the scripts (gateway, chaincode service, store, peers, orderers).
# Ledger data stays in .runtime; pass --purge to delete it as well.
source "$(dirname "$0")/common.sh"
stopped=0
for name in gateway chaincode ferretdb $(printf '%s ' "${PEER_NAMES[@]}") $(printf '%s ' "${ORDERER_NAMES[@]}"); do
  f="$PIDS/$name.pid"
  [ -f "$f" ] || continue
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    stopped=$((stopped + 1))
  fi
  rm -f "$f"
done
info "stopped $stopped processes"
if [ "${1:-}" = "--purge" ]; then rm -rf "$RUNTIME"; info "deleted $RUNTIME"; fi
