import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { slaPolicyDecider, type SlaPolicyState } from '@app/domain';
import { AggregateReader, type CurrentState } from '../../../shared/aggregate-reader';
import { streams } from '../../../shared/stream-id.pipe';
import { GetSlaPolicyQuery } from './get-sla-policy.query';

@QueryHandler(GetSlaPolicyQuery)
export class GetSlaPolicyHandler implements IQueryHandler<GetSlaPolicyQuery, CurrentState<SlaPolicyState & { exists: true }>> {
  constructor(private readonly reader: AggregateReader) {}

  execute({ policyId }: GetSlaPolicyQuery): Promise<CurrentState<SlaPolicyState & { exists: true }>> {
    return this.reader.read(streams.slaPolicy(policyId), slaPolicyDecider, 'sla_policy');
  }
}
