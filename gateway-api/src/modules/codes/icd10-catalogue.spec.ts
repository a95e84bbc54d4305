import path from 'node:path';
import { Icd10Catalogue } from './icd10-catalogue';

const FIXTURE = path.join(__dirname, '../../../../fixtures/icd10-subset.json');
const catalogue = Icd10Catalogue.fromFile(FIXTURE);
const codes = (q: string, limit = 100): string[] => catalogue.search(q, limit).results.map((r) => r.code);

describe('Icd10Catalogue (fixtures/icd10-subset.json)', () => {
  it('loads about 300+ codes covering the common referral groups', () => {
    expect(catalogue.size).toBeGreaterThanOrEqual(300);
    for (const code of ['I63.9', 'I61.9', 'I21.0', 'A41.9', 'S06.5', 'E11.9', 'I10', 'J44.1', 'J18.9', 'N18.5', 'O14.1', 'P22.0', 'C50.9', 'S72.0', 'A90', 'A91', 'A15.0', 'B24']) {
      expect(catalogue.find(code)).toBeDefined();
    }
  });

  it('finds by code prefix, with or without the dot, exact code first', () => {
    expect(codes('I63')).toEqual(['I63.0', 'I63.1', 'I63.2', 'I63.3', 'I63.4', 'I63.5', 'I63.6', 'I63.8', 'I63.9']);
    expect(codes('i639')).toEqual(['I63.9']);
    expect(codes('I10')[0]).toBe('I10');
    expect(codes('S72.')).toHaveLength(6);
    expect(codes('N18').length).toBe(6);
  });

  it('finds by English words (all must match), a title starting with the word and then the shortest first', () => {
    expect(codes('sepsis')[0]).toBe('A41.9'); // "Sepsis, unspecified"
    expect(codes('sepsis')).toEqual(expect.arrayContaining(['A41.9', 'A40.9', 'O85', 'P36.9']));
    expect(codes('dengue')).toEqual(['A91', 'A90']);
    expect(codes('fracture femur')).toEqual(expect.arrayContaining(['S72.3', 'S72.9']));
    expect(codes('Cerebral infarction')[0]).toBe('I63.9');
    expect(codes('Cerebral infarction')).toContain('I63.8'); // "Other cerebral infarction"
  });

  it('matches English words at word starts, American spellings and keywords (stroke, STEMI, CKD)', () => {
    expect(codes('stroke')[0]).toBe('I64');
    expect(codes('stroke')).toEqual(expect.arrayContaining(['I63.9', 'I61.9', 'I60.9']));
    expect(codes('stroke')).not.toContain('T67.0'); // heatstroke
    expect(codes('STEMI').sort()).toEqual(['I21.0', 'I21.1', 'I21.2', 'I21.3']); // not I21.4 (NSTEMI)
    expect(codes('ckd').sort()).toEqual(['N18.1', 'N18.2', 'N18.3', 'N18.4', 'N18.5', 'N18.9']);
    expect(codes('hemorrhage')).toEqual(expect.arrayContaining(['I61.9', 'K92.2', 'O72.1']));
    expect(codes('hemorrhagic')).toContain('A91');
    expect(codes('edema pulmonary')).toEqual(['J81']);
  });

  it('finds by Thai words', () => {
    expect(codes('ไข้เลือดออก')).toContain('A91');
    expect(codes('เบาหวานชนิดที่ 2')).toContain('E11.9');
    expect(codes('วัณโรคปอด')).toEqual(expect.arrayContaining(['A15.0', 'A16.2']));
  });

  it('applies the limit but reports the total', () => {
    const result = catalogue.search('I', 5);
    expect(result.results).toHaveLength(5);
    expect(result.total).toBeGreaterThan(5);
    expect(result.system).toBe('http://hl7.org/fhir/sid/icd-10');
    expect(result.thaiLabels).toMatch(/working translations/);
    expect(catalogue.search('', 3).results.map((r) => r.code)).toEqual(['A01.0', 'A08.0', 'A09.0']);
    expect(catalogue.search('no such disease', 10)).toMatchObject({ total: 0, results: [] });
  });

  it('refuses duplicates and malformed files', () => {
    const entry = { code: 'I10', en: 'x', th: 'y' };
    const file = { description: '', system: 'http://hl7.org/fhir/sid/icd-10' as const, source: '', thaiLabels: '' };
    expect(() => new Icd10Catalogue({ ...file, codes: [entry, entry] })).toThrow(/I10 twice/);
    expect(() => Icd10Catalogue.fromFile(path.join(__dirname, 'missing.json'))).toThrow(/cannot read/);
  });
});
