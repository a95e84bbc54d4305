#!/usr/bin/env bash
# Stops every process started by the scripts (gateway, chaincode service, store, peers, orderers).
# Ledger data stays in .runtime; pass --purge to delete it as well.
source "$(dirname "$0")/common.sh"
stopped=0
for name in gateway chaincode ferretdb $(printf '%s ' "${PEER_NAMES[@]}") $(printf '%s ' "${ORDERER_NAMES[@]}"); do
  f="$PIDS/$name.pid"
  [ -f "$f" ] || continue
  kill -0 "$(cat "$f")" 2>/dev/null && stopped=$((stopped + 1))
  stop_proc "$name"
done
info "stopped $stopped processes"
if [ "${1:-}" = "--purge" ]; then rm -rf "$RUNTIME"; info "deleted $RUNTIME"; fi
