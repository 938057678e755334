import { ApiOkResponse } from '@nestjs/swagger';

/**
 * A GET's answer in the OpenAPI document: the schema generated from the type of that name in
 * responses.ts, which the handler returns (a test checks that every reference resolves).
 */
export const ApiAnswer = (type: string, description = 'The answer') =>
  ApiOkResponse({ description, schema: { $ref: `#/components/schemas/${type}` } });
