import { deterministicJson } from './deterministic-json';

// The chaincode's own serialiser (chaincode/src/ledger/deterministic-json.ts): the audit must hash the same bytes.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stringify = require('json-stringify-deterministic') as (value: unknown) => string;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sortKeysRecursive = require('sort-keys-recursive') as (value: unknown) => unknown;
const chaincodeJson = (value: object): string => stringify(sortKeysRecursive(value));

describe('deterministic JSON (as the chaincode writes it)', () => {
  const samples: object[] = [
    { diagnoses: [{ icd10: 'I63.9', display: 'Cerebral infarction' }], history: 'weakness 2h', vitalSigns: { spo2: 95, heartRate: 110 } },
    { b: 1, a: { d: [{ y: 2, x: 1 }], c: 'x' }, steps: [{ z: 1 }, { a: 2 }] },
    { careDuringTransfer: ['3', '1', '10'], numbers: [10, 9, 1], nested: { list: ['b', 'a'], deeper: { k: [3, 20, 100] } } },
    { medications: [{ name: 'aspirin', dose: '300 mg', tags: ['z', 'a'] }], attachments: [] },
    { text: 'ภาษาไทย "quoted" \\ \n', empty: {}, nul: null, flag: false, skip: undefined },
    { 'é': 1, e: 2, E: 3, '10': 4, '9': 5 },
  ];

  it.each(samples.map((s, i) => [i, s]))('sample %i gives the chaincode bytes', (_i, sample) => {
    expect(deterministicJson(sample)).toBe(chaincodeJson(sample as object));
  });

  it('is independent of key order', () => {
    expect(deterministicJson({ b: { y: 1, x: 2 }, a: 1 })).toBe(deterministicJson({ a: 1, b: { x: 2, y: 1 } }));
  });
});
