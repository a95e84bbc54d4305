#!/usr/bin/env bash
# Creates the referral channel, joins every organisation's peer and sets each anchor peer.
# Each step is recorded in .runtime/state so a restart skips what is already done.
source "$(dirname "$0")/common.sh"
block="$ARTIFACTS/$CHANNEL.block"
if [ ! -f "$STATE/channel-created" ]; then
  step "Creating channel '$CHANNEL'"
  as_admin 0
  retry 60 "$LOGS/channel.log" peer channel create -o "$ORDERER_ADDR" -c "$CHANNEL" -f "$ARTIFACTS/$CHANNEL.tx" \
    --outputBlock "$block" --tls --cafile "$ORDERER_CA" || fail "channel create failed (see $LOGS/channel.log)"
  touch "$STATE/channel-created"
fi
pending=0
for i in "${!ORG_KEYS[@]}"; do [ -f "$STATE/joined-${ORG_KEYS[$i]}" ] || pending=1; done
if [ "$pending" = 1 ]; then
  step "Joining ${#ORG_KEYS[@]} peers and setting anchor peers"
  for i in "${!ORG_KEYS[@]}"; do
    key=${ORG_KEYS[$i]}
    as_admin "$i"
    if [ ! -f "$STATE/joined-$key" ]; then
      retry 10 "$LOGS/channel.log" peer channel join -b "$block" || fail "peer ${PEER_NAMES[$i]} could not join (see $LOGS/channel.log)"
      touch "$STATE/joined-$key"
    fi
    if [ ! -f "$STATE/anchor-$key" ]; then
      retry 30 "$LOGS/channel.log" peer channel update -o "$ORDERER_ADDR" -c "$CHANNEL" -f "$ARTIFACTS/anchors-$key.tx" \
        --tls --cafile "$ORDERER_CA" || fail "anchor peer update for $key failed"
      touch "$STATE/anchor-$key"
    fi
    info "[$((i + 1))/${#ORG_KEYS[@]}] ${ORG_MSPS[$i]} joined ${PEER_NAMES[$i]}"
  done
fi
