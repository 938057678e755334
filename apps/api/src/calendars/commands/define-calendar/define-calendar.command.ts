import { RequestCommand } from '../../../shared/request-command';
import type { DefineCalendarRequest } from './define-calendar.request.dto';

export class DefineCalendarCommand extends RequestCommand<DefineCalendarRequest> {}
