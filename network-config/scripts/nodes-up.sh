#!/usr/bin/env bash
# Starts the orderers (channel participation, no system channel) and one peer per organisation under the
# supervisor (logs in .runtime/logs) and waits until every node's /healthz answers.
source "$(dirname "$0")/common.sh"
step "Starting ${#ORDERER_NAMES[@]} $CONSENSUS orderers and ${#ORG_KEYS[@]} peers"
for i in "${!ORDERER_NAMES[@]}"; do
  name=${ORDERER_NAMES[$i]}; dir="$(orderer_dir "$i")"
  admin="$CRYPTO/ordererOrganizations/${ORDERER_DOMAINS[$i]}/users/Admin@${ORDERER_DOMAINS[$i]}/tls"
  # listen on the node's own address; others dial "address" (the same, unless a proxy sits between: wan-latency.sh)
  addr=${ORDERER_LISTEN[$i]}; netns_for "${ORDERER_NETNS[$i]}"
  mkdir -p "$DATA/$name"
  SV_GROUP=orderers SV_HEALTH="http://$addr:${ORDERER_OPS_PORTS[$i]}/healthz" start_bg "$name" "$LOGS/$name.log" "${NS_CMD[@]}" env \
    FABRIC_CFG_PATH="$CONFIG" \
    FABRIC_LOGGING_SPEC=info \
    ORDERER_GENERAL_LISTENADDRESS="$addr" \
    ORDERER_GENERAL_LISTENPORT="${ORDERER_PORTS[$i]}" \
    ORDERER_GENERAL_LOCALMSPID="${ORDERER_MSPS[$i]}" \
    ORDERER_GENERAL_LOCALMSPDIR="$dir/msp" \
    ORDERER_GENERAL_TLS_ENABLED=true \
    ORDERER_GENERAL_TLS_PRIVATEKEY="$dir/tls/server.key" \
    ORDERER_GENERAL_TLS_CERTIFICATE="$dir/tls/server.crt" \
    ORDERER_GENERAL_TLS_ROOTCAS="[$dir/tls/ca.crt]" \
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$dir/tls/server.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$dir/tls/server.key" \
    ORDERER_GENERAL_CLUSTER_ROOTCAS="[$dir/tls/ca.crt]" \
    ORDERER_GENERAL_BOOTSTRAPMETHOD=none \
    ORDERER_CHANNELPARTICIPATION_ENABLED=true \
    ORDERER_ADMIN_LISTENADDRESS="$addr:${ORDERER_ADMIN_PORTS[$i]}" \
    ORDERER_ADMIN_TLS_ENABLED=true \
    ORDERER_ADMIN_TLS_PRIVATEKEY="$dir/tls/server.key" \
    ORDERER_ADMIN_TLS_CERTIFICATE="$dir/tls/server.crt" \
    ORDERER_ADMIN_TLS_ROOTCAS="[$dir/tls/ca.crt]" \
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true \
    ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$admin/ca.crt]" \
    ORDERER_FILELEDGER_LOCATION="$DATA/$name/ledger" \
    ORDERER_CONSENSUS_WALDIR="$DATA/$name/etcdraft/wal" \
    ORDERER_CONSENSUS_SNAPDIR="$DATA/$name/etcdraft/snapshot" \
    ORDERER_OPERATIONS_LISTENADDRESS="$addr:${ORDERER_OPS_PORTS[$i]}" \
    ORDERER_METRICS_PROVIDER=prometheus \
    "$BIN/orderer"
done
for i in "${!ORG_KEYS[@]}"; do
  name=${PEER_NAMES[$i]}; dir="$CRYPTO/peerOrganizations/${ORG_DOMAINS[$i]}/peers/$name"
  addr=${PEER_LISTEN[$i]}; pub=${PEER_ADDRS[$i]}; netns_for "${ORG_NETNS[$i]}"
  mkdir -p "$DATA/$name"
  SV_GROUP=peers SV_HEALTH="http://$addr:${PEER_OPS_PORTS[$i]}/healthz" start_bg "$name" "$LOGS/$name.log" "${NS_CMD[@]}" env \
    FABRIC_CFG_PATH="$CONFIG" \
    FABRIC_LOGGING_SPEC="info:gossip=warning:discovery=warning" \
    CORE_PEER_ID="$name" \
    CORE_PEER_ADDRESS="$pub:${PEER_PORTS[$i]}" \
    CORE_PEER_LISTENADDRESS="$addr:${PEER_PORTS[$i]}" \
    CORE_PEER_CHAINCODEADDRESS="$addr:${PEER_CC_PORTS[$i]}" \
    CORE_PEER_CHAINCODELISTENADDRESS="$addr:${PEER_CC_PORTS[$i]}" \
    CORE_PEER_GOSSIP_BOOTSTRAP="$addr:${PEER_PORTS[$i]}" \
    CORE_PEER_GOSSIP_EXTERNALENDPOINT="$pub:${PEER_PORTS[$i]}" \
    CORE_PEER_GOSSIP_ALIVEEXPIRATIONTIMEOUT=60s \
    CORE_PEER_GOSSIP_RECONNECTINTERVAL=5s \
    CORE_PEER_DELIVERYCLIENT_RECONNECTBACKOFFTHRESHOLD=10s \
    CORE_PEER_LOCALMSPID="${ORG_MSPS[$i]}" \
    CORE_PEER_MSPCONFIGPATH="$dir/msp" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_CERT_FILE="$dir/tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="$dir/tls/server.key" \
    CORE_PEER_TLS_ROOTCERT_FILE="$dir/tls/ca.crt" \
    CORE_PEER_FILESYSTEMPATH="$DATA/$name" \
    CORE_PEER_LIMITS_CONCURRENCY_GATEWAYSERVICE=2000 \
    CORE_PEER_GATEWAY_ENDORSEMENTTIMEOUT=30s \
    CORE_LEDGER_STATE_STATEDATABASE=goleveldb \
    CORE_LEDGER_SNAPSHOTS_ROOTDIR="$DATA/$name/snapshots" \
    CORE_OPERATIONS_LISTENADDRESS="$addr:${PEER_OPS_PORTS[$i]}" \
    CORE_METRICS_PROVIDER=disabled \
    CORE_CHAINCODE_EXECUTETIMEOUT=60s \
    "$BIN/peer" node start
done
for i in "${!ORDERER_NAMES[@]}"; do wait_http "http://${ORDERER_LISTEN[$i]}:${ORDERER_OPS_PORTS[$i]}/healthz" 60 "${ORDERER_NAMES[$i]}"; done
info "orderers healthy: $(for i in "${!ORDERER_NAMES[@]}"; do printf '%s:%s ' "${ORDERER_ADDRS[$i]}" "${ORDERER_PORTS[$i]}"; done)"
for i in "${!ORG_KEYS[@]}"; do wait_http "http://${PEER_LISTEN[$i]}:${PEER_OPS_PORTS[$i]}/healthz" 90 "${PEER_NAMES[$i]}"; done
info "peers healthy: ${PEER_ADDRS[0]}:${PEER_PORTS[0]} … ${PEER_ADDRS[-1]}:${PEER_PORTS[-1]}"
