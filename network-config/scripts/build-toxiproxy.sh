#!/usr/bin/env bash
# Builds Toxiproxy (TCP proxy with latency "toxics", for the WAN-latency run: scripts/multihost/wan-latency.sh) from Go
# modules (toxiproxy-tools/go.mod) into network-config/bin. Rebuilds only when the pin or the Go version changes.
source "$(dirname "$0")/common.sh"
stamp="$BIN/.toxiproxy-stamp"
want="$(cat "$NET/toxiproxy-tools/go.mod" "$NET/toxiproxy-tools/go.sum" | sha256sum | cut -c1-16)-$(go env GOVERSION)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$BIN/toxiproxy-server" ]; then
  info "Toxiproxy binary up to date"
  exit 0
fi
step "Building Toxiproxy (latency proxy) from Go modules"
cd "$NET/toxiproxy-tools"
go build -trimpath -o "$BIN/toxiproxy-server" github.com/Shopify/toxiproxy/v2/cmd/server
echo "$want" > "$stamp"
info "toxiproxy-server $("$BIN/toxiproxy-server" -version 2>&1 | head -1)"
