#!/usr/bin/env node
// Copies the unit registry the chaincode needs (hcode, type, parent, owning MSP)
// from fixtures/units.json into src/registry/units-data.json.
//
// The output is committed so unit tests run without this step; `npm run build`
// refreshes it. When the fixtures file is absent (chaincode checked out alone)
// the committed copy is kept and a warning is printed.
//
// Usage: node scripts/copy-units.mjs [--check]
//   --check  exit 1 if units-data.json differs from what would be written.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../../fixtures/units.json', import.meta.url));
const TARGET = fileURLToPath(new URL('../src/registry/units-data.json', import.meta.url));

const UNIT_TYPES = new Set(['hospital', 'health-centre', 'provincial-office']);
const HCODE = /^\d{5}$/;
const MSP_ID = /^[A-Za-z][A-Za-z0-9.-]*$/;

function fail(message) {
    console.error(`copy-units: ${message}`);
    process.exit(1);
}

/** Narrows one fixture entry to the four fields the chaincode uses. */
function toRegistryUnit(entry, index) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        fail(`entry ${index} is not an object`);
    }
    const { hcode, type, parentHcode, mspId } = entry;
    if (typeof hcode !== 'string' || !HCODE.test(hcode)) {
        fail(`entry ${index}: hcode must be 5 digits`);
    }
    if (!UNIT_TYPES.has(type)) {
        fail(`unit ${hcode}: type must be one of ${[...UNIT_TYPES].join(', ')}`);
    }
    const parent = parentHcode === undefined ? null : parentHcode;
    if (parent !== null && (typeof parent !== 'string' || !HCODE.test(parent))) {
        fail(`unit ${hcode}: parentHcode must be 5 digits or null`);
    }
    if (typeof mspId !== 'string' || !MSP_ID.test(mspId)) {
        fail(`unit ${hcode}: mspId missing or malformed`);
    }
    return { hcode, type, parentHcode: parent, mspId };
}

function build(raw) {
    let parsed;
    try {
        parsed = JSON.parse(raw);
    } catch (err) {
        fail(`${SOURCE} is not valid JSON (${err.message})`);
    }
    if (!Array.isArray(parsed)) {
        fail(`${SOURCE} must hold a JSON array`);
    }
    const units = parsed.map(toRegistryUnit);
    const byCode = new Map();
    for (const unit of units) {
        if (byCode.has(unit.hcode)) {
            fail(`duplicate hcode ${unit.hcode}`);
        }
        byCode.set(unit.hcode, unit);
    }
    for (const unit of units) {
        if (unit.parentHcode !== null && !byCode.has(unit.parentHcode)) {
            fail(`unit ${unit.hcode}: parent ${unit.parentHcode} is not in the registry`);
        }
    }
    units.sort((a, b) => (a.hcode < b.hcode ? -1 : a.hcode > b.hcode ? 1 : 0));
    return `${JSON.stringify(units, null, 2)}\n`;
}

function main() {
    const checkOnly = process.argv.includes('--check');
    if (!existsSync(SOURCE)) {
        console.warn(`copy-units: ${SOURCE} not found; keeping the committed ${TARGET}`);
        return;
    }
    const output = build(readFileSync(SOURCE, 'utf8'));
    const current = existsSync(TARGET) ? readFileSync(TARGET, 'utf8') : '';
    if (checkOnly) {
        if (current !== output) {
            fail(`${TARGET} is out of date; run: node scripts/copy-units.mjs`);
        }
        console.log('copy-units: units-data.json is up to date');
        return;
    }
    if (current === output) {
        console.log('copy-units: units-data.json already up to date');
        return;
    }
    writeFileSync(TARGET, output);
    console.log(`copy-units: wrote ${JSON.parse(output).length} units to ${TARGET}`);
}

main();
