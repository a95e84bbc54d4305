#!/usr/bin/env bash
# Publishes an organisation's current certificate revocation list on the channel:
#   1. fabric-ca-client gencrl (the organisation's CA signs a CRL of every revoked certificate);
#   2. fetches the channel configuration, puts the CRL in the organisation's MSP `revocation_list`;
#   3. a config update signed by that organisation's admin (the MSP value's mod_policy is the org's own Admins
#      policy, OR('<Org>MSP.admin') in configtx.yaml) is submitted to the ordering service.
# From the next config block on, every peer and orderer rejects signatures by a revoked certificate.
# Usage: bash network-config/scripts/crl-update.sh ORG-KEY     (prints one JSON line: org, serials, block, ms)
source "$(dirname "$0")/common.sh"
key=${1:?usage: crl-update.sh ORG-KEY}
i="$(org_index "$key")"
msp=${ORG_MSPS[$i]}; domain=${ORG_DOMAINS[$i]}
t0=$(date +%s%3N)
home="$RUNTIME/ca-clients/$key/registrar"
cacert="$CRYPTO/peerOrganizations/$domain/tlsca/tlsca.$domain-cert.pem"   # the CA server's TLS issuer
work="$(mktemp -d "$RUNTIME/crl-$key.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log="$LOGS/crl-update.log"
echo "== $(date -Is) $key" >> "$log"
fabric-ca-client gencrl --home "$home" -u "https://${CA_ADDRS[$i]}:${CA_PORTS[$i]}" --caname "${CA_NAMES[$i]}" \
  --tls.certfiles "$cacert" >> "$log" 2>&1 || fail "gencrl failed for $key (see $log)"
crl="$home/msp/crls/crl.pem"
[ -s "$crl" ] || fail "no CRL written to $crl"
as_admin "$i"
retry 5 "$log" peer channel fetch config "$work/config.pb" -o "$ORDERER_ADDR" -c "$CHANNEL" --tls --cafile "$ORDERER_CA" || fail "could not fetch the channel configuration (see $log)"
configtxlator proto_decode --input "$work/config.pb" --type common.Block --output "$work/block.json"
jq '.data.data[0].payload.data.config' "$work/block.json" > "$work/config.json"
modp="$(jq -r --arg m "$msp" '.channel_group.groups.Application.groups[$m].values.MSP.mod_policy' "$work/config.json")"
crl64="$(base64 -w0 < "$crl")"
jq --arg m "$msp" --arg c "$crl64" '.channel_group.groups.Application.groups[$m].values.MSP.value.config.revocation_list = [$c]' \
  "$work/config.json" > "$work/modified.json"
if cmp -s <(jq -S --arg m "$msp" '.channel_group.groups.Application.groups[$m].values.MSP.value.config.revocation_list' "$work/config.json") \
          <(jq -S --arg m "$msp" '.channel_group.groups.Application.groups[$m].values.MSP.value.config.revocation_list' "$work/modified.json"); then
  echo "{\"org\":\"$key\",\"unchanged\":true,\"ms\":$(( $(date +%s%3N) - t0 ))}"
  exit 0
fi
configtxlator proto_encode --input "$work/config.json" --type common.Config --output "$work/config.pb2"
configtxlator proto_encode --input "$work/modified.json" --type common.Config --output "$work/modified.pb"
configtxlator compute_update --channel_id "$CHANNEL" --original "$work/config.pb2" --updated "$work/modified.pb" --output "$work/update.pb"
configtxlator proto_decode --input "$work/update.pb" --type common.ConfigUpdate --output "$work/update.json"
jq -n --arg ch "$CHANNEL" --slurpfile u "$work/update.json" \
  '{payload:{header:{channel_header:{channel_id:$ch,type:2}},data:{config_update:$u[0]}}}' > "$work/envelope.json"
configtxlator proto_encode --input "$work/envelope.json" --type common.Envelope --output "$work/envelope.pb"
# peer channel update signs the envelope with this organisation's admin (mod_policy: $modp)
retry 5 "$log" peer channel update -f "$work/envelope.pb" -o "$ORDERER_ADDR" -c "$CHANNEL" --tls --cafile "$ORDERER_CA" || fail "the config update was rejected (see $log)"
serials="$(openssl crl -in "$crl" -noout -text 2>/dev/null | sed -n 's/^ *Serial Number: *//p' | tr '\n' ' ')"
echo "{\"org\":\"$key\",\"msp\":\"$msp\",\"modPolicy\":\"$modp\",\"revokedSerials\":\"${serials% }\",\"ms\":$(( $(date +%s%3N) - t0 ))}"
