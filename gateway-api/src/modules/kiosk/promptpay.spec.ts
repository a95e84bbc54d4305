import { billPaymentPayload, crc16CcittFalse, hasValidCrc, parseTlv, tlv } from './promptpay';

describe('CRC-16/CCITT-FALSE', () => {
  it('gives the catalogue check value 29B1 for "123456789"', () => {
    expect(crc16CcittFalse('123456789')).toBe('29B1');
  });

  // published PromptPay vectors (tag 29 transfers), also re-computed independently with Python binascii.crc_hqx(data, 0xFFFF)
  it.each([
    ['00020101021129370016A000000677010111011300660000000005802TH53037646304', '8956'],
    ['00020101021129370016A000000677010111011300668999999995802TH53037646304', 'FE29'],
    ['00020101021229370016A000000677010111011300668123456785802TH53037645406100.006304', 'BB8A'],
  ])('matches the published CRC of %s', (payload, crc) => {
    expect(crc16CcittFalse(payload)).toBe(crc);
  });
});

describe('billPaymentPayload (tag 30)', () => {
  const qr = { billerId: '099400012345600', ref1: '6500456', ref2: '257010697010001', amount: 350 };

  it('builds the expected payload, whose CRC Python binascii.crc_hqx computes as well', () => {
    expect(billPaymentPayload(qr)).toBe(
      '000201010212' +
        '3069' + '0016A000000677010112' + '0115099400012345600' + '02076500456' + '0315257010697010001' +
        '5303764' + '5406350.00' + '5802TH' + '6304' + '5C0F',
    );
  });

  it('decodes back to its fields with an independent TLV walk', () => {
    const payload = billPaymentPayload({ ...qr, amount: 75.5, merchantName: 'BUDDHASOTHORN HOSPITAL' });
    const top = parseTlv(payload);
    expect(top.get('00')).toBe('01');
    expect(top.get('01')).toBe('12');
    expect(top.get('53')).toBe('764');
    expect(top.get('54')).toBe('75.50');
    expect(top.get('58')).toBe('TH');
    expect(top.get('59')).toBe('BUDDHASOTHORN HOSPITAL');
    const bill = parseTlv(top.get('30') ?? '');
    expect([...bill.entries()]).toEqual([
      ['00', 'A000000677010112'],
      ['01', '099400012345600'],
      ['02', '6500456'],
      ['03', '257010697010001'],
    ]);
    expect(hasValidCrc(payload)).toBe(true);
    expect(hasValidCrc(payload.replace('75.50', '75.60'))).toBe(false);
  });

  it.each([
    [{ billerId: '12345' }, /billerId/],
    [{ ref1: 'hn 1' }, /ref1/],
    [{ ref2: '' }, /ref2/],
    [{ amount: 0 }, /amount/],
    [{ amount: Number.NaN }, /amount/],
  ])('rejects %j', (override, message) => {
    expect(() => billPaymentPayload({ ...qr, ...override })).toThrow(message);
  });

  it('refuses non-ASCII and over-long TLV values', () => {
    expect(() => tlv('59', 'โรงพยาบาล')).toThrow(RangeError);
    expect(() => tlv('59', 'x'.repeat(100))).toThrow(RangeError);
    expect(() => parseTlv('0005AB')).toThrow(RangeError);
  });
});
