#!/usr/bin/env bash
# Starts the embedded MongoDB-compatible store (FerretDB on SQLite) unless MONGODB_URI points elsewhere.
source "$(dirname "$0")/common.sh"
if [ -n "${MONGODB_URI:-}" ]; then info "using MONGODB_URI (no embedded store started)"; exit 0; fi
mkdir -p "$DATA/ferretdb"
SV_GROUP=store SV_HEALTH="127.0.0.1:$STORE_PORT" start_bg ferretdb "$LOGS/ferretdb.log" "$BIN/ferretdb" --handler=sqlite --sqlite-url="file:$DATA/ferretdb/" \
  --state-dir="$DATA/ferretdb" --listen-addr="127.0.0.1:$STORE_PORT" --debug-addr="127.0.0.1:8089" \
  --telemetry=disable --log-level=warn
for _ in $(seq 1 40); do
  (exec 3<>"/dev/tcp/127.0.0.1/$STORE_PORT") 2>/dev/null && { info "store (FerretDB/SQLite) on mongodb://127.0.0.1:$STORE_PORT"; exit 0; }
  is_running ferretdb || fail "FerretDB exited (see $LOGS/ferretdb.log)"
  sleep 0.25
done
fail "FerretDB did not listen on port $STORE_PORT"
