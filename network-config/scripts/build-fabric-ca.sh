#!/usr/bin/env bash
# Builds Hyperledger Fabric CA 1.5.21 (fabric-ca-server, fabric-ca-client) from its release source tree into
# network-config/bin. The tree is verified by its git tree hash before anything is built (same flow as
# build-fabric.sh). Source, in order: $FABRIC_CA_SOURCE_ARCHIVE; ../shared/vendor/fabric-ca-1.5.21.tar.gz; the
# upstream tag archive (downloaded, on a machine with internet). Rebuilds only when the pin or the Go version changes.
source "$(dirname "$0")/common.sh"
command -v go >/dev/null || fail "Go is required to build Fabric CA (see README)"

CA_VERSION=1.5.21
CA_TREE=c245cea144265e836772eddb571ac9f633a046a6   # git tree hash of tag v1.5.21 (commit f355456a)
stamp="$BIN/.stamp-ca"
want="fabric-ca-$CA_VERSION-$CA_TREE-$(go env GOVERSION)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$BIN/fabric-ca-server" ] && [ -x "$BIN/fabric-ca-client" ]; then
  info "Fabric CA $CA_VERSION binaries up to date ($BIN)"
  exit 0
fi
step "Building Hyperledger Fabric CA $CA_VERSION from its verified source tree (first time: about 1-2 minutes)"
command -v gcc >/dev/null || fail "gcc is required to build Fabric CA (cgo, SQLite)"
export GOTOOLCHAIN=local
work="$RUNTIME/build/fabric-ca"
rm -rf "$work" && mkdir -p "$work"
archive="${FABRIC_CA_SOURCE_ARCHIVE:-}"
if [ -z "$archive" ] && [ -f "$ROOT/../shared/vendor/fabric-ca-$CA_VERSION.tar.gz" ]; then
  archive="$ROOT/../shared/vendor/fabric-ca-$CA_VERSION.tar.gz"
fi
if [ -z "$archive" ]; then
  archive="$work/fabric-ca-$CA_VERSION.tar.gz"
  info "downloading the v$CA_VERSION source archive from the upstream repository"
  curl -fsSL -o "$archive" "https://github.com/hyperledger/fabric-ca/archive/refs/tags/v$CA_VERSION.tar.gz" \
    || fail "no local Fabric CA source archive and the download failed (set FABRIC_CA_SOURCE_ARCHIVE)"
fi
info "source: $archive"
tar -xzf "$archive" -C "$work"
src="$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)"
tree="$(bash "$NET/scripts/git-tree-hash.sh" "$src")"
[ "$tree" = "$CA_TREE" ] || fail "Fabric CA source tree hash $tree != $CA_TREE (tag v$CA_VERSION): refusing to build"
info "tree hash verified: $tree"
if [ ! -d "$src/vendor" ]; then
  info "the archive has no vendor/ folder: fetching Go modules"
  (cd "$src" && go mod vendor)
fi
mkdir -p "$BIN"
cd "$src"
info "go build fabric-ca-server fabric-ca-client"
CGO_ENABLED=1 GOPROXY=off GOFLAGS=-mod=vendor go build -trimpath \
  -ldflags "-X github.com/hyperledger/fabric-ca/lib/metadata.Version=$CA_VERSION" \
  -o "$BIN/" ./cmd/fabric-ca-server ./cmd/fabric-ca-client
rm -rf "$work"
echo "$want" > "$stamp"
"$BIN/fabric-ca-server" version | sed 's/^/    /'
