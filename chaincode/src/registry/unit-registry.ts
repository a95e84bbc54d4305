import { ChaincodeError } from '../errors/chaincode-error';
import { UNIT_TYPES, type Unit, type UnitType } from './unit';
import unitsData from './units-data.json';

const HCODE = /^\d{5}$/;

function isUnitType(value: unknown): value is UnitType {
    return typeof value === 'string' && (UNIT_TYPES as readonly string[]).includes(value);
}

/**
 * Narrows one registry entry.
 *
 * @throws Error when the entry is malformed (the chaincode must not start with a bad registry)
 */
function toUnit(entry: unknown, index: number): Unit {
    if (typeof entry !== 'object' || entry === null) {
        throw new Error(`units registry entry ${String(index)} is not an object`);
    }
    const { hcode, type, parentHcode, mspId } = entry as Record<string, unknown>;
    if (typeof hcode !== 'string' || !HCODE.test(hcode)) {
        throw new Error(`units registry entry ${String(index)} has a bad hcode`);
    }
    if (!isUnitType(type)) {
        throw new Error(`unit ${hcode} has a bad type`);
    }
    if (parentHcode !== null && (typeof parentHcode !== 'string' || !HCODE.test(parentHcode))) {
        throw new Error(`unit ${hcode} has a bad parentHcode`);
    }
    if (typeof mspId !== 'string' || mspId.length === 0) {
        throw new Error(`unit ${hcode} has no mspId`);
    }
    return Object.freeze({ hcode, type, parentHcode, mspId });
}

/**
 * Which Fabric organisation owns each unit code (hcode). Read-only; built once
 * from `units-data.json` (generated from `fixtures/units.json`).
 */
export class UnitRegistry {
    readonly #units: ReadonlyMap<string, Unit>;

    /**
     * @param entries - registry entries, validated here
     * @throws Error on a malformed or duplicate entry
     */
    constructor(entries: readonly unknown[]) {
        const units = new Map<string, Unit>();
        entries.forEach((entry, index) => {
            const unit = toUnit(entry, index);
            if (units.has(unit.hcode)) {
                throw new Error(`unit ${unit.hcode} is registered twice`);
            }
            units.set(unit.hcode, unit);
        });
        this.#units = units;
    }

    /** Number of registered units. */
    get size(): number {
        return this.#units.size;
    }

    /** The unit for `hcode`, or undefined. */
    find(hcode: string): Unit | undefined {
        return this.#units.get(hcode);
    }

    /**
     * The unit for `hcode`.
     *
     * @throws ChaincodeError UNKNOWN_HCODE when it is not registered
     */
    get(hcode: string): Unit {
        const unit = this.#units.get(hcode);
        if (!unit) {
            throw new ChaincodeError('UNKNOWN_HCODE', `unit ${hcode} is not in the registry`, { details: { hcode } });
        }
        return unit;
    }
}

/** The registry compiled into this chaincode package. */
export const unitRegistry = new UnitRegistry(unitsData as readonly unknown[]);
