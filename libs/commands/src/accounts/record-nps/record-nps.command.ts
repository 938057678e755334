import { BusCommand } from '../../bus-command';

export interface RecordNps {
  score: number;
  contactId?: string;
  comment?: string;
}

export class RecordNpsCommand extends BusCommand<RecordNps> {}
