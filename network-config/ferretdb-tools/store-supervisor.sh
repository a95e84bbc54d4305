#!/usr/bin/env bash
# Runs the embedded query store as one supervised unit: the PostgreSQL cluster (as the dedicated system
# user), then FerretDB in front of it. TERM/INT stops FerretDB, then PostgreSQL (fast shutdown: committed
# data stay). If FerretDB exits on its own, PostgreSQL is stopped too and the exit code is passed on.
# Usage: store-supervisor.sh PGUSER PGBIN PGDATA PGSOCK PGLOG FERRETDB-ARGS...
set -uo pipefail
pg_user=$1 pg_bin=$2 pg_data=$3 pg_sock=$4 pg_log=$5; shift 5
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi; }
pg_stop() { as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w -t 20 stop >/dev/null 2>&1 || true; }
if ! as_pg "$pg_bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; then
  as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_log" -w -t 60 start || { echo "PostgreSQL did not start (see $pg_log)" >&2; exit 1; }
fi
"$@" &
ferret=$!
trap 'kill -TERM "$ferret" 2>/dev/null; wait "$ferret"; pg_stop; exit 0' TERM INT
wait "$ferret"
rc=$?
pg_stop
exit "$rc"
