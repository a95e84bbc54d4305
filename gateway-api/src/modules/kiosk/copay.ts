import type { BillItem, CopayRule, RightCode } from './kiosk-fixtures';

/** The patient's share of a bill under one rule. Amounts in baht, rounded to satang. */
export interface CopayResult {
  readonly total: number;
  readonly patientPays: number;
  readonly coveredByRight: number;
  readonly rule: Pick<CopayRule, 'right' | 'effectiveFrom' | 'source' | 'verified'>;
}

const satang = (baht: number): number => Math.round(baht * 100);

/**
 * The rule in force for `right` on `date` (YYYY-MM-DD); undefined when none is.
 * Rows are versioned by effectiveFrom/effectiveTo (inclusive).
 */
export function ruleFor(rules: readonly CopayRule[], right: RightCode, date: string): CopayRule | undefined {
  return rules.find((r) => r.right === right && r.effectiveFrom <= date && (r.effectiveTo === null || date <= r.effectiveTo));
}

/**
 * What the patient pays for `items` under `rule`; `atMainHospital` is false when the hospital is not the patient's
 * main hospital (hospmain), which applies outsideMainHospitalShare to covered items.
 */
export function copayOf(rule: CopayRule, items: readonly BillItem[], atMainHospital: boolean): CopayResult {
  const coveredShare = atMainHospital ? rule.coveredShare : Math.max(rule.coveredShare, rule.outsideMainHospitalShare);
  let total = 0;
  let pays = 0;
  for (const item of items) {
    const amount = satang(item.amount);
    total += amount;
    pays += Math.round(amount * (item.covered ? coveredShare : rule.nonCoveredShare));
  }
  pays = Math.min(total, pays + satang(rule.fixedCopay));
  return {
    total: total / 100,
    patientPays: pays / 100,
    coveredByRight: (total - pays) / 100,
    rule: { right: rule.right, effectiveFrom: rule.effectiveFrom, source: rule.source, verified: rule.verified },
  };
}
