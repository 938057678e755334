/** The source of `occurredAt` and of every command's instant; tests and the SLA clock inject their own. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
