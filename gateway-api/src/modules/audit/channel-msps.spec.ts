import { readFileSync } from 'node:fs';
import path from 'node:path';
import { certificateAttributes } from './certificate-attributes';
import { ChannelMsps, revokedSerialsOf, subjectCn, validAt } from './channel-msps';
import { decodeBlock } from './fabric-block';
import { decodeEnvelope, HEADER_TYPE_CONFIG } from './fabric-envelope';

const fixture = (name: string): Buffer => readFileSync(path.join(__dirname, 'test-fixtures', name));
const envelopeOf = (n: number) => decodeEnvelope(decodeBlock(fixture(`block-${n}.pb`)).data[0] ?? Buffer.alloc(0));

function channelMsps(): ChannelMsps {
  const config = envelopeOf(12);
  expect(config.type).toBe(HEADER_TYPE_CONFIG);
  if (config.config === undefined) throw new Error('no config');
  return ChannelMsps.fromConfig(config.config);
}

describe('ChannelMsps (channel configuration from config block 12)', () => {
  const msps = channelMsps();
  const create = envelopeOf(57); // CreateReferral by clinician.bangkhla, endorsed by Bang Khla and Buddhasothorn peers

  it('knows the 12 organisations and the ordering organisation', () => {
    expect(msps.mspIds).toHaveLength(13);
    expect(msps.get('BangKhlaMSP')?.group).toBe('Application');
    expect(msps.get('ProvincialHealthOfficeOrdererMSP')?.group).toBe('Orderer');
    expect(msps.get('BangKhlaMSP')?.nodeOus?.peer).toBe('peer');
  });

  it('accepts a creator certificate issued by its own organisation and reads its Fabric CA attributes', () => {
    const verdict = msps.validate(create.creator);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(subjectCn(verdict.certificate)).toBe('clinician.bangkhla');
    expect(certificateAttributes(verdict.certificate)).toEqual({ role: 'clinician', hcode: '11138' });
    expect(msps.hasRole('BangKhlaMSP', verdict, 'client')).toBe(true);
    expect(msps.hasRole('BangKhlaMSP', verdict, 'peer')).toBe(false);
    expect(validAt(verdict.certificate, create.timestamp ?? new Date(0))).toBe(true);
  });

  it('rejects a certificate presented under another organisation', () => {
    const verdict = msps.validate({ mspId: 'BuddhasothornMSP', idBytes: create.creator.idBytes });
    expect(verdict).toMatchObject({ ok: false, code: 'NOT_ISSUED_BY_MSP' });
  });

  it('rejects an organisation that is not on the channel and bytes that are not a certificate', () => {
    expect(msps.validate({ mspId: 'EvilMSP', idBytes: create.creator.idBytes })).toMatchObject({ ok: false, code: 'UNKNOWN_MSP' });
    expect(msps.validate({ mspId: 'BangKhlaMSP', idBytes: Buffer.from('not a cert') })).toMatchObject({ ok: false, code: 'BAD_CERTIFICATE' });
  });

  it('recognises the endorsing peers as peers', () => {
    const [endorsement] = create.actions[0]?.endorsements ?? [];
    if (endorsement === undefined) throw new Error('no endorsement');
    const verdict = msps.validate(endorsement.endorser);
    expect(msps.hasRole(endorsement.endorser.mspId, verdict, 'peer')).toBe(true);
  });

  it('reads the revoked serial numbers of a CRL', () => {
    expect(revokedSerialsOf(fixture('revocation-list.crl.pem')).sort()).toEqual(['1234ABCD', 'FF01']);
  });
});
