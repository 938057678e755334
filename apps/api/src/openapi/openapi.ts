import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { EXAMPLES } from './examples';
import { RESPONSE_SCHEMAS } from './response-schemas.generated';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const ERROR_BODY = { $ref: '#/components/schemas/ErrorResponse' };
const ERROR_EXAMPLE = {
  code: 'validation_failed',
  message: 'The request is not valid: see details.errors',
  details: {
    errors: [{ field: 'priority', message: 'priority must be one of the following values: low, normal, high, urgent' }],
  },
};

/** Builds the OpenAPI 3.1 document: Nest's from the controllers and DTOs, plus the generated answer schemas. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('Support Ops')
      .setDescription(
        'Event-sourced backend for B2B support operations: commands, read models and operations. Every error answers with an ErrorResponse body.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  const errorResponse = { ...RESPONSE_SCHEMAS.ErrorResponse, example: ERROR_EXAMPLE };
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...RESPONSE_SCHEMAS, ErrorResponse: errorResponse },
  };
  for (const operation of operations(document)) {
    describeErrorBodies(operation);
    addExamples(operation);
  }
  return document;
}

/** Serves the OpenAPI document at /docs (UI) and /docs-json. */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, openApiDocument(app));
}

function* operations(document: OpenAPIObject): Generator<Operation> {
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) if (path[method]) yield path[method];
  }
}

/** Every 4xx and 5xx answer carries the API's error body (readiness's 503 has its own report). */
function describeErrorBodies(operation: Operation): void {
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (Number(status) < 400 || !response || '$ref' in response || response.content) continue;
    response.content = { 'application/json': { schema: ERROR_BODY } };
  }
}

/** Real requests and answers, recorded by the end-to-end test of the document (examples.ts). */
function addExamples(operation: Operation): void {
  const recorded = EXAMPLES[operation.operationId ?? ''];
  if (!recorded) return;
  const body =
    operation.requestBody && !('$ref' in operation.requestBody)
      ? operation.requestBody.content['application/json']
      : undefined;
  if (body && recorded.request !== undefined) body.example = recorded.request;
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const content = response && !('$ref' in response) ? response.content?.['application/json'] : undefined;
    if (content && recorded[status] !== undefined) content.example = recorded[status];
  }
}
