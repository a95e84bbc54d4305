import { ApiError } from '../../../http/api-error';
import { telemetrySchema } from '../ems.schemas';
import type { EmsService } from '../ems.service';
import type { Accepted } from './mqtt-subscriber';

/** Topic a device publishes to: `ems/units/<unitId>/telemetry` (the broker's ACL lets each device write only its own). */
export const TELEMETRY_TOPIC = /^ems\/units\/([A-Z0-9-]{3,32})\/telemetry$/;
export const TELEMETRY_FILTER = 'ems/units/+/telemetry';

/** Counts of what the bridge did, for /api/health and the load benchmark. */
export interface BridgeCounters {
  stored: number;
  rejected: number;
  lastRejection?: string;
}

/**
 * Turns broker messages into stored, streamed readings. Devices authenticate to the broker (one user per unit, ACL
 * `pattern write ems/units/%u/telemetry`), so the topic names the sender. A malformed or unknown-unit message is
 * rejected with a coded reason and counted, never silently dropped; a store failure rejects `stored`, so the message is
 * not acknowledged and the broker redelivers it. Resolves once the message is accepted (streamed, queued for the
 * store); `stored` settles when it is written.
 */
export function telemetryHandler(service: EmsService, counters: BridgeCounters, log: (line: string) => void): (topic: string, payload: Buffer) => Promise<Accepted | undefined> {
  return async (topic, payload) => {
    const reject = (code: string, why: string): void => {
      counters.rejected += 1;
      counters.lastRejection = `${code}: ${why}`;
      log(`ems telemetry rejected on ${topic}: ${code}: ${why}`);
    };
    const match = TELEMETRY_TOPIC.exec(topic);
    if (match?.[1] === undefined) {
      reject('INVALID_ARGUMENT', 'not a telemetry topic');
      return undefined;
    }
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8')) as unknown;
    } catch {
      reject('MALFORMED_JSON', 'payload is not JSON');
      return undefined;
    }
    const parsed = telemetrySchema.safeParse(body);
    if (!parsed.success) {
      reject('VALIDATION_FAILED', parsed.error.issues[0]?.message ?? 'invalid');
      return undefined;
    }
    try {
      const { stored } = await service.acceptDevice(match[1], parsed.data);
      return {
        stored: stored.then(() => {
          counters.stored += 1;
        }),
      };
    } catch (err) {
      if (err instanceof ApiError && err.status < 500) {
        reject(err.code, err.message);
        return undefined;
      }
      throw err;
    }
  };
}
