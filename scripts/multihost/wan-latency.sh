#!/usr/bin/env bash
# npm run test:wan [-- --short | --bench-only] [-- --latency 20 --jitter 5]   (the system must not be running)
# Latency realism: the network with Toxiproxy between every organisation (the gateway, the peers and the orderers
# reach each other's nodes only through proxies that add LATENCY ± JITTER ms in each direction; this kernel has no
# netem). Measures the create and accept p95 through the API (npm run bench:api) without and with the delay on the
# same network, then runs the Cucumber suite with the delay (--short: the referral features only).
# Bounded (WAN_TIMEOUT, default 1500 s); stops everything and removes .runtime-wan on exit. Report: reports/wan-latency.json.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$PATH"
SHORT=0; BENCH_ONLY=0; LATENCY=20; JITTER=5; BENCH_SECONDS="${BENCH_SECONDS:-20}"; CONCURRENCY="${BENCH_CONCURRENCY:-8}"
while [ $# -gt 0 ]; do
  case "$1" in
    --short) SHORT=1; shift ;;
    --bench-only) BENCH_ONLY=1; shift ;;
    --latency) LATENCY="$2"; shift 2 ;;
    --jitter) JITTER="$2"; shift 2 ;;
    *) echo "usage: npm run test:wan [-- --short | --bench-only] [-- --latency MS --jitter MS]" >&2; exit 2 ;;
  esac
done
say() { printf '\033[1m==> [wan] %s\033[0m\n' "$*"; }
die() { printf '\033[31mERROR [wan]: %s\033[0m\n' "$*" >&2; exit 1; }
for port in 3000 27017 8474; do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port is in use: stop the running system first (npm stop)"
done
bash network-config/scripts/build-toxiproxy.sh || die "cannot build toxiproxy"
export RUNTIME_DIR="$ROOT/.runtime-wan"
started=$SECONDS; status=1
cleanup() {
  trap - EXIT INT TERM
  [ -n "${WATCHDOG:-}" ] && kill "$WATCHDOG" 2>/dev/null
  timeout 120 bash network-config/scripts/network-down.sh > /dev/null 2>&1 || true
  [ -n "${TP:-}" ] && kill "$TP" 2>/dev/null
  rm -rf "$RUNTIME_DIR"
  say "done in $((SECONDS - started)) s, exit $status"
  exit "$status"
}
trap cleanup EXIT
trap 'status=130; exit 130' INT TERM
( sleep "${WAN_TIMEOUT:-1500}"; echo "ERROR [wan]: time limit reached" >&2; kill -TERM $$; for c in $(pgrep -P $$); do [ "$c" != "$BASHPID" ] && kill -TERM "$c"; done ) 2>/dev/null &
WATCHDOG=$!
rm -rf "$RUNTIME_DIR"; mkdir -p "$RUNTIME_DIR/logs" reports/bench
rm -f reports/wan-latency.json
TOPO="$RUNTIME_DIR/wan-network.json"
node scripts/multihost/wan-latency.mjs topology "$TOPO" || die topology
network-config/bin/toxiproxy-server -host 127.0.0.1 -port 8474 > "$RUNTIME_DIR/logs/toxiproxy.log" 2>&1 &
TP=$!
for _ in $(seq 1 40); do curl -fsS -o /dev/null http://127.0.0.1:8474/version 2>/dev/null && break; sleep 0.25; done
node scripts/multihost/wan-latency.mjs proxies "$TOPO" || die "toxiproxy proxies"
say "starting the network behind the proxies"
export NETWORK_FIXTURE="$TOPO"
timeout 600 bash network-config/scripts/network-up.sh || die "network-up failed (logs in $RUNTIME_DIR/logs)"
timeout 180 bash network-config/scripts/store-up.sh || die "store-up failed"
timeout 180 bash network-config/scripts/gateway-up.sh || die "gateway-up failed"

bench() {
  local label=$1
  timeout 300 node scripts/bench/api-throughput.mjs --seconds "$BENCH_SECONDS" --concurrency "$CONCURRENCY" > "$RUNTIME_DIR/logs/bench-$label.log" 2>&1 \
    || { tail -20 "$RUNTIME_DIR/logs/bench-$label.log"; die "bench $label failed"; }
  cp reports/bench/api-throughput.json "reports/bench/wan-$label.json"
  node scripts/multihost/wan-latency.mjs p95 "$label" "reports/bench/wan-$label.json"
}
say "p95 without added latency (bench:api, ${BENCH_SECONDS}s, concurrency $CONCURRENCY)"
node scripts/multihost/wan-latency.mjs off
bench no-delay
say "p95 with ${LATENCY} ± ${JITTER} ms each way between organisations"
node scripts/multihost/wan-latency.mjs on "$LATENCY" "$JITTER"
bench "wan-${LATENCY}ms"
if [ "$BENCH_ONLY" = 1 ]; then status=0; exit 0; fi

if [ "$SHORT" = 1 ]; then feats=(features/refer-a-patient.feature features/referral-inbox.feature features/every-pair.feature); else feats=(); fi
say "Cucumber suite with the delay ${feats[*]:-(all features)}"
t0=$SECONDS
timeout 1000 cucumber-js --config scripts/multihost/cucumber-wan.mjs "${feats[@]}"
cuke_rc=$?
node -e '
const f = "reports/wan-latency.json"; const r = JSON.parse(require("fs").readFileSync(f, "utf8"));
r.cucumber = { withDelay: process.argv[1] + " ± " + process.argv[2] + " ms each way", passed: process.argv[3] === "0", seconds: +process.argv[4] };
require("fs").writeFileSync(f, JSON.stringify(r, null, 2)); console.log(JSON.stringify(r));
' "$LATENCY" "$JITTER" "$cuke_rc" "$((SECONDS - t0))"
[ "$cuke_rc" = 0 ] && status=0
exit "$status"
