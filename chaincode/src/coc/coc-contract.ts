import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { isProvincialAuditor, requireRole } from '../access/access-checks';
import { getActor, type Actor } from '../access/actor';
import { requirePeerMember } from '../access/peer-org';
import { ChaincodeError } from '../errors/chaincode-error';
import { toDeterministicJson } from '../ledger/deterministic-json';
import { requirePeersOf } from '../ledger/key-endorsement';
import { getPrivateBytes } from '../ledger/private-data';
import { getJson, putState } from '../ledger/state';
import { txTimestampIso } from '../ledger/tx-time';
import { parseReferralId, parseText } from '../referral/referral-arguments';
import { getReferral } from '../referral/referral-store';
import { unitRegistry } from '../registry/unit-registry';
import { COC_CASE_DOC_TYPE, COC_VISIT_DOC_TYPE, type CaseAction, type CaseStep, type CocCase, type CocVisit, type Signer, type TeamRole } from './coc-case';
import { cocCaseKey, cocPatientKey, cocUnitKey, cocVisitIdKey, cocVisitKey, implicitCollection } from './coc-keys';
import {
    CASE_DETAILS_TRANSIENT_KEY,
    parseCaseDetails,
    parseOpenCase,
    parseRecordVisit,
    parseUpdateCase,
    parseVisitDetails,
    requireTransient,
    transientObject,
    VISIT_DETAILS_TRANSIENT_KEY,
    type CaseDetails,
} from './coc-payloads';
import { caseDetailsKey, findCase, findVisitCaseId, getCase, getVisit, privateDocumentHash, putPrivateDocument, saveCase, saveVisit, visitDetailsKey } from './coc-store';
import { checkTeamUnits, COUNTERSIGNER, isCaseManager, requireCaseManager, requireTeamMember, teamRoleOf } from './coc-team';

/** Thailand is UTC+7 all year: the calendar date of an ISO instant there. */
export function thaiDateOf(iso: string): string {
    return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);
}

function signer(ctx: Context, actor: Actor, teamRole: TeamRole | null, at: string): Signer {
    return { username: actor.name, role: actor.role, teamRole, hcode: actor.hcode ?? '', mspId: actor.mspId, txId: ctx.stub.getTxID(), at };
}

function step(ctx: Context, actor: Actor, cocCase: CocCase | undefined, action: CaseAction, at: string, note = ''): CaseStep {
    const teamRole = cocCase === undefined ? null : (teamRoleOf(actor, cocCase) ?? null);
    return { ...signer(ctx, actor, teamRole, at), action, ...(note === '' ? {} : { note }) };
}

/** The answer of `GetCaseDetails` / `GetVisitDetails`: the private document, its hash and whether it matches the channel. */
export interface PrivateAnswer {
    readonly details: unknown;
    readonly hash: string;
    readonly matchesLedger: boolean;
}

/**
 * Smart Home Care continuity of care (COC): the registry of homebound and
 * bedridden patients with their Barthel ADL group, their 3-doctor team
 * (อสม., รพ.สต. officer, family doctor) and care plan, and home visits recorded
 * by one team member and countersigned by another. The channel keeps pseudonyms,
 * ADL groups, signers and hashes; addresses, contacts, care plans and visit
 * details stay in the district organisation's implicit private collection
 * (shared with the referring hospital's organisation when a referral is linked).
 */
@Info({ title: 'CocContract', description: 'Smart Home Care continuity of care: bedridden registry and co-signed home visits' })
export class CocContract extends Contract {
    constructor() {
        super('CocContract');
    }

    // Opens a COC case for a patient at a health centre (or, with referralId of a back-referral to that health centre, opens or updates the patient's open case linked to it); transient caseDetails (address, contact, care plan) go to private data. Returns the case JSON.
    @Transaction()
    @Returns('string')
    public async OpenCase(ctx: Context, payload: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['clinician', 'nurse'], 'open a COC case');
        const input = parseOpenCase(payload);
        const rawDetails = transientObject(ctx, CASE_DETAILS_TRANSIENT_KEY);
        const details = rawDetails === undefined ? undefined : parseCaseDetails(rawDetails);
        const centre = unitRegistry.get(input.healthCentreHcode);
        if (centre.type !== 'health-centre' || centre.parentHcode === null) {
            throw new ChaincodeError('INVALID_ARGUMENT', `unit ${centre.hcode} is not a health centre`, { details: { field: 'healthCentreHcode' } });
        }
        const scope = { id: input.caseId, districtMsp: centre.mspId, districtHcode: centre.parentHcode, healthCentreHcode: centre.hcode };
        requireCaseManager(actor, scope, 'open');
        checkTeamUnits(input.team, centre.hcode, centre.parentHcode);

        let pseudonym = input.patientPseudonym;
        let sharedWithMsps = [centre.mspId];
        if (input.referralId !== undefined) {
            const referral = await getReferral(ctx, input.referralId);
            if (referral.kind !== 'back-referral' || referral.toHcode !== centre.hcode) {
                throw new ChaincodeError('INVALID_ARGUMENT', `referral ${referral.id} is not a back-referral to ${centre.hcode}`, { details: { field: 'referralId' } });
            }
            pseudonym = referral.patientPseudonym;
            sharedWithMsps = [...new Set([centre.mspId, referral.fromMsp])].sort();
        }
        if (pseudonym === undefined) {
            throw new ChaincodeError('INVALID_ARGUMENT', 'patientPseudonym is required', { details: { field: 'patientPseudonym' } });
        }
        if (await findCase(ctx, input.caseId)) {
            throw new ChaincodeError('COC_CASE_EXISTS', `case ${input.caseId} already exists`, { details: { id: input.caseId } });
        }
        const at = txTimestampIso(ctx);
        const today = thaiDateOf(at);
        const adl = { score: input.adl.score, group: input.adl.group, items: input.adl.items, assessedOn: today, assessedBy: actor.name };

        const openCaseId = await this.#openCaseOf(ctx, pseudonym);
        if (openCaseId !== undefined) {
            if (input.referralId === undefined) {
                throw new ChaincodeError('COC_CASE_EXISTS', `the patient already has open case ${openCaseId}`, { details: { id: openCaseId } });
            }
            // a back-referral for a patient already in care: update that case in this transaction
            const current = await getCase(ctx, openCaseId);
            requireCaseManager(actor, current, 'update');
            if (current.healthCentreHcode !== centre.hcode) {
                throw new ChaincodeError('COC_CASE_EXISTS', `the patient already has open case ${openCaseId} at ${current.healthCentreHcode}`, { details: { id: openCaseId } });
            }
            const shared = [...new Set([...current.sharedWithMsps, ...sharedWithMsps])].sort();
            const updated: CocCase = {
                ...current,
                adl,
                team: input.team,
                sharedWithMsps: shared,
                referralIds: [...new Set([...current.referralIds, input.referralId])].sort(),
                updatedAt: at,
                ...(details === undefined ? {} : { detailsHash: await this.#storeCaseDetails(ctx, shared, current.id, details) }),
                steps: [...current.steps, step(ctx, actor, current, 'link-referral', at, input.referralId)],
            };
            return saveCase(ctx, updated);
        }
        if (details === undefined) {
            throw new ChaincodeError('INVALID_ARGUMENT', `transient ${CASE_DETAILS_TRANSIENT_KEY} is required to open a case`, { details: { field: CASE_DETAILS_TRANSIENT_KEY } });
        }
        requirePeerMember(ctx, sharedWithMsps, 'store COC case details');
        const cocCase: CocCase = {
            docType: COC_CASE_DOC_TYPE,
            id: input.caseId,
            patientPseudonym: pseudonym,
            healthCentreHcode: centre.hcode,
            districtHcode: centre.parentHcode,
            districtMsp: centre.mspId,
            sharedWithMsps,
            status: 'open',
            adl,
            baselineAdl: { score: adl.score, group: adl.group },
            team: input.team,
            detailsHash: await this.#storeCaseDetails(ctx, sharedWithMsps, input.caseId, details),
            referralIds: input.referralId === undefined ? [] : [input.referralId],
            openedAt: at,
            openedOn: today,
            updatedAt: at,
            visitCount: 0,
            lastVisitOn: {},
            steps: [step(ctx, actor, undefined, 'open', at)],
        };
        const json = await saveCase(ctx, cocCase);
        await requirePeersOf(ctx, cocCaseKey(ctx, cocCase.id), [cocCase.districtMsp]);
        await putState(ctx, cocPatientKey(ctx, pseudonym), { caseId: cocCase.id });
        await putState(ctx, cocUnitKey(ctx, cocCase.healthCentreHcode, cocCase.id), { id: cocCase.id });
        return json;
    }

    // Changes an open case's ADL assessment, team and/or (transient caseDetails) care plan; returns the case JSON.
    @Transaction()
    @Returns('string')
    public async UpdateCase(ctx: Context, caseId: string, payload: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['clinician', 'nurse'], 'update a COC case');
        const id = parseReferralId(caseId, 'caseId');
        const rawDetails = transientObject(ctx, CASE_DETAILS_TRANSIENT_KEY);
        const details = rawDetails === undefined ? undefined : parseCaseDetails(rawDetails);
        const input = parseUpdateCase(payload, details !== undefined);
        const current = await getCase(ctx, id);
        requireCaseManager(actor, current, 'update');
        this.#requireOpen(current);
        if (input.team !== undefined) checkTeamUnits(input.team, current.healthCentreHcode, current.districtHcode);
        const at = txTimestampIso(ctx);
        const updated: CocCase = {
            ...current,
            ...(input.adl === undefined ? {} : { adl: { ...input.adl, assessedOn: thaiDateOf(at), assessedBy: actor.name } }),
            ...(input.team === undefined ? {} : { team: input.team }),
            ...(details === undefined ? {} : { detailsHash: await this.#storeCaseDetails(ctx, current.sharedWithMsps, id, details) }),
            updatedAt: at,
            steps: [...current.steps, step(ctx, actor, current, 'update', at, input.note)],
        };
        return saveCase(ctx, updated);
    }

    // Closes an open case with a reason (recovered, moved, died, ...); the patient may get a new case later. Returns the case JSON.
    @Transaction()
    @Returns('string')
    public async CloseCase(ctx: Context, caseId: string, reason: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['clinician', 'nurse'], 'close a COC case');
        const id = parseReferralId(caseId, 'caseId');
        const text = parseText(reason, 'reason', true);
        const current = await getCase(ctx, id);
        requireCaseManager(actor, current, 'close');
        this.#requireOpen(current);
        const at = txTimestampIso(ctx);
        const json = await saveCase(ctx, { ...current, status: 'closed', closedAt: at, closeReason: text, updatedAt: at, steps: [...current.steps, step(ctx, actor, current, 'close', at, text)] });
        await ctx.stub.deleteState(cocPatientKey(ctx, current.patientPseudonym));
        return json;
    }

    // Records a home visit by the team member who made it, under a client-chosen visitId (idempotent offline sync); transient visitDetails (who was there, ADL re-score, vital signs, problems, care given, next step) go to private data and their hash to the channel. Returns the visit JSON.
    @Transaction()
    @Returns('string')
    public async RecordVisit(ctx: Context, payload: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['volunteer', 'nurse', 'clinician'], 'record a home visit');
        const input = parseRecordVisit(payload);
        const details = parseVisitDetails(requireTransient(ctx, VISIT_DETAILS_TRANSIENT_KEY));
        const { adl: rescore, ...rest } = details;
        // the private document keeps the form as entered: the 10 item scores, not the derived total
        const privateDocument = { visitId: input.visitId, caseId: input.caseId, visitedOn: input.visitedOn, ...rest, ...(rescore === undefined ? {} : { adl: rescore.items }) };
        const detailsHash = privateDocumentHash(privateDocument);
        const existingCaseId = await findVisitCaseId(ctx, input.visitId);
        if (existingCaseId !== undefined) {
            const existing = await getVisit(ctx, existingCaseId, input.visitId);
            const sameContent = existingCaseId === input.caseId && existing.detailsHash === detailsHash && existing.author.username === actor.name;
            throw new ChaincodeError('COC_VISIT_EXISTS', `visit ${input.visitId} is already recorded${sameContent ? ' with the same content' : ' with different content'}`, {
                details: { visitId: input.visitId, caseId: existingCaseId, sameContent },
            });
        }
        const cocCase = await getCase(ctx, input.caseId);
        const teamRole = requireTeamMember(actor, cocCase, 'record a visit');
        if (cocCase.status !== 'open') {
            throw new ChaincodeError('COC_CASE_CLOSED', `case ${cocCase.id} was closed on ${cocCase.closedAt ?? '?'}; the visit was not recorded`, {
                details: { caseId: cocCase.id, closedAt: cocCase.closedAt },
            });
        }
        if (input.visitedOn < cocCase.openedOn) {
            throw new ChaincodeError('COC_VISIT_BEFORE_CASE', `visit date ${input.visitedOn} is before case ${cocCase.id} opened (${cocCase.openedOn})`, {
                details: { field: 'visitedOn', openedOn: cocCase.openedOn },
            });
        }
        const at = txTimestampIso(ctx);
        if (input.visitedOn > thaiDateOf(at)) {
            throw new ChaincodeError('INVALID_ARGUMENT', 'visitedOn must not be in the future', { details: { field: 'visitedOn' } });
        }
        requirePeerMember(ctx, cocCase.sharedWithMsps, 'store COC visit details');
        await putPrivateDocument(ctx, cocCase.sharedWithMsps, visitDetailsKey(ctx, input.visitId), privateDocument);
        const visit: CocVisit = {
            docType: COC_VISIT_DOC_TYPE,
            id: input.visitId,
            caseId: cocCase.id,
            patientPseudonym: cocCase.patientPseudonym,
            healthCentreHcode: cocCase.healthCentreHcode,
            districtHcode: cocCase.districtHcode,
            visitedOn: input.visitedOn,
            adl: details.adl === undefined ? null : { score: details.adl.score, group: details.adl.group },
            detailsHash,
            status: 'recorded',
            author: signer(ctx, actor, teamRole, at),
        };
        const previous = cocCase.lastVisitOn[teamRole];
        const rescored = details.adl !== undefined && input.visitedOn >= cocCase.adl.assessedOn;
        const updated: CocCase = {
            ...cocCase,
            visitCount: cocCase.visitCount + 1,
            lastVisitOn: { ...cocCase.lastVisitOn, [teamRole]: previous === undefined || previous < input.visitedOn ? input.visitedOn : previous },
            ...(rescored && details.adl !== undefined ? { adl: { ...details.adl, assessedOn: input.visitedOn, assessedBy: actor.name } } : {}),
            updatedAt: at,
        };
        const json = await saveCase(ctx, updated, visit);
        await requirePeersOf(ctx, cocVisitKey(ctx, cocCase.id, visit.id), [cocCase.districtMsp]);
        await putState(ctx, cocVisitIdKey(ctx, visit.id), { caseId: cocCase.id });
        return json;
    }

    // Countersigns a recorded visit: the รพ.สต. officer confirms a volunteer's visit, the family doctor reviews an officer's visit, the officer countersigns the family doctor's; never the author, never someone outside the team. Returns the visit JSON.
    @Transaction()
    @Returns('string')
    public async CountersignVisit(ctx: Context, caseId: string, visitId: string, note: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['volunteer', 'nurse', 'clinician'], 'countersign a home visit');
        const cid = parseReferralId(caseId, 'caseId');
        const vid = parseReferralId(visitId, 'visitId');
        const text = parseText(note, 'note', false);
        const cocCase = await getCase(ctx, cid);
        const visit = await getVisit(ctx, cid, vid);
        if (visit.author.username === actor.name) {
            throw new ChaincodeError('COC_SELF_COUNTERSIGN', `${actor.name} recorded visit ${vid} and may not countersign it`, { details: { visitId: vid } });
        }
        const teamRole = requireTeamMember(actor, cocCase, 'countersign a visit');
        const authorRole = visit.author.teamRole ?? 'volunteer';
        const expected = COUNTERSIGNER[authorRole];
        if (teamRole !== expected) {
            throw new ChaincodeError('FORBIDDEN_ROLE', `a visit by the ${authorRole} is countersigned by the ${expected}, not the ${teamRole}`, {
                details: { visitId: vid, expected },
            });
        }
        if (visit.status === 'countersigned') {
            throw new ChaincodeError('COC_ALREADY_COUNTERSIGNED', `visit ${vid} was countersigned by ${visit.countersign?.username ?? '?'}`, { details: { visitId: vid } });
        }
        const at = txTimestampIso(ctx);
        return saveVisit(ctx, cocCase, { ...visit, status: 'countersigned', countersign: { ...signer(ctx, actor, teamRole, at), note: text } });
    }

    // Returns a case (public part) to its team, the clinicians and nurses of its units, the organisations it is shared with, or a provincial auditor.
    @Transaction(false)
    @Returns('string')
    public async GetCase(ctx: Context, caseId: string): Promise<string> {
        const actor = getActor(ctx);
        const cocCase = await getCase(ctx, parseReferralId(caseId, 'caseId'));
        this.#requireRead(actor, cocCase);
        return toDeterministicJson(cocCase);
    }

    // Returns one visit (public part) to whoever may read its case.
    @Transaction(false)
    @Returns('string')
    public async GetVisit(ctx: Context, caseId: string, visitId: string): Promise<string> {
        const actor = getActor(ctx);
        const cocCase = await getCase(ctx, parseReferralId(caseId, 'caseId'));
        this.#requireRead(actor, cocCase);
        return toDeterministicJson(await getVisit(ctx, cocCase.id, parseReferralId(visitId, 'visitId')));
    }

    // Returns the private case details (address, contact, care plan) with their hash check, to the team and the case's own units.
    @Transaction(false)
    @Returns('string')
    public async GetCaseDetails(ctx: Context, caseId: string): Promise<string> {
        const actor = getActor(ctx);
        const cocCase = await getCase(ctx, parseReferralId(caseId, 'caseId'));
        this.#requirePrivateRead(ctx, actor, cocCase);
        return this.#privateAnswer(ctx, cocCase, caseDetailsKey(ctx, cocCase.id), cocCase.detailsHash);
    }

    // Returns the private details of a visit with their hash check, to the team and the case's own units.
    @Transaction(false)
    @Returns('string')
    public async GetVisitDetails(ctx: Context, caseId: string, visitId: string): Promise<string> {
        const actor = getActor(ctx);
        const cocCase = await getCase(ctx, parseReferralId(caseId, 'caseId'));
        this.#requirePrivateRead(ctx, actor, cocCase);
        const visit = await getVisit(ctx, cocCase.id, parseReferralId(visitId, 'visitId'));
        return this.#privateAnswer(ctx, cocCase, visitDetailsKey(ctx, visit.id), visit.detailsHash);
    }

    async #privateAnswer(ctx: Context, cocCase: CocCase, key: string, ledgerHash: string): Promise<string> {
        const mspId = requirePeerMember(ctx, cocCase.sharedWithMsps, 'read COC details') ?? cocCase.districtMsp;
        const bytes = await getPrivateBytes(ctx, implicitCollection(mspId), key);
        if (bytes === undefined) {
            throw new ChaincodeError('COC_DETAILS_NOT_FOUND', `this peer holds no private details for ${cocCase.id}`, { details: { caseId: cocCase.id } });
        }
        const details = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
        const hash = privateDocumentHash(details as object);
        const answer: PrivateAnswer = { details, hash, matchesLedger: hash === ledgerHash };
        return toDeterministicJson(answer);
    }

    #requireOpen(cocCase: CocCase): void {
        if (cocCase.status !== 'open') {
            throw new ChaincodeError('COC_CASE_CLOSED', `case ${cocCase.id} is closed`, { details: { caseId: cocCase.id } });
        }
    }

    #requireRead(actor: Actor, cocCase: CocCase): void {
        if (isProvincialAuditor(actor, unitRegistry) || isCaseManager(actor, cocCase) || teamRoleOf(actor, cocCase) !== undefined) return;
        if ((actor.role === 'clinician' || actor.role === 'nurse') && actor.hcode !== undefined && cocCase.sharedWithMsps.includes(actor.mspId) && unitRegistry.find(actor.hcode)?.mspId === actor.mspId) return;
        throw new ChaincodeError('FORBIDDEN_UNIT', `caller may not read case ${cocCase.id}`, { details: { caseId: cocCase.id } });
    }

    #requirePrivateRead(ctx: Context, actor: Actor, cocCase: CocCase): void {
        if (!isCaseManager(actor, cocCase) && teamRoleOf(actor, cocCase) === undefined) {
            throw new ChaincodeError('FORBIDDEN_UNIT', `caller may not read the private details of case ${cocCase.id}`, { details: { caseId: cocCase.id } });
        }
        requirePeerMember(ctx, cocCase.sharedWithMsps, 'read COC details');
    }

    async #openCaseOf(ctx: Context, pseudonym: string): Promise<string | undefined> {
        const value = await getJson(ctx, cocPatientKey(ctx, pseudonym));
        const caseId = (value as { caseId?: unknown } | undefined)?.caseId;
        return typeof caseId === 'string' ? caseId : undefined;
    }

    async #storeCaseDetails(ctx: Context, mspIds: readonly string[], caseId: string, details: CaseDetails): Promise<string> {
        return putPrivateDocument(ctx, mspIds, caseDetailsKey(ctx, caseId), { caseId, ...details });
    }
}
