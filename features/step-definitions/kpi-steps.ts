import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/api-world';

interface Series {
  indicatorId: string;
  scope: string;
  status: string;
  points: { month: string; numerator: number; denominator: number | null; value: number | null }[];
}
interface Dashboard {
  scope: { kind: string; hcode: string | null };
  months: string[];
  series: Series[];
}
interface Records {
  numerator: number;
  denominator: number | null;
  total: number;
  rows: { id: string; kind: string; txId: string | null; provenance: string; inNumerator: boolean; detail: string }[];
}
interface KpiWorld extends ApiWorld {
  cocCaseId?: string;
  kpiRecords?: Records;
}

/** This month in Thailand (UTC+7), YYYY-MM. */
const thisMonth = (): string => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);

When('{string} opens the KPI dashboard', async function (this: ApiWorld, username: string) {
  await this.call('GET', '/api/kpi/indicators', undefined, username);
});

When('{string} opens the KPI dashboard of hospital {string}', async function (this: ApiWorld, username: string, hcode: string) {
  await this.call('GET', `/api/kpi/indicators?hospital=${hcode}`, undefined, username);
});

When('{string} opens the records behind {string} of hospital {string} this month', async function (this: ApiWorld, username: string, id: string, hcode: string) {
  await this.call('GET', `/api/kpi/indicators/${id}/records?month=${thisMonth()}&hospital=${hcode}`, undefined, username);
});

Then('the dashboard shows the 12 indicators of hospital {string}', function (this: ApiWorld, hcode: string) {
  assert.equal(this.last?.status, 200, JSON.stringify(this.last?.body));
  const d = this.last?.body as Dashboard;
  assert.equal(d.scope.kind, 'hospital');
  assert.equal(d.scope.hcode, hcode);
  assert.equal(d.series.length, 12);
  assert.equal(d.months.length, 12);
  assert.equal(d.months.at(-1), thisMonth());
  // hospital indicators are the hospital's; the EMS ones are provincial and say so
  for (const s of d.series) assert.ok(s.scope === hcode || (s.scope === 'province' && ['smart-ems-systems', 'ems-access', 'critical-mortality'].includes(s.indicatorId)), `${s.indicatorId} scope ${s.scope}`);
});

async function recordsOf(world: ApiWorld, username: string, id: string, hcode: string): Promise<Records> {
  const res = await world.call('GET', `/api/kpi/indicators/${id}/records?month=${thisMonth()}&hospital=${hcode}&limit=500`, undefined, username);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as Records;
}

Then(
  '{string} finds the case behind {string} of hospital {string} this month with {int} visit(s) and its ledger transaction',
  async function (this: KpiWorld, username: string, id: string, hcode: string, visits: number) {
    assert.equal(this.last?.status, 201, JSON.stringify(this.last?.body));
    // the projector writes the case and the visit into the store shortly after the ledger commits them
    const deadline = Date.now() + 30_000;
    for (;;) {
      const records = await recordsOf(this, username, id, hcode);
      const row = records.rows.find((r) => r.id === this.cocCaseId);
      if (row !== undefined && row.detail.includes(`${String(visits)} visits in the month`)) {
        assert.equal(row.kind, 'coc-case');
        assert.equal(row.provenance, 'live');
        assert.match(row.txId ?? '', /^[0-9a-f]{64}$/);
        // the visit's own transaction is listed too
        assert.match(row.detail, /tx [0-9a-f]{64}/);
        this.kpiRecords = records;
        return;
      }
      if (Date.now() > deadline) assert.fail(`case ${this.cocCaseId ?? ''} with ${String(visits)} visit(s) not among the records: ${JSON.stringify(row ?? records.rows.slice(0, 3))}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  },
);

Then('the numerator of {string} of hospital {string} counts the listed records and matches the COC module\'s own count', async function (this: KpiWorld, id: string, hcode: string) {
  const records = this.kpiRecords ?? (await recordsOf(this, 'manager.pho', id, hcode));
  assert.equal(records.rows.length, records.total);
  assert.equal(records.numerator, records.rows.filter((r) => r.inNumerator).length);
  assert.equal(records.denominator, records.rows.length);
  // the COC module's own indicator (GET /api/coc/indicators, by district) over the live cases
  const coc = await this.call('GET', `/api/coc/indicators?period=month&by=district&at=${thisMonth()}-01`, undefined, 'auditor.pho');
  assert.equal(coc.status, 200, JSON.stringify(coc.body));
  const row = (coc.body as { rows: { hcode: string; registered: number; visitedPerStandard: number }[] }).rows.find((r) => r.hcode === hcode);
  const live = records.rows.filter((r) => r.provenance === 'live');
  assert.equal(live.filter((r) => r.inNumerator).length, row?.visitedPerStandard);
  assert.equal(live.length, row?.registered);
});

When('{string} downloads the KPI report as {word}', async function (this: ApiWorld, username: string, format: string) {
  await this.call('GET', `/api/kpi/report.${format.toLowerCase()}`, undefined, username);
});

Then('the CSV has a row for each of the 12 indicators and each month', function (this: ApiWorld) {
  assert.equal(this.last?.status, 200);
  const text = String(this.last?.body);
  const lines = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.match(lines[0] ?? '', /^indicator_id,indicator_th,indicator_en,scope,month,month_be,numerator,denominator,value/);
  assert.equal(lines.length, 1 + 12 * 12);
  assert.ok(lines.some((l) => l.startsWith('visited-per-standard,')));
});

Then('the answer is a PDF document', function (this: ApiWorld) {
  assert.equal(this.last?.status, 200);
  const text = String(this.last?.body ?? '');
  assert.ok(text.startsWith('%PDF-'), text.slice(0, 20));
});

const citizenTokens = new Map<string, string>();

When('citizen {string} answers the satisfaction survey with {int} for hospital {string} about {string}', async function (this: ApiWorld, username: string, score: number, hcode: string, context: string) {
  if (!citizenTokens.has(username)) {
    const login = await this.call('POST', '/api/wallet/auth/login', { username, password: 'Referral#2026' }, null);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    citizenTokens.set(username, (login.body as { token: string }).token);
  }
  // a unique context per run: the store keeps answers across runs
  const runContext = `${context}-${process.pid}`;
  const res = await fetch(`${this.baseUrl}/api/kpi/surveys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${citizenTokens.get(username) ?? ''}` },
    body: JSON.stringify({ kind: 'satisfaction', score, hcode, context: runContext }),
  });
  this.last = { status: res.status, body: (await res.json()) as unknown };
});

Then('the answer is accepted', function (this: ApiWorld) {
  assert.equal(this.last?.status, 201, JSON.stringify(this.last?.body));
});

Then('{string} finds the answer behind {string} of hospital {string} this month', async function (this: ApiWorld, username: string, id: string, hcode: string) {
  const records = await recordsOf(this, username, id, hcode);
  const mine = records.rows.filter((r) => r.kind === 'survey-satisfaction' && r.provenance === 'live');
  assert.ok(mine.length >= 1, JSON.stringify(records.rows.slice(0, 3)));
  assert.equal(records.numerator, records.rows.filter((r) => r.inNumerator).length);
  assert.equal(records.denominator, records.rows.length);
});
