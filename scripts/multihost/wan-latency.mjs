// The provincial WAN on one machine: every organisation's nodes listen on their own address (127.0.1.x peers,
// 127.0.2.x orderers) and are reached by everyone else through Toxiproxy on a "public" address (127.0.3.x peers,
// 127.0.4.x orderers) that adds latency in both directions. Used by wan-latency.sh.
//   node wan-latency.mjs topology OUT.json        writes the derived topology (address = proxy, listenAddress = node)
//   node wan-latency.mjs proxies  TOPOLOGY.json   creates one proxy per node port in the running toxiproxy-server
//   node wan-latency.mjs on [MS] [JITTER] | off    adds (default 20 ± 5 ms each way) or removes the latency toxics
//   node wan-latency.mjs p95 LABEL BENCH.json      records the create/accept p95 of a bench:api run under LABEL
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../network-config/scripts/topology.mjs';

const API = process.env.TOXIPROXY_URL ?? 'http://127.0.0.1:8474';
const [, , cmd, ...args] = process.argv;
const report = path.join(root, 'reports', 'wan-latency.json');

async function api(method, url, body) {
  const res = await fetch(`${API}${url}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok && !(method === 'DELETE' && res.status === 404)) throw new Error(`toxiproxy ${method} ${url}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json().catch(() => undefined);
}

/** [name, listen, upstream] for every node port another organisation (or the gateway) dials. */
function proxiesOf(net) {
  const rows = [];
  for (const org of net.ordererOrgs)
    for (const o of org.orderers)
      for (const p of [o.port, o.adminPort, o.operationsPort]) rows.push([`${o.name}-${p}`, `${o.address}:${p}`, `${o.listenAddress}:${p}`]);
  for (const org of net.peerOrgs)
    for (const p of [org.peer.port, org.peer.operationsPort, org.peer.chaincodeServicePort])
      rows.push([`${org.peer.name}-${p}`, `${org.peer.address}:${p}`, `${p === org.peer.chaincodeServicePort ? org.peer.chaincodeServiceAddress : org.peer.listenAddress}:${p}`]);
  return rows;
}

if (cmd === 'topology') {
  const consensus = process.env.CONSENSUS_CHOICE === 'bft' ? 'network-bft.json' : 'network.json';
  const net = JSON.parse(readFileSync(path.join(root, 'fixtures', consensus), 'utf8'));
  const pub = (a) => a.replace(/^127\.0\.1\./, '127.0.3.').replace(/^127\.0\.2\./, '127.0.4.');
  for (const org of net.ordererOrgs) org.orderers = org.orderers.map((o) => ({ ...o, listenAddress: o.address, address: pub(o.address) }));
  for (const org of net.peerOrgs) {
    const own = org.peer.address;
    org.peer = { ...org.peer, listenAddress: own, address: pub(own), chaincodeServiceAddress: org.peer.chaincodeServiceAddress ?? own };
  }
  writeFileSync(args[0], JSON.stringify(net, null, 2) + '\n');
  console.log(`    WAN topology: ${proxiesOf(net).length} proxied node ports (${args[0]})`);
} else if (cmd === 'proxies') {
  const net = JSON.parse(readFileSync(args[0], 'utf8'));
  const rows = proxiesOf(net);
  await api('POST', '/populate', rows.map(([name, listen, upstream]) => ({ name, listen, upstream, enabled: true })));
  console.log(`    toxiproxy: ${rows.length} proxies (e.g. ${rows[0][1]} → ${rows[0][2]})`);
} else if (cmd === 'on' || cmd === 'off') {
  const latency = Number(args[0] ?? 20);
  const jitter = Number(args[1] ?? 5);
  const proxies = Object.keys(await api('GET', '/proxies'));
  for (const name of proxies) {
    for (const stream of ['upstream', 'downstream']) {
      await api('DELETE', `/proxies/${encodeURIComponent(name)}/toxics/wan_${stream}`);
      if (cmd === 'on') await api('POST', `/proxies/${encodeURIComponent(name)}/toxics`, { name: `wan_${stream}`, type: 'latency', stream, toxicity: 1, attributes: { latency, jitter } });
    }
  }
  console.log(`    toxiproxy: ${cmd === 'on' ? `${latency} ± ${jitter} ms each way` : 'no added latency'} on ${proxies.length} proxies`);
} else if (cmd === 'p95') {
  const [label, benchFile] = args;
  const bench = JSON.parse(readFileSync(benchFile, 'utf8'));
  const all = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : {};
  all[label] = Object.fromEntries(bench.rows.map((r) => [`${r.operation}@${r.concurrency}`, { p50: r.p50, p95: r.p95, p99: r.p99, perSecond: r.perSecond, ok: r.ok, failed: r.failed }]));
  all.at = new Date().toISOString();
  mkdirSync(path.dirname(report), { recursive: true });
  writeFileSync(report, JSON.stringify(all, null, 2));
  for (const r of bench.rows) console.log(`    ${label}: ${r.operation} (concurrency ${r.concurrency}) p95 ${r.p95} ms, p50 ${r.p50} ms, ${r.perSecond}/s, ${r.failed} failed`);
} else {
  console.error('usage: wan-latency.mjs topology OUT | proxies TOPOLOGY | on [MS JITTER] | off | p95 LABEL BENCH.json');
  process.exit(2);
}
