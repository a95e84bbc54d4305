"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UnitRegistry = void 0;
const node_fs_1 = require("node:fs");
const zod_1 = require("zod");
const unitSchema = zod_1.z.object({
    hcode: zod_1.z.string().regex(/^\d{5}$/),
    nameTh: zod_1.z.string(),
    nameEn: zod_1.z.string(),
    type: zod_1.z.enum(['hospital', 'health-centre', 'provincial-office']),
    district: zod_1.z.string(),
    parentHcode: zod_1.z.string().nullable(),
    mspId: zod_1.z.string(),
    lat: zod_1.z.number(),
    lng: zod_1.z.number(),
    illustrative: zod_1.z.boolean(),
});
/** The province's units from fixtures/units.json. */
class UnitRegistry {
    #byHcode;
    constructor(units) {
        this.#byHcode = new Map(units.map((u) => [u.hcode, u]));
    }
    static fromFile(file) {
        const raw = JSON.parse((0, node_fs_1.readFileSync)(file, 'utf8'));
        return new UnitRegistry(zod_1.z.array(unitSchema.passthrough()).parse(raw));
    }
    find(hcode) {
        return this.#byHcode.get(hcode);
    }
    all() {
        return [...this.#byHcode.values()];
    }
}
exports.UnitRegistry = UnitRegistry;
//# sourceMappingURL=unit-registry.js.map