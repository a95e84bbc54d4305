#!/usr/bin/env bash
# Starts one chaincode service (fabric-chaincode-node server) per organisation under the supervisor: each
# organisation's peer talks only to its own service, so its private data passes only through its own process.
source "$(dirname "$0")/common.sh"
[ -f "$ROOT/chaincode/dist/index.js" ] || fail "chaincode is not built (npm run build)"
cd "$ROOT/chaincode"
# the build's fingerprint is part of each service's spec, so a rebuilt chaincode replaces the running services
build="$(find "$ROOT/chaincode/dist" -type f -name '*.js*' -print0 | sort -z | xargs -0 cat | sha256sum | cut -c1-12)"
for i in "${!ORG_KEYS[@]}"; do
  key=${ORG_KEYS[$i]}; netns_for "${ORG_NETNS[$i]}"
  SV_GROUP=chaincode SV_HEALTH="${CCS_ADDRS[$i]}:${CCS_PORTS[$i]}" start_bg "chaincode-$key" "$LOGS/chaincode-$key.log" "${NS_CMD[@]}" env CORE_CHAINCODE_LOGGING_LEVEL=info CHAINCODE_BUILD="$build" \
    "$NODE" "$ROOT/node_modules/fabric-shim/cli.js" server \
    --chaincode-address "${CCS_ADDRS[$i]}:${CCS_PORTS[$i]}" --chaincode-id "$(cat "$RUNTIME/chaincode/package-id-$key")"
done
for i in "${!ORG_KEYS[@]}"; do
  ok=0
  for _ in $(seq 1 80); do
    (exec 3<>"/dev/tcp/${CCS_ADDRS[$i]}/${CCS_PORTS[$i]}") 2>/dev/null && { ok=1; break; }
    sleep 0.25
  done
  [ "$ok" = 1 ] || fail "chaincode service of ${ORG_KEYS[$i]} did not listen on ${CCS_ADDRS[$i]}:${CCS_PORTS[$i]} (see $LOGS/chaincode-${ORG_KEYS[$i]}.log)"
done
info "${#ORG_KEYS[@]} chaincode services listening on ports ${CCS_PORTS[*]}"
