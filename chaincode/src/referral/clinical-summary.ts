import { ChaincodeError } from '../errors/chaincode-error';
import { invalidArgument } from './referral-arguments';

/** One coded diagnosis (ICD-10-TM / WHO ICD-10 code and its display text). */
export interface ClinicalDiagnosis {
    readonly icd10: string;
    readonly display: string;
}

/** Vital signs at referral time; every field optional. */
export interface ClinicalVitalSigns {
    /** Beats per minute. */
    readonly heartRate?: number;
    /** mmHg. */
    readonly systolic?: number;
    /** mmHg. */
    readonly diastolic?: number;
    /** Breaths per minute. */
    readonly respiratoryRate?: number;
    /** Degrees Celsius. */
    readonly temperature?: number;
    /** Percent. */
    readonly spo2?: number;
}

/** A current medication. */
export interface ClinicalMedication {
    readonly name: string;
    readonly dose?: string;
}

/** A document kept outside the ledger, pinned by its hash. */
export interface ClinicalAttachment {
    readonly name: string;
    readonly contentType: string;
    /** SHA-256 of the document, lowercase hex. */
    readonly sha256: string;
}

/**
 * The clinical summary sent with a referral through the transient map and
 * kept in the two parties' private data collection. Optional fields are
 * absent, never null or undefined-valued, so its deterministic JSON (and hash)
 * is canonical.
 */
export interface ClinicalSummary {
    readonly diagnoses: ClinicalDiagnosis[];
    readonly history?: string;
    readonly vitalSigns?: ClinicalVitalSigns;
    readonly medications?: ClinicalMedication[];
    readonly attachments?: ClinicalAttachment[];
}

/** Largest accepted transient value, in bytes (the field limits keep real summaries far below it). */
export const MAX_CLINICAL_SUMMARY_BYTES = 256 * 1024;
export const MAX_DIAGNOSES = 20;
export const MAX_DISPLAY_LENGTH = 200;
export const MAX_HISTORY_LENGTH = 4000;
export const MAX_MEDICATIONS = 50;
export const MAX_ATTACHMENTS = 20;
const MAX_NAME_LENGTH = 200;
const MAX_CONTENT_TYPE_LENGTH = 127;

/** ICD-10 code: letter, two digits, optional `.` and 1-4 digits or capitals (e.g. `I63.9`, `E11.65`). */
export const ICD10_CODE = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const CONTENT_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$/;

/** Plausible ranges (inclusive) of each vital sign; outside them a value is a typing or unit error. */
export const VITAL_SIGN_RANGES: Readonly<Record<keyof ClinicalVitalSigns, readonly [number, number]>> = {
    heartRate: [0, 300],
    systolic: [0, 300],
    diastolic: [0, 250],
    respiratoryRate: [0, 120],
    temperature: [25, 45],
    spo2: [0, 100],
};

const SUMMARY_FIELDS = ['diagnoses', 'history', 'vitalSigns', 'medications', 'attachments'] as const;
const DIAGNOSIS_FIELDS = ['icd10', 'display'] as const;
const MEDICATION_FIELDS = ['name', 'dose'] as const;
const ATTACHMENT_FIELDS = ['name', 'contentType', 'sha256'] as const;
const VITAL_SIGN_FIELDS = Object.keys(VITAL_SIGN_RANGES) as (keyof ClinicalVitalSigns)[];

/** Optional fields may be omitted or null; both mean absent. */
function isPresent(value: unknown): boolean {
    return value !== undefined && value !== null;
}

/**
 * @returns `value` as a plain object with only `allowed` keys
 * @throws ChaincodeError INVALID_ARGUMENT naming `field`
 */
function objectWith(value: unknown, allowed: readonly string[], field: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw invalidArgument(field, 'must be an object');
    }
    const record = value as Record<string, unknown>;
    const unknown = Object.keys(record).filter((key) => !allowed.includes(key));
    if (unknown.length > 0) {
        throw invalidArgument(field, `has unknown fields: ${unknown.sort().join(', ')}`);
    }
    return record;
}

function arrayOf(value: unknown, min: number, max: number, field: string): unknown[] {
    if (!Array.isArray(value)) {
        throw invalidArgument(field, 'must be an array');
    }
    if (value.length < min || value.length > max) {
        throw invalidArgument(field, `must have ${String(min)}-${String(max)} entries`);
    }
    return value;
}

function text(value: unknown, min: number, max: number, field: string): string {
    if (typeof value !== 'string') {
        throw invalidArgument(field, 'must be a string');
    }
    if (value.length > max) {
        throw invalidArgument(field, `must be at most ${String(max)} characters`);
    }
    if (min > 0 && value.trim().length < min) {
        throw invalidArgument(field, 'is required');
    }
    return value;
}

function parseDiagnosis(value: unknown, index: number): ClinicalDiagnosis {
    const field = `diagnoses[${String(index)}]`;
    const record = objectWith(value, DIAGNOSIS_FIELDS, field);
    if (typeof record.icd10 !== 'string' || !ICD10_CODE.test(record.icd10)) {
        throw invalidArgument(`${field}.icd10`, 'must be an ICD-10 code such as I63.9');
    }
    return { icd10: record.icd10, display: text(record.display, 1, MAX_DISPLAY_LENGTH, `${field}.display`) };
}

function parseVitalSigns(value: unknown): ClinicalVitalSigns {
    const record = objectWith(value, VITAL_SIGN_FIELDS, 'vitalSigns');
    const vitals: { -readonly [K in keyof ClinicalVitalSigns]: ClinicalVitalSigns[K] } = {};
    for (const name of VITAL_SIGN_FIELDS) {
        const reading = record[name];
        if (!isPresent(reading)) {
            continue;
        }
        const [min, max] = VITAL_SIGN_RANGES[name];
        if (typeof reading !== 'number' || !Number.isFinite(reading) || reading < min || reading > max) {
            throw invalidArgument(`vitalSigns.${name}`, `must be a number ${String(min)}-${String(max)}`);
        }
        vitals[name] = reading;
    }
    return vitals;
}

function parseMedication(value: unknown, index: number): ClinicalMedication {
    const field = `medications[${String(index)}]`;
    const record = objectWith(value, MEDICATION_FIELDS, field);
    const medication: { -readonly [K in keyof ClinicalMedication]: ClinicalMedication[K] } = {
        name: text(record.name, 1, MAX_NAME_LENGTH, `${field}.name`),
    };
    if (isPresent(record.dose)) {
        medication.dose = text(record.dose, 0, MAX_NAME_LENGTH, `${field}.dose`);
    }
    return medication;
}

function parseAttachment(value: unknown, index: number): ClinicalAttachment {
    const field = `attachments[${String(index)}]`;
    const record = objectWith(value, ATTACHMENT_FIELDS, field);
    const contentType = record.contentType;
    if (typeof contentType !== 'string' || contentType.length > MAX_CONTENT_TYPE_LENGTH || !CONTENT_TYPE.test(contentType)) {
        throw invalidArgument(`${field}.contentType`, 'must be a media type such as application/pdf');
    }
    if (typeof record.sha256 !== 'string' || !SHA256_HEX.test(record.sha256)) {
        throw invalidArgument(`${field}.sha256`, 'must be 64 hex characters (SHA-256)');
    }
    return {
        name: text(record.name, 1, MAX_NAME_LENGTH, `${field}.name`),
        contentType,
        sha256: record.sha256.toLowerCase(),
    };
}

/**
 * Validates a clinical summary and returns its canonical form: only known
 * fields, null optional fields dropped, attachment hashes lower-cased.
 *
 * @throws ChaincodeError INVALID_ARGUMENT naming the first bad field (never echoing its value)
 */
export function parseClinicalSummary(value: unknown): ClinicalSummary {
    const record = objectWith(value, SUMMARY_FIELDS, 'clinicalSummary');
    const summary: { -readonly [K in keyof ClinicalSummary]: ClinicalSummary[K] } = {
        diagnoses: arrayOf(record.diagnoses, 1, MAX_DIAGNOSES, 'diagnoses').map(parseDiagnosis),
    };
    if (isPresent(record.history)) {
        summary.history = text(record.history, 0, MAX_HISTORY_LENGTH, 'history');
    }
    if (isPresent(record.vitalSigns)) {
        summary.vitalSigns = parseVitalSigns(record.vitalSigns);
    }
    if (isPresent(record.medications)) {
        summary.medications = arrayOf(record.medications, 0, MAX_MEDICATIONS, 'medications').map(parseMedication);
    }
    if (isPresent(record.attachments)) {
        summary.attachments = arrayOf(record.attachments, 0, MAX_ATTACHMENTS, 'attachments').map(parseAttachment);
    }
    return summary;
}

/**
 * Parses the `clinicalSummary` transient value (UTF-8 JSON bytes).
 *
 * @throws ChaincodeError INVALID_ARGUMENT when it is empty, too large, not JSON or not a valid summary
 */
export function parseClinicalSummaryBytes(bytes: Uint8Array): ClinicalSummary {
    if (bytes.length === 0) {
        throw invalidArgument('clinicalSummary', 'must not be empty');
    }
    if (bytes.length > MAX_CLINICAL_SUMMARY_BYTES) {
        throw invalidArgument('clinicalSummary', `must be at most ${String(MAX_CLINICAL_SUMMARY_BYTES)} bytes`);
    }
    let raw: unknown;
    try {
        raw = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
    } catch (cause) {
        throw new ChaincodeError('INVALID_ARGUMENT', 'clinicalSummary is not valid JSON', { details: { field: 'clinicalSummary' }, cause });
    }
    return parseClinicalSummary(raw);
}
