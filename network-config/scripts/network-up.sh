#!/usr/bin/env bash
# Brings the whole Fabric network up: config and crypto (first time), one Fabric CA per organisation,
# 3 orderers + 12 peers, channel, chaincode service and definition, user identities (registered and enrolled
# through each organisation's CA, once). Every step is idempotent, so a restart after `npm stop` resumes on the
# existing ledger.
set -euo pipefail
here="$(dirname "$0")"
bash "$here/generate.sh"
bash "$here/ca-up.sh"
bash "$here/nodes-up.sh"
bash "$here/channel.sh"
bash "$here/deploy-chaincode.sh"
bash "$here/chaincode-up.sh"
source "$here/common.sh"
"$NODE" "$NET/scripts/enroll-users.mjs"
