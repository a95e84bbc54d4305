import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors/chaincode-error';
import { sha256Hex } from '../ledger/content-hash';
import { toDeterministicBytes, toDeterministicJson } from '../ledger/deterministic-json';
import { putPrivateState } from '../ledger/private-data';
import { getJson, putState } from '../ledger/state';
import { isCocCase, isCocVisit, type CocCase, type CocVisit } from './coc-case';
import { cocCaseKey, cocVisitIdKey, cocVisitKey, implicitCollection } from './coc-keys';

/** Name of the chaincode event emitted on every COC change; payload `{ case, visit? }`. */
export const COC_CHANGED_EVENT = 'CocChanged';

/** Private key of a case's details. */
export function caseDetailsKey(ctx: Context, caseId: string): string {
    return ctx.stub.createCompositeKey('coc~case-details', [caseId]);
}

/** Private key of a visit's details. */
export function visitDetailsKey(ctx: Context, visitId: string): string {
    return ctx.stub.createCompositeKey('coc~visit-details', [visitId]);
}

/** @returns the case, or undefined */
export async function findCase(ctx: Context, id: string): Promise<CocCase | undefined> {
    const value = await getJson(ctx, cocCaseKey(ctx, id));
    if (value === undefined) return undefined;
    if (!isCocCase(value)) throw new ChaincodeError('LEDGER_CORRUPT', `value stored for case ${id} is not a COC case`, { details: { id } });
    return value;
}

/** @throws ChaincodeError COC_CASE_NOT_FOUND */
export async function getCase(ctx: Context, id: string): Promise<CocCase> {
    const found = await findCase(ctx, id);
    if (found === undefined) throw new ChaincodeError('COC_CASE_NOT_FOUND', `case ${id} does not exist`, { details: { id } });
    return found;
}

/** The case id a visit id belongs to, or undefined. */
export async function findVisitCaseId(ctx: Context, visitId: string): Promise<string | undefined> {
    const value = await getJson(ctx, cocVisitIdKey(ctx, visitId));
    if (value === undefined) return undefined;
    const caseId = (value as { caseId?: unknown }).caseId;
    if (typeof caseId !== 'string') throw new ChaincodeError('LEDGER_CORRUPT', `visit index ${visitId} is malformed`, { details: { visitId } });
    return caseId;
}

/** @throws ChaincodeError COC_VISIT_NOT_FOUND */
export async function getVisit(ctx: Context, caseId: string, visitId: string): Promise<CocVisit> {
    const value = await getJson(ctx, cocVisitKey(ctx, caseId, visitId));
    if (value === undefined) throw new ChaincodeError('COC_VISIT_NOT_FOUND', `visit ${visitId} of case ${caseId} does not exist`, { details: { caseId, visitId } });
    if (!isCocVisit(value)) throw new ChaincodeError('LEDGER_CORRUPT', `value stored for visit ${visitId} is not a visit`, { details: { visitId } });
    return value;
}

/** Writes the case (and the visit, if any) and emits one `CocChanged` event with both. */
export async function saveCase(ctx: Context, cocCase: CocCase, visit?: CocVisit): Promise<string> {
    const caseJson = await putState(ctx, cocCaseKey(ctx, cocCase.id), cocCase);
    let visitJson: string | undefined;
    if (visit !== undefined) {
        visitJson = await putState(ctx, cocVisitKey(ctx, visit.caseId, visit.id), visit);
    }
    const event = `{"case":${caseJson}${visitJson === undefined ? '' : `,"visit":${visitJson}`}}`;
    ctx.stub.setEvent(COC_CHANGED_EVENT, Buffer.from(event, 'utf8'));
    return visitJson ?? caseJson;
}

/** Writes a visit alone (countersign) and emits `CocChanged` with the unchanged case. */
export async function saveVisit(ctx: Context, cocCase: CocCase, visit: CocVisit): Promise<string> {
    const visitJson = await putState(ctx, cocVisitKey(ctx, visit.caseId, visit.id), visit);
    ctx.stub.setEvent(COC_CHANGED_EVENT, Buffer.from(`{"case":${toDeterministicJson(cocCase)},"visit":${visitJson}}`, 'utf8'));
    return visitJson;
}

/** The hash of a private document salted by its id: SHA-256 of its deterministic bytes. */
export function privateDocumentHash(document: object): string {
    return sha256Hex(toDeterministicBytes(document));
}

/** Writes `document` to the implicit collection of every organisation in `mspIds`; returns its hash. */
export async function putPrivateDocument(ctx: Context, mspIds: readonly string[], key: string, document: object): Promise<string> {
    let hash = '';
    for (const mspId of [...new Set(mspIds)].sort()) {
        hash = sha256Hex(await putPrivateState(ctx, implicitCollection(mspId), key, document));
    }
    return hash;
}
