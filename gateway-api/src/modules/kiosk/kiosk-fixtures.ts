import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Main rights (maininscl) the kiosk knows; domain-standards §5. */
export const RIGHT_CODES = ['UCS', 'OFC', 'SSS', 'LGO', 'RAA', 'PI', 'SP', 'CON'] as const;
export type RightCode = (typeof RIGHT_CODES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One row of fixtures/kiosk/copay-rules.json. */
export const copayRuleSchema = z.object({
  right: z.enum(RIGHT_CODES),
  labelTh: z.string(),
  labelEn: z.string(),
  coveredShare: z.number().min(0).max(1),
  nonCoveredShare: z.number().min(0).max(1),
  fixedCopay: z.number().min(0),
  outsideMainHospitalShare: z.number().min(0).max(1),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable(),
  source: z.string().min(1),
  verified: z.boolean(),
});
export type CopayRule = z.infer<typeof copayRuleSchema>;

export const copayTableSchema = z.object({ name: z.string(), version: z.string(), note: z.string(), rules: z.array(copayRuleSchema).min(1) });

const cardSchema = z.object({
  pid: z.string().regex(/^\d{13}$/),
  titleTh: z.string(),
  fnameTh: z.string(),
  lnameTh: z.string(),
  birthDate: isoDate,
  mainInscl: z.enum(RIGHT_CODES),
  subInscl: z.string(),
  hospMain: z.string(),
  hospSub: z.string(),
  claimTypes: z.array(z.string()),
  behaviour: z.enum(['ok', 'expired', 'timeout', 'agent-error']),
  hn: z.string().regex(/^[A-Z0-9]{1,20}$/),
  mobile: z.string(),
});
export type SimulatedCard = z.infer<typeof cardSchema>;

const billItemSchema = z.object({ code: z.string(), nameTh: z.string(), amount: z.number().nonnegative(), covered: z.boolean() });
export type BillItem = z.infer<typeof billItemSchema>;

const hospitalSchema = z.object({
  hcode: z.string().regex(/^\d{5}$/),
  billerId: z.string().regex(/^\d{15}$/),
  taxId: z.string().regex(/^\d{13}$/),
  receiptBook: z.string(),
  nameTh: z.string(),
  addressTh: z.string(),
  illustrative: z.boolean(),
});
export type KioskHospital = z.infer<typeof hospitalSchema>;

export const simulatorSchema = z.object({
  note: z.string(),
  hospitals: z.array(hospitalSchema),
  cards: z.array(cardSchema),
  visits: z.array(z.object({ hn: z.string(), vn: z.string().regex(/^[A-Z0-9]{1,20}$/), items: z.array(billItemSchema).min(1) })),
});
export type SimulatorData = z.infer<typeof simulatorSchema>;

/** Reads and validates fixtures/kiosk/*.json under `rootDir`; a bad file fails fast, by name. */
export function loadKioskFixtures(rootDir: string): { copay: z.infer<typeof copayTableSchema>; simulator: SimulatorData } {
  const read = (name: string): unknown => JSON.parse(readFileSync(path.join(rootDir, 'fixtures', 'kiosk', name), 'utf8')) as unknown;
  return { copay: copayTableSchema.parse(read('copay-rules.json')), simulator: simulatorSchema.parse(read('simulator.json')) };
}
