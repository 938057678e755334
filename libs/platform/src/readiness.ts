import { Injectable } from '@nestjs/common';

/** A readiness check of a module the platform does not know (read models): details, or throws when not ready. */
export type ReadinessCheck = () => Promise<Record<string, unknown>>;

/** Checks other modules add to GET /ready. */
@Injectable()
export class Readiness {
  readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }
}
