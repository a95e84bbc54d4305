import { ChaincodeError } from '../errors/chaincode-error';
import { MAX_CLINICAL_SUMMARY_BYTES, parseClinicalSummary, parseClinicalSummaryBytes } from './clinical-summary';

const MINIMAL = { diagnoses: [{ icd10: 'I63.9', display: 'Cerebral infarction, unspecified' }] };

const FULL = {
    diagnoses: [
        { icd10: 'I63.9', display: 'Cerebral infarction' },
        { icd10: 'E11', display: 'Type 2 diabetes mellitus' },
        { icd10: 'S72.0001', display: 'Fracture of neck of femur' },
    ],
    history: 'อ่อนแรงซีกขวา 2 ชั่วโมง',
    vitalSigns: { heartRate: 96, systolic: 182, diastolic: 104, respiratoryRate: 20, temperature: 37.2, spo2: 97 },
    medications: [{ name: 'Aspirin', dose: '300 mg' }, { name: 'Metformin' }],
    attachments: [{ name: 'ct-brain.pdf', contentType: 'application/pdf', sha256: 'c'.repeat(64) }],
};

function fieldError(value: unknown): string {
    try {
        parseClinicalSummary(value);
    } catch (error) {
        expect(error).toBeInstanceOf(ChaincodeError);
        expect((error as ChaincodeError).code).toBe('INVALID_ARGUMENT');
        return (error as ChaincodeError).message;
    }
    throw new Error('expected INVALID_ARGUMENT');
}

function diagnoses(count: number): { icd10: string; display: string }[] {
    return Array.from({ length: count }, () => ({ icd10: 'J18.9', display: 'Pneumonia' }));
}

describe('parseClinicalSummary', () => {
    it('accepts the minimal summary', () => {
        expect(parseClinicalSummary(MINIMAL)).toEqual(MINIMAL);
    });

    it('accepts every field', () => {
        expect(parseClinicalSummary(FULL)).toEqual(FULL);
    });

    it('drops null optional fields and lower-cases attachment hashes', () => {
        const summary = parseClinicalSummary({
            ...MINIMAL,
            history: null,
            vitalSigns: { heartRate: null, spo2: 88 },
            medications: [{ name: 'Aspirin', dose: null }],
            attachments: [{ name: 'x.png', contentType: 'image/png', sha256: 'AB'.repeat(32) }],
        });
        expect(summary).toEqual({
            ...MINIMAL,
            vitalSigns: { spo2: 88 },
            medications: [{ name: 'Aspirin' }],
            attachments: [{ name: 'x.png', contentType: 'image/png', sha256: 'ab'.repeat(32) }],
        });
        expect(summary).not.toHaveProperty('history');
    });

    it('accepts the limits', () => {
        expect(() =>
            parseClinicalSummary({
                diagnoses: diagnoses(20).map((d) => ({ ...d, display: 'x'.repeat(200) })),
                history: 'h'.repeat(4000),
                vitalSigns: { heartRate: 0, systolic: 300, diastolic: 250, respiratoryRate: 120, temperature: 25, spo2: 100 },
                medications: Array.from({ length: 50 }, () => ({ name: 'm' })),
                attachments: Array.from({ length: 20 }, () => ({ name: 'a', contentType: 'text/plain', sha256: 'f'.repeat(64) })),
            }),
        ).not.toThrow();
        expect(() => parseClinicalSummary({ ...MINIMAL, vitalSigns: { temperature: 45 }, medications: [], attachments: [] })).not.toThrow();
    });

    it.each<[string, unknown, string]>([
        ['not an object', [MINIMAL], 'clinicalSummary'],
        ['null', null, 'clinicalSummary'],
        ['an unknown field', { ...MINIMAL, cid: '1234567890123' }, 'clinicalSummary'],
        ['no diagnoses', { history: 'x' }, 'diagnoses'],
        ['empty diagnoses', { diagnoses: [] }, 'diagnoses'],
        ['21 diagnoses', { diagnoses: diagnoses(21) }, 'diagnoses'],
        ['a diagnosis that is not an object', { diagnoses: ['I63.9'] }, 'diagnoses[0]'],
        ['a diagnosis with an extra field', { diagnoses: [{ icd10: 'I63.9', display: 'x', name: 'y' }] }, 'diagnoses[0]'],
        ['a lower-case code', { diagnoses: [{ icd10: 'i63.9', display: 'x' }] }, 'diagnoses[0].icd10'],
        ['a code without dot', { diagnoses: [{ icd10: 'I639', display: 'x' }] }, 'diagnoses[0].icd10'],
        ['a code with 5 extension characters', { diagnoses: [{ icd10: 'I63.12345', display: 'x' }] }, 'diagnoses[0].icd10'],
        ['a code with a trailing dot', { diagnoses: [{ icd10: 'I63.', display: 'x' }] }, 'diagnoses[0].icd10'],
        ['a numeric code', { diagnoses: [{ icd10: 639, display: 'x' }] }, 'diagnoses[0].icd10'],
        ['an empty display', { diagnoses: [{ icd10: 'I63.9', display: '' }] }, 'diagnoses[0].display'],
        ['a blank display', { diagnoses: [{ icd10: 'I63.9', display: '   ' }] }, 'diagnoses[0].display'],
        ['a display of 201 characters', { diagnoses: [{ icd10: 'I63.9', display: 'x'.repeat(201) }] }, 'diagnoses[0].display'],
        ['a second bad diagnosis', { diagnoses: [MINIMAL.diagnoses[0], { icd10: 'X', display: 'x' }] }, 'diagnoses[1].icd10'],
        ['history of 4001 characters', { ...MINIMAL, history: 'h'.repeat(4001) }, 'history'],
        ['numeric history', { ...MINIMAL, history: 4 }, 'history'],
        ['vital signs as an array', { ...MINIMAL, vitalSigns: [] }, 'vitalSigns'],
        ['an unknown vital sign', { ...MINIMAL, vitalSigns: { weight: 70 } }, 'vitalSigns'],
        ['a heart rate of 301', { ...MINIMAL, vitalSigns: { heartRate: 301 } }, 'vitalSigns.heartRate'],
        ['a negative systolic pressure', { ...MINIMAL, vitalSigns: { systolic: -1 } }, 'vitalSigns.systolic'],
        ['a diastolic pressure of 251', { ...MINIMAL, vitalSigns: { diastolic: 251 } }, 'vitalSigns.diastolic'],
        ['a respiratory rate of 121', { ...MINIMAL, vitalSigns: { respiratoryRate: 121 } }, 'vitalSigns.respiratoryRate'],
        ['a temperature in Fahrenheit', { ...MINIMAL, vitalSigns: { temperature: 98.6 } }, 'vitalSigns.temperature'],
        ['a temperature of 24.9', { ...MINIMAL, vitalSigns: { temperature: 24.9 } }, 'vitalSigns.temperature'],
        ['an SpO2 of 101', { ...MINIMAL, vitalSigns: { spo2: 101 } }, 'vitalSigns.spo2'],
        ['a string heart rate', { ...MINIMAL, vitalSigns: { heartRate: '90' } }, 'vitalSigns.heartRate'],
        ['medications not an array', { ...MINIMAL, medications: { name: 'x' } }, 'medications'],
        ['51 medications', { ...MINIMAL, medications: Array.from({ length: 51 }, () => ({ name: 'm' })) }, 'medications'],
        ['a medication without name', { ...MINIMAL, medications: [{ dose: '1 mg' }] }, 'medications[0].name'],
        ['a medication dose of 201 characters', { ...MINIMAL, medications: [{ name: 'm', dose: 'd'.repeat(201) }] }, 'medications[0].dose'],
        ['a medication with an extra field', { ...MINIMAL, medications: [{ name: 'm', route: 'po' }] }, 'medications[0]'],
        ['21 attachments', { ...MINIMAL, attachments: Array.from({ length: 21 }, () => FULL.attachments[0]) }, 'attachments'],
        ['an attachment hash of 63 characters', { ...MINIMAL, attachments: [{ ...FULL.attachments[0], sha256: 'c'.repeat(63) }] }, 'attachments[0].sha256'],
        ['a non-hex attachment hash', { ...MINIMAL, attachments: [{ ...FULL.attachments[0], sha256: 'g'.repeat(64) }] }, 'attachments[0].sha256'],
        ['an attachment without media type', { ...MINIMAL, attachments: [{ name: 'a', sha256: 'c'.repeat(64) }] }, 'attachments[0].contentType'],
        ['a bad media type', { ...MINIMAL, attachments: [{ ...FULL.attachments[0], contentType: 'pdf' }] }, 'attachments[0].contentType'],
        ['an attachment without name', { ...MINIMAL, attachments: [{ ...FULL.attachments[0], name: '' }] }, 'attachments[0].name'],
    ])('rejects %s', (_label, value, field) => {
        expect(fieldError(value)).toMatch(new RegExp(`^INVALID_ARGUMENT: ${field.replace(/[[\].]/g, '\\$&')} `));
    });

    it('names unknown fields without echoing values', () => {
        expect(fieldError({ ...MINIMAL, patientName: 'secret', cid: '1' })).toBe('INVALID_ARGUMENT: clinicalSummary has unknown fields: cid, patientName');
    });
});

describe('parseClinicalSummaryBytes', () => {
    it('parses UTF-8 JSON bytes', () => {
        expect(parseClinicalSummaryBytes(Buffer.from(JSON.stringify(FULL), 'utf8'))).toEqual(FULL);
    });

    it.each<[string, Uint8Array]>([
        ['empty bytes', new Uint8Array(0)],
        ['bytes that are not JSON', Buffer.from('{diagnoses', 'utf8')],
        ['JSON that is not a summary', Buffer.from('[]', 'utf8')],
        ['more than the byte limit', Buffer.alloc(MAX_CLINICAL_SUMMARY_BYTES + 1, 0x20)],
    ])('rejects %s with INVALID_ARGUMENT', (_label, bytes) => {
        expect(() => parseClinicalSummaryBytes(bytes)).toThrow(/^INVALID_ARGUMENT: clinicalSummary /);
    });
});
