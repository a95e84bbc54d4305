import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const drugSchema = z.looseObject({ tmtId: z.string(), nameEn: z.string(), nameTh: z.string(), dispensingUnit: z.string(), illustrative: z.boolean() });
const tmtSchema = z.looseObject({ verified: z.boolean(), source: z.string(), drugs: z.array(drugSchema) });
const ruleSchema = z.looseObject({
  id: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  earlyToleranceDays: z.number(),
  minIntervalDays: z.number(),
  maxIntervalDays: z.number(),
  maxCycles: z.number(),
  source: z.string(),
  verified: z.boolean(),
});
const rulesSchema = z.looseObject({ rules: z.array(ruleSchema) });
const drugstoreSchema = z.looseObject({ code: z.string(), nameTh: z.string(), nameEn: z.string(), mspId: z.string(), illustrative: z.boolean() });
const drugstoresSchema = z.looseObject({ drugstores: z.array(drugstoreSchema) });

export type TmtDrug = z.infer<typeof drugSchema>;
export type RefillRule = z.infer<typeof ruleSchema>;
export type PartnerDrugstore = z.infer<typeof drugstoreSchema>;

/** The pharmacy rule tables of `fixtures/pharmacy/` (the same files the chaincode embeds), read once at startup. */
export class PharmacyCatalogue {
  readonly drugs: readonly TmtDrug[];
  readonly rules: readonly RefillRule[];
  readonly drugstores: readonly PartnerDrugstore[];
  readonly #drugIds: ReadonlySet<string>;

  public constructor(data: Readonly<{ tmt: unknown; rules: unknown; drugstores: unknown }>) {
    this.drugs = tmtSchema.parse(data.tmt).drugs;
    this.rules = rulesSchema.parse(data.rules).rules;
    this.drugstores = drugstoresSchema.parse(data.drugstores).drugstores;
    this.#drugIds = new Set(this.drugs.map((d) => d.tmtId));
  }

  /** Reads `tmt-subset.json`, `refill-rules.json` and `partner-drugstores.json` from `dir`; fails fast on a bad file. */
  public static fromDir(dir: string): PharmacyCatalogue {
    const read = (name: string): unknown => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as unknown;
    return new PharmacyCatalogue({ tmt: read('tmt-subset.json'), rules: read('refill-rules.json'), drugstores: read('partner-drugstores.json') });
  }

  /** True when `tmtId` is in the TMT subset. */
  public hasDrug(tmtId: string): boolean {
    return this.#drugIds.has(tmtId);
  }
}
