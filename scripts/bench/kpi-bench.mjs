// npm run bench:kpi — how fast the KPI dashboard answers at a year of data (issue 16: ≤ 1 s).
// Needs the running gateway (npm start) and, for a year of data, `npm run demo:year` first.
// Prints figures; asserts nothing. GATEWAY_URL (default http://127.0.0.1:3000), RUNS (default 20).
const BASE = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const RUNS = Number(process.env.RUNS ?? 20);
const PASSWORD = 'Referral#2026';

async function login(username) {
  const res = await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

async function timed(token, method, path) {
  const started = performance.now();
  const res = await fetch(`${BASE}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const body = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${body.toString().slice(0, 300)}`);
  return { ms, bytes: body.length, body };
}

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};
const f = (ms) => `${ms.toFixed(0)} ms`;

async function series(label, token, path) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const r = await timed(token, 'GET', path);
    times.push(r.ms);
    bytes = r.bytes;
  }
  console.log(`${label.padEnd(44)} median ${f(q(times, 0.5)).padStart(7)}  p95 ${f(q(times, 0.95)).padStart(7)}  max ${f(Math.max(...times)).padStart(7)}  (${RUNS} runs, ${(bytes / 1024).toFixed(1)} KiB)`);
  return q(times, 0.95);
}

const pho = await login('manager.pho');
const director = await login('director.bangkhla');
const first = await timed(pho, 'GET', '/api/kpi/indicators');
const dash = JSON.parse(first.body.toString());
const [from, to] = [dash.months[0], dash.months.at(-1)];
console.log(`KPI dashboard bench: ${BASE}, window ${from} … ${to}`);
console.log(`first load (cells as cached)                 ${f(first.ms)}`);
const refresh = await timed(pho, 'POST', `/api/kpi/refresh?from=${from}&to=${to}`);
console.log(`cold: recompute all ${dash.months.length} months (POST /refresh)     ${f(refresh.ms)} (${f(refresh.ms / dash.months.length)} per month)`);
const warm = await series('warm: province, 12 indicators × 12 months', pho, '/api/kpi/indicators');
await series('warm: one hospital (director.bangkhla)', director, '/api/kpi/indicators');
await series('warm: province viewing Bang Khla', pho, '/api/kpi/indicators?hospital=11138');
const months = dash.months;
const mid = months[Math.floor(months.length / 2)];
const drillTimes = [];
for (const id of ['visited-per-standard', 'referral-quality-care', 'digital-opd-use']) {
  const r = await timed(pho, 'GET', `/api/kpi/indicators/${id}/records?month=${mid}&limit=100`);
  const j = JSON.parse(r.body.toString());
  drillTimes.push(r.ms);
  console.log(`drill-down ${id.padEnd(24)} ${mid}: ${f(r.ms).padStart(7)} (${j.total} records, numerator ${j.numerator})`);
}
const csv = await timed(pho, 'GET', '/api/kpi/report.csv');
const pdf = await timed(pho, 'GET', '/api/kpi/report.pdf');
console.log(`CSV report ${f(csv.ms)} (${(csv.bytes / 1024).toFixed(1)} KiB) · PDF report ${f(pdf.ms)} (${(pdf.bytes / 1024).toFixed(1)} KiB)`);
console.log(`dashboard load p95 ${f(warm)} (goal ≤ 1000 ms): ${warm <= 1000 ? 'within' : 'OVER'} the goal`);
// each indicator on the demo year: the whole window (Σ numerators / Σ denominators for percentages) and the last complete month
const final = (await timed(pho, 'GET', '/api/kpi/indicators')).body;
const fresh = JSON.parse(final.toString());
const lastFull = fresh.months.at(-2);
console.log(`indicator                     year ${fresh.months[0]}…${fresh.months.at(-1)}   ${lastFull}   target                 seed report`);
for (const s of fresh.series) {
  const pts = s.points.filter((p) => p.value !== null);
  let year = '—';
  if (s.definition.unit === 'percent' && s.definition.id !== 'happiness') {
    const n = pts.reduce((a, p) => a + p.numerator, 0);
    const d = pts.reduce((a, p) => a + (p.denominator ?? 0), 0);
    year = d === 0 ? '—' : `${((n / d) * 100).toFixed(2)}%`;
  } else if (s.definition.id === 'happiness') {
    const n = pts.reduce((a, p) => a + p.numerator, 0);
    const d = pts.reduce((a, p) => a + (p.denominator ?? 0), 0);
    year = d === 0 ? '—' : `${(n / d).toFixed(2)}`;
  } else if (pts.length > 0) year = `${pts.at(-1).value} (last)`;
  const m = s.points.find((p) => p.month === lastFull);
  const t = `${s.definition.target.kind} ${s.definition.target.value}${m?.target !== null && m?.target !== undefined && m.target !== s.definition.target.value ? ` (line ${m.target})` : ''}`;
  console.log(`  ${String(s.definition.order).padStart(2)}. ${s.indicatorId.padEnd(24)} ${year.padStart(14)}   ${String(m?.value ?? '—').padStart(7)}   ${t.padEnd(22)} ${s.definition.reported ?? '—'}`);
}
