// Runs the browser journeys (node:test, one file per role, one at a time: they share the ledger).
// Usage: node web-client/e2e/run-e2e.mjs   (BASE_URL defaults to http://127.0.0.1:3000, which
// must serve the production build: cd web-client && ng build). Screenshots go to reports/screenshots.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
/** Runs the journey files with node:test; returns each test case with its file and outcome. */
function runFiles(list, junit) {
  rmSync(junit, { force: true });
  spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=junit', `--test-reporter-destination=${junit}`, ...list],
    { stdio: 'inherit', env: { ...process.env, BASE_URL: base } },
  );
  const cases = [];
  if (existsSync(junit)) {
    for (const m of readFileSync(junit, 'utf8').matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
      const file = /file="([^"]*)"/.exec(m[1])?.[1] ?? '';
      cases.push({ file, failed: m[3] !== undefined && /<(failure|error)\b/.test(m[3]) });
    }
  }
  return cases;
}

let cases = runFiles(files, path.join(reports, 'e2e-junit.xml'));
// Each journey file makes its own data, so a failed file can run again on its own. It runs once more, and
// the output says so: a journey that passes only on the second run is reported as flaky.
const failedFiles = [...new Set(cases.filter((c) => c.failed).map((c) => c.file))];
if (failedFiles.length > 0 && cases.length > 0) {
  console.log(`\nbrowser journeys: running again once: ${failedFiles.map((f) => path.basename(f)).join(', ')}`);
  const retried = runFiles(failedFiles, path.join(reports, 'e2e-junit-retry.xml'));
  const flaky = failedFiles.filter((f) => retried.some((c) => c.file === f) && !retried.some((c) => c.file === f && c.failed));
  if (flaky.length > 0) console.log(`browser journeys: FLAKY (failed, then passed): ${flaky.map((f) => path.basename(f)).join(', ')}`);
  cases = [...cases.filter((c) => !failedFiles.includes(c.file)), ...retried];
}
// counts for the test summary: reports/e2e.json { passed, failed }
const failed = cases.filter((c) => c.failed).length;
const passed = cases.length - failed;
writeFileSync(path.join(reports, 'e2e.json'), JSON.stringify({ passed, failed }));
console.log(`browser journeys: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && cases.length > 0 ? 0 : 1;
