import { RequestCommand } from '../../../shared/request-command';
import type { RecordNpsRequest } from './record-nps.request.dto';

export class RecordNpsCommand extends RequestCommand<RecordNpsRequest> {}
