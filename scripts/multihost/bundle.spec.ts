// The per-hospital deployment bundle (bundle.mjs): run for real into a temporary folder (fresh crypto from
// cryptogen, so the test needs network-config/bin, built by ensure-deps), then every file is inspected.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const HERE = __dirname;
const ROOT = path.resolve(HERE, '../..');
const NODE = process.execPath;
const network = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', 'network.json'), 'utf8')) as {
  peerOrgs: { key: string; domain: string; mspId: string; peer: { name: string; address: string } }[];
  ordererOrgs: { domain: string }[];
};
const hasCryptogen = fs.existsSync(path.join(ROOT, 'network-config', 'bin', 'cryptogen'));

function filesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function makeBundle(org: string, runtime: string, out: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(NODE, [path.join(HERE, 'bundle.mjs'), org, '--out', out], { encoding: 'utf8', env: { ...process.env, RUNTIME_DIR: runtime }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

(hasCryptogen ? describe : describe.skip)('npm run bundle -- <org>', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-spec-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it.each(['bangkhla', 'buddhasothorn'])('the bundle of %s holds its own keys only, systemd units, a README and no localhost', (key) => {
    const out = path.join(tmp, key);
    const r = makeBundle(key, path.join(tmp, 'runtime'), out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const org = network.peerOrgs.find((o) => o.key === key)!;
    const files = filesOf(out);
    const rel = files.map((f) => path.relative(out, f));

    // every private key lies in this organisation's own crypto folder, and there is at least its peer's
    const keys = files.filter((f) => /PRIVATE KEY/.test(fs.readFileSync(f, 'utf8')));
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(path.relative(out, k).startsWith(path.join('crypto', org.domain) + path.sep)).toBe(true);
    expect(rel).toContain(path.join('crypto', org.domain, 'peers', org.peer.name, 'tls', 'server.key'));
    // no other organisation's crypto folder, and no file names another organisation's domain in its path
    for (const other of network.peerOrgs.filter((o) => o.key !== key)) {
      expect(rel.filter((f) => f.includes(other.domain))).toEqual([]);
    }
    for (const o of network.ordererOrgs) expect(rel.filter((f) => f.includes(path.join(o.domain, 'orderers')))).toEqual([]);

    expect(rel).toEqual(expect.arrayContaining([`systemd/cco-peer-${key}.service`, `systemd/cco-chaincode-${key}.service`, `systemd/cco-ca-${key}.service`, 'README.md', 'config/peer.env', 'chaincode/connection.json']));
    // addresses come from the topology: no localhost, no 127.0.0.1 anywhere
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      expect({ file: path.relative(out, f), localhost: /localhost|127\.0\.0\.1/.test(text) }).toEqual({ file: path.relative(out, f), localhost: false });
    }
    const env = fs.readFileSync(path.join(out, 'config', 'peer.env'), 'utf8');
    expect(env).toContain(`CORE_PEER_ADDRESS=${org.peer.address}:`);
    expect(env).toContain(`CORE_PEER_LOCALMSPID=${org.mspId}`);
    // the peer's TLS certificate names its address (SAN)
    const cert = spawnSync('openssl', ['x509', '-noout', '-ext', 'subjectAltName', '-in', path.join(out, 'crypto', org.domain, 'peers', org.peer.name, 'tls', 'server.crt')], { encoding: 'utf8' });
    if (cert.status === 0) expect(cert.stdout).toContain(`IP Address:${org.peer.address}`);
  });

  it('refuses an organisation that is not on the network', () => {
    const r = makeBundle('atlantis', path.join(tmp, 'runtime'), path.join(tmp, 'atlantis'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/organisations: buddhasothorn/);
  });
});
