import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApiResponse, ApiWorld } from '../support/api-world';
import { orgNamed, staffUsername } from '../support/staff';
import { randomValidCid } from '../support/thai-cid';

/** How long the query store may take to show a committed referral. */
const PROJECTION_TIMEOUT_MS = 10_000;

interface ListedReferral {
  id: string;
  fromHcode: string;
  toHcode: string;
  priority: number;
  fastTrack?: string;
}
interface ReferralList {
  items: ListedReferral[];
  page: number;
  pageSize: number;
  total: number;
}

/** What an inbox scenario created and saw; kept beside the shared ApiWorld. */
interface InboxState {
  /** Every referral of this scenario starts with it, so lists can be narrowed to them. */
  prefix: string;
  created: Map<string, string>;
  listedBy?: string;
  list?: ReferralList;
}
const states = new WeakMap<ApiWorld, InboxState>();

function inbox(world: ApiWorld): InboxState {
  let state = states.get(world);
  if (state === undefined) {
    state = { prefix: `R-inbox-${randomUUID().slice(0, 8)}-`, created: new Map() };
    states.set(world, state);
  }
  return state;
}

function createdId(world: ApiWorld, label: string): string {
  const id = inbox(world).created.get(label);
  if (id === undefined) throw new Error(`no referral "${label}" was created in this scenario`);
  return id;
}

async function refer(world: ApiWorld, label: string, toHcode: string, extra: Record<string, unknown>): Promise<void> {
  const state = inbox(world);
  const id = `${state.prefix}${state.created.size}`;
  const res = await world.call(
    'POST',
    '/api/referrals',
    { referralId: id, patient: { cid: randomValidCid() }, toHcode, reasonCode: '1', priority: 3, ...extra },
    staffUsername('Bang Khla', 'clinician'),
  );
  assert.equal(res.status, 201, `referral ${label}: ${JSON.stringify(res.body)}`);
  state.created.set(label, id);
}

/** The list as `username` sees it, narrowed to this scenario's referrals. */
async function listAs(world: ApiWorld, username: string, query: Record<string, string> = {}): Promise<ApiResponse> {
  const params = new URLSearchParams({ ...query, q: inbox(world).prefix, pageSize: '100' });
  return world.call('GET', `/api/referrals?${params.toString()}`, undefined, username);
}

/** Waits until the query store (seen by an auditor) holds every referral of the scenario. */
async function waitForProjection(world: ApiWorld): Promise<void> {
  const wanted = [...inbox(world).created.values()];
  const deadline = Date.now() + PROJECTION_TIMEOUT_MS;
  for (;;) {
    const res = await listAs(world, 'auditor.pho');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const ids = new Set((res.body as ReferralList).items.map((r) => r.id));
    if (wanted.every((id) => ids.has(id))) return;
    if (Date.now() > deadline) assert.fail(`the query store did not show ${wanted.filter((id) => !ids.has(id)).join(', ')} within ${PROJECTION_TIMEOUT_MS / 1000} s`);
    await sleep(200);
  }
}

async function openList(world: ApiWorld, username: string, query: Record<string, string> = {}): Promise<void> {
  await waitForProjection(world);
  const res = await listAs(world, username, query);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const state = inbox(world);
  state.listedBy = username;
  state.list = res.body as ReferralList;
}

function listedIds(world: ApiWorld): string[] {
  const list = inbox(world).list;
  if (list === undefined) throw new Error('no list was opened');
  return list.items.map((r) => r.id);
}

Given(
  'a Bang Khla clinician has sent Buddhasothorn a fast-track stroke referral and then a more urgent one without fast track',
  async function (this: ApiWorld) {
    const buddhasothorn = orgNamed('Buddhasothorn').hcode;
    await refer(this, 'fast-track', buddhasothorn, { priority: 2, fastTrack: '02', patientCategory: 'E' });
    await refer(this, 'urgent', buddhasothorn, { priority: 1 });
  },
);

Given(
  /^Bang Khla Hospital has referred one patient to health centre "(\d{5})" and another to Buddhasothorn Hospital$/,
  async function (this: ApiWorld, healthCentre: string) {
    await refer(this, 'to the health centre', healthCentre, { reasonCode: '4', priority: 4 });
    await refer(this, 'to Buddhasothorn', orgNamed('Buddhasothorn').hcode, {});
  },
);

When('a Buddhasothorn nurse opens her incoming referrals', async function (this: ApiWorld) {
  await openList(this, staffUsername('Buddhasothorn', 'nurse'), { direction: 'incoming' });
});

When('the nurse of health centre {string} opens her referrals', async function (this: ApiWorld, hcode: string) {
  await openList(this, `nurse.${hcode}`);
});

When('a provincial auditor lists all referrals', async function (this: ApiWorld) {
  await openList(this, 'auditor.pho');
});

Then('the fast-track referral is listed first, before the more urgent one', function (this: ApiWorld) {
  assert.deepEqual(listedIds(this), [createdId(this, 'fast-track'), createdId(this, 'urgent')]);
});

Then('every referral in her list is addressed to Buddhasothorn Hospital', function (this: ApiWorld) {
  const hcode = orgNamed('Buddhasothorn').hcode;
  assert.ok(inbox(this).list?.items.every((r) => r.toHcode === hcode), JSON.stringify(inbox(this).list));
});

Then('she sees the referral to her health centre but not the one to Buddhasothorn Hospital', function (this: ApiWorld) {
  assert.deepEqual(listedIds(this), [createdId(this, 'to the health centre')]);
});

Then("she may not open Bang Khla Hospital's referrals", async function (this: ApiWorld) {
  const res = await listAs(this, inbox(this).listedBy ?? '', { unit: orgNamed('Bang Khla').hcode });
  assert.equal(res.status, 403, JSON.stringify(res.body));
  assert.equal(this.lastErrorCode(), 'FORBIDDEN_UNIT');
});

Then('she sees both referrals', function (this: ApiWorld) {
  assert.deepEqual(listedIds(this).sort(), [createdId(this, 'to the health centre'), createdId(this, 'to Buddhasothorn')].sort());
});
