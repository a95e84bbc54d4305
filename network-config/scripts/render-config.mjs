// Renders the Fabric configuration for the local network from fixtures/network.json:
// crypto-config.yaml (cryptogen), configtx.yaml (configtxgen), and core.yaml / orderer.yaml
// copied from the pinned Fabric module's sampleconfig and patched for a Docker-free host.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [, , runtimeDir, sampleConfigDir] = process.argv;
if (!runtimeDir || !sampleConfigDir) throw new Error('usage: render-config.mjs RUNTIME_DIR SAMPLECONFIG_DIR');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const net = JSON.parse(readFileSync(path.join(root, 'fixtures/network.json'), 'utf8'));
const crypto = path.join(runtimeDir, 'crypto');
const configDir = path.join(runtimeDir, 'config');
mkdirSync(configDir, { recursive: true });

const sans = '      SANS:\n        - localhost\n        - 127.0.0.1\n';
// One cryptogen file per organisation, so generate.sh can re-issue a single organisation (see low-s-check.mjs).
const ordererCrypto = [
  'OrdererOrgs:',
  `  - Name: ${net.ordererOrg.key}`,
  `    Domain: ${net.ordererOrg.domain}`,
  '    EnableNodeOUs: true',
  '    Specs:',
  ...net.ordererOrg.orderers.map((o) => `      - Hostname: ${o.host}\n  ${sans}`),
].join('\n');
writeFileSync(path.join(configDir, `crypto-config-${net.ordererOrg.key}.yaml`), ordererCrypto + '\n');
for (const o of net.peerOrgs) {
  const peerCrypto = [
    'PeerOrgs:',
    `  - Name: ${o.key}`,
    `    Domain: ${o.domain}`,
    '    EnableNodeOUs: true',
    '    Template:',
    '      Count: 1',
    sans.trimEnd(),
    '    Users:',
    '      Count: 0',
  ].join('\n');
  writeFileSync(path.join(configDir, `crypto-config-${o.key}.yaml`), peerCrypto + '\n');
}

const sig = (rule) => `        Type: Signature\n        Rule: "${rule}"`;
const ordererMsp = path.join(crypto, 'ordererOrganizations', net.ordererOrg.domain, 'msp');
const orgBlocks = [
  `  - &${net.ordererOrg.key}`,
  `    Name: ${net.ordererOrg.mspId}`,
  `    ID: ${net.ordererOrg.mspId}`,
  `    MSPDir: ${ordererMsp}`,
  '    Policies:',
  `      Readers:\n${sig(`OR('${net.ordererOrg.mspId}.member')`)}`,
  `      Writers:\n${sig(`OR('${net.ordererOrg.mspId}.member')`)}`,
  `      Admins:\n${sig(`OR('${net.ordererOrg.mspId}.admin')`)}`,
  '    OrdererEndpoints:',
  ...net.ordererOrg.orderers.map((o) => `      - localhost:${o.port}`),
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
    `      - Host: localhost\n        Port: ${o.peer.port}`,
  ]),
];
const implicit = (rule) => `        Type: ImplicitMeta\n        Rule: "${rule}"`;
const tls = (o) => path.join(crypto, 'ordererOrganizations', net.ordererOrg.domain, 'orderers', o.name, 'tls', 'server.crt');
const configtx = `
Organizations:
${orgBlocks.join('\n')}

Capabilities:
  Channel: &ChannelCapabilities
    V2_0: true
  Orderer: &OrdererCapabilities
    V2_0: true
  Application: &ApplicationCapabilities
    V2_0: true

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
  OrdererType: etcdraft
  EtcdRaft:
    Consenters:
${net.ordererOrg.orderers.map((o) => `      - Host: localhost\n        Port: ${o.port}\n        ClientTLSCert: ${tls(o)}\n        ServerTLSCert: ${tls(o)}`).join('\n')}
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
  SystemGenesis:
    <<: *ChannelDefaults
    Orderer:
      <<: *OrdererDefaults
      Organizations:
        - *${net.ordererOrg.key}
      Capabilities:
        <<: *OrdererCapabilities
    Consortiums:
      ReferralConsortium:
        Organizations:
${net.peerOrgs.map((o) => `          - *${o.key}`).join('\n')}
  ReferralChannel:
    Consortium: ReferralConsortium
    <<: *ChannelDefaults
    Application:
      <<: *ApplicationDefaults
      Organizations:
${net.peerOrgs.map((o) => `        - *${o.key}`).join('\n')}
      Capabilities:
        <<: *ApplicationCapabilities
`;
writeFileSync(path.join(configDir, 'configtx.yaml'), configtx);

// core.yaml: no Docker endpoint, the chaincode-as-a-service external builder instead.
let core = readFileSync(path.join(sampleConfigDir, 'core.yaml'), 'utf8');
const builder = path.join(root, 'network-config', 'builders', 'ccaas');
core = core.replace(/^(\s*)endpoint: unix:\/\/\/var\/run\/docker\.sock$/m, '$1endpoint: ""');
core = core.replace(/^(\s*)externalBuilders: \[\]$/m, (_m, indent) =>
  `${indent}externalBuilders:\n${indent}    - path: ${builder}\n${indent}      name: ccaas-builder\n${indent}      environmentWhitelist: []`);
if (!core.includes('name: ccaas-builder') || /^\s*endpoint: unix/m.test(core)) throw new Error('core.yaml patch failed');
writeFileSync(path.join(configDir, 'core.yaml'), core);
writeFileSync(path.join(configDir, 'orderer.yaml'), readFileSync(path.join(sampleConfigDir, 'orderer.yaml'), 'utf8'));
writeFileSync(path.join(configDir, 'configtx-sample.yaml'), '# unused\n');
console.log(`    rendered crypto-config.yaml, configtx.yaml, core.yaml, orderer.yaml in ${configDir}`);
