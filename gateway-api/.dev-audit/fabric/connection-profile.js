"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.connectionProfileFor = connectionProfileFor;
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
/**
 * A common connection profile for one organisation: its own peer only. Every other peer and the
 * orderers are found through service discovery, so endorsements reach the other organisations.
 */
function connectionProfileFor(topology, org, cryptoDir) {
    const tlsCa = (0, node_fs_1.readFileSync)(node_path_1.default.join(cryptoDir, 'peerOrganizations', org.domain, 'tlsca', `tlsca.${org.domain}-cert.pem`), 'utf8');
    return {
        name: `referrals-${org.key}`,
        version: '1.0.0',
        client: {
            organization: org.mspId,
            connection: { timeout: { peer: { endorser: '30' }, orderer: '30' } },
        },
        channels: { [topology.channel]: { peers: { [org.peer.name]: {} } } },
        organizations: { [org.mspId]: { mspid: org.mspId, peers: [org.peer.name] } },
        peers: {
            [org.peer.name]: {
                url: `grpcs://localhost:${org.peer.port}`,
                tlsCACerts: { pem: tlsCa },
                grpcOptions: { 'ssl-target-name-override': org.peer.name, hostnameOverride: org.peer.name },
            },
        },
    };
}
//# sourceMappingURL=connection-profile.js.map