#!/usr/bin/env bash
# Starts the Express gateway (gateway-api/dist) in the background and waits for /api/health.
source "$(dirname "$0")/common.sh"
[ -f "$ROOT/gateway-api/dist/main.js" ] || fail "gateway is not built (npm run build)"
[ "${1:-}" = "--restart" ] && sv stop gateway >> "$LOGS/supervisor-calls.log" 2>&1 || true
# the build's fingerprint is part of the spec, so a rebuilt gateway replaces the running one
build="$(find "$ROOT/gateway-api/dist" -type f -name '*.js' -print0 | sort -z | xargs -0 cat | sha256sum | cut -c1-12)"
# the ambulance devices' broker (network-config/scripts/mqtt-up.sh), when it is configured
mqtt=()
# (the password stays in its file: the supervisor logs the command line)
[ -s "$RUNTIME/secrets/ems_mqtt_gateway.txt" ] && mqtt=(EMS_MQTT_URL="mqtt://gateway@127.0.0.1:${EMS_MQTT_PORT:-1883}" EMS_MQTT_PASSWORD_FILE="$RUNTIME/secrets/ems_mqtt_gateway.txt")
[ -n "${EMS_SIM_UNITS:-}" ] && mqtt+=(EMS_SIM_UNITS="$EMS_SIM_UNITS")
# GATEWAY_CPU_PROF=1 (opt-in, for npm run bench's profile): V8 CPU profile of the gateway, written to
# .runtime/logs/cpuprof/*.cpuprofile when it stops (read it with scripts/bench/cpuprofile-top.mjs)
prof=()
[ "${GATEWAY_CPU_PROF:-0}" = 1 ] && { mkdir -p "$LOGS/cpuprof"; prof=(--cpu-prof --cpu-prof-dir="$LOGS/cpuprof"); }
SV_GROUP=gateway SV_HEALTH="127.0.0.1:${PORT:-$GATEWAY_PORT}" start_bg gateway "$LOGS/gateway.log" \
  env GATEWAY_BUILD="$build" PORT="${PORT:-$GATEWAY_PORT}" PROJECT_ROOT="$ROOT" RUNTIME_DIR="$RUNTIME" ${MONGODB_URI:+MONGODB_URI="$MONGODB_URI"} "${mqtt[@]}" \
  "$NODE" "${prof[@]}" "$ROOT/gateway-api/dist/main.js"
for _ in $(seq 1 120); do
  code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORT:-$GATEWAY_PORT}/api/health" || true)"
  [ "$code" = 200 ] && { info "gateway healthy on http://127.0.0.1:${PORT:-$GATEWAY_PORT}/api"; exit 0; }
  is_running gateway || fail "gateway exited (see $LOGS/gateway.log)"
  sleep 0.5
done
fail "gateway did not report healthy (see $LOGS/gateway.log and GET /api/health)"
