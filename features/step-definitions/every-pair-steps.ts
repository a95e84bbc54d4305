import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/api-world';
import { PROJECT_ROOT } from '../support/staff';
import { randomValidCid } from '../support/thai-cid';

interface Unit {
  hcode: string;
  type: string;
  parentHcode: string | null;
  mspId: string;
}
interface Sent {
  from: string;
  fromKey: string;
  to: string;
  toKey: string | undefined;
  id: string;
  status: number;
  body: unknown;
}
type PairWorld = ApiWorld & { pairSent?: Sent[] };

const units = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'fixtures', 'units.json'), 'utf8')) as { units?: Unit[] } | Unit[]);
const allUnits: Unit[] = Array.isArray(units) ? units : (units.units ?? []);
const hospitals = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'fixtures', 'network.json'), 'utf8')) as { peerOrgs: { key: string; hcode: string; mspId: string }[] }).peerOrgs.filter(
  (o) => o.key !== 'pho',
);

/** Runs `work` over `items` with at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    }),
  );
}

async function send(world: PairWorld, pairs: { fromKey: string; toHcode: string; toKey?: string }[]): Promise<void> {
  const run = Date.now().toString(36);
  await inParallel(pairs, 12, async (pair) => {
    const id = `R-pair-${run}-${pair.fromKey}-${pair.toHcode}`;
    const res = await world.call(
      'POST',
      '/api/referrals',
      { referralId: id, patient: { cid: randomValidCid() }, toHcode: pair.toHcode, reasonCode: '1', priority: 3 },
      `clinician.${pair.fromKey}`,
    );
    (world.pairSent ??= []).push({ from: pair.fromKey, fromKey: pair.fromKey, to: pair.toHcode, toKey: pair.toKey, id, status: res.status, body: res.body });
  });
}

Given('a clinician at each of the 11 hospitals is signed in', async function (this: PairWorld) {
  assert.equal(hospitals.length, 11);
  for (const h of hospitals) await this.signIn(`clinician.${h.key}`);
  this.pairSent = [];
});

When('each one refers a patient to each of the other 10 hospitals', async function (this: PairWorld) {
  await send(
    this,
    hospitals.flatMap((from) => hospitals.filter((to) => to.key !== from.key).map((to) => ({ fromKey: from.key, toHcode: to.hcode, toKey: to.key }))),
  );
});

When('each one refers a patient to one health centre in each of the 11 districts', async function (this: PairWorld) {
  const centres = hospitals.map((h) => allUnits.find((u) => u.type === 'health-centre' && u.parentHcode === h.hcode));
  assert.ok(centres.every((c) => c !== undefined), 'every district has a health centre in fixtures/units.json');
  await send(this, hospitals.flatMap((from) => centres.map((c) => ({ fromKey: from.key, toHcode: (c as Unit).hcode }))));
});

Then('all {int} referrals are recorded, each waiting for the unit it was sent to', function (this: PairWorld, count: number) {
  const sent = this.pairSent ?? [];
  const failed = sent.filter((s) => s.status !== 201 && s.status !== 200);
  assert.deepEqual(
    failed.map((f) => `${f.from} → ${f.to}: ${f.status} ${JSON.stringify(f.body).slice(0, 200)}`),
    [],
    `${failed.length} of ${sent.length} referrals failed`,
  );
  assert.equal(sent.length, count);
  for (const s of sent) {
    const referral = (s.body as { referral: { status: string; toHcode: string } }).referral;
    assert.equal(referral.status, 'requested');
    assert.equal(referral.toHcode, s.to);
  }
});

Then('the receiving hospital of each of the 110 hospital pairs can read its referral', async function (this: PairWorld) {
  const hospitalPairs = (this.pairSent ?? []).filter((s) => s.toKey !== undefined);
  assert.equal(hospitalPairs.length, 110);
  const unreadable: string[] = [];
  await inParallel(hospitalPairs, 12, async (s) => {
    const res = await this.call('GET', `/api/referrals/${encodeURIComponent(s.id)}`, undefined, `nurse.${s.toKey ?? ''}`);
    if (res.status !== 200) unreadable.push(`${s.from} → ${s.toKey ?? ''}: ${res.status}`);
  });
  assert.deepEqual(unreadable, []);
});
