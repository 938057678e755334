import { Module } from '@nestjs/common';
import { ApiSharedModule } from '../shared/api-shared.module';
import { GetQueueCountsHandler } from './queries/get-queue-counts/get-queue-counts.handler';
import { GetQueueCountsHttpController } from './queries/get-queue-counts/get-queue-counts.http.controller';
import { GetQueueHandler } from './queries/get-queue/get-queue.handler';
import { GetQueueHttpController } from './queries/get-queue/get-queue.http.controller';
import { ListQueuesHandler } from './queries/list-queues/list-queues.handler';
import { ListQueuesHttpController } from './queries/list-queues/list-queues.http.controller';

/** Queue queries on the `queue` read model. */
@Module({
  imports: [ApiSharedModule],
  controllers: [ListQueuesHttpController, GetQueueHttpController, GetQueueCountsHttpController],
  providers: [ListQueuesHandler, GetQueueHandler, GetQueueCountsHandler],
})
export class QueuesHttpModule {}
