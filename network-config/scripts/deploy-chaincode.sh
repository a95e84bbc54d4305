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
done_flag="$STATE/chaincode-$CC_NAME-seq$CC_SEQUENCE"
[ -f "$done_flag" ] && { info "chaincode '$CC_NAME' sequence $CC_SEQUENCE already committed"; exit 0; }

step "Deploying chaincode '$CC_NAME' (sequence $CC_SEQUENCE) as a service at $CC_ADDRESS"
for i in "${!ORG_KEYS[@]}"; do
  [ -f "$STATE/installed-${ORG_KEYS[$i]}" ] && continue
  as_admin "$i"
  peer lifecycle chaincode install "$pkg" >> "$LOGS/chaincode.log" 2>&1 || fail "install on ${PEER_NAMES[$i]} failed (see $LOGS/chaincode.log)"
  touch "$STATE/installed-${ORG_KEYS[$i]}"
done
info "installed on ${#ORG_KEYS[@]} peers: $PKG_ID"

policy="OR($(printf "'%s.peer'," "${ORG_MSPS[@]}" | sed 's/,$//'))"
collections=()
[ -f "$NET/collections/collections-config.json" ] && collections=(--collections-config "$NET/collections/collections-config.json")
pids=()
for i in "${!ORG_KEYS[@]}"; do
  (
    as_admin "$i"
    peer lifecycle chaincode approveformyorg -o "$ORDERER_ADDR" --tls --cafile "$ORDERER_CA" \
      --channelID "$CHANNEL" --name "$CC_NAME" --version "$CC_VERSION" --sequence "$CC_SEQUENCE" \
      --package-id "$PKG_ID" --signature-policy "$policy" "${collections[@]}" >> "$LOGS/chaincode-approve-${ORG_KEYS[$i]}.log" 2>&1
  ) &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "approveformyorg failed (see $LOGS/chaincode-approve-*.log)"; done
info "approved by ${#ORG_KEYS[@]} organisations"

peers=()
for i in "${!ORG_KEYS[@]}"; do peers+=(--peerAddresses "localhost:${PEER_PORTS[$i]}" --tlsRootCertFiles "$(peer_tls_ca "$i")"); done
as_admin 0
peer lifecycle chaincode commit -o "$ORDERER_ADDR" --tls --cafile "$ORDERER_CA" --channelID "$CHANNEL" \
  --name "$CC_NAME" --version "$CC_VERSION" --sequence "$CC_SEQUENCE" --signature-policy "$policy" \
  "${collections[@]}" "${peers[@]}" >> "$LOGS/chaincode.log" 2>&1 || fail "commit failed (see $LOGS/chaincode.log)"
touch "$done_flag"
info "committed: endorsement policy $policy (plus a per-referral state-based policy set by the chaincode)"
