import type { X509Certificate } from 'node:crypto';
import { certificateExtension } from './asn1-der';

/** OID of the attribute extension Fabric CA writes into enrolment certificates. */
export const FABRIC_ATTRIBUTES_OID = '1.2.3.4.5.6.7.8.1';

/**
 * The Fabric CA attributes of a certificate (e.g. `{ role: 'clinician', hcode: '11138' }`).
 *
 * @returns an empty object when the certificate has none or they are unreadable
 */
export function certificateAttributes(certificate: X509Certificate): Record<string, string> {
  try {
    const value = certificateExtension(certificate.raw, FABRIC_ATTRIBUTES_OID);
    if (value === undefined) return {};
    const parsed = JSON.parse(value.toString('utf8')) as unknown;
    const attrs = typeof parsed === 'object' && parsed !== null ? (parsed as { attrs?: unknown }).attrs : undefined;
    if (typeof attrs !== 'object' || attrs === null) return {};
    return Object.fromEntries(Object.entries(attrs).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}
