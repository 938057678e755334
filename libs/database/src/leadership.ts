import { Client } from 'pg';
import type { Logger } from 'pino';

export interface LeadershipOptions {
  connectionString: string;
  /** The advisory lock: a class per kind of leader, a key per leader (hashtext of it). */
  lockClass: number;
  key: string;
  applicationName: string;
  /** How often a standby tries to take over. */
  pollMs: number;
}

/** What a leader is told about its lock's session: lost when the connection ends or fails. */
export interface LeaderSession {
  readonly lost: boolean;
  readonly whenLost: Promise<void>;
}

export interface LeadershipEvents {
  changed(leader: boolean): void;
  attemptFailed(error: unknown): void;
  /** Another process leads: told once, and again after this one has led. */
  standingBy(): void;
}

/**
 * One leader across processes: a session-level advisory lock on a connection of its own. While this
 * process holds it, `lead` runs; when the leader's process dies its session ends and a standby takes
 * over within `pollMs`. `lead` returns when its owner stops it or the session is lost: every role's
 * loop is `while (leadership.leads(session)) { work; await leadership.pause(ms) }`.
 */
export class Leadership {
  private stopped = false;
  private toldStandingBy = false;
  private running?: Promise<void>;
  /** Ends standing by. */
  private wake?: () => void;
  /** Ends a leader's pause. */
  private endPause?: () => void;

  constructor(
    private readonly options: LeadershipOptions,
    private readonly lead: (session: LeaderSession) => Promise<void>,
    private readonly events: LeadershipEvents,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Ends standing by, and a leader's pause; the owner ends its `lead` itself (`leads` turns false). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.endPause?.();
    await this.running;
  }

  /** Whether a leader's loop goes on: not stopped, its session not lost. */
  leads(session: LeaderSession): boolean {
    return !this.stopped && !session.lost;
  }

  /** A leader's wait between rounds (after a failure, when idle), cut short by stop() or a lost session. */
  pause(ms: number, session: LeaderSession): Promise<void> {
    if (!this.leads(session)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.endPause = () => (clearTimeout(timer), resolve());
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const client = new Client({
        connectionString: this.options.connectionString,
        application_name: this.options.applicationName,
      });
      let lost = false;
      const whenLost = new Promise<void>((resolve) => {
        const onLost = () => ((lost = true), resolve());
        client.on('error', onLost);
        client.on('end', onLost);
      });
      // A leader pausing when its session is lost stops pausing.
      void whenLost.then(() => this.endPause?.());
      let leading = false;
      try {
        await client.connect();
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [
          this.options.lockClass,
          this.options.key,
        ]);
        if (!rows[0].ok && !this.toldStandingBy) this.events.standingBy();
        this.toldStandingBy = !rows[0].ok;
        if (rows[0].ok) {
          leading = true;
          this.events.changed(true);
          await this.lead({
            get lost() {
              return lost;
            },
            whenLost,
          });
        }
      } catch (error) {
        this.events.attemptFailed(error);
      } finally {
        if (leading) this.events.changed(false);
        await client.end().catch(() => undefined);
      }
      if (!this.stopped) await this.standby();
    }
  }

  private standby(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.options.pollMs);
      this.wake = () => (clearTimeout(timer), resolve());
    });
  }
}

export interface RoleLeadershipOptions extends Omit<LeadershipOptions, 'applicationName'> {
  /** The role's name in logs and in pg_stat_activity: projection, relay, sla-clock. */
  role: string;
  logger: Logger;
  changed(leader: boolean): void;
}

/**
 * The leadership of one role (a projection, the relay, the SLA clock), with the log lines every role
 * shares; its lock's session shows in pg_stat_activity as `support-ops <role> <key>`.
 */
export function roleLeadership(
  options: RoleLeadershipOptions,
  lead: (session: LeaderSession) => Promise<void>,
): Leadership {
  const { role, logger, changed, ...lock } = options;
  const applicationName = lock.key === role ? `support-ops ${role}` : `support-ops ${role} ${lock.key}`;
  return new Leadership({ ...lock, applicationName }, lead, {
    changed,
    attemptFailed: (error) => logger.warn({ err: error }, `${role} leadership attempt failed`),
    standingBy: () => logger.info(`${role} standing by: another process leads it`),
  });
}
