import { readFileSync } from 'node:fs';
import path from 'node:path';

interface NetworkOrg {
  key: string;
  nameEn: string;
  hcode: string;
  mspId: string;
}

const root = path.resolve(__dirname, '../../..');
const network = JSON.parse(readFileSync(path.join(root, 'fixtures', 'network.json'), 'utf8')) as { peerOrgs: NetworkOrg[] };

/** "Bang Khla" → the organisation whose English name starts with it. */
export function orgNamed(name: string): NetworkOrg {
  const wanted = name.toLowerCase();
  const org = network.peerOrgs.find((o) => o.nameEn.toLowerCase().startsWith(wanted) || (wanted === 'provincial' && o.key === 'pho'));
  if (org === undefined) throw new Error(`no organisation named ${name}`);
  return org;
}

/** The demo username of a role at a hospital, e.g. ("Bang Khla", "clinician") → clinician.bangkhla. */
export function staffUsername(hospital: string, role: string): string {
  return `${role}.${orgNamed(hospital).key}`;
}

export const DEMO_PASSWORD = 'Referral#2026';
export const PROJECT_ROOT = root;
