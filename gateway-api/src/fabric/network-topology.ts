import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Every Fabric node's IP address (or resolvable host name) is data: no default, no localhost (docs/multihost.md). */
const nodeAddress = z.string().min(1);
const topologySchema = z.object({
  channel: z.string(),
  consensus: z.enum(['etcdraft', 'BFT']),
  ordererOrgs: z.array(
    z.object({
      key: z.string(),
      mspId: z.string(),
      domain: z.string(),
      orderers: z.array(z.object({ name: z.string(), address: nodeAddress, port: z.number(), adminPort: z.number(), operationsPort: z.number() })),
    }),
  ),
  peerOrgs: z.array(
    z.object({
      key: z.string(),
      mspId: z.string(),
      nameEn: z.string(),
      hcode: z.string(),
      domain: z.string(),
      peer: z.object({ name: z.string(), address: nodeAddress, port: z.number(), operationsPort: z.number(), chaincodeServicePort: z.number() }),
    }),
  ),
  chaincode: z.object({ name: z.string() }),
  gateway: z.object({ port: z.number() }),
  store: z.object({ port: z.number() }),
});

/** The network layout: channel, orderer organisations, one peer and one chaincode service per organisation. */
export type NetworkTopology = z.infer<typeof topologySchema>;
export type PeerOrg = NetworkTopology['peerOrgs'][number];

/**
 * The topology the running network was generated from: `.runtime/network.json` (the copy `npm start` chose,
 * Raft or BFT), else `fixtures/network.json`.
 */
export function loadTopology(rootDir: string, runtimeDir = path.join(rootDir, '.runtime')): NetworkTopology {
  const chosen = path.join(runtimeDir, 'network.json');
  const file = existsSync(chosen) ? chosen : path.join(rootDir, 'fixtures', 'network.json');
  return topologySchema.parse(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}
