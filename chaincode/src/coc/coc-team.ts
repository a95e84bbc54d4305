import type { Actor, Role } from '../access/actor';
import { ChaincodeError } from '../errors/chaincode-error';
import { invalidArgument } from '../referral/referral-arguments';
import { TEAM_ROLES, type CocCase, type CocTeam, type TeamRole } from './coc-case';

/** Certificate roles that may fill each team role. */
export const TEAM_ROLE_ROLES: Readonly<Record<TeamRole, readonly Role[]>> = {
    volunteer: ['volunteer'],
    officer: ['nurse', 'clinician'],
    familyDoctor: ['clinician'],
};

/**
 * Who countersigns a visit by each team role: the รพ.สต. officer confirms a
 * volunteer's visit; the family doctor reviews an officer's visit; the officer
 * countersigns the family doctor's own home visit.
 */
export const COUNTERSIGNER: Readonly<Record<TeamRole, TeamRole>> = {
    volunteer: 'officer',
    officer: 'familyDoctor',
    familyDoctor: 'officer',
};

/** Thai names of the team roles, for messages and the client. */
export const TEAM_ROLE_LABELS: Readonly<Record<TeamRole, string>> = {
    volunteer: 'อสม.',
    officer: 'เจ้าหน้าที่ รพ.สต.',
    familyDoctor: 'แพทย์เวชศาสตร์ครอบครัว',
};

/**
 * Checks where each member acts: the volunteer and the officer at the case's
 * health centre, the family doctor at its district hospital.
 *
 * @throws ChaincodeError INVALID_ARGUMENT naming the member
 */
export function checkTeamUnits(team: CocTeam, healthCentreHcode: string, districtHcode: string): void {
    const expected: Record<TeamRole, string> = { volunteer: healthCentreHcode, officer: healthCentreHcode, familyDoctor: districtHcode };
    for (const role of TEAM_ROLES) {
        if (team[role].hcode !== expected[role]) {
            throw invalidArgument(`team.${role}.hcode`, `must be ${expected[role]}`);
        }
    }
}

/** The team role the caller holds on `cocCase` (username, unit, organisation and certificate role all match), if any. */
export function teamRoleOf(actor: Actor, cocCase: CocCase): TeamRole | undefined {
    if (actor.mspId !== cocCase.districtMsp) return undefined;
    return TEAM_ROLES.find((role) => {
        const member = cocCase.team[role];
        return member.username === actor.name && member.hcode === actor.hcode && TEAM_ROLE_ROLES[role].includes(actor.role);
    });
}

/**
 * @returns the caller's team role
 * @throws ChaincodeError COC_NOT_IN_TEAM when the caller is not on the case's team
 */
export function requireTeamMember(actor: Actor, cocCase: CocCase, action: string): TeamRole {
    const role = teamRoleOf(actor, cocCase);
    if (role === undefined) {
        throw new ChaincodeError('COC_NOT_IN_TEAM', `${actor.name} is not on the team of case ${cocCase.id} and may not ${action}`, {
            details: { caseId: cocCase.id },
        });
    }
    return role;
}

/** True when the caller is a clinician or nurse acting for the case's health centre or district hospital in the district organisation. */
export function isCaseManager(actor: Actor, cocCase: Pick<CocCase, 'districtMsp' | 'districtHcode' | 'healthCentreHcode'>): boolean {
    return (
        (actor.role === 'clinician' || actor.role === 'nurse') &&
        actor.mspId === cocCase.districtMsp &&
        (actor.hcode === cocCase.districtHcode || actor.hcode === cocCase.healthCentreHcode)
    );
}

/** @throws ChaincodeError FORBIDDEN_UNIT unless {@link isCaseManager} */
export function requireCaseManager(actor: Actor, cocCase: Pick<CocCase, 'id' | 'districtMsp' | 'districtHcode' | 'healthCentreHcode'>, action: string): void {
    if (!isCaseManager(actor, cocCase)) {
        throw new ChaincodeError('FORBIDDEN_UNIT', `only clinicians and nurses of ${cocCase.healthCentreHcode} or ${cocCase.districtHcode} may ${action} case ${cocCase.id}`, {
            details: { caseId: cocCase.id },
        });
    }
}
