import { UnitRegistry, unitRegistry } from './unit-registry';
import unitsData from './units-data.json';

describe('UnitRegistry', () => {
    const hospital = { hcode: '10697', type: 'hospital', parentHcode: null, mspId: 'BuddhasothornMSP' };

    it('finds units and throws UNKNOWN_HCODE for missing ones', () => {
        const registry = new UnitRegistry([hospital]);
        expect(registry.size).toBe(1);
        expect(registry.get('10697')).toEqual(hospital);
        expect(registry.find('99999')).toBeUndefined();
        expect(() => registry.get('99999')).toThrow(/^UNKNOWN_HCODE: /);
    });

    it.each<[string, unknown[]]>([
        ['a duplicate', [hospital, hospital]],
        ['a bad hcode', [{ ...hospital, hcode: '1069' }]],
        ['a bad type', [{ ...hospital, type: 'clinic' }]],
        ['a bad parent', [{ ...hospital, parentHcode: 'x' }]],
        ['no MSP', [{ ...hospital, mspId: '' }]],
        ['a non-object', ['10697']],
    ])('refuses %s', (_label, entries) => {
        expect(() => new UnitRegistry(entries)).toThrow();
    });

    it('loads the packaged data: sorted, with the provincial office and every hospital MSP', () => {
        const codes = (unitsData as { hcode: string }[]).map((unit) => unit.hcode);
        expect(codes).toEqual([...codes].sort());
        expect(unitRegistry.get('00024')).toMatchObject({ type: 'provincial-office', mspId: 'ProvincialHealthOfficeMSP' });
        expect(unitRegistry.get('10697').mspId).toBe('BuddhasothornMSP');
        expect(unitRegistry.get('11138').mspId).toBe('BangKhlaMSP');
        expect(unitRegistry.get('11147').mspId).toBe('KhlongKhueanMSP');
    });

    it('gives every health centre the MSP of its parent hospital', () => {
        for (const unit of unitsData as { hcode: string; type: string; parentHcode: string | null; mspId: string }[]) {
            if (unit.type === 'health-centre') {
                expect(unit.parentHcode).not.toBeNull();
                expect(unitRegistry.get(unit.parentHcode as string).mspId).toBe(unit.mspId);
            }
        }
    });
});
