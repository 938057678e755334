import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { calendarDecider } from '@app/domain';
import { streams } from '../../../shared/stream-id.pipe';
import { toCalendarDefinition } from '../../calendar-definition.dto';
import { DefineCalendarCommand } from './define-calendar.command';

@CommandHandler(DefineCalendarCommand)
export class DefineCalendarHandler implements ICommandHandler<DefineCalendarCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id: calendarId, request, meta }: DefineCalendarCommand): Promise<CommandResult> {
    const definition = toCalendarDefinition(request);
    return this.executor.on(streams.calendar(calendarId), calendarDecider).execute(() => ({ kind: 'DefineCalendar', calendarId, definition }), meta);
  }
}
