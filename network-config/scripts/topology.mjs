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

/**
 * An organisation's peer height and current block hash (`peer channel getinfo` as the organisation's admin).
 * Throws when the peer cannot be reached within `timeout` ms.
 */
export async function peerChainInfo(net, org, timeout = 10_000) {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const crypto = path.join(runtimeDir, 'crypto', 'peerOrganizations', org.domain);
  const env = {
    ...process.env,
    FABRIC_CFG_PATH: path.join(runtimeDir, 'config'),
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: path.join(crypto, 'users', `Admin@${org.domain}`, 'msp'),
    CORE_PEER_ADDRESS: `${org.peer.address}:${org.peer.port}`,
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_ROOTCERT_FILE: path.join(crypto, 'peers', org.peer.name, 'tls', 'ca.crt'),
    CORE_PEER_CLIENT_CONNTIMEOUT: '3s',
  };
  const { stdout } = await promisify(execFile)(path.join(root, 'network-config', 'bin', 'peer'), ['channel', 'getinfo', '-c', net.channel], { env, timeout });
  const info = JSON.parse(stdout.slice(stdout.indexOf('{')));
  return { height: info.height, hash: info.currentBlockHash };
}
