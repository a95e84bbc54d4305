#!/usr/bin/env bash
# Brings the whole Fabric network up: config and crypto (first time), one Fabric CA per organisation,
# 3 orderers + 12 peers, channel, chaincode service and definition, user identities (registered and enrolled
# through each organisation's CA, once). Every step is idempotent, so a restart after `npm stop` resumes on the
# existing ledger.
set -euo pipefail
here="$(dirname "$0")"
bash "$here/generate.sh"
bash "$here/ca-up.sh"
source "$here/common.sh"
# users need only the CAs: they are enrolled while the nodes, the channel and the chaincode come up (the first
# start's 380 enrolments are mostly the CAs' bcrypt, which overlaps the waits of the channel steps)
mkdir -p "$LOGS"
enrol_log="$LOGS/enroll-users.log"
"$NODE" "$NET/scripts/enroll-users.mjs" > "$enrol_log" 2>&1 &
enrol_pid=$!
trap 'kill "$enrol_pid" 2>/dev/null || true' EXIT
bash "$here/nodes-up.sh"
bash "$here/channel.sh"
bash "$here/deploy-chaincode.sh"
bash "$here/chaincode-up.sh"
if ! wait "$enrol_pid"; then
  trap - EXIT
  cat "$enrol_log" >&2
  echo "ERROR: enrolling the users at their organisations' CAs failed (log: $enrol_log)" >&2
  exit 1
fi
trap - EXIT
cat "$enrol_log"
