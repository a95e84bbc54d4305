import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attributeList, FabricCaAdmin } from './ca-admin';
import { KeyWallet } from './key-wallet';

describe('FabricCaAdmin topology', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ca-admin-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with an organisation that joined by org:add and runs no CA, and refuses only that organisation', async () => {
    mkdirSync(path.join(dir, 'runtime'), { recursive: true });
    writeFileSync(
      path.join(dir, 'runtime', 'network.json'),
      JSON.stringify({
        peerOrgs: [
          { key: 'bangkhla', mspId: 'BangKhlaMSP', domain: 'bangkhla.cco.th', peer: { address: '127.0.1.2' }, ca: { name: 'ca.bangkhla.cco.th', port: 7114 } },
          { key: 'pharmacynet', mspId: 'ChachoengsaoPharmacyNetworkMSP', domain: 'pharmacynet.cco.th', peer: { address: '127.0.1.13' }, addedBy: 'org-add' },
        ],
      }),
    );
    const cas = new FabricCaAdmin({ rootDir: dir, runtimeDir: path.join(dir, 'runtime'), wallet: new KeyWallet(randomBytes(32)) });
    await expect(cas.enrol({ username: 'pharmacist.x', orgKey: 'pharmacynet', role: 'pharmacist', hcode: '90001' })).rejects.toThrow('pharmacynet has no Fabric CA');
  });

  it('writes the ecert attributes as fabric-ca-client takes them', () => {
    expect(attributeList({ username: 'u', orgKey: 'bangkhla', role: 'clinician', hcode: '11138', designation: 'family-doctor' })).toBe('role=clinician:ecert,hcode=11138:ecert,designation=family-doctor:ecert');
  });
});
