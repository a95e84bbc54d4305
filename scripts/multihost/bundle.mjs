// npm run bundle -- <org> [--out DIR] [--topology FILE] [--prefix /opt/cco-referral]
// Writes everything one organisation's own host needs to run its part of the provincial network: config files,
// that organisation's crypto material only (public CA certificates of the ordering service, never another
// organisation's key), systemd units for its peer, chaincode service and CA, and a README with the join steps.
//
// Crypto: the running network's material for that organisation (RUNTIME_DIR/crypto) when it exists, otherwise
// freshly generated with cryptogen from that organisation's own crypto-config (its certificates carry the host
// name and address of the topology). Default output: RUNTIME_DIR/bundles/<org>.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { root } from '../../network-config/scripts/topology.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, topology: { type: 'string' }, prefix: { type: 'string' } },
});
const key = positionals[0];
const runtimeDir = process.env.RUNTIME_DIR ?? path.join(root, '.runtime');
const topologyFile =
  values.topology ?? (existsSync(path.join(runtimeDir, 'network.json')) ? path.join(runtimeDir, 'network.json') : path.join(root, 'fixtures', 'network.json'));
const net = JSON.parse(readFileSync(topologyFile, 'utf8'));
const org = net.peerOrgs.find((o) => o.key === key);
if (!org) {
  console.error(`usage: npm run bundle -- <org> [--out DIR] [--topology FILE]\norganisations: ${net.peerOrgs.map((o) => o.key).join(', ')}`);
  process.exit(2);
}
const out = path.resolve(values.out ?? path.join(runtimeDir, 'bundles', key));
const prefix = values.prefix ?? `/opt/cco-referral/${key}`;
const bin = path.join(root, 'network-config', 'bin');
const peer = org.peer;
if (!peer.address || !org.ca?.address) throw new Error(`${key} has no peer or CA address in ${topologyFile} (docs/multihost.md)`);
const ccAddress = peer.chaincodeServiceAddress ?? peer.address;
const orderers = net.ordererOrgs.flatMap((o) => o.orderers.map((n) => ({ ...n, org: o })));

rmSync(out, { recursive: true, force: true });
for (const d of ['config', 'crypto', 'systemd', 'chaincode']) mkdirSync(path.join(out, d), { recursive: true });
const write = (rel, text) => writeFileSync(path.join(out, rel), text.endsWith('\n') ? text : `${text}\n`);

// --- crypto: this organisation's folder only -------------------------------------------------------------------
const ownCrypto = path.join(runtimeDir, 'crypto', 'peerOrganizations', org.domain);
let source = 'the running network (RUNTIME_DIR/crypto)';
let cryptoSrc = ownCrypto;
let tmp;
if (!existsSync(ownCrypto)) {
  tmp = mkdtempSync(path.join(os.tmpdir(), `bundle-${key}-`));
  const cfg = [
    'PeerOrgs:',
    `  - Name: ${org.key}`,
    `    Domain: ${org.domain}`,
    '    EnableNodeOUs: true',
    '    Template:',
    '      Count: 1',
    '      SANS:',
    `        - ${peer.address}`,
    '    Users:',
    '      Count: 0',
  ].join('\n');
  writeFileSync(path.join(tmp, 'crypto-config.yaml'), `${cfg}\n`);
  execFileSync(path.join(bin, 'cryptogen'), ['generate', `--config=${path.join(tmp, 'crypto-config.yaml')}`, `--output=${tmp}/out`], { stdio: 'pipe' });
  cryptoSrc = path.join(tmp, 'out', 'peerOrganizations', org.domain);
  source = 'generated for this bundle with cryptogen (a new organisation joins with these through a channel update)';
}
cpSync(cryptoSrc, path.join(out, 'crypto', org.domain), { recursive: true });
// public certificates only of the ordering service: its TLS CA, to reach the orderers
for (const o of net.ordererOrgs) {
  const ca = path.join(runtimeDir, 'crypto', 'ordererOrganizations', o.domain, 'tlsca', `tlsca.${o.domain}-cert.pem`);
  if (existsSync(ca)) {
    mkdirSync(path.join(out, 'crypto', 'orderers'), { recursive: true });
    cpSync(ca, path.join(out, 'crypto', 'orderers', `tlsca.${o.domain}-cert.pem`));
  }
}
const block = path.join(runtimeDir, 'artifacts', `${net.channel}.block`);
if (existsSync(block)) cpSync(block, path.join(out, 'config', `${net.channel}.block`));
if (tmp) rmSync(tmp, { recursive: true, force: true });

// --- config ----------------------------------------------------------------------------------------------------
const P = (...p) => path.posix.join(prefix, ...p);
const peerDir = P('crypto', org.domain, 'peers', peer.name);
const core = existsSync(path.join(runtimeDir, 'config', 'core.yaml')) ? path.join(runtimeDir, 'config', 'core.yaml') : path.join(bin, 'core.yaml');
if (existsSync(core)) {
  const text = readFileSync(core, 'utf8')
    .replace(/^(\s*)endpoint: unix:\/\/\/var\/run\/docker\.sock$/m, '$1endpoint: ""')
    .replace(/^(\s*)path: \S*ccaas\S*$/m, `$1path: ${P('builders', 'ccaas')}`)
    // this host's own addresses instead of the sample's loopback defaults (peer.env sets them too)
    .replace(/^(\s*)bootstrap: 127\.0\.0\.1:\d+$/m, `$1bootstrap: ${peer.address}:${peer.port}`)
    .replace(/^(\s*)listenAddress: 127\.0\.0\.1:\d+$/m, `$1listenAddress: ${peer.address}:${peer.operationsPort}`)
    .replace(/^(\s*)couchDBAddress: 127\.0\.0\.1:\d+$/m, `$1couchDBAddress: ""`)
    .replace(/^(\s*)address: 127\.0\.0\.1:8125$/m, `$1address: ""`)
    .replace(/^(\s*)# https?:\/\/localhost:\d+\n/gm, '');
  write('config/core.yaml', text);
}
const peerEnv = {
  FABRIC_CFG_PATH: P('config'),
  FABRIC_LOGGING_SPEC: 'info:gossip=warning:discovery=warning',
  CORE_PEER_ID: peer.name,
  CORE_PEER_ADDRESS: `${peer.address}:${peer.port}`,
  CORE_PEER_LISTENADDRESS: `${peer.address}:${peer.port}`,
  CORE_PEER_CHAINCODEADDRESS: `${peer.address}:${peer.chaincodePort}`,
  CORE_PEER_CHAINCODELISTENADDRESS: `${peer.address}:${peer.chaincodePort}`,
  CORE_PEER_GOSSIP_BOOTSTRAP: `${peer.address}:${peer.port}`,
  CORE_PEER_GOSSIP_EXTERNALENDPOINT: `${peer.address}:${peer.port}`,
  CORE_PEER_GOSSIP_RECONNECTINTERVAL: '5s',
  // a hospital whose WAN link drops reconnects to the orderers within 10 s of its return (default: up to an hour)
  CORE_PEER_DELIVERYCLIENT_RECONNECTBACKOFFTHRESHOLD: '10s',
  CORE_PEER_LOCALMSPID: org.mspId,
  CORE_PEER_MSPCONFIGPATH: `${peerDir}/msp`,
  CORE_PEER_TLS_ENABLED: 'true',
  CORE_PEER_TLS_CERT_FILE: `${peerDir}/tls/server.crt`,
  CORE_PEER_TLS_KEY_FILE: `${peerDir}/tls/server.key`,
  CORE_PEER_TLS_ROOTCERT_FILE: `${peerDir}/tls/ca.crt`,
  CORE_PEER_FILESYSTEMPATH: P('data', 'peer'),
  CORE_LEDGER_STATE_STATEDATABASE: 'goleveldb',
  CORE_LEDGER_SNAPSHOTS_ROOTDIR: P('data', 'snapshots'),
  CORE_OPERATIONS_LISTENADDRESS: `${peer.address}:${peer.operationsPort}`,
  CORE_CHAINCODE_EXECUTETIMEOUT: '60s',
};
const envFile = (obj) => Object.entries(obj).map(([k, v]) => `${k}=${v}`).join('\n');
write('config/peer.env', envFile(peerEnv));
write('config/chaincode.env', envFile({ CORE_CHAINCODE_LOGGING_LEVEL: 'info', CHAINCODE_ADDRESS: `${ccAddress}:${peer.chaincodeServicePort}` }));
write(
  'config/ca.env',
  envFile({
    FABRIC_CA_SERVER_HOME: P('data', 'ca'),
    FABRIC_CA_SERVER_CA_NAME: org.ca.host,
    FABRIC_CA_SERVER_ADDRESS: org.ca.address,
    FABRIC_CA_SERVER_PORT: org.ca.port,
    FABRIC_CA_SERVER_TLS_ENABLED: 'true',
    FABRIC_CA_SERVER_CSR_HOSTS: `${org.ca.host},${org.ca.address}`,
  }),
);
const label = `${net.chaincode.label}_${key}`;
write('chaincode/connection.json', JSON.stringify({ address: `${ccAddress}:${peer.chaincodeServicePort}`, dial_timeout: '10s', tls_required: false }));
write('chaincode/metadata.json', JSON.stringify({ type: 'ccaas', label }));
write('config/network.json', JSON.stringify(net, null, 2));
write(
  'config/connection-profile.json',
  JSON.stringify(
    {
      name: `referrals-${key}`,
      version: '1.0.0',
      client: { organization: org.mspId },
      organizations: { [org.mspId]: { mspid: org.mspId, peers: [peer.name], certificateAuthorities: [org.ca.host] } },
      peers: { [peer.name]: { url: `grpcs://${peer.address}:${peer.port}`, tlsCACerts: { path: P('crypto', org.domain, 'tlsca', `tlsca.${org.domain}-cert.pem`) }, grpcOptions: { 'ssl-target-name-override': peer.name } } },
      certificateAuthorities: { [org.ca.host]: { url: `https://${org.ca.address}:${org.ca.port}`, caName: org.ca.host } },
    },
    null,
    2,
  ),
);

// --- systemd ---------------------------------------------------------------------------------------------------
const unit = (desc, after, env, exec, extra = '') => `[Unit]
Description=${desc}
After=network-online.target${after ? ` ${after}` : ''}
Wants=network-online.target

[Service]
Type=simple
User=cco-referral
WorkingDirectory=${prefix}
EnvironmentFile=${P('config', env)}
ExecStart=${exec}
Restart=always
RestartSec=5
LimitNOFILE=65536
${extra}
[Install]
WantedBy=multi-user.target
`;
write(`systemd/cco-peer-${key}.service`, unit(`Fabric peer ${peer.name} (${org.mspId})`, '', 'peer.env', `${P('bin', 'peer')} node start`));
write(
  `systemd/cco-chaincode-${key}.service`,
  unit(
    `Referral chaincode service of ${org.mspId} (ccaas, ${ccAddress}:${peer.chaincodeServicePort})`,
    '',
    'chaincode.env',
    `/usr/bin/env node ${P('chaincode-app', 'node_modules', 'fabric-shim', 'cli.js')} server --chaincode-address \${CHAINCODE_ADDRESS} --chaincode-id \${CHAINCODE_ID}`,
    `EnvironmentFile=-${P('config', 'chaincode-id.env')}\n`,
  ),
);
write(`systemd/cco-ca-${key}.service`, unit(`Fabric CA ${org.ca.host} (${org.mspId})`, '', 'ca.env', `${P('bin', 'fabric-ca-server')} start`));

// --- README ----------------------------------------------------------------------------------------------------
const ordererList = orderers.map((o) => `${o.name} at ${o.address}:${o.port}`).join('; ');
write(
  'README.md',
  `# Deployment bundle: ${org.nameEn} (${org.mspId})

Everything the host of ${org.nameEn} needs to run its part of the Chachoengsao referral network: its peer
\`${peer.name}\`, its chaincode service and its certificate authority. Install it under \`${prefix}\`.

| Node | Host name | Address |
|---|---|---|
| peer | ${peer.name} | ${peer.address}:${peer.port} (chaincode ${peer.chaincodePort}, operations ${peer.operationsPort}) |
| chaincode service | ${label} | ${ccAddress}:${peer.chaincodeServicePort} |
| CA | ${org.ca.host} | ${org.ca.address}:${org.ca.port} |

Orderers (Provincial Health Office): ${ordererList}.

Crypto material: ${source}. It holds **this organisation's keys only**; \`crypto/orderers/\` holds the ordering
service's public TLS CA certificate. Keep \`crypto/${org.domain}\` readable by the service user only.

## Files
- \`config/peer.env\`, \`config/chaincode.env\`, \`config/ca.env\`: the services' environment (addresses from the topology).
- \`config/core.yaml\`: peer configuration (no Docker; the ccaas external builder).
- \`config/network.json\`: the provincial topology (public: names, addresses, ports).
- \`config/connection-profile.json\`: this organisation's peer and CA for client applications.
- \`config/${net.channel}.block\`: the channel's genesis block (when the bundle was made from a running network).
- \`chaincode/connection.json\`, \`chaincode/metadata.json\`: the ccaas package of this organisation's chaincode service.
- \`systemd/\`: unit files for the peer, the chaincode service and the CA.

## Join the provincial network
1. Create the service user and layout: \`useradd --system cco-referral; mkdir -p ${prefix}/{bin,data}\`; copy this bundle to \`${prefix}\`
   and the Fabric 3.1.5 binaries (\`peer\`, \`fabric-ca-server\`, ccaas builder in \`builders/ccaas/bin\`) to \`${prefix}/bin\`.
2. Make the host reachable as ${peer.address} (ports ${peer.port}, ${peer.chaincodePort}, ${peer.operationsPort}, ${peer.chaincodeServicePort}, ${org.ca.port})
   and open the firewall to the other organisations' peers and to the orderers (${orderers.map((o) => `${o.address}:${o.port}`).join(', ')}).
3. A new organisation only: send \`crypto/${org.domain}/msp\` (public certificates) to the Provincial Health Office, which adds
   ${org.mspId} with anchor peer ${peer.address}:${peer.port} to channel \`${net.channel}\` by a channel configuration update
   signed by a majority of the organisations' admins.
4. \`cp systemd/*.service /etc/systemd/system/ && systemctl daemon-reload && systemctl enable --now cco-ca-${key} cco-peer-${key}\`.
5. Join the channel as the organisation's admin:
   \`FABRIC_CFG_PATH=${P('config')} CORE_PEER_LOCALMSPID=${org.mspId} CORE_PEER_ADDRESS=${peer.address}:${peer.port} CORE_PEER_TLS_ENABLED=true CORE_PEER_TLS_ROOTCERT_FILE=${peerDir}/tls/ca.crt CORE_PEER_MSPCONFIGPATH=${P('crypto', org.domain, 'users', `Admin@${org.domain}`, 'msp')} peer channel join -b config/${net.channel}.block\`
   (or \`peer channel fetch 0\` from an orderer).
6. Install the chaincode package (tar \`chaincode/connection.json\` into code.tar.gz, then with metadata.json into \`${label}.tgz\`):
   \`peer lifecycle chaincode install ${label}.tgz\`; write \`CHAINCODE_ID=<package id>\` to \`config/chaincode-id.env\`;
   \`systemctl enable --now cco-chaincode-${key}\`; approve the channel's current chaincode definition with that package id
   (\`peer lifecycle chaincode approveformyorg -o ${orderers[0]?.address}:${orderers[0]?.port} --tls --cafile crypto/orderers/tlsca.${net.ordererOrgs[0]?.domain}-cert.pem ...\`).
7. Check: \`curl http://${peer.address}:${peer.operationsPort}/healthz\` and \`peer channel getinfo -c ${net.channel}\` reaches the other peers' height.
`,
);

// --- summary ---------------------------------------------------------------------------------------------------
const files = [];
const walk = (d) => {
  for (const f of readdirSync(d)) {
    const p = path.join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(path.relative(out, p));
  }
};
walk(out);
console.log(`bundle for ${org.mspId} (${files.length} files) in ${out}`);
