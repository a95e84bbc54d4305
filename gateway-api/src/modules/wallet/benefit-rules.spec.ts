import { BenefitRules } from './benefit-rules';
import { ageOn } from './thai-time';
import { loadWalletFixtures } from './wallet-fixtures';
import { FIXTURES_DIR } from './test-support/wallet-harness';

const rules = new BenefitRules(loadWalletFixtures(FIXTURES_DIR).benefits);
const services = (facts: Parameters<BenefitRules['eligibility']>[0], date = '2026-11-30'): string[] => rules.eligibility(facts, date).map((e) => e.service).sort();

describe('BenefitRules', () => {
  it('computes completed years and months of age', () => {
    expect(ageOn('1955-03-14', '2026-11-30')).toEqual({ years: 71, months: 860 });
    expect(ageOn('1961-11-30', '2026-11-30').years).toBe(65);
    expect(ageOn('1961-12-01', '2026-11-30').years).toBe(64);
    expect(ageOn('2026-05-31', '2026-11-30').months).toBe(5);
    expect(ageOn('2026-05-30', '2026-11-30').months).toBe(6);
  });

  it('gives the flu vaccine at 65 and over, with the reason and source', () => {
    expect(services({ birthDate: '1961-11-30', sex: 'M', riskGroups: [] })).toContain('flu-vaccine');
    expect(services({ birthDate: '1961-12-01', sex: 'M', riskGroups: [] })).not.toContain('flu-vaccine');
    const flu = rules.eligibility({ birthDate: '1955-03-14', sex: 'M', riskGroups: [] }, '2026-11-30').find((e) => e.service === 'flu-vaccine');
    expect(flu?.matches[0]).toMatchObject({ rule: { id: 'flu-age65-v1', verified: true }, reasonTh: 'อายุ 71 ปี (เกณฑ์ 65 ปีขึ้นไป)' });
    expect(flu?.matches[0]?.rule.source).toContain('mgronline.com');
  });

  it('counts months for young children (6 months to 2 years)', () => {
    expect(services({ birthDate: '2026-05-31', sex: 'F', riskGroups: [] })).toEqual([]);
    expect(services({ birthDate: '2026-05-30', sex: 'F', riskGroups: [] })).toEqual(['flu-vaccine']);
    expect(services({ birthDate: '2024-11-01', sex: 'F', riskGroups: [] })).toEqual(['flu-vaccine']); // 24 months
    expect(services({ birthDate: '2024-10-01', sex: 'F', riskGroups: [] })).toEqual([]); // 25 months
  });

  it('applies sex and declared risk groups', () => {
    expect(services({ birthDate: '1981-06-02', sex: 'F', riskGroups: [] })).toEqual(['cervical-screening', 'dm-ht-screening']);
    expect(services({ birthDate: '1981-06-02', sex: 'M', riskGroups: [] })).toEqual(['dm-ht-screening']);
    expect(services({ birthDate: '1998-01-20', sex: 'F', riskGroups: ['pregnant'] })).toEqual(['flu-vaccine']);
    expect(services({ birthDate: '1998-01-20', sex: 'M', riskGroups: ['pregnant'] })).toEqual([]);
    const chronic = rules.matchesFor({ birthDate: '1955-03-14', sex: 'M', riskGroups: ['chronic-disease'] }, 'flu-vaccine', '2026-11-30');
    expect(chronic.map((m) => m.rule.id)).toEqual(['flu-age65-v1', 'flu-chronic-v1']);
    expect(chronic[1]?.reasonTh).toContain('กลุ่มเสี่ยงที่แจ้งไว้');
  });

  it('uses the version of a rule in force on the date (effectiveFrom / effectiveTo)', () => {
    const sixtyFive = { birthDate: '1958-01-01', sex: 'M' as const, riskGroups: [] };
    expect(rules.matchesFor(sixtyFive, 'dm-ht-screening', '2025-09-30')).toEqual([]); // v0 ended at 59
    expect(rules.matchesFor({ ...sixtyFive, birthDate: '1980-01-01' }, 'dm-ht-screening', '2025-09-30').map((m) => m.rule.id)).toEqual(['dmht-v0']);
    expect(rules.matchesFor(sixtyFive, 'dm-ht-screening', '2025-10-01').map((m) => m.rule.id)).toEqual(['dmht-v1']);
    expect(rules.rulesOn('2025-09-30', 'flu-vaccine')).toEqual([]);
  });

  it('covers every service of domain-standards §10 and marks unsourced rules as unverified', () => {
    const all = rules.rulesOn('2026-11-30');
    expect(new Set(all.map((r) => r.service))).toEqual(
      new Set(['flu-vaccine', 'cervical-screening', 'colorectal-fit', 'dm-ht-screening', 'anaemia-screening', 'hpv-vaccine', 'elderly-assessment']),
    );
    expect(all.filter((r) => !r.verified).every((r) => /verify|illustrative/.test(r.source))).toBe(true);
  });
});
