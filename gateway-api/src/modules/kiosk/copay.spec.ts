import path from 'node:path';
import { copayOf, ruleFor } from './copay';
import { loadKioskFixtures } from './kiosk-fixtures';

const { copay, simulator } = loadKioskFixtures(path.resolve(__dirname, '../../../..'));
const itemsOf = (hn: string) => simulator.visits.find((v) => v.hn === hn)?.items ?? [];

describe('co-payment by right (fixtures/kiosk/copay-rules.json)', () => {
  it('every rule has a source and a verified flag, and no two rows of a right overlap', () => {
    for (const rule of copay.rules) {
      expect(rule.source.length).toBeGreaterThan(0);
      const overlapping = copay.rules.filter(
        (r) => r !== rule && r.right === rule.right && r.effectiveFrom <= (rule.effectiveTo ?? '9999') && rule.effectiveFrom <= (r.effectiveTo ?? '9999'),
      );
      expect(overlapping).toEqual([]);
    }
  });

  it('a UCS patient at the main hospital pays nothing for covered care', () => {
    const rule = ruleFor(copay.rules, 'UCS', '2026-11-30');
    expect(rule?.effectiveFrom).toBe('2026-10-01');
    expect(copayOf(rule!, itemsOf('6500123'), true)).toMatchObject({ total: 170, patientPays: 0, coveredByRight: 170 });
  });

  it('picks the superseded UCS row for a date before 2026-10-01', () => {
    const rule = ruleFor(copay.rules, 'UCS', '2025-05-01');
    expect(rule?.fixedCopay).toBe(30);
    expect(copayOf(rule!, itemsOf('6500123'), true).patientPays).toBe(30);
  });

  it('a civil servant pays only the non-covered drug', () => {
    expect(copayOf(ruleFor(copay.rules, 'OFC', '2026-11-30')!, itemsOf('6500456'), true)).toMatchObject({ total: 580, patientPays: 350 });
  });

  it('a social-security patient pays everything outside the main hospital, nothing at it', () => {
    const rule = ruleFor(copay.rules, 'SSS', '2026-11-30')!;
    expect(copayOf(rule, itemsOf('6500789'), false).patientPays).toBe(280);
    expect(copayOf(rule, itemsOf('6500789'), true).patientPays).toBe(0);
  });

  it('self-pay pays the whole bill to the satang', () => {
    expect(copayOf(ruleFor(copay.rules, 'SP', '2026-11-30')!, itemsOf('6501001'), true).patientPays).toBe(125.5);
  });

  it('has no rule for a right on a date outside every row', () => {
    expect(ruleFor(copay.rules, 'RAA', '2026-11-30')).toBeUndefined();
    expect(ruleFor(copay.rules, 'OFC', '2020-01-01')).toBeUndefined();
  });
});
