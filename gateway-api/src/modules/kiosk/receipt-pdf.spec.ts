import { writeFileSync } from 'node:fs';
import { receiptPdf, scriptRuns } from './receipt-pdf';
import type { Receipt } from './receipt';

const receipt: Receipt = {
  hcode: '10697',
  fiscalYear: 2570,
  point: '01',
  seq: 1,
  receiptNo: '2570-10697-01-000001',
  paymentId: 'KP-1',
  status: 'issued',
  salt: 's',
  hash: 'ab'.repeat(32),
  voidReason: null,
  anchorTxId: 'tx1',
  voidAnchorTxId: null,
  createdAt: '2026-11-30T03:00:00Z',
  content: {
    unitNameTh: 'โรงพยาบาลพุทธโสธร',
    unitAddressTh: '174 ถนนมรุพงษ์ ตำบลหน้าเมือง อำเภอเมืองฉะเชิงเทรา จังหวัดฉะเชิงเทรา 24000',
    taxId: '0994000123456',
    book: 'KS2570/01',
    receiptNo: '2570-10697-01-000001',
    issuedAt: '2026-11-30T03:00:00Z',
    payerNameTh: 'นางสมศรี รักเรียน',
    hn: '6500456',
    vn: '691130000102',
    items: [
      { nameTh: 'ค่าบริการผู้ป่วยนอก', amount: 50 },
      { nameTh: 'ค่ายานอกบัญชียาหลัก', amount: 350 },
    ],
    amount: 350,
    amountTextTh: 'สามร้อยห้าสิบบาทถ้วน',
    method: 'promptpay',
    right: 'OFC',
    authenCode: 'PP1234567890',
    receivedBy: 'kiosk.buddhasothorn.01',
  },
};

describe('receipt PDF', () => {
  it('splits Thai and Latin runs for the per-script font subsets', () => {
    expect(scriptRuns('เลขที่ 2570-10697 บาท')).toEqual([
      { thai: true, text: 'เลขที่' },
      { thai: false, text: ' 2570-10697 ' },
      { thai: true, text: 'บาท' },
    ]);
  });

  it('makes an 80 mm PDF with the Sarabun font embedded', async () => {
    const pdf = await receiptPdf(receipt);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/MediaBox \[0 0 226\.77/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+Sarabun/);
    if (process.env.KIOSK_RECEIPT_PDF !== undefined) writeFileSync(process.env.KIOSK_RECEIPT_PDF, pdf);
  }, 30_000);

  it('refuses a receipt without content (a reserved number)', async () => {
    await expect(receiptPdf({ ...receipt, status: 'reserved', content: null })).rejects.toThrow(RangeError);
  });
});
