/**
 * Runs MongoKioskRepository against a real store (MongoDB or FerretDB) when MONGODB_TEST_URI names a scratch
 * database, e.g. MONGODB_TEST_URI=mongodb://127.0.0.1:27017/kiosk_test. Each test uses its own keys and series.
 * Skipped otherwise.
 */
import { MongoKioskRepository } from './mongo-kiosk-repository';
import type { Payment } from './payment';
import type { Receipt } from './receipt';

const uri = process.env.MONGODB_TEST_URI;
const suite = uri === undefined || uri === '' ? describe.skip : describe;
const SERIES = { hcode: '10697', fiscalYear: 2570, point: '01' };

const payment = (id: string, overrides: Partial<Payment> = {}): Payment => ({
  id,
  clientKey: `key-${id}`,
  hcode: '10697',
  point: '01',
  sessionId: `KS-${id}`,
  vn: 'VN1',
  openKey: '10697:VN1',
  method: 'promptpay',
  right: 'OFC',
  amount: 350,
  status: 'pending',
  fiscalYear: 2570,
  seq: 1,
  receiptNo: '2570-10697-01-000001',
  ref1: '6500456',
  ref2: `R${id}`,
  qrPayload: null,
  paidBy: null,
  paidAt: null,
  createdAt: '',
  ...overrides,
});

const receipt = (seq: number): Receipt => ({ ...SERIES, seq, receiptNo: `n${seq}`, paymentId: `p${seq}`, status: 'reserved', salt: '', content: null, hash: null, voidReason: null, anchorTxId: null, voidAnchorTxId: null, createdAt: '' });

suite('MongoKioskRepository against a live store', () => {
  let repo: MongoKioskRepository;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ repository: repo, close } = await MongoKioskRepository.open(uri ?? ''));
  }, 30_000);

  afterAll(async () => {
    await close();
  });

  it('numbers concurrent reservations 1..n without gap or duplicate', async () => {
    const series = { ...SERIES, point: String(Date.now() % 90 + 10) };
    const taken = await Promise.all(Array.from({ length: 25 }, async () => repo.reserveReceipt(series, (seq) => ({ ...receipt(seq), point: series.point }))));
    expect(taken.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('keeps one live payment per bill and one per client key; pays once; cancel frees the bill', async () => {
    const tag = Date.now().toString(36);
    const open = `10697:VN-${tag}`;
    expect(await repo.insertPayment(payment(`a${tag}`, { openKey: open }))).toBe('inserted');
    expect(await repo.insertPayment(payment(`b${tag}`, { openKey: open }))).toBe('bill-taken');
    expect(await repo.insertPayment(payment(`c${tag}`, { openKey: `${open}x`, clientKey: `key-a${tag}` }))).toBe('client-key-exists');
    const paid = await Promise.all(Array.from({ length: 5 }, async () => repo.markPaid(`a${tag}`, 350, `BANK-${tag}`, new Date().toISOString())));
    expect(paid.filter((p) => p !== undefined)).toHaveLength(1);
    expect(await repo.markPaid(`a${tag}`, 350, `BANK2-${tag}`, '')).toBeUndefined();
    expect(await repo.insertPayment(payment(`d${tag}`, { openKey: `${open}-2` }))).toBe('inserted');
    expect((await repo.cancelPayment(`d${tag}`))?.openKey).toBeNull();
    expect(await repo.insertPayment(payment(`e${tag}`, { openKey: `${open}-2` }))).toBe('inserted');
  });
});
