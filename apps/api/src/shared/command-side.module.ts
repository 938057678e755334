import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandingModule } from '@app/commanding';
import { AggregateReader } from './aggregate-reader';

/** What command and query handlers need, with or without HTTP (the API, the seed simulator, worker roles). */
@Module({
  imports: [CqrsModule, CommandingModule],
  providers: [AggregateReader],
  exports: [CqrsModule, CommandingModule, AggregateReader],
})
export class CommandSideModule {}
