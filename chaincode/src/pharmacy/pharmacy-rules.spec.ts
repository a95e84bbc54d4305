import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addDays, bangkokDay, PARTNER_DRUGSTORES, REFILL_RULES, refillRuleOn, TMT_DRUGS, type RefillRule } from './pharmacy-rules';

const fixtures = path.resolve(__dirname, '../../../fixtures/pharmacy');

describe('pharmacy rule tables', () => {
    it.each(['tmt-subset.json', 'refill-rules.json', 'partner-drugstores.json'])('%s is the same file as in fixtures/pharmacy', (name) => {
        expect(readFileSync(path.join(__dirname, 'data', name), 'utf8')).toBe(readFileSync(path.join(fixtures, name), 'utf8'));
    });

    it('loads the drugs, the rules and the drugstores', () => {
        expect(TMT_DRUGS.get('990001')?.nameEn).toContain('metformin');
        expect(REFILL_RULES[0]?.earlyToleranceDays).toBe(7);
        expect(PARTNER_DRUGSTORES.get('90001')?.mspId).toBe('ChachoengsaoPharmacyNetworkMSP');
    });

    it('picks the latest version in force on a day', () => {
        const base: RefillRule = { ...(REFILL_RULES[0] as RefillRule) };
        const rules: RefillRule[] = [
            { ...base, id: 'old', effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' },
            { ...base, id: 'new', effectiveFrom: '2026-01-01', effectiveTo: null },
        ];
        expect(refillRuleOn('2025-06-01', rules)?.id).toBe('old');
        expect(refillRuleOn('2026-06-01', rules)?.id).toBe('new');
        expect(refillRuleOn('2024-06-01', rules)).toBeUndefined();
    });

    it('computes days in Asia/Bangkok', () => {
        expect(bangkokDay('2026-01-05T16:59:59.000Z')).toBe('2026-01-05');
        expect(bangkokDay('2026-01-05T17:00:00.000Z')).toBe('2026-01-06');
        expect(addDays('2026-01-31', 28)).toBe('2026-02-28');
        expect(addDays('2026-01-05', -7)).toBe('2025-12-29');
    });
});
