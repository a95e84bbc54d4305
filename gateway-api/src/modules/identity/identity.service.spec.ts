import path from 'node:path';
import { ApiError } from '../../http/api-error';
import type { Principal } from '../auth/auth-token';
import { UserDirectory } from '../auth/user-directory';
import { UnitRegistry } from '../../units/unit-registry';
import type { CertificateAuthorities, EnrolmentAttributes } from './ca-admin';
import { InMemoryIdentityStore } from './identity-store';
import { IdentityStatusRegistry } from './identity-status';
import { IdentityService } from './identity.service';

const root = path.resolve(__dirname, '../../../..');
const ADMIN: Principal = { username: 'admin.bangkhla', role: 'admin', hcode: '11138', mspId: 'BangKhlaMSP' };
const OTHER_ADMIN: Principal = { username: 'admin.banpho', role: 'admin', hcode: '11141', mspId: 'BanPhoMSP' };
const AUDITOR: Principal = { username: 'auditor.pho', role: 'auditor', hcode: '00024', mspId: 'ProvincialHealthOfficeMSP' };
const NURSE: Principal = { username: 'nurse.bangkhla', role: 'nurse', hcode: '11138', mspId: 'BangKhlaMSP' };

class FakeCas implements CertificateAuthorities {
  public enrolled: EnrolmentAttributes[] = [];
  public revoked: string[] = [];
  public failNext = false;
  public async enrol(person: EnrolmentAttributes): Promise<{ serial: string }> {
    await new Promise((r) => setTimeout(r, 5));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('CA down');
    }
    this.enrolled.push(person);
    return { serial: `S${this.enrolled.length}` };
  }
  public async revoke(person: { username: string; orgKey: string }): Promise<{ org: string; ms: number }> {
    this.revoked.push(person.username);
    return Promise.resolve({ org: person.orgKey, ms: 1 });
  }
}

function setup() {
  const directory = UserDirectory.fromFile(path.join(root, 'fixtures', 'users.json'));
  const units = UnitRegistry.fromFile(path.join(root, 'fixtures', 'units.json'));
  const store = new InMemoryIdentityStore();
  const cas = new FakeCas();
  const status = new IdentityStatusRegistry();
  const forgotten: string[] = [];
  const orgs = [
    { key: 'bangkhla', mspId: 'BangKhlaMSP', hcode: '11138' },
    { key: 'banpho', mspId: 'BanPhoMSP', hcode: '11141' },
    { key: 'pho', mspId: 'ProvincialHealthOfficeMSP', hcode: '00024' },
  ];
  const service = new IdentityService({ store, cas, directory, units, orgs, status, hashPassword: async (p) => Promise.resolve(`test:${p.length}`), forgetConnection: (u) => forgotten.push(u) });
  return { service, store, cas, status, directory, forgotten };
}

const newNurse = { username: 'nurse.new.bangkhla', displayName: 'New nurse', role: 'nurse' as const, hcode: '11138', password: 'a-long-password-1' };
const codeOf = async (p: Promise<unknown>): Promise<string> => p.then(() => 'none', (e: unknown) => (e instanceof ApiError ? e.code : String(e)));

describe('IdentityService', () => {
  it('adds staff: registers and enrols with role and unit, and the new person can log in', async () => {
    const { service, cas, directory, store } = setup();
    const view = await service.add(ADMIN, newNurse);
    expect(view).toMatchObject({ username: newNurse.username, role: 'nurse', hcode: '11138', status: 'active', source: 'admin', serial: 'S1' });
    expect(cas.enrolled).toEqual([{ username: newNurse.username, orgKey: 'bangkhla', role: 'nurse', hcode: '11138', designation: undefined }]);
    expect(directory.find(newNurse.username)?.mspId).toBe('BangKhlaMSP');
    expect(JSON.stringify(view)).not.toContain('test:');
    expect((await store.actions({ limit: 10 }))[0]).toMatchObject({ action: 'add', actor: 'admin.bangkhla', outcome: 'done' });
  });

  it('refuses a duplicate username, an unknown unit, another organisation\'s unit and a role it may not grant, and changes nothing', async () => {
    const { service, cas, store } = setup();
    expect(await codeOf(service.add(ADMIN, { ...newNurse, username: 'nurse.bangkhla' }))).toBe('IDENTITY_EXISTS');
    expect(await codeOf(service.add(ADMIN, { ...newNurse, hcode: '99999' }))).toBe('UNKNOWN_HCODE');
    expect(await codeOf(service.add(ADMIN, { ...newNurse, hcode: '10697' }))).toBe('FORBIDDEN_UNIT');
    expect(await codeOf(service.add(ADMIN, { ...newNurse, role: 'auditor' }))).toBe('ROLE_NOT_GRANTABLE');
    expect(await codeOf(service.add(ADMIN, { ...newNurse, role: 'admin' }))).toBe('ROLE_NOT_GRANTABLE');
    expect(await codeOf(service.add(NURSE, newNurse))).toBe('FORBIDDEN_ROLE');
    expect(cas.enrolled).toHaveLength(0);
    expect(await store.all()).toHaveLength(0);
  });

  it('lets only one of two concurrent registrations of the same username win', async () => {
    const { service, cas } = setup();
    const results = await Promise.all([codeOf(service.add(ADMIN, newNurse)), codeOf(service.add(ADMIN, newNurse))]);
    expect(results.sort()).toEqual(['IDENTITY_EXISTS', 'none']);
    expect(cas.enrolled).toHaveLength(1);
  });

  it('rolls back when the CA fails, so the username can be used again', async () => {
    const { service, cas, store } = setup();
    cas.failNext = true;
    expect(await codeOf(service.add(ADMIN, newNurse))).toBe('CA_UNAVAILABLE');
    expect(await store.get(newNurse.username)).toBeUndefined();
    expect((await service.add(ADMIN, newNurse)).status).toBe('active');
  });

  it('re-enrols on a role or unit change with the new attributes', async () => {
    const { service, cas, forgotten } = setup();
    const health = (await service.list(ADMIN)).find((s) => s.username.startsWith('nurse.0'));
    const moved = await service.change(ADMIN, 'nurse.bangkhla', { hcode: health?.hcode ?? '' });
    expect(moved.hcode).toBe(health?.hcode);
    expect(cas.enrolled.at(-1)).toMatchObject({ username: 'nurse.bangkhla', role: 'nurse', hcode: health?.hcode });
    expect(forgotten).toContain('nurse.bangkhla');
    const promoted = await service.change(ADMIN, 'nurse.bangkhla', { role: 'pharmacist' });
    expect(promoted.role).toBe('pharmacist');
  });

  it('keeps an administrator inside their own organisation', async () => {
    const { service, cas } = setup();
    expect(await codeOf(service.change(OTHER_ADMIN, 'nurse.bangkhla', { role: 'clinician' }))).toBe('FORBIDDEN_UNIT');
    expect(await codeOf(service.suspend(OTHER_ADMIN, 'nurse.bangkhla'))).toBe('FORBIDDEN_UNIT');
    expect(await codeOf(service.revoke(OTHER_ADMIN, 'nurse.bangkhla', 'x'))).toBe('FORBIDDEN_UNIT');
    expect(await codeOf(service.change(ADMIN, 'nobody.here', { role: 'clinician' }))).toBe('IDENTITY_NOT_FOUND');
    expect((await service.list(OTHER_ADMIN)).every((s) => s.mspId === 'BanPhoMSP')).toBe(true);
    expect(cas.enrolled).toHaveLength(0);
  });

  it('suspends and reactivates: the status registry refuses a suspended identity', async () => {
    const { service, status } = setup();
    await service.suspend(ADMIN, 'nurse.bangkhla');
    expect(() => status.assertActive('nurse.bangkhla')).toThrow(expect.objectContaining({ code: 'IDENTITY_SUSPENDED' }));
    expect(await codeOf(service.suspend(ADMIN, 'nurse.bangkhla'))).toBe('INVALID_TRANSITION');
    await service.reactivate(ADMIN, 'nurse.bangkhla');
    expect(() => status.assertActive('nurse.bangkhla')).not.toThrow();
  });

  it('revokes once: the identity is refused, a second revoke is IDENTITY_ALREADY_REVOKED, and the auditor sees the log', async () => {
    const { service, status, cas } = setup();
    const result = await service.revoke(ADMIN, 'nurse.bangkhla', 'laptop lost');
    expect(result.staff.status).toBe('revoked');
    expect(cas.revoked).toEqual(['nurse.bangkhla']);
    expect(() => status.assertActive('nurse.bangkhla')).toThrow(expect.objectContaining({ code: 'IDENTITY_REVOKED', status: 401 }));
    expect(await codeOf(service.revoke(ADMIN, 'nurse.bangkhla', 'again'))).toBe('IDENTITY_ALREADY_REVOKED');
    expect(await codeOf(service.change(ADMIN, 'nurse.bangkhla', { role: 'clinician' }))).toBe('IDENTITY_ALREADY_REVOKED');
    expect(cas.revoked).toHaveLength(1);
    const log = await service.actions(AUDITOR, 50);
    expect(log.map((a) => a.action)).toEqual(['revoke']);
    expect(await service.actions(OTHER_ADMIN, 50)).toEqual([]);
    expect(await codeOf(service.actions(NURSE, 50))).toBe('FORBIDDEN_ROLE');
  });
});
