import { ChaincodeError } from '../errors/chaincode-error';
import { adlGroupOf, adlRank, BARTHEL_ITEM_NAMES, BARTHEL_ITEMS, scoreBarthel } from './barthel';

const full = Object.fromEntries(BARTHEL_ITEM_NAMES.map((name) => [name, BARTHEL_ITEMS[name]]));
const zero = Object.fromEntries(BARTHEL_ITEM_NAMES.map((name) => [name, 0]));

describe('Barthel ADL', () => {
    it('has 10 items summing to 20', () => {
        expect(BARTHEL_ITEM_NAMES).toHaveLength(10);
        expect(Object.values(BARTHEL_ITEMS).reduce((a, b) => a + b, 0)).toBe(20);
    });

    it.each([
        [0, 'bedridden'],
        [4, 'bedridden'],
        [5, 'homebound'],
        [11, 'homebound'],
        [12, 'socially-active'],
        [20, 'socially-active'],
    ])('groups a total of %i as %s', (score, group) => {
        expect(adlGroupOf(score)).toBe(group);
    });

    it('ranks groups by independence', () => {
        expect(adlRank('bedridden')).toBeLessThan(adlRank('homebound'));
        expect(adlRank('homebound')).toBeLessThan(adlRank('socially-active'));
    });

    it('scores a complete assessment', () => {
        expect(scoreBarthel(full)).toEqual({ score: 20, group: 'socially-active', items: full });
        expect(scoreBarthel({ ...zero, feeding: 2, transfer: 2 })).toMatchObject({ score: 4, group: 'bedridden' });
    });

    it.each([
        ['a missing item', { ...full, bladder: undefined }, 'adl.bladder'],
        ['an item above its maximum', { ...full, grooming: 2 }, 'adl.grooming'],
        ['a negative item', { ...full, feeding: -1 }, 'adl.feeding'],
        ['a fraction', { ...full, mobility: 1.5 }, 'adl.mobility'],
        ['a string', { ...full, stairs: '2' }, 'adl.stairs'],
        ['an unknown item', { ...full, walking: 1 }, 'adl.walking'],
    ])('rejects %s with ADL_SCORE_OUT_OF_RANGE', (_label, input, field) => {
        let thrown: unknown;
        try {
            scoreBarthel(input);
        } catch (error) {
            thrown = error;
        }
        expect(thrown).toBeInstanceOf(ChaincodeError);
        expect((thrown as ChaincodeError).code).toBe('ADL_SCORE_OUT_OF_RANGE');
        expect((thrown as ChaincodeError).details).toEqual({ field });
    });

    it('rejects a non-object', () => {
        expect(() => scoreBarthel([1, 2])).toThrow('ADL_SCORE_OUT_OF_RANGE');
        expect(() => scoreBarthel(null)).toThrow('ADL_SCORE_OUT_OF_RANGE');
    });
});
