"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.GatewayPool = void 0;
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const fabric_network_1 = require("fabric-network");
const api_error_1 = require("../http/api-error");
const connection_profile_1 = require("./connection-profile");
/**
 * One fabric-network Gateway per staff identity, created on first use and reused: every
 * transaction is signed with the caller's own X.509 identity through their organisation's peer.
 */
class GatewayPool {
    #topology;
    #runtimeDir;
    #connections = new Map();
    constructor(options) {
        this.#topology = options.topology;
        this.#runtimeDir = options.runtimeDir;
    }
    /** The caller's connection; connects on first use. */
    async connectionFor(staff) {
        let pending = this.#connections.get(staff.username);
        if (pending === undefined) {
            pending = this.#connect(staff);
            this.#connections.set(staff.username, pending);
            pending.catch(() => this.#connections.delete(staff.username));
        }
        return pending;
    }
    async #connect(staff) {
        const org = this.#topology.peerOrgs.find((o) => o.mspId === staff.mspId);
        if (org === undefined)
            throw new api_error_1.ApiError('FORBIDDEN_UNIT', `organisation ${staff.mspId} is not on the network`);
        const dir = node_path_1.default.join(this.#runtimeDir, 'users', staff.username);
        let certificate;
        let privateKey;
        try {
            certificate = (0, node_fs_1.readFileSync)(node_path_1.default.join(dir, 'cert.pem'), 'utf8');
            privateKey = (0, node_fs_1.readFileSync)(node_path_1.default.join(dir, 'key.pem'), 'utf8');
        }
        catch (err) {
            throw new api_error_1.ApiError('LEDGER_UNAVAILABLE', `no ledger identity issued for ${staff.username}`, undefined, { cause: err });
        }
        const wallet = await fabric_network_1.Wallets.newInMemoryWallet();
        const identity = { credentials: { certificate, privateKey }, mspId: staff.mspId, type: 'X.509' };
        await wallet.put(staff.username, identity);
        const gateway = new fabric_network_1.Gateway();
        await gateway.connect((0, connection_profile_1.connectionProfileFor)(this.#topology, org, node_path_1.default.join(this.#runtimeDir, 'crypto')), {
            wallet,
            identity: staff.username,
            discovery: { enabled: true, asLocalhost: true },
            eventHandlerOptions: { strategy: fabric_network_1.DefaultEventHandlerStrategies.MSPID_SCOPE_ANYFORTX, commitTimeout: 60, endorseTimeout: 30 },
        });
        const network = await gateway.getNetwork(this.#topology.channel);
        return { gateway, network, contract: network.getContract(this.#topology.chaincode.name) };
    }
    /** Disconnects every gateway. */
    async close() {
        const all = [...this.#connections.values()];
        this.#connections.clear();
        for (const pending of all.reverse()) {
            try {
                (await pending).gateway.disconnect();
            }
            catch {
                // a connection that never opened has nothing to close
            }
        }
    }
}
exports.GatewayPool = GatewayPool;
//# sourceMappingURL=gateway-pool.js.map