import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { slaPolicyDecider, streams, type SlaPolicyState } from '@app/domain';
import { CurrentStateReader, type CurrentState } from '../../../shared/current-state.reader';
import { GetSlaPolicyQuery } from './get-sla-policy.query';

@QueryHandler(GetSlaPolicyQuery)
export class GetSlaPolicyHandler implements IQueryHandler<
  GetSlaPolicyQuery,
  CurrentState<SlaPolicyState & { exists: true }>
> {
  constructor(private readonly reader: CurrentStateReader) {}

  execute({ policyId }: GetSlaPolicyQuery): Promise<CurrentState<SlaPolicyState & { exists: true }>> {
    return this.reader.read(streams.slaPolicy(policyId), slaPolicyDecider, 'sla_policy');
  }
}
