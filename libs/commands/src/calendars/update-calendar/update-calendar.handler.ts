import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, SlaCatalog, type CommandResult } from '@app/commanding';
import { calendarDecider, streams, type CalendarCommand } from '@app/domain';
import { toCalendarDefinition } from '../calendar-input';
import { UpdateCalendarCommand } from './update-calendar.command';

@CommandHandler(UpdateCalendarCommand)
export class UpdateCalendarHandler implements ICommandHandler<UpdateCalendarCommand, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly catalog: SlaCatalog,
  ) {}

  async execute({ id: calendarId, payload, meta }: UpdateCalendarCommand): Promise<CommandResult> {
    const definition = toCalendarDefinition(payload);
    const policies = (await this.catalog.policiesOn(calendarId)).map(({ policyId, definition: policy }) => ({
      policyId,
      targets: policy.targets,
    }));
    return this.executor.execute(
      streams.calendar(calendarId),
      calendarDecider,
      (): CalendarCommand => ({ kind: 'UpdateCalendar', calendarId, definition, policies }),
      meta,
    );
  }
}
