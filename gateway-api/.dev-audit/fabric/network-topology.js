"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadTopology = loadTopology;
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const zod_1 = require("zod");
const topologySchema = zod_1.z.object({
    channel: zod_1.z.string(),
    ordererOrg: zod_1.z.object({
        mspId: zod_1.z.string(),
        domain: zod_1.z.string(),
        orderers: zod_1.z.array(zod_1.z.object({ name: zod_1.z.string(), port: zod_1.z.number(), operationsPort: zod_1.z.number() })),
    }),
    peerOrgs: zod_1.z.array(zod_1.z.object({
        key: zod_1.z.string(),
        mspId: zod_1.z.string(),
        nameEn: zod_1.z.string(),
        hcode: zod_1.z.string(),
        domain: zod_1.z.string(),
        peer: zod_1.z.object({ name: zod_1.z.string(), port: zod_1.z.number(), operationsPort: zod_1.z.number() }),
    })),
    chaincode: zod_1.z.object({ name: zod_1.z.string(), address: zod_1.z.string() }),
    gateway: zod_1.z.object({ port: zod_1.z.number() }),
    store: zod_1.z.object({ port: zod_1.z.number() }),
});
function loadTopology(rootDir) {
    const raw = JSON.parse((0, node_fs_1.readFileSync)(node_path_1.default.join(rootDir, 'fixtures', 'network.json'), 'utf8'));
    return topologySchema.parse(raw);
}
//# sourceMappingURL=network-topology.js.map