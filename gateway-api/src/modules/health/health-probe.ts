import { connect } from 'node:net';
import type { NetworkTopology } from '../../fabric/network-topology';

/** Reachability of one component of the system. */
export interface ComponentHealth {
  readonly name: string;
  readonly kind: 'orderer' | 'peer' | 'chaincode' | 'store';
  readonly endpoint: string;
  /** The organisation that runs it (MSP ID). */
  readonly organisation?: string;
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

const detailOf = (r: { detail?: string }): { detail?: string } => (r.detail ? { detail: r.detail } : {});

/** Checks every orderer and peer (their /healthz), each organisation's chaincode service, and the store. */
export async function probeSystem(topology: NetworkTopology, storeEndpoint: { host: string; port: number }): Promise<ComponentHealth[]> {
  const timeout = 2000;
  const checks: Promise<ComponentHealth>[] = [
    ...topology.ordererOrgs.flatMap((org) =>
      org.orderers.map(async (o) => {
        const host = o.address;
        const r = await httpOk(`http://${host}:${o.operationsPort}/healthz`, timeout);
        return { name: o.name, kind: 'orderer' as const, endpoint: `${host}:${o.port}`, organisation: org.mspId, reachable: r.ok, ...detailOf(r) };
      }),
    ),
    ...topology.peerOrgs.map(async (org) => {
      const host = org.peer.address;
      const r = await httpOk(`http://${host}:${org.peer.operationsPort}/healthz`, timeout);
      return { name: org.peer.name, kind: 'peer' as const, endpoint: `${host}:${org.peer.port}`, organisation: org.mspId, reachable: r.ok, ...detailOf(r) };
    }),
    ...topology.peerOrgs.map(async (org) => {
      const host = org.peer.address;
      const r = await tcpOk(host, org.peer.chaincodeServicePort, timeout);
      return {
        name: `chaincode ${topology.chaincode.name} (${org.key})`,
        kind: 'chaincode' as const,
        endpoint: `${host}:${org.peer.chaincodeServicePort}`,
        organisation: org.mspId,
        reachable: r.ok,
        ...detailOf(r),
      };
    }),
    (async () => {
      const r = await tcpOk(storeEndpoint.host, storeEndpoint.port, timeout);
      return { name: 'query store', kind: 'store' as const, endpoint: `${storeEndpoint.host}:${storeEndpoint.port}`, reachable: r.ok, ...detailOf(r) };
    })(),
  ];
  return Promise.all(checks);
}
