import { connect } from 'node:net';
import type { NetworkTopology } from '../../fabric/network-topology';

/** Reachability of one component of the system. */
export interface ComponentHealth {
  readonly name: string;
  readonly kind: 'orderer' | 'peer' | 'chaincode' | 'store';
  readonly endpoint: string;
  readonly reachable: boolean;
  readonly detail?: string;
}

async function httpOk(url: string, timeoutMs: number): Promise<{ ok: boolean; detail?: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? { ok: true } : { ok: false, detail: `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}` };
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

async function tcpOk(host: string, port: number, timeoutMs: number): Promise<{ ok: boolean; detail?: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: { ok: boolean; detail?: string }): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, detail: 'timeout' }));
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (err) => done({ ok: false, detail: err.message }));
  });
}

/** Checks every orderer and peer (their /healthz), the chaincode service and the store. */
export async function probeSystem(topology: NetworkTopology, storeEndpoint: { host: string; port: number }): Promise<ComponentHealth[]> {
  const timeout = 2000;
  const checks: Promise<ComponentHealth>[] = [
    ...topology.ordererOrg.orderers.map(async (o) => {
      const r = await httpOk(`http://127.0.0.1:${o.operationsPort}/healthz`, timeout);
      return { name: o.name, kind: 'orderer' as const, endpoint: `localhost:${o.port}`, reachable: r.ok, ...(r.detail ? { detail: r.detail } : {}) };
    }),
    ...topology.peerOrgs.map(async (org) => {
      const r = await httpOk(`http://127.0.0.1:${org.peer.operationsPort}/healthz`, timeout);
      return { name: org.peer.name, kind: 'peer' as const, endpoint: `localhost:${org.peer.port}`, reachable: r.ok, ...(r.detail ? { detail: r.detail } : {}) };
    }),
    (async () => {
      const [host = '127.0.0.1', port = '0'] = topology.chaincode.address.split(':');
      const r = await tcpOk(host, Number(port), timeout);
      return { name: `chaincode ${topology.chaincode.name}`, kind: 'chaincode' as const, endpoint: topology.chaincode.address, reachable: r.ok, ...(r.detail ? { detail: r.detail } : {}) };
    })(),
    (async () => {
      const r = await tcpOk(storeEndpoint.host, storeEndpoint.port, timeout);
      return { name: 'query store', kind: 'store' as const, endpoint: `${storeEndpoint.host}:${storeEndpoint.port}`, reachable: r.ok, ...(r.detail ? { detail: r.detail } : {}) };
    })(),
  ];
  return Promise.all(checks);
}
