"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.probeSystem = probeSystem;
const node_net_1 = require("node:net");
async function httpOk(url, timeoutMs) {
    try {
        const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        return res.ok ? { ok: true } : { ok: false, detail: `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}` };
    }
    catch (err) {
        return { ok: false, detail: err instanceof Error ? err.message : String(err) };
    }
}
async function tcpOk(host, port, timeoutMs) {
    return new Promise((resolve) => {
        const socket = (0, node_net_1.connect)({ host, port });
        const done = (result) => {
            socket.destroy();
            resolve(result);
        };
        socket.setTimeout(timeoutMs, () => done({ ok: false, detail: 'timeout' }));
        socket.once('connect', () => done({ ok: true }));
        socket.once('error', (err) => done({ ok: false, detail: err.message }));
    });
}
/** Checks every orderer and peer (their /healthz), the chaincode service and the store. */
async function probeSystem(topology, storeEndpoint) {
    const timeout = 2000;
    const checks = [
        ...topology.ordererOrg.orderers.map(async (o) => {
            const r = await httpOk(`http://127.0.0.1:${o.operationsPort}/healthz`, timeout);
            return { name: o.name, kind: 'orderer', endpoint: `localhost:${o.port}`, reachable: r.ok, ...(r.detail ? { detail: r.detail } : {}) };
        }),
        ...topology.peerOrgs.map(async (org) => {
            const r = await httpOk(`http://127.0.0.1:${org.peer.operationsPort}/healthz`, timeout);
            return { name: org.peer.name, kind: 'peer', endpoint: `localhost:${org.peer.port}`, reachable: r.ok, ...(r.detail ? { detail: r.detail } : {}) };
        }),
        (async () => {
            const [host = '127.0.0.1', port = '0'] = topology.chaincode.address.split(':');
            const r = await tcpOk(host, Number(port), timeout);
            return { name: `chaincode ${topology.chaincode.name}`, kind: 'chaincode', endpoint: topology.chaincode.address, reachable: r.ok, ...(r.detail ? { detail: r.detail } : {}) };
        })(),
        (async () => {
            const r = await tcpOk(storeEndpoint.host, storeEndpoint.port, timeout);
            return { name: 'query store', kind: 'store', endpoint: `${storeEndpoint.host}:${storeEndpoint.port}`, reachable: r.ok, ...(r.detail ? { detail: r.detail } : {}) };
        })(),
    ];
    return Promise.all(checks);
}
//# sourceMappingURL=health-probe.js.map