#!/usr/bin/env bash
# Builds FerretDB (MongoDB wire protocol; the project runs it on its own PostgreSQL 15 cluster, see store-up.sh) from Go modules
# (ferretdb-tools/go.mod) into network-config/bin. Rebuilds only when the pin changes.
source "$(dirname "$0")/common.sh"
stamp="$BIN/.ferretdb-stamp"
want="$(cat "$NET/ferretdb-tools/go.mod" "$NET/ferretdb-tools/go.sum" | sha256sum | cut -c1-16)-$(go env GOVERSION)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$BIN/ferretdb" ]; then
  info "FerretDB binary up to date"
  exit 0
fi
step "Building FerretDB (MongoDB-compatible store) from Go modules"
cd "$NET/ferretdb-tools"
version="$(go list -m -f '{{.Version}}' github.com/FerretDB/FerretDB)"
# FerretDB embeds a generated build/version/version.txt that its module zip lacks: vendor, add it, build.
go mod vendor
printf '%s' "$version" > vendor/github.com/FerretDB/FerretDB/build/version/version.txt
go build -mod=vendor -trimpath -o "$BIN/ferretdb" github.com/FerretDB/FerretDB/cmd/ferretdb
rm -rf vendor
echo "$want" > "$stamp"
info "ferretdb $("$BIN/ferretdb" --version | head -1)"
