// Writes the multi-host test's topology: fixtures/network.json (or network-bft.json) with every organisation on
// its own "host" (a network namespace) and an address from 198.18.0.0/15, the range reserved for network tests.
//   hospitals and the PHO peer org:  198.18.1.<n>   namespace mh-<key>        (peer, chaincode service, CA slot)
//   orderer organisations:           198.18.2.<n>   namespace mh-<orderer key> (its orderers)
//   the bridge (the host side, where the gateway, the store and the CLI run): 198.18.0.1/15
// Usage: node netns-topology.mjs raft|bft OUT.json  → prints "<ns> <veth> <address>" per organisation.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../network-config/scripts/topology.mjs';

const [, , consensus = 'raft', out] = process.argv;
if (!out) throw new Error('usage: netns-topology.mjs raft|bft OUT.json');
const net = JSON.parse(readFileSync(path.join(root, 'fixtures', consensus === 'bft' ? 'network-bft.json' : 'network.json'), 'utf8'));
const rows = [];
net.ordererOrgs.forEach((org, i) => {
  const address = `198.18.2.${i + 1}`;
  org.netns = `mh-${org.key}`;
  org.orderers = org.orderers.map((o) => ({ ...o, address }));
  org.ca = { ...org.ca, address };
  rows.push([org.netns, `mho${i}`, address]);
});
net.peerOrgs.forEach((org, i) => {
  const address = `198.18.1.${i + 1}`;
  org.netns = `mh-${org.key}`;
  org.peer = { ...org.peer, address };
  delete org.peer.chaincodeServiceAddress;
  org.ca = { ...org.ca, address };
  rows.push([org.netns, `mhp${i}`, address]);
});
writeFileSync(out, JSON.stringify(net, null, 2) + '\n');
console.log(rows.map((r) => r.join(' ')).join('\n'));
