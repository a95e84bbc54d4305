import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const ROLES = ['clinician', 'nurse', 'auditor', 'pharmacist', 'volunteer', 'cashier', 'kiosk', 'dispatcher', 'ems-crew', 'er-physician', 'medical-director', 'admin', 'manager'] as const;
export type Role = (typeof ROLES)[number];

const userSchema = z.object({
  username: z.string().min(1),
  displayName: z.string(),
  orgKey: z.string(),
  mspId: z.string(),
  role: z.enum(ROLES),
  hcode: z.string().regex(/^\d{5}$/),
  /** A clinician's designation: `family-doctor` may be the family doctor of a COC team. */
  designation: z.enum(['family-doctor']).optional(),
  passwordHash: z.string().min(1),
});
const fileSchema = z.object({ users: z.array(userSchema) });

/** A staff member who can log in; their Fabric identity carries the same role and hcode. */
export type DirectoryUser = z.infer<typeof userSchema>;

/** Staff accounts read from fixtures/users.json. */
export class UserDirectory {
  readonly #users: Map<string, DirectoryUser>;

  public constructor(users: readonly DirectoryUser[]) {
    this.#users = new Map(users.map((u) => [u.username, u]));
  }

  /** Loads and validates a users fixture file. */
  public static fromFile(file: string): UserDirectory {
    const parsed = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')) as unknown);
    return new UserDirectory(parsed.users);
  }

  /**
   * fixtures/users.json plus the logins of organisations that joined the running channel later
   * (`npm run org:add` writes `<runtime>/orgs/<key>.users.json`, same shape).
   */
  public static fromFixtureAndAddedOrgs(fixtureFile: string, runtimeDir: string): UserDirectory {
    const dir = path.join(runtimeDir, 'orgs');
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.users.json')).sort().map((f) => path.join(dir, f)) : [];
    const users = [fixtureFile, ...files].flatMap((file) => fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')) as unknown).users);
    return new UserDirectory(users);
  }

  public find(username: string): DirectoryUser | undefined {
    return this.#users.get(username);
  }

  /** Adds or replaces an account (staff added or changed by their organisation's administrator, issue 15). */
  public upsert(user: DirectoryUser): void {
    this.#users.set(user.username, user);
  }

  public all(): DirectoryUser[] {
    return [...this.#users.values()];
  }
}
