import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EMS_COLOURS, EMS_LEVELS } from './ems-case';

const FIXTURE = path.resolve(__dirname, '../../../fixtures/ems/dispatch-criteria.json');
const SCRIPT = path.resolve(__dirname, '../../scripts/copy-ems-codes.mjs');

describe('EMS code lists', () => {
    it('ems-codes-data.json is what scripts/copy-ems-codes.mjs makes of fixtures/ems/dispatch-criteria.json', () => {
        expect(() => execFileSync(process.execPath, [SCRIPT, '--check'], { stdio: 'pipe' })).not.toThrow();
    });

    it('validates exactly the colours and levels of the fixture', () => {
        const criteria = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { colours: { code: string }[]; levels: { code: string }[] };
        expect(EMS_COLOURS).toEqual(criteria.colours.map((c) => c.code));
        expect(EMS_LEVELS).toEqual(criteria.levels.map((l) => l.code));
    });
});
