import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILT_IN_CODES, codeLabel, normaliseCodeSystems, normaliseIcd10, rejectionPayload, searchBuiltInIcd10 } from './code-systems';

describe('referral code systems', () => {
  it('has Thai and English labels for the built-in systems', () => {
    expect(BUILT_IN_CODES.fastTrack.map((c) => c.code)).toEqual(['01', '02', '03', '04', '05', '06', '07', '99']);
    expect(BUILT_IN_CODES.priority).toHaveLength(5);
    for (const system of Object.values(BUILT_IN_CODES)) {
      for (const c of system) {
        expect(c.th).toMatch(/[\u0E00-\u0E7F]|[A-Z]/);
        expect(c.en.length).toBeGreaterThan(0);
      }
    }
  });

  it('builds the offline tables from fixtures/referral-codes.json, the file GET /api/codes serves', () => {
    type Concept = { code: string; th: string; en: string; reasonCode?: string };
    const fixture = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../../fixtures/referral-codes.json'), 'utf8')) as {
      tables: Record<string, { concepts: Concept[] }>;
    };
    const labels = (id: string): Concept[] =>
      fixture.tables[id]!.concepts.map(({ code, th, en, reasonCode }) => (reasonCode === undefined ? { code, th, en } : { code, th, en, reasonCode }));
    expect(BUILT_IN_CODES).toEqual({
      reason: labels('referReason'),
      priority: labels('priority'),
      fastTrack: labels('fastTrack'),
      patientCategory: labels('patientCategory'),
      careDuringTransfer: labels('careDuringTransfer'),
      rejectionReason: labels('rejectReason'),
      result: labels('referResult'),
    });
    // what the gateway serves reads back to the same tables
    expect(normaliseCodeSystems(fixture)).toEqual(BUILT_IN_CODES);
  });

  it('falls back to built-ins for a missing or unreadable body', () => {
    expect(normaliseCodeSystems(undefined)).toEqual(BUILT_IN_CODES);
    expect(normaliseCodeSystems({ error: 'x' })).toEqual(BUILT_IN_CODES);
  });

  it('reads arrays and records from the gateway under several names', () => {
    const systems = normaliseCodeSystems({
      codes: {
        'fast-track': [{ code: '02', display: 'Stroke fast track', displayTh: 'ทางด่วนโรคหลอดเลือดสมอง' }],
        priority: { '1': { th: 'วิกฤต', en: 'Critical' }, '2': 'ฉุกเฉินมาก' },
        rejectionReason: { concept: [{ code: 7, display: 'Closed' }] },
      },
    });
    expect(systems.fastTrack).toEqual([{ code: '02', th: 'ทางด่วนโรคหลอดเลือดสมอง', en: 'Stroke fast track' }]);
    expect(systems.priority).toEqual([
      { code: '1', th: 'วิกฤต', en: 'Critical' },
      { code: '2', th: 'ฉุกเฉินมาก', en: 'Emergency' },
    ]);
    expect(systems.rejectionReason).toEqual([{ code: '7', th: 'Closed', en: 'Closed' }]);
    expect(systems.reason).toBe(BUILT_IN_CODES.reason);
  });

  it('labels codes, tolerating zero padding', () => {
    expect(codeLabel(BUILT_IN_CODES, 'fastTrack', '2', 'en')).toBe('Stroke');
    expect(codeLabel(BUILT_IN_CODES, 'priority', 1, 'th')).toBe('คุกคามต่อชีวิต');
    expect(codeLabel(BUILT_IN_CODES, 'reason', '8', 'en')).toBe('8');
    expect(codeLabel(BUILT_IN_CODES, 'reason', undefined, 'en')).toBe('');
  });

  it('searches the offline ICD-10 list and reads server results', () => {
    expect(searchBuiltInIcd10('i63').map((c) => c.code)).toContain('I63.9');
    expect(searchBuiltInIcd10('sepsis').map((c) => c.code)).toEqual(['A41.9']);
    expect(searchBuiltInIcd10('', 3)).toHaveLength(3);
    expect(normaliseIcd10({ items: [{ code: 'I63.9', display: 'Cerebral infarction' }, { nope: 1 }] })).toEqual([
      { code: 'I63.9', display: 'Cerebral infarction' },
    ]);
    expect(normaliseIcd10([{ code: 'A90', th: 'ไข้เดงกี' }])).toEqual([{ code: 'A90', display: 'ไข้เดงกี' }]);
    expect(normaliseIcd10({ results: [{ code: 'I63.9', en: 'Cerebral infarction, unspecified', th: 'สมองขาดเลือด' }] })).toEqual([
      { code: 'I63.9', display: 'Cerebral infarction, unspecified', th: 'สมองขาดเลือด' },
    ]);
    expect(normaliseIcd10(null)).toEqual([]);
  });

  it('reads the gateway’s { tables } answer with refusal sub-reasons', () => {
    const systems = normaliseCodeSystems({
      tables: {
        referReason: { id: 'referReason', concepts: [{ code: '1', th: 'ก', en: 'A' }] },
        rejectReason: { id: 'rejectReason', concepts: [{ code: 'no-bed', th: 'เตียงเต็ม', en: 'No bed', reasonCode: '2' }] },
        referResult: { concepts: [{ code: '2', th: 'ปฏิเสธ', en: 'Refused' }] },
      },
    });
    expect(systems.reason).toEqual([{ code: '1', th: 'ก', en: 'A' }]);
    expect(systems.rejectionReason).toEqual([{ code: 'no-bed', th: 'เตียงเต็ม', en: 'No bed', reasonCode: '2' }]);
    expect(systems.result).toEqual([{ code: '2', th: 'ปฏิเสธ', en: 'Refused' }]);
  });

  it('builds the rejection payload from a sub-reason', () => {
    const noBed = BUILT_IN_CODES.rejectionReason[0]!;
    expect(rejectionPayload(noBed, ' ICU full ')).toEqual({ reasonCode: '2', reasonText: 'No bed available (ward or ICU full): ICU full' });
    expect(rejectionPayload(noBed, '')).toEqual({ reasonCode: '2', reasonText: 'No bed available (ward or ICU full)' });
    expect(rejectionPayload({ code: '3', th: 'x', en: 'y' }, 'z')).toEqual({ reasonCode: '3', reasonText: 'z' });
  });
});
