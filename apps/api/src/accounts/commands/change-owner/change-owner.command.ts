import { RequestCommand } from '../../../shared/request-command';
import type { ChangeOwnerRequest } from './change-owner.request.dto';

export class ChangeOwnerCommand extends RequestCommand<ChangeOwnerRequest> {}
