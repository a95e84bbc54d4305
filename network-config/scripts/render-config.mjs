// Renders the Fabric 3 configuration of the local network from the topology (topology.mjs):
// crypto-config-<org>.yaml (cryptogen), configtx.yaml (configtxgen, etcdraft or BFT, no system channel), and
// core.yaml / orderer.yaml from the built release's sampleconfig, patched for a Docker-free host.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadTopology, orderersOf, root } from './topology.mjs';

const [, , runtimeDir, sampleConfigDir] = process.argv;
if (!runtimeDir || !sampleConfigDir) throw new Error('usage: render-config.mjs RUNTIME_DIR SAMPLECONFIG_DIR');
const net = loadTopology();
const bft = net.consensus === 'BFT';
const crypto = path.join(runtimeDir, 'crypto');
const configDir = path.join(runtimeDir, 'config');
mkdirSync(configDir, { recursive: true });

// Every node's TLS certificate names its host name (cryptogen adds the CN and host implicitly) and its address from
// the topology, nothing else: no localhost, so a node reached through a hard-coded loopback address fails the TLS check.
const need = (node, what) => {
  if (!node.address) throw new Error(`${what} has no "address" in the topology (see docs/multihost.md)`);
  return node.address;
};
const sans = (extra) => ['      SANS:', ...[...new Set(extra)].map((s) => `        - ${s}`)].join('\n');
// One cryptogen file per organisation, so one organisation's material can be issued on its own host.
for (const org of net.ordererOrgs) {
  const lines = ['OrdererOrgs:', `  - Name: ${org.key}`, `    Domain: ${org.domain}`, '    EnableNodeOUs: true', '    Specs:'];
  for (const o of org.orderers) lines.push(`      - Hostname: ${o.host}`, sans([need(o, o.name), ...(o.listenAddress ? [o.listenAddress] : [])]).replace(/^/gm, '  '));
  writeFileSync(path.join(configDir, `crypto-config-${org.key}.yaml`), lines.join('\n') + '\n');
}
for (const o of net.peerOrgs) {
  const lines = ['PeerOrgs:', `  - Name: ${o.key}`, `    Domain: ${o.domain}`, '    EnableNodeOUs: true', '    Template:', '      Count: 1',
    sans([need(o.peer, o.peer.name), ...(o.peer.listenAddress ? [o.peer.listenAddress] : [])]), '    Users:', '      Count: 0'];
  writeFileSync(path.join(configDir, `crypto-config-${o.key}.yaml`), lines.join('\n') + '\n');
}

const host = (node) => need(node, node.name);
const sig = (rule) => `        Type: Signature\n        Rule: "${rule}"`;
const implicit = (rule) => `        Type: ImplicitMeta\n        Rule: "${rule}"`;
const ordererDir = (o) => path.join(crypto, 'ordererOrganizations', o.org.domain, 'orderers', o.name);
const orgBlocks = [
  ...net.ordererOrgs.flatMap((org) => [
    `  - &${org.key}`,
    `    Name: ${org.mspId}`,
    `    ID: ${org.mspId}`,
    `    MSPDir: ${path.join(crypto, 'ordererOrganizations', org.domain, 'msp')}`,
    '    Policies:',
    `      Readers:\n${sig(`OR('${org.mspId}.member')`)}`,
    `      Writers:\n${sig(`OR('${org.mspId}.member')`)}`,
    `      Admins:\n${sig(`OR('${org.mspId}.admin')`)}`,
    '    OrdererEndpoints:',
    ...org.orderers.map((o) => `      - ${host(o)}:${o.port}`),
  ]),
  ...net.peerOrgs.flatMap((o) => [
    `  - &${o.key}`,
    `    Name: ${o.mspId}`,
    `    ID: ${o.mspId}`,
    `    MSPDir: ${path.join(crypto, 'peerOrganizations', o.domain, 'msp')}`,
    '    Policies:',
    `      Readers:\n${sig(`OR('${o.mspId}.admin', '${o.mspId}.peer', '${o.mspId}.client')`)}`,
    `      Writers:\n${sig(`OR('${o.mspId}.admin', '${o.mspId}.client')`)}`,
    `      Admins:\n${sig(`OR('${o.mspId}.admin')`)}`,
    `      Endorsement:\n${sig(`OR('${o.mspId}.peer')`)}`,
    '    AnchorPeers:',
    `      - Host: ${host(o.peer)}\n        Port: ${o.peer.port}`,
  ]),
];
const orderers = orderersOf(net);
const raftConsenters = orderers
  .map((o) => `      - Host: ${host(o)}\n        Port: ${o.port}\n        ClientTLSCert: ${ordererDir(o)}/tls/server.crt\n        ServerTLSCert: ${ordererDir(o)}/tls/server.crt`)
  .join('\n');
const bftConsenters = orderers
  .map((o, i) =>
    [
      `    - ID: ${i + 1}`,
      `      Host: ${host(o)}`,
      `      Port: ${o.port}`,
      `      MSPID: ${o.org.mspId}`,
      `      ClientTLSCert: ${ordererDir(o)}/tls/server.crt`,
      `      ServerTLSCert: ${ordererDir(o)}/tls/server.crt`,
      `      Identity: ${ordererDir(o)}/msp/signcerts/${o.name}-cert.pem`,
    ].join('\n'),
  )
  .join('\n');
const consensus = bft
  ? `  OrdererType: BFT
  ConsenterMapping:
${bftConsenters}
  SmartBFT:
    RequestBatchMaxCount: 500
    RequestBatchMaxBytes: 10485760
    RequestBatchMaxInterval: ${net.batchTimeout}
    IncomingMessageBufferSize: 200
    RequestPoolSize: 100000
    RequestForwardTimeout: 2s
    RequestComplainTimeout: 20s
    RequestAutoRemoveTimeout: 3m0s
    ViewChangeResendInterval: 5s
    ViewChangeTimeout: 20s
    LeaderHeartbeatTimeout: 1m0s
    LeaderHeartbeatCount: 10
    CollectTimeout: 1s
    SyncOnStart: true
    SpeedUpViewChange: false`
  : `  OrdererType: etcdraft
  EtcdRaft:
    Consenters:
${raftConsenters}
    Options:
      TickInterval: 200ms
      ElectionTick: 10
      HeartbeatTick: 1
      MaxInflightBlocks: 5
      SnapshotIntervalSize: 16 MB`;

const configtx = `
Organizations:
${orgBlocks.join('\n')}

Capabilities:
  Channel: &ChannelCapabilities
    V3_0: true
  Orderer: &OrdererCapabilities
    V2_0: true
  Application: &ApplicationCapabilities
    V2_5: true

Application: &ApplicationDefaults
  Organizations:
  Policies:
    Readers:
${implicit('ANY Readers')}
    Writers:
${implicit('ANY Writers')}
    Admins:
${implicit('MAJORITY Admins')}
    LifecycleEndorsement:
${implicit('MAJORITY Endorsement')}
    Endorsement:
${implicit('MAJORITY Endorsement')}
  Capabilities:
    <<: *ApplicationCapabilities

Orderer: &OrdererDefaults
${consensus}
  BatchTimeout: ${net.batchTimeout}
  BatchSize:
    MaxMessageCount: 500
    AbsoluteMaxBytes: 10 MB
    PreferredMaxBytes: 2 MB
  Organizations:
  Policies:
    Readers:
${implicit('ANY Readers')}
    Writers:
${implicit('ANY Writers')}
    Admins:
${implicit('MAJORITY Admins')}
    BlockValidation:
${implicit('ANY Writers')}

Channel: &ChannelDefaults
  Policies:
    Readers:
${implicit('ANY Readers')}
    Writers:
${implicit('ANY Writers')}
    Admins:
${implicit('MAJORITY Admins')}
  Capabilities:
    <<: *ChannelCapabilities

Profiles:
  ReferralChannel:
    <<: *ChannelDefaults
    Orderer:
      <<: *OrdererDefaults
      Organizations:
${net.ordererOrgs.map((o) => `        - *${o.key}`).join('\n')}
      Capabilities:
        <<: *OrdererCapabilities
    Application:
      <<: *ApplicationDefaults
      Organizations:
${net.peerOrgs.map((o) => `        - *${o.key}`).join('\n')}
      Capabilities:
        <<: *ApplicationCapabilities
`;
writeFileSync(path.join(configDir, 'configtx.yaml'), configtx);

// core.yaml: no Docker endpoint; the official ccaas builder as the only external builder.
let core = readFileSync(path.join(sampleConfigDir, 'core.yaml'), 'utf8');
const builder = path.join(root, 'network-config', 'builders', 'ccaas');
core = core.replace(/^(\s*)endpoint: unix:\/\/\/var\/run\/docker\.sock$/m, '$1endpoint: ""');
core = core.replace('path: /opt/hyperledger/ccaas_builder', `path: ${builder}`);
if (!core.includes(`path: ${builder}`) || /^\s*endpoint: unix/m.test(core)) throw new Error('core.yaml patch failed');
writeFileSync(path.join(configDir, 'core.yaml'), core);
writeFileSync(path.join(configDir, 'orderer.yaml'), readFileSync(path.join(sampleConfigDir, 'orderer.yaml'), 'utf8'));
console.log(`    rendered crypto-config, configtx.yaml (${bft ? 'SmartBFT' : 'etcdraft'}), core.yaml, orderer.yaml in ${configDir}`);
