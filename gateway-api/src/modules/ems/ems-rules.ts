import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../http/api-error';

/** Triage colours of the 1669 system, most severe first. */
export const TRIAGE_COLOURS = ['red', 'yellow', 'green', 'white'] as const;
export type TriageColour = (typeof TRIAGE_COLOURS)[number];

/** Operational levels of an ambulance unit. */
export const UNIT_LEVELS = ['ALS', 'BLS', 'FR'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

const versioned = {
  version: z.string().min(1),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  effectiveTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  source: z.string().min(1),
  verified: z.boolean(),
};

const conditionSchema = z
  .object({ question: z.string(), equals: z.union([z.boolean(), z.number()]).optional(), atLeast: z.number().optional(), atMost: z.number().optional() })
  .strict();
const ruleSchema = z.object({ id: z.string(), colour: z.enum(TRIAGE_COLOURS), when: z.array(conditionSchema).min(1), th: z.string() }).strict();
const questionSchema = z
  .object({ id: z.string(), type: z.enum(['boolean', 'number']), th: z.string(), en: z.string(), min: z.number().optional(), max: z.number().optional() })
  .strict();

const criteriaSchema = z.object({
  ...versioned,
  table: z.literal('ems-dispatch-criteria'),
  note: z.string().optional(),
  colours: z.array(
    z.object({
      code: z.enum(TRIAGE_COLOURS),
      th: z.string(),
      en: z.string(),
      rank: z.number().int(),
      requiredLevel: z.enum(UNIT_LEVELS).nullable(),
      targetResponseMinutes: z.number().nullable(),
    }),
  ),
  levels: z.array(z.object({ code: z.enum(UNIT_LEVELS), th: z.string(), en: z.string(), rank: z.number().int() })),
  questions: z.array(questionSchema),
  globalRules: z.array(ruleSchema),
  complaints: z.array(
    z.object({ code: z.string(), cbdGroup: z.string(), th: z.string(), en: z.string(), defaultColour: z.enum(TRIAGE_COLOURS), rules: z.array(ruleSchema) }),
  ),
});
export type DispatchCriteria = z.infer<typeof criteriaSchema>;
export type TriageRule = z.infer<typeof ruleSchema>;

const cardsSchema = z.object({
  ...versioned,
  table: z.literal('ems-first-aid-cards'),
  language: z.literal('th'),
  smsMaxChars: z.number().int().positive(),
  cards: z.array(z.object({ id: z.string(), complaints: z.array(z.string()).min(1), title: z.string(), steps: z.array(z.string()).min(1), sms: z.string() })),
});
export type FirstAidCard = z.infer<typeof cardsSchema>['cards'][number];

const vitalsSchema = z.object({
  ...versioned,
  table: z.literal('ems-vital-sign-limits'),
  signs: z.array(
    z.object({
      code: z.enum(['hr', 'sbp', 'dbp', 'spo2', 'rr']),
      loinc: z.string(),
      panel: z.string().optional(),
      display: z.string(),
      th: z.string(),
      unit: z.string(),
      ucum: z.string(),
      plausible: z.object({ min: z.number(), max: z.number() }),
      alarm: z.object({ low: z.number().nullable(), high: z.number().nullable() }),
    }),
  ),
});
export type VitalSignLimits = z.infer<typeof vitalsSchema>;
export type VitalSignCode = VitalSignLimits['signs'][number]['code'];

const fleetSchema = z.object({
  ...versioned,
  table: z.literal('ems-ambulance-units'),
  roadFactor: z.number().min(1),
  averageSpeedKmh: z.record(z.enum(UNIT_LEVELS), z.number().positive()),
  units: z.array(
    z.object({
      unitId: z.string().regex(/^[A-Z0-9-]{3,32}$/),
      callSign: z.string(),
      level: z.enum(UNIT_LEVELS),
      hcode: z.string().regex(/^\d{5}$/),
      mspId: z.string(),
      base: z.object({ lat: z.number(), lng: z.number() }),
      crew: z.array(z.string()),
    }),
  ),
});
export type Fleet = z.infer<typeof fleetSchema>;
export type AmbulanceUnit = Fleet['units'][number];

/** The answer of the triage rules for one call. */
export interface TriageResult {
  readonly colour: TriageColour;
  /** Ids and Thai text of the rules that matched (empty: the complaint's default colour). */
  readonly matchedRules: readonly { id: string; colour: TriageColour; th: string }[];
  readonly requiredLevel: UnitLevel | null;
  readonly targetResponseMinutes: number | null;
  readonly criteria: { readonly version: string; readonly effectiveFrom: string; readonly source: string; readonly verified: boolean };
}

/** Answers to the dispatch questions: question id → boolean or number. */
export type DispatchAnswers = Readonly<Record<string, boolean | number>>;

const RANK: Readonly<Record<TriageColour, number>> = { red: 4, yellow: 3, green: 2, white: 1 };
const LEVEL_RANK: Readonly<Record<UnitLevel, number>> = { ALS: 3, BLS: 2, FR: 1 };

/** True when a unit of `level` may answer a call that needs `required`. */
export function levelSuffices(level: UnitLevel, required: UnitLevel | null): boolean {
  return required === null || LEVEL_RANK[level] >= LEVEL_RANK[required];
}

function matches(rule: TriageRule, answers: DispatchAnswers): boolean {
  return rule.when.every((c) => {
    const value = answers[c.question];
    if (value === undefined) return false;
    if (c.equals !== undefined && value !== c.equals) return false;
    if (c.atLeast !== undefined && !(typeof value === 'number' && value >= c.atLeast)) return false;
    if (c.atMost !== undefined && !(typeof value === 'number' && value <= c.atMost)) return false;
    return true;
  });
}

/** The EMS rule tables of fixtures/ems: dispatch criteria, first-aid cards, vital-sign limits and the fleet. */
export class EmsRules {
  public constructor(
    public readonly criteria: DispatchCriteria,
    public readonly cards: z.infer<typeof cardsSchema>,
    public readonly vitals: VitalSignLimits,
    public readonly fleet: Fleet,
  ) {
    const questions = new Set(criteria.questions.map((q) => q.id));
    for (const rule of [...criteria.globalRules, ...criteria.complaints.flatMap((c) => c.rules)]) {
      for (const c of rule.when) if (!questions.has(c.question)) throw new Error(`dispatch rule ${rule.id} uses unknown question ${c.question}`);
    }
    const complaints = new Set(criteria.complaints.map((c) => c.code));
    for (const card of cards.cards) {
      for (const code of card.complaints) if (code !== '*' && !complaints.has(code)) throw new Error(`first-aid card ${card.id} names unknown complaint ${code}`);
      if (card.sms.length > cards.smsMaxChars) throw new Error(`first-aid card ${card.id}: SMS text longer than ${String(cards.smsMaxChars)}`);
    }
    const ids = new Set<string>();
    for (const unit of fleet.units) {
      if (ids.has(unit.unitId)) throw new Error(`duplicate ambulance unit ${unit.unitId}`);
      ids.add(unit.unitId);
    }
  }

  /**
   * The same tables with `count` simulated load units `SIM-001`… added (level, hospital and base cycled from the fleet,
   * no crew): devices for the load benchmark (EMS_SIM_UNITS), never dispatchable by a crew login.
   */
  public withSimulatedUnits(count: number): EmsRules {
    if (count <= 0) return this;
    const sim = Array.from({ length: count }, (_, i) => {
      const model = this.fleet.units[i % this.fleet.units.length];
      if (model === undefined) throw new Error('empty fleet');
      const unitId = `SIM-${String(i + 1).padStart(3, '0')}`;
      return { ...model, unitId, callSign: `${unitId} (simulated)`, crew: [] };
    });
    return new EmsRules(this.criteria, this.cards, this.vitals, { ...this.fleet, units: [...this.fleet.units, ...sim] });
  }

  /** Reads and validates the four tables from `<rootDir>/fixtures/ems`. */
  public static fromDir(dir: string): EmsRules {
    const read = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown;
    return new EmsRules(
      criteriaSchema.parse(read('dispatch-criteria.json')),
      cardsSchema.parse(read('first-aid-cards.json')),
      vitalsSchema.parse(read('vital-signs.json')),
      fleetSchema.parse(read('ambulance-units.json')),
    );
  }

  /**
   * Checks the answers against the question table.
   *
   * @throws ApiError INVALID_ANSWER for an unknown question, a wrong type or a number out of range
   */
  public checkAnswers(answers: Readonly<Record<string, unknown>>): DispatchAnswers {
    const out: Record<string, boolean | number> = {};
    for (const [id, value] of Object.entries(answers)) {
      const question = this.criteria.questions.find((q) => q.id === id);
      if (question === undefined) throw new ApiError('INVALID_ANSWER', `unknown dispatch question ${id}`, { question: id });
      if (question.type === 'boolean') {
        if (typeof value !== 'boolean') throw new ApiError('INVALID_ANSWER', `answer to ${id} must be true or false`, { question: id });
      } else {
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new ApiError('INVALID_ANSWER', `answer to ${id} must be a number`, { question: id });
        if ((question.min !== undefined && value < question.min) || (question.max !== undefined && value > question.max)) {
          throw new ApiError('INVALID_ANSWER', `answer to ${id} is out of range`, { question: id, min: question.min, max: question.max });
        }
      }
      out[id] = value;
    }
    return out;
  }

  /**
   * The triage colour of a call: the most severe of the matching global and complaint rules, else the complaint's default.
   *
   * @throws ApiError UNKNOWN_COMPLAINT when the complaint code is not in the table
   */
  public triage(complaintCode: string, answers: DispatchAnswers): TriageResult {
    const complaint = this.criteria.complaints.find((c) => c.code === complaintCode);
    if (complaint === undefined) throw new ApiError('UNKNOWN_COMPLAINT', `unknown chief complaint ${complaintCode}`, { complaintCode });
    const matched = [...this.criteria.globalRules, ...complaint.rules].filter((rule) => matches(rule, answers));
    // rules may lower the default (e.g. walking wounded); without a match the default stands
    const colour = matched.length === 0 ? complaint.defaultColour : matched.reduce((best, r) => (RANK[r.colour] > RANK[best] ? r.colour : best), matched[0]?.colour ?? complaint.defaultColour);
    const info = this.colour(colour);
    return {
      colour,
      matchedRules: matched.map((r) => ({ id: r.id, colour: r.colour, th: r.th })),
      requiredLevel: info.requiredLevel,
      targetResponseMinutes: info.targetResponseMinutes,
      criteria: { version: this.criteria.version, effectiveFrom: this.criteria.effectiveFrom, source: this.criteria.source, verified: this.criteria.verified },
    };
  }

  /** Description of a colour. */
  public colour(code: TriageColour): DispatchCriteria['colours'][number] {
    const info = this.criteria.colours.find((c) => c.code === code);
    if (info === undefined) throw new Error(`colour ${code} missing from the dispatch criteria`);
    return info;
  }

  /** Thai first-aid cards for a complaint (its own cards first, then the general ones). */
  public firstAid(complaintCode: string): FirstAidCard[] {
    const own = this.cards.cards.filter((c) => c.complaints.includes(complaintCode));
    const general = this.cards.cards.filter((c) => c.complaints.includes('*'));
    return [...own, ...general];
  }

  /** One ambulance unit of the fleet, or undefined. */
  public unit(unitId: string): AmbulanceUnit | undefined {
    return this.fleet.units.find((u) => u.unitId === unitId);
  }
}
