#!/usr/bin/env bash
# Builds the pinned Hyperledger Fabric commands from Go modules (fabric-tools/go.mod)
# into network-config/bin. Rebuilds only when go.mod/go.sum change.
source "$(dirname "$0")/common.sh"
command -v go >/dev/null || fail "Go is required to build Fabric (see README)"

FABRIC_VERSION=2.1.1
F=github.com/hyperledger/fabric
stamp="$BIN/.stamp"
want="$(cat "$NET/fabric-tools/go.mod" "$NET/fabric-tools/go.sum" | sha256sum | cut -c1-16)-$(go env GOVERSION)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$BIN/peer" ]; then
  info "Fabric $FABRIC_VERSION binaries up to date ($BIN)"
  exit 0
fi
step "Building Hyperledger Fabric $FABRIC_VERSION from Go modules (first time: a few minutes)"
mkdir -p "$BIN"
cd "$NET/fabric-tools"
# The module proxy refuses Fabric >= 2.2 here; v2.1.1 is pinned and checked against its Makefile below.
go mod download -json "$F" > "$RUNTIME/fabric-module.json"
dir="$(go list -m -f '{{.Dir}}' "$F")"
grep -q "^BASE_VERSION = $FABRIC_VERSION\$" "$dir/Makefile" || fail "Fabric module is not release $FABRIC_VERSION"
for cmd in peer orderer configtxgen configtxlator cryptogen; do
  info "go build $cmd"
  go build -trimpath \
    -ldflags "-X $F/common/metadata.Version=$FABRIC_VERSION -X $F/common/metadata.CommitSHA=v$FABRIC_VERSION" \
    -o "$BIN/$cmd" "$F/cmd/$cmd"
done
echo "$want" > "$stamp"
"$BIN/peer" version | sed 's/^/    /'
