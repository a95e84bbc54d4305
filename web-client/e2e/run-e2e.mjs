// Runs the browser journeys (node:test, one file per role, one at a time: they share the ledger).
// Usage: node web-client/e2e/run-e2e.mjs   (BASE_URL defaults to http://127.0.0.1:3000, which
// must serve the production build: cd web-client && ng build). Screenshots go to reports/screenshots.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const base = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`e2e: no Chromium at ${chromium} (apt-get install chromium fonts-thai-tlwg)`);
  process.exit(1);
}
try {
  const res = await fetch(`${base}/`);
  const html = await res.text();
  if (!html.includes('<app-root')) throw new Error(`GET ${base}/ did not return the web client (is web-client built?)`);
} catch (e) {
  console.error(`e2e: ${e.message}`);
  process.exit(1);
}
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.mjs') && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort()
  .map((f) => path.join(here, f));
const reports = path.resolve(here, '../../reports');
mkdirSync(reports, { recursive: true });
const junit = path.join(reports, 'e2e-junit.xml');
const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=junit', `--test-reporter-destination=${junit}`, ...files],
  { stdio: 'inherit', env: { ...process.env, BASE_URL: base } },
);
// counts for the test summary: reports/e2e.json { passed, failed }
let passed = 0;
let failed = 0;
if (existsSync(junit)) {
  for (const m of readFileSync(junit, 'utf8').matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    if (m[2] !== undefined && /<(failure|error)\b/.test(m[2])) failed += 1;
    else passed += 1;
  }
}
writeFileSync(path.join(reports, 'e2e.json'), JSON.stringify({ passed, failed }));
console.log(`browser journeys: ${passed} passed, ${failed} failed`);
process.exitCode = result.status ?? 1;
