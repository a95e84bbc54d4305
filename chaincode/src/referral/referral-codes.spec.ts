import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
    CARE_DURING_TRANSFER_CODES,
    FAST_TRACK_CODES,
    MAX_PRIORITY,
    MIN_PRIORITY,
    PATIENT_CATEGORIES,
    REFER_REASON_CODES,
    REFER_RESULT_CODES,
} from './referral-codes';

const FIXTURE = path.resolve(__dirname, '../../../fixtures/referral-codes.json');
const SCRIPT = path.resolve(__dirname, '../../scripts/copy-referral-codes.mjs');

describe('referral code lists', () => {
    it('referral-codes-data.json is what scripts/copy-referral-codes.mjs makes of fixtures/referral-codes.json', () => {
        expect(() => execFileSync(process.execPath, [SCRIPT, '--check'], { stdio: 'pipe' })).not.toThrow();
    });

    it('validates exactly the codes of the fixture tables', () => {
        const { tables } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { tables: Record<string, { concepts: { code: string }[] }> };
        const codesOf = (key: string): string[] => tables[key]!.concepts.map((c) => c.code);
        expect(REFER_REASON_CODES).toEqual(codesOf('referReason'));
        expect(FAST_TRACK_CODES).toEqual(codesOf('fastTrack'));
        expect(PATIENT_CATEGORIES).toEqual(codesOf('patientCategory'));
        expect(CARE_DURING_TRANSFER_CODES).toEqual(codesOf('careDuringTransfer'));
        expect(REFER_RESULT_CODES).toEqual(codesOf('referResult'));
        expect(codesOf('priority')).toEqual(Array.from({ length: MAX_PRIORITY - MIN_PRIORITY + 1 }, (_, i) => String(MIN_PRIORITY + i)));
    });

    it('keeps today\u2019s lists', () => {
        expect(REFER_REASON_CODES).toEqual(['1', '2', '3', '4', '5']);
        expect(FAST_TRACK_CODES).toEqual(['01', '02', '03', '04', '05', '06', '07', '99']);
        expect(PATIENT_CATEGORIES).toEqual(['I', 'O', 'E']);
        expect(CARE_DURING_TRANSFER_CODES).toEqual(['1', '2', '3', '4', '5', '6']);
        expect(REFER_RESULT_CODES).toEqual(['1', '2', '3', '4', '5']);
        expect([MIN_PRIORITY, MAX_PRIORITY]).toEqual([1, 5]);
    });
});
