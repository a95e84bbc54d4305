#!/usr/bin/env bash
# Starts one Fabric CA server per organisation (11 hospitals + the Provincial Health Office) under the supervisor,
# TLS on, and waits until each answers. Each CA signs with its organisation's cryptogen CA key and certificate
# (crypto/peerOrganizations/<domain>/ca), so the MSPs of the existing peers, admins and the channel stay valid:
# an enrolment certificate chains to the same root as everything cryptogen made. Listen address and ports come
# from peerOrgs[].ca in the topology (fixtures/network.json). The CA's TLS server certificate is issued by the
# organisation's TLS CA (cryptogen tlsca; SANs: the CA's name and listen address); clients trust that TLS CA.
# The registrar's bootstrap password is random, kept in .runtime/secrets/ca/<org>.registrar (mode 600).
source "$(dirname "$0")/common.sh"
[ -x "$BIN/fabric-ca-server" ] || bash "$NET/scripts/build-fabric-ca.sh"
SECRETS="$RUNTIME/secrets/ca"
mkdir -p "$SECRETS" && chmod 700 "$RUNTIME/secrets" "$SECRETS"
step "Starting ${#ORG_KEYS[@]} Fabric CA servers (one per organisation, TLS)"
for i in "${!ORG_KEYS[@]}"; do
  key=${ORG_KEYS[$i]}; domain=${ORG_DOMAINS[$i]}; name=${CA_NAMES[$i]}; addr=${CA_ADDRS[$i]}
  if [ -z "${CA_PORTS[$i]}" ] || [ -z "$addr" ]; then info "organisation $key has no 'ca' entry (address, port) in $TOPOLOGY_FILE: no CA started"; continue; fi
  home="$DATA/ca/$key"; cadir="$CRYPTO/peerOrganizations/$domain/ca"
  mkdir -p "$home"
  pw="$SECRETS/$key.registrar"
  [ -s "$pw" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' 'xy' > "$pw")
  # TLS server certificate issued by the organisation's TLS CA (cryptogen tlsca), SANs: the CA's name and listen
  # address; re-issued when the address changes (multi-host topologies)
  tlsdir="$home/tls"; tlsca="$CRYPTO/peerOrganizations/$domain/tlsca"
  if [ "$(cat "$tlsdir/hosts" 2>/dev/null)" != "$name,$addr" ]; then
    mkdir -p "$tlsdir"
    san="DNS:$name"; if [[ "$addr" =~ ^[0-9.]+$ ]]; then san="$san,IP:$addr"; else san="$san,DNS:$addr"; fi
    openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$tlsdir/server.key"
    chmod 600 "$tlsdir/server.key"
    openssl req -new -key "$tlsdir/server.key" -subj "/C=TH/ST=Chachoengsao/O=$domain/CN=$name" -out "$tlsdir/server.csr" 2>/dev/null
    printf 'subjectAltName=%s\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n' "$san" > "$tlsdir/ext.cnf"
    openssl x509 -req -in "$tlsdir/server.csr" -CA "$tlsca/tlsca.$domain-cert.pem" -CAkey "$tlsca/priv_sk" -set_serial "0x$(openssl rand -hex 16)" \
      -days 1825 -sha256 -extfile "$tlsdir/ext.cnf" -out "$tlsdir/server.crt" 2>>"$LOGS/ca-tls.log" || fail "could not issue the TLS certificate of $name"
    echo "$name,$addr" > "$tlsdir/hosts"
  fi
  # in the organisation's own network namespace when the topology gives one (the multi-host test, docs/multihost.md)
  netns_for "${ORG_NETNS[$i]}"
  SV_GROUP=ca SV_HEALTH="http://$addr:${CA_OPS_PORTS[$i]}/healthz" start_bg "$name" "$LOGS/$name.log" "${NS_CMD[@]}" \
    "$BIN/fabric-ca-server" start --home "$home" \
      -b "registrar:$(cat "$pw")" \
      --address "$addr" --port "${CA_PORTS[$i]}" \
      --ca.name "$name" \
      --ca.certfile "$cadir/ca.$domain-cert.pem" --ca.keyfile "$cadir/priv_sk" \
      --tls.enabled --tls.certfile "$tlsdir/server.crt" --tls.keyfile "$tlsdir/server.key" \
      --crl.expiry 8760h \
      --registry.maxenrollments -1 \
      --operations.listenaddress "$addr:${CA_OPS_PORTS[$i]}" \
      --metrics.provider disabled
done
for i in "${!ORG_KEYS[@]}"; do [ -n "${CA_PORTS[$i]}" ] || continue; wait_http "http://${CA_ADDRS[$i]}:${CA_OPS_PORTS[$i]}/healthz" 90 "${CA_NAMES[$i]}"; done
info "Fabric CA servers healthy on ports ${CA_PORTS[*]}"
