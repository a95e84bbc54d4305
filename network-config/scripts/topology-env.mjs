// Prints the network topology as bash variable assignments, so the shell scripts read one source of truth:
// eval "$(node topology-env.mjs)".
import { loadTopology, orderersOf, topologyFile } from './topology.mjs';

const net = loadTopology();
const orderers = orderersOf(net);
const q = (v) => `'${String(v).replaceAll("'", "'\\''")}'`;
const need = (v, what) => {
  if (!v) throw new Error(`${what} has no "address" in ${topologyFile()} (see docs/multihost.md)`);
  return v;
};
const arr = (name, values) => `${name}=(${values.map(q).join(' ')})`;

const lines = [
  `TOPOLOGY_FILE=${q(topologyFile())}`,
  `CHANNEL=${q(net.channel)}`,
  `CONSENSUS=${q(net.consensus)}`,
  `BATCH_TIMEOUT=${q(net.batchTimeout)}`,
  arr('ORDERER_NAMES', orderers.map((o) => o.name)),
  arr('ORDERER_ADDRS', orderers.map((o) => need(o.address, o.name))),
  arr('ORDERER_LISTEN', orderers.map((o) => o.listenAddress ?? o.address)),
  arr('ORDERER_NETNS', orderers.map((o) => o.org.netns ?? '')),
  arr('ORDERER_PORTS', orderers.map((o) => o.port)),
  arr('ORDERER_ADMIN_PORTS', orderers.map((o) => o.adminPort)),
  arr('ORDERER_OPS_PORTS', orderers.map((o) => o.operationsPort)),
  arr('ORDERER_MSPS', orderers.map((o) => o.org.mspId)),
  arr('ORDERER_DOMAINS', orderers.map((o) => o.org.domain)),
  arr('ORDERER_ORG_DOMAINS', net.ordererOrgs.map((o) => o.domain)),
  arr('ORG_KEYS', net.peerOrgs.map((o) => o.key)),
  arr('ORG_MSPS', net.peerOrgs.map((o) => o.mspId)),
  arr('ORG_DOMAINS', net.peerOrgs.map((o) => o.domain)),
  arr('PEER_NAMES', net.peerOrgs.map((o) => o.peer.name)),
  arr('PEER_ADDRS', net.peerOrgs.map((o) => need(o.peer.address, o.peer.name))),
  arr('PEER_LISTEN', net.peerOrgs.map((o) => o.peer.listenAddress ?? o.peer.address)),
  arr('CCS_ADDRS', net.peerOrgs.map((o) => o.peer.chaincodeServiceAddress ?? o.peer.address)),
  arr('ORG_NETNS', net.peerOrgs.map((o) => o.netns ?? '')),
  arr('PEER_PORTS', net.peerOrgs.map((o) => o.peer.port)),
  arr('PEER_CC_PORTS', net.peerOrgs.map((o) => o.peer.chaincodePort)),
  arr('PEER_OPS_PORTS', net.peerOrgs.map((o) => o.peer.operationsPort)),
  arr('CCS_PORTS', net.peerOrgs.map((o) => o.peer.chaincodeServicePort)),
  // Fabric CA per organisation (identity): fixtures/network.json peerOrgs[].ca
  arr('CA_NAMES', net.peerOrgs.map((o) => o.ca?.name ?? `ca.${o.domain}`)),
  arr('CA_ADDRS', net.peerOrgs.map((o) => o.ca?.address ?? o.peer.address ?? o.address ?? '')),
  arr('CA_PORTS', net.peerOrgs.map((o) => o.ca?.port ?? '')),
  arr('CA_OPS_PORTS', net.peerOrgs.map((o) => o.ca?.operationsPort ?? '')),
  `CC_NAME=${q(net.chaincode.name)}`,
  `CC_LABEL=${q(net.chaincode.label)}`,
  `CC_VERSION=${q(net.chaincode.version)}`,
  `GATEWAY_PORT=${q(net.gateway.port)}`,
  `STORE_PORT=${q(net.store.port)}`,
];
process.stdout.write(lines.join('\n') + '\n');
