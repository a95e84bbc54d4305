import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** One way to be eligible for a benefit (see fixtures/wallet/benefit-rules.json). */
export const benefitRuleSchema = z
  .object({
    id: z.string().min(1),
    service: z.string().min(1),
    sex: z.enum(['any', 'F', 'M']),
    ageMin: z.number().int().nonnegative().nullable(),
    ageMax: z.number().int().nonnegative().nullable(),
    ageUnit: z.enum(['year', 'month']),
    riskGroup: z.string().nullable(),
    intervalMonths: z.number().int().positive().nullable(),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable(),
    source: z.string().min(1),
    verified: z.boolean(),
  })
  .strict();
export type BenefitRule = z.infer<typeof benefitRuleSchema>;

const riskGroupSchema = z.object({ code: z.string().min(1), nameTh: z.string(), nameEn: z.string() }).strict();
export type RiskGroup = z.infer<typeof riskGroupSchema>;

export const benefitTableSchema = z
  .object({ version: z.string(), note: z.string(), riskGroups: z.array(riskGroupSchema), rules: z.array(benefitRuleSchema) })
  .strict()
  .superRefine((t, ctx) => {
    const groups = new Set(t.riskGroups.map((g) => g.code));
    const ids = new Set<string>();
    for (const r of t.rules) {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', message: `duplicate rule id ${r.id}` });
      ids.add(r.id);
      if (r.riskGroup !== null && !groups.has(r.riskGroup)) ctx.addIssue({ code: 'custom', message: `rule ${r.id}: unknown risk group ${r.riskGroup}` });
      if (r.effectiveTo !== null && r.effectiveTo < r.effectiveFrom) ctx.addIssue({ code: 'custom', message: `rule ${r.id}: effectiveTo before effectiveFrom` });
      if (r.ageMin !== null && r.ageMax !== null && r.ageMax < r.ageMin) ctx.addIssue({ code: 'custom', message: `rule ${r.id}: ageMax below ageMin` });
    }
  });
export type BenefitTable = z.infer<typeof benefitTableSchema>;

const serviceSchema = z
  .object({ code: z.string().regex(/^[a-z0-9-]+$/), nameTh: z.string(), nameEn: z.string(), benefitService: z.string().nullable(), slotMinutes: z.number().int().positive() })
  .strict();
/** A service citizens can book. `benefitService` null = open to everyone (self-pay). */
export type BookableService = z.infer<typeof serviceSchema>;

const hoursSchema = z.object({ days: z.array(z.number().int().min(0).max(6)), open: hhmm, close: hhmm, noteTh: z.string() }).strict();
export type OpeningHours = z.infer<typeof hoursSchema>;

const sessionSchema = z
  .object({
    unitType: z.enum(['hospital', 'health-centre']).optional(),
    hcode: z.string().regex(/^\d{5}$/).optional(),
    service: z.string(),
    weekdays: z.array(z.number().int().min(0).max(6)).min(1),
    times: z.array(hhmm).min(1),
    capacity: z.number().int().positive().max(500),
  })
  .strict()
  .refine((s) => (s.unitType === undefined) !== (s.hcode === undefined), 'a session template names either unitType or hcode');
/** A weekly session template: on each weekday, one slot per time with `capacity` seats. */
export type SessionTemplate = z.infer<typeof sessionSchema>;

export const serviceCatalogueSchema = z
  .object({
    version: z.string(),
    note: z.string(),
    horizonDays: z.number().int().positive().max(366),
    services: z.array(serviceSchema),
    openingHours: z.object({ hospital: hoursSchema, 'health-centre': hoursSchema }).strict(),
    sessions: z.array(sessionSchema),
  })
  .strict()
  .superRefine((c, ctx) => {
    const codes = new Set(c.services.map((s) => s.code));
    for (const s of c.sessions) if (!codes.has(s.service)) ctx.addIssue({ code: 'custom', message: `session of unknown service ${s.service}` });
  });
export type ServiceCatalogue = z.infer<typeof serviceCatalogueSchema>;

const demoCitizenSchema = z
  .object({
    username: z.string().min(1),
    cid: z.string().regex(/^\d{13}$/),
    displayName: z.string(),
    birthDate: isoDate,
    sex: z.enum(['F', 'M']),
    mobile: z.string().regex(/^0\d{9}$/),
    riskGroups: z.array(z.string()),
    homeHcode: z.string().regex(/^\d{5}$/),
  })
  .strict();
/** A fictional citizen with a synthetic national ID (fixtures/wallet/demo-citizens.json). */
export type DemoCitizen = z.infer<typeof demoCitizenSchema>;

const citizenAccountSchema = z.object({ username: z.string(), displayName: z.string(), role: z.literal('patient'), passwordHash: z.string().startsWith('scrypt:') });
export type CitizenAccountRecord = z.infer<typeof citizenAccountSchema>;

/** The wallet's data: rule table, services and sessions, demo citizens and their password hashes. */
export interface WalletFixtures {
  readonly benefits: BenefitTable;
  readonly catalogue: ServiceCatalogue;
  readonly demoCitizens: readonly DemoCitizen[];
  readonly accounts: readonly CitizenAccountRecord[];
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8')) as unknown;

/** Loads and validates fixtures/wallet/* and the `citizens` of fixtures/users.json; fails fast by file name. */
export function loadWalletFixtures(fixturesDir: string): WalletFixtures {
  const parse = <T extends z.ZodType>(schema: T, file: string): z.infer<T> => {
    const result = schema.safeParse(readJson(path.join(fixturesDir, file)));
    if (!result.success) throw new Error(`${file}: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return result.data;
  };
  return {
    benefits: parse(benefitTableSchema, 'wallet/benefit-rules.json'),
    catalogue: parse(serviceCatalogueSchema, 'wallet/services.json'),
    demoCitizens: parse(z.object({ note: z.string(), citizens: z.array(demoCitizenSchema) }), 'wallet/demo-citizens.json').citizens,
    accounts: parse(z.object({ citizens: z.array(citizenAccountSchema).default([]) }), 'users.json').citizens,
  };
}
