import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const topologySchema = z.object({
  channel: z.string(),
  ordererOrg: z.object({
    mspId: z.string(),
    domain: z.string(),
    orderers: z.array(z.object({ name: z.string(), port: z.number(), operationsPort: z.number() })),
  }),
  peerOrgs: z.array(
    z.object({
      key: z.string(),
      mspId: z.string(),
      nameEn: z.string(),
      hcode: z.string(),
      domain: z.string(),
      peer: z.object({ name: z.string(), port: z.number(), operationsPort: z.number() }),
    }),
  ),
  chaincode: z.object({ name: z.string(), address: z.string() }),
  gateway: z.object({ port: z.number() }),
  store: z.object({ port: z.number() }),
});

/** The network layout from fixtures/network.json: channel, orderers, one peer per organisation. */
export type NetworkTopology = z.infer<typeof topologySchema>;
export type PeerOrg = NetworkTopology['peerOrgs'][number];

export function loadTopology(rootDir: string): NetworkTopology {
  const raw = JSON.parse(readFileSync(path.join(rootDir, 'fixtures', 'network.json'), 'utf8')) as unknown;
  return topologySchema.parse(raw);
}
