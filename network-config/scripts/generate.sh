#!/usr/bin/env bash
# Generates, once, the configuration, the crypto material (cryptogen) and the genesis block of the channel
# (configtxgen; Fabric 3 channel participation, no system channel). Later starts reuse them.
# CONSENSUS=bft (or `npm start -- --consensus bft`) chooses fixtures/network-bft.json on a fresh .runtime.
source "$(dirname "$0")/common.sh"
if [ -f "$STATE/generated" ]; then info "crypto material and channel genesis block exist ($CONSENSUS)"; exit 0; fi
step "Generating configuration, crypto material and the channel genesis block"
# NETWORK_FIXTURE names another topology file (the multi-host test writes one with namespace addresses)
if [ -n "${NETWORK_FIXTURE:-}" ]; then cp "$NETWORK_FIXTURE" "$RUNTIME/network.json"; else
case "${CONSENSUS_CHOICE:-raft}" in
  bft|BFT) cp "$ROOT/fixtures/network-bft.json" "$RUNTIME/network.json" ;;
  raft|etcdraft) cp "$ROOT/fixtures/network.json" "$RUNTIME/network.json" ;;
  *) fail "unknown consensus '${CONSENSUS_CHOICE}' (raft or bft)" ;;
esac
fi
eval "$("$NODE" "$NET/scripts/topology-env.mjs")"
"$NODE" "$NET/scripts/render-config.mjs" "$RUNTIME" "$BIN"
rm -rf "$CRYPTO"
for f in "$CONFIG"/crypto-config-*.yaml; do
  cryptogen generate --config="$f" --output="$CRYPTO" >> "$LOGS/cryptogen.log" 2>&1 || fail "cryptogen failed for $f (see $LOGS/cryptogen.log)"
done
info "cryptogen: ${#ORDERER_ORG_DOMAINS[@]} orderer organisation(s) (${#ORDERER_NAMES[@]} orderers), ${#ORG_KEYS[@]} peer organisations"
configtxgen -configPath "$CONFIG" -profile ReferralChannel -channelID "$CHANNEL" \
  -outputBlock "$ARTIFACTS/$CHANNEL.block" >> "$LOGS/configtxgen.log" 2>&1 || fail "configtxgen failed (see $LOGS/configtxgen.log)"
info "configtxgen: genesis block of channel '$CHANNEL' ($CONSENSUS, anchor peers included)"
touch "$STATE/generated"
