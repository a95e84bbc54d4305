#!/usr/bin/env bash
# Starts the referral chaincode service (fabric-chaincode-node server) that every peer connects to.
source "$(dirname "$0")/common.sh"
[ -f "$ROOT/chaincode/dist/index.js" ] || fail "chaincode is not built (npm run build)"
PKG_ID="$(cat "$RUNTIME/chaincode/package-id")"
cd "$ROOT/chaincode"
CORE_CHAINCODE_LOGGING_LEVEL=info \
start_bg chaincode "$LOGS/chaincode-service.log" "$NODE" "$ROOT/node_modules/fabric-shim/cli.js" server \
  --chaincode-address "$CC_ADDRESS" --chaincode-id "$PKG_ID"
for _ in $(seq 1 40); do
  (exec 3<>"/dev/tcp/${CC_ADDRESS%:*}/${CC_ADDRESS#*:}") 2>/dev/null && { info "chaincode service listening on $CC_ADDRESS"; exit 0; }
  is_running chaincode || fail "chaincode service exited (see $LOGS/chaincode-service.log)"
  sleep 0.25
done
fail "chaincode service did not listen on $CC_ADDRESS"
