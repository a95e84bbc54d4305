import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NetworkTopology } from '../../fabric/network-topology';
import type { StaffIdentity } from '../../fabric/staff-identity';

/** The health-check service identity of each organisation (`svc.health.<key>`), where it has been issued. */
export function healthIdentities(topology: NetworkTopology, runtimeDir: string): Map<string, StaffIdentity> {
  const identities = new Map<string, StaffIdentity>();
  for (const org of topology.peerOrgs) {
    const username = `svc.health.${org.key}`;
    if (existsSync(path.join(runtimeDir, 'users', username, 'cert.pem'))) identities.set(org.mspId, { username, mspId: org.mspId });
  }
  return identities;
}
