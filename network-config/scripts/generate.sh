#!/usr/bin/env bash
# Generates crypto material (cryptogen), the orderer system-channel genesis block and the
# referral channel creation transaction (configtxgen). Runs once; later starts reuse them.
source "$(dirname "$0")/common.sh"
if [ -f "$STATE/generated" ]; then info "crypto material and channel artifacts exist"; exit 0; fi
step "Generating configuration, crypto material and channel artifacts"
sample="$(cd "$NET/fabric-tools" && go list -m -f '{{.Dir}}' github.com/hyperledger/fabric)/sampleconfig"
"$NODE" "$NET/scripts/render-config.mjs" "$RUNTIME" "$sample"
rm -rf "$CRYPTO"
# issue_org KIND KEY DOMAIN: runs cryptogen for one organisation until its CA certificates are low-S
issue_org() {
  local kind=$1 key=$2 domain=$3 tries=0 dir
  while :; do
    tries=$((tries + 1))
    dir="$CRYPTO/${kind}Organizations/$domain"
    rm -rf "$dir"
    cryptogen generate --config="$CONFIG/crypto-config-$key.yaml" --output="$CRYPTO" >> "$LOGS/cryptogen.log" 2>&1
    "$NODE" "$NET/scripts/low-s-check.mjs" "$dir/ca/ca.$domain-cert.pem" "$dir/tlsca/tlsca.$domain-cert.pem" 2>/dev/null && return 0
    [ "$tries" -lt 40 ] || fail "could not issue low-S CA certificates for $domain"
  done
}
issue_org orderer orderer "$ORDERER_DOMAIN"
for i in "${!ORG_KEYS[@]}"; do issue_org peer "${ORG_KEYS[$i]}" "${ORG_DOMAINS[$i]}"; done
info "cryptogen: 1 orderer organisation (${#ORDERER_HOSTS[@]} orderers), ${#ORG_KEYS[@]} peer organisations"
export FABRIC_CFG_PATH="$CONFIG"
configtxgen -configPath "$CONFIG" -profile SystemGenesis -channelID system-channel \
  -outputBlock "$ARTIFACTS/genesis.block" >> "$LOGS/configtxgen.log" 2>&1
configtxgen -configPath "$CONFIG" -profile ReferralChannel -channelID "$CHANNEL" \
  -outputCreateChannelTx "$ARTIFACTS/$CHANNEL.tx" >> "$LOGS/configtxgen.log" 2>&1
for i in "${!ORG_KEYS[@]}"; do
  configtxgen -configPath "$CONFIG" -profile ReferralChannel -channelID "$CHANNEL" -asOrg "${ORG_MSPS[$i]}" \
    -outputAnchorPeersUpdate "$ARTIFACTS/anchors-${ORG_KEYS[$i]}.tx" >> "$LOGS/configtxgen.log" 2>&1
done
info "configtxgen: genesis block, channel '$CHANNEL' transaction, ${#ORG_KEYS[@]} anchor-peer updates"
touch "$STATE/generated"
