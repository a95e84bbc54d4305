#!/usr/bin/env bash
# npm run test:multihost [-- --short] [-- --consensus bft]   (root, Linux; the system must not be running)
# Each organisation on its own host, proven in network namespaces: one namespace per organisation (12 peer
# organisations + the PHO's ordering organisation; 4 ordering organisations with BFT), each joined to a bridge by a
# veth pair with an address from 198.18.0.0/15. Each organisation's peer and chaincode service run inside its own
# namespace (ip netns exec, under the supervisor); the orderers in their organisation's namespace; the gateway, the
# store and the CLI on the host side of the bridge. Then:
#   1. the referral Cucumber features through the gateway (--short: refer-a-patient and referral-inbox);
#   2. one hospital's link goes down: referrals between the others still commit; the link comes back and that
#      hospital's peer catches up to the same height and block hash (partition.mjs, timed).
# Bounded in time (every step has a timeout, the whole run MULTIHOST_TIMEOUT seconds, default 1200) and it removes
# every namespace, link, process and its runtime folder (.runtime-multihost) on exit, even on failure.
# Report: reports/multihost.json.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$PATH"
SHORT=0; CONS=raft
while [ $# -gt 0 ]; do
  case "$1" in
    --short) SHORT=1; shift ;;
    --consensus) CONS="${2:?raft or bft}"; shift 2 ;;
    --consensus=*) CONS="${1#*=}"; shift ;;
    *) echo "usage: npm run test:multihost [-- --short] [-- --consensus raft|bft]" >&2; exit 2 ;;
  esac
done
LIMIT="${MULTIHOST_TIMEOUT:-1200}"
say() { printf '\033[1m==> [multihost] %s\033[0m\n' "$*"; }
die() { printf '\033[31mERROR [multihost]: %s\033[0m\n' "$*" >&2; exit 1; }
[ "$(uname -s)" = Linux ] || die "needs Linux network namespaces"
[ "$(id -u)" = 0 ] || die "needs root (ip netns)"
command -v ip >/dev/null || die "needs iproute2 (ip)"
[ -x network-config/bin/peer ] && [ -f gateway-api/dist/main.js ] && [ -f features/dist/support/api-world.js ] \
  || die "build first (npm start once, or bash scripts/ensure-deps.sh)"
for port in 3000 27017; do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port is in use: stop the running system first (npm stop)"
done

export RUNTIME_DIR="$ROOT/.runtime-multihost"
export CONSENSUS_CHOICE="$CONS"
BRIDGE=mhbr0
started=$SECONDS
NSES=(); VETHS=(); ADDRS=()
status=1

cleanup() {
  trap - EXIT INT TERM
  say "cleaning up: processes, namespaces, links, $RUNTIME_DIR"
  [ -n "${WATCHDOG:-}" ] && kill "$WATCHDOG" 2>/dev/null
  timeout 120 bash network-config/scripts/network-down.sh > /dev/null 2>&1 || true
  local ns pid
  for ns in "${NSES[@]}"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
  rm -rf "$RUNTIME_DIR"
  local left; left="$(ip netns list 2>/dev/null | grep -c '^mh-' || true)"
  [ "$left" = 0 ] || echo "WARNING: $left mh-* namespaces left" >&2
  say "done in $((SECONDS - started)) s, exit $status"
  exit "$status"
}
trap cleanup EXIT
trap 'status=130; exit 130' INT TERM
# the whole run is bounded: the watchdog interrupts this script (the cleanup still runs)
( sleep "$LIMIT"; echo "ERROR [multihost]: time limit of ${LIMIT}s reached" >&2; kill -TERM $$; for c in $(pgrep -P $$); do [ "$c" != "$BASHPID" ] && kill -TERM "$c"; done ) 2>/dev/null &
WATCHDOG=$!

rm -rf "$RUNTIME_DIR"; mkdir -p "$RUNTIME_DIR" reports
TOPO="$RUNTIME_DIR/multihost-network.json"
say "topology: one namespace per organisation, addresses from 198.18.0.0/15 ($CONS)"
mapfile -t ROWS < <(node scripts/multihost/netns-topology.mjs "$CONS" "$TOPO") || die "topology"
ip link del "$BRIDGE" 2>/dev/null || true
for ns in $(ip netns list | awk '/^mh-/ {print $1}'); do ip netns del "$ns"; done   # leftovers of a killed run
ip link add "$BRIDGE" type bridge || die "cannot create the bridge"
ip addr add 198.18.0.1/15 dev "$BRIDGE"
ip link set "$BRIDGE" up
for row in "${ROWS[@]}"; do
  read -r ns veth addr <<<"$row"
  NSES+=("$ns"); VETHS+=("$veth"); ADDRS+=("$addr")
  ip netns add "$ns" || die "ip netns add $ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns" || die "veth $veth"
  ip link set "$veth" master "$BRIDGE" up
  ip -n "$ns" addr add "$addr/15" dev eth0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
done
info_ns="$(for i in "${!NSES[@]}"; do printf '%s=%s ' "${NSES[$i]}" "${ADDRS[$i]}"; done)"
echo "    ${#NSES[@]} namespaces on bridge $BRIDGE (198.18.0.1/15): $info_ns"
# the bridge carries traffic between namespaces: a listener in the last one, reached from the first
timeout 5 ip netns exec "${NSES[-1]}" node -e "require('net').createServer((s) => s.end('ok')).listen(9, '${ADDRS[-1]}')" &
listener=$!
sleep 0.7
ip netns exec "${NSES[0]}" timeout 3 bash -c "exec 3<>/dev/tcp/${ADDRS[-1]}/9 && cat <&3" | grep -q ok || die "${NSES[0]} cannot reach ${ADDRS[-1]} over the bridge"
wait "$listener" 2>/dev/null

t0=$SECONDS
say "starting the network inside the namespaces"
export NETWORK_FIXTURE="$TOPO"
timeout 600 bash network-config/scripts/network-up.sh || die "network-up failed (logs in $RUNTIME_DIR/logs)"
timeout 180 bash network-config/scripts/store-up.sh || die "store-up failed"
timeout 180 bash network-config/scripts/gateway-up.sh || die "gateway-up failed"
up_s=$((SECONDS - t0))
# proof that the processes live in their namespaces
victim_i=2   # Bang Nam Priao (the third peer organisation): not the hub the features use
for i in "${!NSES[@]}"; do [ "${NSES[$i]}" = "mh-bangnampriao" ] && victim_i=$i; done
victim_ns="${NSES[$victim_i]}"; victim_veth="${VETHS[$victim_i]}"; victim_key="${victim_ns#mh-}"
inside="$(ip netns pids "$victim_ns" | xargs -r ps -o comm= -p | sort | uniq -c | tr -s ' ' | tr '\n' ',')"
echo "    network up in ${up_s}s; processes inside $victim_ns:${inside%,}"

if [ "$SHORT" = 1 ]; then feats=(features/refer-a-patient.feature features/referral-inbox.feature)
else feats=(features/refer-a-patient.feature features/referral-inbox.feature features/every-pair.feature features/access-control.feature features/bad-input.feature features/clinical-privacy.feature); fi
say "referral features through the gateway: ${feats[*]}"
t0=$SECONDS
timeout 900 cucumber-js --config scripts/multihost/cucumber-multihost.mjs "${feats[@]}"
cuke_rc=$?
cuke_s=$((SECONDS - t0))

say "cutting $victim_key off (ip link set $victim_veth down), then restoring it"
t0=$SECONDS
part="$(timeout 420 node scripts/multihost/partition.mjs "$victim_key" "$victim_veth" --referrals "$([ "$SHORT" = 1 ] && echo 4 || echo 11)")"
part_rc=$?
part_s=$((SECONDS - t0))
echo "    $part"

total=$((SECONDS - started))
NS_COUNT=${#NSES[@]} node -e '
const [mode, cons, up, cuke, cukeRc, partS, partRc, total, part] = process.argv.slice(1);
const r = { at: new Date().toISOString(), mode, consensus: cons, namespaces: Number(process.env.NS_COUNT), networkUpSeconds: +up,
  features: { seconds: +cuke, passed: cukeRc === "0" }, partition: { seconds: +partS, passed: partRc === "0", ...(part ? JSON.parse(part) : {}) }, totalSeconds: +total };
require("fs").writeFileSync("reports/multihost.json", JSON.stringify(r, null, 2));
console.log(`    features ${r.features.passed ? "passed" : "FAILED"} (${cuke}s); cut-off hospital: others ${r.partition.othersCommitted ?? "?"}/${r.partition.referrals ?? "?"} committed, caught up in ${r.partition.catchUpSeconds ?? "-"} s; total ${total}s (reports/multihost.json)`);
' "$([ "$SHORT" = 1 ] && echo short || echo full)" "$CONS" "$up_s" "$cuke_s" "$cuke_rc" "$part_s" "$part_rc" "$total" "$part" 
[ "$cuke_rc" = 0 ] && [ "$part_rc" = 0 ] && status=0
exit "$status"
