// Prints the combined result of the jest and Cucumber reports, ending with "N passed, N failed".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [jestFile, cucumberFile, e2eFile, chaosFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
if (jestFile && existsSync(jestFile)) {
  const jest = JSON.parse(readFileSync(jestFile, 'utf8'));
  console.log(`unit tests (jest): ${jest.numPassedTests} passed, ${jest.numFailedTests} failed in ${jest.numTotalTestSuites} suites`);
  passed += jest.numPassedTests;
  failed += jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0);
} else {
  console.log('unit tests (jest): no report');
  failed += 1;
}
// further jest runs of the same test command (e.g. reports/jest-store.json: integration specs against the live store)
const reportsDir = path.dirname(jestFile ?? 'reports/jest.json');
for (const name of existsSync(reportsDir) ? readdirSync(reportsDir).filter((f) => /^jest-.+\.json$/.test(f)).sort() : []) {
  const extra = JSON.parse(readFileSync(path.join(reportsDir, name), 'utf8'));
  console.log(`${name.replace(/^jest-|\.json$/g, '')} (jest): ${extra.numPassedTests} passed, ${extra.numFailedTests} failed, ${extra.numPendingTests} skipped in ${extra.numTotalTestSuites} suites`);
  passed += extra.numPassedTests;
  failed += extra.numFailedTests + (extra.numRuntimeErrorTestSuites ?? 0);
}
if (cucumberFile && existsSync(cucumberFile)) {
  const features = JSON.parse(readFileSync(cucumberFile, 'utf8'));
  let ok = 0;
  let bad = 0;
  for (const feature of features) {
    for (const scenario of feature.elements ?? []) {
      if (scenario.type !== 'scenario') continue;
      const steps = [...(scenario.before ?? []), ...scenario.steps, ...(scenario.after ?? [])];
      if (steps.every((s) => s.result?.status === 'passed')) ok += 1;
      else bad += 1;
    }
  }
  console.log(`features (cucumber): ${ok} passed, ${bad} failed in ${features.length} features`);
  passed += ok;
  failed += bad;
} else {
  console.log('features (cucumber): no report');
  failed += 1;
}
// further Cucumber runs (e.g. reports/cucumber-org-add.json: the organisation that joins the running channel)
for (const name of existsSync(reportsDir) ? readdirSync(reportsDir).filter((f) => /^cucumber-.+\.json$/.test(f)).sort() : []) {
  let ok = 0;
  let bad = 0;
  for (const feature of JSON.parse(readFileSync(path.join(reportsDir, name), 'utf8'))) {
    for (const scenario of feature.elements ?? []) {
      if (scenario.type !== 'scenario') continue;
      const steps = [...(scenario.before ?? []), ...scenario.steps, ...(scenario.after ?? [])];
      if (steps.every((s) => s.result?.status === 'passed')) ok += 1;
      else bad += 1;
    }
  }
  console.log(`${name.replace(/^cucumber-|\.json$/g, '')} (cucumber): ${ok} passed, ${bad} failed`);
  passed += ok;
  failed += bad;
}
if (e2eFile && existsSync(e2eFile)) {
  const e2e = JSON.parse(readFileSync(e2eFile, 'utf8'));
  console.log(`browser journeys (playwright): ${e2e.passed} passed, ${e2e.failed} failed`);
  passed += e2e.passed;
  failed += e2e.failed;
} else if (e2eFile) {
  console.log('browser journeys (playwright): no report');
  failed += 1;
}
if (chaosFile && existsSync(chaosFile)) {
  // each fault of the chaos suite counts as one test: passed when it found no problem
  const chaos = JSON.parse(readFileSync(chaosFile, 'utf8'));
  const ok = chaos.rows.filter((r) => (r.problems ?? []).length === 0).length;
  console.log(`chaos faults (short): ${ok} passed, ${chaos.rows.length - ok} failed`);
  passed += ok;
  failed += chaos.rows.length - ok;
} else if (chaosFile) {
  console.log('chaos faults: no report');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
