import { duplicateKeyOf } from './mongo-booking-store';

describe('duplicateKeyOf', () => {
  it('names the index from MongoDB keyPattern or message', () => {
    expect(duplicateKeyOf(Object.assign(new Error('E11000 duplicate key error collection: db.wallet_bookings index: seatKey_unique dup key'), { code: 11000 }))?.index).toBe('seat');
    expect(duplicateKeyOf(Object.assign(new Error('E11000'), { code: 11000, keyPattern: { holderKey: 1 } }))?.index).toBe('holder');
    expect(duplicateKeyOf(Object.assign(new Error('E11000 … index: _id_'), { code: 11000, keyPattern: { _id: 1 } }))?.index).toBe('id');
  });

  it('falls back to "id" when the store does not say (FerretDB); the store then looks the key up', () => {
    expect(duplicateKeyOf(Object.assign(new Error('E11000 duplicate key error collection: wallet_test.wallet_bookings'), { code: 11000 }))?.index).toBe('id');
  });

  it('leaves other errors alone', () => {
    expect(duplicateKeyOf(new Error('connection refused'))).toBeUndefined();
    expect(duplicateKeyOf(null)).toBeUndefined();
  });
});
