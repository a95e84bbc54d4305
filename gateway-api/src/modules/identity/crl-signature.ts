import { verify, type X509Certificate } from 'node:crypto';
import { derChildren, readDer } from '../audit/asn1-der';

/** What the auditor concludes about one CRL of an MSP's `revocation_list`. */
export interface CrlVerdict {
  /** The CA certificate (subject) whose key signed the CRL; undefined when none did. */
  readonly signedBy: string | undefined;
  readonly ok: boolean;
  readonly reason?: string;
}

const pemToDer = (crl: Buffer): Buffer => {
  const text = crl.toString('latin1');
  return text.includes('-----BEGIN') ? Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64') : crl;
};

const SIG_HASH: Readonly<Record<string, string>> = {
  '2a8648ce3d040302': 'sha256', // ecdsa-with-SHA256
  '2a8648ce3d040303': 'sha384', // ecdsa-with-SHA384
  '2a8648ce3d040304': 'sha512', // ecdsa-with-SHA512
  '2a864886f70d01010b': 'sha256', // sha256WithRSAEncryption
};

/**
 * Verifies a CRL (PEM or DER CertificateList) against the certificate authorities an MSP trusts: the signature over
 * tbsCertList must verify with the public key of one of `issuers` (roots and intermediates of the MSP).
 */
export function verifyCrlSignature(crl: Buffer, issuers: readonly X509Certificate[]): CrlVerdict {
  let tbsRaw: Buffer;
  let hash: string | undefined;
  let signature: Buffer;
  try {
    const outer = readDer(pemToDer(crl));
    const [tbs, algorithm, value] = derChildren(outer.content);
    if (tbs === undefined || algorithm === undefined || value === undefined || value.tag !== 0x03) throw new RangeError('not a CertificateList');
    tbsRaw = outer.content.subarray(0, tbs.end);
    const [oid] = derChildren(algorithm.content);
    hash = oid === undefined ? undefined : SIG_HASH[oid.content.toString('hex')];
    signature = value.content.subarray(1); // BIT STRING: first byte is the unused-bit count
  } catch (err) {
    return { signedBy: undefined, ok: false, reason: `the CRL cannot be decoded: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (hash === undefined) return { signedBy: undefined, ok: false, reason: 'the CRL uses an unsupported signature algorithm' };
  for (const issuer of issuers) {
    try {
      if (verify(hash, tbsRaw, issuer.publicKey, signature)) return { signedBy: issuer.subject.replace(/\n/g, ', '), ok: true };
    } catch {
      // a key of another type: try the next issuer
    }
  }
  return { signedBy: undefined, ok: false, reason: 'no certificate authority of the MSP signed this CRL' };
}
