import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors/chaincode-error';
import { invalidArgument, parseReferralId, parseText } from '../referral/referral-arguments';
import { scoreBarthel, type AdlScore } from './barthel';
import { TEAM_ROLES, type CocTeam, type TeamMember } from './coc-case';

const PSEUDONYM = /^[0-9a-f]{64}$/;
const HCODE = /^\d{5}$/;
const USERNAME = /^[A-Za-z0-9._-]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Transient key of the private case details (address, contact, care plan). */
export const CASE_DETAILS_TRANSIENT_KEY = 'caseDetails';
/** Transient key of the private visit details. */
export const VISIT_DETAILS_TRANSIENT_KEY = 'visitDetails';
const MAX_TRANSIENT_BYTES = 16_384;

function parseObject(text: string, field: string): Record<string, unknown> {
    let value: unknown;
    try {
        value = JSON.parse(text) as unknown;
    } catch {
        throw invalidArgument(field, 'must be JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw invalidArgument(field, 'must be a JSON object');
    }
    return value as Record<string, unknown>;
}

function rejectUnknown(input: Record<string, unknown>, allowed: readonly string[], field: string): void {
    for (const key of Object.keys(input)) {
        if (!allowed.includes(key)) throw invalidArgument(`${field}.${key}`, 'is not allowed');
    }
}

/** A YYYY-MM-DD calendar date. */
export function parseDate(value: unknown, field: string): string {
    if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
        throw invalidArgument(field, 'must be a date YYYY-MM-DD');
    }
    return value;
}

function parseHcode(value: unknown, field: string): string {
    if (typeof value !== 'string' || !HCODE.test(value)) throw invalidArgument(field, 'must be a 5-digit hcode');
    return value;
}

function parseMember(value: unknown, field: string): TeamMember {
    if (typeof value !== 'object' || value === null) throw invalidArgument(field, 'must be an object { username, hcode }');
    const v = value as Record<string, unknown>;
    rejectUnknown(v, ['username', 'hcode'], field);
    if (typeof v.username !== 'string' || !USERNAME.test(v.username)) throw invalidArgument(`${field}.username`, 'must be a staff username');
    return { username: v.username, hcode: parseHcode(v.hcode, `${field}.hcode`) };
}

/** The team: one member per role, three different people. */
export function parseTeam(value: unknown): CocTeam {
    if (typeof value !== 'object' || value === null) throw invalidArgument('team', 'must be an object with volunteer, officer and familyDoctor');
    const v = value as Record<string, unknown>;
    rejectUnknown(v, TEAM_ROLES, 'team');
    const team = {
        volunteer: parseMember(v.volunteer, 'team.volunteer'),
        officer: parseMember(v.officer, 'team.officer'),
        familyDoctor: parseMember(v.familyDoctor, 'team.familyDoctor'),
    };
    if (new Set(TEAM_ROLES.map((r) => team[r].username)).size !== TEAM_ROLES.length) {
        throw invalidArgument('team', 'must name three different people');
    }
    return team;
}

/** Arguments of `OpenCase`. */
export interface OpenCaseInput {
    readonly caseId: string;
    readonly healthCentreHcode: string;
    readonly patientPseudonym?: string;
    readonly referralId?: string;
    readonly adl: AdlScore;
    readonly team: CocTeam;
}

/** @throws ChaincodeError INVALID_ARGUMENT / ADL_SCORE_OUT_OF_RANGE naming the field */
export function parseOpenCase(text: string): OpenCaseInput {
    const v = parseObject(text, 'payload');
    rejectUnknown(v, ['caseId', 'healthCentreHcode', 'patientPseudonym', 'referralId', 'adl', 'team'], 'payload');
    const caseId = parseReferralId(v.caseId, 'caseId');
    const healthCentreHcode = parseHcode(v.healthCentreHcode, 'healthCentreHcode');
    const referralId = v.referralId === undefined ? undefined : parseReferralId(v.referralId, 'referralId');
    if (referralId === undefined && (typeof v.patientPseudonym !== 'string' || !PSEUDONYM.test(v.patientPseudonym))) {
        throw invalidArgument('patientPseudonym', 'must be 64 lowercase hex characters');
    }
    if (referralId !== undefined && v.patientPseudonym !== undefined) {
        throw invalidArgument('patientPseudonym', 'comes from the referral; do not send it with referralId');
    }
    const adl = scoreBarthel(v.adl);
    const team = parseTeam(v.team);
    const input: OpenCaseInput = { caseId, healthCentreHcode, adl, team };
    return {
        ...input,
        ...(referralId === undefined ? { patientPseudonym: v.patientPseudonym as string } : { referralId }),
    };
}

/** Arguments of `UpdateCase`: at least one of them. */
export interface UpdateCaseInput {
    readonly adl?: AdlScore;
    readonly team?: CocTeam;
    readonly note: string;
}

/** @throws ChaincodeError INVALID_ARGUMENT / ADL_SCORE_OUT_OF_RANGE naming the field */
export function parseUpdateCase(text: string, hasDetails: boolean): UpdateCaseInput {
    const v = parseObject(text, 'payload');
    rejectUnknown(v, ['adl', 'team', 'note'], 'payload');
    if (v.adl === undefined && v.team === undefined && !hasDetails) {
        throw invalidArgument('payload', 'must change adl, team or the private case details');
    }
    return {
        ...(v.adl === undefined ? {} : { adl: scoreBarthel(v.adl) }),
        ...(v.team === undefined ? {} : { team: parseTeam(v.team) }),
        note: v.note === undefined ? '' : parseText(v.note, 'note', false),
    };
}

/** Arguments of `RecordVisit` (public part). */
export interface RecordVisitInput {
    readonly visitId: string;
    readonly caseId: string;
    readonly visitedOn: string;
}

/** @throws ChaincodeError INVALID_ARGUMENT naming the field */
export function parseRecordVisit(text: string): RecordVisitInput {
    const v = parseObject(text, 'payload');
    rejectUnknown(v, ['visitId', 'caseId', 'visitedOn'], 'payload');
    return {
        visitId: parseReferralId(v.visitId, 'visitId'),
        caseId: parseReferralId(v.caseId, 'caseId'),
        visitedOn: parseDate(v.visitedOn, 'visitedOn'),
    };
}

/** Reads a transient JSON object, or undefined when the key is absent. */
export function transientObject(ctx: Context, key: string): Record<string, unknown> | undefined {
    const bytes = ctx.stub.getTransient().get(key);
    if (bytes === undefined || bytes.length === 0) return undefined;
    if (bytes.length > MAX_TRANSIENT_BYTES) throw invalidArgument(key, `must be at most ${String(MAX_TRANSIENT_BYTES)} bytes`);
    return parseObject(Buffer.from(bytes).toString('utf8'), key);
}

/** Private case details: address and contact (off the channel) and the care plan. */
export interface CaseDetails {
    readonly address: string;
    readonly contactPhone: string;
    readonly carePlan: { readonly goals: readonly string[]; readonly interventions: readonly string[]; readonly note: string };
}

function parseTextList(value: unknown, field: string, max: number): string[] {
    if (!Array.isArray(value) || value.length > max) throw invalidArgument(field, `must be a list of at most ${String(max)} texts`);
    return value.map((item, i) => parseText(item, `${field}[${String(i)}]`, true));
}

/** @throws ChaincodeError INVALID_ARGUMENT naming the field */
export function parseCaseDetails(v: Record<string, unknown>): CaseDetails {
    rejectUnknown(v, ['address', 'contactPhone', 'carePlan'], 'caseDetails');
    const plan = v.carePlan;
    if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) throw invalidArgument('caseDetails.carePlan', 'must be an object');
    const p = plan as Record<string, unknown>;
    rejectUnknown(p, ['goals', 'interventions', 'note'], 'caseDetails.carePlan');
    const goals = parseTextList(p.goals, 'caseDetails.carePlan.goals', 20);
    if (goals.length === 0) throw invalidArgument('caseDetails.carePlan.goals', 'needs at least one goal');
    return {
        address: parseText(v.address, 'caseDetails.address', true),
        contactPhone: v.contactPhone === undefined ? '' : parseText(v.contactPhone, 'caseDetails.contactPhone', false),
        carePlan: {
            goals,
            interventions: p.interventions === undefined ? [] : parseTextList(p.interventions, 'caseDetails.carePlan.interventions', 20),
            note: p.note === undefined ? '' : parseText(p.note, 'caseDetails.carePlan.note', false),
        },
    };
}

/** Vital signs (LOINC: heart rate 8867-4, BP 85354-9, SpO2 59408-5, respiratory rate 9279-1). */
export interface VitalSigns {
    readonly heartRate?: number;
    readonly systolic?: number;
    readonly diastolic?: number;
    readonly spo2?: number;
    readonly respiratoryRate?: number;
    readonly temperature?: number;
}

const VITAL_RANGES: Readonly<Record<keyof VitalSigns, readonly [number, number]>> = {
    heartRate: [20, 250],
    systolic: [50, 300],
    diastolic: [20, 200],
    spo2: [50, 100],
    respiratoryRate: [4, 80],
    temperature: [30, 45],
};

/** Private visit details. */
export interface VisitDetails {
    readonly attendees: readonly string[];
    readonly adl?: AdlScore;
    readonly vitals: VitalSigns;
    readonly problems: string;
    readonly careGiven: string;
    readonly nextStep: string;
}

/** @throws ChaincodeError INVALID_ARGUMENT / ADL_SCORE_OUT_OF_RANGE naming the field */
export function parseVisitDetails(v: Record<string, unknown>): VisitDetails {
    rejectUnknown(v, ['attendees', 'adl', 'vitals', 'problems', 'careGiven', 'nextStep'], 'visitDetails');
    const attendees = parseTextList(v.attendees, 'visitDetails.attendees', 10);
    if (attendees.length === 0) throw invalidArgument('visitDetails.attendees', 'must name who was there');
    const vitals: Record<string, number> = {};
    if (v.vitals !== undefined) {
        if (typeof v.vitals !== 'object' || v.vitals === null || Array.isArray(v.vitals)) throw invalidArgument('visitDetails.vitals', 'must be an object');
        const raw = v.vitals as Record<string, unknown>;
        rejectUnknown(raw, Object.keys(VITAL_RANGES), 'visitDetails.vitals');
        for (const [name, [min, max]] of Object.entries(VITAL_RANGES)) {
            const value = raw[name];
            if (value === undefined) continue;
            if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
                throw invalidArgument(`visitDetails.vitals.${name}`, `must be a number ${String(min)}-${String(max)}`);
            }
            vitals[name] = value;
        }
    }
    return {
        attendees,
        ...(v.adl === undefined ? {} : { adl: scoreBarthel(v.adl, 'visitDetails.adl') }),
        vitals,
        problems: parseText(v.problems ?? '', 'visitDetails.problems', false),
        careGiven: parseText(v.careGiven, 'visitDetails.careGiven', true),
        nextStep: parseText(v.nextStep ?? '', 'visitDetails.nextStep', false),
    };
}

/** @throws ChaincodeError INVALID_ARGUMENT when a required transient input is missing */
export function requireTransient(ctx: Context, key: string): Record<string, unknown> {
    const value = transientObject(ctx, key);
    if (value === undefined) {
        throw new ChaincodeError('INVALID_ARGUMENT', `transient ${key} is required`, { details: { field: key } });
    }
    return value;
}
