import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { requireOwnUnit, requireRole } from '../access/access-checks';
import { getActor, type Actor } from '../access/actor';
import { ChaincodeError } from '../errors/chaincode-error';
import { requirePeerMember } from '../access/peer-org';
import { sha256Hex } from '../ledger/content-hash';
import { requirePeersOf, requirePeersOfPrivate } from '../ledger/key-endorsement';
import { getPrivateBytes, putPrivateState } from '../ledger/private-data';
import { clinicalCollection } from '../referral/clinical-summary-store';
import { getJson, putState } from '../ledger/state';
import { txTimestampIso } from '../ledger/tx-time';
import { unitRegistry } from '../registry/unit-registry';
import {
    EMS_COLOURS,
    EMS_LEVELS,
    EMS_MILESTONES,
    MILESTONE_AFTER,
    isEmsCase,
    type EmsCase,
    type EmsColour,
    type EmsLevel,
    type EmsMilestone,
    type EmsSigner,
    type EmsStep,
} from './ems-case';

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const UNIT_ID = /^[A-Z0-9-]{3,32}$/;
const COMPLAINT = /^[a-z0-9-]{1,40}$/;
const PSEUDONYM = /^[0-9a-f]{64}$/;
const HCODE = /^\d{5}$/;
const CASE_TYPE = 'ems-case';

/** Name of the event every change emits, carrying the case. */
export const EMS_EVENT = 'EmsCaseChanged';

function bad(field: string, message: string): ChaincodeError {
    return new ChaincodeError('INVALID_ARGUMENT', `${field}: ${message}`, { details: { field } });
}

/** Parses a JSON object argument whose keys must all be in `allowed`. */
function parseObject(text: string, allowed: readonly string[], name: string): Record<string, unknown> {
    let value: unknown;
    try {
        value = JSON.parse(text === '' ? '{}' : text) as unknown;
    } catch {
        throw bad(name, 'is not JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw bad(name, 'must be a JSON object');
    }
    for (const key of Object.keys(value)) {
        if (!allowed.includes(key)) {
            throw bad(key, 'is not a known field');
        }
    }
    return value as Record<string, unknown>;
}

function text(value: unknown, field: string, pattern: RegExp): string {
    if (typeof value !== 'string' || !pattern.test(value)) {
        throw bad(field, `must match ${pattern.source}`);
    }
    return value;
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
        throw bad(field, `must be one of ${allowed.join(', ')}`);
    }
    return value as T;
}

function caseKey(ctx: Context, caseId: string): string {
    return ctx.stub.createCompositeKey(CASE_TYPE, [caseId]);
}

/** Transient map key of a clinical note. */
const NOTE_TRANSIENT_KEY = 'clinicalNote';

/** Private key of one note in the parties' collection (composite-free: the collection is shared with referral ids `R-…`). */
function noteKey(caseId: string, noteId: string): string {
    return `ems-note:${caseId}:${noteId}`;
}

function signer(ctx: Context, actor: Actor, at: string): EmsSigner {
    return { by: actor.name, role: actor.role, mspId: actor.mspId, hcode: actor.hcode, txId: ctx.stub.getTxID(), at };
}

/** A hospital of the registry (units and receiving ERs belong to hospitals). */
function hospital(hcode: unknown, field: string): { hcode: string; mspId: string } {
    const code = text(hcode, field, HCODE);
    const unit = unitRegistry.find(code);
    if (!unit) {
        throw new ChaincodeError('UNKNOWN_HCODE', `unit ${code} is not in the registry`, { details: { field, hcode: code } });
    }
    if (unit.type !== 'hospital') {
        throw bad(field, `unit ${code} is not a hospital`);
    }
    return unit;
}

/**
 * Smart EMS 1669 chain of custody: the dispatcher opens a case (pseudonymous patient, triage colour and the version
 * of the dispatch criteria) and dispatches a unit; the crew records departure, scene, leaving the scene (with the
 * receiving hospital) and arrival; the crew signs the hand-over and the receiving hospital's ER physician co-signs it.
 * After dispatch the case key needs a peer of the hub and of the unit's organisation; from leaving the scene, a peer
 * of the unit's organisation and of the receiving hospital, so the hand-over is endorsed by both.
 */
@Info({ title: 'EmsContract', description: 'Smart EMS 1669 case milestones and co-signed hand-over (pseudonyms only)' })
export class EmsContract extends Contract {
    constructor() {
        super('EmsContract');
    }

    // Opens an EMS case (milestone call-received) for the dispatcher's unit; payload {caseId, colour, criteriaVersion, complaintCode, patientPseudonym?}. Returns the case JSON.
    @Transaction()
    @Returns('string')
    public async OpenCase(ctx: Context, payload: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['dispatcher'], 'open an EMS case');
        const hub = requireOwnUnit(actor, unitRegistry);
        const input = parseObject(payload, ['caseId', 'colour', 'criteriaVersion', 'complaintCode', 'patientPseudonym'], 'payload');
        const caseId = text(input.caseId, 'caseId', CASE_ID);
        const colour: EmsColour = oneOf(input.colour, 'colour', EMS_COLOURS);
        const criteriaVersion = text(input.criteriaVersion, 'criteriaVersion', /^[A-Za-z0-9._-]{1,64}$/);
        const complaintCode = text(input.complaintCode, 'complaintCode', COMPLAINT);
        const patientPseudonym = input.patientPseudonym === undefined ? undefined : text(input.patientPseudonym, 'patientPseudonym', PSEUDONYM);
        if ((await getJson(ctx, caseKey(ctx, caseId))) !== undefined) {
            throw new ChaincodeError('EMS_CASE_EXISTS', `EMS case ${caseId} already exists`, { details: { caseId } });
        }
        const at = txTimestampIso(ctx);
        const emsCase: EmsCase = {
            docType: 'ems-case',
            caseId,
            colour,
            criteriaVersion,
            complaintCode,
            ...(patientPseudonym === undefined ? {} : { patientPseudonym }),
            hubMsp: hub.mspId,
            hubHcode: hub.hcode,
            status: 'call-received',
            steps: [{ milestone: 'call-received', ...signer(ctx, actor, at) }],
            createdAt: at,
            updatedAt: at,
        };
        return this.#save(ctx, emsCase);
    }

    // Records a milestone signed by the caller: dispatched (dispatcher; payload {unitId, unitHcode, unitLevel}), departed, on-scene, left-scene (payload {destinationHcode}), at-hospital (crew of the unit), stood-down (dispatcher or crew). Returns the case JSON.
    @Transaction()
    @Returns('string')
    public async RecordMilestone(ctx: Context, caseId: string, milestone: string, payload: string): Promise<string> {
        const actor = getActor(ctx);
        const step: EmsMilestone = oneOf(milestone, 'milestone', EMS_MILESTONES);
        const emsCase = await this.#get(ctx, caseId);
        if (!MILESTONE_AFTER[step].includes(emsCase.status)) {
            throw new ChaincodeError('INVALID_TRANSITION', `EMS case ${caseId} is ${emsCase.status}; ${step} is not allowed`, {
                details: { caseId, from: emsCase.status, to: step },
            });
        }
        const input = parseObject(payload, ['unitId', 'unitHcode', 'unitLevel', 'destinationHcode', 'note'], 'payload');
        const note = input.note === undefined ? undefined : text(input.note, 'note', /^[^\u0000]{0,300}$/);
        const at = txTimestampIso(ctx);
        if (step === 'dispatched') {
            this.#requireHubDispatcher(actor, emsCase);
            const unitId = text(input.unitId, 'unitId', UNIT_ID);
            const unit = hospital(input.unitHcode, 'unitHcode');
            const unitLevel: EmsLevel = oneOf(input.unitLevel, 'unitLevel', EMS_LEVELS);
            Object.assign(emsCase, { unitId, unitHcode: unit.hcode, unitMsp: unit.mspId, unitLevel });
        } else if (step === 'stood-down') {
            if (actor.role === 'dispatcher') {
                this.#requireHubDispatcher(actor, emsCase);
            } else {
                this.#requireCrew(actor, emsCase);
            }
        } else {
            this.#requireCrew(actor, emsCase);
            if (step === 'left-scene') {
                const dest = hospital(input.destinationHcode, 'destinationHcode');
                Object.assign(emsCase, { destinationHcode: dest.hcode, destinationMsp: dest.mspId });
            }
        }
        emsCase.status = step;
        emsCase.updatedAt = at;
        emsCase.steps.push({ milestone: step, ...signer(ctx, actor, at), ...(note === undefined || note === '' ? {} : { note }) } as EmsStep);
        const json = await this.#save(ctx, emsCase);
        if (step === 'dispatched' && emsCase.unitMsp !== undefined) {
            await requirePeersOf(ctx, caseKey(ctx, caseId), [emsCase.hubMsp, emsCase.unitMsp]);
        }
        if (step === 'left-scene' && emsCase.unitMsp !== undefined && emsCase.destinationMsp !== undefined) {
            await requirePeersOf(ctx, caseKey(ctx, caseId), [emsCase.unitMsp, emsCase.destinationMsp]);
        }
        return json;
    }

    // The crew of the unit signs the hand-over at the receiving hospital (first of two signatures). Returns the case JSON.
    @Transaction()
    @Returns('string')
    public async HandOver(ctx: Context, caseId: string): Promise<string> {
        const actor = getActor(ctx);
        const emsCase = await this.#get(ctx, caseId);
        this.#requireCrew(actor, emsCase);
        if (emsCase.status !== 'at-hospital') {
            throw new ChaincodeError('INVALID_TRANSITION', `EMS case ${caseId} is ${emsCase.status}; hand over at the hospital`, {
                details: { caseId, from: emsCase.status, to: 'handover-signed' },
            });
        }
        const at = txTimestampIso(ctx);
        const crew = signer(ctx, actor, at);
        emsCase.handover = { crew };
        emsCase.status = 'handover-signed';
        emsCase.updatedAt = at;
        emsCase.steps.push({ milestone: 'handover-crew-signed', ...crew });
        return this.#save(ctx, emsCase);
    }

    // The receiving hospital's ER physician co-signs the hand-over; the case is then handed over. Returns the case JSON.
    @Transaction()
    @Returns('string')
    public async AcceptHandOver(ctx: Context, caseId: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['er-physician'], 'receive an EMS patient');
        const emsCase = await this.#get(ctx, caseId);
        if (actor.mspId !== emsCase.destinationMsp || actor.hcode !== emsCase.destinationHcode) {
            throw new ChaincodeError('FORBIDDEN_UNIT', `EMS case ${caseId} is not coming to the caller's hospital`, {
                details: { caseId, destinationHcode: emsCase.destinationHcode },
            });
        }
        if (emsCase.status === 'at-hospital') {
            throw new ChaincodeError('HANDOVER_NOT_SIGNED', `the crew has not signed the hand-over of EMS case ${caseId}`, { details: { caseId } });
        }
        if (emsCase.status !== 'handover-signed') {
            throw new ChaincodeError('INVALID_TRANSITION', `EMS case ${caseId} is ${emsCase.status}; nothing to receive`, {
                details: { caseId, from: emsCase.status, to: 'handed-over' },
            });
        }
        const at = txTimestampIso(ctx);
        const receiver = signer(ctx, actor, at);
        emsCase.handover = { ...emsCase.handover, receiver };
        emsCase.status = 'handed-over';
        emsCase.updatedAt = at;
        emsCase.steps.push({ milestone: 'handed-over', ...receiver });
        return this.#save(ctx, emsCase);
    }

    // Adds a clinical note (transient map key `clinicalNote`: {"noteId","text"}) by the crew of the unit or the receiving hospital's ER physician, once the destination is known. The text goes to the private collection of the two organisations (clinical_<unit MSP>_<hospital MSP>, the referral clinical-summary collections); the case keeps the note's SHA-256 and signer. Returns the case JSON.
    @Transaction()
    @Returns('string')
    public async AddClinicalNote(ctx: Context, caseId: string): Promise<string> {
        const actor = getActor(ctx);
        const emsCase = await this.#get(ctx, caseId);
        const parties = this.#noteParties(actor, emsCase);
        const raw = ctx.stub.getTransient().get(NOTE_TRANSIENT_KEY);
        if (raw === undefined) {
            throw bad('clinicalNote', 'the transient map must carry clinicalNote');
        }
        let input: Record<string, unknown>;
        try {
            input = JSON.parse(Buffer.from(raw).toString('utf8')) as Record<string, unknown>;
        } catch {
            throw bad('clinicalNote', 'must be JSON');
        }
        if (typeof input !== 'object' || input === null || Object.keys(input).some((k) => k !== 'noteId' && k !== 'text')) {
            throw bad('clinicalNote', 'only noteId and text');
        }
        const noteId = text(input.noteId, 'noteId', CASE_ID);
        if (typeof input.text !== 'string' || input.text.trim() === '' || input.text.length > 4000) {
            throw bad('text', 'must be 1 to 4000 characters');
        }
        if ((emsCase.notes ?? []).some((n) => n.noteId === noteId)) {
            return JSON.stringify(emsCase); // a retried note: already stored, nothing written
        }
        requirePeerMember(ctx, parties, 'store an EMS clinical note');
        const at = txTimestampIso(ctx);
        const who = signer(ctx, actor, at);
        const collection = clinicalCollection(parties[0], parties[1]);
        const key = noteKey(emsCase.caseId, noteId);
        const bytes = await putPrivateState(ctx, collection, key, { caseId: emsCase.caseId, noteId, text: input.text, ...who });
        await requirePeersOfPrivate(ctx, collection, key, parties);
        emsCase.notes = [...(emsCase.notes ?? []), { noteId, sha256: sha256Hex(bytes), ...who }];
        emsCase.updatedAt = at;
        return this.#save(ctx, emsCase);
    }

    // Reads the clinical notes of a case from the parties' private collection (on a peer of the crew's organisation or the receiving hospital), each with whether its SHA-256 matches the one on the channel.
    @Transaction(false)
    @Returns('string')
    public async ReadClinicalNotes(ctx: Context, caseId: string): Promise<string> {
        const actor = getActor(ctx);
        const emsCase = await this.#get(ctx, caseId);
        const parties = this.#noteParties(actor, emsCase);
        requirePeerMember(ctx, parties, 'read EMS clinical notes');
        const collection = clinicalCollection(parties[0], parties[1]);
        const notes = [];
        for (const n of emsCase.notes ?? []) {
            const bytes = await getPrivateBytes(ctx, collection, noteKey(emsCase.caseId, n.noteId));
            notes.push(bytes === undefined ? { ...n, missing: true } : { ...(JSON.parse(Buffer.from(bytes).toString('utf8')) as object), sha256: n.sha256, hashMatches: sha256Hex(bytes) === n.sha256 });
        }
        return JSON.stringify({ caseId: emsCase.caseId, collection, notes });
    }

    /** The two organisations of the notes, when `actor` is crew of the unit or ER physician of the destination (or the medical director for reading). */
    #noteParties(actor: Actor, emsCase: EmsCase): [string, string] {
        if (emsCase.unitMsp === undefined || emsCase.destinationMsp === undefined) {
            throw new ChaincodeError('INVALID_TRANSITION', `EMS case ${emsCase.caseId} has no receiving hospital yet`, { details: { caseId: emsCase.caseId, from: emsCase.status } });
        }
        if (actor.role === 'er-physician') {
            if (actor.mspId !== emsCase.destinationMsp || actor.hcode !== emsCase.destinationHcode) {
                throw new ChaincodeError('FORBIDDEN_UNIT', `EMS case ${emsCase.caseId} is not coming to the caller's hospital`, { details: { caseId: emsCase.caseId } });
            }
        } else {
            this.#requireCrew(actor, emsCase);
        }
        return [emsCase.unitMsp, emsCase.destinationMsp];
    }

    // Reads an EMS case (codes, pseudonym, signed steps).
    @Transaction(false)
    @Returns('string')
    public async GetCase(ctx: Context, caseId: string): Promise<string> {
        getActor(ctx);
        return JSON.stringify(await this.#get(ctx, caseId));
    }

    async #get(ctx: Context, caseId: string): Promise<EmsCase> {
        const id = text(caseId, 'caseId', CASE_ID);
        const stored = await getJson(ctx, caseKey(ctx, id));
        if (stored === undefined) {
            throw new ChaincodeError('EMS_CASE_NOT_FOUND', `EMS case ${id} does not exist`, { details: { caseId: id } });
        }
        if (!isEmsCase(stored)) {
            throw new ChaincodeError('LEDGER_CORRUPT', `EMS case ${id} is malformed`, { details: { caseId: id } });
        }
        return stored;
    }

    async #save(ctx: Context, emsCase: EmsCase): Promise<string> {
        const json = await putState(ctx, caseKey(ctx, emsCase.caseId), emsCase);
        ctx.stub.setEvent(EMS_EVENT, Buffer.from(json, 'utf8'));
        return json;
    }

    #requireHubDispatcher(actor: Actor, emsCase: EmsCase): void {
        requireRole(actor, ['dispatcher'], 'dispatch');
        if (actor.mspId !== emsCase.hubMsp) {
            throw new ChaincodeError('FORBIDDEN_UNIT', `only dispatchers of ${emsCase.hubMsp} act on EMS case ${emsCase.caseId}`, {
                details: { caseId: emsCase.caseId },
            });
        }
    }

    #requireCrew(actor: Actor, emsCase: EmsCase): void {
        requireRole(actor, ['ems-crew'], 'record an ambulance milestone');
        if (emsCase.unitMsp === undefined || actor.mspId !== emsCase.unitMsp || actor.hcode !== emsCase.unitHcode) {
            throw new ChaincodeError('FORBIDDEN_UNIT', `the caller is not crew of the unit of EMS case ${emsCase.caseId}`, {
                details: { caseId: emsCase.caseId, unitId: emsCase.unitId },
            });
        }
    }
}
