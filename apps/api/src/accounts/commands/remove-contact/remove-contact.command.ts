import { RequestCommand } from '../../../shared/request-command';

export class RemoveContactCommand extends RequestCommand<string> {}
