import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { common, msp } from '@hyperledger/fabric-protos';
import { derChildren, readDer } from './asn1-der';
import type { IdentityBytes } from './fabric-block';
import { verifyCrlSignature, type CrlVerdict } from '../identity/crl-signature';

/** MSP type FABRIC (X.509) in `msp.MSPConfig.type`. */
const MSP_TYPE_FABRIC = 0;

/** Node roles an MSP can assign through organisational units. */
export type NodeRole = 'peer' | 'orderer' | 'client' | 'admin';

/** What the channel configuration says about one organisation's MSP. */
export interface MspTrust {
  readonly mspId: string;
  /** Channel config group holding the organisation: `Application` or `Orderer`. */
  readonly group: string;
  readonly roots: readonly X509Certificate[];
  readonly intermediates: readonly X509Certificate[];
  /** OU identifier per role when NodeOUs are enabled; undefined when they are not. */
  readonly nodeOus: Readonly<Partial<Record<NodeRole, string>>> | undefined;
  /** Upper-case hex serial numbers listed in the MSP's revocation lists. */
  readonly revokedSerials: ReadonlySet<string>;
  /** Signature verdict of each CRL in the MSP's revocation_list (identity, issue 15). */
  readonly crls?: readonly (CrlVerdict & { readonly revokedSerials: readonly string[] })[];
}

/** Outcome of validating an identity against its MSP. */
export type IdentityVerdict =
  | { readonly ok: true; readonly certificate: X509Certificate; readonly publicKey: KeyObject; readonly organisationalUnits: readonly string[] }
  | { readonly ok: false; readonly code: 'UNKNOWN_MSP' | 'BAD_CERTIFICATE' | 'NOT_ISSUED_BY_MSP' | 'REVOKED'; readonly reason: string };

type JspbMap<V> = { forEach(callback: (value: V, key: string) => void): void };

function entriesOf<V>(map: unknown): [string, V][] {
  const out: [string, V][] = [];
  (map as JspbMap<V>).forEach((value, key) => out.push([key, value]));
  return out;
}

/** Serial numbers of the certificates a DER/PEM CRL revokes (upper-case hex without leading zeros). */
export function revokedSerialsOf(crl: Buffer): string[] {
  const text = crl.toString('latin1');
  const der = text.includes('-----BEGIN')
    ? Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')
    : crl;
  const [tbs] = derChildren(readDer(der).content);
  if (tbs === undefined) return [];
  const fields = derChildren(tbs.content);
  const firstTime = fields.findIndex((f) => f.tag === 0x17 || f.tag === 0x18);
  if (firstTime < 0) return [];
  let next = firstTime + 1;
  const afterThisUpdate = fields[next];
  if (afterThisUpdate !== undefined && (afterThisUpdate.tag === 0x17 || afterThisUpdate.tag === 0x18)) next += 1;
  const revoked = fields[next];
  if (revoked === undefined || revoked.tag !== 0x30) return [];
  return derChildren(revoked.content).map((entry) => {
    const [serial] = derChildren(entry.content);
    return (serial?.content.toString('hex') ?? '').replace(/^0+(?=.)/, '').toUpperCase();
  });
}

function organisationalUnits(certificate: X509Certificate): string[] {
  return certificate.subject
    .split('\n')
    .filter((line) => line.startsWith('OU='))
    .map((line) => line.slice(3));
}

function mspTrustOf(group: string, mspId: string, value: Uint8Array): MspTrust | undefined {
  const config = msp.MSPConfig.deserializeBinary(value);
  if (config.getType() !== MSP_TYPE_FABRIC) return undefined;
  const fabric = msp.FabricMSPConfig.deserializeBinary(config.getConfig_asU8());
  const certs = (list: Uint8Array[]): X509Certificate[] => list.map((pem) => new X509Certificate(Buffer.from(pem)));
  const ous = fabric.getFabricNodeOus();
  let nodeOus: MspTrust['nodeOus'];
  if (ous?.getEnable() === true) {
    nodeOus = {
      peer: ous.getPeerOuIdentifier()?.getOrganizationalUnitIdentifier(),
      orderer: ous.getOrdererOuIdentifier()?.getOrganizationalUnitIdentifier(),
      client: ous.getClientOuIdentifier()?.getOrganizationalUnitIdentifier(),
      admin: ous.getAdminOuIdentifier()?.getOrganizationalUnitIdentifier(),
    };
  }
  const roots = certs(fabric.getRootCertsList_asU8());
  const intermediates = certs(fabric.getIntermediateCertsList_asU8());
  const crlBytes = fabric.getRevocationListList_asU8().map((crl) => Buffer.from(crl));
  return {
    mspId: fabric.getName() || mspId,
    group,
    roots,
    intermediates,
    nodeOus,
    revokedSerials: new Set(crlBytes.flatMap((crl) => revokedSerialsOf(crl))),
    crls: crlBytes.map((crl) => ({ ...verifyCrlSignature(crl, [...roots, ...intermediates]), revokedSerials: revokedSerialsOf(crl) })),
  };
}

/**
 * The organisations of a channel and the certificate authorities they trust, taken from a channel
 * configuration (config block). Validates identities found in blocks against them; results are cached.
 */
export class ChannelMsps {
  readonly #msps: ReadonlyMap<string, MspTrust>;
  readonly #verdicts = new Map<string, IdentityVerdict>();
  readonly #consenters: ReadonlyMap<number, IdentityBytes>;

  public constructor(msps: Iterable<MspTrust>, consenters: ReadonlyMap<number, IdentityBytes> = new Map()) {
    this.#msps = new Map([...msps].map((m) => [m.mspId, m]));
    this.#consenters = consenters;
  }

  /** The identity of a BFT consenter (ConsenterMapping of the channel's Orderer group), by its ID. */
  public consenter(id: number): IdentityBytes | undefined {
    return this.#consenters.get(id);
  }

  /** Every MSP of the Application and Orderer groups of a channel configuration. */
  public static fromConfig(config: common.Config): ChannelMsps {
    const trusts: MspTrust[] = [];
    const channel = config.getChannelGroup();
    if (channel !== undefined) {
      for (const [groupName, group] of entriesOf<common.ConfigGroup>(channel.getGroupsMap())) {
        for (const [orgName, org] of entriesOf<common.ConfigGroup>(group.getGroupsMap())) {
          const value = entriesOf<common.ConfigValue>(org.getValuesMap()).find(([key]) => key === 'MSP')?.[1];
          const trust = value === undefined ? undefined : mspTrustOf(groupName, orgName, value.getValue_asU8());
          if (trust !== undefined) trusts.push(trust);
        }
      }
    }
    const consenters = new Map<number, IdentityBytes>();
    const ordererGroup = channel === undefined ? undefined : entriesOf<common.ConfigGroup>(channel.getGroupsMap()).find(([name]) => name === 'Orderer')?.[1];
    const orderersValue = ordererGroup === undefined ? undefined : entriesOf<common.ConfigValue>(ordererGroup.getValuesMap()).find(([key]) => key === 'Orderers')?.[1];
    if (orderersValue !== undefined) {
      for (const c of common.Orderers.deserializeBinary(orderersValue.getValue_asU8()).getConsenterMappingList()) {
        consenters.set(c.getId(), { mspId: c.getMspId(), idBytes: Buffer.from(c.getIdentity_asU8()) });
      }
    }
    return new ChannelMsps(trusts, consenters);
  }

  /** Every MSP of the channel (for checks over the whole configuration, e.g. CRL signatures). */
  public all(): MspTrust[] {
    return [...this.#msps.values()];
  }

  /** MSP IDs known to the channel. */
  public get mspIds(): string[] {
    return [...this.#msps.keys()].sort();
  }

  /** The MSP named `mspId`, if the channel has it. */
  public get(mspId: string): MspTrust | undefined {
    return this.#msps.get(mspId);
  }

  /** Checks that the identity's certificate was issued (directly or through intermediates) by a root CA of the MSP it names. */
  public validate(identity: IdentityBytes): IdentityVerdict {
    const cacheKey = `${identity.mspId}\u0000${createHash('sha256').update(identity.idBytes).digest('hex')}`;
    let verdict = this.#verdicts.get(cacheKey);
    if (verdict === undefined) {
      verdict = this.#validate(identity);
      this.#verdicts.set(cacheKey, verdict);
    }
    return verdict;
  }

  /** True when the identity holds `role` (always true for an MSP without NodeOUs). */
  public hasRole(mspId: string, verdict: IdentityVerdict, role: NodeRole): boolean {
    if (!verdict.ok) return false;
    const ous = this.#msps.get(mspId)?.nodeOus;
    if (ous === undefined) return true;
    const wanted = ous[role];
    return wanted !== undefined && verdict.organisationalUnits.includes(wanted);
  }

  #validate(identity: IdentityBytes): IdentityVerdict {
    const trust = this.#msps.get(identity.mspId);
    if (trust === undefined) return { ok: false, code: 'UNKNOWN_MSP', reason: `${identity.mspId} is not an organisation of the channel` };
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(identity.idBytes);
    } catch {
      return { ok: false, code: 'BAD_CERTIFICATE', reason: `the ${identity.mspId} identity is not an X.509 certificate` };
    }
    if (!chainsTo(certificate, trust)) {
      return { ok: false, code: 'NOT_ISSUED_BY_MSP', reason: `certificate "${subjectCn(certificate)}" was not issued by a CA of ${identity.mspId}` };
    }
    if (trust.revokedSerials.has(certificate.serialNumber.replace(/^0+(?=.)/, '').toUpperCase())) {
      return { ok: false, code: 'REVOKED', reason: `certificate "${subjectCn(certificate)}" is revoked by ${identity.mspId}` };
    }
    return { ok: true, certificate, publicKey: certificate.publicKey, organisationalUnits: organisationalUnits(certificate) };
  }
}

function issuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function chainsTo(leaf: X509Certificate, trust: MspTrust): boolean {
  let current = leaf;
  for (let depth = 0; depth <= trust.intermediates.length; depth++) {
    if (trust.roots.some((root) => issuedBy(current, root))) return true;
    const parent = trust.intermediates.find((candidate) => candidate !== current && issuedBy(current, candidate));
    if (parent === undefined) return false;
    current = parent;
  }
  return false;
}

/** The CN of a certificate's subject, for messages. */
export function subjectCn(certificate: X509Certificate): string {
  return certificate.subject.split('\n').find((line) => line.startsWith('CN='))?.slice(3) ?? certificate.subject;
}

/** True when `at` falls within the certificate's validity period. */
export function validAt(certificate: X509Certificate, at: Date): boolean {
  return at.getTime() >= new Date(certificate.validFrom).getTime() && at.getTime() <= new Date(certificate.validTo).getTime();
}
