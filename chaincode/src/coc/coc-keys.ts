import type { Context } from 'fabric-contract-api';

/** Object type of the case record key. */
export const COC_CASE_KEY_TYPE = 'coc~case';
/** Object type of the visit record key: [caseId, visitId]. */
export const COC_VISIT_KEY_TYPE = 'coc~visit';
/** Visit id → case id (visit ids are unique across cases, for idempotent sync). */
export const COC_VISIT_ID_INDEX = 'coc~visit-id';
/** Patient pseudonym → their open case (one open case per patient). */
export const COC_PATIENT_INDEX = 'coc~patient';
/** Health centre → case ids. */
export const COC_UNIT_INDEX = 'coc~unit';

/** Key of case `id`. */
export function cocCaseKey(ctx: Context, id: string): string {
    return ctx.stub.createCompositeKey(COC_CASE_KEY_TYPE, [id]);
}

/** Key of visit `visitId` of case `caseId`. */
export function cocVisitKey(ctx: Context, caseId: string, visitId: string): string {
    return ctx.stub.createCompositeKey(COC_VISIT_KEY_TYPE, [caseId, visitId]);
}

/** Index key: which case visit `visitId` belongs to. */
export function cocVisitIdKey(ctx: Context, visitId: string): string {
    return ctx.stub.createCompositeKey(COC_VISIT_ID_INDEX, [visitId]);
}

/** Index key: the open case of a patient. */
export function cocPatientKey(ctx: Context, pseudonym: string): string {
    return ctx.stub.createCompositeKey(COC_PATIENT_INDEX, [pseudonym]);
}

/** Index key listing case `id` under health centre `hcode`. */
export function cocUnitKey(ctx: Context, hcode: string, id: string): string {
    return ctx.stub.createCompositeKey(COC_UNIT_INDEX, [hcode, id]);
}

/** The implicit private collection of organisation `mspId` (needs no definition). */
export function implicitCollection(mspId: string): string {
    return `_implicit_org_${mspId}`;
}
