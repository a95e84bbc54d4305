#!/usr/bin/env bash
# Deploys the chaincode as a service, one service per organisation: each organisation installs its own ccaas
# package (its connection.json points at its own chaincode service) and approves the common definition with
# its own package ID; then the definition is committed. Idempotent per definition fingerprint.
source "$(dirname "$0")/common.sh"
ccdir="$RUNTIME/chaincode"; mkdir -p "$ccdir"
# package_for I: builds (once) organisation I's package and prints its path
package_for() {
  local i=$1 key=${ORG_KEYS[$1]} tmp pkg="$ccdir/$CC_LABEL-${ORG_KEYS[$1]}.tgz"
  if [ ! -f "$pkg" ]; then
    tmp="$(mktemp -d)"
    printf '{"address":"%s:%s","dial_timeout":"10s","tls_required":false}\n' "${CCS_ADDRS[$i]}" "${CCS_PORTS[$i]}" > "$tmp/connection.json"
    printf '{"type":"ccaas","label":"%s_%s"}\n' "$CC_LABEL" "$key" > "$tmp/metadata.json"
    tar -C "$tmp" --mtime='2026-01-01' --owner=0 --group=0 --numeric-owner -czf "$tmp/code.tar.gz" connection.json
    tar -C "$tmp" --mtime='2026-01-01' --owner=0 --group=0 --numeric-owner -czf "$pkg" metadata.json code.tar.gz
    rm -rf "$tmp"
  fi
  echo "$pkg"
}
for i in "${!ORG_KEYS[@]}"; do
  pkg="$(package_for "$i")"
  # package ID = <label>:<sha256 of the package file>
  echo "${CC_LABEL}_${ORG_KEYS[$i]}:$(sha256sum "$pkg" | cut -d' ' -f1)" > "$ccdir/package-id-${ORG_KEYS[$i]}"
done
collections_file="$CONFIG/collections-config.json"
"$NODE" "$NET/scripts/render-collections.mjs" "$collections_file" > /dev/null
policy="OR($(printf "'%s.peer'," "${ORG_MSPS[@]}" | sed 's/,$//'))"
# The definition's fingerprint: a new one (collections, policy, version) is committed as the next sequence.
fingerprint="$( (echo "$CC_VERSION $policy"; cat "$collections_file") | sha256sum | cut -c1-16)"
as_admin 0
current=""
for _ in $(seq 1 30); do
  out="$(peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" 2>&1 || true)"
  if grep -q 'Sequence: ' <<<"$out"; then current="$(sed -n 's/.*Sequence: \([0-9]*\).*/\1/p' <<<"$out")"; break; fi
  if grep -q 'not defined\|not found' <<<"$out"; then current=0; break; fi
  sleep 1
done
[ -n "$current" ] || fail "cannot read the committed chaincode definition: $out"
if [ "$current" -gt 0 ] && [ "$(cat "$STATE/chaincode-fingerprint" 2>/dev/null)" = "$fingerprint" ]; then
  info "chaincode '$CC_NAME' definition up to date (sequence $current)"
  exit 0
fi
CC_SEQUENCE=$((current + 1))
step "Deploying chaincode '$CC_NAME' (sequence $CC_SEQUENCE) as a service per organisation"
pids=()
for i in "${!ORG_KEYS[@]}"; do
  [ -f "$STATE/installed-${ORG_KEYS[$i]}" ] && continue
  (
    as_admin "$i"
    retry 5 "$LOGS/chaincode-install-${ORG_KEYS[$i]}.log" peer lifecycle chaincode install "$(package_for "$i")" \
      || grep -q "already successfully installed" "$LOGS/chaincode-install-${ORG_KEYS[$i]}.log"
  ) &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "install failed (see $LOGS/chaincode-install-*.log)"; done
for i in "${!ORG_KEYS[@]}"; do touch "$STATE/installed-${ORG_KEYS[$i]}"; done
info "installed on ${#ORG_KEYS[@]} peers, one package per organisation (e.g. $(cat "$ccdir/package-id-${ORG_KEYS[0]}" | cut -c1-40)…)"

collections=(--collections-config "$collections_file")
pids=()
for i in "${!ORG_KEYS[@]}"; do
  (
    as_admin "$i"
    retry 10 "$LOGS/chaincode-approve-${ORG_KEYS[$i]}.log" peer lifecycle chaincode approveformyorg -o "$ORDERER_ADDR" --tls --cafile "$ORDERER_CA" \
      --channelID "$CHANNEL" --name "$CC_NAME" --version "$CC_VERSION" --sequence "$CC_SEQUENCE" \
      --package-id "$(cat "$ccdir/package-id-${ORG_KEYS[$i]}")" --signature-policy "$policy" "${collections[@]}" \
      || grep -q "redefine uncommitted sequence .* with unchanged content" "$LOGS/chaincode-approve-${ORG_KEYS[$i]}.log"
  ) &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "approveformyorg failed (see $LOGS/chaincode-approve-*.log)"; done
info "approved by ${#ORG_KEYS[@]} organisations"

peers=()
for i in "${!ORG_KEYS[@]}"; do peers+=(--peerAddresses "${PEER_ADDRS[$i]}:${PEER_PORTS[$i]}" --tlsRootCertFiles "$(peer_tls_ca "$i")"); done
as_admin 0
retry 10 "$LOGS/chaincode.log" peer lifecycle chaincode commit -o "$ORDERER_ADDR" --tls --cafile "$ORDERER_CA" --channelID "$CHANNEL" \
  --name "$CC_NAME" --version "$CC_VERSION" --sequence "$CC_SEQUENCE" --signature-policy "$policy" \
  "${collections[@]}" "${peers[@]}" || fail "commit failed (see $LOGS/chaincode.log)"
echo "$fingerprint" > "$STATE/chaincode-fingerprint"
info "committed sequence $CC_SEQUENCE: policy $policy, $(grep -c '"name"' "$collections_file") private data collections; each referral key adds a state-based policy (both hospitals)"
