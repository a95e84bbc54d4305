// Writes Caliper's network configuration (Fabric connector, network config format 2.0.0) for the running
// network: one organisation per peer organisation of fixtures/network.json (or .runtime/network.json), each with
// its clinician's identity from .runtime/users and a connection profile holding only its own peer (TLS CA from
// .runtime/crypto). Output: bench/caliper/generated/ (absolute paths; not committed).
//   node bench/caliper/make-network.mjs
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const runtime = process.env.RUNTIME_DIR ?? path.join(root, '.runtime');
const topologyFile = existsSync(path.join(runtime, 'network.json')) ? path.join(runtime, 'network.json') : path.join(root, 'fixtures', 'network.json');
const topology = JSON.parse(readFileSync(topologyFile, 'utf8'));
const out = path.join(here, 'generated');
mkdirSync(out, { recursive: true });

/** The organisations Caliper drives: the hospitals (the provincial office sends no referrals). */
export const hospitals = topology.peerOrgs.filter((o) => o.key !== 'pho');

const organizations = hospitals.map((org) => {
  const user = `clinician.${org.key}`;
  const dir = path.join(runtime, 'users', user);
  const tlsCa = path.join(runtime, 'crypto', 'peerOrganizations', org.domain, 'tlsca', `tlsca.${org.domain}-cert.pem`);
  for (const f of [path.join(dir, 'cert.pem'), path.join(dir, 'key.pem'), tlsCa]) if (!existsSync(f)) throw new Error(`missing ${f}: is the network up (npm start)?`);
  const profile = {
    name: `referrals-${org.key}`,
    version: '1.0.0',
    client: { organization: org.mspId },
    organizations: { [org.mspId]: { mspid: org.mspId, peers: [org.peer.name] } },
    peers: {
      [org.peer.name]: {
        url: `grpcs://${org.peer.address ?? '127.0.0.1'}:${org.peer.port}`,
        tlsCACerts: { path: tlsCa },
        grpcOptions: { 'ssl-target-name-override': org.peer.name, hostnameOverride: org.peer.name },
      },
    },
  };
  const profilePath = path.join(out, `profile-${org.key}.json`);
  writeFileSync(profilePath, JSON.stringify(profile, null, 2));
  return {
    mspid: org.mspId,
    identities: { certificates: [{ name: user, clientPrivateKey: { path: path.join(dir, 'key.pem') }, clientSignedCert: { path: path.join(dir, 'cert.pem') } }] },
    connectionProfile: { path: profilePath, discover: true },
  };
});

const network = {
  name: 'chachoengsao-referrals',
  version: '2.0.0',
  caliper: { blockchain: 'fabric' },
  channels: [{ channelName: topology.channel, contracts: [{ id: topology.chaincode.name }] }],
  organizations,
};
writeFileSync(path.join(out, 'network.json'), JSON.stringify(network, null, 2));
// the workloads need the hospitals' MSP IDs and unit codes
writeFileSync(path.join(out, 'hospitals.json'), JSON.stringify(hospitals.map((o) => ({ key: o.key, mspId: o.mspId, hcode: o.hcode, user: `clinician.${o.key}` })), null, 2));
console.log(`Caliper network config for ${hospitals.length} organisations in ${path.relative(root, out)}/network.json`);
