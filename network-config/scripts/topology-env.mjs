// Prints the network topology (fixtures/network.json) as bash variable assignments,
// so the shell scripts read one source of truth: eval "$(node topology-env.mjs)".
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const net = JSON.parse(readFileSync(path.join(root, 'fixtures/network.json'), 'utf8'));
const q = (v) => `'${String(v).replaceAll("'", "'\\''")}'`;
const arr = (name, values) => `${name}=(${values.map(q).join(' ')})`;

const lines = [
  `CHANNEL=${q(net.channel)}`,
  `BATCH_TIMEOUT=${q(net.batchTimeout)}`,
  `ORDERER_MSP=${q(net.ordererOrg.mspId)}`,
  `ORDERER_DOMAIN=${q(net.ordererOrg.domain)}`,
  arr('ORDERER_HOSTS', net.ordererOrg.orderers.map((o) => o.host)),
  arr('ORDERER_NAMES', net.ordererOrg.orderers.map((o) => o.name)),
  arr('ORDERER_PORTS', net.ordererOrg.orderers.map((o) => o.port)),
  arr('ORDERER_OPS_PORTS', net.ordererOrg.orderers.map((o) => o.operationsPort)),
  arr('ORG_KEYS', net.peerOrgs.map((o) => o.key)),
  arr('ORG_MSPS', net.peerOrgs.map((o) => o.mspId)),
  arr('ORG_DOMAINS', net.peerOrgs.map((o) => o.domain)),
  arr('PEER_NAMES', net.peerOrgs.map((o) => o.peer.name)),
  arr('PEER_PORTS', net.peerOrgs.map((o) => o.peer.port)),
  arr('PEER_CC_PORTS', net.peerOrgs.map((o) => o.peer.chaincodePort)),
  arr('PEER_OPS_PORTS', net.peerOrgs.map((o) => o.peer.operationsPort)),
  `CC_NAME=${q(net.chaincode.name)}`,
  `CC_LABEL=${q(net.chaincode.label)}`,
  `CC_ADDRESS=${q(net.chaincode.address)}`,
  `CC_VERSION=${q(net.chaincode.version)}`,
  `GATEWAY_PORT=${q(net.gateway.port)}`,
  `STORE_PORT=${q(net.store.port)}`,
];
process.stdout.write(lines.join('\n') + '\n');
