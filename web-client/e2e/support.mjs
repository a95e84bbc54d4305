// Shared helpers for the browser journeys: Debian's Chromium through playwright-core, the API for
// set-up steps that are not the point of a journey, screenshots, and a guard that fails a test
// when the page asks for anything outside localhost (the client must work with no internet).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
export const PASSWORD = process.env.DEMO_PASSWORD ?? 'Referral#2026';
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.resolve(here, '../../reports/screenshots');
export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 375, height: 740 };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches Debian's Chromium headless with the flags this environment needs. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A new page whose requests outside localhost are blocked and recorded in `page.external`
 * (asserted empty at the end of each journey). Thai locale and Bangkok time like the users'.
 */
export async function openPage(browser, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'th-TH', timezoneId: 'Asia/Bangkok', deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.external = [];
  page.consoleErrors = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    page.external.push(url.href);
    return route.abort();
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.consoleErrors.push(msg.text());
  });
  page.setDefaultTimeout(20_000);
  return page;
}

/** Signs in through the login form and waits for the home page. */
export async function loginUi(page, username) {
  await page.goto(`${BASE_URL}/login`);
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('[data-testid=user-chip]');
}

/** Saves a full-page screenshot as reports/screenshots/<name>.png. */
export async function shot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A random valid 13-digit Thai national ID. */
export function randomCid() {
  let d = String(1 + Math.floor(Math.random() * 8));
  while (d.length < 12) d += String(Math.floor(Math.random() * 10));
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(d[i]) * (13 - i);
  return d + String((11 - (sum % 11)) % 10);
}

/** Calls the API as `username` (token cached per user); throws with the API error code on failure. */
const tokens = new Map();
export async function api(username, method, route, body) {
  let token = tokens.get(username);
  if (!token) {
    const res = await fetch(`${BASE_URL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    token = (await res.json()).token;
    tokens.set(username, token);
  }
  const res = await fetch(`${BASE_URL}/api${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok) {
    const err = new Error(`${method} ${route} as ${username}: ${res.status} ${json?.error?.code ?? ''} ${json?.error?.message ?? text}`);
    err.code = json?.error?.code;
    err.status = res.status;
    throw err;
  }
  return json;
}

/** Creates a referral through the API as `clinician` and returns it. */
export async function createReferral(clinician, fields) {
  const body = await api(clinician, 'POST', '/referrals', { patient: { cid: randomCid() }, reasonCode: '1', priority: 3, ...fields });
  return body.referral;
}

/** Waits until `check()` resolves truthy (polls; for the query store's projection lag). */
export async function eventually(check, { timeoutMs = 60_000, intervalMs = 500 } = {}) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw last ?? new Error('condition not met in time');
}

/**
 * Waits for `selector`, or fails with the page's error alert when the API answered with an error
 * instead (so a missing endpoint reads as its error code, not a timeout). An alert must stay on
 * screen for 2 s with a message to count: a background refresh may flash one while a write is
 * still being committed.
 */
export async function waitForOutcome(page, selector, timeout = 45_000) {
  const problem = page.locator('app-problem-alert .alert-error');
  const deadline = Date.now() + timeout;
  let seenSince = 0;
  while (Date.now() < deadline) {
    if ((await page.locator(selector).count()) > 0) return;
    const texts = (await problem.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
    if (texts.length === 0) {
      seenSince = 0;
    } else if (seenSince === 0) {
      seenSince = Date.now();
    } else if (Date.now() - seenSince >= 2_000) {
      await shot(page, `failed-${selector.replace(/[^a-z0-9-]+/gi, '_')}`);
      throw new Error(`the page shows an error instead of ${selector}: ${texts.join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await shot(page, `failed-${selector.replace(/[^a-z0-9-]+/gi, '_')}`);
  throw new Error(`${selector} did not appear within ${timeout} ms`);
}
