import { Module } from '@nestjs/common';
import { ApiSharedModule } from '../shared/api-shared.module';
import {
  GetQueueCountsHttpController,
  GetQueueHttpController,
  ListQueuesHttpController,
} from './queues.http.controller';

/** Queue queries on the `queue` read model. */
@Module({
  imports: [ApiSharedModule],
  controllers: [ListQueuesHttpController, GetQueueHttpController, GetQueueCountsHttpController],
})
export class QueuesHttpModule {}
