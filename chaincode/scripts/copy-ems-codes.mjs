#!/usr/bin/env node
// Copies the code lists the EMS contract validates, the triage colours and the unit levels, from
// fixtures/ems/dispatch-criteria.json into src/ems/ems-codes-data.json (codes only, in the fixture's order).
// Committed so unit tests run without this step; `npm run build` refreshes it and ems-codes.spec.ts runs --check.
// When the fixture is absent (chaincode checked out alone) the committed copy is kept.
// Usage: node scripts/copy-ems-codes.mjs [--check]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../../fixtures/ems/dispatch-criteria.json', import.meta.url));
const TARGET = fileURLToPath(new URL('../src/ems/ems-codes-data.json', import.meta.url));
const CODE = /^[A-Za-z0-9-]{1,32}$/;

function fail(message) {
    console.error(`copy-ems-codes: ${message}`);
    process.exit(1);
}

function codesOf(list, key) {
    if (!Array.isArray(list) || list.length === 0) fail(`${key} is missing or empty`);
    const codes = list.map((entry, i) => {
        if (typeof entry?.code !== 'string' || !CODE.test(entry.code)) fail(`${key}[${i}]: code must be a short string`);
        return entry.code;
    });
    if (new Set(codes).size !== codes.length) fail(`${key} lists a code twice`);
    return codes;
}

if (!existsSync(SOURCE)) {
    console.warn(`copy-ems-codes: ${SOURCE} not found; keeping the committed ${TARGET}`);
    process.exit(0);
}
const criteria = JSON.parse(readFileSync(SOURCE, 'utf8'));
const output = `${JSON.stringify({ colours: codesOf(criteria.colours, 'colours'), levels: codesOf(criteria.levels, 'levels') }, null, 2)}\n`;
const current = existsSync(TARGET) ? readFileSync(TARGET, 'utf8') : '';
if (process.argv.includes('--check')) {
    if (current !== output) fail(`${TARGET} is out of date; run: node scripts/copy-ems-codes.mjs`);
    console.log('copy-ems-codes: ems-codes-data.json is up to date');
} else if (current !== output) {
    writeFileSync(TARGET, output);
    console.log(`copy-ems-codes: wrote the colours and levels to ${TARGET}`);
}
