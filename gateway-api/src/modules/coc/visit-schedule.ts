import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ADL_GROUPS, TEAM_ROLES, type AdlGroup, type TeamRole } from './coc.schemas';

const ruleSchema = z.object({ adlGroup: z.enum(ADL_GROUPS), teamRole: z.enum(TEAM_ROLES), intervalDays: z.number().int().min(1).max(366), verified: z.boolean() }).strict();
const versionSchema = z
  .object({
    version: z.string().min(1),
    effectiveFrom: z.iso.date(),
    effectiveTo: z.iso.date().nullable(),
    source: z.string().min(1),
    verified: z.boolean(),
    rules: z.array(ruleSchema),
  })
  .strict();
const tableSchema = z.object({ table: z.literal('coc-visit-schedule'), description: z.string(), indicatorRule: z.string(), versions: z.array(versionSchema).min(1) }).strict();

/** One version of the visit-schedule rule table. */
export type ScheduleVersion = z.infer<typeof versionSchema>;
/** The whole table as stored in fixtures/coc/visit-schedule.json. */
export type ScheduleTable = z.infer<typeof tableSchema>;

/**
 * The COC visit-schedule rule table (fixtures/coc/visit-schedule.json): how often each team member
 * visits each ADL group, by version with effective dates, a source and a verified flag.
 */
export class VisitSchedule {
  readonly #table: ScheduleTable;

  /** @throws Error when the table is malformed, a version repeats a (group, role) rule, or versions overlap */
  public constructor(table: unknown) {
    const parsed = tableSchema.parse(table);
    const sorted = [...parsed.versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    sorted.forEach((v, i) => {
      if (v.effectiveTo !== null && v.effectiveTo < v.effectiveFrom) throw new Error(`visit schedule ${v.version}: effectiveTo is before effectiveFrom`);
      const keys = v.rules.map((r) => `${r.adlGroup}/${r.teamRole}`);
      if (new Set(keys).size !== keys.length) throw new Error(`visit schedule ${v.version}: a rule is repeated`);
      const next = sorted[i + 1];
      if (next !== undefined && (v.effectiveTo === null || v.effectiveTo >= next.effectiveFrom)) {
        throw new Error(`visit schedule ${v.version} overlaps ${next.version}`);
      }
    });
    this.#table = { ...parsed, versions: sorted };
  }

  public static fromFile(file: string): VisitSchedule {
    return new VisitSchedule(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  }

  /** The version in force on `date` (YYYY-MM-DD), if any. */
  public versionOn(date: string): ScheduleVersion | undefined {
    return this.#table.versions.find((v) => v.effectiveFrom <= date && (v.effectiveTo === null || date <= v.effectiveTo));
  }

  /** Days between visits of `role` for a patient in `group` on `date`; undefined = no home-visit standard. */
  public intervalDays(group: AdlGroup, role: TeamRole, date: string): number | undefined {
    return this.versionOn(date)?.rules.find((r) => r.adlGroup === group && r.teamRole === role)?.intervalDays;
  }

  /** The whole table (for GET /api/coc/schedule). */
  public table(): ScheduleTable {
    return this.#table;
  }
}
