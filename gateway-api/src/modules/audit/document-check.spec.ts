import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CheckCollector } from './audit-report';
import { checkDocument, clinicalDocumentHash } from './document-check';
import { decodeBlock } from './fabric-block';
import { decodeEnvelope } from './fabric-envelope';
import { ReferralReplay } from './referral-replay';
import { referralWritesOf } from './referral-writes';

const fixture = (name: string): Buffer => readFileSync(path.join(__dirname, 'test-fixtures', name));
const REFERRAL = 'CCT-1795630944-4';
const summary = JSON.parse(fixture(`clinical-summary-${REFERRAL}.json`).toString('utf8')) as Record<string, unknown>;

function replayOfBlock57(): ReferralReplay {
  const envelope = decodeEnvelope(decodeBlock(fixture('block-57.pb')).data[0] ?? Buffer.alloc(0));
  const replay = new ReferralReplay();
  replay.apply({ blockNumber: 57, txIndex: 0, txId: envelope.txId }, referralWritesOf(envelope.actions));
  return replay;
}

describe('clinical document check', () => {
  const replay = replayOfBlock57();

  it('the real clinical summary hashes to the clinicalSummaryHash of block 57', () => {
    expect(clinicalDocumentHash(summary)).toBe(replay.get(REFERRAL)?.value.clinicalSummaryHash);
    const out = new CheckCollector();
    checkDocument({ referralId: REFERRAL, document: summary }, replay, out);
    expect(out.result()).toMatchObject({ ok: true, checked: 1 });
  });

  it('names the referral and the field when the document was altered', () => {
    const out = new CheckCollector();
    checkDocument({ referralId: REFERRAL, document: { ...summary, history: 'weakness 3h' } }, replay, out);
    expect(out.result().problems).toEqual([
      expect.objectContaining({ code: 'DOCUMENT_HASH_MISMATCH', referralId: REFERRAL, field: 'clinicalSummaryHash', blockNumber: 57, ledger: replay.get(REFERRAL)?.value.clinicalSummaryHash }),
    ]);
  });

  it('reports a referral that is not on the ledger', () => {
    const out = new CheckCollector();
    checkDocument({ referralId: 'R-unknown', document: summary }, replay, out);
    expect(out.result().problems.map((p) => p.code)).toEqual(['DOCUMENT_REFERRAL_NOT_FOUND']);
  });
});
