// Steady API load for the chaos suite: each worker creates a referral from one hospital to another and has the
// receiving hospital's nurse accept it, over and over, recording every request (ok or not, status, code, time).
import { randomInt } from 'node:crypto';
import { requestJson } from '../lib/http-json.mjs';

const PASSWORD = 'Referral#2026';

/** A valid 13-digit Thai national ID (test data). */
function randomCid() {
  const digits = [randomInt(1, 9), ...Array.from({ length: 11 }, () => randomInt(0, 10))];
  const sum = digits.reduce((acc, d, i) => acc + d * (13 - i), 0);
  return [...digits, (11 - (sum % 11)) % 10].join('');
}

/** Signs in a clinician and a nurse of every hospital; returns a caller that uses their tokens. */
export async function loadCredentials(base, hospitals) {
  const tokens = new Map();
  const login = async (username) => {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (!res.ok) throw new Error(`login of ${username} failed: ${res.status}`);
    const { token, expiresIn } = await res.json();
    // access tokens live 15 minutes: sign in again a minute before
    tokens.set(username, { token, renewAt: Date.now() + ((expiresIn ?? 900) - 60) * 1000 });
  };
  for (const h of hospitals) {
    for (const role of ['clinician', 'nurse']) await login(`${role}.${h.key}`);
  }
  return {
    async call(method, path, body, as) {
      const started = Date.now();
      try {
        if (Date.now() >= (tokens.get(as)?.renewAt ?? 0)) await login(as);
        const res = await requestJson(base, method, path, { token: tokens.get(as)?.token, body, timeoutMs: 90_000 });
        return { status: res.status, body: res.body, ms: Date.now() - started };
      } catch (err) {
        return { status: 0, body: { error: { code: 'NO_ANSWER', message: String(err) } }, ms: Date.now() - started };
      }
    },
  };
}

/** Creates and accepts referrals with `concurrency` workers until stopped. */
export class Load {
  #results = [];
  #committed = new Map();
  #stopping = false;
  #workers = [];
  #n = 0;

  constructor({ session, hospitals, concurrency, tag }) {
    this.session = session;
    this.hospitals = hospitals;
    this.concurrency = concurrency;
    this.run = `${tag}-${Date.now().toString(36)}`;
  }

  start() {
    this.#workers = Array.from({ length: this.concurrency }, () => this.#worker());
  }

  async stop() {
    this.#stopping = true;
    await Promise.all(this.#workers);
  }

  results() {
    return this.#results;
  }

  /** Referral id → { from, to, actions the API confirmed as committed }. */
  committed() {
    return this.#committed;
  }

  #record(kind, from, to, res, at) {
    const ok = res.status >= 200 && res.status < 300;
    this.#results.push({ kind, from, to, ok, status: res.status, code: ok ? '' : (res.body?.error?.code ?? String(res.status)), ms: res.ms, at });
    return ok;
  }

  async #worker() {
    while (!this.#stopping) {
      const a = this.hospitals[randomInt(0, this.hospitals.length)];
      let b = this.hospitals[randomInt(0, this.hospitals.length)];
      while (b.key === a.key) b = this.hospitals[randomInt(0, this.hospitals.length)];
      const id = `R-chaos-${this.run}-${++this.#n}`;
      const at = Date.now();
      const created = await this.session.call(
        'POST',
        '/api/referrals',
        { referralId: id, patient: { cid: randomCid() }, toHcode: b.hcode, reasonCode: '1', priority: 3 },
        `clinician.${a.key}`,
      );
      if (!this.#record('create', a.key, b.key, created, at)) continue;
      this.#committed.set(id, { from: a.key, to: b.key, actions: ['create'] });
      if (this.#stopping) break;
      const acceptAt = Date.now();
      const accepted = await this.session.call('POST', `/api/referrals/${encodeURIComponent(id)}/accept`, { note: 'chaos' }, `nurse.${b.key}`);
      if (this.#record('accept', a.key, b.key, accepted, acceptAt)) this.#committed.get(id).actions.push('accept');
    }
  }
}
