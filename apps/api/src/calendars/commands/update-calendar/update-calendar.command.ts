import { RequestCommand } from '../../../shared/request-command';
import type { UpdateCalendarRequest } from './update-calendar.request.dto';

export class UpdateCalendarCommand extends RequestCommand<UpdateCalendarRequest> {}
