import { BusCommand } from '../../bus-command';

export interface AddReply {
  author: { kind: 'agent' | 'customer'; id: string };
  public: boolean;
  body: string;
}

export class AddReplyCommand extends BusCommand<AddReply> {}
