import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../config/config';
import type { StaffIdentity } from '../gateway-pool';

/** Settings of the ledger → query store projector, read once at start-up. */
export interface ProjectorConfig {
  /** PROJECTOR_ENABLED (default true): false serves the query endpoints without following the ledger. */
  readonly enabled: boolean;
  /** PROJECTOR_IDENTITY / PROJECTOR_MSP: the ledger identity the projector listens as. */
  readonly identity: StaffIdentity;
  /** PROJECTOR_NAME: the checkpoint's `_id` (default `referral-projector`). */
  readonly listenerName: string;
}

/** The dedicated service identity, used when its credentials have been issued. */
export const SERVICE_IDENTITY = 'svc.projector';
/** Used until the service identity exists: the provincial auditor may read every block. */
export const FALLBACK_IDENTITY = 'auditor.pho';
const DEFAULT_MSP = 'ProvincialHealthOfficeMSP';

/** Reads PROJECTOR_* variables; a bad value fails fast, by name. */
export function loadProjectorConfig(env: NodeJS.ProcessEnv, runtimeDir: string): ProjectorConfig {
  const enabledRaw = env.PROJECTOR_ENABLED ?? 'true';
  if (enabledRaw !== 'true' && enabledRaw !== 'false') throw new ConfigError('PROJECTOR_ENABLED', `expected true or false, got "${enabledRaw}"`);
  const username =
    env.PROJECTOR_IDENTITY !== undefined && env.PROJECTOR_IDENTITY !== ''
      ? env.PROJECTOR_IDENTITY
      : existsSync(path.join(runtimeDir, 'users', SERVICE_IDENTITY, 'cert.pem'))
        ? SERVICE_IDENTITY
        : FALLBACK_IDENTITY;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(username)) throw new ConfigError('PROJECTOR_IDENTITY', `"${username}" is not a username`);
  const mspId = env.PROJECTOR_MSP !== undefined && env.PROJECTOR_MSP !== '' ? env.PROJECTOR_MSP : DEFAULT_MSP;
  if (!/^[A-Za-z0-9]+MSP$/.test(mspId)) throw new ConfigError('PROJECTOR_MSP', `"${mspId}" is not an MSP ID`);
  const listenerName = env.PROJECTOR_NAME !== undefined && env.PROJECTOR_NAME !== '' ? env.PROJECTOR_NAME : 'referral-projector';
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(listenerName)) throw new ConfigError('PROJECTOR_NAME', `"${listenerName}" is not a listener name`);
  return { enabled: enabledRaw === 'true', identity: { username, mspId }, listenerName };
}
