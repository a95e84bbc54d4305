import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CheckCollector } from './audit-report';
import { ChannelMsps } from './channel-msps';
import { checkCreator } from './creator-check';
import { decodeBlock } from './fabric-block';
import { decodeEnvelope, type DecodedEnvelope } from './fabric-envelope';
import { referralWritesOf, type ReferralWrite } from './referral-writes';

const envelopeOf = (n: number): DecodedEnvelope =>
  decodeEnvelope(decodeBlock(readFileSync(path.join(__dirname, 'test-fixtures', `block-${n}.pb`))).data[0] ?? Buffer.alloc(0));
const config = envelopeOf(12).config;
if (config === undefined) throw new Error('block 12 is not a config block');
const msps = ChannelMsps.fromConfig(config);

function check(envelope: DecodedEnvelope, writes: readonly ReferralWrite[] = referralWritesOf(envelope.actions)) {
  const out = new CheckCollector();
  checkCreator({ blockNumber: 55, txIndex: 0, envelope, writes, msps }, out);
  return out.result();
}

describe('creator check', () => {
  const noShow = envelopeOf(55); // MarkNoShow by a Bang Pakong nurse or clinician
  const create = envelopeOf(57);

  it('passes transactions signed by valid identities of the organisations recorded in their steps', () => {
    expect(check(noShow)).toMatchObject({ ok: true, checked: 1 });
    expect(check(create)).toMatchObject({ ok: true, checked: 1 });
  });

  it('rejects a payload that is not what the creator signed', () => {
    const payload = Buffer.from(create.payload);
    payload[payload.length - 10] = (payload[payload.length - 10] ?? 0) ^ 0x01;
    expect(check({ ...create, payload }).problems.map((p) => p.code)).toEqual(['CREATOR_SIGNATURE_INVALID']);
  });

  it('rejects a creator certificate claimed for another organisation', () => {
    const result = check({ ...create, creator: { ...create.creator, mspId: 'BuddhasothornMSP' } });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'CREATOR_NOT_ISSUED_BY_MSP', txId: create.txId, mspId: 'BuddhasothornMSP' })]);
  });

  it('names the step whose organisation, unit or role differs from the signer', () => {
    const [write] = referralWritesOf(create.actions);
    if (write?.value == null) throw new Error('fixture changed');
    const steps = write.value.steps as Record<string, unknown>[];
    const forged = { ...write, value: { ...write.value, steps: [{ ...steps[0], mspId: 'BuddhasothornMSP', role: 'nurse' }] } };
    const problems = check(create, [forged]).problems;
    expect(problems.map((p) => [p.code, p.referralId, p.field])).toEqual([
      ['CREATOR_MSP_MISMATCH', 'CCT-1795630944-4', 'steps.0.mspId'],
      ['CREATOR_ATTRIBUTE_MISMATCH', 'CCT-1795630944-4', 'steps.0.role'],
    ]);
  });

  it('rejects a transaction ID that is not derived from the signed nonce and creator', () => {
    expect(check({ ...create, txId: 'f'.repeat(64) }).problems.map((p) => p.code)).toContain('TX_ID_MISMATCH');
  });
});
