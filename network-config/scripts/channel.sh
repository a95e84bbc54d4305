#!/usr/bin/env bash
# Channel participation: every orderer joins the channel from its genesis block (osnadmin), then every
# organisation's peer joins. Each step is recorded in .runtime/state so a restart skips what is done.
source "$(dirname "$0")/common.sh"
block="$ARTIFACTS/$CHANNEL.block"
pending=0
for i in "${!ORDERER_NAMES[@]}"; do [ -f "$STATE/osn-joined-${ORDERER_NAMES[$i]}" ] || pending=1; done
if [ "$pending" = 1 ]; then
  step "Creating channel '$CHANNEL': ${#ORDERER_NAMES[@]} orderers join from the genesis block (osnadmin)"
  for i in "${!ORDERER_NAMES[@]}"; do
    name=${ORDERER_NAMES[$i]}
    [ -f "$STATE/osn-joined-$name" ] && continue
    admin="$CRYPTO/ordererOrganizations/${ORDERER_DOMAINS[$i]}/users/Admin@${ORDERER_DOMAINS[$i]}/tls"
    out="$(osnadmin channel join --channelID "$CHANNEL" --config-block "$block" -o "${ORDERER_ADDRS[$i]}:${ORDERER_ADMIN_PORTS[$i]}" \
      --ca-file "$(orderer_ca "$i")" --client-cert "$admin/client.crt" --client-key "$admin/client.key" 2>&1)" \
      || grep -q "already exists" <<<"$out" || fail "osnadmin join on $name failed: $out"
    echo "$out" >> "$LOGS/channel.log"
    touch "$STATE/osn-joined-$name"
  done
  info "joined: ${ORDERER_NAMES[*]}"
fi
pending=0
for i in "${!ORG_KEYS[@]}"; do [ -f "$STATE/joined-${ORG_KEYS[$i]}" ] || pending=1; done
if [ "$pending" = 1 ]; then
  step "Joining ${#ORG_KEYS[@]} peers (anchor peers are in the genesis block)"
  for i in "${!ORG_KEYS[@]}"; do
    key=${ORG_KEYS[$i]}
    [ -f "$STATE/joined-$key" ] && continue
    as_admin "$i"
    retry 10 "$LOGS/channel.log" peer channel join -b "$block" || fail "peer ${PEER_NAMES[$i]} could not join (see $LOGS/channel.log)"
    touch "$STATE/joined-$key"
    info "[$((i + 1))/${#ORG_KEYS[@]}] ${ORG_MSPS[$i]} joined ${PEER_NAMES[$i]}"
  done
fi
