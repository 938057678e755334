import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonalDataCipher } from '@app/privacy';
import { timelinePage } from '@app/projections';
import { ApiAnswer } from '../../../openapi/api-answer.decorator';
import type { AccountTimelineResponse } from '../../../openapi/responses';
import { Authorized } from '../../../shared/auth/auth.guard';
import { MinPosition, ReadsYourWrites } from '../../../shared/min-position.decorator';
import { cursors, isLogPosition, ReadModels } from '../../../shared/read-model';
import { PathParam, ValidQuery } from '../../../shared/request.decorators';
import { GetAccountTimelineRequest } from './get-account-timeline.request';

@ApiTags('accounts')
@Controller('v1/accounts')
export class GetAccountTimelineHttpController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly cipher: PersonalDataCipher,
  ) {}

  @ApiOperation({
    summary: 'Every event of the account and its tickets in log order, with actor, time, summary and payload.',
  })
  @Get(':id/timeline')
  @ApiAnswer('AccountTimelineResponse')
  @ReadsYourWrites()
  @Authorized('read')
  async getAccountTimeline(
    @PathParam('id') accountId: string,
    @ValidQuery(GetAccountTimelineRequest) { limit, cursor, asOf, ...filter }: GetAccountTimelineRequest,
    @MinPosition() minPosition?: string,
  ): Promise<AccountTimelineResponse> {
    const [after] = (cursors.decode(cursor, [isLogPosition]) ?? ['0']) as [string];
    const bound = asOf === undefined ? undefined : isLogPosition(asOf) ? { position: asOf } : { recordedBy: asOf };
    const model = await this.readModels.open('timeline', minPosition);
    const page = await timelinePage(model, (events) => this.cipher.open(events), {
      accountId,
      after,
      filter: { ...filter, asOf: bound },
      limit: limit ?? 100,
    });
    return { accountId, entries: page.entries, nextCursor: page.next && cursors.encode([page.next]) };
  }
}
