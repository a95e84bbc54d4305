import { Schema, type Connection, type Model } from 'mongoose';
import { addDays, thaiDate } from './thai-time';
import { guard } from './mongo-booking-store';

/** Records which daily jobs have finished (collection `wallet_jobs`), so a restart does not run one twice. */
export interface JobLog {
  finished(key: string): Promise<boolean>;
  markFinished(key: string, at: string, result: Readonly<Record<string, unknown>>): Promise<void>;
}

/** {@link JobLog} in memory. */
export class InMemoryJobLog implements JobLog {
  public readonly done = new Map<string, Readonly<Record<string, unknown>>>();

  public async finished(key: string): Promise<boolean> {
    return Promise.resolve(this.done.has(key));
  }

  public async markFinished(key: string, at: string, result: Readonly<Record<string, unknown>>): Promise<void> {
    this.done.set(key, { at, ...result });
    return Promise.resolve();
  }
}

export const JOBS_COLLECTION = 'wallet_jobs';
const jobSchema = new Schema(
  { _id: { type: String, required: true }, finishedAt: { type: String, required: true }, result: { type: Schema.Types.Mixed, default: {} } },
  { collection: JOBS_COLLECTION, id: false, versionKey: false, strict: true, timestamps: false, bufferCommands: false, autoIndex: false, minimize: false },
);

/** The `wallet_jobs` model on `connection`. */
export function walletJobModel(connection: Connection): Model<Record<string, unknown>> {
  return (connection.models.WalletJob as Model<Record<string, unknown>> | undefined) ?? connection.model<Record<string, unknown>>('WalletJob', jobSchema);
}

/** {@link JobLog} on MongoDB / FerretDB (one document per job key; `_id` is the key). */
export class MongoJobLog implements JobLog {
  readonly #model: Model<Record<string, unknown>>;

  public constructor(model: Model<Record<string, unknown>>) {
    this.#model = model;
  }

  public async finished(key: string): Promise<boolean> {
    return (await guard(this.#model.exists({ _id: key }))) !== null;
  }

  public async markFinished(key: string, at: string, result: Readonly<Record<string, unknown>>): Promise<void> {
    await guard(this.#model.updateOne({ _id: key }, { $set: { finishedAt: at, result: { ...result } } }, { upsert: true }));
  }
}

/** What the scheduler drives (the wallet service). */
export interface ScheduledWork {
  queueRemindersFor(date: string): Promise<number>;
  purgeExpiredRegistrations(): Promise<number>;
}

/** Options of {@link ReminderScheduler}. */
export interface ReminderSchedulerOptions {
  readonly work: ScheduledWork;
  readonly jobs: JobLog;
  /** Thai hour (0–23) from which the next day's reminders go out (default 9). */
  readonly runAtHour?: number;
  /** How often the timer looks (default every 5 minutes). */
  readonly intervalMs?: number;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

/**
 * The wallet's timer. Every few minutes it purges expired registrations and, once the Thai clock has passed
 * `runAtHour`, queues the reminders for tomorrow's bookings — once per day: the day's run is recorded in the
 * job log (`reminders:<tomorrow>`) only after it finished, so a gateway restart runs a missed or interrupted
 * day again, and each booking's reminder is claimed by a conditional update, so a second run (or two gateways)
 * never sends one twice.
 */
export class ReminderScheduler {
  readonly #o: ReminderSchedulerOptions;
  readonly #now: () => Date;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;

  public constructor(options: Readonly<ReminderSchedulerOptions>) {
    this.#o = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** One look: purge, then the next day's reminders if due and not yet done. */
  public async tick(): Promise<{ date: string; ran: boolean; queued: number; purged: number }> {
    const now = this.#now();
    const today = thaiDate(now);
    const tomorrow = addDays(today, 1);
    const purged = await this.#o.work.purgeExpiredRegistrations();
    const thaiHour = new Date(now.getTime() + 7 * 3600_000).getUTCHours();
    const key = `reminders:${tomorrow}`;
    if (thaiHour < (this.#o.runAtHour ?? 9) || (await this.#o.jobs.finished(key))) return { date: tomorrow, ran: false, queued: 0, purged };
    const queued = await this.#o.work.queueRemindersFor(tomorrow);
    await this.#o.jobs.markFinished(key, this.#now().toISOString(), { queued });
    this.#o.log?.(`wallet: ${String(queued)} reminders queued for ${tomorrow}`);
    return { date: tomorrow, ran: true, queued, purged };
  }

  /** Starts the timer (a first look right away); ticks never overlap. */
  public start(): void {
    if (this.#timer !== undefined) return;
    const run = (): void => {
      if (this.#running !== undefined) return;
      this.#running = this.tick()
        .catch((err: unknown) => {
          this.#o.log?.(`wallet: scheduler tick failed: ${err instanceof Error ? err.message : String(err)}`);
        })
        .finally(() => {
          this.#running = undefined;
        });
    };
    this.#timer = setInterval(run, this.#o.intervalMs ?? 5 * 60_000);
    this.#timer.unref();
    run();
  }

  public async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
