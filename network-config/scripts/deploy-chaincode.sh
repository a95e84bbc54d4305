#!/usr/bin/env bash
# Packages the referral chaincode as a chaincode service (ccaas), installs it on every peer,
# approves it for every organisation and commits the definition. Idempotent per sequence.
source "$(dirname "$0")/common.sh"
ccdir="$RUNTIME/chaincode"; mkdir -p "$ccdir"
pkg="$ccdir/$CC_LABEL.tgz"
if [ ! -f "$pkg" ]; then
  tmp="$(mktemp -d)"
  printf '{"address":"%s","dial_timeout":"10s","tls_required":false}\n' "$CC_ADDRESS" > "$tmp/connection.json"
  printf '{"path":"","type":"ccaas","label":"%s"}\n' "$CC_LABEL" > "$tmp/metadata.json"
  tar -C "$tmp" --mtime='2026-01-01' --owner=0 --group=0 --numeric-owner -czf "$tmp/code.tar.gz" connection.json
  tar -C "$tmp" --mtime='2026-01-01' --owner=0 --group=0 --numeric-owner -czf "$pkg" metadata.json code.tar.gz
  rm -rf "$tmp"
fi
# Fabric 2.x package ID = <label>:<sha256 of the package file>
echo "$CC_LABEL:$(sha256sum "$pkg" | cut -d' ' -f1)" > "$ccdir/package-id"
PKG_ID="$(cat "$ccdir/package-id")"
collections_file="$CONFIG/collections-config.json"
"$NODE" "$NET/scripts/render-collections.mjs" "$collections_file" > /dev/null
policy="OR($(printf "'%s.peer'," "${ORG_MSPS[@]}" | sed 's/,$//'))"
# The definition's fingerprint: a new one (collections, policy, version) is committed as the next sequence.
fingerprint="$( (echo "$CC_VERSION $policy"; cat "$collections_file") | sha256sum | cut -c1-16)"
as_admin 0
# The committed sequence: 0 on a fresh channel ("namespace … is not defined"). Right after the peers start the
# query can fail for a moment, so other errors are retried.
current=""
for _ in $(seq 1 30); do
  out="$(peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" 2>&1 || true)"
  if grep -q 'Sequence: ' <<<"$out"; then current="$(sed -n 's/.*Sequence: \([0-9]*\).*/\1/p' <<<"$out")"; break; fi
  if grep -q 'not defined' <<<"$out"; then current=0; break; fi
  sleep 1
done
[ -n "$current" ] || fail "cannot read the committed chaincode definition: $out"
if [ "$current" -gt 0 ] && [ "$(cat "$STATE/chaincode-fingerprint" 2>/dev/null)" = "$fingerprint" ]; then
  info "chaincode '$CC_NAME' definition up to date (sequence $current)"
  exit 0
fi
CC_SEQUENCE=$((current + 1))
step "Deploying chaincode '$CC_NAME' (sequence $CC_SEQUENCE) as a service at $CC_ADDRESS"
for i in "${!ORG_KEYS[@]}"; do
  [ -f "$STATE/installed-${ORG_KEYS[$i]}" ] && continue
  as_admin "$i"
  peer lifecycle chaincode install "$pkg" >> "$LOGS/chaincode.log" 2>&1 || fail "install on ${PEER_NAMES[$i]} failed (see $LOGS/chaincode.log)"
  touch "$STATE/installed-${ORG_KEYS[$i]}"
done
info "installed on ${#ORG_KEYS[@]} peers: $PKG_ID"

collections=(--collections-config "$collections_file")
pids=()
for i in "${!ORG_KEYS[@]}"; do
  (
    as_admin "$i"
    retry 10 "$LOGS/chaincode-approve-${ORG_KEYS[$i]}.log" peer lifecycle chaincode approveformyorg -o "$ORDERER_ADDR" --tls --cafile "$ORDERER_CA" \
      --channelID "$CHANNEL" --name "$CC_NAME" --version "$CC_VERSION" --sequence "$CC_SEQUENCE" \
      --package-id "$PKG_ID" --signature-policy "$policy" "${collections[@]}"
  ) &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "approveformyorg failed (see $LOGS/chaincode-approve-*.log)"; done
info "approved by ${#ORG_KEYS[@]} organisations"

peers=()
for i in "${!ORG_KEYS[@]}"; do peers+=(--peerAddresses "localhost:${PEER_PORTS[$i]}" --tlsRootCertFiles "$(peer_tls_ca "$i")"); done
as_admin 0
retry 10 "$LOGS/chaincode.log" peer lifecycle chaincode commit -o "$ORDERER_ADDR" --tls --cafile "$ORDERER_CA" --channelID "$CHANNEL" \
  --name "$CC_NAME" --version "$CC_VERSION" --sequence "$CC_SEQUENCE" --signature-policy "$policy" \
  "${collections[@]}" "${peers[@]}" || fail "commit failed (see $LOGS/chaincode.log)"
echo "$fingerprint" > "$STATE/chaincode-fingerprint"
info "committed sequence $CC_SEQUENCE: policy $policy, $(grep -c '"name"' "$collections_file") private data collections; each referral key adds a state-based policy (both hospitals)"
