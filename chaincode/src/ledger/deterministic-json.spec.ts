import { FakeLedger, identity } from '../test-support/fake-ledger';
import { toDeterministicBytes, toDeterministicJson } from './deterministic-json';
import { putState } from './state';

describe('deterministic JSON', () => {
    const a = { b: 1, a: { d: [{ y: 2, x: 1 }], c: 'x' }, steps: [{ z: 1 }, { a: 2 }] };
    const b = { steps: [{ z: 1 }, { a: 2 }], a: { c: 'x', d: [{ x: 1, y: 2 }] }, b: 1 };

    it('gives identical bytes for the same object with different key order', () => {
        expect(Buffer.from(toDeterministicBytes(a)).equals(Buffer.from(toDeterministicBytes(b)))).toBe(true);
        expect(toDeterministicJson(a)).toBe('{"a":{"c":"x","d":[{"x":1,"y":2}]},"b":1,"steps":[{"z":1},{"a":2}]}');
    });

    it('keeps the order of arrays of objects', () => {
        const steps = [{ n: 3 }, { n: 1 }, { n: 2 }];
        expect(JSON.parse(toDeterministicJson({ steps }))).toEqual({ steps });
    });

    it('drops undefined values', () => {
        expect(toDeterministicJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    });

    it('putState writes identical bytes for differently ordered values', async () => {
        const ledger = new FakeLedger();
        const who = identity('BangKhlaMSP', 'clinician', '11138');
        await ledger.invoke(who, async (ctx) => {
            await putState(ctx, 'k1', a);
            return putState(ctx, 'k2', b);
        });
        expect(ledger.state.get('k1')).toEqual(ledger.state.get('k2'));
    });
});
