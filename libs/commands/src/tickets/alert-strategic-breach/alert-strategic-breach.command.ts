import type { CommandMeta } from '@app/commanding';

/** From the triggers: SLA target `instance` breached on a strategic account. No HTTP route. */
export class AlertStrategicBreachCommand {
  constructor(
    readonly ticketId: string,
    readonly instance: string,
    readonly meta: CommandMeta,
  ) {}
}
