// The network topology: the copy chosen at the first start (.runtime/network.json, from fixtures/network.json
// or, with --consensus bft, fixtures/network-bft.json), else fixtures/network.json. Every script reads it here.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const runtimeDir = process.env.RUNTIME_DIR ?? path.join(root, '.runtime');

export function topologyFile() {
  const chosen = path.join(runtimeDir, 'network.json');
  return existsSync(chosen) ? chosen : path.join(root, 'fixtures', 'network.json');
}

export function loadTopology() {
  return JSON.parse(readFileSync(topologyFile(), 'utf8'));
}

/** Every orderer, flattened, with its organisation. */
export function orderersOf(net) {
  return net.ordererOrgs.flatMap((org) => org.orderers.map((o) => ({ ...o, org })));
}
