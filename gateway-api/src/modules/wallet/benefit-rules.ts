import type { BenefitRule, BenefitTable, RiskGroup } from './wallet-fixtures';
import { ageOn } from './thai-time';

/** What the eligibility rules look at: never the national ID. */
export interface CitizenFacts {
  readonly birthDate: string;
  readonly sex: 'F' | 'M';
  /** Risk groups the citizen declared (codes of the rule table). */
  readonly riskGroups: readonly string[];
}

/** One matching rule and why it matched, in Thai and English. */
export interface RuleMatch {
  readonly rule: BenefitRule;
  readonly reasonTh: string;
  readonly reasonEn: string;
}

/** A service the citizen is eligible for now, with every rule that makes them eligible. */
export interface Eligibility {
  readonly service: string;
  readonly matches: readonly RuleMatch[];
}

const SEX_TH = { F: 'หญิง', M: 'ชาย' } as const;

/** Applies the versioned benefit rule table (fixtures/wallet/benefit-rules.json) to one citizen on one date. */
export class BenefitRules {
  readonly #table: BenefitTable;
  readonly #groups: ReadonlyMap<string, RiskGroup>;

  public constructor(table: BenefitTable) {
    this.#table = table;
    this.#groups = new Map(table.riskGroups.map((g) => [g.code, g]));
  }

  public get version(): string {
    return this.#table.version;
  }

  public get riskGroups(): readonly RiskGroup[] {
    return this.#table.riskGroups;
  }

  /** True when `code` is a risk group of the table. */
  public isRiskGroup(code: string): boolean {
    return this.#groups.has(code);
  }

  /** The rules in force on `date` (YYYY-MM-DD): effectiveFrom ≤ date ≤ effectiveTo. */
  public rulesOn(date: string, service?: string): BenefitRule[] {
    return this.#table.rules.filter(
      (r) => r.effectiveFrom <= date && (r.effectiveTo === null || date <= r.effectiveTo) && (service === undefined || r.service === service),
    );
  }

  /** Every service `facts` makes the citizen eligible for on `date`, grouped by service. */
  public eligibility(facts: CitizenFacts, date: string): Eligibility[] {
    const byService = new Map<string, RuleMatch[]>();
    for (const rule of this.rulesOn(date)) {
      const match = this.match(rule, facts, date);
      if (match === undefined) continue;
      byService.set(rule.service, [...(byService.get(rule.service) ?? []), match]);
    }
    return [...byService.entries()].map(([service, matches]) => ({ service, matches }));
  }

  /** The rules of `service` in force on `date` that `facts` satisfy (empty = not eligible). */
  public matchesFor(facts: CitizenFacts, service: string, date: string): RuleMatch[] {
    return this.rulesOn(date, service).flatMap((r) => this.match(r, facts, date) ?? []);
  }

  /** `rule` applied to `facts` on `date`: the reason when it matches, otherwise undefined. */
  public match(rule: BenefitRule, facts: CitizenFacts, date: string): RuleMatch | undefined {
    if (rule.sex !== 'any' && rule.sex !== facts.sex) return undefined;
    const age = ageOn(facts.birthDate, date);
    const value = rule.ageUnit === 'year' ? age.years : age.months;
    if (rule.ageMin !== null && value < rule.ageMin) return undefined;
    if (rule.ageMax !== null && value > rule.ageMax) return undefined;
    if (rule.riskGroup !== null && !facts.riskGroups.includes(rule.riskGroup)) return undefined;
    const th: string[] = [];
    const en: string[] = [];
    if (rule.sex !== 'any') {
      th.push(`เพศ${SEX_TH[rule.sex]}`);
      en.push(rule.sex === 'F' ? 'female' : 'male');
    }
    if (rule.ageMin !== null || rule.ageMax !== null) {
      const unitTh = rule.ageUnit === 'year' ? 'ปี' : 'เดือน';
      const unitEn = rule.ageUnit === 'year' ? 'years' : 'months';
      const band =
        rule.ageMax === null
          ? { th: `${String(rule.ageMin)} ${unitTh}ขึ้นไป`, en: `${String(rule.ageMin)}+ ${unitEn}` }
          : rule.ageMin === null
            ? { th: `ไม่เกิน ${String(rule.ageMax)} ${unitTh}`, en: `up to ${String(rule.ageMax)} ${unitEn}` }
            : { th: `${String(rule.ageMin)}–${String(rule.ageMax)} ${unitTh}`, en: `${String(rule.ageMin)}–${String(rule.ageMax)} ${unitEn}` };
      th.push(`อายุ ${String(value)} ${unitTh} (เกณฑ์ ${band.th})`);
      en.push(`age ${String(value)} ${unitEn} (rule: ${band.en})`);
    }
    if (rule.riskGroup !== null) {
      const group = this.#groups.get(rule.riskGroup);
      th.push(`กลุ่มเสี่ยงที่แจ้งไว้: ${group?.nameTh ?? rule.riskGroup}`);
      en.push(`declared risk group: ${group?.nameEn ?? rule.riskGroup}`);
    }
    return { rule, reasonTh: th.join(', '), reasonEn: en.join(', ') };
  }
}
