import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserDirectory } from './user-directory';

const user = (username: string, mspId: string, hcode: string) => ({
  username,
  displayName: username,
  orgKey: mspId.toLowerCase(),
  mspId,
  role: 'pharmacist',
  hcode,
  passwordHash: 'scrypt:00:00',
});

describe('UserDirectory.fromFixtureAndAddedOrgs', () => {
  it('adds the logins of organisations that joined later (npm run org:add) to the fixture users', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'users-'));
    const fixture = path.join(dir, 'users.json');
    writeFileSync(fixture, JSON.stringify({ users: [user('pharmacist.buddhasothorn', 'BuddhasothornMSP', '10697')], services: [] }));
    const runtime = path.join(dir, 'runtime');
    expect(UserDirectory.fromFixtureAndAddedOrgs(fixture, runtime).all()).toHaveLength(1); // no orgs folder yet
    mkdirSync(path.join(runtime, 'orgs'), { recursive: true });
    writeFileSync(path.join(runtime, 'orgs', 'pharmacynet.users.json'), JSON.stringify({ users: [user('pharmacist.ds90001', 'ChachoengsaoPharmacyNetworkMSP', '90001')] }));
    writeFileSync(path.join(runtime, 'orgs', 'notes.txt'), 'ignored');
    const users = UserDirectory.fromFixtureAndAddedOrgs(fixture, runtime);
    expect(users.find('pharmacist.ds90001')?.mspId).toBe('ChachoengsaoPharmacyNetworkMSP');
    expect(users.find('pharmacist.buddhasothorn')?.hcode).toBe('10697');
  });

  it('refuses a malformed added login file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'users-'));
    const fixture = path.join(dir, 'users.json');
    writeFileSync(fixture, JSON.stringify({ users: [] }));
    mkdirSync(path.join(dir, 'orgs'));
    writeFileSync(path.join(dir, 'orgs', 'bad.users.json'), JSON.stringify({ users: [{ username: 'x' }] }));
    expect(() => UserDirectory.fromFixtureAndAddedOrgs(fixture, dir)).toThrow();
  });
});
