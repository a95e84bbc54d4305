import { readFileSync } from 'node:fs';
import { z } from 'zod';

const unitSchema = z.object({
  hcode: z.string().regex(/^\d{5}$/),
  nameTh: z.string(),
  nameEn: z.string(),
  type: z.enum(['hospital', 'health-centre', 'provincial-office']),
  district: z.string(),
  parentHcode: z.string().nullable(),
  mspId: z.string(),
  lat: z.number(),
  lng: z.number(),
  illustrative: z.boolean(),
});

/** A hospital, health centre (รพ.สต.) or the provincial office, by its 5-digit hcode. */
export type Unit = z.infer<typeof unitSchema>;

/** The province's units from fixtures/units.json. */
export class UnitRegistry {
  readonly #byHcode: ReadonlyMap<string, Unit>;

  public constructor(units: readonly Unit[]) {
    this.#byHcode = new Map(units.map((u) => [u.hcode, u]));
  }

  public static fromFile(file: string): UnitRegistry {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return new UnitRegistry(z.array(unitSchema.passthrough()).parse(raw));
  }

  public find(hcode: string): Unit | undefined {
    return this.#byHcode.get(hcode);
  }

  public all(): Unit[] {
    return [...this.#byHcode.values()];
  }
}
