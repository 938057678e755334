import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@app/commanding';
import { calendarDecider, streams, type CalendarCommand } from '@app/domain';
import { toCalendarDefinition } from '../calendar-input';
import { DefineCalendarCommand } from './define-calendar.command';

@CommandHandler(DefineCalendarCommand)
export class DefineCalendarHandler implements ICommandHandler<DefineCalendarCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ id: calendarId, payload, meta }: DefineCalendarCommand): Promise<CommandResult> {
    const definition = toCalendarDefinition(payload);
    return this.executor.execute(
      streams.calendar(calendarId),
      calendarDecider,
      (): CalendarCommand => ({ kind: 'DefineCalendar', calendarId, definition }),
      meta,
    );
  }
}
