#!/usr/bin/env bash
# Runs the Fabric peer CLI as a demo user, against that user's own organisation's peer.
# Usage: bash network-config/scripts/peer-as.sh USERNAME PEER-ARGS...
# Example: bash network-config/scripts/peer-as.sh nurse.buddhasothorn chaincode query -C referrals -n referral \
#            -c '{"Args":["GetReferral","R-..."]}'
source "$(dirname "$0")/common.sh"
user=${1:?usage: peer-as.sh USERNAME PEER-ARGS...}; shift
msp="$RUNTIME/users/$user/msp"
[ -d "$msp" ] || fail "no identity for $user (is the network up?)"
key="$("$NODE" -e "const u=require('$ROOT/fixtures/users.json').users.find(x=>x.username===process.argv[1]); if(!u) process.exit(1); console.log(u.orgKey)" "$user")" \
  || fail "unknown user $user"
i="$(org_index "$key")"
as_admin "$i"
# the user's private key is sealed at rest (key.enc): a temporary MSP folder holds it only while the CLI runs
tmpmsp="$("$NODE" "$NET/scripts/key-wallet.mjs" open-msp "$user")" || fail "could not open the key of $user"
trap 'rm -rf "$(dirname "$tmpmsp")"' EXIT
export CORE_PEER_MSPCONFIGPATH="$tmpmsp"
peer "$@"
