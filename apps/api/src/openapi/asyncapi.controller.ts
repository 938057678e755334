import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { AppConfig } from '@app/config';
import { asyncApiDocument } from '@app/messaging';
import { APP_CONFIG } from '@app/platform';

/** The Kafka messages, machine-readable, beside the OpenAPI document (/docs-json): open like it. */
@ApiExcludeController()
@Controller()
export class AsyncApiController {
  private readonly document: Record<string, unknown>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.document = asyncApiDocument(config.KAFKA_TOPIC_PREFIX);
  }

  @Get('asyncapi-json')
  asyncApi(): Record<string, unknown> {
    return this.document;
  }
}
