import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NetworkTopology, PeerOrg } from './network-topology';

/**
 * A common connection profile for one organisation: its own peer only. Every other peer and the
 * orderers are found through service discovery, so endorsements reach the other organisations.
 */
export function connectionProfileFor(topology: NetworkTopology, org: PeerOrg, cryptoDir: string): Record<string, unknown> {
  const tlsCa = readFileSync(path.join(cryptoDir, 'peerOrganizations', org.domain, 'tlsca', `tlsca.${org.domain}-cert.pem`), 'utf8');
  return {
    name: `referrals-${org.key}`,
    version: '1.0.0',
    client: {
      organization: org.mspId,
      connection: { timeout: { peer: { endorser: '30' }, orderer: '30' } },
    },
    channels: { [topology.channel]: { peers: { [org.peer.name]: {} } } },
    organizations: { [org.mspId]: { mspid: org.mspId, peers: [org.peer.name] } },
    peers: {
      [org.peer.name]: {
        url: `grpcs://${org.peer.address}:${String(org.peer.port)}`,
        tlsCACerts: { pem: tlsCa },
        grpcOptions: { 'ssl-target-name-override': org.peer.name, hostnameOverride: org.peer.name },
      },
    },
  };
}
