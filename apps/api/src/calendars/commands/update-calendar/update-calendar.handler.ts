import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, SlaCatalog, type CommandResult } from '@app/commanding';
import { calendarDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { toCalendarDefinition } from '../../calendar-definition.dto';
import { UpdateCalendarCommand } from './update-calendar.command';

@CommandHandler(UpdateCalendarCommand)
export class UpdateCalendarHandler implements ICommandHandler<UpdateCalendarCommand, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly catalog: SlaCatalog,
  ) {}

  async execute({ id: calendarId, request, meta }: UpdateCalendarCommand): Promise<CommandResult> {
    const definition = toCalendarDefinition(request);
    const policies = (await this.catalog.policiesOn(calendarId)).map(({ policyId, definition: policy }) => ({ policyId, targets: policy.targets }));
    return this.executor.on(streams.calendar(calendarId), calendarDecider).execute(() => ({ kind: 'UpdateCalendar', calendarId, definition, policies }), meta);
  }
}
