import { BusCommand } from '../../bus-command';

export interface RateCsat {
  score: number;
  comment?: string;
}

export class RateCsatCommand extends BusCommand<RateCsat> {}
