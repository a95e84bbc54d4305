import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/api-world';
import { PROJECT_ROOT, staffUsername } from '../support/staff';
import { RUNTIME } from '../support/peer-cli';
import { randomValidCid } from '../support/thai-cid';

interface Cycle {
  cycle: number;
  channel: string;
  unitHcode: string;
  status: string;
  channelChanges: { by: { name: string }; onBehalfOfPatient: boolean }[];
  dispense?: { unitHcode: string; channel: string; dispenser: { name: string; role: string } };
}
interface PlanBody {
  plan: { planId: string };
  cycles: Cycle[];
}

const HOSPITAL = '(Buddhasothorn|Bang Khla|Bang Nam Priao|Bang Pakong|Ban Pho|Phanom Sarakham|Ratchasan|Sanam Chai Khet|Plaeng Yao|Tha Takiap|Khlong Khuean)';
const ITEMS = [
  { tmtId: '990001', quantity: 180, sig: '1 เม็ด วันละ 2 ครั้ง หลังอาหาร' },
  { tmtId: '990004', quantity: 90 },
];
const plans = new WeakMap<ApiWorld, string>();

/** Today (Asia/Bangkok) plus `days`, as YYYY-MM-DD. */
function bangkokDay(days = 0): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

function planIdOf(world: ApiWorld): string {
  const id = plans.get(world);
  if (id === undefined) throw new Error('no refill plan in this scenario');
  return id;
}

function expectStatus(world: ApiWorld, status: number): void {
  assert.equal(world.last?.status, status, `expected ${status}, got ${world.last?.status}: ${JSON.stringify(world.last?.body)}`);
}

async function makePlan(world: ApiWorld, extra: Record<string, unknown>): Promise<void> {
  await world.signIn(staffUsername('Buddhasothorn', 'clinician'));
  const planId = `RX-bdd-${randomUUID()}`;
  await world.call('POST', '/api/pharmacy/plans', {
    planId,
    patient: { cid: randomValidCid() },
    startDate: bangkokDay(),
    intervalDays: 28,
    cycleCount: 3,
    items: ITEMS,
    ...extra,
  });
  expectStatus(world, 201);
  plans.set(world, planId);
}

async function dispense(world: ApiWorld, username: string, cycle: number, planId = planIdOf(world)): Promise<void> {
  await world.call('POST', `/api/pharmacy/plans/${planId}/cycles/${String(cycle)}/dispense`, { items: ITEMS }, username);
}

async function cycleOf(world: ApiWorld, cycle: number): Promise<Cycle> {
  const res = await world.call('GET', `/api/pharmacy/plans/${planIdOf(world)}`, undefined, staffUsername('Buddhasothorn', 'clinician'));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const found = (res.body as PlanBody).cycles.find((c) => c.cycle === cycle);
  if (found === undefined) throw new Error(`plan has no cycle ${String(cycle)}`);
  return found;
}

/** "the Bang Khla pharmacist", "the nurse of the รพ.สต. 03882", "the volunteer of 03882" → username. */
function userOf(who: string): string {
  const hospital = new RegExp(`^the ${HOSPITAL} (clinician|nurse|pharmacist)$`).exec(who);
  if (hospital?.[1] !== undefined && hospital[2] !== undefined) return staffUsername(hospital[1], hospital[2]);
  const store = /^the pharmacist of (?:the partner )?drugstore (9\d{4})$/.exec(who);
  if (store?.[1] !== undefined) return `pharmacist.ds${store[1]}`;
  const unit = /^the (nurse|volunteer) of (?:the รพ\.สต\. )?(\d{5})$/.exec(who);
  if (unit?.[1] !== undefined && unit[2] !== undefined) return `${unit[1]}.${unit[2]}`;
  throw new Error(`unknown person: ${who}`);
}

Given('a Buddhasothorn clinician has made a 3-cycle refill plan collected at the รพ.สต. {word}', async function (this: ApiWorld, hcode: string) {
  await makePlan(this, { channel: 'health-centre', unitHcode: hcode });
});

Given('a Buddhasothorn clinician has made a 3-cycle refill plan collected at the hospital pharmacy', async function (this: ApiWorld) {
  await makePlan(this, { channel: 'hospital-pharmacy' });
});

Given('a Buddhasothorn clinician has made a refill plan starting in {int} days', async function (this: ApiWorld, days: number) {
  await makePlan(this, { startDate: bangkokDay(days) });
});

When(/^(the .+) dispenses cycle (\d+)$/, async function (this: ApiWorld, who: string, cycle: string) {
  await dispense(this, userOf(who), Number(cycle));
});

When('pharmacists of every hospital try to dispense cycle {int} fifty times at the same moment', async function (this: ApiWorld, cycle: number) {
  const pharmacists = [
    'Buddhasothorn', 'Bang Khla', 'Bang Nam Priao', 'Bang Pakong', 'Ban Pho', 'Phanom Sarakham',
    'Ratchasan', 'Sanam Chai Khet', 'Plaeng Yao', 'Tha Takiap', 'Khlong Khuean',
  ].map((hospital) => staffUsername(hospital, 'pharmacist'));
  for (const username of pharmacists) await this.signIn(username); // log in first so the 50 requests leave together
  const planId = planIdOf(this);
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: 50 }, async (_, index) => {
      const username = pharmacists[index % pharmacists.length] ?? pharmacists[0];
      return this.call('POST', `/api/pharmacy/plans/${planId}/cycles/${String(cycle)}/dispense`, { items: ITEMS }, username);
    }),
  );
  (this as ApiWorld & { raceAnswers?: typeof answers }).raceAnswers = answers;
  const tally = new Map<string, number>();
  for (const a of answers) {
    const key = a.status === 201 ? '201 dispensed' : `${String(a.status)} ${(a.body as { error?: { code?: string } }).error?.code ?? '?'}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  const figures = `50 concurrent dispenses of one cycle by ${String(pharmacists.length)} organisations: ${[...tally].map(([k, n]) => `${String(n)} × ${k}`).join(', ')} in ${String(Math.round(performance.now() - started))} ms`;
  console.log(`\n    ${figures}`);
  this.attach(figures);
});

Then(
  'exactly {int} dispense succeeds and {int} are refused with {int} {string}',
  function (this: ApiWorld, ok: number, refused: number, status: number, code: string) {
    const answers = (this as ApiWorld & { raceAnswers?: { status: number; body: unknown }[] }).raceAnswers ?? [];
    const succeeded = answers.filter((a) => a.status === 201);
    const coded = answers.filter((a) => a.status === status && (a.body as { error?: { code?: string } }).error?.code === code);
    const other = answers.filter((a) => !succeeded.includes(a) && !coded.includes(a)).map((a) => `${String(a.status)} ${JSON.stringify(a.body)}`);
    assert.equal(succeeded.length, ok, `successes; unexpected answers: ${other.slice(0, 3).join(' | ')}`);
    assert.equal(coded.length, refused, `coded refusals; unexpected answers: ${other.slice(0, 3).join(' | ')}`);
  },
);

Then("the plan's history shows cycle {int} dispensed once", async function (this: ApiWorld, cycle: number) {
  const found = await cycleOf(this, cycle);
  assert.equal(found.status, 'dispensed');
  assert.ok(found.dispense, 'the cycle has a dispensing event');
  assert.equal(found.dispense.dispenser.role, 'pharmacist');
});

Then('cycle {int} is dispensed by unit {word} through the {string} channel', async function (this: ApiWorld, cycle: number, unit: string, channel: string) {
  expectStatus(this, 201);
  const found = await cycleOf(this, cycle);
  assert.equal(found.status, 'dispensed');
  assert.equal(found.dispense?.unitHcode, unit);
  assert.equal(found.dispense?.channel, channel);
});

Then('cycle {int} is still waiting to be dispensed', async function (this: ApiWorld, cycle: number) {
  const found = await cycleOf(this, cycle);
  assert.equal(found.status, 'scheduled');
  assert.equal(found.dispense, undefined);
});

When(
  /^(the .+) moves cycle (\d+) to the "([a-z-]+)" channel at the patient's request$/,
  async function (this: ApiWorld, who: string, cycle: string, channel: string) {
    await this.call('POST', `/api/pharmacy/plans/${planIdOf(this)}/cycles/${cycle}/channel`, { channel, onBehalfOfPatient: true }, userOf(who));
    expectStatus(this, 200);
  },
);

Then('cycle {int} is planned for the {string} channel', async function (this: ApiWorld, cycle: number, channel: string) {
  assert.equal((await cycleOf(this, cycle)).channel, channel);
});

Then(/^the change of cycle (\d+) is signed by (the .+)$/, async function (this: ApiWorld, cycle: string, who: string) {
  const change = (await cycleOf(this, Number(cycle))).channelChanges.at(-1);
  assert.equal(change?.by.name, userOf(who));
  assert.equal(change?.onBehalfOfPatient, true);
});

When(/^(the .+) sends (a plan with an unknown drug code|a plan with a zero quantity|a plan with a negative quantity|a dispense of cycle \d+|a dispense of an unknown plan)$/, async function (this: ApiWorld, who: string, problem: string) {
  const username = userOf(who);
  const plan = (items: unknown): Record<string, unknown> => ({ patient: { cid: randomValidCid() }, startDate: bangkokDay(), intervalDays: 28, cycleCount: 3, items });
  if (problem === 'a plan with an unknown drug code') await this.call('POST', '/api/pharmacy/plans', plan([{ tmtId: '123456', quantity: 30 }]), username);
  else if (problem === 'a plan with a zero quantity') await this.call('POST', '/api/pharmacy/plans', plan([{ tmtId: '990001', quantity: 0 }]), username);
  else if (problem === 'a plan with a negative quantity') await this.call('POST', '/api/pharmacy/plans', plan([{ tmtId: '990001', quantity: -30 }]), username);
  else if (problem === 'a dispense of an unknown plan') await dispense(this, username, 1, `RX-bdd-missing-${randomUUID()}`);
  else await dispense(this, username, Number(/\d+$/.exec(problem)?.[0]));
});

const codes = new WeakMap<ApiWorld, string>();

Given('a Buddhasothorn clinician has made a 3-cycle refill plan sent by {string}', async function (this: ApiWorld, channel: string) {
  await makePlan(this, { channel });
});

Given(/^(the .+) has dispensed cycle (\d+) and given the patient the confirmation code$/, async function (this: ApiWorld, who: string, cycle: string) {
  await dispense(this, userOf(who), Number(cycle));
  expectStatus(this, 201);
  const code = (this.last?.body as { confirmationCode?: string }).confirmationCode;
  assert.ok(code, 'a delivery dispense answers with a one-time confirmation code');
  codes.set(this, code);
});

async function custody(world: ApiWorld, who: string, cycle: string, body: Record<string, unknown>): Promise<void> {
  await world.call('POST', `/api/pharmacy/plans/${planIdOf(world)}/cycles/${cycle}/custody`, body, userOf(who));
}

When(/^(the .+) records "(packed|picked-up|returned)" for cycle (\d+)$/, async function (this: ApiWorld, who: string, step: string, cycle: string) {
  await custody(this, who, cycle, { step });
  expectStatus(this, 200);
});

When(
  /^(the .+) records "handed-to-post" with tracking number "([A-Z0-9]+)" for cycle (\d+)$/,
  async function (this: ApiWorld, who: string, tracking: string, cycle: string) {
    await custody(this, who, cycle, { step: 'handed-to-post', trackingNumber: tracking });
    expectStatus(this, 200);
  },
);

When(/^(the .+) records the delivery of cycle (\d+) with (a wrong code|the patient's code)$/, async function (this: ApiWorld, who: string, cycle: string, which: string) {
  const code = which === 'a wrong code' ? 'WRONGCODEWRONG22' : codes.get(this);
  await custody(this, who, cycle, { step: 'delivered', confirmationCode: code });
});

Then('the delivery of cycle {int} is {string} with {int} signed steps', async function (this: ApiWorld, cycle: number, status: string, count: number) {
  const found = (await cycleOf(this, cycle)) as Cycle & { custody?: { status: string; steps: { by: { name: string } }[] }; overdue?: boolean };
  assert.equal(found.custody?.status, status);
  assert.equal(found.custody?.steps.length, count);
  assert.equal(found.overdue, false);
});

// ---- a partner-drugstore organisation joins the running channel (npm run org:add), then dispenses

interface OrgAddRun {
  code: number;
  output: string;
  seconds: number;
}
const orgAddRuns = new WeakMap<ApiWorld, OrgAddRun>();

/** Runs `npm run org:add -- <org>` (network-config/scripts/org-add.sh) against the live network. */
async function orgAdd(org: string): Promise<OrgAddRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(PROJECT_ROOT, 'network-config', 'scripts', 'org-add.sh'), org], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, RUNTIME_DIR: RUNTIME },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output: output.replace(/\x1b\[[0-9;]*m/g, ''), seconds: (performance.now() - started) / 1000 }));
  });
}

Given('a Buddhasothorn clinician has made a 3-cycle refill plan collected at the partner drugstore {word}', async function (this: ApiWorld, code: string) {
  await makePlan(this, { channel: 'drugstore', unitHcode: code });
});

When('the organisation {string} joins the running channel with npm run org:add', { timeout: 900_000 }, async function (this: ApiWorld, org: string) {
  const run = await orgAdd(org);
  orgAddRuns.set(this, run);
  console.log(`\n${run.output.trimEnd()}\n    (org:add took ${run.seconds.toFixed(1)} s)`);
  this.attach(run.output);
  assert.equal(run.code, 0, `org:add failed:\n${run.output}`);
});

Then('org:add reports that {word} joined or was already a member', function (this: ApiWorld, msp: string) {
  const run = orgAddRuns.get(this);
  assert.ok(run !== undefined);
  assert.match(run.output, new RegExp(`${msp} (joined|was already a member)`));
});

Then('running org:add for {string} again says it is already a member', { timeout: 600_000 }, async function (this: ApiWorld, org: string) {
  const run = await orgAdd(org);
  console.log(`\n    second org:add: ${run.seconds.toFixed(1)} s`);
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /is already a member of channel/);
  assert.doesNotMatch(run.output, /config update submitted/);
});

interface LoginUser {
  username: string;
  mspId: string;
}

/** One demo user of each organisation on the running channel (.runtime/network.json), from every login file. */
function oneUserPerOrganisation(): Map<string, string> {
  const net = JSON.parse(readFileSync(path.join(RUNTIME, 'network.json'), 'utf8')) as { peerOrgs: { mspId: string }[] };
  const files = [path.join(PROJECT_ROOT, 'fixtures', 'users.json')];
  const added = path.join(RUNTIME, 'orgs');
  if (existsSync(added)) files.push(...readdirSync(added).filter((f) => f.endsWith('.users.json')).map((f) => path.join(added, f)));
  const users = files.flatMap((f) => (JSON.parse(readFileSync(f, 'utf8')) as { users: LoginUser[] }).users);
  const byOrg = new Map<string, string>();
  for (const org of net.peerOrgs) {
    const user = users.find((u) => u.mspId === org.mspId);
    if (user !== undefined) byOrg.set(org.mspId, user.username);
  }
  return byOrg;
}

Then(
  'a user of every one of the {int} organisations reads cycle {int} dispensed by {word} on their own peer',
  async function (this: ApiWorld, count: number, cycle: number, msp: string) {
    const byOrg = oneUserPerOrganisation();
    assert.equal(byOrg.size, count, `organisations with a user: ${[...byOrg.keys()].join(', ')}`);
    const planId = planIdOf(this);
    for (const [org, username] of byOrg) {
      // each read is evaluated on the caller's own organisation's peer: every peer has the block with the event
      let found: Cycle | undefined;
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const res = await this.call('GET', `/api/pharmacy/plans/${planId}`, undefined, username);
        assert.equal(res.status, 200, `${org} (${username}): ${JSON.stringify(res.body)}`);
        found = (res.body as PlanBody).cycles.find((c) => c.cycle === cycle);
        if (found?.status === 'dispensed') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(found?.status, 'dispensed', `${org} does not see the dispense`);
      assert.equal((found?.dispense as { unitMsp?: string } | undefined)?.unitMsp, msp, `${org}: ${JSON.stringify(found?.dispense)}`);
    }
  },
);
