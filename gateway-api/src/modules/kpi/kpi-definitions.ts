import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The 12 indicator ids of the seed report, in its order. */
export const INDICATOR_IDS = [
  'digital-opd-hospitals',
  'digital-opd-use',
  'opd-waiting-change',
  'satisfaction',
  'smart-ems-systems',
  'ems-access',
  'critical-mortality',
  'referral-hospitals',
  'visited-per-standard',
  'referral-quality-care',
  'adl-improved',
  'happiness',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const indicatorSchema = z
  .object({
    id: z.enum(INDICATOR_IDS),
    order: z.number().int(),
    group: z.string(),
    nameTh: z.string().min(1),
    nameEn: z.string().min(1),
    numerator: z.string().min(1),
    denominator: z.string().nullable(),
    source: z.object({ collections: z.array(z.string()).min(1), status: z.enum(['available', 'no-data-source']) }),
    period: z.literal('month'),
    unit: z.enum(['percent', 'count', 'percent-change']),
    scope: z.enum(['hospital', 'province']),
    target: z.object({ kind: z.enum(['at-least', 'at-most', 'change-at-most', 'change-at-least']), value: z.number() }),
    reported: z.number().nullable(),
    verified: z.boolean(),
  })
  .strict();
export type IndicatorDefinition = z.infer<typeof indicatorSchema>;

const fileSchema = z.object({
  table: z.literal('kpi-indicators'),
  versions: z
    .array(
      z.object({
        version: z.string(),
        effectiveFrom: month,
        effectiveTo: month.nullable(),
        source: z.string().min(1),
        verified: z.boolean(),
        indicators: z.array(indicatorSchema),
      }),
    )
    .min(1),
});
export type DefinitionsVersion = z.infer<typeof fileSchema>['versions'][number];

/** fixtures/kpi/indicators.json: versioned definitions of the 12 indicators. */
export class IndicatorDefinitions {
  readonly #versions: readonly DefinitionsVersion[];

  public constructor(versions: readonly DefinitionsVersion[]) {
    for (const v of versions) {
      const ids = v.indicators.map((i) => i.id).sort();
      const expected = [...INDICATOR_IDS].sort();
      if (ids.join() !== expected.join()) throw new Error(`kpi definitions ${v.version}: expected the 12 indicators ${expected.join(', ')}, got ${ids.join(', ')}`);
    }
    this.#versions = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  }

  public static fromFile(file: string): IndicatorDefinitions {
    return new IndicatorDefinitions(fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')) as unknown).versions);
  }

  /** The version in force for month YYYY-MM (the latest one when none covers it). */
  public versionOn(m: string): DefinitionsVersion {
    const v = [...this.#versions].reverse().find((x) => x.effectiveFrom <= m && (x.effectiveTo === null || m <= x.effectiveTo));
    return v ?? (this.#versions.at(-1) as DefinitionsVersion);
  }

  /** The 12 definitions in force for month YYYY-MM, in the report's order. */
  public on(m: string): IndicatorDefinition[] {
    return [...this.versionOn(m).indicators].sort((a, b) => a.order - b.order);
  }

  public find(id: string, m: string): IndicatorDefinition | undefined {
    return this.on(m).find((d) => d.id === id);
  }
}
