#!/usr/bin/env bash
# Starts Mosquitto (Debian's package), the MQTT broker of the ambulance devices (docs/ems.md), under the supervisor.
# Idempotent: installs the package when missing (needs root), writes .runtime/mosquitto/{mosquitto.conf,passwords,acl}
# at each start, and keeps the broker's persistence in .runtime/data/mosquitto. Every device logs in as its unit id
# with its own password, HMAC-SHA256(device key, unit id) (key in .runtime/secrets/ems_mqtt_device_key.txt); the ACL
# lets a device write only ems/units/<its id>/telemetry and the gateway (password in
# .runtime/secrets/ems_mqtt_gateway.txt) read them all. --restart restarts a running broker (new logins apply).
# Environment: EMS_MQTT_PORT (1883), EMS_SIM_UNITS (simulated load units SIM-001…, default 0: see docs/ems.md).
source "$(dirname "$0")/common.sh"
MQTT_PORT="${EMS_MQTT_PORT:-1883}"
MOSQ="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
if [ ! -x "$MOSQ" ]; then
  [ "$(id -u)" = 0 ] || fail "Mosquitto is missing: run 'apt-get install mosquitto' as root"
  step "Installing Mosquitto (Debian package) for the ambulance telemetry"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # the package's own system service is not used: the supervisor runs the broker with the configuration below
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mosquitto >/dev/null
  MOSQ=/usr/sbin/mosquitto
fi
PASSWD="$(command -v mosquitto_passwd || echo /usr/bin/mosquitto_passwd)"
CONF_DIR="$RUNTIME/mosquitto"
SECRETS="$RUNTIME/secrets"
mkdir -p "$CONF_DIR" "$DATA/mosquitto" "$SECRETS"
chmod 700 "$SECRETS"
for s in ems_mqtt_device_key ems_mqtt_gateway; do
  [ -s "$SECRETS/$s.txt" ] || { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$SECRETS/$s.txt"; chmod 600 "$SECRETS/$s.txt"; }
done
# one login per unit of the fleet (plus EMS_SIM_UNITS simulated ones) and the gateway's
"$NODE" -e '
  const fs = require("fs"), crypto = require("crypto");
  const [fleetFile, keyFile, gwFile, sim] = process.argv.slice(1);
  const key = fs.readFileSync(keyFile, "utf8").trim();
  const ids = JSON.parse(fs.readFileSync(fleetFile, "utf8")).units.map((u) => u.unitId);
  for (let i = 1; i <= Number(sim || 0); i += 1) ids.push("SIM-" + String(i).padStart(3, "0"));
  const lines = ids.map((id) => id + ":" + crypto.createHmac("sha256", key).update(id).digest("hex").slice(0, 32));
  lines.push("gateway:" + fs.readFileSync(gwFile, "utf8").trim());
  process.stdout.write(lines.join("\n") + "\n");
' "$ROOT/fixtures/ems/ambulance-units.json" "$SECRETS/ems_mqtt_device_key.txt" "$SECRETS/ems_mqtt_gateway.txt" "${EMS_SIM_UNITS:-0}" > "$CONF_DIR/passwords.new"
"$PASSWD" -U "$CONF_DIR/passwords.new"
chmod 600 "$CONF_DIR/passwords.new"
mv "$CONF_DIR/passwords.new" "$CONF_DIR/passwords"
cat > "$CONF_DIR/acl" <<ACL
# written by network-config/scripts/mqtt-up.sh
user gateway
topic read ems/units/+/telemetry

pattern write ems/units/%u/telemetry
ACL
cat > "$CONF_DIR/mosquitto.conf" <<CONF
# written by network-config/scripts/mqtt-up.sh
user $(id -un)
listener $MQTT_PORT 127.0.0.1
allow_anonymous false
password_file $CONF_DIR/passwords
acl_file $CONF_DIR/acl
persistence true
persistence_location $DATA/mosquitto/
autosave_interval 60
# the gateway acknowledges (PUBACK) a message only once it is stored, in group commits of up to ~0.5 s: 1000
# messages in flight keep 200 devices at 1 Hz flowing (with 100 the gateway could take only ~200 messages/s)
max_queued_messages 100000
max_inflight_messages 1000
log_dest stdout
log_type error
log_type warning
log_type notice
connection_messages false
CONF
[ "${1:-}" = "--restart" ] && sv stop mosquitto >> "$LOGS/supervisor-calls.log" 2>&1 || true
# the Debian package may have started its own system broker on the same port: ours replaces it
if ! is_running mosquitto && (exec 3<>"/dev/tcp/127.0.0.1/$MQTT_PORT") 2>/dev/null; then
  { invoke-rc.d mosquitto stop || service mosquitto stop; } >/dev/null 2>&1 || true
fi
# a running broker re-reads its logins and ACL on SIGHUP
is_running mosquitto && kill -HUP "$(cat "$PIDS/mosquitto.pid")" 2>/dev/null || true
SV_GROUP=broker SV_HEALTH="127.0.0.1:$MQTT_PORT" start_bg mosquitto "$LOGS/mosquitto.log" "$MOSQ" -c "$CONF_DIR/mosquitto.conf"
for _ in $(seq 1 80); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$MQTT_PORT") 2>/dev/null; then
    info "MQTT broker (Mosquitto $("$MOSQ" -h 2>/dev/null | sed -n 's/^mosquitto version //p')) on mqtt://127.0.0.1:$MQTT_PORT, $(($(wc -l < "$CONF_DIR/passwords") - 1)) device logins"
    exit 0
  fi
  is_running mosquitto || fail "mosquitto exited (see $LOGS/mosquitto.log)"
  sleep 0.25
done
fail "mosquitto did not listen on port $MQTT_PORT (see $LOGS/mosquitto.log)"
