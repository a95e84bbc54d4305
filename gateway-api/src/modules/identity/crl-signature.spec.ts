import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { revokedSerialsOf } from '../audit/channel-msps';
import { verifyCrlSignature } from './crl-signature';

// a CRL made by `fabric-ca-client gencrl` at Bang Khla's Fabric CA (signing with the cryptogen CA key) after revoking
// two enrolments of nurse.admintest.bangkhla; the CA certificates of Bang Khla and Ban Pho from the same network
const fixture = (name: string): Buffer => readFileSync(path.join(__dirname, 'test-fixtures', name));
const crl = fixture('bangkhla-crl.pem');
const bangkhla = new X509Certificate(fixture('bangkhla-ca-cert.pem'));
const banpho = new X509Certificate(fixture('banpho-ca-cert.pem'));

describe('verifyCrlSignature', () => {
  it("verifies a Fabric CA CRL against its organisation's CA and names the signer", () => {
    const verdict = verifyCrlSignature(crl, [banpho, bangkhla]);
    expect(verdict.ok).toBe(true);
    expect(verdict.signedBy).toContain('CN=ca.bangkhla.cco.th');
    expect(revokedSerialsOf(crl).length).toBeGreaterThan(0);
  });

  it("refuses it against another organisation's CA", () => {
    expect(verifyCrlSignature(crl, [banpho])).toMatchObject({ ok: false, reason: 'no certificate authority of the MSP signed this CRL' });
  });

  it('refuses a CRL whose revoked list was altered after signing', () => {
    const der = Buffer.from(crl.toString('latin1').replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const serialAt = der.indexOf(Buffer.from(revokedSerialsOf(crl)[0]?.slice(0, 8) ?? '00', 'hex'));
    der[serialAt] = (der[serialAt] ?? 0) ^ 0x01;
    expect(verifyCrlSignature(der, [bangkhla]).ok).toBe(false);
  });

  it('reports garbage as undecodable', () => {
    expect(verifyCrlSignature(Buffer.from('not a crl'), [bangkhla]).ok).toBe(false);
  });
});
