import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors/chaincode-error';

/** Roles carried in the `role` certificate attribute. */
export const ROLES = ['clinician', 'nurse', 'auditor', 'pharmacist', 'volunteer', 'cashier', 'kiosk', 'dispatcher', 'ems-crew', 'er-physician', 'medical-director'] as const;

/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** MSP of the provincial health office, the only organisation whose auditors may read every referral. */
export const AUDITOR_MSP_ID = 'ProvincialHealthOfficeMSP';

/** Who is calling: taken only from the caller's certificate. */
export interface Actor {
    readonly role: Role;
    /**
     * Unit the caller acts for (`hcode` attribute). Required for clinicians and
     * nurses; optional for auditors.
     */
    readonly hcode: string | undefined;
    /** The caller's organisation. */
    readonly mspId: string;
    /** Certificate subject CN: a staff username, never patient data. */
    readonly name: string;
}

const HCODE = /^\d{5}$/;

function isRole(value: string): value is Role {
    return (ROLES as readonly string[]).includes(value);
}

/**
 * Extracts the subject CN from a shim identity ID
 * (`x509::/C=TH/.../CN=name::/C=TH/.../CN=ca`). `/` inside a value arrives as `\/`.
 */
export function subjectCommonName(id: string): string | undefined {
    if (!id.startsWith('x509::')) {
        return undefined;
    }
    const rest = id.slice('x509::'.length);
    const end = rest.indexOf('::');
    const subject = end === -1 ? rest : rest.slice(0, end);
    let name: string | undefined;
    for (const match of subject.matchAll(/\/CN=((?:\\\/|[^/])*)/g)) {
        name = match[1];
    }
    return name?.replace(/\\\//g, '/');
}

function attribute(ctx: Context, name: string): string | undefined {
    const value = ctx.clientIdentity.getAttributeValue(name);
    return value === null || value === '' ? undefined : value;
}

/**
 * Reads the caller from its certificate.
 *
 * @throws ChaincodeError MISSING_ATTRIBUTE when `role` is absent, `hcode` is
 *   absent for a clinician or nurse, or the certificate has no subject CN
 * @throws ChaincodeError FORBIDDEN_ROLE when `role` is not a known role
 * @throws ChaincodeError FORBIDDEN_UNIT when `hcode` is not a 5-digit code
 */
export function getActor(ctx: Context): Actor {
    const role = attribute(ctx, 'role');
    if (role === undefined) {
        throw new ChaincodeError('MISSING_ATTRIBUTE', 'caller certificate has no role attribute');
    }
    if (!isRole(role)) {
        throw new ChaincodeError('FORBIDDEN_ROLE', `role ${role} is not allowed on this network`, { details: { role } });
    }
    const hcode = attribute(ctx, 'hcode');
    if (hcode === undefined && role !== 'auditor') {
        throw new ChaincodeError('MISSING_ATTRIBUTE', 'caller certificate has no hcode attribute');
    }
    if (hcode !== undefined && !HCODE.test(hcode)) {
        throw new ChaincodeError('FORBIDDEN_UNIT', 'caller hcode attribute is not a 5-digit unit code');
    }
    const name = subjectCommonName(ctx.clientIdentity.getID());
    if (name === undefined || name === '') {
        throw new ChaincodeError('MISSING_ATTRIBUTE', 'caller certificate subject has no CN');
    }
    return { role, hcode, mspId: ctx.clientIdentity.getMSPID(), name };
}
