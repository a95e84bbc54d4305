// Helpers of the wallet journeys (8-wallet-*.e2e.mjs): the citizen API, the SMS outbox of development.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, randomCid } from './support.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUTBOX = process.env.WALLET_OUTBOX ?? path.join(path.resolve(root, process.env.RUNTIME_DIR ?? '.runtime'), 'outbox', 'wallet-sms.jsonl');

/** The last one-time code sent to `mobile` (waits for it to appear in the outbox). */
export async function otpFor(mobile, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (existsSync(OUTBOX)) {
      const hit = readFileSync(OUTBOX, 'utf8').trim().split('\n').reverse().map((l) => JSON.parse(l)).find((m) => m.kind === 'otp' && m.to === mobile);
      if (hit) return /(\d{6})/.exec(hit.textTh)[1];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no one-time code for ${mobile} in ${OUTBOX}`);
}

/** Calls /api/wallet as a citizen (token) or anonymously; throws with the error code. */
export async function walletApi(method, route, body, token) {
  const res = await fetch(`${BASE_URL}/api/wallet${route}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = res.status === 204 ? {} : await res.json();
  if (!res.ok) {
    const err = new Error(`${method} ${route}: ${res.status} ${json?.error?.code}`);
    err.code = json?.error?.code;
    throw err;
  }
  return json;
}

/** A new citizen registered through the API (born 1950); returns { token, cid, mobile }. */
export async function newCitizen(displayName = 'ผู้ทดสอบ เดสก์') {
  const cid = randomCid();
  const mobile = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const started = await walletApi('POST', '/auth/register', { cid, birthDate: '1950-06-15', sex: 'F', mobile, displayName, password: 'Desk12345' });
  const confirmed = await walletApi('POST', '/auth/register/confirm', { registrationId: started.registrationId, code: await otpFor(mobile) });
  return { token: confirmed.token, cid, mobile, healthId: confirmed.citizen.healthId };
}

/** The Thai calendar date and HH:MM now. */
export function thaiNow() {
  const iso = new Date(Date.now() + 7 * 3600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** Fails when the page scrolls sideways (the 375 px check). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
