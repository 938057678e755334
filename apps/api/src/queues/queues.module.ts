import { Module } from '@nestjs/common';
import { ApiSharedModule } from '../shared/api-shared.module';
import { GetQueueCountsHandler } from './queries/get-queue-counts/get-queue-counts.handler';
import { GetQueueCountsHttpController } from './queries/get-queue-counts/get-queue-counts.http.controller';
import { GetQueueHandler } from './queries/get-queue/get-queue.handler';
import { GetQueueHttpController } from './queries/get-queue/get-queue.http.controller';

/** Queue queries on the `queue` read model. */
@Module({
  imports: [ApiSharedModule],
  controllers: [GetQueueHttpController, GetQueueCountsHttpController],
  providers: [GetQueueHandler, GetQueueCountsHandler],
})
export class QueuesHttpModule {}
