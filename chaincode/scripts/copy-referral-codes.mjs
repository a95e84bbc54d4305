#!/usr/bin/env node
// Copies the referral code lists the chaincode validates (refer reason, priority, fast track,
// patient category, care during transfer, refer result) from fixtures/referral-codes.json
// into src/referral/referral-codes-data.json: the codes only, in the fixture's order.
//
// The output is committed so unit tests run without this step; `npm run build`
// refreshes it, and a spec (referral-codes.spec.ts) runs --check. When the fixtures
// file is absent (chaincode checked out alone) the committed copy is kept and a
// warning is printed.
//
// Usage: node scripts/copy-referral-codes.mjs [--check]
//   --check  exit 1 if referral-codes-data.json differs from what would be written.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../../fixtures/referral-codes.json', import.meta.url));
const TARGET = fileURLToPath(new URL('../src/referral/referral-codes-data.json', import.meta.url));

/** The tables the chaincode validates, by their key in the fixture. */
const TABLES = ['referReason', 'priority', 'fastTrack', 'patientCategory', 'careDuringTransfer', 'referResult'];
const CODE = /^[A-Za-z0-9-]{1,32}$/;

function fail(message) {
    console.error(`copy-referral-codes: ${message}`);
    process.exit(1);
}

/** The codes of one table, checked: non-empty, well-formed, unique. */
function codesOf(tables, key) {
    const concepts = tables[key]?.concepts;
    if (!Array.isArray(concepts) || concepts.length === 0) {
        fail(`table ${key} is missing or has no concepts`);
    }
    const codes = concepts.map((concept, index) => {
        const code = concept?.code;
        if (typeof code !== 'string' || !CODE.test(code)) {
            fail(`table ${key}, concept ${index}: code must be a short string`);
        }
        return code;
    });
    if (new Set(codes).size !== codes.length) {
        fail(`table ${key} lists a code twice`);
    }
    return codes;
}

function build(raw) {
    let parsed;
    try {
        parsed = JSON.parse(raw);
    } catch (err) {
        fail(`${SOURCE} is not valid JSON (${err.message})`);
    }
    const tables = parsed?.tables;
    if (typeof tables !== 'object' || tables === null || Array.isArray(tables)) {
        fail(`${SOURCE} must hold an object "tables"`);
    }
    const out = Object.fromEntries(TABLES.map((key) => [key, codesOf(tables, key)]));
    // priority travels as an integer: its codes must be 1..n without gaps
    if (!out.priority.every((code, index) => code === String(index + 1))) {
        fail('priority codes must be 1, 2, ... n in order');
    }
    return `${JSON.stringify(out, null, 2)}\n`;
}

function main() {
    const checkOnly = process.argv.includes('--check');
    if (!existsSync(SOURCE)) {
        console.warn(`copy-referral-codes: ${SOURCE} not found; keeping the committed ${TARGET}`);
        return;
    }
    const output = build(readFileSync(SOURCE, 'utf8'));
    const current = existsSync(TARGET) ? readFileSync(TARGET, 'utf8') : '';
    if (checkOnly) {
        if (current !== output) {
            fail(`${TARGET} is out of date; run: node scripts/copy-referral-codes.mjs`);
        }
        console.log('copy-referral-codes: referral-codes-data.json is up to date');
        return;
    }
    if (current === output) {
        console.log('copy-referral-codes: referral-codes-data.json already up to date');
        return;
    }
    writeFileSync(TARGET, output);
    console.log(`copy-referral-codes: wrote ${TABLES.length} code lists to ${TARGET}`);
}

main();
