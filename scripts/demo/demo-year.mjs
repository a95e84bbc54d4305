// npm run demo:year — a year of plausible activity for the KPI dashboard (issue 16).
//
// Decision: a year of the province's activity is ~110,000 records; through the ledger (2 CPU cores, ~5–8 tx/s)
// that is 4–6 hours, so the historical year is written straight into the query store, into the KPI module's own
// collection `kpi_demo_records`, every record marked `provenance: "demo-year"` and without a ledger transaction ID.
// It never goes into the domains' collections (referrals, coc_cases, ems_cases, ...): the audit would rightly flag
// store rows that are not on the ledger, and the due lists / EMS boards would show fictitious patients. The live
// records (cucumber journeys, the web client) keep flowing through the ledger and the projector and are counted
// together with the demo year; the dashboard's drill-down marks each demo record as such.
//
// Deterministic (seeded PRNG): the same command gives the same figures. Not run by `npm start`.
// Options: --months N (default 12, ending with the current month), --seed S, --dry-run (print the volume only).
// Store: MONGODB_URI or mongodb://127.0.0.1:<fixtures/network.json store.port>/referrals.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const MONTHS = Number(opt('months', 12));
const SEED = Number(opt('seed', 2569));
const DRY = args.includes('--dry-run');
const net = JSON.parse(readFileSync(path.join(root, 'fixtures/network.json'), 'utf8'));
const units = JSON.parse(readFileSync(path.join(root, 'fixtures/units.json'), 'utf8'));
const uri = process.env.MONGODB_URI || `mongodb://127.0.0.1:${net.store?.port ?? 27017}/referrals`;

// ---- deterministic randomness ----
let state = SEED >>> 0 || 1;
const rand = () => {
  // mulberry32
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(rand() * list.length)];
const chance = (p) => rand() < p;
const hex = (n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const normal = (mean, sd) => mean + sd * Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand());
const lerp = (a, b, t) => a + (b - a) * t;

// ---- calendar (Bangkok) ----
const bkkNow = new Date(Date.now() + 7 * 3600_000);
const currentMonth = bkkNow.toISOString().slice(0, 7);
const today = bkkNow.toISOString().slice(0, 10);
const monthAdd = (m, k) => {
  const d = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1 + k, 1));
  return d.toISOString().slice(0, 7);
};
const months = Array.from({ length: MONTHS }, (_, i) => monthAdd(currentMonth, i - MONTHS + 1));
const daysIn = (m) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).getUTCDate();
/** Last day of m that is not in the future. */
const lastDay = (m) => (m === currentMonth ? Number(today.slice(8, 10)) : daysIn(m));
const dayOf = (m, d) => `${m}-${String(d).padStart(2, '0')}`;
/** An ISO instant on day d of m at Bangkok hour h (fractional). */
const at = (m, d, h) => new Date(Date.parse(`${dayOf(m, d)}T00:00:00Z`) - 7 * 3600_000 + h * 3600_000).toISOString();

// ---- the province ----
const hospitals = units.filter((u) => u.type === 'hospital').map((u) => u.hcode).sort();
const HUB = '10697';
const weight = (h) => (h === HUB ? 3 : 1);
const weighted = (list) => {
  const total = list.reduce((a, h) => a + weight(h), 0);
  let r = rand() * total;
  for (const h of list) {
    r -= weight(h);
    if (r <= 0) return h;
  }
  return list.at(-1);
};
// hospitals joining the digital OPD (kiosk + wallet) and the referral network month by month
const kioskOrder = [HUB, ...hospitals.filter((h) => h !== HUB)];
const kioskHospitals = (i) => kioskOrder.slice(0, Math.min(hospitals.length, 6 + i));
const referralHospitals = (i) => kioskOrder.slice(0, Math.min(hospitals.length, 8 + i));
const centres = units.filter((u) => u.type === 'health-centre').sort((a, b) => a.hcode.localeCompare(b.hcode));

// ---- records ----
const records = [];
let seq = 0;
const base = (kind, month, hospital, when) => ({ _id: `demo-${kind}-${String(++seq).padStart(7, '0')}`, kind, month, hospital, at: when, pseudonym: hex(64), txId: null, provenance: 'demo-year' });

months.forEach((m, i) => {
  const t = MONTHS === 1 ? 1 : i / (MONTHS - 1);
  const scale = lastDay(m) / daysIn(m);
  const n = (x) => Math.round(x * scale);
  const kh = kioskHospitals(i);
  // kiosk visits: ~2,400 a month; Health ID (wallet) share grows 8% → 32%
  for (let k = 0; k < n(lerp(1800, 2600, t)); k += 1) {
    const h = weighted(kh);
    const d = 1 + Math.floor(rand() * lastDay(m));
    const r = { ...base('kiosk-visit', m, h, at(m, d, 8 + rand() * 7)), healthId: chance(lerp(0.08, 0.32, t)) };
    records.push(r);
    // 40% pay something at the kiosk
    if (chance(0.4)) records.push({ ...base('payment', m, h, at(m, d, 10 + rand() * 5)), pseudonym: null });
  }
  // wallet bookings checked in: 500 → 1,300 a month; 90% with a service start; median wait 62 → 34 minutes
  for (let k = 0; k < n(lerp(500, 1300, t)); k += 1) {
    const h = weighted(kh);
    const d = 1 + Math.floor(rand() * lastDay(m));
    const checkIn = at(m, d, 7.5 + rand() * 4);
    const wait = Math.max(3, normal(lerp(62, 34, t), 15));
    records.push({ ...base('booking', m, h, checkIn), servedAt: chance(0.9) ? new Date(Date.parse(checkIn) + wait * 60_000).toISOString() : null });
  }
  // surveys: satisfaction 1–5 (share of 4–5 grows 58% → 78%), happiness 0–10 (mean 7.5 → 8.4)
  for (let k = 0; k < n(300); k += 1) {
    const h = weighted(hospitals);
    const good = chance(lerp(0.58, 0.78, t));
    records.push({ ...base('survey', m, h, at(m, 1 + Math.floor(rand() * lastDay(m)), 9 + rand() * 9)), surveyKind: 'satisfaction', score: good ? (chance(0.5) ? 5 : 4) : pick([1, 2, 3, 3, 3]) });
  }
  for (let k = 0; k < n(180); k += 1) {
    const h = weighted(hospitals);
    records.push({ ...base('survey', m, h, at(m, 1 + Math.floor(rand() * lastDay(m)), 9 + rand() * 9)), surveyKind: 'happiness', score: Math.max(0, Math.min(10, Math.round(normal(lerp(7.5, 8.4, t), 1.3)))) });
  }
  // referrals: ~600 a month among the hospitals on the network; 70% to the regional hospital; 3% cancelled;
  // completed (care given and recorded) 48% → 66%; the current month's youngest are still open
  const rh = referralHospitals(i);
  for (let k = 0; k < n(600); k += 1) {
    const from = pick(rh.filter((h) => h !== HUB).length > 0 && chance(0.85) ? rh.filter((h) => h !== HUB) : rh);
    const to = from !== HUB && chance(0.7) ? HUB : pick(rh.filter((h) => h !== from));
    const d = 1 + Math.floor(rand() * lastDay(m));
    const status = chance(0.03) ? 'cancelled' : chance(lerp(0.48, 0.66, t)) ? 'completed' : pick(['accepted', 'arrived', 'rejected', 'no-show', 'accepted']);
    records.push({ ...base('referral', m, from, at(m, d, 8 + rand() * 10)), toHospital: to, status });
  }
  // 1669 cases at the Buddhasothorn hub: ~350 a month, 15% red; red within 8 minutes 47% → 61%; red mortality 15% → 10.5%
  for (let k = 0; k < n(350); k += 1) {
    const colour = chance(0.15) ? 'red' : pick(['yellow', 'yellow', 'green', 'green', 'white']);
    const within = chance(lerp(0.47, 0.61, t));
    const minutes = Math.round((colour === 'red' ? (within ? 4 + rand() * 4 : 8.1 + rand() * 10) : 6 + rand() * 20) * 10) / 10;
    const outcome = colour === 'red' ? (chance(0.9) ? (chance(lerp(0.15, 0.105, t)) ? 'died' : 'survived') : null) : null;
    const dest = weighted(hospitals);
    records.push({ ...base('ems-case', m, dest, at(m, 1 + Math.floor(rand() * lastDay(m)), rand() * 24)), hub: HUB, colour, minutesToScene: chance(0.97) ? minutes : null, outcome });
  }
});

// COC: 3 bedridden/homebound patients per health centre (354); a third open before the year, the rest joining
// month by month; visits per fixtures/coc/visit-schedule.json, a case's month fully per standard with a probability
// rising 72% → 94%; 13% of the dependent patients end the year in a better ADL group.
const firstDay = `${months[0]}-01`;
const addDays = (date, k) => new Date(Date.parse(`${date}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);
let cocCases = 0;
let cocVisits = 0;
for (const c of centres) {
  for (let k = 0; k < 3; k += 1) {
    const group = chance(0.6) ? 'bedridden' : 'homebound';
    const openedOn = k === 0 ? addDays(firstDay, -20) : dayOf(months[Math.floor(rand() * Math.max(1, MONTHS - 1))], 1 + Math.floor(rand() * 27));
    const improved = chance(0.13);
    const current = improved ? (group === 'bedridden' ? 'homebound' : 'socially-active') : group;
    const score = (g) => (g === 'bedridden' ? 2 + Math.floor(rand() * 3) : g === 'homebound' ? 6 + Math.floor(rand() * 5) : 13 + Math.floor(rand() * 5));
    const id = `DEMO-COC-${c.hcode}-${k + 1}`;
    const pseudonym = hex(64);
    records.push({
      _id: id, kind: 'coc-case', month: '*', provenance: 'demo-year', txId: null, pseudonym,
      id, docType: 'coc-case', patientPseudonym: pseudonym, status: 'open', healthCentreHcode: c.hcode, districtHcode: c.parentHcode, openedOn,
      adl: { score: score(current), group: current }, baselineAdl: { score: score(group), group }, ledger: null, hospital: c.parentHcode, at: openedOn,
    });
    cocCases += 1;
    months.forEach((m, i) => {
      const t = MONTHS === 1 ? 1 : i / (MONTHS - 1);
      const end = dayOf(m, lastDay(m));
      if (openedOn > end) return;
      const ok = chance(lerp(0.72, 0.94, t));
      const start = openedOn > `${m}-01` ? Number(openedOn.slice(8, 10)) : 1;
      const visit = (day, role) => {
        if (day > lastDay(m) || day < start) return;
        const visitedOn = dayOf(m, day);
        const vid = `${id}-${role}-${visitedOn}`;
        records.push({ _id: vid, kind: 'coc-visit', month: m, provenance: 'demo-year', txId: null, pseudonym, hospital: c.parentHcode, at: visitedOn, id: vid, caseId: id, visitedOn, author: { teamRole: role }, patientPseudonym: pseudonym, healthCentreHcode: c.hcode, districtHcode: c.parentHcode, ledger: null });
        cocVisits += 1;
      };
      const volunteerEvery = group === 'bedridden' ? 6 : 13;
      const volunteerDays = ok ? Array.from({ length: 6 }, (_, j) => start + j * volunteerEvery) : [start + 3, start + 17];
      volunteerDays.forEach((d) => visit(d, 'volunteer'));
      if (ok || chance(0.5)) visit(Math.min(lastDay(m), start + 5), 'officer');
      if (i % 2 === 0 || openedOn.slice(0, 7) === m) visit(Math.min(lastDay(m), start + 8), 'familyDoctor');
    });
  }
}

const byKind = records.reduce((acc, r) => ({ ...acc, [r.kind]: (acc[r.kind] ?? 0) + 1 }), {});
console.log(`demo:year ${months[0]} … ${months.at(-1)} (${MONTHS} months, seed ${SEED}): ${records.length} records`);
for (const [kind, count] of Object.entries(byKind).sort()) console.log(`  ${kind.padEnd(12)} ${String(count).padStart(7)}`);
console.log(`  (COC: ${cocCases} cases, ${cocVisits} visits)`);
if (DRY) process.exit(0);

const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
const demo = conn.db.collection('kpi_demo_records');
const started = Date.now();
const removed = await demo.deleteMany({ provenance: 'demo-year' });
try {
  await demo.createIndex({ kind: 1, month: 1 });
} catch {
  // the gateway creates it at start-up too
}
for (let i = 0; i < records.length; i += 2000) await demo.insertMany(records.slice(i, i + 2000), { ordered: false });
// the cached month cells are recomputed on the next dashboard load (or POST /api/kpi/refresh)
const cleared = await conn.db.collection('kpi_months').deleteMany({});
console.log(`store ${uri.replace(/\/\/[^@]*@/, '//***@')}: removed ${removed.deletedCount} earlier demo records, wrote ${records.length} in ${((Date.now() - started) / 1000).toFixed(1)} s; cleared ${cleared.deletedCount} cached months`);
await conn.close();
// with the gateway up, compute the year's cells now (else the first dashboard load does it: ~2.5 s a month)
const gateway = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
try {
  const login = await fetch(`${gateway}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager.pho', password: 'Referral#2026' }) });
  const { token } = await login.json();
  const t = Date.now();
  const res = await fetch(`${gateway}/api/kpi/refresh?from=${months[0]}&to=${months.at(-1)}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  console.log(res.ok ? `gateway ${gateway}: month cells computed in ${((Date.now() - t) / 1000).toFixed(1)} s` : `gateway refresh answered ${res.status}: the first dashboard load computes the months`);
} catch {
  console.log(`gateway ${gateway} not reachable: the first dashboard load computes the months`);
}
