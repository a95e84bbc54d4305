#!/usr/bin/env bash
# Starts the embedded MongoDB-compatible query store unless MONGODB_URI points elsewhere: FerretDB 1.24
# (MongoDB wire protocol) on a PostgreSQL 15 cluster kept in .runtime/data/postgres, reached over a Unix
# socket only (no TCP port). Idempotent, also on a fresh machine: installs PostgreSQL 15 with apt-get when
# missing (needs root), creates the system user that owns the cluster (initdb refuses root), initialises
# the cluster once, then starts PostgreSQL + FerretDB under one supervisor process (pids/ferretdb.pid),
# which network-down.sh stops. Data survive stop and start. See docs/store.md.
# Environment: STORE_LISTEN_PORT (default: the store port of fixtures/network.json), STORE_PG_USER (referral-pg), STORE_DEBUG_PORT (8089).
source "$(dirname "$0")/common.sh"
if [ -n "${MONGODB_URI:-}" ]; then info "using MONGODB_URI (no embedded store started)"; exit 0; fi

PG_USER="${STORE_PG_USER:-referral-pg}"
STORE_PORT="${STORE_LISTEN_PORT:-$STORE_PORT}"
PG_DATA="$DATA/postgres"
PG_SOCK="$RUNTIME/pgsock"
pg_bin() { local d; for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do [ -x "$d/initdb" ] && { echo "$d"; return; }; done; }
PG_BIN="$(pg_bin || true)"
if [ -z "$PG_BIN" ]; then
  [ "$(id -u)" = 0 ] || fail "PostgreSQL 15 is missing: run 'apt-get install postgresql-15' as root"
  step "Installing PostgreSQL 15 (Debian package) for the query store"
  # the store runs its own cluster under .runtime: do not let the package create and start a system one
  mkdir -p /etc/postgresql-common
  [ -f /etc/postgresql-common/createcluster.conf ] || echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
  PG_BIN="$(pg_bin)"
fi
[ -x "$BIN/ferretdb" ] || bash "$NET/scripts/build-ferretdb.sh"

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ] && ! id -u "$PG_USER" >/dev/null 2>&1; then
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_USER"
fi
mkdir -p "$DATA/ferretdb"
# the cluster's owner must reach its directory: when the checkout lies under a directory it cannot enter
# (e.g. /root), keep the cluster in /var/lib/referral-store/<checkout hash> instead (linked from .runtime)
if [ "$(id -u)" = 0 ] && ! runuser -u "$PG_USER" -- test -x "$DATA" 2>/dev/null; then
  alt="/var/lib/referral-store/$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
  mkdir -p "$alt"; chown "$PG_USER" "$alt"; chmod 700 "$alt"
  [ -L "$PG_DATA" ] || [ -e "$PG_DATA" ] || ln -s "$alt/postgres" "$PG_DATA"
  PG_DATA="$alt/postgres"
  PG_SOCK="$alt/sock"
  info "PostgreSQL cluster in $alt ($PG_USER cannot enter $DATA)"
fi
mkdir -p "$PG_DATA" "$PG_SOCK"
[ "$(id -u)" = 0 ] && chown "$PG_USER" "$PG_DATA" "$PG_SOCK" && chmod 700 "$PG_DATA"
touch "$LOGS/postgres.log"; [ "$(id -u)" = 0 ] && chown "$PG_USER" "$LOGS/postgres.log"

if [ ! -f "$PG_DATA/PG_VERSION" ]; then
  step "Initialising the query store's PostgreSQL cluster in $PG_DATA"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U ferretdb --auth=trust -E UTF8 --locale=C >"$LOGS/initdb.log" 2>&1 || fail "initdb failed (see $LOGS/initdb.log)"
fi
# settings (rewritten at each start, so a changed script applies to an existing cluster)
cat > "$PG_DATA/store.conf" <<CONF
# written by network-config/scripts/store-up.sh
listen_addresses = ''
unix_socket_directories = '$PG_SOCK'
max_connections = 60
shared_buffers = '256MB'
work_mem = '16MB'
# the store is a projection of the ledger: a crash may lose the last commits, which the projector
# replays from its checkpoint (the checkpoint is written after the data, in the same WAL order)
synchronous_commit = off
# FerretDB sends prepared statements whose field names are parameters: plan each one with its values,
# so the planner can use the expression indexes of the read model
plan_cache_mode = force_custom_plan
random_page_cost = 1.1
jit = off
log_min_messages = warning
CONF
grep -q "^include_if_exists = 'store.conf'" "$PG_DATA/postgresql.conf" || echo "include_if_exists = 'store.conf'" >> "$PG_DATA/postgresql.conf"
[ "$(id -u)" = 0 ] && chown "$PG_USER" "$PG_DATA/store.conf"

SV_GROUP=store SV_HEALTH="127.0.0.1:$STORE_PORT" start_bg ferretdb "$LOGS/ferretdb.log" bash "$NET/ferretdb-tools/store-supervisor.sh" "$PG_USER" "$PG_BIN" "$PG_DATA" "$PG_SOCK" "$LOGS/postgres.log" \
  "$BIN/ferretdb" --handler=postgresql --postgresql-url="postgres://ferretdb@/postgres?host=$PG_SOCK" \
  --state-dir="$DATA/ferretdb" --listen-addr="127.0.0.1:$STORE_PORT" --debug-addr="127.0.0.1:${STORE_DEBUG_PORT:-8089}" \
  --telemetry=disable --log-level=warn
for _ in $(seq 1 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$STORE_PORT") 2>/dev/null; then
    # the read model's GIN indexes (an event trigger adds them to every table FerretDB creates)
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -U ferretdb -d postgres -f "$NET/ferretdb-tools/store-indexes.sql" >"$LOGS/store-indexes.log" 2>&1 ||
      fail "could not install the store's indexes (see $LOGS/store-indexes.log)"
    info "store (FerretDB 1.24 on PostgreSQL 15, indexed) on mongodb://127.0.0.1:$STORE_PORT"
    exit 0
  fi
  is_running ferretdb || fail "the store exited (see $LOGS/ferretdb.log and $LOGS/postgres.log)"
  sleep 0.25
done
fail "FerretDB did not listen on port $STORE_PORT"
