import { RequestCommand } from '../../../shared/request-command';
import type { RateCsatRequest } from './rate-csat.request.dto';

export class RateCsatCommand extends RequestCommand<RateCsatRequest> {}
