import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CheckCollector } from './audit-report';
import { ChannelMsps } from './channel-msps';
import { checkEndorsements, requiredEndorsers } from './endorsement-check';
import { decodeBlock } from './fabric-block';
import { decodeEnvelope, type DecodedEnvelope, type EndorsedAction } from './fabric-envelope';
import { referralWritesOf } from './referral-writes';
import type { TransactionContext } from './transaction-context';

const envelopeOf = (n: number): DecodedEnvelope =>
  decodeEnvelope(decodeBlock(readFileSync(path.join(__dirname, 'test-fixtures', `block-${n}.pb`))).data[0] ?? Buffer.alloc(0));
const config = envelopeOf(12).config;
if (config === undefined) throw new Error('block 12 is not a config block');
const msps = ChannelMsps.fromConfig(config);

function context(envelope: DecodedEnvelope): TransactionContext {
  return { blockNumber: 57, txIndex: 0, envelope, writes: referralWritesOf(envelope.actions), msps };
}

function withAction(envelope: DecodedEnvelope, change: (action: EndorsedAction) => EndorsedAction): DecodedEnvelope {
  return { ...envelope, actions: envelope.actions.map(change) };
}

function check(envelope: DecodedEnvelope): ReturnType<CheckCollector['result']> {
  const out = new CheckCollector();
  checkEndorsements(context(envelope), out);
  return out.result();
}

describe('endorsement check', () => {
  const create = envelopeOf(57); // Bang Khla → Buddhasothorn, endorsed by both
  const accept = envelopeOf(54); // Bang Pakong accepts an onward referral from Buddhasothorn
  const sameMsp = envelopeOf(58); // Buddhasothorn → its own health centre: one MSP on both sides

  it.each([
    ['a create', create],
    ['an accept', accept],
    ['a referral inside one organisation', sameMsp],
  ])('passes %s endorsed as required', (_name, envelope) => {
    expect(check(envelope)).toMatchObject({ ok: true, checked: 1, problems: [] });
  });

  it('names the required organisations from the written referral', () => {
    const [write] = referralWritesOf(create.actions);
    expect(requiredEndorsers(write?.value ?? {})).toEqual([
      { field: 'fromMsp', mspId: 'BangKhlaMSP' },
      { field: 'toMsp', mspId: 'BuddhasothornMSP' },
    ]);
  });

  it("reports the receiver's missing endorsement when it is dropped", () => {
    const dropped = withAction(create, (action) => ({ ...action, endorsements: action.endorsements.filter((e) => e.endorser.mspId !== 'BuddhasothornMSP') }));
    const result = check(dropped);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'ENDORSEMENT_MISSING', referralId: 'CCT-1795630944-4', mspId: 'BuddhasothornMSP', field: 'toMsp', txId: create.txId, blockNumber: 57 }),
    ]);
  });

  it('rejects a forged endorsement signature and then counts the organisation as not endorsing', () => {
    const forged = withAction(create, (action) => ({
      ...action,
      endorsements: action.endorsements.map((e) => {
        if (e.endorser.mspId !== 'BangKhlaMSP') return e;
        const signature = Buffer.from(e.signature);
        signature[signature.length - 3] = (signature[signature.length - 3] ?? 0) ^ 0x55;
        return { ...e, signature };
      }),
    }));
    const codes = check(forged).problems.map((p) => [p.code, p.mspId]);
    expect(codes).toEqual([
      ['ENDORSEMENT_SIGNATURE_INVALID', 'BangKhlaMSP'],
      ['ENDORSEMENT_MISSING', 'BangKhlaMSP'],
    ]);
  });

  it('rejects an endorsement by a peer of another organisation presented as the receiver', () => {
    const impostor = withAction(create, (action) => {
      const bangKhla = action.endorsements.find((e) => e.endorser.mspId === 'BangKhlaMSP');
      if (bangKhla === undefined) throw new Error('fixture changed');
      const fake = { ...bangKhla, endorser: { ...bangKhla.endorser, mspId: 'BuddhasothornMSP' } };
      return { ...action, endorsements: [bangKhla, fake] };
    });
    const codes = check(impostor).problems.map((p) => p.code);
    expect(codes).toEqual(['ENDORSER_NOT_ISSUED_BY_MSP', 'ENDORSEMENT_MISSING']);
  });

  it('rejects endorsements that belong to another proposal', () => {
    const other = withAction(create, (action) => ({ ...action, chaincodeProposalPayload: Buffer.from('another proposal') }));
    expect(check(other).problems.map((p) => p.code)).toEqual(['PROPOSAL_HASH_MISMATCH', 'ENDORSEMENT_MISSING', 'ENDORSEMENT_MISSING']);
  });

  it('rejects an endorsement signed by a client instead of a peer', () => {
    const byClient = withAction(create, (action) => ({
      ...action,
      endorsements: action.endorsements.map((e) => (e.endorser.mspId === 'BangKhlaMSP' ? { ...e, endorser: create.creator } : e)),
    }));
    expect(check(byClient).problems.map((p) => p.code)).toEqual(['ENDORSER_NOT_PEER', 'ENDORSEMENT_MISSING']);
  });
});
