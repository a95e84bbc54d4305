#!/usr/bin/env bash
# npm run org:add -- <org>: a new organisation joins the RUNNING channel, described by fixtures/orgs/<org>.json
# (same shape as a peerOrgs entry of fixtures/network.json, plus its users). No existing node is restarted.
#   1. its crypto material (cryptogen, as generate.sh makes the others');
#   2. a channel configuration update (configtxlator) adding its MSP and anchor peer under Application, signed by
#      as many existing organisation admins as the channel's Application Admins policy needs (MAJORITY: 7 of 12);
#   3. the organisation is added to .runtime/network.json, so every script (and every later `npm start`) has it;
#   4. its peer starts under the supervisor (nodes-up.sh), joins the channel (channel.sh) and catches up;
#   5. its chaincode package is installed and the definition approved (deploy-chaincode.sh: the definition's
#      endorsement policy and collections now cover the new organisation, so it is committed as the next sequence);
#   6. its chaincode service starts (chaincode-up.sh), its users get identities, the gateway is restarted (only the
#      gateway: it reads the topology and the logins at start) so the new organisation's users can sign in.
# Idempotent: a second run says the organisation is already a member and only checks that everything runs.
source "$(dirname "$0")/common.sh"
[ $# -ge 1 ] || fail "usage: npm run org:add -- <org>   (a description in fixtures/orgs/<org>.json)"
eval "$("$NODE" "$NET/scripts/org-add.mjs" resolve "$1")"
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
t0="$(now)"
work="$RUNTIME/org-add/$NEW_KEY"; mkdir -p "$work"
log="$LOGS/org-add-$NEW_KEY.log"
trap 'fail "org:add stopped at line $LINENO (see $log); running it again resumes"' ERR
curl -fsS -o /dev/null "http://${ORDERER_LISTEN[0]}:${ORDERER_OPS_PORTS[0]}/healthz" 2>/dev/null || fail "the network is not running (npm start first)"
step "Organisation $NEW_MSP ($NEW_KEY) joins channel '$CHANNEL'"

# 1. crypto material
if [ ! -f "$CRYPTO/peerOrganizations/$NEW_DOMAIN/msp/config.yaml" ]; then
  "$NODE" "$NET/scripts/org-add.mjs" render "$ORG_FILE" "$work"
  cryptogen generate --config="$work/crypto-config-$NEW_KEY.yaml" --output="$CRYPTO" >> "$log" 2>&1 || fail "cryptogen failed (see $log)"
  info "crypto material of $NEW_DOMAIN (cryptogen)"
else
  "$NODE" "$NET/scripts/org-add.mjs" render "$ORG_FILE" "$work"
  info "crypto material of $NEW_DOMAIN exists"
fi

# 2. channel configuration update
t1="$(now)"
as_admin 0
retry 10 "$log" peer channel fetch config "$work/config_block.pb" -o "$ORDERER_ADDR" -c "$CHANNEL" --tls --cafile "$ORDERER_CA" \
  || fail "cannot fetch the config block of '$CHANNEL' (see $log)"
configtxlator proto_decode --input "$work/config_block.pb" --type common.Block --output "$work/config_block.json"
configtxgen -configPath "$work" -printOrg "$NEW_MSP" > "$work/org.json" 2>> "$log" || fail "configtxgen -printOrg failed (see $log)"
verdict="$("$NODE" "$NET/scripts/org-add.mjs" update "$work/config_block.json" "$work/org.json" "$ORG_FILE" "$work/config.json" "$work/modified.json")"
if [ "$verdict" = member ]; then
  info "$NEW_MSP is already a member of channel '$CHANNEL' (nothing to sign)"
  already=1
else
  already=0
  read -r need subpolicy rule members <<<"$verdict"
  configtxlator proto_encode --input "$work/config.json" --type common.Config --output "$work/config.pb"
  configtxlator proto_encode --input "$work/modified.json" --type common.Config --output "$work/modified.pb"
  configtxlator compute_update --channel_id "$CHANNEL" --original "$work/config.pb" --updated "$work/modified.pb" --output "$work/update.pb"
  configtxlator proto_decode --input "$work/update.pb" --type common.ConfigUpdate --output "$work/update.json"
  "$NODE" "$NET/scripts/org-add.mjs" envelope "$work/update.json" "$CHANNEL" "$work/envelope.json"
  configtxlator proto_encode --input "$work/envelope.json" --type common.Envelope --output "$work/update-envelope.pb"
  # the channel's Application Admins policy (ImplicitMeta "<rule> <subpolicy>") over the current member organisations
  signers=()
  for i in "${!ORG_KEYS[@]}"; do
    [ "${#signers[@]}" -ge "$need" ] && break
    [[ " $members " == *" ${ORG_MSPS[$i]} "* ]] && signers+=("$i")
  done
  [ "${#signers[@]}" -ge "$need" ] || fail "only ${#signers[@]} admins available, the policy '$rule $subpolicy' needs $need"
  info "Application policy '$rule $subpolicy' over $(wc -w <<<"$members") organisations: $need admin signatures"
  last=$(( ${#signers[@]} - 1 ))
  for n in $(seq 0 $((last - 1))); do
    as_admin "${signers[$n]}"
    peer channel signconfigtx -f "$work/update-envelope.pb" >> "$log" 2>&1 || fail "signature of ${ORG_MSPS[${signers[$n]}]} failed (see $log)"
  done
  as_admin "${signers[$last]}"   # peer channel update adds the last signature
  retry 5 "$log" peer channel update -f "$work/update-envelope.pb" -c "$CHANNEL" -o "$ORDERER_ADDR" --tls --cafile "$ORDERER_CA" \
    || fail "the channel configuration update was refused (see $log)"
  names=(); for n in "${signers[@]}"; do names+=("${ORG_MSPS[$n]}"); done
  info "config update submitted, signed by ${names[*]} ($(since "$t1") s)"
fi

# 3. the organisation becomes part of the runtime topology
added="$("$NODE" "$NET/scripts/org-add.mjs" topology "$ORG_FILE")"
eval "$("$NODE" "$NET/scripts/topology-env.mjs")"
idx="$(org_index "$NEW_KEY")"
[ "$added" = added ] && info "added to $RUNTIME/network.json (every later npm start brings it back)"

# 4. peer, channel join, catch-up
t2="$(now)"
bash "$NET/scripts/nodes-up.sh" >> "$log" 2>&1 || fail "the peer of $NEW_KEY did not start (see $log and $LOGS/$NEW_PEER.log)"
bash "$NET/scripts/channel.sh" >> "$log" 2>&1 || fail "the peer of $NEW_KEY could not join (see $log)"
height_of() { as_admin "$1"; { peer channel getinfo -c "$CHANNEL" 2>/dev/null || true; } | sed -n 's/.*"height":\([0-9]*\).*/\1/p'; }
target="$(height_of 0)"; mine=0
for _ in $(seq 1 240); do
  mine="$(height_of "$idx")"; mine="${mine:-0}"
  [ "$mine" -ge "${target:-1}" ] && break
  sleep 0.5
done
[ "$mine" -ge "${target:-1}" ] || fail "$NEW_PEER did not catch up (height $mine of $target)"
info "$NEW_PEER joined and caught up: height $mine ($(since "$t2") s)"

# 5. chaincode: install, approve (and commit the definition that names the new organisation)
t3="$(now)"
bash "$NET/scripts/deploy-chaincode.sh" >> "$log" 2>&1 || fail "chaincode deployment failed (see $log)"
as_admin "$idx"
committed="$(peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" 2>&1 | grep -o "Sequence: [0-9]*, .*Approvals: \[.*$NEW_MSP: true" | cut -d, -f1 || true)"
[ -n "$committed" ] || fail "the chaincode definition is not approved by $NEW_MSP (see $log)"
bash "$NET/scripts/chaincode-up.sh" >> "$log" 2>&1 || fail "the chaincode service of $NEW_KEY did not start (see $log)"
info "chaincode '$CC_NAME' installed and approved by $NEW_MSP ($committed), service on port $NEW_CCS_PORT ($(since "$t3") s)"

# 6. identities and the gateway
"$NODE" "$NET/scripts/org-add.mjs" users "$ORG_FILE" | sed 's/^/    /'
if [ "$already" = 0 ] || [ ! -f "$STATE/org-add-gateway-$NEW_KEY" ]; then
  if is_running gateway; then
    t4="$(now)"
    bash "$NET/scripts/gateway-up.sh" --restart >> "$log" 2>&1 || fail "the gateway did not come back (see $log)"
    info "gateway restarted (only the gateway) with $(( ${#ORG_KEYS[@]} )) organisations ($(since "$t4") s)"
  fi
  touch "$STATE/org-add-gateway-$NEW_KEY"
fi

rss() { local f="$PIDS/$1.pid"; [ -f "$f" ] && awk '/^VmRSS/ { print $2 }' "/proc/$(cat "$f")/status" 2>/dev/null || echo 0; }
peer_kb="$(rss "$NEW_PEER")"; ccs_kb="$(rss "chaincode-$NEW_KEY")"
info "memory added: peer $((peer_kb / 1024)) MB + chaincode service $((ccs_kb / 1024)) MB = $(((peer_kb + ccs_kb) / 1024)) MB RSS"
if [ "$already" = 1 ]; then
  info "$NEW_MSP was already a member; everything checked in $(since "$t0") s"
else
  info "$NEW_MSP joined '$CHANNEL' in $(since "$t0") s"
fi
