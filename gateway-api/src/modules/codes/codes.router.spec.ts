import { readFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../http/error-handler';
import { createReferralSchema, rejectReferralSchema } from '../referrals/referrals.schemas';
import { codesRouter } from './codes.router';
import { FIXTURES_DIR } from './fixture-file';
import { Icd10Catalogue } from './icd10-catalogue';
import { REFERRAL_STATUSES, type CodeTable } from './referral-code-tables';

const icd10 = new Icd10Catalogue({
  description: 'test',
  system: 'http://hl7.org/fhir/sid/icd-10',
  source: 'test',
  thaiLabels: 'working translations',
  codes: [
    { code: 'I63.9', en: 'Cerebral infarction, unspecified', th: 'สมองขาดเลือด ไม่ระบุ' },
    { code: 'I61.9', en: 'Intracerebral haemorrhage, unspecified', th: 'เลือดออกในสมอง ไม่ระบุ' },
  ],
});
const app = express().use('/api/codes', codesRouter({ icd10 })).use(errorHandler(() => undefined));

describe('GET /api/codes', () => {
  it('serves every table with Thai and English labels, without authentication', async () => {
    const res = await request(app).get('/api/codes');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/max-age/);
    const tables = res.body.tables as Record<string, CodeTable>;
    expect(Object.keys(tables)).toEqual(['referReason', 'priority', 'fastTrack', 'patientCategory', 'careDuringTransfer', 'rejectReason', 'referResult', 'referOutcome', 'status', 'kind']);
    for (const table of Object.values(tables)) {
      expect(table.system).toMatch(/^https?:\/\//);
      for (const c of table.concepts) {
        expect(c.th.length).toBeGreaterThan(0);
        expect(c.en.length).toBeGreaterThan(0);
      }
    }
    expect(tables.status?.concepts.map((c) => c.code)).toEqual([...REFERRAL_STATUSES]);
    expect(tables.priority?.concepts.map((c) => c.code)).toEqual(['1', '2', '3', '4', '5']);
    expect(tables.referResult?.concepts.map((c) => c.code)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('serves fixtures/referral-codes.json byte for byte, each table with its code system from fixtures/code-systems.json', async () => {
    type Stored = { id: string; title: unknown; codeSystem: string; note?: string; concepts: unknown[] };
    const read = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES_DIR, name), 'utf8'));
    const { tables: stored } = read('referral-codes.json') as { tables: Record<string, Stored> };
    const { codeSystems } = read('code-systems.json') as { codeSystems: Record<string, { uri: string; status: string; source: string }> };
    const expected = Object.fromEntries(
      Object.entries(stored).map(([key, t]) => {
        const system = codeSystems[t.codeSystem]!;
        const note = t.note === undefined ? {} : { note: t.note };
        return [key, { id: t.id, title: t.title, system: system.uri, systemStatus: system.status, source: system.source, ...note, concepts: t.concepts }];
      }),
    );
    const res = await request(app).get('/api/codes');
    expect(res.text).toBe(JSON.stringify({ tables: expected }));
  });

  it('offers exactly the codes the referral API accepts', async () => {
    const tables = (await request(app).get('/api/codes')).body.tables as Record<string, CodeTable>;
    const shape = createReferralSchema.shape;
    const codesOf = (id: string): string[] => (tables[id]?.concepts.map((c) => c.code) ?? []).sort();
    const sorted = (options: readonly string[]): string[] => [...options].sort();
    expect(codesOf('referReason')).toEqual(sorted(shape.reasonCode.options));
    expect(codesOf('fastTrack')).toEqual(sorted(shape.fastTrack.unwrap().options));
    expect(codesOf('patientCategory')).toEqual(sorted(shape.patientCategory.unwrap().options));
    expect(codesOf('careDuringTransfer')).toEqual(sorted(shape.careDuringTransfer.unwrap().element.options));
    for (const reason of tables.rejectReason?.concepts ?? []) {
      expect(rejectReferralSchema.safeParse({ reasonCode: (reason as unknown as { reasonCode: string }).reasonCode, reasonText: `${reason.en}: x` }).success).toBe(true);
    }
  });
});

describe('GET /api/codes/icd10', () => {
  it('searches by code or text', async () => {
    const byCode = await request(app).get('/api/codes/icd10').query({ q: 'I63' });
    expect(byCode.status).toBe(200);
    expect(byCode.body).toMatchObject({ query: 'I63', total: 1, results: [{ code: 'I63.9' }] });
    const byThai = await request(app).get('/api/codes/icd10').query({ q: 'เลือดออก' });
    expect(byThai.body.results).toEqual([{ code: 'I61.9', en: 'Intracerebral haemorrhage, unspecified', th: 'เลือดออกในสมอง ไม่ระบุ' }]);
    const all = await request(app).get('/api/codes/icd10?limit=1');
    expect(all.body).toMatchObject({ total: 2, results: [{ code: 'I61.9' }] });
  });

  it('answers 400 VALIDATION_FAILED to a bad limit or a repeated q', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'q=a&q=b', `q=${'x'.repeat(101)}`]) {
      const res = await request(app).get(`/api/codes/icd10?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});
