import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { TimeZone } from '@app/validation';
import { documented, REQUEST_BODIES } from '../shared/request.decorators';
import { RETRY_AFTER_SECONDS } from '../shared/api-error.filter';
import { EXAMPLES } from './examples';
import { RESPONSE_SCHEMAS } from './response-schemas.generated';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type ParameterObject = Extract<NonNullable<Operation['parameters']>[number], { in: string }>;
type Schema = Record<string, unknown>;
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const ERROR_BODY = { $ref: '#/components/schemas/ErrorResponse' };
const ERROR_EXAMPLE = {
  code: 'validation_failed',
  message: 'The request is not valid: see details.errors',
  details: {
    errors: [{ field: 'priority', message: 'must be one of low, normal, high, urgent' }],
  },
};
/** Said once, in the document's description: what no schema can say of a JSON string. */
const TEXT_RULE =
  'Strings are Unicode text: a JSON string holding an unpaired surrogate (\\ud800) is refused with a 400 naming its field.';

/** Builds the OpenAPI 3.1 document: Nest's from the controllers, the request schemas that validate, the answer schemas generated from their types. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('Support Ops')
      .setDescription(
        `Event-sourced backend for B2B support operations: commands, read models and operations. Every error answers with an ErrorResponse body; a 503 carries Retry-After. ${TEXT_RULE}`,
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { operationIdFactory },
  );
  const errorResponse = { ...RESPONSE_SCHEMAS.ErrorResponse, example: ERROR_EXAMPLE };
  const requests = Object.fromEntries([...REQUEST_BODIES].map(([name, schema]) => [name, documented(schema)]));
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...RESPONSE_SCHEMAS,
      ...(requests as Record<string, Schema>),
      TimeZone: documented(TimeZone, false) as Schema,
      ErrorResponse: errorResponse,
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      describeRefusals(operation, path, document);
      addExamples(operation);
      linkCreated(operation, path, document);
    }
  }
  return document;
}

/**
 * An operation's id, as generated clients name their methods: `<Method>HttpController_<method>`
 * (`OpenTicketHttpController_openTicket`), the ids the document has always given, whichever
 * controller class of its context holds the route.
 */
function operationIdFactory(controller: string, method: string): string {
  if (!controller.endsWith('HttpController')) return `${controller}_${method}`;
  return `${method[0].toUpperCase()}${method.slice(1)}HttpController_${method}`;
}

/** Serves the OpenAPI document at /docs (UI) and /docs-json. */
export function setUpOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document);
}

/** Every rule a schema carries beyond what JSON Schema states (shapes.ts `rule`), by the field's path. */
function rulesOf(schema: unknown, document: OpenAPIObject, at = ''): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Schema;
  if (typeof node.$ref === 'string')
    return rulesOf(document.components?.schemas?.[node.$ref.split('/').pop() as string], document, at);
  const own = typeof node['x-rule'] === 'string' ? [`${at || 'body'}: ${node['x-rule'] as string}`] : [];
  const properties = Object.entries((node.properties as Record<string, unknown>) ?? {}).flatMap(([key, value]) =>
    rulesOf(value, document, at ? `${at}.${key}` : key),
  );
  const branches = [...((node.anyOf as unknown[]) ?? []), node.items].flatMap((branch) =>
    rulesOf(branch, document, at),
  );
  return [...own, ...properties, ...branches];
}

/**
 * Every refusal an operation can answer, each with the error body: 400 when it takes input (with
 * the rules beyond its schema), 503 with Retry-After under /v1 (the database is down, a read model
 * behind); 401, 403, 404 and the command answers come from their decorators.
 */
function describeRefusals(operation: Operation, path: string, document: OpenAPIObject): void {
  const parameters = (operation.parameters ?? []).filter(
    (parameter): parameter is ParameterObject => !('$ref' in parameter),
  );
  const body = operation.requestBody && !('$ref' in operation.requestBody) ? operation.requestBody : undefined;
  const takesInput = body !== undefined || parameters.some((parameter) => parameter.in !== 'path');
  if (takesInput) {
    const rules = [
      ...rulesOf(body?.content['application/json']?.schema, document),
      ...parameters.flatMap((parameter) => rulesOf(parameter.schema, document, parameter.name)),
    ];
    const beyond = rules.length > 0 ? `, or breaks a rule the schema cannot state: ${rules.join('; ')}` : '';
    operation.responses['400'] = {
      description: `The request breaks its schema${beyond}. details.errors names each field.`,
    };
  }
  if (path.startsWith('/v1/'))
    operation.responses['503'] = {
      description:
        'The database cannot be reached (database_unavailable), or a read model or the log has not reached X-Min-Position yet: retry after Retry-After seconds',
      headers: { 'Retry-After': { schema: { type: 'integer', enum: [RETRY_AFTER_SECONDS] } } },
    };
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (Number(status) < 400 || !response || '$ref' in response || response.content) continue;
    response.content = { 'application/json': { schema: ERROR_BODY } };
  }
}

/**
 * Links from a create to what can be done with what it created (the id of its answer): a client,
 * or a tester following them, can chain POST /v1/accounts to POST /v1/accounts/{id}/contacts.
 */
function linkCreated(operation: Operation, path: string, document: OpenAPIObject): void {
  const created = operation.responses['201'];
  if (!created || '$ref' in created) return;
  const below = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}/\\{(\\w+)\\}`);
  const links: Record<string, unknown> = {};
  for (const [target, item] of Object.entries(document.paths)) {
    const match = below.exec(target);
    if (!match) continue;
    const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, `$request.path.${name}`]);
    for (const method of HTTP_METHODS) {
      const linked = item[method]?.operationId;
      if (!linked) continue;
      links[linked] = {
        operationId: linked,
        parameters: Object.fromEntries([...pathParameters, [match[1], '$response.body#/id']]),
      };
    }
  }
  if (Object.keys(links).length > 0) created.links = links as typeof created.links;
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
