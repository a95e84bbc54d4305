#!/usr/bin/env bash
# Builds Hyperledger Fabric 3.1.5 (peer, orderer, osnadmin, configtxgen, configtxlator, cryptogen) and the
# official chaincode-as-a-service builder from the release source tree, into network-config/bin and
# network-config/builders/ccaas/bin. The tree is verified by its git tree hash before anything is built.
#
# Source, in order: $FABRIC_SOURCE_ARCHIVE; ../shared/vendor/fabric-3.1.5.tar.gz; the upstream tag archive
# (downloaded, on a machine with internet). Rebuilds only when the pin or the Go version changes.
source "$(dirname "$0")/common.sh"
command -v go >/dev/null || fail "Go >= 1.26.4 is required to build Fabric (see README)"

FABRIC_VERSION=3.1.5
FABRIC_TREE=abdb24412ff308d727816190abf3fb2ae42e2026   # git tree hash of tag v3.1.5 (commit 86c1172b)
F=github.com/hyperledger/fabric
BUILDER_BIN="$NET/builders/ccaas/bin"
stamp="$BIN/.stamp"
want="fabric-$FABRIC_VERSION-$FABRIC_TREE-$(go env GOVERSION)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$BIN/peer" ] && [ -x "$BUILDER_BIN/build" ]; then
  info "Fabric $FABRIC_VERSION binaries up to date ($BIN)"
  exit 0
fi
step "Building Hyperledger Fabric $FABRIC_VERSION from its verified source tree (first time: about 4 minutes)"
export GOTOOLCHAIN=local
work="$RUNTIME/build/fabric"
rm -rf "$work" && mkdir -p "$work"
archive="${FABRIC_SOURCE_ARCHIVE:-}"
if [ -z "$archive" ] && [ -f "$ROOT/../shared/vendor/fabric-$FABRIC_VERSION.tar.gz" ]; then
  archive="$ROOT/../shared/vendor/fabric-$FABRIC_VERSION.tar.gz"
fi
if [ -z "$archive" ]; then
  archive="$work/fabric-$FABRIC_VERSION.tar.gz"
  info "downloading the v$FABRIC_VERSION source archive from the upstream repository"
  curl -fsSL -o "$archive" "https://github.com/hyperledger/fabric/archive/refs/tags/v$FABRIC_VERSION.tar.gz" \
    || fail "no local Fabric source archive and the download failed (set FABRIC_SOURCE_ARCHIVE)"
fi
info "source: $archive"
tar -xzf "$archive" -C "$work"
src="$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)"
tree="$(bash "$NET/scripts/git-tree-hash.sh" "$src")"
[ "$tree" = "$FABRIC_TREE" ] || fail "Fabric source tree hash $tree != $FABRIC_TREE (tag v$FABRIC_VERSION): refusing to build"
info "tree hash verified: $tree"
if [ ! -d "$src/vendor" ]; then
  info "the archive has no vendor/ folder: fetching Go modules"
  (cd "$src" && go mod vendor)
fi

mkdir -p "$BIN" "$BUILDER_BIN"
cd "$src"
info "go build peer orderer osnadmin configtxgen configtxlator cryptogen"
GOPROXY=off GOFLAGS=-mod=vendor go build -trimpath \
  -ldflags "-X $F/common/metadata.Version=$FABRIC_VERSION -X $F/common/metadata.CommitSHA=86c1172b" \
  -o "$BIN/" ./cmd/peer ./cmd/orderer ./cmd/osnadmin ./cmd/configtxgen ./cmd/configtxlator ./cmd/cryptogen
info "go build ccaas_builder (detect, build, release)"
(cd ccaas_builder && go build -trimpath -o "$BUILDER_BIN/" ./cmd/detect ./cmd/build ./cmd/release)
mkdir -p "$NET/fabric-config"
cp sampleconfig/core.yaml sampleconfig/orderer.yaml "$BIN/"
rm -rf "$work"
echo "$want" > "$stamp"
"$BIN/peer" version | sed 's/^/    /'
