#!/usr/bin/env bash
# Creates the referral channel, joins every organisation's peer and sets each anchor peer.
# Each step is recorded in .runtime/state so a restart skips what is already done.
source "$(dirname "$0")/common.sh"
block="$ARTIFACTS/$CHANNEL.block"
if [ ! -f "$STATE/channel-created" ]; then
  step "Creating channel '$CHANNEL'"
  as_admin 0
  peer channel create -o "$ORDERER_ADDR" -c "$CHANNEL" -f "$ARTIFACTS/$CHANNEL.tx" --outputBlock "$block" \
    --tls --cafile "$ORDERER_CA" >> "$LOGS/channel.log" 2>&1 || fail "channel create failed (see $LOGS/channel.log)"
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
      # the orderer may need a moment after channel creation before it serves the block
      for attempt in 1 2 3 4 5; do
        peer channel join -b "$block" >> "$LOGS/channel.log" 2>&1 && break
        [ "$attempt" = 5 ] && fail "peer ${PEER_NAMES[$i]} could not join (see $LOGS/channel.log)"
        sleep 1
      done
      touch "$STATE/joined-$key"
    fi
    if [ ! -f "$STATE/anchor-$key" ]; then
      peer channel update -o "$ORDERER_ADDR" -c "$CHANNEL" -f "$ARTIFACTS/anchors-$key.tx" \
        --tls --cafile "$ORDERER_CA" >> "$LOGS/channel.log" 2>&1 || fail "anchor peer update for $key failed"
      touch "$STATE/anchor-$key"
    fi
    info "[$((i + 1))/${#ORG_KEYS[@]}] ${ORG_MSPS[$i]} joined ${PEER_NAMES[$i]}"
  done
fi
