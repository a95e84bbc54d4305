import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { KeyWallet } from './key-wallet';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);

const caOrgSchema = z.object({
  key: z.string(),
  mspId: z.string(),
  domain: z.string(),
  address: z.string().optional(),
  peer: z.object({ address: z.string().optional() }),
  ca: z.object({ name: z.string(), address: z.string().optional(), port: z.number(), operationsPort: z.number().optional() }),
});
// an organisation that joined later with `npm run org:add` runs no CA (its users are issued by org-add.mjs): it is
// simply not in the map, so only its CA-backed administration is refused
const caTopologySchema = z.object({ peerOrgs: z.array(z.looseObject({ ca: z.unknown().optional() })) });

/** One organisation's Fabric CA as the topology (fixtures/network.json, peerOrgs[].ca) describes it. */
export type CaOrg = z.infer<typeof caOrgSchema>;

/** What to write into a person's enrolment certificate. */
export interface EnrolmentAttributes {
  readonly username: string;
  readonly orgKey: string;
  readonly role: string;
  readonly hcode: string;
  readonly designation?: string | undefined;
}

/** Result of publishing an organisation's CRL on the channel (network-config/scripts/crl-update.sh). */
export interface CrlUpdate {
  readonly org: string;
  readonly msp?: string;
  readonly modPolicy?: string;
  readonly revokedSerials?: string;
  readonly unchanged?: boolean;
  readonly ms: number;
}

/** The operations identity administration needs from the organisations' certificate authorities. */
export interface CertificateAuthorities {
  /** Registers the person with their attributes (or resets a registered one's secret and attributes) and enrols them. */
  enrol(person: EnrolmentAttributes): Promise<{ serial: string }>;
  /** Revokes every certificate of the person and publishes the organisation's new CRL in the channel configuration. */
  revoke(person: Pick<EnrolmentAttributes, 'username' | 'orgKey'>): Promise<CrlUpdate>;
}

/** ecert attributes as fabric-ca-client takes them: `role=nurse:ecert,hcode=11138:ecert[,designation=…:ecert]`. */
export function attributeList(person: EnrolmentAttributes): string {
  const attrs = [`role=${person.role}:ecert`, `hcode=${person.hcode}:ecert`];
  if (person.designation !== undefined) attrs.push(`designation=${person.designation}:ecert`);
  return attrs.join(',');
}

/**
 * The organisations' Fabric CA servers through `fabric-ca-client` (network-config/bin), as each organisation's
 * registrar (enrolled once by network-config/scripts/enroll-users.mjs into .runtime/ca-clients/<org>/registrar).
 * A person's enrolled material goes to .runtime/users/<username> (cert.pem, key.pem, msp/), as for the demo users.
 */
export class FabricCaAdmin implements CertificateAuthorities {
  readonly #rootDir: string;
  readonly #runtimeDir: string;
  readonly #orgs: ReadonlyMap<string, CaOrg>;
  readonly #wallet: KeyWallet;

  public constructor(options: Readonly<{ rootDir: string; runtimeDir: string; wallet?: KeyWallet }>) {
    this.#rootDir = options.rootDir;
    this.#wallet = options.wallet ?? KeyWallet.fromEnvironment(options.runtimeDir);
    this.#runtimeDir = options.runtimeDir;
    const chosen = path.join(options.runtimeDir, 'network.json');
    const file = existsSync(chosen) ? chosen : path.join(options.rootDir, 'fixtures', 'network.json');
    const topology = caTopologySchema.parse(JSON.parse(readFileSync(file, 'utf8')) as unknown);
    this.#orgs = new Map(topology.peerOrgs.filter((o) => o.ca !== undefined).map((o) => caOrgSchema.parse(o)).map((o) => [o.key, o]));
  }

  #org(orgKey: string): CaOrg {
    const org = this.#orgs.get(orgKey);
    if (org === undefined) throw new Error(`organisation ${orgKey} has no Fabric CA in the topology`);
    return org;
  }

  #endpoint(org: CaOrg): { url: string; common: string[]; registrarHome: string } {
    const address = org.ca.address ?? org.peer.address ?? org.address;
    if (address === undefined) throw new Error(`organisation ${org.key}: no CA address in the topology`);
    const url = `https://${address}:${org.ca.port}`;
    const tlsCa = path.join(this.#runtimeDir, 'crypto', 'peerOrganizations', org.domain, 'tlsca', `tlsca.${org.domain}-cert.pem`);
    return { url, common: ['--caname', org.ca.name, '--tls.certfiles', tlsCa], registrarHome: path.join(this.#runtimeDir, 'ca-clients', org.key, 'registrar') };
  }

  async #client(args: string[]): Promise<string> {
    const bin = path.join(this.#rootDir, 'network-config', 'bin', 'fabric-ca-client');
    const { stdout, stderr } = await run(bin, args, { maxBuffer: 4 << 20, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' } });
    return `${stdout}\n${stderr}`;
  }

  public async enrol(person: EnrolmentAttributes): Promise<{ serial: string }> {
    const org = this.#org(person.orgKey);
    const ca = this.#endpoint(org);
    const secret = randomBytes(18).toString('base64url');
    const attrs = attributeList(person);
    try {
      await this.#client(['register', '-u', ca.url, ...ca.common, '--home', ca.registrarHome, '--id.name', person.username, '--id.secret', secret,
        '--id.type', 'client', '--id.affiliation', '', '--id.attrs', attrs]);
    } catch (err) {
      const text = String((err as { stderr?: unknown }).stderr ?? (err as Error).message);
      if (!/already registered/i.test(text)) throw new Error(`fabric-ca register ${person.username}: ${lastLine(text)}`, { cause: err });
      await this.#client(['identity', 'modify', person.username, '-u', ca.url, ...ca.common, '--home', ca.registrarHome, '--secret', secret, '--attrs', attrs]);
    }
    // enrol into a fresh folder, then swap it in: the previous material stays usable until the new one is complete
    const out = path.join(this.#runtimeDir, 'users', person.username);
    const fresh = `${out}.enrol-${randomBytes(4).toString('hex')}`;
    const enrolUrl = new URL(ca.url);
    enrolUrl.username = person.username;
    enrolUrl.password = secret;
    try {
      await this.#client(['enroll', '-u', enrolUrl.toString().replace(/\/$/, ''), ...ca.common, '--mspdir', path.join(fresh, 'msp'), '--csr.names', `C=TH,ST=Chachoengsao,O=${org.domain}`]);
    } catch (err) {
      rmSync(fresh, { recursive: true, force: true });
      throw new Error(`fabric-ca enroll ${person.username}: ${lastLine(String((err as { stderr?: unknown }).stderr ?? ''))}`, { cause: err });
    }
    const keystore = path.join(fresh, 'msp', 'keystore');
    const keyFile = readdirSync(keystore).find((f) => f.endsWith('_sk'));
    if (keyFile === undefined) throw new Error(`fabric-ca enroll ${person.username}: no private key written`);
    chmodSync(path.join(keystore, keyFile), 0o600);
    copyFileSync(path.join(fresh, 'msp', 'signcerts', 'cert.pem'), path.join(fresh, 'cert.pem'));
    // the private key is kept only sealed under the key-encryption key (key.enc); no plaintext copy stays
    writeFileSync(path.join(fresh, 'key.enc'), this.#wallet.seal(readFileSync(path.join(keystore, keyFile)), person.username), { mode: 0o600 });
    rmSync(keystore, { recursive: true, force: true });
    mkdirSync(keystore, { recursive: true });
    // the organisation's CA certificate and NodeOU configuration, so the peer CLI can act as the person
    const orgMsp = path.join(this.#runtimeDir, 'crypto', 'peerOrganizations', org.domain, 'msp');
    rmSync(path.join(fresh, 'msp', 'cacerts'), { recursive: true, force: true });
    mkdirSync(path.join(fresh, 'msp', 'cacerts'), { recursive: true });
    for (const f of readdirSync(path.join(orgMsp, 'cacerts'))) copyFileSync(path.join(orgMsp, 'cacerts', f), path.join(fresh, 'msp', 'cacerts', f));
    copyFileSync(path.join(orgMsp, 'config.yaml'), path.join(fresh, 'msp', 'config.yaml'));
    rmSync(out, { recursive: true, force: true });
    renameSync(fresh, out);
    const { X509Certificate } = await import('node:crypto');
    return { serial: new X509Certificate(readFileSync(path.join(out, 'cert.pem'))).serialNumber };
  }

  public async revoke(person: Pick<EnrolmentAttributes, 'username' | 'orgKey'>): Promise<CrlUpdate> {
    const org = this.#org(person.orgKey);
    const ca = this.#endpoint(org);
    try {
      await this.#client(['revoke', '-u', ca.url, ...ca.common, '--home', ca.registrarHome, '-e', person.username, '-r', 'keycompromise']);
    } catch (err) {
      throw new Error(`fabric-ca revoke ${person.username}: ${lastLine(String((err as { stderr?: unknown }).stderr ?? ''))}`, { cause: err });
    }
    const script = path.join(this.#rootDir, 'network-config', 'scripts', 'crl-update.sh');
    const { stdout } = await run('bash', [script, org.key], {
      maxBuffer: 4 << 20,
      env: { ...process.env, RUNTIME_DIR: this.#runtimeDir },
    });
    const line = stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
    if (line === undefined) throw new Error(`crl-update.sh ${org.key} printed no result`);
    return JSON.parse(line) as CrlUpdate;
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter((l) => l.trim() !== '').pop()?.slice(0, 300) ?? 'failed';
}
