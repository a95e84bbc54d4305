import { randomUUID } from 'node:crypto';
import { ApiError } from '../../http/api-error';
import type { Principal } from '../auth/auth-token';
import type { DirectoryUser, Role, UserDirectory } from '../auth/user-directory';
import type { UnitRegistry } from '../../units/unit-registry';
import type { CertificateAuthorities, CrlUpdate } from './ca-admin';
import { AccountExists, type AccountDoc, type AdminActionDoc, type IdentityStore } from './identity-store';
import type { IdentityStatusRegistry } from './identity-status';

/** Roles a hospital administrator may grant; the Provincial Health Office's administrator grants auditors. */
export const GRANTABLE_BY_HOSPITAL: readonly Role[] = ['clinician', 'nurse', 'pharmacist', 'volunteer', 'cashier', 'kiosk', 'er-physician', 'ems-crew', 'dispatcher'];
export const GRANTABLE_BY_PHO: readonly Role[] = ['auditor'];

/** An organisation as identity administration sees it. */
export interface IdentityOrg {
  readonly key: string;
  readonly mspId: string;
  readonly hcode: string;
}

/** What an administrator sees of a staff member (never a key, password hash or enrolment secret). */
export interface StaffView {
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly hcode: string;
  readonly designation?: string | undefined;
  readonly mspId: string;
  readonly status: string;
  readonly serial?: string | undefined;
  readonly source: 'fixture' | 'admin';
}

export interface AddStaffInput {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly hcode: string;
  readonly designation?: 'family-doctor' | undefined;
  readonly password: string;
}

export interface ChangeStaffInput {
  readonly role?: Role | undefined;
  readonly hcode?: string | undefined;
  readonly designation?: 'family-doctor' | null | undefined;
}

export interface IdentityServiceDeps {
  readonly store: IdentityStore;
  readonly cas: CertificateAuthorities;
  readonly directory: UserDirectory;
  readonly units: UnitRegistry;
  readonly orgs: readonly IdentityOrg[];
  readonly status: IdentityStatusRegistry;
  readonly hashPassword: (password: string) => Promise<string>;
  /** Drops the gateway's cached ledger connection of a person (their certificate changed or was revoked). */
  readonly forgetConnection: (username: string) => void;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

/**
 * Staff onboarding and revocation by each organisation's administrator: register and enrol at the
 * organisation's Fabric CA, re-enrol on a role or unit change, suspend and reactivate, revoke (CRL published in
 * the channel configuration). An administrator acts only within their own organisation (MSP); every action,
 * done or failed, is logged for the auditor.
 */
export class IdentityService {
  readonly #d: IdentityServiceDeps;
  /** One administrative change per person at a time (the store's version check covers other gateways). */
  readonly #busy = new Set<string>();

  public constructor(deps: IdentityServiceDeps) {
    this.#d = deps;
  }

  /** Loads every non-active account into the status registry and the admin-created accounts into the directory. */
  public async load(): Promise<void> {
    for (const account of await this.#d.store.all()) {
      this.#d.status.set(account.username, account.status);
      if (account.passwordHash !== undefined || this.#d.directory.find(account.username) !== undefined) this.#d.directory.upsert(this.#directoryUser(account));
    }
  }

  #now(): string {
    return (this.#d.now?.() ?? new Date()).toISOString();
  }

  #adminOrg(admin: Principal): IdentityOrg {
    if (admin.role !== 'admin') throw new ApiError('FORBIDDEN_ROLE', 'only an organisation administrator manages staff identities');
    const org = this.#d.orgs.find((o) => o.mspId === admin.mspId);
    if (org === undefined) throw new ApiError('FORBIDDEN_UNIT', `organisation ${admin.mspId} is not on the network`);
    return org;
  }

  #grantable(org: IdentityOrg): readonly Role[] {
    return org.key === 'pho' ? GRANTABLE_BY_PHO : GRANTABLE_BY_HOSPITAL;
  }

  #checkUnit(org: IdentityOrg, hcode: string): void {
    const unit = this.#d.units.find(hcode);
    if (unit === undefined) throw new ApiError('UNKNOWN_HCODE', `unit ${hcode} is not a unit of the province`);
    if (unit.mspId !== org.mspId) throw new ApiError('FORBIDDEN_UNIT', `unit ${hcode} belongs to ${unit.mspId}, not ${org.mspId}`);
  }

  #checkRole(org: IdentityOrg, role: Role): void {
    if (!this.#grantable(org).includes(role)) {
      throw new ApiError('ROLE_NOT_GRANTABLE', `an administrator of ${org.mspId} may grant ${this.#grantable(org).join(', ')}; not ${role}`);
    }
  }

  async #logAction(admin: Principal, action: AdminActionDoc['action'], target: string, targetMsp: string, outcome: AdminActionDoc['outcome'], details: Record<string, unknown>): Promise<void> {
    await this.#d.store.log({ id: randomUUID(), at: this.#now(), actor: admin.username, actorMsp: admin.mspId, action, target, targetMsp, outcome, details });
  }

  #directoryUser(account: AccountDoc): DirectoryUser {
    const existing = this.#d.directory.find(account.username);
    return {
      username: account.username,
      displayName: account.displayName,
      orgKey: account.orgKey,
      mspId: account.mspId,
      role: account.role as Role,
      hcode: account.hcode,
      ...(account.designation === undefined ? {} : { designation: account.designation as 'family-doctor' }),
      passwordHash: account.passwordHash ?? existing?.passwordHash ?? '',
    };
  }

  /** The account record of a person of `org`, creating the overlay of a fixture user on first change. */
  async #target(org: IdentityOrg, username: string, admin: Principal): Promise<AccountDoc> {
    let account = await this.#d.store.get(username);
    const fixture = this.#d.directory.find(username);
    if (account === undefined && fixture === undefined) throw new ApiError('IDENTITY_NOT_FOUND', `no staff identity ${username}`);
    const mspId = account?.mspId ?? fixture?.mspId;
    if (mspId !== org.mspId) throw new ApiError('FORBIDDEN_UNIT', `${username} is not staff of ${org.mspId}`);
    if (account === undefined && fixture !== undefined) {
      const now = this.#now();
      try {
        await this.#d.store.insert({
          username, orgKey: fixture.orgKey, mspId: fixture.mspId, role: fixture.role, hcode: fixture.hcode, designation: fixture.designation,
          displayName: fixture.displayName, status: 'active', createdBy: `fixture (first changed by ${admin.username})`, createdAt: now, updatedAt: now, version: 0,
        });
      } catch (err) {
        if (!(err instanceof AccountExists)) throw err;
      }
      account = await this.#d.store.get(username);
    }
    if (account === undefined) throw new ApiError('IDENTITY_NOT_FOUND', `no staff identity ${username}`);
    return account;
  }

  async #exclusive<T>(username: string, work: () => Promise<T>): Promise<T> {
    if (this.#busy.has(username)) throw new ApiError('LEDGER_CONFLICT', `another administrative change of ${username} is in progress; try again`);
    this.#busy.add(username);
    try {
      return await work();
    } finally {
      this.#busy.delete(username);
    }
  }

  public async list(admin: Principal): Promise<StaffView[]> {
    const org = this.#adminOrg(admin);
    const stored = new Map((await this.#d.store.byOrg(org.key)).map((a) => [a.username, a]));
    const views: StaffView[] = [];
    for (const user of this.#d.directory.all().filter((u) => u.mspId === org.mspId)) {
      const account = stored.get(user.username);
      views.push(this.#view(account, user));
      stored.delete(user.username);
    }
    for (const account of stored.values()) views.push(this.#view(account, undefined));
    return views.sort((a, b) => a.username.localeCompare(b.username));
  }

  #view(account: AccountDoc | undefined, user: DirectoryUser | undefined): StaffView {
    const src = account ?? user;
    if (src === undefined) throw new Error('no source');
    return {
      username: src.username,
      displayName: src.displayName,
      role: src.role,
      hcode: src.hcode,
      ...(src.designation === undefined ? {} : { designation: src.designation }),
      mspId: src.mspId,
      status: account?.status ?? 'active',
      ...(account?.serial === undefined ? {} : { serial: account.serial }),
      source: account?.passwordHash !== undefined ? 'admin' : 'fixture',
    };
  }

  public async add(admin: Principal, input: AddStaffInput): Promise<StaffView> {
    const org = this.#adminOrg(admin);
    this.#checkRole(org, input.role);
    this.#checkUnit(org, input.hcode);
    if (input.designation !== undefined && input.role !== 'clinician') throw new ApiError('INVALID_ARGUMENT', 'only a clinician can have the family-doctor designation');
    if (this.#d.directory.find(input.username) !== undefined) throw new ApiError('IDENTITY_EXISTS', `the username ${input.username} is taken`);
    const now = this.#now();
    const pending: AccountDoc = {
      username: input.username, orgKey: org.key, mspId: org.mspId, role: input.role, hcode: input.hcode, designation: input.designation,
      displayName: input.displayName, status: 'pending', passwordHash: await this.#d.hashPassword(input.password), createdBy: admin.username,
      createdAt: now, updatedAt: now, version: 0,
    };
    try {
      await this.#d.store.insert(pending);
    } catch (err) {
      if (err instanceof AccountExists) throw new ApiError('IDENTITY_EXISTS', `the username ${input.username} is taken`);
      throw err;
    }
    this.#d.status.set(input.username, 'pending');
    return this.#exclusive(input.username, async () => {
      const started = Date.now();
      let serial: string;
      try {
        ({ serial } = await this.#d.cas.enrol({ username: input.username, orgKey: org.key, role: input.role, hcode: input.hcode, designation: input.designation }));
      } catch (err) {
        await this.#d.store.remove(input.username, 0);
        this.#d.status.set(input.username, 'active');
        await this.#logAction(admin, 'add', input.username, org.mspId, 'failed', { role: input.role, hcode: input.hcode, error: err instanceof Error ? err.message : String(err) });
        throw new ApiError('CA_UNAVAILABLE', `the ${org.mspId} certificate authority could not enrol ${input.username}`, undefined, { cause: err });
      }
      const active = await this.#d.store.update(input.username, 0, { status: 'active', serial, updatedAt: this.#now() });
      if (active === undefined) throw new ApiError('LEDGER_CONFLICT', `${input.username} changed while being enrolled`);
      this.#d.directory.upsert(this.#directoryUser(active));
      this.#d.status.set(input.username, 'active');
      await this.#logAction(admin, 'add', input.username, org.mspId, 'done', { role: input.role, hcode: input.hcode, designation: input.designation ?? null, serial, enrolMs: Date.now() - started });
      return this.#view(active, undefined);
    });
  }

  public async change(admin: Principal, username: string, input: ChangeStaffInput): Promise<StaffView> {
    const org = this.#adminOrg(admin);
    if (input.role !== undefined) this.#checkRole(org, input.role);
    if (input.hcode !== undefined) this.#checkUnit(org, input.hcode);
    return this.#exclusive(username, async () => {
      const account = await this.#target(org, username, admin);
      if (account.status === 'revoked') throw new ApiError('IDENTITY_ALREADY_REVOKED', `${username} is revoked; register a new identity instead`);
      if (account.role === 'admin' || (input.role === undefined && !this.#grantable(org).includes(account.role as Role))) {
        throw new ApiError('ROLE_NOT_GRANTABLE', `${username} holds ${account.role}, which an administrator of ${org.mspId} does not manage`);
      }
      const role = input.role ?? account.role;
      const hcode = input.hcode ?? account.hcode;
      const designation = input.designation === null ? undefined : (input.designation ?? account.designation);
      if (designation !== undefined && role !== 'clinician') throw new ApiError('INVALID_ARGUMENT', 'only a clinician can have the family-doctor designation');
      const { serial } = await this.#d.cas.enrol({ username, orgKey: org.key, role, hcode, designation }).catch(async (err: unknown) => {
        await this.#logAction(admin, 'change', username, org.mspId, 'failed', { role, hcode, error: err instanceof Error ? err.message : String(err) });
        throw new ApiError('CA_UNAVAILABLE', `the ${org.mspId} certificate authority could not re-enrol ${username}`, undefined, { cause: err });
      });
      this.#d.forgetConnection(username);
      const changes = { role, hcode, designation, serial, updatedAt: this.#now() };
      const updated = await this.#d.store.update(username, account.version, designation === undefined ? { ...changes, designation: undefined } : changes);
      if (updated === undefined) throw new ApiError('LEDGER_CONFLICT', `${username} changed meanwhile; reload and try again`);
      this.#d.directory.upsert(this.#directoryUser(updated));
      await this.#logAction(admin, 'change', username, org.mspId, 'done', { from: { role: account.role, hcode: account.hcode }, to: { role, hcode, designation: designation ?? null }, serial });
      return this.#view(updated, this.#d.directory.find(username));
    });
  }

  public async suspend(admin: Principal, username: string): Promise<StaffView> {
    return this.#setStatus(admin, username, 'suspend');
  }

  public async reactivate(admin: Principal, username: string): Promise<StaffView> {
    return this.#setStatus(admin, username, 'reactivate');
  }

  async #setStatus(admin: Principal, username: string, action: 'suspend' | 'reactivate'): Promise<StaffView> {
    const org = this.#adminOrg(admin);
    if (username === admin.username) throw new ApiError('INVALID_ARGUMENT', 'an administrator cannot suspend themselves');
    return this.#exclusive(username, async () => {
      const account = await this.#target(org, username, admin);
      if (account.status === 'revoked') throw new ApiError('IDENTITY_ALREADY_REVOKED', `${username} is revoked`);
      const want = action === 'suspend' ? 'suspended' : 'active';
      const from = action === 'suspend' ? 'active' : 'suspended';
      if (account.status !== from) throw new ApiError('INVALID_TRANSITION', `${username} is ${account.status}; cannot ${action}`);
      const updated = await this.#d.store.update(username, account.version, { status: want, updatedAt: this.#now() });
      if (updated === undefined) throw new ApiError('LEDGER_CONFLICT', `${username} changed meanwhile; reload and try again`);
      this.#d.status.set(username, want);
      await this.#logAction(admin, action, username, org.mspId, 'done', {});
      return this.#view(updated, this.#d.directory.find(username));
    });
  }

  /** Revokes at the CA, publishes the CRL in the channel configuration, and refuses the person from then on. */
  public async revoke(admin: Principal, username: string, reason: string): Promise<{ staff: StaffView; crl: CrlUpdate; effectMs: number }> {
    const org = this.#adminOrg(admin);
    if (username === admin.username) throw new ApiError('INVALID_ARGUMENT', 'an administrator cannot revoke themselves');
    return this.#exclusive(username, async () => {
      const started = Date.now();
      const account = await this.#target(org, username, admin);
      if (account.status === 'revoked') throw new ApiError('IDENTITY_ALREADY_REVOKED', `${username} is already revoked`);
      // refuse at the gateway at once; the CA and the channel follow
      this.#d.status.set(username, 'revoked');
      this.#d.forgetConnection(username);
      let crl: CrlUpdate;
      try {
        crl = await this.#d.cas.revoke({ username, orgKey: org.key });
      } catch (err) {
        this.#d.status.set(username, account.status);
        await this.#logAction(admin, 'revoke', username, org.mspId, 'failed', { reason, error: err instanceof Error ? err.message : String(err) });
        throw new ApiError('CA_UNAVAILABLE', `the revocation of ${username} could not be completed at ${org.mspId}'s CA or channel`, undefined, { cause: err });
      }
      const updated = await this.#d.store.update(username, account.version, { status: 'revoked', updatedAt: this.#now() });
      if (updated === undefined) throw new ApiError('LEDGER_CONFLICT', `${username} changed meanwhile`);
      const effectMs = Date.now() - started;
      await this.#logAction(admin, 'revoke', username, org.mspId, 'done', { reason, serial: account.serial ?? null, crl, effectMs });
      return { staff: this.#view(updated, this.#d.directory.find(username)), crl, effectMs };
    });
  }

  /** The admin log: an auditor sees every organisation's, an administrator their own organisation's. */
  public async actions(caller: Principal, limit: number): Promise<AdminActionDoc[]> {
    if (caller.role === 'auditor') return this.#d.store.actions({ limit });
    if (caller.role === 'admin') return this.#d.store.actions({ msp: caller.mspId, limit });
    throw new ApiError('FORBIDDEN_ROLE', 'only auditors and administrators read the identity administration log');
  }
}
